import { kvs, WhereConditions } from '@forge/kvs';
import { type z } from 'zod';
import {
  auditEntrySchema,
  findingLinkSchema,
  type AuditEntry,
  type FindingLink,
} from '../../core/link/finding-link';
import { KVS_QUERY_PAGE_LIMIT, readAllUnderPrefix } from './kvs-prefix-scan';
import { storeKeys } from './store-keys';

/** A stored value failed its schema: data written by an older or broken version. Never guessed at. */
export class StoredDataError extends Error {
  constructor(key: string, issues: z.core.$ZodIssue[]) {
    super(
      `Stored value at ${key} is not valid: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
    this.name = 'StoredDataError';
  }
}

/** Keys a KVS batch request may hold. */
const KVS_BATCH_KEYS = 25;

export type ClaimResult = { claimed: true } | { claimed: false; heldBy: string };

export interface LinkStore {
  getByFinding(findingId: string): Promise<FindingLink | undefined>;
  getByIssueId(issueId: string): Promise<FindingLink | undefined>;
  /**
   * Which of these findings are linked, read 25 keys a request (KVS batch get): a run over
   * thousands of findings costs a few reads instead of one per finding.
   */
  linkedAmong(findingIds: readonly string[]): Promise<Set<string>>;
  /** The links of these findings (unlinked ones absent), 25 keys a KVS request. */
  getByFindings(findingIds: readonly string[]): Promise<Map<string, FindingLink>>;
  /**
   * The end of one finding's export in a single KVS transaction: both link directions, the
   * audit entry, and the removal of the export claim and the pending-create marker. One write
   * request per exported finding instead of five.
   */
  saveExported(link: FindingLink, audit: AuditEntry): Promise<void>;
  /** Stores both directions atomically. */
  save(link: FindingLink): Promise<void>;
  /** Removes both directions atomically. */
  remove(link: Pick<FindingLink, 'findingId' | 'issueId'>): Promise<void>;
  /**
   * Takes the per-finding export claim (FAIL_IF_EXISTS + TTL). The same owner may re-take its own
   * claim, so a redelivered queue event continues the work it started instead of waiting it out.
   */
  claimExport(findingId: string, owner: string, ttlSeconds: number): Promise<ClaimResult>;
  releaseExport(findingId: string, owner: string): Promise<void>;
  appendAudit(entry: AuditEntry): Promise<void>;
  listAudit(findingId: string, limit: number): Promise<AuditEntry[]>;
  /**
   * Up to `limit` links in key order (KVS query pages of 20), for Health's orphan check;
   * `complete` is false when more exist. Unreadable records are skipped, never guessed at.
   */
  scanLinks(limit: number): Promise<{ links: FindingLink[]; complete: boolean }>;
}

function parseLink(key: string, raw: unknown): FindingLink | undefined {
  if (raw === undefined) return undefined;
  const parsed = findingLinkSchema.safeParse(raw);
  if (!parsed.success) throw new StoredDataError(key, parsed.error.issues);
  return parsed.data;
}

interface ClaimValue {
  owner: string;
  at: string;
}

/** The links of these findings (unlinked ones absent), 25 keys a KVS batch request. */
async function readLinks(findingIds: readonly string[]): Promise<Map<string, FindingLink>> {
  const links = new Map<string, FindingLink>();
  const unique = [...new Set(findingIds)];
  for (let i = 0; i < unique.length; i += KVS_BATCH_KEYS) {
    const part = unique.slice(i, i + KVS_BATCH_KEYS);
    const byKey = new Map(part.map((id) => [storeKeys.linkByFinding(id), id]));
    const result = await kvs.batchGet<unknown>([...byKey.keys()].map((key) => ({ key })));
    for (const item of result.successfulKeys) {
      const id = byKey.get(item.key);
      const link = parseLink(item.key, item.value);
      if (id !== undefined && link !== undefined) links.set(id, link);
    }
    // A missing key comes back as KEY_NOT_FOUND: simply not linked. Anything else is unknown,
    // and guessing "not linked" could duplicate an issue.
    const unreadable = result.failedKeys.filter((item) => item.error.code !== 'KEY_NOT_FOUND');
    if (unreadable.length > 0)
      throw new Error(
        `Could not read ${unreadable.length} finding links (${unreadable[0]?.error.code ?? 'unknown'}).`,
      );
  }
  return links;
}

export function createKvsLinkStore(now: () => Date = () => new Date()): LinkStore {
  let auditSeq = 0;
  const nextAuditSeq = (): string => {
    auditSeq = (auditSeq + 1) % 1_000_000;
    return `${String(auditSeq).padStart(6, '0')}${Math.random().toString(36).slice(2, 6)}`;
  };
  return {
    async getByFinding(findingId) {
      const key = storeKeys.linkByFinding(findingId);
      return parseLink(key, await kvs.get(key));
    },

    async linkedAmong(findingIds) {
      return new Set((await readLinks(findingIds)).keys());
    },

    getByFindings: readLinks,

    async saveExported(link, audit) {
      const valid = findingLinkSchema.parse(link);
      const entry = auditEntrySchema.parse(audit);
      await kvs
        .transact()
        .set(storeKeys.linkByFinding(valid.findingId), valid)
        .set(storeKeys.linkByIssue(valid.issueId), valid.findingId)
        .set(storeKeys.audit(entry.findingId, entry.at, nextAuditSeq()), entry)
        .delete(storeKeys.exportClaim(valid.findingId))
        .delete(storeKeys.exportPending(valid.findingId))
        .execute();
    },

    async getByIssueId(issueId) {
      const key = storeKeys.linkByIssue(issueId);
      const findingId = await kvs.get<string>(key);
      if (findingId === undefined) return undefined;
      const linkKey = storeKeys.linkByFinding(findingId);
      const link = parseLink(linkKey, await kvs.get(linkKey));
      // The finding's own record says which issue owns it. A reverse entry that disagrees is stale
      // (the finding was linked elsewhere since): this issue is not linked, and nothing done from
      // it may reach the other issue's finding.
      return link !== undefined && link.issueId === issueId ? link : undefined;
    },

    async save(link) {
      const valid = findingLinkSchema.parse(link);
      await kvs
        .transact()
        .set(storeKeys.linkByFinding(valid.findingId), valid)
        .set(storeKeys.linkByIssue(valid.issueId), valid.findingId)
        .execute();
    },

    async remove(link) {
      await kvs
        .transact()
        .delete(storeKeys.linkByFinding(link.findingId))
        .delete(storeKeys.linkByIssue(link.issueId))
        .execute();
    },

    async claimExport(findingId, owner, ttlSeconds) {
      const key = storeKeys.exportClaim(findingId);
      const value: ClaimValue = { owner, at: now().toISOString() };
      try {
        await kvs.set(key, value, {
          keyPolicy: 'FAIL_IF_EXISTS',
          ttl: { value: ttlSeconds, unit: 'SECONDS' },
        });
        return { claimed: true };
      } catch (error) {
        // Whatever code the platform uses for "exists", the truth is in the store: a claim is
        // there (someone else's or ours from an earlier delivery) or the error was something else.
        const existing = await kvs.get<ClaimValue>(key);
        if (existing === undefined) throw error;
        return existing.owner === owner ? { claimed: true } : { claimed: false, heldBy: existing.owner };
      }
    },

    async releaseExport(findingId, owner) {
      const key = storeKeys.exportClaim(findingId);
      const existing = await kvs.get<ClaimValue>(key);
      if (existing?.owner === owner) await kvs.delete(key);
    },

    async appendAudit(entry) {
      const valid = auditEntrySchema.parse(entry);
      await kvs.set(storeKeys.audit(valid.findingId, valid.at, nextAuditSeq()), valid);
    },

    async scanLinks(limit) {
      const links: FindingLink[] = [];
      let cursor: string | undefined;
      do {
        let query = kvs.query().where('key', WhereConditions.beginsWith(storeKeys.linkByFindingPrefix)).limit(KVS_QUERY_PAGE_LIMIT);
        if (cursor !== undefined) query = query.cursor(cursor);
        const page = await query.getMany<unknown>();
        for (const row of page.results) {
          const parsed = findingLinkSchema.safeParse(row.value);
          if (parsed.success) links.push(parsed.data);
        }
        cursor = page.nextCursor;
      } while (cursor !== undefined && links.length < limit);
      return { links: links.slice(0, limit), complete: cursor === undefined && links.length <= limit };
    },

    async listAudit(findingId, limit) {
      const entries: AuditEntry[] = [];
      // Keys sort by ISO timestamp, so a prefix scan yields the trail oldest first.
      for (const row of await readAllUnderPrefix(storeKeys.auditPrefix(findingId))) {
        const parsed = auditEntrySchema.safeParse(row.value);
        if (parsed.success) entries.push(parsed.data);
      }
      return entries.slice(-limit);
    },
  };
}
