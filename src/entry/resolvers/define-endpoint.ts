import type Resolver from '@forge/resolver';
import { isPrototypeKey, PROTOTYPE_KEY_MESSAGE } from '../../core/object-keys';
import { z } from 'zod';
import { type Endpoint } from '../../contract/endpoint';
import { fail, type AppError, type Result } from '../../contract/result';
import { redactSecrets } from '../../core/redaction/redact-secrets';
import { JiraRateLimitedError } from '../../infra/jira/jira-errors';
import { createKvsHealthStore } from '../../infra/store/health-store';
import { isKvsRateLimited, KVS_RATE_LIMIT_WAIT_SECONDS } from '../../infra/store/kvs-errors';
import { withInvocationHealth } from '../invocation-health';
import { resolverContextSchema, type ResolverContext } from './resolver-context';
import { describeThrown } from '../../core/error-message';

/** Thrown by an authorisation step; becomes a `forbidden` result with nothing else done. */
export class ForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

export interface EndpointOptions {
  /** The only module whose frontend may call this endpoint (defence in depth on top of separate functions). */
  moduleType: string;
  /** Runs before the handler, as the calling user; throws ForbiddenError to refuse. */
  authorize: (context: ResolverContext) => Promise<void>;
  /** Maps errors the use case throws to typed results; unknown errors become `internal`. */
  mapError?: (error: unknown) => Result<never> | undefined;
}

/**
 * Top-level keys the endpoint's payload does not declare. zod would drop them silently; refusing
 * them instead makes a probe (`issue`, `__proto__`, `accountId` in the payload) or a drifted UI
 * visible rather than quietly half-honoured.
 */
function unknownKeysOf(schema: z.ZodType, payload: unknown): string[] {
  if (
    !(schema instanceof z.ZodObject) ||
    payload === null ||
    typeof payload !== 'object' ||
    Array.isArray(payload)
  ) {
    return [];
  }
  const known = new Set(Object.keys(schema.shape));
  return Object.keys(payload).filter((key) => !known.has(key));
}

/**
 * Error text can quote upstream bodies (Jira's error messages, a ZeroPath error page): whatever
 * credential-shaped value it carries is removed before it reaches the browser.
 */
function withoutSecrets<T>(result: Result<T>): Result<T> {
  if (result.ok) return result;
  const clean = (text: string) => redactSecrets(text, { mode: 'detect' }).text;
  const error: AppError = { ...result.error, message: clean(result.error.message) };
  if (result.error.fieldErrors !== undefined) {
    error.fieldErrors = Object.fromEntries(
      Object.entries(result.error.fieldErrors).map(([field, message]) => [field, clean(message)]),
    );
  }
  return { ok: false, error };
}

/** At most one Health write per this long per running instance: "used a minute ago" is news enough. */
const SUCCESS_RECORD_INTERVAL_MS = 10 * 60_000;
let lastSuccessRecordedAt = 0;

/**
 * Health's "Admin and issue pages" row shows when the pages last answered, not only their failures
 * (it said "Not run yet" for pages just used). Throttled per instance so a busy page costs one KVS
 * write per interval, not one per click; recording never fails the answer.
 */
async function noteSuccessfulUse(): Promise<void> {
  const now = Date.now();
  if (now - lastSuccessRecordedAt < SUCCESS_RECORD_INTERVAL_MS) return;
  lastSuccessRecordedAt = now;
  await createKvsHealthStore()
    .recordRun('resolver', { ok: true })
    .catch(() => undefined);
}

/** Tests start each scenario from a fresh instance. */
export function resetSuccessRecordThrottle(): void {
  lastSuccessRecordedAt = 0;
}

/**
 * Wires one contract endpoint onto a resolver: parse the context and payload, authorise, call the
 * use case, map the result. Every answer is a Result, so the UI never has to guess what a thrown
 * invoke meant.
 */
export function defineEndpoint<P extends z.ZodType, R extends z.ZodType>(
  resolver: Resolver,
  endpoint: Endpoint<P, R>,
  options: EndpointOptions,
  handler: (payload: z.output<P>, context: ResolverContext) => Promise<Result<z.output<R>>>,
): void {
  resolver.define(endpoint.key, ({ payload, context }): Promise<Result<z.output<R>>> =>
    withInvocationHealth('resolver', () => answer(payload, context)),
  );

  async function answer(payload: unknown, context: unknown): Promise<Result<z.output<R>>> {
    const parsedContext = resolverContextSchema.safeParse(context);
    if (!parsedContext.success || parsedContext.data.accountId === undefined) {
      return fail('forbidden', 'This action needs a signed-in Jira user.');
    }
    if (parsedContext.data.extension?.type !== options.moduleType) {
      return fail('forbidden', 'This action is not available from here.');
    }
    try {
      await options.authorize(parsedContext.data);
    } catch (error) {
      if (error instanceof ForbiddenError) return fail('forbidden', error.message);
      // Still refused (nothing below runs), but a busy Jira is not a missing permission: the UI
      // can say when to try again instead of suggesting the caller lacks access.
      if (error instanceof JiraRateLimitedError) {
        return fail(
          'rate_limited',
          `Jira is busy, so your permissions could not be verified and nothing was done. Try again in ${error.retryAfterSeconds} s.`,
          { retryAfterSeconds: error.retryAfterSeconds },
        );
      }
      return fail(
        'forbidden',
        'Your permissions could not be verified, so the action was refused. Try again shortly.',
      );
    }
    const unknownKeys = unknownKeysOf(endpoint.payload, payload);
    if (unknownKeys.length > 0) {
      return fail('invalid_input', 'The request was not valid.', {
        // A prototype name is never a field-error key either (the contract refuses it): it is
        // reported under the request as a whole.
        fieldErrors: Object.fromEntries(
          unknownKeys.map((key) =>
            isPrototypeKey(key) ? ['request', `"${key}" ${PROTOTYPE_KEY_MESSAGE}`] : [key, 'is not a field of this request'],
          ),
        ),
      });
    }
    const parsedPayload = endpoint.payload.safeParse(payload ?? {});
    if (!parsedPayload.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsedPayload.error.issues) {
        const path = issue.path.map(String).join('.') || '(payload)';
        fieldErrors[path] ??= issue.message;
      }
      return fail('invalid_input', 'The request was not valid.', { fieldErrors });
    }
    try {
      const result = withoutSecrets(await handler(parsedPayload.data, parsedContext.data));
      await noteSuccessfulUse();
      return result;
    } catch (error) {
      const mapped = options.mapError?.(error);
      if (mapped) return withoutSecrets(mapped);
      if (isKvsRateLimited(error)) {
        return fail(
          'rate_limited',
          `The app's storage in Jira is over its per-minute quota, so this was not finished. Try again in ${KVS_RATE_LIMIT_WAIT_SECONDS} s.`,
          { retryAfterSeconds: KVS_RATE_LIMIT_WAIT_SECONDS },
        );
      }
      // Messages may quote an upstream body, so they pass the secret detector before the log;
      // the stack is left out to keep logs small.
      const described = describeThrown(error);
      const safe = `resolver ${endpoint.key} failed: ${redactSecrets(described, { mode: 'detect' }).text}`;
      console.error(safe);
      // Only failures are written (a success costs no KVS write), so the Health section can show
      // what the message below points admins to. Recording must never turn into a second failure.
      await createKvsHealthStore()
        .recordRun('resolver', { ok: false, message: safe })
        .catch(() => undefined);
      return fail(
        'internal',
        "Something went wrong in ZeroPath for Jira. Try again; if it keeps failing, an admin can check Health on the app's admin page.",
      );
    }
  }
}
