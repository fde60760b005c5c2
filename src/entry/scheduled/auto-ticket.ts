import { Queue } from '@forge/events';
import { trackQueuePush } from '../../infra/queue/queue-tracking';
import { createKvsAutoTicketStore } from '../../infra/store/auto-ticket-store';
import { RUN_TIMEOUT_SECONDS, runAutoTicketing } from '../../app/auto-ticket/run-auto-ticketing';
import { invocationTimeLeft } from '../../infra/runtime/invocation-time';
import { redactForLog } from '../../core/redaction/redact-for-log';
import { createServices } from '../services';
import { withInvocationHealth } from '../invocation-health';
import { scheduledTriggerResponse, type ScheduledTriggerResponse } from './scheduled-response';
import { errorMessage } from '../../core/error-message';

/** The queue `auto-ticket-consumer` reads; one event per bulk create's worth of findings. */
export const AUTO_TICKET_QUEUE = 'zp-auto-ticket-queue';
/** @forge/events accepts at most 50 events per push. */
const PUSH_BATCH = 50;

/**
 * Scheduled trigger `zp-auto-ticket`: reads ZeroPath changes, matches rules and queues creation.
 * Scheduled triggers are never retried, so a failure is recorded in Health (by the use case) and
 * the next tick simply tries again from the same cursor. A run that throws is a failed invocation
 * for Forge too; otherwise it answers 204 (scheduled-response.ts).
 */
export async function autoTicketScheduled(): Promise<ScheduledTriggerResponse> {
  return withInvocationHealth('auto-ticket', runScheduled);
}

async function runScheduled(): Promise<ScheduledTriggerResponse> {
  const timeLeftMs = invocationTimeLeft(RUN_TIMEOUT_SECONDS * 1000);
  const services = createServices();
  const session = await services.openZeroPath().catch((error: unknown) => {
    // Not connected yet is the normal state of a fresh install, not an error worth a stack.
    console.info(
      'auto-ticketing skipped',
      redactForLog({ reason: errorMessage(error, 'unknown') }),
    );
    return undefined;
  });
  if (session === undefined) return scheduledTriggerResponse();
  const queue = new Queue({ key: AUTO_TICKET_QUEUE });
  const result = await runAutoTicketing({
    config: session.config,
    zeroPath: session.client,
    jira: services.jiraAsApp(),
    links: services.links,
    store: createKvsAutoTicketStore(),
    health: services.health,
    now: () => new Date(),
    runId: `run-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
    timeLeftMs,
    async enqueue(jobs) {
      for (let i = 0; i < jobs.length; i += PUSH_BATCH) {
        const { jobId } = await queue.push(jobs.slice(i, i + PUSH_BATCH).map((job) => ({ body: job })));
        await trackQueuePush('auto-ticket', AUTO_TICKET_QUEUE, jobId);
      }
    },
  });
  console.info('auto-ticketing run', redactForLog(result));
  return scheduledTriggerResponse();
}
