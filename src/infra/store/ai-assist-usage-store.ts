import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { storeKeys } from './store-keys';

/**
 * Per-UTC-day count of AI-assist model calls, for the admin's daily cap. The count is taken
 * before the call, so a call that fails still counts (the cap bounds what is sent, not what
 * worked). Two closures racing past the last slot can overshoot by one: KVS has no atomic
 * increment, and a cap on a cost is not a security boundary.
 */
export interface AiAssistUsageStore {
  /** Takes one call from today's allowance; false when the cap is already reached. */
  tryTake(day: string, cap: number): Promise<boolean>;
}

const countSchema = z.number().int().nonnegative();
/** Kept a little past its day so a clock near midnight still reads its own day's count. */
const TTL_SECONDS = 2 * 24 * 3600;

export function createKvsAiAssistUsageStore(): AiAssistUsageStore {
  return {
    async tryTake(day, cap) {
      const key = storeKeys.aiAssistDaily(day);
      const parsed = countSchema.safeParse(await kvs.get(key));
      const used = parsed.success ? parsed.data : 0;
      if (used >= cap) return false;
      await kvs.set(key, used + 1, { ttl: { value: TTL_SECONDS, unit: 'SECONDS' } });
      return true;
    },
  };
}
