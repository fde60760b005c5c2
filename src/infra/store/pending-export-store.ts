import { kvs, WhereConditions } from '@forge/kvs';
import { KVS_QUERY_PAGE_LIMIT } from './kvs-prefix-scan';
import { z } from 'zod';
import { storeKeys } from './store-keys';

/**
 * "A create for this finding may have reached Jira" markers. Written just before a create call and
 * removed once the link is stored (or Jira has certainly created nothing), so only an export that
 * was interrupted in between leaves one behind, and only then does the next export pay for a JQL
 * lookup. Plain keys without TTL: forgetting one could duplicate an issue.
 */
export interface PendingExportStore {
  /**
   * Which of these findings carry a marker, with the issue id once Jira answered the create and
   * when the marker was written (absent for markers of older versions).
   */
  find(findingIds: readonly string[]): Promise<Map<string, { issueId?: string; at?: string }>>;
  mark(findingIds: readonly string[], owner: string): Promise<void>;
  /**
   * Jira answered the create: keep the new issue's id on the marker until the link is stored. Jira's
   * search finds a new issue only after indexing (seconds to minutes); by id, a retry can ask for it
   * consistently (`reconcileIssues`) instead of missing it and creating a duplicate.
   */
  recordCreated(created: readonly { findingId: string; issueId: string }[], owner: string): Promise<void>;
  clear(findingIds: readonly string[]): Promise<void>;
  /**
   * Markers left behind, oldest key order, at most `limit`: the export recovery (status sweep)
   * and Health read them to find issues created whose link was never stored.
   */
  list(limit: number): Promise<PendingMarker[]>;
}

export interface PendingMarker {
  findingId: string;
  owner: string;
  /** When the marker was last written (before the create, or when Jira answered it). */
  at: string;
  issueId?: string;
}

const markerSchema = z.object({
  findingId: z.string().min(1).optional(),
  owner: z.string(),
  at: z.string(),
  issueId: z.string().regex(/^\d+$/).optional(),
});

const KVS_BATCH = 25;
const markerWithIssueSchema = z.object({ issueId: z.string().regex(/^\d+$/) });
const markerAtSchema = z.object({ at: z.string() });

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export class PendingMarkerError extends Error {
  override name = 'PendingMarkerError';
}

export function createKvsPendingExportStore(now: () => Date = () => new Date()): PendingExportStore {
  return {
    async find(findingIds) {
      const found = new Map<string, { issueId?: string; at?: string }>();
      for (const part of chunks(findingIds, KVS_BATCH)) {
        const result = await kvs.batchGet<unknown>(part.map((id) => ({ key: storeKeys.exportPending(id) })));
        const byKey = new Map(part.map((id) => [storeKeys.exportPending(id), id]));
        for (const item of result.successfulKeys) {
          const id = byKey.get(item.key);
          if (id === undefined || item.value === undefined) continue;
          // Markers written before the create answered (or by older versions) carry no issue id.
          const withId = markerWithIssueSchema.safeParse(item.value);
          const at = markerAtSchema.safeParse(item.value);
          found.set(id, {
            ...(withId.success ? { issueId: withId.data.issueId } : {}),
            ...(at.success ? { at: at.data.at } : {}),
          });
        }
        // A missing key is reported as a failed key (KEY_NOT_FOUND): that is simply "no marker".
        const unreadable = result.failedKeys.filter((item) => item.error.code !== 'KEY_NOT_FOUND');
        if (unreadable.length > 0) {
          throw new PendingMarkerError(
            `Could not read ${unreadable.length} export markers; nothing was created.`,
          );
        }
      }
      return found;
    },
    async mark(findingIds, owner) {
      const at = now().toISOString();
      for (const part of chunks(findingIds, KVS_BATCH)) {
        const result = await kvs.batchSet(
          part.map((id) => ({ key: storeKeys.exportPending(id), value: { findingId: id, owner, at } })),
        );
        // A create without its marker could not be recovered after a crash: refuse to create.
        if (result.failedKeys.length > 0) {
          throw new PendingMarkerError(
            `Could not record ${result.failedKeys.length} export markers; nothing was created.`,
          );
        }
      }
    },
    async recordCreated(created, owner) {
      const at = now().toISOString();
      for (const part of chunks(created, KVS_BATCH)) {
        // A failed write only loses the shortcut: the marker itself is still there.
        await kvs.batchSet(part.map(({ findingId, issueId }) => ({ key: storeKeys.exportPending(findingId), value: { findingId, owner, at, issueId } })));
      }
    },
    async list(limit) {
      const markers: PendingMarker[] = [];
      let cursor: string | undefined;
      do {
        let query = kvs.query().where('key', WhereConditions.beginsWith(storeKeys.exportPendingPrefix)).limit(KVS_QUERY_PAGE_LIMIT);
        if (cursor !== undefined) query = query.cursor(cursor);
        const page = await query.getMany<unknown>();
        for (const row of page.results) {
          const parsed = markerSchema.safeParse(row.value);
          if (!parsed.success) continue;
          // Markers of older versions carry no finding id; ZeroPath's ids (UUIDs) survive the key's sanitising.
          const findingId = parsed.data.findingId ?? row.key.slice(storeKeys.exportPendingPrefix.length);
          markers.push({
            findingId,
            owner: parsed.data.owner,
            at: parsed.data.at,
            ...(parsed.data.issueId === undefined ? {} : { issueId: parsed.data.issueId }),
          });
        }
        cursor = page.nextCursor;
      } while (cursor !== undefined && markers.length < limit);
      return markers.slice(0, limit);
    },
    async clear(findingIds) {
      for (const part of chunks(findingIds, KVS_BATCH)) {
        await kvs.batchDelete(part.map((id) => ({ key: storeKeys.exportPending(id) })));
      }
    },
  };
}
