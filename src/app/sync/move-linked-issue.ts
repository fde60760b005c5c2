import { type FindingStatus } from '../../core/finding/finding';
import { chooseTransition } from '../../core/transitions/transition-choice';
import { type JiraClient } from '../../infra/jira/jira-client';
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
 * `comment: false` moves without that comment: the issue panel moves the issue as the person who
 * triaged it, and a comment in the app's voice must not appear under their name (closure triage
 * would also read it as theirs); the panel says what happened in its own app comment instead.
 */
export async function moveLinkedIssue(
  jira: JiraClient,
  input: {
    issueId: string;
    from: FindingStatus;
    to: FindingStatus;
    findingUrl: string;
    reason?: string;
    comment?: boolean;
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
  const comment = sweepComment({
    from: input.from,
    to: input.to,
    outcome: 'transitioned',
    explanation:
      input.reason === undefined ? choice.explanation : `${choice.explanation} Reason: ${input.reason}`,
    findingUrl: input.findingUrl,
  });
  await jira.transitionIssue(input.issueId, choice.transitionId, fields, {
    comment: [{ add: { body: comment } }],
  });
  return { outcome: 'transitioned', explanation: choice.explanation, toStatusId };
}
