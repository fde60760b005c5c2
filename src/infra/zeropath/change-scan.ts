import { z } from 'zod';
import { type Finding } from '../../core/finding/finding';
import { type SkippedRecord } from './finding-mapper';

/**
 * "What changed since the cursor", without trusting an undocumented sort. The fast path asks V1
 * for `sortBy: updatedAt, desc` and stops at the first finding older than the cursor; ZeroPath
 * documents only `score` and `createdAt` for issue search (zeropath-api.md §2.2), so every page
 * read that way is checked to really be newest-first. If it is not, the run switches to a bounded,
 * resumable full scan in the documented `createdAt` order: it reads pages until a time budget or a
 * change budget is spent and hands back a cursor that records where it stopped, so the next run
 * continues there. The verdict is written to a log that Health shows.
 */
export const scanPositionSchema = z.object({
  /** When the full scan began (app clock): the cursor a finished scan moves to, less a skew margin. */
  startedAt: z.string(),
  /** Next 1-based page of the `createdAt asc` listing. */
  nextPage: z.number().int().min(1),
});
export const changeCursorSchema = z.object({
  updatedAt: z.string(),
  idsAtUpdatedAt: z.array(z.string()),
  /** Present while a full scan for changes after `updatedAt` is under way. */
  scan: scanPositionSchema.optional(),
});
export type ChangeCursor = z.infer<typeof changeCursorSchema>;

export interface ChangesResult {
  changes: Finding[];
  skipped: SkippedRecord[];
  /** Unchanged when there were no changes. */
  cursor: ChangeCursor | null;
  /** How the changes were found; a partial full scan returns a cursor holding its position. */
  mode: 'ordered' | 'full-scan';
  /** What this run saw of the order ZeroPath answered in (`unchecked`: resumed scan or no cursor). */
  order: 'honoured' | 'not-honoured' | 'unchecked';
}

export interface OrderCheck {
  job: string;
  checkedAt: string;
  honoured: boolean;
  detail: string;
}

/** Where the last verdict per job is kept (KVS in production) for Health. */
export interface SortOrderLog {
  record(check: OrderCheck): Promise<void>;
  readAll(): Promise<OrderCheck[]>;
}

export interface ScanPage {
  findings: Finding[];
  skipped: SkippedRecord[];
  received: number;
  totalCount: number;
}

export interface ScanDeps {
  readPage(
    page: number,
    pageSize: number,
    order: { sortBy: 'updatedAt' | 'createdAt'; sortOrder: 'asc' | 'desc' },
  ): Promise<ScanPage>;
  now(): Date;
}

export interface ScanOptions {
  pageSize: number;
  /** A full scan stops reading new pages after this long; the cursor keeps its place. */
  budgetMs: number;
  /** A full scan stops after a page that brings the changes found to this many. */
  maxChanges: number;
}

/** ZeroPath's and the app's clocks differ; a finished scan moves the cursor to its start less this. */
export const CLOCK_SKEW_MARGIN_MS = 5 * 60_000;

const time = (iso: string) => Date.parse(iso);

function isAfter(finding: Finding, cursor: ChangeCursor | null): boolean {
  if (cursor === null) return true;
  const order = time(finding.updatedAt) - time(cursor.updatedAt);
  return order > 0 || (order === 0 && !cursor.idsAtUpdatedAt.includes(finding.id));
}

function lastPage(page: ScanPage, pageNumber: number, pageSize: number): boolean {
  // A short or empty page ends the listing even if totalCount disagrees (counts can lag).
  return page.received < pageSize || pageNumber * pageSize >= page.totalCount;
}

/** The cursor after a complete read: the newest change, with every id tied at that time. */
function cursorAfter(changes: Finding[], cursor: ChangeCursor | null): ChangeCursor | null {
  if (changes.length === 0)
    return cursor === null ? null : { updatedAt: cursor.updatedAt, idsAtUpdatedAt: cursor.idsAtUpdatedAt };
  const newest = changes.reduce((a, b) => (time(b.updatedAt) > time(a.updatedAt) ? b : a)).updatedAt;
  const tied = changes.filter((f) => time(f.updatedAt) === time(newest)).map((f) => f.id);
  const carried = cursor && time(cursor.updatedAt) === time(newest) ? cursor.idsAtUpdatedAt : [];
  return { updatedAt: newest, idsAtUpdatedAt: [...new Set([...carried, ...tied])] };
}

export async function readChanges(
  deps: ScanDeps,
  cursor: ChangeCursor | null,
  options: ScanOptions,
): Promise<ChangesResult> {
  if (cursor?.scan !== undefined) return fullScan(deps, cursor, cursor.scan, options, 'unchecked');

  const changes = new Map<string, Finding>();
  const skipped: SkippedRecord[] = [];
  let previous = Number.POSITIVE_INFINITY;
  let violated = false;
  for (let page = 1; ; page += 1) {
    const result = await deps.readPage(page, options.pageSize, { sortBy: 'updatedAt', sortOrder: 'desc' });
    skipped.push(...result.skipped);
    let passedCursor = false;
    // The whole page is checked, not just up to the cursor: a server sorting by something else
    // can put an old finding first, and stopping there would hide every change behind it.
    for (const finding of result.findings) {
      const at = time(finding.updatedAt);
      if (at > previous) violated = true;
      previous = at;
      if (cursor !== null && at < time(cursor.updatedAt)) {
        passedCursor = true;
        continue;
      }
      // Tied with the cursor and already processed: skipped, but not the end of the changes.
      if (!isAfter(finding, cursor)) continue;
      // Keyed by id: a finding updated while we page moves up and may be read twice.
      if (!passedCursor && !changes.has(finding.id)) changes.set(finding.id, finding);
    }
    if (violated || passedCursor || lastPage(result, page, options.pageSize)) break;
  }
  // Without a cursor every page was read, so the order did not matter for completeness.
  if (violated && cursor !== null) {
    return fullScan(
      deps,
      cursor,
      { startedAt: deps.now().toISOString(), nextPage: 1 },
      options,
      'not-honoured',
    );
  }
  const list = [...changes.values()];
  return {
    changes: list,
    skipped,
    cursor: cursorAfter(list, cursor),
    mode: 'ordered',
    order: cursor === null ? 'unchecked' : violated ? 'not-honoured' : 'honoured',
  };
}

async function fullScan(
  deps: ScanDeps,
  cursor: ChangeCursor,
  position: z.infer<typeof scanPositionSchema>,
  options: ScanOptions,
  order: ChangesResult['order'],
): Promise<ChangesResult> {
  const since = { updatedAt: cursor.updatedAt, idsAtUpdatedAt: cursor.idsAtUpdatedAt };
  const started = deps.now().getTime();
  const changes = new Map<string, Finding>();
  const skipped: SkippedRecord[] = [];
  let page = position.nextPage;
  for (;;) {
    const result = await deps.readPage(page, options.pageSize, { sortBy: 'createdAt', sortOrder: 'asc' });
    skipped.push(...result.skipped);
    for (const finding of result.findings) if (isAfter(finding, since)) changes.set(finding.id, finding);
    if (lastPage(result, page, options.pageSize)) {
      // Done: everything changed before the scan began was seen. Changes during it are newer than
      // its start, so the next run looks from there (less the skew margin; a re-read is harmless).
      const from = new Date(time(position.startedAt) - CLOCK_SKEW_MARGIN_MS).toISOString();
      const next = time(from) > time(since.updatedAt) ? { updatedAt: from, idsAtUpdatedAt: [] } : since;
      return { changes: [...changes.values()], skipped, cursor: next, mode: 'full-scan', order };
    }
    page += 1;
    if (deps.now().getTime() - started >= options.budgetMs || changes.size >= options.maxChanges) {
      return {
        changes: [...changes.values()],
        skipped,
        cursor: { ...since, scan: { startedAt: position.startedAt, nextPage: page } },
        mode: 'full-scan',
        order,
      };
    }
  }
}

export function describeOrderCheck(
  job: string,
  result: ChangesResult,
  checkedAt: string,
): OrderCheck | undefined {
  if (result.order === 'unchecked') return undefined;
  const label = job === 'auto-ticket' ? 'Auto-ticketing' : 'The status sweep';
  return result.order === 'honoured'
    ? {
        job,
        checkedAt,
        honoured: true,
        detail: `${label}: ZeroPath returned changes newest first, as asked; only changed findings were read.`,
      }
    : {
        job,
        checkedAt,
        honoured: false,
        detail: `${label}: ZeroPath did not return findings in the order asked (sortBy updatedAt is undocumented), so the app reads every finding in bounded, resumable passes instead. Nothing is missed; each run costs more ZeroPath reads.`,
      };
}
