import { z } from 'zod';
import { notPrototypeKey, PROTOTYPE_KEY_MESSAGE } from '../core/object-keys';
import { defaultsSectionSchema, syncSectionSchema } from '../core/config/app-config';
import { checkZeroPathBaseUrl } from '../core/config/zeropath-base-url';
import { securitySectionSchema } from '../core/config/security-team';
import { endpoint } from './endpoint';

/**
 * The admin page's resolver contract. Served only by the `admin-resolver` function (its own Forge
 * function) and only to the `jira:adminPage` module; every call is authorised as a Jira admin on
 * the server. Nothing here carries the token secret back: the UI sees `configured`, the token id's
 * last four characters, the organisation and the expiry.
 *
 * The section schemas are the configuration model's own (src/core/config, pure zod), so the form
 * and the server validate with the same rules.
 */

const tokenId = z
  .string()
  .trim()
  .min(1, 'Enter the token id')
  .max(200, 'A token id is at most 200 characters')
  .refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE);
const tokenSecret = z
  .string()
  .min(1, 'Enter the token secret')
  .max(1000, 'A token secret is at most 1000 characters')
  .refine((value) => value.trim() === value, 'Remove the spaces around the token secret');

export const baseUrlSchema = z.string().transform((value, ctx) => {
  const checked = checkZeroPathBaseUrl(value);
  if (!checked.ok) {
    ctx.addIssue({ code: 'custom', message: checked.message });
    return z.NEVER;
  }
  return checked.baseUrl;
});

/** A calendar date (YYYY-MM-DD) as the admin sees it in ZeroPath's token list; stored as end of that day UTC. */
export const tokenExpiryDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the expiry date as YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T23:59:59.000Z`)), 'Enter a real calendar date');

export const connectPayloadSchema = z.object({
  tokenId,
  tokenSecret,
  baseUrl: baseUrlSchema.optional(),
  tokenExpiresOn: tokenExpiryDateSchema.optional(),
  /** Second step when the token sees several organisations. */
  organizationId: z.string().trim().min(1).max(200).optional().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
});
export type ConnectPayload = z.input<typeof connectPayloadSchema>;

export const rotatePayloadSchema = z.object({
  tokenId,
  tokenSecret,
  tokenExpiresOn: tokenExpiryDateSchema.optional(),
});
export type RotatePayload = z.input<typeof rotatePayloadSchema>;

export const organizationSchema = z.object({
  id: z.string().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
  name: z.string(),
  role: z.string().optional(),
});
export type OrganizationView = z.infer<typeof organizationSchema>;

export const tokenExpirySchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('unknown') }),
  z.object({
    state: z.enum(['ok', 'expiring-soon', 'expired']),
    expiresAt: z.string(),
    daysLeft: z.number(),
  }),
]);

/**
 * What the connected ZeroPath supports, read from its published tool manifest: one line per need,
 * saying whether ZeroPath does it (a V2 operation), a V1 action stands in, or the app skips it.
 */
export const zeropathSupportSchema = z.object({
  checkedAt: z.string(),
  manifest: z.enum(['found', 'unavailable']),
  problem: z.string().optional(),
  lines: z.array(
    z.object({
      need: z.string(),
      label: z.string(),
      support: z.enum(['zeropath', 'fallback', 'missing']),
      detail: z.string(),
    }),
  ),
});
export type ZeroPathSupport = z.infer<typeof zeropathSupportSchema>;

export const connectionViewSchema = z.object({
  configured: z.boolean(),
  baseUrl: z.string(),
  tokenIdHint: z.string().optional(),
  organization: z
    .object({ id: z.string().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE), name: z.string().optional() })
    .optional(),
  expiry: tokenExpirySchema,
  connectedAt: z.string().optional(),
  support: zeropathSupportSchema.optional(),
});
export type ConnectionView = z.infer<typeof connectionViewSchema>;

export const connectResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('connected'), connection: connectionViewSchema }),
  /** Nothing was stored: the admin picks one and connects again with `organizationId`. */
  z.object({ status: z.literal('choose-organization'), organizations: z.array(organizationSchema).min(2) }),
]);
export type ConnectResult = z.infer<typeof connectResultSchema>;

export const testResultSchema = z.object({
  organization: z.object({ id: z.string().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE), name: z.string() }),
  checkedAt: z.string(),
  support: zeropathSupportSchema.optional(),
});

export const settingsViewSchema = z.object({
  defaults: defaultsSectionSchema,
  sync: syncSectionSchema,
  security: securitySectionSchema,
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

export const projectOptionSchema = z.object({
  id: z.string().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
  key: z.string().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
  name: z.string(),
});
export const issueTypeOptionSchema = z.object({
  id: z.string().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
  name: z.string(),
});
export type ProjectOption = z.infer<typeof projectOptionSchema>;
export type IssueTypeOption = z.infer<typeof issueTypeOptionSchema>;

export const defaultsOptionsSchema = z.object({
  /** Projects the app can create issues in (first page, by name). */
  projects: z.array(projectOptionSchema),
  /** Issue types of `forProjectKey` (the saved default, else the suggested project). */
  forProjectKey: z.string().optional().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
  issueTypes: z.array(issueTypeOptionSchema),
  /** What the app would pick on its own: a project with a Bug-like type (Bug > Task > first standard type). */
  suggested: z
    .object({
      projectKey: z.string().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
      issueTypeId: z.string(),
      issueTypeName: z.string(),
    })
    .optional(),
});
export type DefaultsOptions = z.infer<typeof defaultsOptionsSchema>;

export const healthKindViewSchema = z.object({
  kind: z.string(),
  label: z.string(),
  lastRunAt: z.string().optional(),
  lastOkAt: z.string().optional(),
  lastError: z.object({ at: z.string(), message: z.string() }).optional(),
  rateLimitsLastHour: z.object({ jira: z.number(), zeropath: z.number(), kvs: z.number() }),
  jobsInFlight: z.number(),
});
/**
 * Jira's hourly points quota as its headers last reported it. `remaining` is known only below 20 %
 * (Jira does not say more); `unavailable` says why there is no reading (not connected, Jira down).
 */
export const jiraQuotaViewSchema = z.object({
  policy: z.string().optional(),
  limit: z.number().optional(),
  remaining: z.number().optional(),
  resetsAt: z.string().optional(),
  nearLimit: z.boolean(),
  checkedAt: z.string(),
  unavailable: z.string().optional(),
});
export type JiraQuotaView = z.infer<typeof jiraQuotaViewSchema>;

export const healthViewSchema = z.object({
  kinds: z.array(healthKindViewSchema),
  jiraQuota: jiraQuotaViewSchema.optional(),
  /** The last 10 errors of every kind, newest first (redacted). */
  recentErrors: z.array(z.object({ kind: z.string(), at: z.string(), message: z.string() })),
  zeropath: zeropathSupportSchema.optional(),
  /** Whether ZeroPath returned changes in the order asked, as the last sweep/auto-ticketing run found. */
  ordering: z
    .array(z.object({ job: z.string(), checkedAt: z.string(), honoured: z.boolean(), detail: z.string() }))
    .default([]),
});
export type HealthView = z.infer<typeof healthViewSchema>;

const empty = z.object({});

export const adminEndpoints = {
  getConnection: endpoint('admin.getConnection', empty, connectionViewSchema),
  connect: endpoint('admin.connect', connectPayloadSchema, connectResultSchema),
  testConnection: endpoint('admin.testConnection', empty, testResultSchema),
  rotateToken: endpoint('admin.rotateToken', rotatePayloadSchema, connectionViewSchema),
  disconnect: endpoint('admin.disconnect', empty, connectionViewSchema),
  getSettings: endpoint('admin.getSettings', empty, settingsViewSchema),
  getDefaultsOptions: endpoint(
    'admin.getDefaultsOptions',
    z.object({
      projectKey: z.string().trim().min(1).max(10).optional().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
    }),
    defaultsOptionsSchema,
  ),
  saveDefaults: endpoint('admin.saveDefaults', defaultsSectionSchema, settingsViewSchema),
  saveSync: endpoint('admin.saveSync', syncSectionSchema, settingsViewSchema),
  /** The security team (Jira groups, project roles), who may triage from the panel, and the second approver. */
  saveSecurity: endpoint('admin.saveSecurity', securitySectionSchema, settingsViewSchema),
  /** Jira groups for the Security team picker, searched by name as the admin. */
  searchGroups: endpoint(
    'admin.searchGroups',
    z.object({ query: z.string().trim().max(255) }),
    z.object({ groups: z.array(z.object({ name: z.string(), groupId: z.string().optional() })) }),
  ),
  getHealth: endpoint('admin.getHealth', empty, healthViewSchema),
  /** The site's resolutions, so the Sync tab's mapping is picked from Jira's list, never typed. */
  listResolutions: endpoint(
    'admin.listResolutions',
    empty,
    z.object({ resolutions: z.array(z.object({ id: z.string(), name: z.string() })) }),
  ),
} as const;
