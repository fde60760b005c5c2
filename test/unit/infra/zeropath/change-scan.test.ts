import { CLOCK_SKEW_MARGIN_MS, readChanges, type ScanPage } from '../../../../src/infra/zeropath/change-scan';
import { type Finding } from '../../../../src/core/finding/finding';

/** Findings that only carry what the reader looks at. */
const finding = (id: string, updatedAt: string, createdAt = '2026-01-01T00:00:00.000Z') =>
  ({ id, updatedAt, createdAt }) as unknown as Finding;

/** A ZeroPath that answers every search in `order` whatever was asked (sortBy ignored). */
function ignoringSort(all: Finding[]) {
  const reads: Array<{ page: number; sortBy: string }> = [];
  const readPage = (page: number, pageSize: number, order: { sortBy: string }): Promise<ScanPage> => {
    reads.push({ page, sortBy: order.sortBy });
    const slice = all.slice((page - 1) * pageSize, page * pageSize);
    return Promise.resolve({ findings: slice, skipped: [], received: slice.length, totalCount: all.length });
  };
  return { readPage, reads };
}

const NOW = new Date('2026-06-10T12:00:00.000Z');
const cursor = { updatedAt: '2026-06-01T00:00:00.000Z', idsAtUpdatedAt: [] };

describe('readChanges without trusting the sort', () => {
  // Old first, then changes: what a score-ordered answer to "updatedAt desc" can look like.
  const all = [
    finding('old-1', '2026-05-01T00:00:00.000Z'),
    finding('new-1', '2026-06-05T00:00:00.000Z'),
    finding('old-2', '2026-05-02T00:00:00.000Z'),
    finding('new-2', '2026-06-06T00:00:00.000Z'),
    finding('old-3', '2026-04-01T00:00:00.000Z'),
  ];

  it('notices the order is not honoured and scans everything in createdAt order instead', async () => {
    const zp = ignoringSort(all);
    const result = await readChanges({ readPage: zp.readPage, now: () => NOW }, cursor, {
      pageSize: 2,
      budgetMs: 60_000,
      maxChanges: 100,
    });
    expect(result.order).toBe('not-honoured');
    expect(result.mode).toBe('full-scan');
    expect(result.changes.map((f) => f.id).sort()).toEqual(['new-1', 'new-2']);
    expect(zp.reads.filter((r) => r.sortBy === 'createdAt').map((r) => r.page)).toEqual([1, 2, 3]);
    // Finished: the cursor moves to the scan's start less the skew margin.
    expect(result.cursor).toEqual({
      updatedAt: new Date(NOW.getTime() - CLOCK_SKEW_MARGIN_MS).toISOString(),
      idsAtUpdatedAt: [],
    });
  });

  it('stops at its change budget with a cursor that resumes the scan where it stopped, and misses nothing', async () => {
    const zp = ignoringSort(all);
    const deps = { readPage: zp.readPage, now: () => NOW };
    const first = await readChanges(deps, cursor, { pageSize: 2, budgetMs: 60_000, maxChanges: 1 });
    expect(first.changes.map((f) => f.id)).toEqual(['new-1']);
    expect(first.cursor).toEqual({ ...cursor, scan: { startedAt: NOW.toISOString(), nextPage: 2 } });
    const second = await readChanges(deps, first.cursor, { pageSize: 2, budgetMs: 60_000, maxChanges: 1 });
    expect(second.order).toBe('unchecked');
    expect(second.changes.map((f) => f.id)).toEqual(['new-2']);
    expect(second.cursor?.scan).toEqual({ startedAt: NOW.toISOString(), nextPage: 3 });
    const third = await readChanges(deps, second.cursor, { pageSize: 2, budgetMs: 60_000, maxChanges: 1 });
    expect(third.changes).toEqual([]);
    expect(third.cursor?.scan).toBeUndefined();
  });

  it('stops at its time budget too', async () => {
    const zp = ignoringSort(all);
    let clock = NOW.getTime();
    const deps = {
      readPage: async (page: number, size: number, order: { sortBy: string }) => {
        clock += 1_000;
        return zp.readPage(page, size, order);
      },
      now: () => new Date(clock),
    };
    const result = await readChanges(deps, cursor, { pageSize: 2, budgetMs: 500, maxChanges: 100 });
    expect(result.cursor?.scan?.nextPage).toBe(2);
  });

  it('honoured order: reads only until the cursor and keeps tied ids', async () => {
    const sorted = [...all].sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
    const zp = ignoringSort(sorted);
    const result = await readChanges({ readPage: zp.readPage, now: () => NOW }, cursor, {
      pageSize: 2,
      budgetMs: 60_000,
      maxChanges: 100,
    });
    expect(result).toMatchObject({ order: 'honoured', mode: 'ordered' });
    expect(result.changes.map((f) => f.id)).toEqual(['new-2', 'new-1']);
    expect(zp.reads).toEqual([
      { page: 1, sortBy: 'updatedAt' },
      { page: 2, sortBy: 'updatedAt' },
    ]);
    expect(result.cursor).toEqual({ updatedAt: '2026-06-06T00:00:00.000Z', idsAtUpdatedAt: ['new-2'] });
  });
});
