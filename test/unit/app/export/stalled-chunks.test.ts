import { recoverStalledExportChunks } from '../../../../src/app/export/stalled-chunks';
import { CHUNK_STALLED_AFTER_MS, EXPORT_INTERRUPTED_REASON, MAX_STALL_RECOVERIES } from '../../../../src/core/export/stalled-chunk';
import { type ChunkProgress, type ExportJobStore, type OpenChunk } from '../../../../src/infra/store/export-job-store';

const T0 = Date.parse('2026-12-01T10:00:00.000Z');
const LATE = new Date(T0 + CHUNK_STALLED_AFTER_MS + 1);

/** The store's open-chunk and chunk records in memory; the rest is not used by this step. */
function memoryStore(open: Record<string, OpenChunk | undefined>, chunks: Record<string, ChunkProgress> = {}) {
  const store = {
    open,
    chunks,
    listOpenChunks: (limit: number) =>
      Promise.resolve(Object.entries(store.open).slice(0, limit).map(([key, chunk]) => ({ key, chunk }))),
    updateOpenChunk(key: string, chunk: OpenChunk) {
      store.open[key] = chunk;
      return Promise.resolve();
    },
    closeOpenChunk(key: string) {
      delete store.open[key];
      return Promise.resolve();
    },
    getChunk: (jobId: string, index: number) => Promise.resolve(store.chunks[`${jobId}:${index}`]),
    saveChunk(jobId: string, index: number, progress: ChunkProgress) {
      store.chunks[`${jobId}:${index}`] = progress;
      return Promise.resolve();
    },
  };
  return store;
}

function openChunk(over: Partial<OpenChunk> = {}): OpenChunk {
  return { jobId: 'j1', chunk: 0, findingIds: ['f1', 'f2', 'f3'], createdAt: new Date(T0).toISOString(), recoveries: 0, ...over };
}

function run(store: ReturnType<typeof memoryStore>, claims = new Set<string>(), parked = new Set<string>()) {
  const pushed: Record<string, unknown>[] = [];
  const summary = recoverStalledExportChunks({
    jobs: store as unknown as ExportJobStore,
    parked: {
      isParked: (id) => Promise.resolve(parked.has(id)),
      claimRequeue: (id, round) => {
        const key = `${id}#${round}`;
        if (claims.has(key)) return Promise.resolve(false);
        claims.add(key);
        return Promise.resolve(true);
      },
    },
    queue: {
      push: (events) => {
        pushed.push(...events);
        return Promise.resolve();
      },
    },
    now: () => LATE,
  });
  return { summary, pushed };
}

describe('recoverStalledExportChunks', () => {
  it('queues a stalled chunk once per round, with its findings, and records the round', async () => {
    const store = memoryStore({ k: openChunk() });
    const claims = new Set<string>();
    const first = run(store, claims);
    expect(await first.summary).toMatchObject({ requeued: 1 });
    expect(first.pushed).toEqual([{ type: 'export-chunk', jobId: 'j1', chunk: 0, findingIds: ['f1', 'f2', 'f3'] }]);
    expect(store.open['k']).toMatchObject({ recoveries: 1, lastRecoveredAt: LATE.toISOString() });
    // A second sweep of the same round (the record not yet updated) may not queue it again.
    store.open['k'] = openChunk();
    const again = run(store, claims);
    expect(await again.summary).toMatchObject({ requeued: 0 });
    expect(again.pushed).toEqual([]);
  });

  it('leaves parked chunks to the parked re-queue and forgets finished ones', async () => {
    const done: ChunkProgress = { state: 'done', attempts: 1, exported: [], skipped: [], failed: [], waiting: 0, unlinked: [], notes: [] };
    const store = memoryStore({ a: openChunk(), b: openChunk({ jobId: 'j2' }) }, { 'j2:0': done });
    const { summary, pushed } = run(store, new Set(), new Set(['export:j1:0']));
    expect(await summary).toMatchObject({ finished: 1, requeued: 0 });
    expect(pushed).toEqual([]);
    expect(Object.keys(store.open)).toEqual(['a']);
  });

  it('after the last re-queue stalls, fails what was never settled, naming an issue created without its link', async () => {
    const previous: ChunkProgress = {
      state: 'retrying',
      attempts: 2,
      exported: [{ findingId: 'f1', issueKey: 'SEC-1' }],
      skipped: [],
      failed: [],
      waiting: 2,
      unlinked: [{ findingId: 'f2', issueKey: 'SEC-2' }],
      notes: [],
      updatedAt: new Date(T0).toISOString(),
    };
    const store = memoryStore({ k: openChunk({ recoveries: MAX_STALL_RECOVERIES }) }, { 'j1:0': previous });
    const { summary, pushed } = run(store);
    expect(await summary).toMatchObject({ gaveUp: 1, requeued: 0 });
    expect(pushed).toEqual([]);
    expect(store.open).toEqual({});
    expect(store.chunks['j1:0']).toMatchObject({
      state: 'done',
      exported: [{ findingId: 'f1', issueKey: 'SEC-1' }],
      failed: [
        { findingId: 'f2', issueKey: 'SEC-2', reason: expect.stringContaining(EXPORT_INTERRUPTED_REASON) },
        { findingId: 'f3', reason: EXPORT_INTERRUPTED_REASON },
      ],
    });
  });

  it('skips an unreadable record instead of stopping the recovery of the others', async () => {
    const store = memoryStore({ bad: undefined, good: openChunk() });
    const { summary, pushed } = run(store);
    expect(await summary).toMatchObject({ unreadable: 1, requeued: 1 });
    expect(pushed).toHaveLength(1);
  });
});
