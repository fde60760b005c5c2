import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { type OrderCheck, type SortOrderLog } from '../zeropath/change-scan';
import { storeKeys } from './store-keys';

/** The last sort-order verdict of each change reader, one small record per job, for Health. */
export const SORT_ORDER_JOBS = ['zeropath-sweep', 'auto-ticket'] as const;

const orderCheckSchema = z.object({
  job: z.string(),
  checkedAt: z.string(),
  honoured: z.boolean(),
  detail: z.string(),
});

export function createKvsSortOrderLog(): SortOrderLog {
  return {
    async record(check: OrderCheck) {
      await kvs.set(storeKeys.sortOrderCheck(check.job), orderCheckSchema.parse(check));
    },
    async readAll() {
      const records = await Promise.all(SORT_ORDER_JOBS.map((job) => kvs.get(storeKeys.sortOrderCheck(job))));
      return records.flatMap((raw) => {
        const parsed = orderCheckSchema.safeParse(raw);
        return parsed.success ? [parsed.data] : [];
      });
    },
  };
}
