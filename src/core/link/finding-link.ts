import { z } from 'zod';
import { FINDING_CATEGORIES, FINDING_STATUSES, SEVERITY_BUCKETS } from '../finding/finding';

/**
 * The finding↔issue link: the idempotency key of every export and the anchor of two-way sync.
 * Stored twice (by finding and by issue id) in one KVS transaction.
 */

/** What the issue panel shows without calling ZeroPath: a redacted copy taken at export/sync time. */
export const findingSnapshotSchema = z.object({
  title: z.string(),
  status: z.enum(FINDING_STATUSES),
  score: z.number(),
  severity: z.enum(SEVERITY_BUCKETS),
  category: z.enum(FINDING_CATEGORIES),
  cvss: z.object({ score: z.number().optional(), vector: z.string().optional() }).optional(),
  cwes: z.array(z.string()),
  vulnClass: z.string().optional(),
  language: z.string().optional(),
  repository: z.object({ id: z.string(), name: z.string().optional(), url: z.string().optional() }),
  location: z.object({
    file: z.string().optional(),
    startLine: z.number().optional(),
    endLine: z.number().optional(),
  }),
  /** Already redacted: raw snippets never reach storage that a UI reads. */
  codeSnippet: z.string().optional(),
  patch: z
    .object({ prUrl: z.string().optional(), prTitle: z.string().optional(), prStatus: z.string().optional() })
    .optional(),
  url: z.string(),
  updatedAt: z.string(),
});
export type FindingSnapshot = z.infer<typeof findingSnapshotSchema>;

/**
 * The last state the app itself wrote on each side. An incoming change equal to it is an echo of
 * our own write and is ignored: this, plus `ignoreSelf`, is what stops ping-pong between the two.
 */
export const lastWrittenSchema = z.object({
  zeropathStatus: z.enum(FINDING_STATUSES).optional(),
  jiraStatusId: z.string().optional(),
  at: z.string().optional(),
});

export const closureDecisionSchema = z.object({
  decision: z.enum(['resolved', 'false_positive', 'accepted_risk', 'skip']),
  confidence: z.number(),
  explanation: z.string(),
  phrase: z.string().optional(),
  commentId: z.string().optional(),
  resolution: z.string().optional(),
  decidedAt: z.string(),
});
export type ClosureDecision = z.infer<typeof closureDecisionSchema>;

/**
 * A time-limited accepted-risk exception. ZeroPath has no expiry for accepted risk, so the app
 * keeps the date and ends the exception itself (the scheduled risk-expiry step). `expiry` records
 * how far that step got, so a run cut short resumes without repeating a write on either side.
 */
export const riskAcceptanceSchema = z.object({
  /** The day the exception ends (YYYY-MM-DD, UTC): from this day on the finding is reopened. */
  until: z.string(),
  acceptedAt: z.string(),
  /** accountId of the person who accepted it. */
  acceptedBy: z.string(),
  expiry: z
    .object({
      stage: z.enum(['reopening', 'zeropath_reopened']),
      startedAt: z.string(),
      /** The Jira move's explanation once done, kept for the final audit entry. */
      jiraOutcome: z.string().optional(),
    })
    .optional(),
});
export type RiskAcceptance = z.infer<typeof riskAcceptanceSchema>;

export const findingLinkSchema = z.object({
  findingId: z.string(),
  issueId: z.string(),
  issueKey: z.string(),
  projectKey: z.string(),
  createdAt: z.string(),
  /** accountId of the person who exported, or 'auto:<ruleId>' for auto-ticketing. */
  createdBy: z.string(),
  snapshot: findingSnapshotSchema,
  snapshotAt: z.string(),
  lastWritten: lastWrittenSchema.default({}),
  lastClosure: closureDecisionSchema.optional(),
  /** SLA due date stamped at creation (YYYY-MM-DD), when SLA was on. */
  dueDate: z.string().optional(),
  /** Set while a dated accepted-risk exception is in force; links stored before it parse without. */
  acceptedRisk: riskAcceptanceSchema.optional(),
  /**
   * A false positive or accepted risk on a Critical or High finding that waits for a second
   * security-team member (the security setting's `secondApprover`). Nothing reached ZeroPath yet.
   */
  pendingApproval: z
    .object({
      action: z.enum(['false_positive', 'accepted_risk']),
      requestedBy: z.string(),
      requestedAt: z.string(),
      until: z.string().optional(),
    })
    .optional(),
});
export type FindingLink = z.infer<typeof findingLinkSchema>;

/** One line of the audit trail: every state change either side makes. */
export const auditEntrySchema = z.object({
  at: z.string(),
  findingId: z.string(),
  issueKey: z.string().optional(),
  /** Jira accountId, or 'zeropath', or 'app'. */
  actor: z.string(),
  source: z.enum(['jira', 'zeropath', 'app']),
  action: z.string(),
  from: z.string().optional(),
  to: z.string().optional(),
  detail: z.string().optional(),
  evidence: z.string().optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
