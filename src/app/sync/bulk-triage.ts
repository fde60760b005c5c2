import pLimit from 'p-limit';
import {
  type BulkTriageFailure,
  type BulkTriagePayload,
  type BulkTriageSummary,
} from '../../contract/triage';
import { type FindingLink } from '../../core/link/finding-link';
import { redactSecrets } from '../../core/redaction/redact-secrets';
import { type JiraClient } from '../../infra/jira/jira-client';
import { type LinkStore } from '../../infra/store/link-store';
import { ZeroPathNotFoundError, ZeroPathRequestError } from '../../infra/zeropath/zeropath-errors';
import { type ZeroPathClient } from '../../infra/zeropath/zeropath-client';
import { moveLinkedIssue } from './move-linked-issue';
import { bulkTriageComment, V2_STATUS_OF_OUTCOME } from './sync-messages';
import { errorMessage } from '../../core/error-message';

/**
 * Bulk triage: ZeroPath first (one batch call, split per finding only when the batch is refused),
 * then every linked Jira issue, a few at a time. One failure never stops the rest; the summary
 * names each failure and why.
 */
export interface BulkTriageDeps {
  zeroPath: ZeroPathClient;
  /** As the calling user, so Jira itself enforces who may transition what. */
  jira: JiraClient;
  /**
   * As the app: writes the comment explaining each move, so it carries the app's author and is
   * never taken for the admin's own words (closure triage ignores only app comments).
   */
  jiraAsApp: JiraClient;
  links: LinkStore;
  now(): Date;
}

/**
 * Issues moved in parallel. Each move is a few calls on a different issue with two writes (the
 * user's transition, the app's comment), so the per-issue write limit (20 per 2 s) is never approached; the cap keeps the app well inside Jira's burst
 * budget (100 requests/s per route) shared with everything else on the site.
 */
export const JIRA_CONCURRENCY = 4;
const ZEROPATH_CONCURRENCY = 4;

export async function bulkTriage(
  deps: BulkTriageDeps,
  payload: BulkTriagePayload,
  actor: { accountId: string },
): Promise<BulkTriageSummary> {
  const failures: BulkTriageFailure[] = [];
  const outcome = payload.outcome;
  // What a person types goes through the secret detector before Jira or the audit trail (which
  // the issue panel shows) sees it, as on the issue panel.
  const typedReason = redactSecrets(payload.reason, { mode: 'detect' }).text;
  const reason = `Bulk triage in Jira by ${actor.accountId}: ${typedReason}`;
  const updated = await updateZeroPath(deps.zeroPath, payload.findingIds, outcome, reason, failures);

  const links = await Promise.all(
    updated.map(async (id) => ({ id, link: await deps.links.getByFinding(id) })),
  );
  const linked = links.filter((l): l is { id: string; link: FindingLink } => l.link !== undefined);
  let transitioned = 0;
  let alreadyThere = 0;
  const limit = pLimit(JIRA_CONCURRENCY);
  await Promise.all(
    linked.map(({ link }) =>
      limit(async () => {
        const at = deps.now().toISOString();
        const previous = link.snapshot.status;
        // ZeroPath now holds the new status, written by the app: the sweep must treat it as an echo.
        // Bulk triage takes no date, so its decision ends any dated exception (the expiry step
        // drops that exception's index entry when its day comes, touching nothing).
        const { acceptedRisk: _ended, ...rest } = link;
        let current: FindingLink = {
          ...rest,
          snapshot: { ...link.snapshot, status: outcome },
          lastWritten: { ...link.lastWritten, zeropathStatus: outcome, at },
        };
        await deps.links.appendAudit({
          at,
          findingId: link.findingId,
          issueKey: link.issueKey,
          actor: actor.accountId,
          source: 'app',
          action: 'bulk-triage',
          from: previous,
          to: outcome,
          detail: typedReason,
        });
        try {
          // Moved as the admin without a comment: a comment on their transition would be theirs.
          const moved = await moveLinkedIssue(deps.jira, {
            issueId: link.issueId,
            from: previous,
            to: outcome,
            findingUrl: link.snapshot.url,
            comment: false,
          });
          if (moved.outcome === 'transitioned') {
            transitioned += 1;
            current = { ...current, lastWritten: { ...current.lastWritten, jiraStatusId: moved.toStatusId } };
            try {
              await deps.jiraAsApp.addComment(
                link.issueId,
                bulkTriageComment({
                  actorAccountId: actor.accountId,
                  from: previous,
                  to: outcome,
                  explanation: moved.explanation,
                  reason: typedReason,
                  findingUrl: link.snapshot.url,
                }),
              );
            } catch (error) {
              // The issue did move; only its explanation is missing, and the admin should know.
              failures.push({
                findingId: link.findingId,
                issueKey: link.issueKey,
                stage: 'jira',
                reason: `The issue moved, but the app's comment explaining why could not be added: ${messageOf(error)}`,
              });
            }
            await deps.links.appendAudit({
              at,
              findingId: link.findingId,
              issueKey: link.issueKey,
              actor: actor.accountId,
              source: 'app',
              action: 'jira-transitioned',
              from: previous,
              to: outcome,
              detail: moved.explanation,
            });
          } else if (moved.outcome === 'already_there') {
            alreadyThere += 1;
          } else {
            failures.push({
              findingId: link.findingId,
              issueKey: link.issueKey,
              stage: 'jira',
              reason: moved.explanation,
            });
          }
        } catch (error) {
          failures.push({
            findingId: link.findingId,
            issueKey: link.issueKey,
            stage: 'jira',
            reason: messageOf(error),
          });
        } finally {
          await deps.links.save(current);
        }
      }),
    ),
  );
  return {
    requested: payload.findingIds.length,
    zeropathUpdated: updated.length,
    jiraTransitioned: transitioned,
    jiraAlreadyThere: alreadyThere,
    notLinked: updated.length - linked.length,
    failures: sortFailures(failures, payload.findingIds),
  };
}

/** The ids ZeroPath accepted. ZeroPath refuses a whole batch for one bad id, so a refusal is retried one by one. */
async function updateZeroPath(
  client: ZeroPathClient,
  ids: readonly string[],
  outcome: BulkTriagePayload['outcome'],
  reason: string,
  failures: BulkTriageFailure[],
): Promise<string[]> {
  const status = V2_STATUS_OF_OUTCOME[outcome];
  try {
    await client.updateStatus(ids, status, reason);
    return [...ids];
  } catch (error) {
    if (!(error instanceof ZeroPathNotFoundError || error instanceof ZeroPathRequestError)) {
      // An outage or rate limit hits every finding alike: report each, change nothing else.
      for (const id of ids) failures.push({ findingId: id, stage: 'zeropath', reason: messageOf(error) });
      return [];
    }
  }
  const limit = pLimit(ZEROPATH_CONCURRENCY);
  const accepted: string[] = [];
  await Promise.all(
    ids.map((id) =>
      limit(async () => {
        try {
          await client.updateStatus([id], status, reason);
          accepted.push(id);
        } catch (error) {
          failures.push({ findingId: id, stage: 'zeropath', reason: messageOf(error) });
        }
      }),
    ),
  );
  const order = new Map(ids.map((id, index) => [id, index]));
  return accepted.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
}

function sortFailures(failures: BulkTriageFailure[], ids: readonly string[]): BulkTriageFailure[] {
  const order = new Map(ids.map((id, index) => [id, index]));
  return [...failures].sort((a, b) => (order.get(a.findingId) ?? 0) - (order.get(b.findingId) ?? 0));
}

function messageOf(error: unknown): string {
  return errorMessage(error, 'Unknown error');
}
