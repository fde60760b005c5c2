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
  statusJobSchema,
  SYNC_COMMENT_JOB,
  SYNC_STATUS_JOB,
} from '../../app/sync/sync-jobs';
import { redactForLog } from '../../core/redaction/redact-for-log';
import { createKvsSyncStateStore } from '../../infra/store/sync-state-store';
import { createForgeLlmAssistModel } from '../../infra/llm/triage-assist-model';
import { createKvsAiAssistUsageStore } from '../../infra/store/ai-assist-usage-store';
import { createServices } from '../services';

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
    await deps.health.recordRun('jobs-consumer', { ok: true });
    return undefined;
  } catch (error) {
    // A fresh install that is not connected yet has nothing to sync to.
    if (error instanceof NotConnectedError) return undefined;
    const retryAfter = retryAfterSecondsOf(error);
    // The 429 itself is already counted: the adapters note every 429 for this invocation's Health tally.
    const message = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
    await deps.health.recordRun('jobs-consumer', { ok: false, message });
    if (retryAfter === undefined) {
      // Waiting does not fix this (bad stored data, permissions): it is on Health; redelivering would only repeat it.
      console.error('sync job failed', redactForLog({ message }));
      return undefined;
    }
    return retryAfter;
  }
}

/** Registered in the jobs consumer's dispatch table (src/entry/consumers/jobs.ts). */
export const SYNC_JOB_HANDLERS: Record<string, (body: unknown) => Promise<number | undefined>> = {
  [SYNC_STATUS_JOB]: async (body) => {
    const { change } = statusJobSchema.parse(body);
    return runSyncJob(async (deps) => {
      // Checked again: a duplicate delivery of the trigger may have queued the same change twice.
      const relevance = await isRelevantStatusChange(deps, change);
      return relevance.relevant ? syncStatusChange(deps, change, relevance.link) : relevance;
    });
  },
  [SYNC_COMMENT_JOB]: async (body) => {
    const { comment } = commentJobSchema.parse(body);
    return runSyncJob(async (deps) => {
      const relevance = await isRelevantComment(deps, comment);
      return relevance.relevant ? syncComment(deps, comment, relevance.link) : relevance;
    });
  },
};
