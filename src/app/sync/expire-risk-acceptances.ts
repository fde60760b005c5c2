import { isOpenStatus } from '../../core/finding/finding';
import { type FindingLink, type RiskAcceptance } from '../../core/link/finding-link';
import { type JiraClient } from '../../infra/jira/jira-client';
import { JiraNotFoundError } from '../../infra/jira/jira-errors';
import { type HealthStore } from '../../infra/store/health-store';
import { type LinkStore } from '../../infra/store/link-store';
import { type RiskExpiryEntry, type RiskExpiryStore } from '../../infra/store/risk-expiry-store';
import { type V2Status } from '../../infra/zeropath/zeropath-statuses';
import { type ZeroPathSession } from '../connection/zeropath-access';
import { moveLinkedIssue } from './move-linked-issue';
import { retryAfterSecondsOf } from './sync-errors';
import { riskExpiryComment } from './sync-messages';
import { errorMessage } from '../../core/error-message';

/**
 * Ends time-limited accepted-risk exceptions. ZeroPath keeps accepted risk for ever, so the app
 * keeps the date (on the link and in a small index sorted by date) and, once it is reached,
 * reopens the finding in ZeroPath, moves the Jira issue back to a to-do status with the app's
 * explanation, and audits it.
 *
 * Every step is recorded on the link before the next one starts, so a run cut short (timeout,
 * 429, crash) resumes where it stopped: ZeroPath is written at most once, the Jira move and its
 * comment are one write (the comment rides on the transition), and a rerun that finds the issue
 * already back looks for its own comment before writing another.
 */
export interface RiskExpiryDeps {
  links: LinkStore;
  riskExpiry: RiskExpiryStore;
  health: HealthStore;
  /** As the app: the app ends the exception, and its transition and comment are its own. */
  jira: JiraClient;
  openZeroPath(): Promise<ZeroPathSession>;
  now(): Date;
  limits?: RiskExpiryLimits;
}

export interface RiskExpiryLimits {
  maxPerRun: number;
  remainingMs?: () => number;
  /** No exception is started with less than this left of the invocation. */
  reserveMs: number;
}

export const DEFAULT_RISK_EXPIRY_LIMITS: RiskExpiryLimits = { maxPerRun: 50, reserveMs: 30_000 };

/** The status the issue panel's reopen writes: back to ZeroPath's review queue. */
export const RISK_EXPIRY_REOPEN_STATUS: V2Status = 'PENDING_REVIEW';

export interface RiskExpiryResult {
  findingId: string;
  issueKey?: string;
  /** expired_not_moved: reopened in ZeroPath, but the workflow offered no way back in Jira. */
  outcome: 'expired' | 'expired_not_moved' | 'dropped' | 'failed';
  detail: string;
}

export interface RiskExpirySummary {
  due: number;
  results: RiskExpiryResult[];
  retryAfterSeconds?: number;
  stoppedBy?: 'time' | 'retry-after';
}

export async function expireRiskAcceptances(deps: RiskExpiryDeps): Promise<RiskExpirySummary> {
  const limits = deps.limits ?? DEFAULT_RISK_EXPIRY_LIMITS;
  const today = deps.now().toISOString().slice(0, 10);
  const due = await deps.riskExpiry.listDue(today, limits.maxPerRun);
  // The common case: nothing due costs one KVS query and no ZeroPath or Health write.
  if (due.length === 0) return { due: 0, results: [] };
  const session = await deps.openZeroPath();
  const results: RiskExpiryResult[] = [];
  let retryAfterSeconds: number | undefined;
  let stoppedBy: RiskExpirySummary['stoppedBy'];
  for (const entry of due) {
    if (limits.remainingMs !== undefined && limits.remainingMs() < limits.reserveMs) {
      stoppedBy = 'time';
      break;
    }
    try {
      results.push(await expireOne(deps, session, entry));
    } catch (error) {
      // The entry stays in the index and the link keeps its stage: the next run resumes it.
      const detail = errorMessage(error);
      results.push({ findingId: entry.findingId, outcome: 'failed', detail });
      retryAfterSeconds = retryAfterSecondsOf(error);
      if (retryAfterSeconds !== undefined) {
        stoppedBy = 'retry-after';
        break;
      }
    }
  }
  const problems = results.filter((r) => r.outcome === 'failed' || r.outcome === 'expired_not_moved');
  await deps.health.recordRun(
    'risk-expiry',
    problems.length === 0
      ? { ok: true }
      : {
          ok: false,
          message: problems.map((p) => `${p.issueKey ?? p.findingId}: ${p.detail}`).join(' | '),
        },
  );
  return {
    due: due.length,
    results,
    ...(stoppedBy === undefined ? {} : { stoppedBy }),
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  };
}

async function expireOne(
  deps: RiskExpiryDeps,
  session: ZeroPathSession,
  entry: RiskExpiryEntry,
): Promise<RiskExpiryResult> {
  const at = deps.now().toISOString();
  const link = await deps.links.getByFinding(entry.findingId);
  const acceptance = link?.acceptedRisk;
  if (link === undefined || acceptance?.until !== entry.until) {
    // Unlinked, or the exception was ended or replaced before its date (a triage from the panel
    // or bulk triage, or a status change the sweep saw): nothing of it is left to end.
    const detail = `The accepted-risk exception until ${entry.until} was no longer in force; nothing was reopened.`;
    await deps.links.appendAudit({
      at,
      findingId: entry.findingId,
      ...(link === undefined ? {} : { issueKey: link.issueKey }),
      actor: 'app',
      source: 'app',
      action: 'risk-acceptance-dropped',
      detail,
    });
    await deps.riskExpiry.remove(entry);
    return { findingId: entry.findingId, outcome: 'dropped', detail };
  }
  const base = { findingId: link.findingId, issueKey: link.issueKey };
  let current = link;
  if (acceptance.expiry?.stage !== 'zeropath_reopened') {
    const finding = await session.client.getFinding(link.findingId);
    // Open after a "reopening" stage is this step's own write from a run that stopped before it
    // could record it; any other status than accepted risk is someone else's decision.
    const reopenedByUs = acceptance.expiry !== undefined && isOpenStatus(finding.status);
    if (finding.status !== 'accepted_risk' && !reopenedByUs) {
      const detail = `ZeroPath shows the finding as ${finding.status.replace('_', ' ')}, not accepted risk: the exception of ${dayOf(acceptance.acceptedAt)} (until ${acceptance.until}) was changed in ZeroPath before it expired. Nothing was reopened.`;
      await deps.links.appendAudit({
        at,
        ...base,
        actor: 'app',
        source: 'app',
        action: 'risk-acceptance-dropped',
        from: 'accepted_risk',
        to: finding.status,
        detail,
      });
      await deps.links.save(withoutAcceptance(link));
      await deps.riskExpiry.remove(entry);
      return { ...base, outcome: 'dropped', detail };
    }
    const startedAt = acceptance.expiry?.startedAt ?? at;
    if (acceptance.expiry === undefined) {
      // Recorded before ZeroPath is written: its open status is the app's own from now on, so the
      // status sweep reads it as an echo, and a rerun knows an open finding is this step's doing.
      current = {
        ...current,
        acceptedRisk: { ...acceptance, expiry: { stage: 'reopening', startedAt } },
        lastWritten: { ...current.lastWritten, zeropathStatus: 'open', at },
      };
      await deps.links.save(current);
    }
    if (finding.status === 'accepted_risk') {
      await session.client.updateStatus(
        [link.findingId],
        RISK_EXPIRY_REOPEN_STATUS,
        `Risk acceptance of ${dayOf(acceptance.acceptedAt)} expired on ${acceptance.until} (ZeroPath for Jira).`,
      );
    }
    current = {
      ...current,
      snapshot: { ...current.snapshot, status: 'open' },
      snapshotAt: at,
      acceptedRisk: { ...acceptance, expiry: { stage: 'zeropath_reopened', startedAt } },
    };
    await deps.links.save(current);
  }
  const jira = await moveBack(deps, current, acceptance);
  if (jira.toStatusId !== undefined) {
    current = { ...current, lastWritten: { ...current.lastWritten, jiraStatusId: jira.toStatusId, at } };
  }
  await deps.links.appendAudit({
    at,
    ...base,
    actor: 'app',
    source: 'app',
    action: 'risk-acceptance-expired',
    from: 'accepted_risk',
    to: 'open',
    detail: `The risk acceptance of ${dayOf(acceptance.acceptedAt)} expired on ${acceptance.until}: reopened in ZeroPath. ${jira.detail}`,
  });
  await deps.links.save(withoutAcceptance(current));
  await deps.riskExpiry.remove(entry);
  return { ...base, outcome: jira.notMoved ? 'expired_not_moved' : 'expired', detail: jira.detail };
}

/** The Jira half, safe to repeat: a rerun finds the issue moved and its comment written. */
async function moveBack(
  deps: RiskExpiryDeps,
  link: FindingLink,
  acceptance: RiskAcceptance,
): Promise<{ detail: string; toStatusId?: string; notMoved?: true }> {
  const comment = (jira: 'moved' | 'not_moved' | 'already_there', explanation: string) =>
    riskExpiryComment({
      acceptedOn: dayOf(acceptance.acceptedAt),
      until: acceptance.until,
      jira,
      explanation,
      findingUrl: link.snapshot.url,
    });
  let moved;
  try {
    moved = await moveLinkedIssue(deps.jira, {
      issueId: link.issueId,
      from: 'accepted_risk',
      to: 'open',
      findingUrl: link.snapshot.url,
      comment: (explanation) => comment('moved', explanation),
    });
  } catch (error) {
    // Deleted or hidden from the app: ZeroPath is reopened, which is what matters; the delete
    // trigger removes the link.
    if (error instanceof JiraNotFoundError) {
      return { detail: `Jira issue ${link.issueKey} no longer exists or the app cannot see it.` };
    }
    // A wait (429, 503) is for the next run, which resumes here; a refusal would be refused again
    // every five minutes, so it is said on the issue, audited and on Health, like the sweep does.
    if (retryAfterSecondsOf(error) !== undefined) throw error;
    const refusal = `Jira refused the move (${errorMessage(error)}).`;
    if (!(await hasExpiryComment(deps.jira, link, acceptance))) {
      await deps.jira.addComment(link.issueId, comment('not_moved', refusal));
    }
    await auditNotMoved(deps, link, 'jira-sync-failed', refusal);
    return { detail: `The Jira issue was not moved back: ${refusal}`, notMoved: true };
  }
  if (moved.outcome === 'transitioned') {
    return { detail: `The Jira issue moved back: ${moved.explanation}`, toStatusId: moved.toStatusId };
  }
  if (!(await hasExpiryComment(deps.jira, link, acceptance))) {
    await deps.jira.addComment(
      link.issueId,
      comment(moved.outcome === 'already_there' ? 'already_there' : 'not_moved', moved.explanation),
    );
  }
  if (moved.outcome === 'already_there')
    return { detail: `The Jira issue needed no move: ${moved.explanation}` };
  await auditNotMoved(deps, link, 'jira-transition-missing', moved.explanation);
  return { detail: `The Jira issue was not moved back: ${moved.explanation}`, notMoved: true };
}

function auditNotMoved(
  deps: RiskExpiryDeps,
  link: FindingLink,
  action: string,
  detail: string,
): Promise<void> {
  return deps.links.appendAudit({
    at: deps.now().toISOString(),
    findingId: link.findingId,
    issueKey: link.issueKey,
    actor: 'app',
    source: 'app',
    action,
    from: 'accepted_risk',
    to: 'open',
    detail,
  });
}

/**
 * Whether this exception's expiry comment is already on the issue: a run that moved the issue
 * (the comment rides on the transition) and stopped before recording it must not say it twice.
 * Only the last page is read: the comment would be among the newest.
 */
async function hasExpiryComment(
  jira: JiraClient,
  link: FindingLink,
  acceptance: RiskAcceptance,
): Promise<boolean> {
  const first = await jira.getComments(link.issueId);
  const page =
    first.total > first.startAt + first.comments.length
      ? await jira.getComments(link.issueId, Math.max(0, first.total - first.comments.length))
      : first;
  return page.comments.some((c) => {
    if (c.author?.accountType !== 'app') return false;
    const body = JSON.stringify(c.body);
    return body.includes('the risk acceptance of ') && body.includes(`"${acceptance.until}"`);
  });
}

function withoutAcceptance(link: FindingLink): FindingLink {
  const { acceptedRisk: _ended, ...rest } = link;
  return rest;
}

function dayOf(iso: string): string {
  return iso.slice(0, 10);
}
