import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { type ExportJobView } from '../../contract/findings';
import { MAX_BULK_CREATE } from '../../infra/jira/jira-client';
import { type ExportPlan } from '../../core/export/export-plan';
import { type ChunkProgress, type ExportJobStore } from '../../infra/store/export-job-store';
import {
  ExportInterruptedError,
  exportFindings,
  type ExportDeps,
  type ExportOutcome,
} from './export-findings';
import { type JobQueue } from '../../infra/queue/job-queue';
import { type LinkStore } from '../../infra/store/link-store';
import { EXPORT_INTERRUPTED_REASON } from '../../core/export/stalled-chunk';
import { errorMessage } from '../../core/error-message';

export const EXPORT_CHUNK_JOB = 'export-chunk';

/**
 * A chunk still waiting when the platform's retries are spent (Jira or ZeroPath down for longer
 * than they last) is parked, and the status sweep queues it again, at most this many times; then
 * its waiting findings fail. One cycle is four retries (up to an hour) plus a sweep interval, so
 * about a day in all, well within the job's week.
 */
export const MAX_CHUNK_PARK_CYCLES = 24;

/** The queue event of one chunk: ids only (findings are re-read from ZeroPath; no code rides the queue). */
export const exportChunkEventSchema = z.object({
  type: z.literal(EXPORT_CHUNK_JOB),
  jobId: z.string().min(1),
  chunk: z.number().int().nonnegative(),
  findingIds: z.array(z.string().min(1)).min(1).max(MAX_BULK_CREATE),
  /** How often this chunk was parked and queued again by the status sweep. */
  parkedCycles: z.number().int().min(0).max(MAX_CHUNK_PARK_CYCLES).optional(),
});
export type ExportChunkEvent = z.infer<typeof exportChunkEventSchema>;

const MAX_EVENTS_PER_PUSH = 50;

export async function startBulkExport(
  input: { jobId: string; findingIds: readonly string[]; plan: ExportPlan; exportedBy: string; now: Date },
  deps: { jobs: ExportJobStore; queue: JobQueue },
): Promise<{ jobId: string; total: number }> {
  const chunks: string[][] = [];
  for (let i = 0; i < input.findingIds.length; i += MAX_BULK_CREATE)
    chunks.push(input.findingIds.slice(i, i + MAX_BULK_CREATE));
  // The job record first: a consumer that runs before the push returns must find it.
  const createdAt = input.now.toISOString();
  await deps.jobs.create({
    jobId: input.jobId,
    createdBy: input.exportedBy,
    createdAt,
    total: input.findingIds.length,
    chunkCount: chunks.length,
    plan: input.plan,
    notes: input.plan.notes,
  });
  // Before the push: a chunk cut off before it saves anything is found by the status sweep only
  // through this record (stalled-chunks.ts).
  await deps.jobs.openChunks(
    chunks.map((findingIds, chunk) => ({ jobId: input.jobId, chunk, findingIds, createdAt, recoveries: 0 })),
  );
  const events = chunks.map((findingIds, chunk): ExportChunkEvent => ({
    type: EXPORT_CHUNK_JOB,
    jobId: input.jobId,
    chunk,
    findingIds,
  }));
  for (let i = 0; i < events.length; i += MAX_EVENTS_PER_PUSH)
    await deps.queue.push(events.slice(i, i + MAX_EVENTS_PER_PUSH));
  return { jobId: input.jobId, total: input.findingIds.length };
}

/** What the consumer should do next with this delivery. */
export type ChunkDecision =
  | { kind: 'done' }
  | { kind: 'retry'; afterSeconds: number }
  /** The platform's retries are spent but the chunk still waits: park it for the status sweep. */
  | { kind: 'park'; afterSeconds: number };

/** Platform retries of one event (Forge allows 4); the last attempt turns "try later" into "failed". */
export const MAX_CHUNK_RETRIES = 4;
const MIN_RETRY_SECONDS = 5;

export class UnknownJobError extends Error {
  override name = 'UnknownJobError';
}

/**
 * Runs one chunk and records its progress. Safe to deliver twice: a finished chunk is left alone,
 * and findings exported by an earlier delivery of this chunk stay counted as exported (their link
 * makes the engine skip them).
 */
export async function runExportChunk(
  event: ExportChunkEvent,
  retryCount: number,
  deps: { jobs: ExportJobStore; openExport: () => Promise<ExportDeps>; now?: () => Date },
): Promise<ChunkDecision> {
  const job = await deps.jobs.get(event.jobId);
  if (job === undefined) throw new UnknownJobError(`Export job ${event.jobId} is unknown or expired.`);
  const previous = await deps.jobs.getChunk(event.jobId, event.chunk);
  if (previous?.state === 'done') return { kind: 'done' };
  const lastAttempt = retryCount >= MAX_CHUNK_RETRIES;
  const park = lastAttempt && (event.parkedCycles ?? 0) < MAX_CHUNK_PARK_CYCLES;
  // A retry works only on what is still open: failures are final, exports are recorded.
  const settled = new Set(
    [...(previous?.exported ?? []), ...(previous?.failed ?? [])].map((item) => item.findingId),
  );
  const remaining = event.findingIds.filter((id) => !settled.has(id));

  let outcome: ExportOutcome;
  let interruption: string | undefined;
  try {
    const exportDeps = await deps.openExport();
    outcome = await exportFindings(remaining, job.plan, exportDeps, {
      // One owner per delivery: Forge may deliver the same event twice at once, and two
      // deliveries sharing an owner would both pass the claim and both create the issues.
      owner: `job:${event.jobId}:${event.chunk}:${randomUUID()}`,
      exportedBy: job.createdBy,
    });
  } catch (error) {
    interruption = errorMessage(error);
    const partial = error instanceof ExportInterruptedError ? error.partial : undefined;
    const done = new Set(
      [...(partial?.exported ?? []), ...(partial?.skipped ?? []), ...(partial?.failed ?? [])].map(
        (i) => i.findingId,
      ),
    );
    outcome = {
      exported: partial?.exported ?? [],
      skipped: partial?.skipped ?? [],
      failed: partial?.failed ?? [],
      transient: remaining
        .filter((id) => !done.has(id))
        .map((findingId) => ({ findingId, reason: interruption ?? '' })),
      unlinked: partial?.unlinked ?? [],
      notes: partial?.notes ?? [],
    };
  }

  const progress = mergeProgress(previous, outcome, lastAttempt && !park);
  // Said while parked, gone once the chunk ends (its findings then say what became of them).
  progress.notes = progress.notes.filter((note) => note !== PARKED_NOTE);
  if (park && progress.state !== 'done') progress.notes.push(PARKED_NOTE);
  // The chunk's sign of life: the status sweep re-queues a chunk silent for longer than any
  // delivery of it can last (stalled-chunk.ts).
  progress.updatedAt = (deps.now ?? (() => new Date()))().toISOString();
  await deps.jobs.saveChunk(event.jobId, event.chunk, progress);
  if (progress.state === 'done') return { kind: 'done' };
  const requested = Math.max(MIN_RETRY_SECONDS, ...outcome.transient.map((t) => t.retryAfterSeconds ?? 0));
  return { kind: park ? 'park' : 'retry', afterSeconds: requested };
}

/** The parked-store id of an export chunk (the consumer parks it, the stalled-export step looks for it). */
export function parkedExportChunkId(jobId: string, chunk: number): string {
  return `export:${jobId}:${chunk}`;
}

/**
 * The final record of a chunk the status sweep re-queued MAX_STALL_RECOVERIES times and that
 * stalled again: what it recorded stays; every finding it never settled is failed with a reason
 * the user can act on (an issue it created without its link is named, and the sweep's adoption
 * links it later, so the job view then shows it exported).
 */
export function interruptedChunkProgress(
  previous: ChunkProgress | undefined,
  findingIds: readonly string[],
  now: Date,
): ChunkProgress {
  const settled = new Set(
    [...(previous?.exported ?? []), ...(previous?.failed ?? []), ...(previous?.skipped ?? [])].map((i) => i.findingId),
  );
  const unlinked = new Map((previous?.unlinked ?? []).map((item) => [item.findingId, item.issueKey]));
  const failed: ChunkProgress['failed'] = [...(previous?.failed ?? [])];
  for (const findingId of findingIds) {
    if (settled.has(findingId)) continue;
    const issueKey = unlinked.get(findingId);
    failed.push(
      issueKey === undefined
        ? { findingId, reason: EXPORT_INTERRUPTED_REASON }
        : { findingId, issueKey, reason: `${EXPORT_INTERRUPTED_REASON} Jira created ${issueKey}; the status sweep links it.` },
    );
  }
  return {
    state: 'done',
    attempts: previous?.attempts ?? 0,
    exported: previous?.exported ?? [],
    skipped: previous?.skipped ?? [],
    failed,
    waiting: 0,
    unlinked: previous?.unlinked ?? [],
    notes: (previous?.notes ?? []).filter((note) => note !== PARKED_NOTE),
    updatedAt: now.toISOString(),
  };
}

const PARKED_NOTE =
  'Some findings could not be exported through every retry (Jira or ZeroPath kept failing, or Jira may have created their issues and its search does not show them yet); the status sweep tries them again every few minutes.';

function mergeProgress(
  previous: ChunkProgress | undefined,
  outcome: ExportOutcome,
  lastAttempt: boolean,
): ChunkProgress {
  const exported = new Map((previous?.exported ?? []).map((item) => [item.findingId, item]));
  for (const item of outcome.exported)
    exported.set(item.findingId, { findingId: item.findingId, issueKey: item.issueKey });
  // Created but not linked, by this attempt or an earlier one, and not linked since.
  const unlinked = new Map((previous?.unlinked ?? []).map((item) => [item.findingId, item]));
  for (const item of outcome.unlinked) unlinked.set(item.findingId, { findingId: item.findingId, issueKey: item.issueKey });
  // Linked meanwhile (the status sweep adopted it while the chunk was parked) to the very issue this
  // chunk created: an export, not a skip.
  for (const item of outcome.skipped)
    if (item.issueKey !== undefined && unlinked.get(item.findingId)?.issueKey === item.issueKey)
      exported.set(item.findingId, { findingId: item.findingId, issueKey: item.issueKey });
  // "Already in Jira" because an earlier delivery of this chunk created it is an export, not a skip.
  const skipped = outcome.skipped.filter((item) => !exported.has(item.findingId));
  const failed: ChunkProgress['failed'] = [...(previous?.failed ?? []), ...outcome.failed];
  for (const id of exported.keys()) unlinked.delete(id);
  const waiting = outcome.transient;
  if (lastAttempt)
    for (const item of waiting) {
      const created = unlinked.get(item.findingId);
      failed.push(
        created === undefined
          ? {
              findingId: item.findingId,
              reason: `Gave up after repeated attempts: ${item.reason} If Jira created its issue before failing, the status sweep links it (Health lists it until then).`,
            }
          : {
              findingId: item.findingId,
              issueKey: created.issueKey,
              reason: `Jira created ${created.issueKey}, but its link could not be stored after repeated attempts (${item.reason}). The status sweep links it; Health lists it until then.`,
            },
      );
    }
  const notes = [...new Set([...(previous?.notes ?? []), ...outcome.notes])];
  const done = lastAttempt || waiting.length === 0;
  return {
    state: done ? 'done' : 'retrying',
    attempts: (previous?.attempts ?? 0) + 1,
    exported: [...exported.values()],
    skipped,
    failed,
    waiting: done ? 0 : waiting.length,
    unlinked: [...unlinked.values()],
    notes,
  };
}

/**
 * The UI's view of a job: the chunks recorded so far, summed. A failed finding that is linked by
 * now (the status sweep or Health adopted the issue its export created) shows as exported, with the
 * issue's key: the job's answer ends true, not "failed" with an issue in Jira.
 */
export async function readJobView(
  jobId: string,
  jobs: ExportJobStore,
  links?: Pick<LinkStore, 'getByFindings'>,
): Promise<ExportJobView | undefined> {
  const job = await jobs.get(jobId);
  if (job === undefined) return undefined;
  const chunks = await jobs.listChunks(jobId);
  let failed = chunks.flatMap((c) => c.failed);
  const exported = chunks.flatMap((c) => c.exported);
  const skippedLater: ExportJobView['skipped'] = [];
  if (links !== undefined && failed.length > 0) {
    const linkedNow = await links.getByFindings(failed.map((f) => f.findingId));
    const stillFailed: typeof failed = [];
    for (const f of failed) {
      const link = linkedNow.get(f.findingId);
      if (link === undefined) stillFailed.push(f);
      // The issue this job created, linked later (the key was known and matches).
      else if (f.issueKey === link.issueKey) exported.push({ findingId: f.findingId, issueKey: link.issueKey });
      // In Jira by now, but nothing proves this job created that issue: say only where it is.
      else skippedLater.push({ findingId: f.findingId, issueKey: link.issueKey, reason: `Now in Jira as ${link.issueKey} (${f.reason})` });
    }
    failed = stillFailed;
  }
  const view: ExportJobView = {
    jobId,
    state: chunks.length === job.chunkCount && chunks.every((c) => c.state === 'done') ? 'done' : 'running',
    total: job.total,
    processed: 0,
    exported,
    skipped: [...chunks.flatMap((c) => c.skipped), ...skippedLater],
    failed,
    notes: [...new Set([...job.notes, ...chunks.flatMap((c) => c.notes)])],
  };
  view.processed = view.exported.length + view.skipped.length + view.failed.length;
  return view;
}

export type { ExportJob } from '../../infra/store/export-job-store';
