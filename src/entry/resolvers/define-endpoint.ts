import type Resolver from '@forge/resolver';
import { type z } from 'zod';
import { type Endpoint } from '../../contract/endpoint';
import { fail, type Result } from '../../contract/result';
import { resolverContextSchema, type ResolverContext } from './resolver-context';

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
  resolver.define(endpoint.key, async ({ payload, context }): Promise<Result<z.output<R>>> => {
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
      return fail(
        'forbidden',
        'Your permissions could not be verified, so the action was refused. Try again shortly.',
      );
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
      return await handler(parsedPayload.data, parsedContext.data);
    } catch (error) {
      const mapped = options.mapError?.(error);
      if (mapped) return mapped;
      // Our errors never carry secrets (clients build messages without credentials), so the
      // name and message are safe to log; the stack is left out to keep logs small.
      console.error(
        `resolver ${endpoint.key} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error'}`,
      );
      return fail(
        'internal',
        "Something went wrong in ZeroPath for Jira. Try again; if it keeps failing, an admin can check Health on the app's admin page.",
      );
    }
  });
}
