import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { storeKeys } from './store-keys';

/**
 * A short-lived record of "this user may see (and edit) this issue", so the issue panel can open
 * from KVS alone. Only granted decisions are kept (a refusal is asked again next time, so a newly
 * granted permission works at once), and they expire on their own through the KVS TTL.
 */
export const issuePermissionSchema = z.object({
  browse: z.literal(true),
  edit: z.boolean(),
  checkedAt: z.string(),
});
export type IssuePermission = z.infer<typeof issuePermissionSchema>;

export interface IssuePermissionStore {
  get(accountId: string, issueId: string): Promise<IssuePermission | undefined>;
  put(accountId: string, issueId: string, value: IssuePermission, ttlSeconds: number): Promise<void>;
  /** Forgets a grant Jira no longer confirms, so the next panel open asks again. */
  remove(accountId: string, issueId: string): Promise<void>;
}

export function createKvsIssuePermissionStore(): IssuePermissionStore {
  return {
    async get(accountId, issueId) {
      // A record that does not parse is treated as absent: the caller then asks Jira again.
      const parsed = issuePermissionSchema.safeParse(
        await kvs.get(storeKeys.issuePermission(accountId, issueId)),
      );
      return parsed.success ? parsed.data : undefined;
    },
    async put(accountId, issueId, value, ttlSeconds) {
      await kvs.set(storeKeys.issuePermission(accountId, issueId), issuePermissionSchema.parse(value), {
        ttl: { value: ttlSeconds, unit: 'SECONDS' },
      });
    },
    async remove(accountId, issueId) {
      await kvs.delete(storeKeys.issuePermission(accountId, issueId));
    },
  };
}
