import { kvs } from '@forge/kvs';
import { changeCursorSchema, type ChangeCursor } from '../zeropath/change-scan';
import { storeKeys } from './store-keys';

/**
 * Small pieces of two-way-sync memory: "this event was already handled" markers (product events
 * and queue deliveries are at-least-once) and the ZeroPath change cursor of the status sweep.
 */
export interface SyncStateStore {
  hasSeen(kind: string, id: string): Promise<boolean>;
  /** Written only after the work succeeded, so a retried delivery is not mistaken for a duplicate. */
  markSeen(kind: string, id: string, ttlSeconds: number): Promise<void>;
  readCursor(name: string): Promise<ChangeCursor | null>;
  writeCursor(name: string, cursor: ChangeCursor): Promise<void>;
}

/** Includes a full scan's position when ZeroPath ignores the sort (change-scan.ts). */
const cursorSchema = changeCursorSchema;

export function createKvsSyncStateStore(now: () => Date = () => new Date()): SyncStateStore {
  return {
    async hasSeen(kind, id) {
      return (await kvs.get(storeKeys.processedEvent(kind, id))) !== undefined;
    },
    async markSeen(kind, id, ttlSeconds) {
      await kvs.set(storeKeys.processedEvent(kind, id), now().toISOString(), {
        ttl: { value: ttlSeconds, unit: 'SECONDS' },
      });
    },
    async readCursor(name) {
      const parsed = cursorSchema.safeParse(await kvs.get(storeKeys.cursor(name)));
      // A damaged cursor restarts the sweep's look-back window rather than stopping sync for good.
      return parsed.success ? parsed.data : null;
    },
    async writeCursor(name, cursor) {
      await kvs.set(storeKeys.cursor(name), cursorSchema.parse(cursor));
    },
  };
}
