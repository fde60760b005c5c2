import { READER_BUCKETS, READER_CLASSES, READER_DIMENSIONS, READER_HASH_BITS, type ReaderModel } from './learned-reader';

/**
 * How the learned reader's weights travel as source code: base64 of 8-bit quantised IDF tables and
 * 16-bit quantised weights (one scale per class). ~0.8 MB of float weights become ~0.7 MB of text,
 * decoded once per invocation; the classifier's decisions are made with exactly these values.
 */
export interface EncodedReaderModel {
  format: 1;
  hashBits: number;
  /** IDF is 1 + byte × idfStep (smoothed IDF is at least 1). */
  idfStep: number;
  threadIdf: string;
  lastIdf: string;
  /** Per class: weight = int16 × scale. */
  weightScales: number[];
  weights: string;
  bias: number[];
  trainedOn: { cases: number; sets: string[] };
}

const IDF_STEP = 1 / 32;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function quantizeIdf(idf: Float64Array): Uint8Array {
  return Uint8Array.from(idf, (value) => Math.max(0, Math.min(255, Math.round((value - 1) / IDF_STEP))));
}

/** Rounds a trained model to what will be shipped; the trainer evaluates and writes this one. */
export function encodeReaderModel(model: ReaderModel, trainedOn: EncodedReaderModel['trainedOn']): EncodedReaderModel {
  const bytes = new Uint8Array(model.weights.length * 2);
  const view = new DataView(bytes.buffer);
  const weightScales = READER_CLASSES.map((_, row) => {
    let largest = 0;
    for (let d = 0; d < READER_DIMENSIONS; d += 1) largest = Math.max(largest, Math.abs(model.weights[row * READER_DIMENSIONS + d] ?? 0));
    const scale = largest === 0 ? 1 : largest / 32767;
    for (let d = 0; d < READER_DIMENSIONS; d += 1) {
      const index = row * READER_DIMENSIONS + d;
      view.setInt16(index * 2, Math.round((model.weights[index] ?? 0) / scale), true);
    }
    return scale;
  });
  return {
    format: 1,
    hashBits: READER_HASH_BITS,
    idfStep: IDF_STEP,
    threadIdf: toBase64(quantizeIdf(model.threadIdf)),
    lastIdf: toBase64(quantizeIdf(model.lastIdf)),
    weightScales,
    weights: toBase64(bytes),
    bias: [...model.bias],
    trainedOn,
  };
}

export function decodeReaderModel(encoded: EncodedReaderModel): ReaderModel {
  if (encoded.format !== 1 || encoded.hashBits !== READER_HASH_BITS) {
    throw new Error(`learned reader model format ${encoded.format}/${encoded.hashBits} does not match this code (1/${READER_HASH_BITS})`);
  }
  const idf = (text: string): Float64Array => {
    const bytes = fromBase64(text);
    if (bytes.length !== READER_BUCKETS) throw new Error('learned reader IDF table has the wrong size');
    return Float64Array.from(bytes, (byte) => 1 + byte * encoded.idfStep);
  };
  const raw = fromBase64(encoded.weights);
  if (raw.length !== READER_CLASSES.length * READER_DIMENSIONS * 2) throw new Error('learned reader weights have the wrong size');
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const weights = new Float64Array(READER_CLASSES.length * READER_DIMENSIONS);
  for (let row = 0; row < READER_CLASSES.length; row += 1) {
    const scale = encoded.weightScales[row] ?? 0;
    for (let d = 0; d < READER_DIMENSIONS; d += 1) {
      const index = row * READER_DIMENSIONS + d;
      weights[index] = view.getInt16(index * 2, true) * scale;
    }
  }
  return { threadIdf: idf(encoded.threadIdf), lastIdf: idf(encoded.lastIdf), weights, bias: Float64Array.from(encoded.bias) };
}
