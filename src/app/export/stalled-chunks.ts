import { decideStalledChunk } from '../../core/export/stalled-chunk';
import { type JobQueue } from '../../infra/queue/job-queue';
import { type ExportJobStore } from '../../infra/store/export-job-store';
import { type ParkedSyncStore } from '../../infra/store/parked-sync-store';
import {
  EXPORT_CHUNK_JOB,
  interruptedChunkProgress,
  parkedExportChunkId,
  type ExportChunkEvent,
} from './export-job';

/** Open chunks looked at per sweep run, oldest job first (stalled ones are among the oldest). */
export const OPEN_CHUNKS_PER_RUN = 200;

export interface StalledChunkSummary {
  checked: number;
  finished: number;
  requeued: number;
  gaveUp: number;
  /** Open-chunk records that could not be read (left to expire with their job). */
  unreadable: number;
}

/**
 * The status sweep's step for export chunks nobody will deliver again: cut off (time limit, crash)
 * before saving, on the last of their platform retries. Each one silent for longer than a chunk
 * can legitimately take (CHUNK_STALLED_AFTER_MS) is queued again, once per round (the parked
 * re-queue's claim), at most MAX_STALL_RECOVERIES times; then what it never settled is reported
 * failed. A finished chunk's record is dropped. The re-run goes through the export path with its
 * pending markers, so an issue Jira created before the cut-off is adopted, not created again.
 */
export async function recoverStalledExportChunks(deps: {
  jobs: ExportJobStore;
  parked: Pick<ParkedSyncStore, 'isParked' | 'claimRequeue'>;
  queue: JobQueue;
  now: () => Date;
  limit?: number;
}): Promise<StalledChunkSummary> {
  const summary: StalledChunkSummary = { checked: 0, finished: 0, requeued: 0, gaveUp: 0, unreadable: 0 };
  const open = await deps.jobs.listOpenChunks(deps.limit ?? OPEN_CHUNKS_PER_RUN);
  for (const { key, chunk: entry } of open) {
    summary.checked += 1;
    if (entry === undefined) {
      summary.unreadable += 1;
      continue;
    }
    const progress = await deps.jobs.getChunk(entry.jobId, entry.chunk);
    // Only a chunk that is not done can be parked; skip the read for the others.
    const parked = progress?.state === 'done' ? false : await deps.parked.isParked(parkedExportChunkId(entry.jobId, entry.chunk));
    const now = deps.now();
    const decision = decideStalledChunk({
      now,
      createdAt: entry.createdAt,
      progress,
      parked,
      recoveries: entry.recoveries,
      lastRecoveredAt: entry.lastRecoveredAt,
    });
    if (decision.kind === 'wait') continue;
    if (decision.kind === 'finished') {
      await deps.jobs.closeOpenChunk(key);
      summary.finished += 1;
      continue;
    }
    if (decision.kind === 'give-up') {
      // No delivery of it is alive (it has been silent past the bound): this write races nothing.
      await deps.jobs.saveChunk(entry.jobId, entry.chunk, interruptedChunkProgress(progress, entry.findingIds, now));
      await deps.jobs.closeOpenChunk(key);
      summary.gaveUp += 1;
      continue;
    }
    // One re-queue per round whatever runs the sweep twice; the round is recorded before the push,
    // so a push that fails costs a round (bounded) rather than re-queueing twice.
    if (!(await deps.parked.claimRequeue(`stalled:${parkedExportChunkId(entry.jobId, entry.chunk)}`, decision.round))) continue;
    await deps.jobs.updateOpenChunk(key, { ...entry, recoveries: decision.round, lastRecoveredAt: now.toISOString() });
    const event: ExportChunkEvent = {
      type: EXPORT_CHUNK_JOB,
      jobId: entry.jobId,
      chunk: entry.chunk,
      findingIds: entry.findingIds,
    };
    await deps.queue.push([event]);
    summary.requeued += 1;
  }
  return summary;
}
