import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import { KVS_QUERY_PAGE_LIMIT, readAllUnderPrefix } from './kvs-prefix-scan';
import { storeKeys } from './store-keys';

/**
 * The Confluence assistant's web-trigger credentials, rate limit and audit trail
 * (docs/confluence.md "Web trigger contract").
 *
 * - The secret is 32 random bytes shown once; only its SHA-256 is kept, in the KVS secret store,
 *   and it is compared in constant time. Rotating replaces the hash, so the old secret stops
 *   working at once.
 * - Rate limit: each request writes its own short-lived key under the current minute, then counts
 *   the minute's keys. KVS has no atomic increment; counting after writing means a burst can only
 *   be refused too often, never let through too often.
 * - Audit entries never hold the secret or the query text.
 */
const secretRecordSchema = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), createdAt: z.string() });

export const assistantAuditEntrySchema = z.object({
  at: z.string(),
  action: z.enum(['search', 'read', 'unknown']),
  outcome: z.enum([
    'ok',
    'unauthorized',
    'confluence-off',
    'out-of-scope',
    'bad-request',
    'rate-limited',
    'not-found',
    'error',
  ]),
  spaceKeys: z.array(z.string()).optional(),
  pageId: z.string().optional(),
  results: z.number().int().nonnegative().optional(),
});
export type AssistantAuditEntry = z.infer<typeof assistantAuditEntrySchema>;

export interface AssistantStore {
  /** Creates or replaces the secret; returns it (the only time it exists outside the caller's hands). */
  rotateSecret(now: Date): Promise<{ secret: string; createdAt: string }>;
  secretInfo(): Promise<{ createdAt: string } | undefined>;
  verifySecret(presented: string): Promise<boolean>;
  /** Counts this request in its minute; true when it is within `perMinute`. */
  admitRequest(now: Date, perMinute: number): Promise<boolean>;
  audit(entry: AssistantAuditEntry): Promise<void>;
  readAudit(): Promise<AssistantAuditEntry[]>;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export function createKvsAssistantStore(): AssistantStore {
  const readRecord = async () => {
    const parsed = secretRecordSchema.safeParse(await kvs.getSecret(storeKeys.assistantSecret));
    return parsed.success ? parsed.data : undefined;
  };
  return {
    async rotateSecret(now) {
      const secret = randomBytes(32).toString('base64url');
      const createdAt = now.toISOString();
      await kvs.setSecret(storeKeys.assistantSecret, { sha256: sha256(secret), createdAt });
      return { secret, createdAt };
    },
    async secretInfo() {
      const record = await readRecord();
      return record === undefined ? undefined : { createdAt: record.createdAt };
    },
    async verifySecret(presented) {
      const record = await readRecord();
      if (record === undefined || presented.length === 0) return false;
      return timingSafeEqual(Buffer.from(sha256(presented), 'hex'), Buffer.from(record.sha256, 'hex'));
    },
    async admitRequest(now, perMinute) {
      const minute = now.toISOString().slice(0, 16);
      await kvs.set(`${storeKeys.assistantRate(minute)}:${randomUUID()}`, 1, {
        ttl: { value: 2, unit: 'MINUTES' },
      });
      // KVS answers at most 20 rows a query (Forge's query reference), so count page by page and
      // stop as soon as the minute holds more than the limit.
      let seen = 0;
      let cursor: string | undefined;
      do {
        let query = kvs
          .query()
          .where('key', WhereConditions.beginsWith(`${storeKeys.assistantRate(minute)}:`))
          .limit(Math.min(KVS_QUERY_PAGE_LIMIT, perMinute + 1 - seen));
        if (cursor !== undefined) query = query.cursor(cursor);
        const page = await query.getMany<unknown>();
        seen += page.results.length;
        cursor = page.nextCursor;
      } while (cursor !== undefined && seen <= perMinute);
      return seen <= perMinute;
    },
    async audit(entry) {
      const valid = assistantAuditEntrySchema.parse(entry);
      await kvs.set(storeKeys.assistantAudit(valid.at, randomUUID().slice(0, 8)), valid, {
        ttl: { value: 90, unit: 'DAYS' },
      });
    },
    async readAudit() {
      const rows = await readAllUnderPrefix(storeKeys.assistantAuditPrefix);
      return rows.flatMap((row) => {
        const parsed = assistantAuditEntrySchema.safeParse(row.value);
        return parsed.success ? [parsed.data] : [];
      });
    },
  };
}
