import { InvocationError, InvocationErrorCode } from '@forge/events';

/**
 * Forge lowers any `retryAfter` above 900 s to 900 s (async events reference, RetryOptions), so
 * asking for more only makes the app believe in a wait that will not happen. @forge/events raises
 * values ≤ 0 to its minimum itself; a non-number would reach the platform as is.
 */
export const MAX_RETRY_AFTER_SECONDS = 900;

/** The one way consumers hand an event back to its queue: whole seconds, 1..900. */
export function retryLater(seconds: number): InvocationError {
  const retryAfter = Number.isFinite(seconds)
    ? Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, Math.ceil(seconds)))
    : MAX_RETRY_AFTER_SECONDS;
  return new InvocationError({ retryAfter, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
}
