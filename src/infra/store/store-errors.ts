import { ForgeKvsAPIError, ForgeKvsError } from '@forge/kvs';

/**
 * A KVS failure that waiting fixes: the storage service answered 5xx or 429, or could not be
 * reached at all. A 4xx (a key or value the app got wrong) is not: redelivering would repeat it.
 * Sync work that hits a transient one is delivered again instead of being dropped (finding 5 of
 * issue 17: one KVS read error in the trigger or the sync job left a closure unsynced for good).
 */
export function isTransientStoreError(error: unknown): boolean {
  if (error instanceof ForgeKvsAPIError) {
    const status = error.responseDetails.status;
    return status >= 500 || status === 429;
  }
  return error instanceof ForgeKvsError;
}
