import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { storeKeys } from './store-keys';

/**
 * Cheap operational memory for the admin page's Health section: when each kind of background work
 * last ran, its last error, and recent 429s. Writes are bounded: a successful run that follows a
 * successful run less than `quietSeconds` ago is not written again.
 */
export const HEALTH_KINDS = [
  'issue-trigger',
  'jobs-consumer',
  'zeropath-sweep',
  'risk-expiry',
  'auto-ticket',
  'resolver',
  'ai-assist',
] as const;
export type HealthKind = (typeof HEALTH_KINDS)[number];

const MAX_RECENT = 20;

export const healthRecordSchema = z.object({
  kind: z.enum(HEALTH_KINDS),
  lastRunAt: z.string().optional(),
  lastOkAt: z.string().optional(),
  lastError: z.object({ at: z.string(), message: z.string() }).optional(),
  /** ISO timestamps of recent rate-limit answers, newest last, at most MAX_RECENT. */
  recentRateLimits: z
    .object({ jira: z.array(z.string()).default([]), zeropath: z.array(z.string()).default([]) })
    .default({ jira: [], zeropath: [] }),
  /** Queue jobs this kind has in flight (consumers only). */
  jobsInFlight: z.number().int().nonnegative().default(0),
});
export type HealthRecord = z.infer<typeof healthRecordSchema>;

export type RunOutcome = { ok: true } | { ok: false; message: string };

export interface HealthStore {
  recordRun(kind: HealthKind, outcome: RunOutcome): Promise<void>;
  recordRateLimit(kind: HealthKind, source: 'jira' | 'zeropath'): Promise<void>;
  adjustJobsInFlight(kind: HealthKind, delta: number): Promise<void>;
  readAll(): Promise<HealthRecord[]>;
}

export function createKvsHealthStore(now: () => Date = () => new Date(), quietSeconds = 60): HealthStore {
  async function read(kind: HealthKind): Promise<HealthRecord> {
    const parsed = healthRecordSchema.safeParse(await kvs.get(storeKeys.health(kind)));
    // A broken health record must not stop the work it describes: start it afresh.
    return parsed.success ? parsed.data : healthRecordSchema.parse({ kind });
  }
  async function write(record: HealthRecord): Promise<void> {
    await kvs.set(storeKeys.health(record.kind), record);
  }
  return {
    async recordRun(kind, outcome) {
      const record = await read(kind);
      const at = now();
      const last = record.lastRunAt === undefined ? undefined : Date.parse(record.lastRunAt);
      const lastWasOk = record.lastOkAt !== undefined && record.lastOkAt === record.lastRunAt;
      if (outcome.ok && lastWasOk && last !== undefined && at.getTime() - last < quietSeconds * 1000) return;
      record.lastRunAt = at.toISOString();
      if (outcome.ok) record.lastOkAt = record.lastRunAt;
      else record.lastError = { at: record.lastRunAt, message: outcome.message.slice(0, 500) };
      await write(record);
    },
    async recordRateLimit(kind, source) {
      const record = await read(kind);
      record.recentRateLimits[source] = [...record.recentRateLimits[source], now().toISOString()].slice(
        -MAX_RECENT,
      );
      await write(record);
    },
    async adjustJobsInFlight(kind, delta) {
      const record = await read(kind);
      record.jobsInFlight = Math.max(0, record.jobsInFlight + delta);
      await write(record);
    },
    async readAll() {
      return Promise.all(HEALTH_KINDS.map(read));
    },
  };
}
