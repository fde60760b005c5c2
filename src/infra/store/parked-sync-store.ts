import { kvs, WhereConditions } from '@forge/kvs';
import { KVS_QUERY_PAGE_LIMIT } from './kvs-prefix-scan';
import { safeKeyPart, storeKeys } from './store-keys';

/**
 * Sync jobs (and bulk export chunks, `export:` ids) that still failed for a reason waiting fixes
 * (ZeroPath or Jira down, KVS errors) after every round of queue retries. Parked in KVS instead of dropped, and queued again by the status
 * sweep, so a closure reaches the other side once the outage ends, however long it lasts (issue 17,
 * finding 5: "nothing reconciles them"). Plain keys: forgetting one loses a closure.
 */
export interface ParkedSyncStore {
  park(id: string, job: Record<string, unknown>): Promise<void>;
  /** Whether job `id` waits here now (the stalled-export step leaves such a chunk to the parked re-queue). */
  isParked(id: string): Promise<boolean>;
  /**
   * True for the one delivery that may queue round `generation` of job `id` afresh. Deliveries are
   * at least once: without this, every duplicate would queue its own copy and a failing job's
   * copies would double each round. When storage cannot say, true (a copy too many is harmless:
   * the job is idempotent; a copy too few loses a closure).
   */
  claimRequeue(id: string, generation: number): Promise<boolean>;
  /** Up to `limit` parked jobs, oldest key first. */
  list(limit: number): Promise<{ key: string; job: unknown }[]>;
  remove(key: string): Promise<void>;
}

/** Longer than every round of retries of one job together (8 rounds of up to 5 × 900 s). */
const REQUEUE_CLAIM_TTL_SECONDS = 24 * 3600;

export function createKvsParkedSyncStore(): ParkedSyncStore {
  return {
    async park(id, job) {
      await kvs.set(`${storeKeys.parkedSyncPrefix}${safeKeyPart(id)}`, job);
    },
    async isParked(id) {
      return (await kvs.get(`${storeKeys.parkedSyncPrefix}${safeKeyPart(id)}`)) !== undefined;
    },
    async claimRequeue(id, generation) {
      const key = `${storeKeys.syncRequeuePrefix}${safeKeyPart(id)}:${generation}`;
      try {
        await kvs.set(key, true, { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: REQUEUE_CLAIM_TTL_SECONDS, unit: 'SECONDS' } });
        return true;
      } catch {
        const existing = await kvs.get(key).catch(() => undefined);
        return existing === undefined;
      }
    },
    async list(limit) {
      const found: { key: string; job: unknown }[] = [];
      let cursor: string | undefined;
      do {
        let query = kvs.query().where('key', WhereConditions.beginsWith(storeKeys.parkedSyncPrefix)).limit(KVS_QUERY_PAGE_LIMIT);
        if (cursor !== undefined) query = query.cursor(cursor);
        const page = await query.getMany<unknown>();
        for (const row of page.results) found.push({ key: row.key, job: row.value });
        cursor = page.nextCursor;
      } while (cursor !== undefined && found.length < limit);
      return found.slice(0, limit);
    },
    async remove(key) {
      await kvs.delete(key);
    },
  };
}
