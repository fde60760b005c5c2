import { z } from 'zod';

/**
 * Queue jobs of two-way sync (the app's one queue, `zp-jobs`). The trigger decides relevance from
 * KVS and pushes one of these; the consumer does the slow part. Bodies are parsed again on the way
 * out: a queue event is input like any other.
 */
export const SYNC_STATUS_JOB = 'sync-status-change';
export const SYNC_COMMENT_JOB = 'sync-comment';

export const statusChangeEventSchema = z.object({
  issueId: z.string().min(1),
  issueKey: z.string().min(1),
  changelogId: z.string().min(1),
  from: z.string().nullable(),
  to: z.string().nullable(),
  eventStatus: z.object({ id: z.string(), category: z.string() }).optional(),
  actorAccountId: z.string(),
  /**
   * Not a Jira event: the app adopted an issue it had created without its link (issue 17) and asks
   * for the issue's current status to be synced as if it had just been entered, since the change
   * that put it there reached no link.
   */
  reconcile: z.literal(true).optional(),
});

export const commentEventSchema = z.object({
  issueId: z.string().min(1),
  issueKey: z.string().min(1),
  comment: z.object({
    id: z.string().min(1),
    updated: z.string(),
    created: z.string(),
    prose: z.string(),
    author: z.object({
      accountId: z.string(),
      displayName: z.string().optional(),
      accountType: z.string().optional(),
    }),
  }),
  statusCategory: z.string().optional(),
});

/**
 * How many times a sync job was queued afresh after the platform's own retries ran out (issue 17:
 * a job dropped at the retry cap left Jira done and ZeroPath open for good). At the bound (about two
 * hours at the longest delay) it is parked in KVS and the status sweep queues it again later.
 */
export const MAX_SYNC_GENERATIONS = 8;
const generation = z.number().int().min(0).max(MAX_SYNC_GENERATIONS).optional();
/** How many times the job was parked and queued again by the sweep (keeps each round's claim apart). */
const parkedCycles = z.number().int().min(0).optional();

export const statusJobSchema = z.object({
  type: z.literal(SYNC_STATUS_JOB),
  change: statusChangeEventSchema,
  generation,
  parkedCycles,
});
export const commentJobSchema = z.object({
  type: z.literal(SYNC_COMMENT_JOB),
  comment: commentEventSchema,
  generation,
  parkedCycles,
});
export type SyncJob = z.infer<typeof statusJobSchema> | z.infer<typeof commentJobSchema>;

/** Pushing one job; the trigger gets it from the entry layer (a @forge/events Queue in production). */
export type PushSyncJob = (job: SyncJob) => Promise<void>;

/**
 * Comment prose beyond this is not needed (the ZeroPath note holds 5,000 characters) and would
 * only make the queue event bigger.
 */
export const MAX_QUEUED_PROSE = 6_000;
