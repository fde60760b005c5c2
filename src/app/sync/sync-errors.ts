import { JiraRateLimitedError, JiraUnavailableError } from '../../infra/jira/jira-errors';
import { ZeroPathRateLimitedError, ZeroPathUnavailableError } from '../../infra/zeropath/zeropath-errors';
import { isTransientStoreError } from '../../infra/store/store-errors';

/** Without a Retry-After, a 5xx is retried after a minute: long enough for a blip, short enough to stay fresh. */
export const DEFAULT_RETRY_AFTER_SECONDS = 60;
/** A storage blip clears in seconds. */
export const STORE_RETRY_AFTER_SECONDS = 10;

/**
 * Seconds to wait before the platform should deliver the work again, or undefined when the error
 * is not one that waiting fixes (bad data, permissions, an exhausted hourly quota is handled by
 * the caller's own back-off).
 */
export function retryAfterSecondsOf(error: unknown): number | undefined {
  if (error instanceof ZeroPathRateLimitedError) return Math.max(1, error.retryAfterSeconds);
  if (error instanceof ZeroPathUnavailableError) return DEFAULT_RETRY_AFTER_SECONDS;
  if (error instanceof JiraRateLimitedError) return Math.max(1, error.retryAfterSeconds);
  if (error instanceof JiraUnavailableError) return error.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS;
  if (isTransientStoreError(error)) return STORE_RETRY_AFTER_SECONDS;
  return undefined;
}
