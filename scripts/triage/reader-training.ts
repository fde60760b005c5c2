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
  features: SparseVector;
  label: number;
}

/** Smoothed IDF, as in scikit-learn: ln((1 + n) / (1 + df)) + 1, so no bucket weighs zero. */
function idfTable(documents: readonly Map<number, number>[]): Float64Array {
  const df = new Float64Array(READER_BUCKETS);
  for (const counts of documents) for (const bucket of counts.keys()) df[bucket] = (df[bucket] ?? 0) + 1;
  return Float64Array.from(df, (count) => Math.log((1 + documents.length) / (1 + count)) + 1);
}

function lossAndGradient(examples: readonly Example[], params: Float64Array, gradient: Float64Array, c: number): number {
  const classes = READER_CLASSES.length;
  const biasOffset = classes * READER_DIMENSIONS;
  gradient.fill(0);
  let loss = 0;
  const scores = new Float64Array(classes);
  for (const { features, label } of examples) {
    let top = -Infinity;
    for (let row = 0; row < classes; row += 1) {
      let score = params[biasOffset + row] ?? 0;
      const base = row * READER_DIMENSIONS;
      for (let k = 0; k < features.indices.length; k += 1) score += (params[base + (features.indices[k] ?? 0)] ?? 0) * (features.values[k] ?? 0);
      scores[row] = score;
      top = Math.max(top, score);
    }
    let total = 0;
    for (let row = 0; row < classes; row += 1) total += Math.exp((scores[row] ?? 0) - top);
    const logTotal = Math.log(total) + top;
    loss += logTotal - (scores[label] ?? 0);
    for (let row = 0; row < classes; row += 1) {
      const residual = Math.exp((scores[row] ?? 0) - logTotal) - (row === label ? 1 : 0);
      gradient[biasOffset + row] = (gradient[biasOffset + row] ?? 0) + residual;
      const base = row * READER_DIMENSIONS;
      for (let k = 0; k < features.indices.length; k += 1) {
        const index = base + (features.indices[k] ?? 0);
        gradient[index] = (gradient[index] ?? 0) + residual * (features.values[k] ?? 0);
      }
    }
  }
  for (let i = 0; i < biasOffset; i += 1) {
    const weight = params[i] ?? 0;
    loss += (weight * weight) / (2 * c);
    gradient[i] = (gradient[i] ?? 0) + weight / c;
  }
  return loss;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += (a[i] ?? 0) * (b[i] ?? 0);
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
      for (let i = 0; i < size; i += 1) direction[i] = (direction[i] ?? 0) - alpha * (pair.y[i] ?? 0);
    }
    const last = history.at(-1);
    const gamma = last === undefined ? 1 / Math.sqrt(dot(gradient, gradient)) : dot(last.s, last.y) / dot(last.y, last.y);
    for (let i = 0; i < size; i += 1) direction[i] = (direction[i] ?? 0) * gamma;
    for (let h = 0; h < history.length; h += 1) {
      const pair = history[h]!;
      const beta = pair.rho * dot(pair.y, direction);
      for (let i = 0; i < size; i += 1) direction[i] = (direction[i] ?? 0) + (pair.s[i] ?? 0) * ((alphas[h] ?? 0) - beta);
    }
    const slope = -dot(gradient, direction);
    if (slope >= 0) break;
    let step = 1;
    let candidate = new Float64Array(size);
    let candidateGradient = new Float64Array(size);
    let candidateLoss = Infinity;
    for (let tries = 0; tries < 30; tries += 1) {
      for (let i = 0; i < size; i += 1) candidate[i] = (params[i] ?? 0) - step * (direction[i] ?? 0);
      candidateLoss = lossAndGradient(examples, candidate, candidateGradient, c);
      if (candidateLoss <= loss + 1e-4 * step * slope) break;
      step /= 2;
    }
    if (!(candidateLoss < loss)) break;
    const s = new Float64Array(size);
    const y = new Float64Array(size);
    for (let i = 0; i < size; i += 1) {
      s[i] = (candidate[i] ?? 0) - (params[i] ?? 0);
      y[i] = (candidateGradient[i] ?? 0) - (gradient[i] ?? 0);
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
  const examples = threads.map(({ thread, label }) => ({ features: readerFeatures(thread, { threadIdf, lastIdf }), label }));
  const params = minimise(examples, c);
  const biasOffset = READER_CLASSES.length * READER_DIMENSIONS;
  return {
    model: { threadIdf, lastIdf, weights: params.slice(0, biasOffset), bias: params.slice(biasOffset) },
    examples: examples.length,
  };
}
