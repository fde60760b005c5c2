import { z } from 'zod';
import { FINDING_CATEGORIES, FINDING_STATUSES, SEVERITY_BUCKETS, type Finding } from '../finding/finding';

/**
 * The `zeropath` issue entity property, set in the create call and indexed for JQL by the
 * manifest's `jira:entityProperty` module. Anyone who can browse the issue can read it, so it
 * carries identifiers and classifications only, never text that could hold a secret.
 */
export const ZEROPATH_ISSUE_PROPERTY_KEY = 'zeropath';

export const zeropathIssuePropertySchema = z.object({
  findingId: z.string().min(1),
  severity: z.enum(SEVERITY_BUCKETS),
  score: z.number().min(0).max(100),
  status: z.enum(FINDING_STATUSES),
  repository: z.string(),
  vulnClass: z.string().optional(),
  category: z.enum(FINDING_CATEGORIES),
});

export type ZeropathIssueProperty = z.infer<typeof zeropathIssuePropertySchema>;

export function buildIssueProperty(finding: Finding): ZeropathIssueProperty {
  const property: ZeropathIssueProperty = {
    findingId: finding.id,
    severity: finding.severity,
    score: finding.score,
    status: finding.status,
    repository: finding.repository.name ?? finding.repository.id,
    category: finding.category,
  };
  if (finding.vulnClass !== undefined) property.vulnClass = finding.vulnClass;
  return property;
}
