import type { SeverityBucket } from '../finding/finding';

export type SeverityPriorityMap = Readonly<Record<SeverityBucket, string>>;

/**
 * Jira's default priority scheme names. Exported as data so the admin page can offer it as the
 * editable default for sites whose priority scheme differs.
 */
export const DEFAULT_SEVERITY_PRIORITY: SeverityPriorityMap = {
  Critical: 'Highest',
  High: 'High',
  Medium: 'Medium',
  Low: 'Low',
  Info: 'Lowest',
};

export function priorityNameFor(severity: SeverityBucket, mapping: Partial<SeverityPriorityMap> = {}): string {
  return mapping[severity] ?? DEFAULT_SEVERITY_PRIORITY[severity];
}
