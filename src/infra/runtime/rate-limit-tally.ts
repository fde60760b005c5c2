import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * 429 answers seen during one invocation, by who gave them. The adapters note every 429 they
 * receive (including ones a retry later got past), and the entry point writes the tally to Health
 * once at the end, so every path counts without a storage write per 429.
 */
export type RateLimitSource = 'jira' | 'zeropath' | 'kvs';
export type RateLimitTally = Record<RateLimitSource, number>;

const current = new AsyncLocalStorage<RateLimitTally>();

export function emptyTally(): RateLimitTally {
  return { jira: 0, zeropath: 0, kvs: 0 };
}

export function withRateLimitTally<T>(tally: RateLimitTally, fn: () => Promise<T>): Promise<T> {
  return current.run(tally, fn);
}

/** Outside a tallied invocation (tests of single modules) this does nothing. */
export function noteRateLimit(source: RateLimitSource): void {
  const tally = current.getStore();
  if (tally !== undefined) tally[source] += 1;
}
