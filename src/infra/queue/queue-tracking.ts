import { Queue } from '@forge/events';
import { kvs, WhereConditions } from '@forge/kvs';
import { type HealthKind } from '../store/health-store';
import { storeKeys } from '../store/store-keys';

/**
 * "Jobs in flight" from the platform's own state: every queue push the app makes is remembered
 * (one key per push, TTL one day), and Health asks the queue (`getStats`) how many of its events
 * are still in progress, forgetting pushes that have finished. No counter that racing consumers
 * could corrupt, and nothing a test has to seed.
 */
const TRACK_TTL_DAYS = 1;
/** Pushes Health looks at per read (one KVS query page); finished ones are forgotten, so the rest come into view. */
const MAX_TRACKED_READ = 20;

interface TrackedPush {
  kind: HealthKind;
  queue: string;
  jobId: string;
}

export async function trackQueuePush(kind: HealthKind, queue: string, jobId: string): Promise<void> {
  const value: TrackedPush = { kind, queue, jobId };
  await kvs.set(storeKeys.queueJob(kind, queue, jobId), value, {
    ttl: { value: TRACK_TTL_DAYS, unit: 'DAYS' },
  });
}

/** Events still in progress per kind; finished pushes are forgotten on the way. */
export async function readJobsInFlight(): Promise<Partial<Record<HealthKind, number>>> {
  const page = await kvs
    .query()
    .where('key', WhereConditions.beginsWith(storeKeys.queueJobPrefix))
    .limit(MAX_TRACKED_READ)
    .getMany<TrackedPush>();
  const counts: Partial<Record<HealthKind, number>> = {};
  for (const row of page.results) {
    const { kind, queue, jobId } = row.value;
    let inProgress: number;
    try {
      inProgress = (await new Queue({ key: queue }).getJob(jobId).getStats()).inProgress;
    } catch {
      // The platform no longer knows the job (expired): nothing of it is in flight.
      inProgress = 0;
    }
    if (inProgress === 0) {
      await kvs.delete(row.key);
      continue;
    }
    counts[kind] = (counts[kind] ?? 0) + inProgress;
  }
  return counts;
}
