import { z } from 'zod';

/**
 * Everything a create call needs to know about the chosen project and issue type, decided once
 * (in the resolver, from create metadata) and carried in the job so consumers make no metadata
 * calls of their own: the Jira request budget of a bulk export is its bulk creates.
 */
export const exportPlanSchema = z.object({
  projectKey: z.string(),
  issueTypeId: z.string(),
  parentKey: z.string().optional(),
  assigneeAccountId: z.string().optional(),
  reporterAccountId: z.string().optional(),
  priorityAvailable: z.boolean(),
  labelsAvailable: z.boolean(),
  notes: z.array(z.string()),
  /** Findings already closed in ZeroPath: skipped, or created and moved to a done status. Absent in jobs stored before. */
  closedFindings: z.enum(['skip', 'export_and_close']).default('skip'),
  /** Defaults tab: labels added to every exported issue, and whether severity sets the priority. */
  extraLabels: z.array(z.string()).default([]),
  priorityFromSeverity: z.boolean().default(true),
});
export type ExportPlan = z.infer<typeof exportPlanSchema>;
