/**
 * Training of the closure-triage learned reader (src/core/triage/learned-reader.ts): multinomial
 * logistic regression with L2 penalty, fitted by L-BFGS. Deterministic: same files, same weights,
 * bit for bit (fixed order of cases and of every sum).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { isHuman, mapResolution, orderedHumanComments } from '../../src/core/triage/closure-classifier';
import {
  countGrams,
  READER_BUCKETS,
  READER_CLASSES,
  READER_DIMENSIONS,
  type ReaderModel,
  type ReaderThread,
  readerFeatures,
  readerTexts,
  readerThreadOf,
  type ResolutionClass,
  type SparseVector,
} from '../../src/core/triage/learned-reader';
import { DEFAULT_RESOLUTION_MAPPING, TRIAGE_DECISIONS, triageInputSchema, type TriageInput } from '../../src/core/triage/triage-types';

export const TRIAGE_FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures', 'triage');
export const TRAINING_MANIFEST = join(TRIAGE_FIXTURES, 'reader-training-sets.json');

/** L2 strength as in C-parameterised logistic regression: penalty ‖W‖² / (2C). */
export const REGULARISATION_C = 4;

const labelledCaseSchema = triageInputSchema.extend({ id: z.string().min(1), expected: z.enum(TRIAGE_DECISIONS) });
export type LabelledCase = z.infer<typeof labelledCaseSchema> & { set: string };

export function loadSet(file: string): LabelledCase[] {
  const set = file.replace(/\.jsonl$/u, '');
  return readFileSync(join(TRIAGE_FIXTURES, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => ({ ...labelledCaseSchema.parse(JSON.parse(line)), set }));
}

export function trainingSetNames(): string[] {
  return z.object({ sets: z.array(z.string().regex(/^[\w-]+\.jsonl$/u)).min(1) }).parse(JSON.parse(readFileSync(TRAINING_MANIFEST, 'utf8'))).sets;
}

export function resolutionClassOf(input: Pick<TriageInput, 'resolution' | 'resolutionMapping'>): ResolutionClass {
  return mapResolution(input.resolution, input.resolutionMapping ?? DEFAULT_RESOLUTION_MAPPING).decision ?? 'unmapped';
}

/**
 * The thread the classifier would hand the reader, or undefined when it never consults it (comment
 * sync off, or no human comment: then the resolution alone decides, README rule 5).
 */
export function readerThreadFor(input: TriageInput): ReaderThread | undefined {
  if (!input.commentSyncEnabled) return undefined;
  const human = orderedHumanComments(input.comments).filter(isHuman);
  if (human.length === 0) return undefined;
  return readerThreadOf(human, resolutionClassOf(input));
}

interface Example {
  /** Feature indices already multiplied by the class count: offsets into the feature-major copy. */
  offsets: Int32Array;
  values: Float64Array;
  label: number;
}

function exampleOf(features: SparseVector, label: number): Example {
  return { offsets: Int32Array.from(features.indices, (index) => index * READER_CLASSES.length), values: Float64Array.from(features.values), label };
}

/** Smoothed IDF, as in scikit-learn: ln((1 + n) / (1 + df)) + 1, so no bucket weighs zero. */
function idfTable(documents: readonly Map<number, number>[]): Float64Array {
  const df = new Float64Array(READER_BUCKETS);
  for (const counts of documents) for (const bucket of counts.keys()) df[bucket] = (df[bucket] ?? 0) + 1;
  return Float64Array.from(df, (count) => Math.log((1 + documents.length) / (1 + count)) + 1);
}

/**
 * Softmax cross-entropy with the L2 penalty, and its gradient. The parameters stay row-major (one
 * row of weights per class, then the biases) for the optimiser; the sparse pass reads a
 * feature-major copy, where a feature's weights for every class sit side by side, so each example
 * touches one cache line per feature instead of one per class and feature. Every sum still adds
 * the same terms in the same order as the row-major loop did (per class: bias, then the example's
 * features in index order; per weight: the examples in order, the penalty last), so the weights
 * are bit for bit what they were, and `npm run triage:train -- --check` keeps passing.
 */
function lossAndGradient(examples: readonly Example[], params: Float64Array, gradient: Float64Array, c: number): number {
  const classes = READER_CLASSES.length;
  if (classes !== 4) throw new Error('lossAndGradient unrolls exactly four classes');
  const dimensions = READER_DIMENSIONS;
  const biasOffset = classes * dimensions;
  const byFeature = new Float64Array(biasOffset);
  for (let row = 0; row < classes; row += 1) {
    const base = row * dimensions;
    for (let index = 0; index < dimensions; index += 1) byFeature[index * classes + row] = params[base + index]!;
  }
  const gradientByFeature = new Float64Array(biasOffset);
  const biasGradient = new Float64Array(classes);
  let loss = 0;
  const scores = new Float64Array(classes);
  const residuals = new Float64Array(classes);
  for (const { offsets, values, label } of examples) {
    const count = offsets.length;
    // The four classes unrolled into locals; each score still sums bias, then features in order.
    let score0 = params[biasOffset]!;
    let score1 = params[biasOffset + 1]!;
    let score2 = params[biasOffset + 2]!;
    let score3 = params[biasOffset + 3]!;
    for (let k = 0; k < count; k += 1) {
      const at = offsets[k]!;
      const value = values[k]!;
      score0 += byFeature[at]! * value;
      score1 += byFeature[at + 1]! * value;
      score2 += byFeature[at + 2]! * value;
      score3 += byFeature[at + 3]! * value;
    }
    scores[0] = score0;
    scores[1] = score1;
    scores[2] = score2;
    scores[3] = score3;
    let top = -Infinity;
    for (let row = 0; row < classes; row += 1) top = Math.max(top, scores[row]!);
    let total = 0;
    for (let row = 0; row < classes; row += 1) total += Math.exp(scores[row]! - top);
    const logTotal = Math.log(total) + top;
    loss += logTotal - scores[label]!;
    for (let row = 0; row < classes; row += 1) {
      const residual = Math.exp(scores[row]! - logTotal) - (row === label ? 1 : 0);
      residuals[row] = residual;
      biasGradient[row] = biasGradient[row]! + residual;
    }
    const residual0 = residuals[0]!;
    const residual1 = residuals[1]!;
    const residual2 = residuals[2]!;
    const residual3 = residuals[3]!;
    for (let k = 0; k < count; k += 1) {
      const at = offsets[k]!;
      const value = values[k]!;
      gradientByFeature[at] = gradientByFeature[at]! + residual0 * value;
      gradientByFeature[at + 1] = gradientByFeature[at + 1]! + residual1 * value;
      gradientByFeature[at + 2] = gradientByFeature[at + 2]! + residual2 * value;
      gradientByFeature[at + 3] = gradientByFeature[at + 3]! + residual3 * value;
    }
  }
  for (let row = 0; row < classes; row += 1) {
    const base = row * dimensions;
    for (let index = 0; index < dimensions; index += 1) gradient[base + index] = gradientByFeature[index * classes + row]!;
    gradient[biasOffset + row] = biasGradient[row]!;
  }
  for (let i = 0; i < biasOffset; i += 1) {
    const weight = params[i]!;
    loss += (weight * weight) / (2 * c);
    gradient[i] = gradient[i]! + weight / c;
  }
  return loss;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += a[i]! * b[i]!;
  return sum;
}

/** L-BFGS (two-loop recursion, 10 pairs) with a backtracking Armijo line search. */
function minimise(examples: readonly Example[], c: number, maxIterations = 400): Float64Array {
  const size = READER_CLASSES.length * (READER_DIMENSIONS + 1);
  let params = new Float64Array(size);
  let gradient = new Float64Array(size);
  let loss = lossAndGradient(examples, params, gradient, c);
  const history: { s: Float64Array; y: Float64Array; rho: number }[] = [];
  for (let iteration = 0; iteration < maxIterations; iteration += 1) {
    const direction = Float64Array.from(gradient);
    const alphas: number[] = [];
    for (let h = history.length - 1; h >= 0; h -= 1) {
      const pair = history[h]!;
      const alpha = pair.rho * dot(pair.s, direction);
      alphas[h] = alpha;
      for (let i = 0; i < size; i += 1) direction[i] = direction[i]! - alpha * pair.y[i]!;
    }
    const last = history.at(-1);
    const gamma = last === undefined ? 1 / Math.sqrt(dot(gradient, gradient)) : dot(last.s, last.y) / dot(last.y, last.y);
    for (let i = 0; i < size; i += 1) direction[i] = direction[i]! * gamma;
    for (let h = 0; h < history.length; h += 1) {
      const pair = history[h]!;
      const beta = pair.rho * dot(pair.y, direction);
      for (let i = 0; i < size; i += 1) direction[i] = direction[i]! + pair.s[i]! * (alphas[h]! - beta);
    }
    const slope = -dot(gradient, direction);
    if (slope >= 0) break;
    let step = 1;
    let candidate = new Float64Array(size);
    let candidateGradient = new Float64Array(size);
    let candidateLoss = Infinity;
    for (let tries = 0; tries < 30; tries += 1) {
      for (let i = 0; i < size; i += 1) candidate[i] = params[i]! - step * direction[i]!;
      candidateLoss = lossAndGradient(examples, candidate, candidateGradient, c);
      if (candidateLoss <= loss + 1e-4 * step * slope) break;
      step /= 2;
    }
    if (!(candidateLoss < loss)) break;
    const s = new Float64Array(size);
    const y = new Float64Array(size);
    for (let i = 0; i < size; i += 1) {
      s[i] = candidate[i]! - params[i]!;
      y[i] = candidateGradient[i]! - gradient[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      history.push({ s, y, rho: 1 / sy });
      if (history.length > 10) history.shift();
    }
    const improvement = (loss - candidateLoss) / Math.max(1, Math.abs(loss));
    [params, candidate] = [candidate, params];
    [gradient, candidateGradient] = [candidateGradient, gradient];
    loss = candidateLoss;
    if (improvement < 1e-9) break;
  }
  return params;
}

/** Fits IDF tables and weights on the cases the classifier would consult the reader for. */
export function trainReader(cases: readonly LabelledCase[], c = REGULARISATION_C): { model: ReaderModel; examples: number } {
  const threads = cases.flatMap((labelled) => {
    const thread = readerThreadFor(labelled);
    return thread === undefined ? [] : [{ thread, label: READER_CLASSES.indexOf(labelled.expected) }];
  });
  const texts = threads.map(({ thread }) => readerTexts(thread));
  const threadIdf = idfTable(texts.map((text) => countGrams(text.thread)));
  const lastIdf = idfTable(texts.map((text) => countGrams(text.last)));
  const examples = threads.map(({ thread, label }) => exampleOf(readerFeatures(thread, { threadIdf, lastIdf }), label));
  const params = minimise(examples, c);
  const biasOffset = READER_CLASSES.length * READER_DIMENSIONS;
  return {
    model: { threadIdf, lastIdf, weights: params.slice(0, biasOffset), bias: params.slice(biasOffset) },
    examples: examples.length,
  };
}
