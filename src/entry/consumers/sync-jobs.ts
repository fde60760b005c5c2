import { NotConnectedError } from '../../app/connection/zeropath-access';
import { retryAfterSecondsOf } from '../../app/sync/sync-errors';
import {
  isRelevantComment,
  isRelevantStatusChange,
  syncComment,
  syncStatusChange,
  type JiraSyncDeps,
} from '../../app/sync/sync-from-jira';
import {
  commentJobSchema,
  MAX_SYNC_GENERATIONS,
  statusJobSchema,
  SYNC_COMMENT_JOB,
  SYNC_STATUS_JOB,
  type SyncJob,
} from '../../app/sync/sync-jobs';
import { createForgeJobQueue } from '../../infra/queue/job-queue';
import { createKvsParkedSyncStore } from '../../infra/store/parked-sync-store';
import { redactForLog } from '../../core/redaction/redact-for-log';
import { createKvsSyncStateStore } from '../../infra/store/sync-state-store';
import { createForgeLlmAssistModel } from '../../infra/llm/triage-assist-model';
import { createKvsAiAssistUsageStore } from '../../infra/store/ai-assist-usage-store';
import { createServices } from '../services';
import { describeThrown } from '../../core/error-message';

/** A short in-invocation wait for a Jira 429; anything longer becomes a redelivery. */
const JIRA_RETRY_BUDGET_MS = 10_000;

function createDeps(): JiraSyncDeps {
  const services = createServices();
  return {
    links: services.links,
    health: services.health,
    syncState: createKvsSyncStateStore(),
    jira: services.jiraAsApp({ retry: { budgetMs: JIRA_RETRY_BUDGET_MS } }),
    openZeroPath: services.openZeroPath,
    readConfig: () => services.config.read(),
    now: () => new Date(),
    // Built always, asked only when the admin switched the assist on (config.sync.aiAssist).
    assist: { model: createForgeLlmAssistModel(), usage: createKvsAiAssistUsageStore() },
  };
}

/**
 * Runs one sync job; resolves to seconds to wait before redelivery when ZeroPath or Jira said
 * "later" (429/5xx), so nothing is lost, or undefined when the job is finished.
 */
async function runSyncJob(work: (deps: JiraSyncDeps) => Promise<unknown>): Promise<number | undefined> {
  const deps = createDeps();
  try {
    const outcome = await work(deps);
    console.info('sync job', redactForLog(outcome));
    // Best effort: the work is done; a failed Health write must not redo it.
    await deps.health.recordRun('jobs-consumer', { ok: true }).catch(() => undefined);
    return undefined;
  } catch (error) {
    // A fresh install that is not connected yet has nothing to sync to.
    if (error instanceof NotConnectedError) return undefined;
    const retryAfter = retryAfterSecondsOf(error);
    // The 429 itself is already counted: the adapters note every 429 for this invocation's Health tally.
    const message = describeThrown(error);
    await deps.health.recordRun('jobs-consumer', { ok: false, message }).catch(() => undefined);
    if (retryAfter === undefined) {
      // Waiting does not fix this (bad stored data, permissions): it is on Health; redelivering would only repeat it.
      console.error('sync job failed', redactForLog({ message }));
      return undefined;
    }
    return retryAfter;
  }
}

/** Redeliveries the platform makes of one event (Forge allows 4): after the last, the app queues it afresh. */
export const PLATFORM_RETRIES = 4;

/**
 * A sync job that still says "later" when the platform's retries are spent is queued again as a
 * new event (its own retries start over), `generation` counting how often, up to
 * MAX_SYNC_GENERATIONS, then parked for the status sweep to queue again. Dropping it would lose the
 * change for good: nothing else brings a Jira closure to ZeroPath.
 */
async function retryOrRequeue(
  body: SyncJob,
  retryCount: number,
  retryAfter: number | undefined,
): Promise<number | undefined> {
  if (retryAfter === undefined || retryCount < PLATFORM_RETRIES) return retryAfter;
  const next = (body.generation ?? 0) + 1;
  const cycle = body.parkedCycles ?? 0;
  const id =
    body.type === SYNC_STATUS_JOB
      ? `${body.change.issueId}:${body.change.changelogId}:${cycle}`
      : `${body.comment.issueId}:c:${body.comment.comment.id}:${body.comment.comment.updated}:${cycle}`;
  const parked = createKvsParkedSyncStore();
  // A duplicate delivery of this round already queued the next one (or parked it).
  if (!(await parked.claimRequeue(id, next))) return undefined;
  if (next > MAX_SYNC_GENERATIONS) {
    try {
      // Parked, not dropped: the status sweep queues it again.
      await parked.park(id, { ...body, generation: 0, parkedCycles: cycle + 1 });
      const message = `A sync job kept failing through ${MAX_SYNC_GENERATIONS} rounds of retries; it is parked and the status sweep retries it.`;
      console.warn('sync job parked', redactForLog({ type: body.type, generations: MAX_SYNC_GENERATIONS }));
      await createServices().health.recordRun('jobs-consumer', { ok: false, message }).catch(() => undefined);
      return undefined;
    } catch {
      // Storage is down too (found by the chaos test: the failed park dropped the job): the job
      // stays on the queue, in its last round, and tries to park again when that round ends.
      // A new cycle, so that round's requeue claim is its own.
      await createForgeJobQueue().push([{ ...body, generation: MAX_SYNC_GENERATIONS, parkedCycles: cycle + 1 }], { delaySeconds: retryAfter });
      return undefined;
    }
  }
  await createForgeJobQueue().push([{ ...body, generation: next }], { delaySeconds: retryAfter });
  return undefined;
}

/** Registered in the jobs consumer's dispatch table (src/entry/consumers/jobs.ts). */
export const SYNC_JOB_HANDLERS: Record<string, (body: unknown, retryCount: number) => Promise<number | undefined>> = {
  [SYNC_STATUS_JOB]: async (body, retryCount) => {
    const job = statusJobSchema.parse(body);
    const { change } = job;
    const retryAfter = await runSyncJob(async (deps) => {
      // Checked again: a duplicate delivery of the trigger may have queued the same change twice.
      const relevance = await isRelevantStatusChange(deps, change);
      return relevance.relevant ? syncStatusChange(deps, change, relevance.link) : relevance;
    });
    return retryOrRequeue(job, retryCount, retryAfter);
  },
  [SYNC_COMMENT_JOB]: async (body, retryCount) => {
    const job = commentJobSchema.parse(body);
    const { comment } = job;
    const retryAfter = await runSyncJob(async (deps) => {
      const relevance = await isRelevantComment(deps, comment);
      return relevance.relevant ? syncComment(deps, comment, relevance.link) : relevance;
    });
    return retryOrRequeue(job, retryCount, retryAfter);
  },
};
