import { NotConnectedError } from '../../app/connection/zeropath-access';
import { getAppContext } from '@forge/api';
import {
  DEFAULT_SWEEP_LIMITS,
  sweepZeroPathChanges,
  type SweepLimits,
} from '../../app/sync/sync-from-zeropath';
import { DEFAULT_RISK_EXPIRY_LIMITS, expireRiskAcceptances } from '../../app/sync/expire-risk-acceptances';
import { redactForLog } from '../../core/redaction/redact-for-log';
import { createKvsRiskExpiryStore } from '../../infra/store/risk-expiry-store';
import { createKvsSyncStateStore } from '../../infra/store/sync-state-store';
import { createKvsPendingExportStore } from '../../infra/store/pending-export-store';
import { recoverUnlinkedExports } from '../../app/export/orphans';
import { recoverStalledExportChunks } from '../../app/export/stalled-chunks';
import { createKvsExportJobStore } from '../../infra/store/export-job-store';
import { createForgeJobQueue } from '../../infra/queue/job-queue';
import { createKvsParkedSyncStore } from '../../infra/store/parked-sync-store';
import { createServices } from '../services';
import { withInvocationHealth } from '../invocation-health';
import { scheduledTriggerResponse, type ScheduledTriggerResponse } from './scheduled-response';
import { describeThrown } from '../../core/error-message';

/** Jira 429s inside the sweep wait at most this long per call; the run stops and the next tick resumes. */
const JIRA_RETRY_BUDGET_MS = 15_000;

/**
 * Scheduled trigger `zp-status-sweep` (every five minutes): a small orchestrator of the periodic
 * steps. Scheduled triggers are never retried, so each step records its own outcome on Health and
 * resumes from its stored cursor on the next tick.
 *
 * `pollWith` exists so a test can run the same handler with a smaller change cap or a later
 * clock (the accepted-risk expiry compares dates); the manifest runs `poll`, bounded by the
 * default cap and by the time its invocation has left.
 */
export function pollWith(
  options: Partial<Pick<SweepLimits, 'maxChangesPerRun' | 'reserveMs'>> & { now?: () => Date } = {},
) {
  const { now = () => new Date(), ...limits } = options;
  return () =>
    withInvocationHealth('zeropath-sweep', () => runPoll({ ...DEFAULT_SWEEP_LIMITS, ...limits }, now));
}

export const poll: () => Promise<ScheduledTriggerResponse> = pollWith();

/** Each step reports whether it failed; the response names the failed ones (scheduled-response.ts). */
async function runPoll(limits: SweepLimits, now: () => Date): Promise<ScheduledTriggerResponse> {
  const failed: string[] = [];
  if (!(await runStatusSweep(limits, now))) failed.push('zeropath-sweep');
  if (!(await runRiskExpiry(limits, now))) failed.push('risk-expiry');
  if (!(await runExportRecovery(now))) failed.push('export-recovery');
  if (!(await requeueStalledExportChunks(now))) failed.push('stalled-export-chunks');
  if (!(await requeueParkedSyncJobs())) failed.push('parked-sync-jobs');
  return scheduledTriggerResponse(failed);
}

/** Parked sync jobs queued again per run (one queue push of up to 50 events). */
const PARKED_PER_RUN = 50;

/**
 * Sync jobs that failed through every round of queue retries (an outage of hours), and export
 * chunks still waiting after theirs, go back on the queue each run until they succeed: a closure
 * or an export is never dropped while an outage lasts.
 */
async function requeueParkedSyncJobs(): Promise<boolean> {
  try {
    const store = createKvsParkedSyncStore();
    const parked = await store.list(PARKED_PER_RUN);
    if (parked.length === 0) return true;
    await createForgeJobQueue().push(parked.map((p) => p.job as Record<string, unknown>));
    for (const { key } of parked) await store.remove(key);
    console.info('parked sync jobs queued again', redactForLog({ count: parked.length }));
    return true;
  } catch (error) {
    const message = describeThrown(error);
    console.error('parked sync jobs could not be queued', redactForLog({ message }));
    return false;
  }
}

/**
 * Bulk export chunks cut off before they saved anything, with no platform retry left, go back on
 * the queue (stalled-chunks.ts): without this step their job would read "running" for a week.
 */
async function requeueStalledExportChunks(now: () => Date): Promise<boolean> {
  try {
    const summary = await recoverStalledExportChunks({
      jobs: createKvsExportJobStore(),
      parked: createKvsParkedSyncStore(),
      queue: createForgeJobQueue(),
      now,
    });
    if (summary.requeued > 0 || summary.gaveUp > 0 || summary.unreadable > 0) console.warn('stalled export chunks', redactForLog({ ...summary }));
    return true;
  } catch (error) {
    const message = describeThrown(error);
    console.error('stalled export chunks could not be recovered', redactForLog({ message }));
    return false;
  }
}

/**
 * Adopts issues an export created without storing their link (issue 17): the later pass that
 * turns an interrupted export's orphan into a linked issue even when nobody exports again.
 */
async function runExportRecovery(now: () => Date): Promise<boolean> {
  const services = createServices();
  try {
    const summary = await recoverUnlinkedExports({
      jira: services.jiraAsApp({ retry: { budgetMs: JIRA_RETRY_BUDGET_MS } }),
      links: services.links,
      pending: createKvsPendingExportStore(),
      now,
      openZeroPath: async () => (await services.openZeroPath()).client,
      queueSync: (job) => createForgeJobQueue().push([{ ...job }]),
    });
    if (summary.adopted.length > 0 || summary.cleared > 0 || summary.errors.length > 0)
      console.info('export recovery', redactForLog({ ...summary, adopted: summary.adopted.length }));
    // Health shows a failure only when something could not be adopted; otherwise the run was fine.
    await services.health.recordRun(
      'export-recovery',
      summary.errors.length === 0 ? { ok: true } : { ok: false, message: summary.errors.slice(0, 3).join('; ') },
    );
    return true;
  } catch (error) {
    if (error instanceof NotConnectedError) return true;
    const message = describeThrown(error);
    await services.health.recordRun('export-recovery', { ok: false, message });
    console.error('export recovery failed', redactForLog({ message }));
    return false;
  }
}

/** True when the step finished or had nothing to do (not connected yet). */
async function runStatusSweep(limits: SweepLimits, now: () => Date): Promise<boolean> {
  const services = createServices();
  try {
    const summary = await sweepZeroPathChanges({
      links: services.links,
      health: services.health,
      syncState: createKvsSyncStateStore(),
      jira: services.jiraAsApp({ retry: { budgetMs: JIRA_RETRY_BUDGET_MS } }),
      openZeroPath: services.openZeroPath,
      now,
      limits: { ...limits, remainingMs: () => getAppContext().invocationRemainingTimeInMillis() },
    });
    console.info('zeropath status sweep', redactForLog(summary));
    return true;
  } catch (error) {
    // Not connected yet is the normal state of a fresh install, not a failure.
    if (error instanceof NotConnectedError) return true;
    const message = describeThrown(error);
    await services.health.recordRun('zeropath-sweep', { ok: false, message });
    console.error('zeropath status sweep failed', redactForLog({ message }));
    return false;
  }
}

/**
 * Ends accepted-risk exceptions whose date has come. Its own step with its own Health record: a
 * failing change sweep must not keep a time-limited exception alive, nor the other way round. It
 * runs whether or not the status sweep is switched on: the date was a promise made when the risk
 * was accepted, not a mirror of ZeroPath that an admin may turn off.
 */
async function runRiskExpiry(limits: SweepLimits, now: () => Date): Promise<boolean> {
  const services = createServices();
  try {
    const summary = await expireRiskAcceptances({
      links: services.links,
      riskExpiry: createKvsRiskExpiryStore(),
      health: services.health,
      jira: services.jiraAsApp({ retry: { budgetMs: JIRA_RETRY_BUDGET_MS } }),
      openZeroPath: services.openZeroPath,
      now,
      limits: {
        maxPerRun: DEFAULT_RISK_EXPIRY_LIMITS.maxPerRun,
        reserveMs: limits.reserveMs,
        remainingMs: () => getAppContext().invocationRemainingTimeInMillis(),
      },
    });
    if (summary.due > 0) console.info('accepted-risk expiry', redactForLog(summary));
    return true;
  } catch (error) {
    if (error instanceof NotConnectedError) return true;
    const message = describeThrown(error);
    await services.health.recordRun('risk-expiry', { ok: false, message });
    console.error('accepted-risk expiry failed', redactForLog({ message }));
    return false;
  }
}
