import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { recordCreated, remainingToday, type AutoTicketRule } from '../../core/rules/auto-ticket-rule';
import { changeCursorSchema } from '../zeropath/change-scan';
import { storeKeys } from './store-keys';

/** At most this many findings wait for a later day's cap; beyond it the oldest are dropped (and counted). */
export const MAX_DEFERRED = 1_000;

export const autoTicketStateSchema = z.object({
  /** Includes a full scan's position when ZeroPath ignores the sort (change-scan.ts). */
  cursor: changeCursorSchema.nullable().default(null),
  /** Findings a rule matched but its daily cap held back; re-read and re-matched on the next run. */
  deferred: z.array(z.string()).default([]),
  /** Per rule id: what the admin should know (an epic that is gone, a field Jira refused). */
  ruleWarnings: z.record(z.string(), z.array(z.string())).default({}),
  lastRun: z
    .object({
      at: z.string(),
      changesRead: z.number(),
      enqueued: z.number(),
      deferred: z.number(),
      byRule: z.record(z.string(), z.number()),
    })
    .optional(),
});
export type AutoTicketState = z.infer<typeof autoTicketStateSchema>;

const dailySchema = z.record(z.string(), z.number().int().nonnegative());

export interface AutoTicketStore {
  readState(): Promise<AutoTicketState>;
  writeState(state: AutoTicketState): Promise<void>;
  remaining(rule: AutoTicketRule, today: Date): Promise<number>;
  addCreated(ruleId: string, today: Date, count: number): Promise<void>;
  /** FAIL_IF_EXISTS + TTL: a crashed run's lock expires by itself. */
  tryLock(owner: string, ttlSeconds: number): Promise<boolean>;
  unlock(owner: string): Promise<void>;
}

const LOCK_KEY = storeKeys.lock('auto-ticket');

export function createKvsAutoTicketStore(): AutoTicketStore {
  const readDaily = async (ruleId: string): Promise<Record<string, number>> => {
    const parsed = dailySchema.safeParse(await kvs.get(storeKeys.autoTicketDaily(ruleId)));
    // It only ever holds counts this app wrote; a broken one is reset rather than blocking the rule.
    return parsed.success ? parsed.data : {};
  };
  return {
    async readState() {
      const parsed = autoTicketStateSchema.safeParse((await kvs.get(storeKeys.autoTicketState)) ?? {});
      // Losing the cursor would re-read everything; the state is only ever written by this module,
      // so a record failing its schema is a bug worth surfacing, not a reason to start over.
      if (!parsed.success)
        throw new Error(`Stored auto-ticketing state is not valid: ${parsed.error.message}`);
      return parsed.data;
    },
    async writeState(state) {
      await kvs.set(storeKeys.autoTicketState, autoTicketStateSchema.parse(state));
    },
    async remaining(rule, today) {
      return remainingToday(rule, await readDaily(rule.id), today);
    },
    async addCreated(ruleId, today, count) {
      if (count === 0) return;
      await kvs.set(storeKeys.autoTicketDaily(ruleId), recordCreated(await readDaily(ruleId), today, count));
    },
    async tryLock(owner, ttlSeconds) {
      try {
        await kvs.set(
          LOCK_KEY,
          { owner, at: new Date().toISOString() },
          { keyPolicy: 'FAIL_IF_EXISTS', ttl: { value: ttlSeconds, unit: 'SECONDS' } },
        );
        return true;
      } catch (error) {
        // Only "someone holds it" means "skip this run"; any other failure is a real error.
        if ((await kvs.get(LOCK_KEY)) !== undefined) return false;
        throw error;
      }
    },
    async unlock(owner) {
      const held = await kvs.get<{ owner?: string }>(LOCK_KEY);
      if (held?.owner === owner) await kvs.delete(LOCK_KEY);
    },
  };
}
