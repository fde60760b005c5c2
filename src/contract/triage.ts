import { z } from 'zod';
import { notPrototypeKey, PROTOTYPE_KEY_MESSAGE } from '../core/object-keys';
import { endpoint } from './endpoint';

/**
 * Bulk triage from the findings page (resolver function `findings-resolver`): set the selected
 * findings' status in ZeroPath and move every linked Jira issue to match.
 */
export const TRIAGE_OUTCOMES = ['resolved', 'false_positive', 'accepted_risk'] as const;
export type TriageOutcomeName = (typeof TRIAGE_OUTCOMES)[number];

/** One resolver call: at most a page of findings, so the work fits the 25 s a resolver has. */
export const MAX_BULK_TRIAGE = 100;
export const MAX_TRIAGE_REASON = 500;

const findingId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,127}$/, 'is not a ZeroPath finding id')
  .refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE);

export const bulkTriagePayloadSchema = z.object({
  findingIds: z
    .array(findingId)
    .min(1, 'Select at least one finding')
    .max(MAX_BULK_TRIAGE, `Triage at most ${MAX_BULK_TRIAGE} findings at a time`)
    .refine((ids) => new Set(ids).size === ids.length, 'A finding is selected twice'),
  outcome: z.enum(TRIAGE_OUTCOMES),
  reason: z
    .string()
    .trim()
    .min(1, 'Say why: the reason goes to ZeroPath and to each Jira issue')
    .max(MAX_TRIAGE_REASON, `At most ${MAX_TRIAGE_REASON} characters`),
});
export type BulkTriagePayload = z.infer<typeof bulkTriagePayloadSchema>;

export const bulkTriageFailureSchema = z.object({
  findingId: z.string().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
  issueKey: z.string().optional().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
  /** Where it failed: ZeroPath was not updated, or ZeroPath was but the Jira issue did not move. */
  stage: z.enum(['zeropath', 'jira']),
  reason: z.string(),
});
export type BulkTriageFailure = z.infer<typeof bulkTriageFailureSchema>;

export const bulkTriageSummarySchema = z.object({
  requested: z.number().int().nonnegative(),
  zeropathUpdated: z.number().int().nonnegative(),
  jiraTransitioned: z.number().int().nonnegative(),
  /** Linked issues already in a fitting status category. */
  jiraAlreadyThere: z.number().int().nonnegative(),
  notLinked: z.number().int().nonnegative(),
  failures: z.array(bulkTriageFailureSchema),
});
export type BulkTriageSummary = z.infer<typeof bulkTriageSummarySchema>;

export const bulkTriageEndpoint = endpoint(
  'findings.bulkTriage',
  bulkTriagePayloadSchema,
  bulkTriageSummarySchema,
);
