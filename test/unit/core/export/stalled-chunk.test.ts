import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import {
  CHUNK_STALLED_AFTER_MS,
  JOBS_CONSUMER_TIMEOUT_SECONDS,
  MAX_STALL_RECOVERIES,
  decideStalledChunk,
  type StalledChunkFacts,
} from '../../../../src/core/export/stalled-chunk';
import { INDEX_LAG_ALLOWANCE_MS } from '../../../../src/app/export/export-findings';
import { MAX_CHUNK_RETRIES } from '../../../../src/app/export/export-job';
import { MAX_RETRY_AFTER_SECONDS } from '../../../../src/entry/consumers/retry-later';

const T0 = Date.parse('2026-12-01T10:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms);
const iso = (ms: number) => at(ms).toISOString();

function facts(over: Partial<StalledChunkFacts>): StalledChunkFacts {
  return { now: at(0), createdAt: iso(0), parked: false, recoveries: 0, ...over };
}

describe('decideStalledChunk', () => {
  it('derives its bound from the platform limits it restates, and they match their sources', () => {
    const manifest = parse(fs.readFileSync(path.resolve(__dirname, '../../../../manifest.yml'), 'utf8')) as {
      modules: { function: { key: string; timeoutSeconds?: number }[] };
    };
    expect(manifest.modules.function.find((f) => f.key === 'jobs-consumer')?.timeoutSeconds).toBe(JOBS_CONSUMER_TIMEOUT_SECONDS);
    const expected =
      (MAX_CHUNK_RETRIES + 1) * JOBS_CONSUMER_TIMEOUT_SECONDS * 1000 +
      MAX_CHUNK_RETRIES * MAX_RETRY_AFTER_SECONDS * 1000 +
      INDEX_LAG_ALLOWANCE_MS +
      5 * 60_000;
    expect(CHUNK_STALLED_AFTER_MS).toBe(expected);
    expect(CHUNK_STALLED_AFTER_MS).toBe(105 * 60_000);
  });

  it('leaves a chunk alone until it has been silent past the bound, counting from its last sign of life', () => {
    expect(decideStalledChunk(facts({ now: at(CHUNK_STALLED_AFTER_MS) }))).toEqual({ kind: 'wait' });
    expect(decideStalledChunk(facts({ now: at(CHUNK_STALLED_AFTER_MS + 1) }))).toEqual({ kind: 'requeue', round: 1 });
    // A save an hour in restarts the clock.
    const saved = { state: 'retrying' as const, updatedAt: iso(3_600_000) };
    expect(decideStalledChunk(facts({ now: at(CHUNK_STALLED_AFTER_MS + 1), progress: saved }))).toEqual({ kind: 'wait' });
    // So does a re-queue.
    expect(
      decideStalledChunk(facts({ now: at(CHUNK_STALLED_AFTER_MS + 1), recoveries: 1, lastRecoveredAt: iso(60_000) })),
    ).toEqual({ kind: 'wait' });
  });

  it('never re-queues a finished or parked chunk, and an unreadable time counts as now', () => {
    const late = at(10 * CHUNK_STALLED_AFTER_MS);
    expect(decideStalledChunk(facts({ now: late, progress: { state: 'done', updatedAt: iso(0) } }))).toEqual({ kind: 'finished' });
    expect(decideStalledChunk(facts({ now: late, parked: true }))).toEqual({ kind: 'wait' });
    expect(decideStalledChunk(facts({ now: late, progress: { state: 'retrying', updatedAt: 'garbage' } }))).toEqual({ kind: 'wait' });
  });

  it('gives up after the last re-queue stalls too, instead of re-queueing for ever', () => {
    const late = at(10 * CHUNK_STALLED_AFTER_MS);
    expect(decideStalledChunk(facts({ now: late, recoveries: MAX_STALL_RECOVERIES - 1 }))).toEqual({
      kind: 'requeue',
      round: MAX_STALL_RECOVERIES,
    });
    expect(decideStalledChunk(facts({ now: late, recoveries: MAX_STALL_RECOVERIES }))).toEqual({ kind: 'give-up' });
  });
});
