import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderModelSource } from '../../../../scripts/triage-train';
import {
  countGrams,
  normalizeForReading,
  READER_BUCKETS,
  READER_CLASSES,
  READER_DIMENSIONS,
  type ReaderModel,
  readerFeatures,
  readThreadProbabilities,
  softmax,
} from '../../../../src/core/triage/learned-reader';
import { decodeReaderModel, encodeReaderModel } from '../../../../src/core/triage/learned-reader-codec';
import { LEARNED_READER_MODEL } from '../../../../src/core/triage/learned-reader-model';

function aRandomModel(seed: number): ReaderModel {
  let state = seed;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return {
    threadIdf: Float64Array.from({ length: READER_BUCKETS }, () => 1 + next() * 7),
    lastIdf: Float64Array.from({ length: READER_BUCKETS }, () => 1 + next() * 7),
    weights: Float64Array.from({ length: READER_CLASSES.length * READER_DIMENSIONS }, () => (next() - 0.5) * 6),
    bias: Float64Array.from(READER_CLASSES, () => next() - 0.5),
  };
}

describe('learned reader: features', () => {
  it('reads case, accents and spacing alike ("Não" = "nao", "Entfernt" = "entfernt")', () => {
    expect(normalizeForReading('  Não   foi\nCorrigido ')).toBe('nao foi corrigido');
    expect(countGrams('Não corrigido')).toEqual(countGrams('nao  CORRIGIDO'));
    expect(countGrams('Entfernt')).toEqual(countGrams('entfernt'));
  });

  it('counts 2- to 5-grams inside padded words only', () => {
    // " ab " gives " a", "ab", "b ", " ab", "ab ", " ab ": 6 grams; the space between words never joins them.
    const total = (text: string) => [...countGrams(text).values()].reduce((sum, count) => sum + count, 0);
    expect(total('ab')).toBe(6);
    expect(total('ab ab')).toBe(12);
  });

  it('builds one unit-length block per text and one-hot resolution and shape features', () => {
    const idf = { threadIdf: new Float64Array(READER_BUCKETS).fill(1), lastIdf: new Float64Array(READER_BUCKETS).fill(1) };
    const features = readerFeatures({ comments: [{ authorId: 'a', prose: 'removed the endpoint' }, { authorId: 'b', prose: 'confirmed' }], resolution: 'resolved' }, idf);
    const block = (from: number, to: number) =>
      features.indices.reduce((sum, index, k) => (index >= from && index < to ? sum + (features.values[k] ?? 0) ** 2 : sum), 0);
    expect(block(0, READER_BUCKETS)).toBeCloseTo(1, 10);
    expect(block(READER_BUCKETS, 2 * READER_BUCKETS)).toBeCloseTo(1, 10);
    // resolution "resolved" + "more than one author".
    expect(features.indices.filter((index) => index >= 2 * READER_BUCKETS)).toHaveLength(2);
    expect(features.indices).toEqual([...features.indices].sort((a, b) => a - b));
  });

  it('turns scores into probabilities that sum to one, even for large scores', () => {
    const probabilities = softmax([1000, 999, 0, -5]);
    expect(probabilities.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 12);
    expect(probabilities[0]).toBeGreaterThan(probabilities[1] ?? 1);
  });
});

describe('learned reader: weights as shipped', () => {
  it('round-trips a model through the source encoding within the quantisation step', () => {
    const model = aRandomModel(7);
    const decoded = decodeReaderModel(encodeReaderModel(model, { cases: 1, sets: ['x'] }));
    for (let i = 0; i < model.weights.length; i += 997) expect(Math.abs((decoded.weights[i] ?? 0) - (model.weights[i] ?? 0))).toBeLessThan(3 / 32767 + 1e-12);
    for (let i = 0; i < READER_BUCKETS; i += 331) expect(Math.abs((decoded.threadIdf[i] ?? 0) - (model.threadIdf[i] ?? 0))).toBeLessThanOrEqual(1 / 64 + 1e-12);
    const thread = { comments: [{ authorId: 'a', prose: 'the value is escaped by the template engine' }], resolution: 'resolved' as const };
    const before = readThreadProbabilities(model, thread);
    const after = readThreadProbabilities(decoded, thread);
    for (const name of READER_CLASSES) expect(after[name]).toBeCloseTo(before[name], 2);
  });

  it('refuses an encoding of another shape instead of reading garbage', () => {
    const encoded = encodeReaderModel(aRandomModel(3), { cases: 1, sets: [] });
    expect(() => decodeReaderModel({ ...encoded, hashBits: 14 })).toThrow(/format/u);
    expect(() => decodeReaderModel({ ...encoded, weights: encoded.weights.slice(0, 400) })).toThrow(/wrong size/u);
    expect(() => decodeReaderModel({ ...encoded, threadIdf: '' })).toThrow(/wrong size/u);
  });

  it('ships exactly the weights `npm run triage:train` produces from the listed training sets', () => {
    const committed = readFileSync(join(__dirname, '../../../../src/core/triage/learned-reader-model.ts'), 'utf8');
    expect(renderModelSource() === committed).toBe(true);
    // The newest blind sets are measured with this model, so it must never have seen them.
    expect(LEARNED_READER_MODEL.trainedOn.sets.some((set) => /^blind(?:7[3-9]|[89]\d)-/u.test(set))).toBe(false);
  }, 1_500_000);
});
