import { type FindingStatus } from '../../core/finding/finding';
import { chooseTransition } from '../../core/transitions/transition-choice';
import { type JiraClient } from '../../infra/jira/jira-client';
import { type AdfDocument } from '../../infra/jira/jira-schemas';
import { sweepComment, transitionTargetFor } from './sync-messages';

export type MoveOutcome =
  | { outcome: 'transitioned'; explanation: string; toStatusId: string }
  | { outcome: 'already_there'; explanation: string }
  | { outcome: 'no_fitting_transition'; explanation: string };

/**
 * Moves a linked Jira issue to match its finding's new status with the workflow's own transitions
 * (chooseTransition: completion for resolved, cancellation preferred for false positive and
 * accepted risk, to-do for reopened, a fitting resolution when the screen offers one). The
 * transition carries the app comment explaining it, so a move costs one write on the issue.
 *
 * A comment added with a transition is authored by whoever makes the transition, so it is only
 * the app's when `jira` acts as the app (the status sweep). Callers that move the issue as a person
 * (the issue panel, bulk triage) pass `comment: false` and write their explanation as the app in a
 * separate comment: in the app's voice under a person's name it would read as that person's words,
 * and closure triage would count it as human evidence.
 */
export async function moveLinkedIssue(
  jira: JiraClient,
  input: {
    issueId: string;
    from: FindingStatus;
    to: FindingStatus;
    findingUrl: string;
    /** false: no comment; a function: its comment instead of the sweep's, given how the issue moved. */
    comment?: boolean | ((explanation: string) => AdfDocument);
  },
): Promise<MoveOutcome> {
  const target = transitionTargetFor(input.from, input.to);
  if (target === undefined)
    return { outcome: 'already_there', explanation: 'No Jira move is needed for this change.' };
  const issue = await jira.getIssue(input.issueId, ['status']);
  const status = issue.fields['status'] as { statusCategory?: { key?: string } } | undefined;
  const categoryKey = status?.statusCategory?.key;
  const transitions = await jira.getTransitions(input.issueId, true);
  const choice = chooseTransition(
    transitions,
    target,
    categoryKey === undefined ? undefined : { statusCategoryKey: categoryKey },
  );
  if ('none' in choice) {
    return /already in/.test(choice.explanation)
      ? { outcome: 'already_there', explanation: choice.explanation }
      : { outcome: 'no_fitting_transition', explanation: choice.explanation };
  }
  const fields = choice.resolution === undefined ? undefined : { resolution: choice.resolution };
  const toStatusId = transitions.find((t) => t.id === choice.transitionId)?.to.id ?? '';
  if (input.comment === false) {
    await jira.transitionIssue(input.issueId, choice.transitionId, fields);
    return { outcome: 'transitioned', explanation: choice.explanation, toStatusId };
  }
  const comment =
    typeof input.comment === 'function'
      ? input.comment(choice.explanation)
      : sweepComment({
          from: input.from,
          to: input.to,
          outcome: 'transitioned',
          explanation: choice.explanation,
          findingUrl: input.findingUrl,
        });
  await jira.transitionIssue(input.issueId, choice.transitionId, fields, {
    comment: [{ add: { body: comment } }],
  });
  return { outcome: 'transitioned', explanation: choice.explanation, toStatusId };
}
