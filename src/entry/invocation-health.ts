import { InvocationError, InvocationErrorCode } from '@forge/events';
import { z } from 'zod';
import { createKvsHealthStore, type HealthKind } from '../infra/store/health-store';
import { isKvsRateLimited, KVS_RATE_LIMIT_WAIT_SECONDS } from '../infra/store/kvs-errors';
import { emptyTally, withRateLimitTally, type RateLimitTally } from '../infra/runtime/rate-limit-tally';

/**
 * Every entry point runs through here with a 429 tally: every 429 the Jira and ZeroPath adapters
 * receive, and a KVS 429 that ends the invocation, is written to Health under `kind` once, at the
 * end. So Health's 429 counts cover every path, at one write per invocation that saw any.
 */
export async function withInvocationHealth<T>(kind: HealthKind, run: () => Promise<T>): Promise<T> {
  const tally = emptyTally();
  try {
    return await withRateLimitTally(tally, run);
  } catch (error) {
    if (isKvsRateLimited(error)) tally.kvs += 1;
    throw error;
  } finally {
    await flush(kind, tally);
  }
}

const carriedSchema = z.object({
  retryData: z.object({
    rateLimits: z.object({
      jira: z.number().int().min(0),
      zeropath: z.number().int().min(0),
      kvs: z.number().int().min(0),
    }),
  }),
});

/**
 * The same for a queue consumer or a trigger, which the platform can deliver again. Over the
 * storage quota the event is handed back (`InvocationError`, retry after the one-minute window)
 * instead of failing: nothing it did is lost, and claims and links keep the redelivery from
 * doubling anything. When storage refused Health's own write too, the tally rides in `retryData`
 * and is written by the delivery that gets through.
 */
export async function withQueueInvocationHealth(
  kind: HealthKind,
  event: { retryContext?: unknown },
  run: () => Promise<InvocationError | undefined>,
): Promise<InvocationError | undefined> {
  const carried = carriedSchema.safeParse(event.retryContext);
  const tally: RateLimitTally = carried.success ? { ...carried.data.retryData.rateLimits } : emptyTally();
  let result: InvocationError | undefined;
  try {
    result = await withRateLimitTally(tally, run);
  } catch (error) {
    if (!isKvsRateLimited(error)) {
      await flush(kind, tally);
      throw error;
    }
    tally.kvs += 1;
    const written = await flush(kind, tally);
    return new InvocationError({
      retryAfter: KVS_RATE_LIMIT_WAIT_SECONDS,
      retryReason: InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED,
      ...(written ? {} : { retryData: { rateLimits: tally } }),
    });
  }
  await flush(kind, tally);
  return result;
}

/** Best effort: Health's bookkeeping must never fail the work it describes. */
async function flush(kind: HealthKind, tally: RateLimitTally): Promise<boolean> {
  try {
    await createKvsHealthStore().recordRateLimits(kind, tally);
    return true;
  } catch {
    return false;
  }
}
