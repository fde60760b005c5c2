import { doc, mention, paragraph, strong, text } from '@atlaskit/adf-utils/builders';
import { type FindingStatus } from '../../core/finding/finding';
import { type TriageOutcome } from '../../core/triage/triage-types';
import { type TransitionTarget } from '../../core/transitions/transition-choice';
import { type V2Status } from '../../infra/zeropath/zeropath-statuses';
import { type AdfDocument } from '../../infra/jira/jira-schemas';
import { redactSecrets } from '../../core/redaction/redact-secrets';

const withoutSecrets = (value: string): string => redactSecrets(value, { mode: 'detect' }).text;

/** How the app names a finding status to people (comments, audit trail, summaries). */
export const STATUS_LABEL: Readonly<Record<FindingStatus, string>> = {
  open: 'open',
  in_progress: 'in progress',
  resolved: 'resolved',
  false_positive: 'false positive',
  non_exploitable: 'not exploitable',
  accepted_risk: 'accepted risk',
};

/** A closure outcome as ZeroPath's V2 status (V1 actions carry no reason; the reason is the evidence). */
export const V2_STATUS_OF_OUTCOME: Readonly<Record<TriageOutcome, V2Status>> = {
  resolved: 'RESOLVED',
  false_positive: 'FALSE_POSITIVE',
  accepted_risk: 'ACCEPTED_RISK',
};

/**
 * Reopening from Jira: a person moved the work back, so the finding is confirmed and under review
 * (REVIEWING), not brand new (PENDING_REVIEW). Both read back as V1 `open`.
 */
export const REOPEN_V2_STATUS: V2Status = 'REVIEWING';

/** Which Jira move a finding status asks for; open ↔ in progress is not a Jira concern. */
export function transitionTargetFor(
  previous: FindingStatus,
  next: FindingStatus,
): TransitionTarget | undefined {
  const wasOpen = previous === 'open' || previous === 'in_progress';
  switch (next) {
    case 'open':
    case 'in_progress':
      return wasOpen ? undefined : 'reopened';
    default:
      return next;
  }
}

/**
 * The app-authored comment that says what changed in ZeroPath and why the issue moved (or did not).
 * The sweep's and bulk triage's Jira comments are built here, so this is where their free text (a
 * person's reason inside the explanation, the URL ZeroPath sent) passes the secret detector.
 */
export function sweepComment(input: {
  from: FindingStatus;
  to: FindingStatus;
  outcome: 'transitioned' | 'no_transition';
  explanation: string;
  findingUrl: string;
}): AdfDocument {
  // ZeroPath's API does not say who changed a finding, so the comment says where it happened instead.
  const tail =
    input.outcome === 'transitioned'
      ? ', so ZeroPath for Jira moved this issue to match. (ZeroPath does not report who made the change.)'
      : ', but ZeroPath for Jira could not move this issue to match. (ZeroPath does not report who made the change.)';
  return doc(
    paragraph(
      text('In ZeroPath, this finding changed from '),
      strong(STATUS_LABEL[input.from]),
      text(' to '),
      strong(STATUS_LABEL[input.to]),
      text(tail),
    ),
    paragraph(text(withoutSecrets(input.explanation))),
    ...(input.outcome === 'no_transition'
      ? [
          paragraph(
            text('Move the issue by hand, or ask a Jira admin to add a fitting transition to the workflow.'),
          ),
        ]
      : []),
    paragraph(text(`Finding: ${withoutSecrets(input.findingUrl)}`)),
  );
}

/**
 * Bulk triage's word on each issue it moved. The move itself is the calling admin's (so Jira
 * checks their Transition Issues permission); this explanation is written by the app, as its own
 * comment, so it carries the app's author (accountType `app`) and can never be read as a person's
 * evidence by closure triage or mirrored back to ZeroPath. It names who decided with a mention.
 */
export function bulkTriageComment(input: {
  actorAccountId: string;
  from: FindingStatus;
  to: FindingStatus;
  explanation: string;
  reason: string;
  findingUrl: string;
}): AdfDocument {
  return doc(
    paragraph(
      text('ZeroPath for Jira: '),
      mention({ id: input.actorAccountId }),
      text(' triaged the ZeroPath finding from '),
      strong(STATUS_LABEL[input.from]),
      text(' to '),
      strong(STATUS_LABEL[input.to]),
      text(' on the findings page, and this issue moved with it.'),
    ),
    paragraph(text(withoutSecrets(input.explanation))),
    paragraph(text(`Reason: ${withoutSecrets(input.reason)}`)),
    paragraph(text(`Finding: ${withoutSecrets(input.findingUrl)}`)),
  );
}

/**
 * Export of a finding already closed in ZeroPath, when the person chose to export it anyway: the
 * issue is created and closed at once, and this says who asked for that and why it is not open work.
 */
export function closedOnExportComment(input: {
  actorAccountId: string;
  status: FindingStatus;
  explanation: string;
  findingUrl: string;
}): AdfDocument {
  return doc(
    paragraph(
      text('ZeroPath for Jira: '),
      mention({ id: input.actorAccountId }),
      text(' exported this finding although it is already '),
      strong(STATUS_LABEL[input.status]),
      text(' in ZeroPath, and chose to record it closed, so the issue was moved to a done status right away.'),
    ),
    paragraph(text(withoutSecrets(input.explanation))),
    paragraph(text(`Finding: ${withoutSecrets(input.findingUrl)}`)),
  );
}

/**
 * The app's word when a dated accepted-risk exception ends: the finding is open again in ZeroPath
 * and the issue is back in the work queue (or, when the workflow offers no way back, why not).
 */
export function riskExpiryComment(input: {
  acceptedOn: string;
  until: string;
  jira: 'moved' | 'not_moved' | 'already_there';
  explanation: string;
  findingUrl: string;
}): AdfDocument {
  const jiraSentence = {
    moved: 'This issue moved back to the work queue: ',
    already_there: 'This issue was already in the work queue: ',
    not_moved: 'ZeroPath for Jira could not move this issue back: ',
  }[input.jira];
  return doc(
    paragraph(
      text('ZeroPath for Jira: the risk acceptance of '),
      strong(input.acceptedOn),
      text(' expired on '),
      strong(input.until),
      text('. The finding is open again in ZeroPath, waiting for review.'),
    ),
    paragraph(text(jiraSentence), text(withoutSecrets(input.explanation))),
    ...(input.jira === 'not_moved'
      ? [
          paragraph(
            text('Move the issue by hand, or ask a Jira admin to add a fitting transition to the workflow.'),
          ),
        ]
      : []),
    paragraph(text(`Finding: ${withoutSecrets(input.findingUrl)}`)),
  );
}
