import { type z } from 'zod';
import { resultSchema } from './result';

/**
 * One resolver call: its key, what the frontend sends and what it gets back. The backend parses
 * the payload with `payload` (never trusting it for identity), the frontend parses the answer with
 * `resultSchema(response)`, so both sides fail loudly on drift instead of rendering garbage.
 */
export interface Endpoint<P extends z.ZodType, R extends z.ZodType> {
  key: string;
  payload: P;
  response: R;
}

export function endpoint<P extends z.ZodType, R extends z.ZodType>(
  key: string,
  payload: P,
  response: R,
): Endpoint<P, R> {
  return { key, payload, response };
}

export type PayloadOf<E> = E extends Endpoint<infer P, z.ZodType> ? z.input<P> : never;
export type ResponseOf<E> = E extends Endpoint<z.ZodType, infer R> ? z.output<R> : never;

export function responseEnvelopeOf<P extends z.ZodType, R extends z.ZodType>(e: Endpoint<P, R>) {
  return resultSchema(e.response);
}
