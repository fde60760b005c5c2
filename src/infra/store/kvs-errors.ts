import { ForgeKvsAPIError } from '@forge/kvs';

/**
 * Forge storage answers a request over the installation's quotas (1,000 requests a second; 4,000
 * reads and 4,000 writes of 10 KB a minute) with HTTP 429 `RATE_LIMIT_EXCEEDED`, which @forge/kvs
 * raises as ForgeKvsAPIError.
 */
export function isKvsRateLimited(error: unknown): boolean {
  return (
    error instanceof ForgeKvsAPIError &&
    (error.code === 'RATE_LIMIT_EXCEEDED' || error.responseDetails.status === 429)
  );
}

/**
 * How long to wait after a KVS 429. The quotas are per minute and the platform sends no
 * Retry-After, so a full window is the wait that certainly helps.
 */
export const KVS_RATE_LIMIT_WAIT_SECONDS = 60;
