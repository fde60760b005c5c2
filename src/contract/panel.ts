import { z } from 'zod';
import { notPrototypeKey, PROTOTYPE_KEY_MESSAGE } from '../core/object-keys';
import { endpoint } from './endpoint';

/**
 * The issue panel's resolver contract. Served only by the `panel-resolver` function and only to
 * the `jira:issuePanel` module. No payload names an issue: the issue is always the one in the
 * platform-built context, and a payload that tries to name another one is refused as
 * `invalid_input` (defineEndpoint refuses keys a payload schema does not declare).
 */

export const PANEL_FINDING_STATUSES = [
  'open',
  'in_progress',
  'resolved',
  'false_positive',
  'non_exploitable',
  'accepted_risk',
] as const;
export const PANEL_SEVERITIES = ['Critical', 'High', 'Medium', 'Low', 'Info'] as const;

/** Longest reason the app forwards to ZeroPath (its status-reason limit). */
export const MAX_TRIAGE_REASON_LENGTH = 2000;

const reason = z
  .string()
  .trim()
  .min(1, 'Give a reason: it is recorded in ZeroPath and in the audit trail')
  .max(MAX_TRIAGE_REASON_LENGTH, `A reason is at most ${MAX_TRIAGE_REASON_LENGTH} characters`);

/** A calendar date (YYYY-MM-DD) as the date picker gives it. */
export const calendarDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date as YYYY-MM-DD')
  .refine((value) => {
    const parsed = new Date(`${value}T00:00:00.000Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
  }, 'Enter a real calendar date');

export const auditEntryViewSchema = z.object({
  at: z.string(),
  /** A Jira user's account id (the panel renders it with UI Kit's User), absent for the systems. */
  actorAccountId: z.string().optional().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
  /** 'ZeroPath', 'ZeroPath for Jira', an auto-ticketing rule, or 'A Jira user'. */
  actorLabel: z.string(),
  source: z.enum(['jira', 'zeropath', 'app']),
  action: z.string(),
  from: z.string().optional(),
  to: z.string().optional(),
  detail: z.string().optional(),
});
export type AuditEntryView = z.infer<typeof auditEntryViewSchema>;

export const findingViewSchema = z.object({
  id: z.string().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
  title: z.string(),
  severity: z.enum(PANEL_SEVERITIES),
  score: z.number(),
  status: z.enum(PANEL_FINDING_STATUSES),
  category: z.string(),
  cvss: z.object({ score: z.number().optional(), vector: z.string().optional() }).optional(),
  cwes: z.array(
    z.object({ id: z.string().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE), url: z.string().optional() }),
  ),
  vulnClass: z.string().optional(),
  repository: z.object({ name: z.string(), url: z.string().optional() }),
  location: z.object({ file: z.string().optional(), lines: z.string().optional() }),
  /** Redacted by the export rules before it was stored. */
  code: z.object({ snippet: z.string(), language: z.string() }).optional(),
  patch: z
    .object({ url: z.string().optional(), title: z.string().optional(), state: z.string().optional() })
    .optional(),
  /** The finding in ZeroPath's dashboard (only http(s) links survive). */
  url: z.string().optional(),
});
export type FindingView = z.infer<typeof findingViewSchema>;

export const closureViewSchema = z.object({
  decision: z.enum(['resolved', 'false_positive', 'accepted_risk', 'skip']),
  confidence: z.number(),
  explanation: z.string(),
  evidence: z.string().optional(),
  resolution: z.string().optional(),
  decidedAt: z.string(),
});

export const slaViewSchema = z.object({
  dueDate: z.string(),
  /** Negative when overdue. */
  daysLeft: z.number(),
  overdue: z.boolean(),
});

export const panelViewSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('linked'),
    issueKey: z.string().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
    canEdit: z.boolean(),
    /** False when ZeroPath was disconnected after the link was made: the snapshot still shows. */
    connected: z.boolean(),
    finding: findingViewSchema,
    snapshotAt: z.string(),
    /** The panel asks for a background refresh only when this is true. */
    stale: z.boolean(),
    sla: slaViewSchema.optional(),
    /** A time-limited accepted-risk exception in force: on `until` the app reopens the finding. */
    acceptedRisk: z.object({ until: z.string(), daysLeft: z.number() }).optional(),
    /** Newest last; at most PANEL_AUDIT_LIMIT entries. */
    audit: z.array(auditEntryViewSchema),
    lastClosure: closureViewSchema.optional(),
  }),
  z.object({
    state: z.literal('not_linked'),
    issueKey: z.string().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
    canEdit: z.boolean(),
  }),
  z.object({
    state: z.literal('not_connected'),
    issueKey: z.string().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
  }),
]);
export type PanelView = z.infer<typeof panelViewSchema>;
export type LinkedPanelView = Extract<PanelView, { state: 'linked' }>;

export const actionResultSchema = z.object({
  /** What happened, in one sentence the panel shows as a success message. */
  message: z.string(),
  /** Parts that did not happen (e.g. the Jira comment failed after ZeroPath changed). */
  warnings: z.array(z.string()),
  view: panelViewSchema,
});
export type ActionResult = z.infer<typeof actionResultSchema>;

export const markFalsePositivePayloadSchema = z.object({ reason });
export const acceptRiskPayloadSchema = z.object({ reason, until: calendarDateSchema.optional() });
export const reopenPayloadSchema = z.object({
  reason: z.string().trim().max(MAX_TRIAGE_REASON_LENGTH).optional(),
});
export const linkFindingPayloadSchema = z.object({
  reference: z
    .string()
    .trim()
    .min(1, 'Paste a ZeroPath finding id or its URL')
    .max(2048, 'That is too long for a finding id or URL'),
});

const empty = z.object({});

/** "Related security docs" (docs/confluence.md): searched as the viewing user. */
export const relatedDocsViewSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('off') }),
  z.object({ state: z.literal('not_linked') }),
  z.object({ state: z.literal('nothing_to_search') }),
  z.object({ state: z.literal('not_connected') }),
  z.object({
    state: z.literal('ok'),
    docs: z.array(z.object({ title: z.string(), url: z.string(), excerpt: z.string(), space: z.string().optional() })),
    searchUrl: z.string().optional(),
  }),
]);
export type RelatedDocsView = z.infer<typeof relatedDocsViewSchema>;

export const panelEndpoints = {
  load: endpoint('panel.load', empty, panelViewSchema),
  refresh: endpoint('panel.refresh', empty, panelViewSchema),
  markFalsePositive: endpoint('panel.markFalsePositive', markFalsePositivePayloadSchema, actionResultSchema),
  acceptRisk: endpoint('panel.acceptRisk', acceptRiskPayloadSchema, actionResultSchema),
  reopen: endpoint('panel.reopen', reopenPayloadSchema, actionResultSchema),
  linkFinding: endpoint('panel.linkFinding', linkFindingPayloadSchema, actionResultSchema),
  relatedDocs: endpoint('panel.relatedDocs', empty, relatedDocsViewSchema),
} as const;
