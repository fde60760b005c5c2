import { type Finding, type FindingStatus } from '../../core/finding/finding';
import { type FindingLink } from '../../core/link/finding-link';
import { type JiraClient } from '../../infra/jira/jira-client';
import { JiraNotFoundError } from '../../infra/jira/jira-errors';
import { type HealthStore } from '../../infra/store/health-store';
import { type LinkStore } from '../../infra/store/link-store';
import { type SyncStateStore } from '../../infra/store/sync-state-store';
import { type ChangeCursor } from '../../infra/zeropath/zeropath-client';
import { type ZeroPathSession } from '../connection/zeropath-access';
import { retryAfterSecondsOf } from './sync-errors';
import { moveLinkedIssue } from './move-linked-issue';
import { sweepComment } from './sync-messages';

/**
 * ZeroPath → Jira: the scheduled sweep. It reads only the findings that changed since its stored
 * cursor (cost follows the changes, not the size of the backlog) and moves each linked issue with
 * the workflow's own transitions, explaining every move, or its absence, in an app comment.
 */
export interface ZeroPathSweepDeps {
  links: LinkStore;
  health: HealthStore;
  syncState: SyncStateStore;
  jira: JiraClient;
  openZeroPath(): Promise<ZeroPathSession>;
  now(): Date;
}

export const SWEEP_CURSOR = 'zeropath-status-sweep';
/** The first sweep has no cursor: it looks back this far instead of reading every finding. */
export const FIRST_SWEEP_LOOKBACK_MS = 24 * 3600 * 1000;

export interface SweepItemResult {
  findingId: string;
  issueKey: string;
  outcome: 'transitioned' | 'already_there' | 'no_fitting_transition' | 'echo' | 'failed';
  detail: string;
}

export interface SweepSummary {
  changesRead: number;
  linked: number;
  results: SweepItemResult[];
  /** Set when the sweep stopped early because a side asked it to wait; the cursor did not move. */
  retryAfterSeconds?: number;
  cursorAdvanced: boolean;
}

export async function sweepZeroPathChanges(
  deps: ZeroPathSweepDeps,
): Promise<SweepSummary | { skipped: string }> {
  const session = await deps.openZeroPath();
  if (!session.config.sync.sweepEnabled) return { skipped: 'The ZeroPath status sweep is switched off.' };
  const stored = await deps.syncState.readCursor(SWEEP_CURSOR);
  const cursor: ChangeCursor = stored ?? {
    updatedAt: new Date(deps.now().getTime() - FIRST_SWEEP_LOOKBACK_MS).toISOString(),
    idsAtUpdatedAt: [],
  };
  const changes = await session.client.readChangesSince(cursor);
  const results: SweepItemResult[] = [];
  let linked = 0;
  let retryAfterSeconds: number | undefined;
  let failed = false;
  // Oldest first, so the audit trail and comments read in the order things happened.
  const ordered = [...changes.changes].sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt));
  for (const finding of ordered) {
    const link = await deps.links.getByFinding(finding.id);
    if (link === undefined) continue;
    linked += 1;
    try {
      const result = await syncFinding(deps, link, finding);
      if (result) results.push(result);
    } catch (error) {
      const message = error instanceof Error ? error.message : 'unknown error';
      results.push({ findingId: finding.id, issueKey: link.issueKey, outcome: 'failed', detail: message });
      retryAfterSeconds = retryAfterSecondsOf(error);
      if (retryAfterSeconds !== undefined) {
        // Rate limited or down: the rest would fail the same way; the next run picks them all up.
        failed = true;
        break;
      }
      // Waiting would not fix it (Jira refused the move): recorded, and not retried every five
      // minutes for ever; the next ZeroPath change of this finding tries again.
      await deps.links.save({
        ...link,
        snapshot: { ...link.snapshot, status: finding.status, updatedAt: finding.updatedAt },
      });
      await deps.links.appendAudit({
        at: deps.now().toISOString(),
        findingId: finding.id,
        issueKey: link.issueKey,
        actor: 'zeropath',
        source: 'zeropath',
        action: 'jira-sync-failed',
        from: link.snapshot.status,
        to: finding.status,
        detail: message,
      });
    }
  }
  // The cursor stays put only when a side asked to wait; items already done are no-ops next time
  // because their link snapshot now matches ZeroPath.
  const advance = !failed && changes.cursor !== null;
  if (advance && changes.cursor) await deps.syncState.writeCursor(SWEEP_CURSOR, changes.cursor);
  const noFit = results.filter((r) => r.outcome === 'no_fitting_transition');
  const failures = results.filter((r) => r.outcome === 'failed');
  const problems = [...noFit, ...failures];
  await deps.health.recordRun(
    'zeropath-sweep',
    problems.length === 0
      ? { ok: true }
      : { ok: false, message: problems.map((p) => `${p.issueKey}: ${p.detail}`).join(' | ') },
  );
  return {
    changesRead: changes.changes.length,
    linked,
    results,
    cursorAdvanced: advance,
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  };
}

async function syncFinding(
  deps: ZeroPathSweepDeps,
  link: FindingLink,
  finding: Finding,
): Promise<SweepItemResult | undefined> {
  const previous = link.snapshot.status;
  if (finding.status === previous) return undefined;
  const at = deps.now().toISOString();
  const base = { findingId: finding.id, issueKey: link.issueKey };
  if (finding.status === link.lastWritten.zeropathStatus) {
    // Our own write coming back through the change feed: nothing to do in Jira.
    await deps.links.save(withStatus(link, finding));
    return { ...base, outcome: 'echo', detail: 'status the app wrote itself' };
  }
  // A person or scan in ZeroPath changed it: an older "the app wrote this" no longer holds.
  const { zeropathStatus: _dropped, ...lastWritten } = link.lastWritten;
  const fresh: FindingLink = { ...withStatus(link, finding), lastWritten };
  const audit = (action: string, detail: string) =>
    deps.links.appendAudit({
      at,
      findingId: finding.id,
      issueKey: link.issueKey,
      actor: 'zeropath',
      source: 'zeropath',
      action,
      from: previous,
      to: finding.status,
      detail,
    });
  let moved;
  try {
    moved = await moveLinkedIssue(deps.jira, {
      issueId: link.issueId,
      from: previous,
      to: finding.status,
      findingUrl: finding.url,
    });
  } catch (error) {
    if (!(error instanceof JiraNotFoundError)) throw error;
    // Deleted (or hidden from the app): the delete trigger removes the link; don't fail the sweep.
    await deps.links.save(fresh);
    return {
      ...base,
      outcome: 'failed',
      detail: `Jira issue ${link.issueKey} no longer exists or the app cannot see it.`,
    };
  }
  if (moved.outcome === 'already_there') {
    await deps.links.save(fresh);
    await audit('status-changed', `Jira issue needs no move: ${moved.explanation}`);
    return { ...base, outcome: 'already_there', detail: moved.explanation };
  }
  if (moved.outcome === 'no_fitting_transition') {
    // Silence would leave people thinking the two sides agree: say so on the issue and on Health.
    await deps.jira.addComment(
      link.issueId,
      sweepComment({
        from: previous,
        to: finding.status,
        outcome: 'no_transition',
        explanation: moved.explanation,
        findingUrl: finding.url,
      }),
    );
    await deps.links.save(fresh);
    await audit('jira-transition-missing', moved.explanation);
    return { ...base, outcome: 'no_fitting_transition', detail: moved.explanation };
  }
  await deps.links.save({
    ...fresh,
    lastWritten: { ...fresh.lastWritten, jiraStatusId: moved.toStatusId, at },
  });
  await audit('jira-transitioned', moved.explanation);
  return { ...base, outcome: 'transitioned', detail: moved.explanation };
}

function withStatus(link: FindingLink, finding: Finding): FindingLink {
  const status: FindingStatus = finding.status;
  return { ...link, snapshot: { ...link.snapshot, status, updatedAt: finding.updatedAt } };
}
