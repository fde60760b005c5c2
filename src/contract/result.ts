import { z } from 'zod';
import { safeRecord } from '../core/object-keys';

/**
 * Every resolver answers with this envelope, so the UIs can tell a typed failure (shown to the
 * user with its message) from a transport failure (the invoke itself threw).
 */
export const ERROR_KINDS = [
  'invalid_input',
  'forbidden',
  'not_found',
  'not_connected',
  'conflict',
  'rate_limited',
  'upstream',
  'internal',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface AppError {
  kind: ErrorKind;
  message: string;
  /** Field-level messages for form validation (path joined with '.'). */
  fieldErrors?: Record<string, string>;
  /** Seconds the caller should wait before retrying, for `rate_limited`. */
  retryAfterSeconds?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const appErrorSchema = z.object({
  kind: z.enum(ERROR_KINDS),
  message: z.string(),
  fieldErrors: safeRecord(z.string()).optional(),
  retryAfterSeconds: z.number().optional(),
});

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: appErrorSchema }),
  ]);
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(
  kind: ErrorKind,
  message: string,
  extra: Omit<AppError, 'kind' | 'message'> = {},
): Result<never> {
  return { ok: false, error: { kind, message, ...extra } };
}
