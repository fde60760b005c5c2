import { JiraRateLimitedError, JiraUnavailableError } from './jira-errors';

export interface JiraRetryOptions {
  /**
   * Total time the caller can afford to wait, in ms. A resolver passes what is left of its
   * invocation; a queue consumer passes a small budget and turns the thrown error's
   * `retryAfterSeconds` into `InvocationError({ retryAfter })`.
   */
  budgetMs: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Including the first call. */
  maxAttempts?: number;
  /** In [0, 1); injectable so tests are deterministic. */
  random?: () => number;
}

const BASE_DELAY_MS = 2_000;
const MAX_DELAY_MS = 30_000;
const DEFAULT_MAX_ATTEMPTS = 4;

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The wait Jira asked for, or undefined when the error is not one to retry here. */
function requestedWaitSeconds(error: unknown): number | undefined {
  if (error instanceof JiraRateLimitedError) {
    // An exhausted hourly quota refuses everything until the reset: retrying only burns attempts.
    return error.isQuotaExhausted ? undefined : error.retryAfterSeconds;
  }
  // A 503 without Retry-After may have half-processed a write; only Jira's explicit "come back" is safe.
  if (error instanceof JiraUnavailableError && error.status === 503) return error.retryAfterSeconds;
  return undefined;
}

/**
 * The one retry policy for Jira calls (Atlassian's "respect rate limits" guide): retry 429 and 503
 * that carry a wait, never sooner than `Retry-After`, doubling from 2 s up to 30 s with jitter above
 * that floor, at most `maxAttempts` calls, and never past `budgetMs` — then the typed error (with
 * `retryAfterSeconds`) goes to the caller. Calls stay sequential: concurrency is never raised.
 */
export async function withJiraRetry<T>(fn: () => Promise<T>, options: JiraRetryOptions): Promise<T> {
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const deadline = now() + options.budgetMs;

  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fn();
    } catch (error) {
      const waitSeconds = requestedWaitSeconds(error);
      if (waitSeconds === undefined || attempt >= maxAttempts) throw error;
      const backoff = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempt - 1)) * (0.7 + 0.6 * random());
      const waitMs = Math.max(waitSeconds * 1000, backoff);
      if (now() + waitMs > deadline) throw error;
      await sleep(waitMs);
    }
  }
}
