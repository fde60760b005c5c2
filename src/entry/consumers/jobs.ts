import { type AsyncEvent, type InvocationError } from '@forge/events';
import { z } from 'zod';
import {
  EXPORT_CHUNK_JOB,
  exportChunkEventSchema,
  parkedExportChunkId,
  runExportChunk,
  UnknownJobError,
  type ExportChunkEvent,
} from '../../app/export/export-job';
import { createKvsParkedSyncStore } from '../../infra/store/parked-sync-store';
import { createForgeJobQueue } from '../../infra/queue/job-queue';
import { redactForLog } from '../../core/redaction/redact-for-log';
import { createKvsExportJobStore } from '../../infra/store/export-job-store';
import { openExportDeps } from '../../app/export/export-runtime';
import { createServices } from '../services';
import { retryLater } from './retry-later';
import { SYNC_JOB_HANDLERS } from './sync-jobs';
import { withQueueInvocationHealth } from '../invocation-health';

/**
 * The consumer of `zp-jobs` (the app has two queues; see manifest.yml). Events carry a `type`;
 * each type has one handler here.
 * A handler returns nothing when the event is finished, or a delay (seconds) to be delivered again;
 * a delay past Forge's 900 s cap (a ZeroPath or Jira Retry-After of an hour, say) asks for 900.
 */
type JobHandler = (body: unknown, retryCount: number) => Promise<number | undefined>;

const JOB_HANDLERS: Record<string, JobHandler> = {
  [EXPORT_CHUNK_JOB]: handleExportChunk,
  ...SYNC_JOB_HANDLERS,
};

async function handleExportChunk(body: unknown, retryCount: number): Promise<number | undefined> {
  const event = exportChunkEventSchema.parse(body);
  const services = createServices();
  const decision = await runExportChunk(event, retryCount, {
    jobs: createKvsExportJobStore(),
    openExport: () =>
      openExportDeps(
        {
          config: services.config,
          credentials: services.credentials,
          fetch: services.zeroPathFetch,
          capabilityCache: services.capabilityCache,
          links: services.links,
        },
        0,
      ),
  });
  if (decision.kind === 'park') await parkExportChunk(event, decision.afterSeconds);
  return decision.kind === 'retry' ? decision.afterSeconds : undefined;
}

/**
 * A chunk still waiting after the platform's last retry (an outage longer than its retries) goes
 * where parked sync jobs go: the status sweep queues it again, with fresh retries. Dropped, its
 * findings would stay unexported with nothing left to export them.
 */
async function parkExportChunk(event: ExportChunkEvent, afterSeconds: number): Promise<void> {
  const cycle = (event.parkedCycles ?? 0) + 1;
  const next: ExportChunkEvent = { ...event, parkedCycles: cycle };
  const id = parkedExportChunkId(event.jobId, event.chunk);
  const parked = createKvsParkedSyncStore();
  // Every delivery of this round ends here: one parks, a duplicate would park a second copy.
  if (!(await parked.claimRequeue(id, cycle))) return;
  try {
    await parked.park(id, next);
    console.warn('export chunk parked', redactForLog({ cycle }));
  } catch {
    // Storage is down too: the chunk stays on the queue instead (its next round parks it again).
    await createForgeJobQueue().push([next], { delaySeconds: afterSeconds });
  }
}

const envelopeSchema = z.object({ type: z.string() });

export async function jobsConsumer(event: AsyncEvent): Promise<InvocationError | undefined> {
  return withQueueInvocationHealth('jobs-consumer', event, () => consumeJob(event));
}

async function consumeJob(event: AsyncEvent): Promise<InvocationError | undefined> {
  const envelope = envelopeSchema.safeParse(event.body);
  const handler = envelope.success ? JOB_HANDLERS[envelope.data.type] : undefined;
  if (!envelope.success || handler === undefined) {
    // Retrying cannot make an unknown event known; log its type only (bodies may hold ids of findings).
    console.error(
      `jobs consumer: dropped an event of unknown type ${envelope.success ? JSON.stringify(envelope.data.type) : '(none)'}`,
    );
    return undefined;
  }
  try {
    const retryAfter = await handler(event.body, event.retryContext?.retryCount ?? 0);
    if (retryAfter === undefined) return undefined;
    return retryLater(retryAfter);
  } catch (error) {
    if (error instanceof UnknownJobError || error instanceof z.ZodError) {
      console.error(`jobs consumer: dropped a ${envelope.data.type} event: ${error.message}`);
      return undefined;
    }
    throw error;
  }
}
