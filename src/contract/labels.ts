import { type CATEGORIES, type STATUSES } from './findings';

/**
 * The words people see for ZeroPath's vocabularies: one table for the findings page, the rule
 * form, the issue panel and the ticket body, so a category or scan type is named the same way
 * everywhere (ZeroPath's own codes, such as `SMART_CONTRACT`, are for machines).
 */
export const CATEGORY_LABEL = {
  SAST: 'Code (SAST)',
  SCA: 'Dependencies (SCA)',
  SECRETS: 'Secrets',
  IAC: 'Infrastructure as code',
  SMART_CONTRACT: 'Smart contract',
  EOL: 'End-of-life software',
  OTHER: 'Other',
} as const satisfies Record<(typeof CATEGORIES)[number], string>;

export const SCAN_TYPE_LABEL = {
  FullScan: 'Full scan',
  PrScan: 'Pull request scan',
  SCAScan: 'Dependency scan',
  Other: 'Other scan',
} as const satisfies Record<'FullScan' | 'PrScan' | 'SCAScan' | 'Other', string>;

export const STATUS_LABEL = {
  open: 'Open',
  in_progress: 'In progress',
  resolved: 'Resolved',
  false_positive: 'False positive',
  non_exploitable: 'Non-exploitable',
  accepted_risk: 'Accepted risk',
} as const satisfies Record<(typeof STATUSES)[number], string>;

/** A status's name for people; an unknown one (a newer ZeroPath) is shown as sent. */
export function statusLabel(status: string): string {
  return (STATUS_LABEL as Record<string, string>)[status] ?? status.replace(/_/g, ' ');
}

/** A category's name for people; an unknown code (a newer ZeroPath) is shown as sent, not hidden. */
export function categoryLabel(category: string): string {
  return (CATEGORY_LABEL as Record<string, string>)[category] ?? category;
}

export function scanTypeLabel(scanType: string): string {
  return (SCAN_TYPE_LABEL as Record<string, string>)[scanType] ?? scanType;
}
