import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { redactSecrets } from '../../core/redaction/redact-secrets';
import { type RateLimitTally } from '../runtime/rate-limit-tally';
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
  'export-recovery',
] as const;
export type HealthKind = (typeof HEALTH_KINDS)[number];

const MAX_RECENT = 20;
/** Health shows this many errors across all kinds, newest first. */
export const MAX_RECENT_ERRORS = 10;
const MAX_MESSAGE_CHARS = 500;

export const healthRecordSchema = z.object({
  kind: z.enum(HEALTH_KINDS),
  lastRunAt: z.string().optional(),
  lastOkAt: z.string().optional(),
  lastError: z.object({ at: z.string(), message: z.string() }).optional(),
  /** ISO timestamps of recent rate-limit answers, newest last, at most MAX_RECENT. */
  recentRateLimits: z
    .object({
      jira: z.array(z.string()).default([]),
      zeropath: z.array(z.string()).default([]),
      kvs: z.array(z.string()).default([]),
    })
    .default({ jira: [], zeropath: [], kvs: [] }),
});
export type HealthRecord = z.infer<typeof healthRecordSchema>;

export const recentErrorSchema = z.object({
  kind: z.enum(HEALTH_KINDS),
  at: z.string(),
  message: z.string(),
});
export type RecentError = z.infer<typeof recentErrorSchema>;
const recentErrorsSchema = z.array(recentErrorSchema);

export type RunOutcome = { ok: true } | { ok: false; message: string };

export interface HealthStore {
  /** A failure also joins the last-10 error list (redacted, at most 500 characters). */
  recordRun(kind: HealthKind, outcome: RunOutcome): Promise<void>;
  /** 429 answers seen by one invocation (see rate-limit-tally); nothing is written for an empty tally. */
  recordRateLimits(kind: HealthKind, tally: RateLimitTally): Promise<void>;
  readAll(): Promise<HealthRecord[]>;
  /** The last errors of every kind, newest first. */
  readRecentErrors(): Promise<RecentError[]>;
}

export function createKvsHealthStore(now: () => Date = () => new Date(), quietSeconds = 60): HealthStore {
  async function read(kind: HealthKind): Promise<HealthRecord> {
    const parsed = healthRecordSchema.safeParse(await kvs.get(storeKeys.health(kind)));
    // A broken health record must not stop the work it describes: start it afresh.
    return parsed.success ? parsed.data : healthRecordSchema.parse({ kind });
  }
  async function readErrors(): Promise<RecentError[]> {
    const parsed = recentErrorsSchema.safeParse((await kvs.get(storeKeys.healthErrors)) ?? []);
    return parsed.success ? parsed.data.slice(-MAX_RECENT_ERRORS) : [];
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
      if (outcome.ok) {
        record.lastOkAt = record.lastRunAt;
        await write(record);
        return;
      }
      // Error text may quote what a service echoed back; Health is shown in the browser.
      const message = redactSecrets(outcome.message, { mode: 'detect' }).text.slice(0, MAX_MESSAGE_CHARS);
      record.lastError = { at: record.lastRunAt, message };
      await write(record);
      const list = await readErrors();
      // Bounded by design: the list never holds more than MAX_RECENT_ERRORS entries.
      await kvs.set(
        storeKeys.healthErrors,
        [...list, { kind, at: record.lastRunAt, message }].slice(-MAX_RECENT_ERRORS),
      );
    },
    async recordRateLimits(kind, tally) {
      const sources = (['jira', 'zeropath', 'kvs'] as const).filter((source) => tally[source] > 0);
      if (sources.length === 0) return;
      const record = await read(kind);
      const at = now().toISOString();
      for (const source of sources) {
        const added = Array.from({ length: Math.min(tally[source], MAX_RECENT) }, () => at);
        record.recentRateLimits[source] = [...record.recentRateLimits[source], ...added].slice(-MAX_RECENT);
      }
      await write(record);
    },
    async readAll() {
      return Promise.all(HEALTH_KINDS.map(read));
    },
    async readRecentErrors() {
      return [...(await readErrors())].reverse();
    },
  };
}
