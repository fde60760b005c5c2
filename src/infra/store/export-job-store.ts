import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import { exportedItemSchema, failedItemSchema, skippedItemSchema } from '../../contract/findings';
import { readAllUnderPrefix } from './kvs-prefix-scan';
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
});
export type ChunkProgress = z.infer<typeof chunkProgressSchema>;

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
}

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
    async listChunks(jobId) {
      const rows = await readAllUnderPrefix(storeKeys.jobChunkPrefix(jobId));
      return rows.map((row) => parse(chunkProgressSchema, row.key, row.value));
    },
  };
}
