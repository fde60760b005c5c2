import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import { exportedItemSchema, failedItemSchema, skippedItemSchema } from '../../contract/findings';
import { KVS_QUERY_PAGE_LIMIT, readAllUnderPrefix } from './kvs-prefix-scan';
import { storeKeys } from './store-keys';
import { exportPlanSchema } from '../../core/export/export-plan';

/** Written once by the resolver that starts the job. */
export const exportJobSchema = z.object({
  jobId: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  total: z.number(),
  chunkCount: z.number(),
  plan: exportPlanSchema,
  notes: z.array(z.string()),
});
export type ExportJob = z.infer<typeof exportJobSchema>;

/** Written only by the consumer of that chunk, so parallel chunks never race on one record. */
export const chunkProgressSchema = z.object({
  state: z.enum(['retrying', 'done']),
  attempts: z.number(),
  exported: z.array(exportedItemSchema),
  skipped: z.array(skippedItemSchema),
  failed: z.array(failedItemSchema),
  /** Still to do after this attempt (only while `retrying`). */
  waiting: z.number(),
  /** Issues Jira created for this chunk whose link was not stored yet, so a later failure still names them. */
  unlinked: z.array(exportedItemSchema).default([]),
  notes: z.array(z.string()),
  /** When this record was saved: the status sweep's sign of life for the chunk (stalled-chunk.ts). */
  updatedAt: z.string().optional(),
});
export type ChunkProgress = z.infer<typeof chunkProgressSchema>;

/**
 * A chunk the status sweep has not yet seen finish, with what it needs to queue the chunk again
 * (its finding ids ride no other record). Written by the resolver that starts the job, then only
 * by the status sweep, so it never races the chunk's own record.
 */
export const openChunkSchema = z.object({
  jobId: z.string().min(1),
  chunk: z.number().int().nonnegative(),
  findingIds: z.array(z.string().min(1)).min(1),
  createdAt: z.string(),
  recoveries: z.number().int().nonnegative(),
  lastRecoveredAt: z.string().optional(),
});
export type OpenChunk = z.infer<typeof openChunkSchema>;

export class StoredJobError extends Error {
  override name = 'StoredJobError';
}

export interface ExportJobStore {
  create(job: ExportJob): Promise<void>;
  get(jobId: string): Promise<ExportJob | undefined>;
  getChunk(jobId: string, index: number): Promise<ChunkProgress | undefined>;
  saveChunk(jobId: string, index: number, progress: ChunkProgress): Promise<void>;
  listChunks(jobId: string): Promise<ChunkProgress[]>;
  /** The most recent jobs (newest first), at most `limit`; expired ones are gone with their job. */
  listRecent(limit: number): Promise<ExportJob[]>;
  /** Records every chunk of a new job as open (see openChunkSchema). */
  openChunks(chunks: OpenChunk[]): Promise<void>;
  /** Up to `limit` open chunks, oldest job first. */
  listOpenChunks(limit: number): Promise<{ key: string; chunk: OpenChunk | undefined }[]>;
  updateOpenChunk(key: string, chunk: OpenChunk): Promise<void>;
  closeOpenChunk(key: string): Promise<void>;
}

/** KVS batches take at most 25 keys. */
const KVS_BATCH = 25;

/** Finished jobs are kept a week for the summary, then expire on their own. */
const JOB_TTL = { value: 7, unit: 'DAYS' } as const;

function parse<T>(schema: z.ZodType<T>, key: string, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new StoredJobError(`Stored export job data at ${key} is not valid.`);
  return parsed.data;
}

export function createKvsExportJobStore(): ExportJobStore {
  return {
    async create(job) {
      const parsed = exportJobSchema.parse(job);
      await kvs.set(storeKeys.job(job.jobId), parsed, { ttl: JOB_TTL });
      // The history index: the same record under a time-ordered key, expiring with the job.
      await kvs.set(storeKeys.jobHistory(Date.parse(job.createdAt), job.jobId), parsed, { ttl: JOB_TTL });
    },
    async listRecent(limit) {
      const page = await kvs
        .query()
        .where('key', WhereConditions.beginsWith(storeKeys.jobHistoryPrefix))
        .limit(limit)
        .getMany<unknown>();
      return page.results.map((row) => parse(exportJobSchema, row.key, row.value));
    },
    async get(jobId) {
      const key = storeKeys.job(jobId);
      const raw = await kvs.get(key);
      return raw === undefined ? undefined : parse(exportJobSchema, key, raw);
    },
    async getChunk(jobId, index) {
      const key = storeKeys.jobChunk(jobId, index);
      const raw = await kvs.get(key);
      return raw === undefined ? undefined : parse(chunkProgressSchema, key, raw);
    },
    async saveChunk(jobId, index, progress) {
      await kvs.set(storeKeys.jobChunk(jobId, index), chunkProgressSchema.parse(progress), { ttl: JOB_TTL });
    },
    async openChunks(chunks) {
      for (let i = 0; i < chunks.length; i += KVS_BATCH) {
        const part = chunks.slice(i, i + KVS_BATCH).map((c) => openChunkSchema.parse(c));
        const result = await kvs.batchSet(
          part.map((c) => ({
            key: storeKeys.openExportChunk(Date.parse(c.createdAt), c.jobId, c.chunk),
            value: c,
            options: { ttl: JOB_TTL },
          })),
        );
        // A chunk without this record could not be recovered if it stalled: refuse to start.
        if (result.failedKeys.length > 0)
          throw new StoredJobError(`Could not record ${result.failedKeys.length} chunks of export job ${part[0]?.jobId ?? ''}.`);
      }
    },
    async listOpenChunks(limit) {
      const found: { key: string; chunk: OpenChunk | undefined }[] = [];
      let cursor: string | undefined;
      do {
        let query = kvs
          .query()
          .where('key', WhereConditions.beginsWith(storeKeys.openExportChunkPrefix))
          .limit(Math.min(KVS_QUERY_PAGE_LIMIT, limit - found.length));
        if (cursor !== undefined) query = query.cursor(cursor);
        const page = await query.getMany<unknown>();
        // One unreadable record must not stop the recovery of every other chunk: it is reported
        // (chunk undefined) and left to expire with its job.
        for (const row of page.results) {
          const parsed = openChunkSchema.safeParse(row.value);
          found.push({ key: row.key, chunk: parsed.success ? parsed.data : undefined });
        }
        cursor = page.nextCursor;
      } while (cursor !== undefined && found.length < limit);
      return found;
    },
    async updateOpenChunk(key, chunk) {
      await kvs.set(key, openChunkSchema.parse(chunk), { ttl: JOB_TTL });
    },
    async closeOpenChunk(key) {
      await kvs.delete(key);
    },
    async listChunks(jobId) {
      const rows = await readAllUnderPrefix(storeKeys.jobChunkPrefix(jobId));
      return rows.map((row) => parse(chunkProgressSchema, row.key, row.value));
    },
  };
}
