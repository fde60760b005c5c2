import { getAppContext } from '@forge/api';

/**
 * How long the current invocation may still run, as Forge reports it
 * (`getAppContext().invocationRemainingTimeInMillis()`). Long-running handlers check it to stop,
 * with their progress saved, before the platform cuts them off. Where the platform cannot say
 * (an old tunnel), the handler's own limit counted from the first call is the fallback.
 */
export function invocationTimeLeft(fallbackLimitMs: number): () => number {
  const startedAt = Date.now();
  return () => {
    try {
      return getAppContext().invocationRemainingTimeInMillis();
    } catch {
      return fallbackLimitMs - (Date.now() - startedAt);
    }
  };
}
