/**
 * When a bulk export chunk counts as stalled, and what the status sweep does about it. Pure: the
 * sweep (src/app/export/stalled-chunks.ts) reads the records and acts on the answer.
 *
 * Why this exists: Forge retries a queue event a limited number of times (4) and kills an
 * invocation at its time limit. A chunk cut off before it saved anything — on its last retry
 * above all — leaves no record, or one saying `retrying`, and nothing is delivered again: the job
 * would read "running" for its whole week. The sweep re-queues such a chunk; the chunk's own
 * export path (pending markers, adoption by search) keeps a re-run from creating an issue twice.
 */

/** Platform retries of one queue event (Forge: at most 4; export-job.ts MAX_CHUNK_RETRIES). */
export const CHUNK_DELIVERIES = 1 + 4;
/** `timeoutSeconds` of the `jobs-consumer` function in manifest.yml (a unit test holds them equal). */
export const JOBS_CONSUMER_TIMEOUT_SECONDS = 300;
/** Forge's cap on an InvocationError retryAfter (retry-later.ts MAX_RETRY_AFTER_SECONDS). */
const MAX_RETRY_DELAY_SECONDS = 900;
/** export-findings.ts INDEX_LAG_ALLOWANCE_MS: the longest a chunk waits for Jira's search. */
const INDEX_LAG_ALLOWANCE_SECONDS = 15 * 60;
/** The status sweep's interval: a parked chunk waits for the next run. */
const SWEEP_INTERVAL_SECONDS = 5 * 60;

/**
 * No record written for this long means no delivery of the chunk is alive any more. Every term is
 * a worst case: each of the five deliveries running its whole time limit, each of the four
 * retries waiting the longest delay Forge allows, the index-lag wait on top (it is normally served
 * inside those delays), and a sweep interval for a parked chunk. 105 minutes; a chunk that saves
 * progress (every delivery that is not cut off does) starts this clock again.
 */
export const CHUNK_STALLED_AFTER_MS =
  (CHUNK_DELIVERIES * JOBS_CONSUMER_TIMEOUT_SECONDS +
    (CHUNK_DELIVERIES - 1) * MAX_RETRY_DELAY_SECONDS +
    INDEX_LAG_ALLOWANCE_SECONDS +
    SWEEP_INTERVAL_SECONDS) *
  1000;

/**
 * Re-queues of one stalled chunk; a chunk that stalls again after this many has what it has not
 * exported reported failed ("export interrupted") instead of being re-queued forever.
 */
export const MAX_STALL_RECOVERIES = 3;

export const EXPORT_INTERRUPTED_REASON = 'Export interrupted; retry the export.';

export interface StalledChunkFacts {
  now: Date;
  /** When the job was started (the chunk's clock until it saves or is re-queued). */
  createdAt: string;
  /** The chunk's last saved progress, if it saved any. */
  progress?: { state: 'retrying' | 'done'; updatedAt?: string | undefined } | undefined;
  /** Waiting in the parked store: the sweep's parked-job step re-queues it, not this one. */
  parked: boolean;
  recoveries: number;
  lastRecoveredAt?: string | undefined;
}

export type StalledChunkDecision =
  | { kind: 'finished' }
  | { kind: 'wait' }
  | { kind: 'requeue'; round: number }
  | { kind: 'give-up' };

export function decideStalledChunk(facts: StalledChunkFacts): StalledChunkDecision {
  if (facts.progress?.state === 'done') return { kind: 'finished' };
  if (facts.parked) return { kind: 'wait' };
  // An unreadable time counts as "just now": waiting longer is safe, re-queueing early is not.
  const times = [facts.createdAt, facts.progress?.updatedAt, facts.lastRecoveredAt]
    .filter((t): t is string => t !== undefined)
    .map((t) => (Number.isNaN(Date.parse(t)) ? facts.now.getTime() : Date.parse(t)));
  const lastSign = Math.max(...times);
  if (facts.now.getTime() - lastSign <= CHUNK_STALLED_AFTER_MS) return { kind: 'wait' };
  if (facts.recoveries >= MAX_STALL_RECOVERIES) return { kind: 'give-up' };
  return { kind: 'requeue', round: facts.recoveries + 1 };
}
