/** The people a sandbox visitor can be. The resolver context is built from these on the server. */
import { z } from 'zod';
import { DEMO_USERS } from '../sim/jira/jira-seed-builder';

export const SANDBOX_USERS = {
  admin: { accountId: DEMO_USERS.admin, label: 'Ada Admin (Jira administrator)' },
  sam: { accountId: DEMO_USERS.security, label: 'Sam Security (security team, not a Jira admin)' },
  alice: { accountId: DEMO_USERS.dev1, label: 'Alice Developer (regular developer)' },
  bob: { accountId: DEMO_USERS.dev2, label: 'Bob Developer (regular developer)' },
  casey: { accountId: DEMO_USERS.restricted, label: 'Casey Contractor (no access to OPS)' },
} as const;

export type SandboxUserKey = keyof typeof SANDBOX_USERS;
export const sandboxUserSchema = z.enum(Object.keys(SANDBOX_USERS) as [SandboxUserKey, ...SandboxUserKey[]]);
