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
import { errorMessage } from '../../core/error-message';

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
  /** How much one run may do; without it, DEFAULT_SWEEP_LIMITS and no clock. */
  limits?: SweepLimits;
}

/**
 * The bound on one run. A scheduled trigger is killed at its timeout and never retried, so the
 * sweep stops taking new changes when either bound is hit and stores a cursor just past the last
 * change it finished; the next run (five minutes later) resumes there, so nothing is lost or done
 * twice.
 */
export interface SweepLimits {
  /** Changes examined per run (linked or not: each costs a KVS read, a linked one a few Jira calls). */
  maxChangesPerRun: number;
  /** What is left of the invocation, in ms (the entry passes `getAppContext().invocationRemainingTimeInMillis`). */
  remainingMs?: () => number;
  /**
   * No new change is started with less than this left: one change can wait out a Jira 429 (the
   * sweep's per-call retry budget) and the cursor and Health still have to be written.
   */
  reserveMs: number;
}

export const DEFAULT_SWEEP_LIMITS: SweepLimits = { maxChangesPerRun: 200, reserveMs: 30_000 };

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
  /**
   * Set when the sweep stopped because a side asked it to wait; the cursor moved only past the
   * changes finished before that.
   */
  retryAfterSeconds?: number;
  cursorAdvanced: boolean;
  /** Changes read but left for the next run (a bound was hit, or a side asked to wait). */
  deferred: number;
  /** Why the run stopped before the end of the changes. */
  stoppedBy?: 'change-cap' | 'time' | 'retry-after';
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
  const changes = await session.client.readChangesSince(cursor, { job: 'zeropath-sweep' });
  const limits = deps.limits ?? DEFAULT_SWEEP_LIMITS;
  const results: SweepItemResult[] = [];
  let linked = 0;
  let retryAfterSeconds: number | undefined;
  let stoppedBy: SweepSummary['stoppedBy'];
  /** The changes finished this run, oldest first: the cursor moves just past the last of them. */
  const finished: Finding[] = [];
  // Oldest first, so the audit trail and comments read in the order things happened, and so a
  // run cut short leaves exactly the newer changes for the next one.
  const ordered = [...changes.changes].sort((a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt));
  for (const finding of ordered) {
    if (finished.length >= limits.maxChangesPerRun) {
      stoppedBy = 'change-cap';
      break;
    }
    if (limits.remainingMs !== undefined && limits.remainingMs() < limits.reserveMs) {
      stoppedBy = 'time';
      break;
    }
    const link = await deps.links.getByFinding(finding.id);
    if (link === undefined) {
      finished.push(finding);
      continue;
    }
    linked += 1;
    try {
      const result = await syncFinding(deps, link, finding);
      if (result) results.push(result);
    } catch (error) {
      const message = errorMessage(error);
      results.push({ findingId: finding.id, issueKey: link.issueKey, outcome: 'failed', detail: message });
      retryAfterSeconds = retryAfterSecondsOf(error);
      if (retryAfterSeconds !== undefined) {
        // Rate limited or down: the rest would fail the same way; the next run starts with this one.
        stoppedBy = 'retry-after';
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
    finished.push(finding);
  }
  // A full scan's changes are not in time order: a partial run keeps the old cursor and re-reads
  // (finished ones are no-ops then), since moving past the newest finished could skip older ones.
  const next =
    finished.length === ordered.length
      ? changes.cursor
      : changes.mode === 'full-scan'
        ? null
        : cursorPast(finished, cursor);
  const advance = next !== null;
  if (next !== null) await deps.syncState.writeCursor(SWEEP_CURSOR, next);
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
    deferred: ordered.length - finished.length,
    ...(stoppedBy === undefined ? {} : { stoppedBy }),
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  };
}

/**
 * The cursor just past `finished` (oldest first, a prefix of the run's changes in that order):
 * its newest time, with every finished id at that time, since a change tied on the timestamp but
 * not yet done must still be read next run. Ids the old cursor held at the same time stay in.
 */
export function cursorPast(finished: readonly Finding[], previous: ChangeCursor): ChangeCursor | null {
  const last = finished.at(-1);
  if (last === undefined) return null;
  const at = Date.parse(last.updatedAt);
  const tied = finished.filter((f) => Date.parse(f.updatedAt) === at).map((f) => f.id);
  const carried = Date.parse(previous.updatedAt) === at ? previous.idsAtUpdatedAt : [];
  return { updatedAt: last.updatedAt, idsAtUpdatedAt: [...new Set([...carried, ...tied])] };
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
  // The status moved away from the link's (accepted risk, if there was a dated exception): that
  // exception is over, and the expiry step must not later reopen a decision made after it.
  const { acceptedRisk: _ended, ...changed } = withStatus(link, finding);
  const fresh: FindingLink = { ...changed, lastWritten };
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
