import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import { storeKeys } from './store-keys';

/**
 * The index of dated accepted-risk exceptions, keyed `riskexp:<until>:<findingId>`. KVS returns
 * keys in byte order and ISO dates sort as text, so the due entries are the first ones of the
 * prefix: a run reads until it meets a future date and never touches the links themselves. With
 * nothing due, a run costs one small query.
 */
export interface RiskExpiryEntry {
  findingId: string;
  until: string;
}

export interface RiskExpiryStore {
  add(entry: RiskExpiryEntry): Promise<void>;
  remove(entry: RiskExpiryEntry): Promise<void>;
  /** Entries whose date is on or before `today` (YYYY-MM-DD), earliest first, at most `limit`. */
  listDue(today: string, limit: number): Promise<RiskExpiryEntry[]>;
}

const entrySchema = z.object({ findingId: z.string(), until: z.string() });

/** Rows fetched per query page: most runs find nothing due and stop on the first row. */
const PAGE_SIZE = 20;

export function createKvsRiskExpiryStore(): RiskExpiryStore {
  return {
    async add(entry) {
      const valid = entrySchema.parse(entry);
      await kvs.set(storeKeys.riskExpiry(valid.until, valid.findingId), valid);
    },
    async remove(entry) {
      await kvs.delete(storeKeys.riskExpiry(entry.until, entry.findingId));
    },
    async listDue(today, limit) {
      const due: RiskExpiryEntry[] = [];
      let cursor: string | undefined;
      do {
        let query = kvs
          .query()
          .where('key', WhereConditions.beginsWith(storeKeys.riskExpiryPrefix))
          .limit(Math.min(PAGE_SIZE, limit - due.length + 1));
        if (cursor !== undefined) query = query.cursor(cursor);
        const page = await query.getMany<unknown>();
        for (const row of page.results) {
          const parsed = entrySchema.safeParse(row.value);
          // A damaged entry cannot be acted on and is skipped, never guessed at; its key still
          // orders it, so it cannot hide the due entries behind it.
          if (!parsed.success) continue;
          if (parsed.data.until > today || due.length >= limit) return due;
          due.push(parsed.data);
        }
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      return due;
    },
  };
}
