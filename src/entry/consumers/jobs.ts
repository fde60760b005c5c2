import { type AsyncEvent, type InvocationError } from '@forge/events';
import { z } from 'zod';
import {
  EXPORT_CHUNK_JOB,
  exportChunkEventSchema,
  runExportChunk,
  UnknownJobError,
} from '../../app/export/export-job';
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
  return decision.kind === 'retry' ? decision.afterSeconds : undefined;
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
