import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { extractProse } from '../src/core/triage/adf-text';
import { segmentClauses } from '../src/core/triage/clause-analyzer';
import { CUE_PATTERNS } from '../src/core/triage/cue-lexicon';
import { triageClosure } from '../src/core/triage/closure-triage';
import { type TriageInput, triageInputSchema } from '../src/core/triage/triage-types';

export interface TriageBenchRow {
  bench: 'triage';
  what: string;
  items: number;
  ms: number;
  microsecondsPerItem: number;
}

const FIXTURES = join(__dirname, '../test/fixtures/triage');

/** The labelled closures of the newest blind sets: text nobody wrote for a benchmark. */
function loadClosures(sets: number): TriageInput[] {
  const names = readdirSync(FIXTURES)
    .filter((name) => /^blind\d+-.*\.jsonl$/u.test(name))
    .sort((a, b) => Number(/\d+/u.exec(b)?.[0]) - Number(/\d+/u.exec(a)?.[0]) || a.localeCompare(b))
    .slice(0, sets);
  return names.flatMap((name) =>
    readFileSync(join(FIXTURES, name), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => triageInputSchema.parse(JSON.parse(line))),
  );
}

function timed(what: string, items: number, run: () => void): TriageBenchRow {
  const started = performance.now();
  run();
  const ms = performance.now() - started;
  return {
    bench: 'triage',
    what,
    items,
    ms: Math.round(ms),
    microsecondsPerItem: Math.round((ms * 1000) / items),
  };
}

/**
 * Closure triage as a sync run pays for it: `triageClosure` on real closures, first pass (which
 * compiles every pattern) and second; then the hot loop alone, every cue pattern over every
 * clause, with the letter-aware patterns as shipped (`WordPattern`, prefiltered) beside the same
 * patterns as plain RegExps, the baseline.
 */
export function benchTriage(sets = 8): TriageBenchRow[] {
  const closures = loadClosures(sets);
  const rows = [
    timed('triageClosure, first pass (patterns compile)', closures.length, () =>
      closures.forEach((closure) => triageClosure(closure)),
    ),
    timed('triageClosure, second pass', closures.length, () =>
      closures.forEach((closure) => triageClosure(closure)),
    ),
  ];
  const clauses = closures.flatMap((closure) =>
    closure.comments.flatMap((comment) =>
      segmentClauses(extractProse(comment.body)).map((clause) => clause.normalized),
    ),
  );
  const shipped = CUE_PATTERNS.map((cue) => cue.pattern);
  const baseline = shipped.map((pattern) => new RegExp(pattern.source, pattern.flags));
  let matches = 0;
  const scan = (patterns: readonly RegExp[]) => () => {
    for (const clause of clauses)
      for (const pattern of patterns) matches += [...clause.matchAll(pattern)].length;
  };
  scan(shipped)();
  scan(baseline)();
  const pairs = clauses.length * shipped.length;
  rows.push(
    timed(
      `cue lexicon scan, prefiltered (${shipped.length} patterns × ${clauses.length} clauses)`,
      pairs,
      scan(shipped),
    ),
  );
  rows.push(timed('cue lexicon scan, baseline: the same patterns as plain RegExp', pairs, scan(baseline)));
  // Both scans ran twice over the same clauses: they must have found the same matches.
  if (matches % 4 !== 0) throw new Error('the prefiltered and plain cue patterns found different matches');
  return rows;
}

export function formatTriageRow(row: TriageBenchRow): string {
  return `triage  ${row.what.padEnd(72)} ${String(row.items).padStart(7)} items  ${String(row.ms).padStart(7)} ms  ${String(row.microsecondsPerItem).padStart(7)} µs/item`;
}
