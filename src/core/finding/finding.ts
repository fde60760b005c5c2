/**
 * The app's own model of a ZeroPath finding. ZeroPath's wire shapes (V1 and V2) are parsed and
 * mapped into this in `src/infra/zeropath/`; everything above infra speaks only this model.
 */

export const SEVERITY_BUCKETS = ['Critical', 'High', 'Medium', 'Low', 'Info'] as const;
export type SeverityBucket = (typeof SEVERITY_BUCKETS)[number];

/** Scanner module that produced the finding (ZeroPath's `vulnCategory`). */
export const FINDING_CATEGORIES = ['SAST', 'SCA', 'SECRETS', 'IAC', 'SMART_CONTRACT', 'EOL', 'OTHER'] as const;
export type FindingCategory = (typeof FINDING_CATEGORIES)[number];

/** Kind of scan that produced the finding (ZeroPath's `codeScanType`). */
export const SCAN_TYPES = ['FullScan', 'PrScan', 'SCAScan', 'Other'] as const;
export type ScanType = (typeof SCAN_TYPES)[number];

/**
 * Lifecycle status, normalised across ZeroPath's V1 (`open`, `patched`, `falsePositive`, …) and
 * V2 (`PENDING_REVIEW`, `RESOLVED`, `ACCEPTED_RISK`, …) vocabularies.
 */
export const FINDING_STATUSES = [
  'open',
  'in_progress',
  'resolved',
  'false_positive',
  'non_exploitable',
  'accepted_risk',
] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** Statuses in which a finding still needs work; everything else is closed one way or another. */
export function isOpenStatus(status: FindingStatus): boolean {
  return status === 'open' || status === 'in_progress';
}

export interface FindingPatch {
  prUrl?: string;
  prTitle?: string;
  /** ZeroPath's `pullRequestStatus` as sent (OPEN, MERGED, CLOSED, …). */
  prStatus?: string;
}

export interface FindingLocation {
  file?: string;
  startLine?: number;
  endLine?: number;
}

export interface FindingRepository {
  id: string;
  name?: string;
  url?: string;
}

export interface Finding {
  /** ZeroPath's UUID. */
  id: string;
  title: string;
  /** ZeroPath's generated description, markdown. */
  description: string;
  status: FindingStatus;
  /** 0–100, ZeroPath's primary ranking. */
  score: number;
  severity: SeverityBucket;
  /** CVSS, when ZeroPath supplies one (SCA findings). */
  cvss?: { score?: number; vector?: string };
  /** Normalised `CWE-<n>` identifiers. */
  cwes: string[];
  vulnClass?: string;
  category: FindingCategory;
  scanType?: ScanType;
  language?: string;
  repository: FindingRepository;
  location: FindingLocation;
  /** Raw code as ZeroPath sends it: may contain secrets; redact before it leaves the backend. */
  codeSnippet?: string;
  patch?: FindingPatch;
  /** ZeroPath dashboard URL of the finding. */
  url: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * ZeroPath's own score windows (Backstage plugin): Critical 90–100, High 70–89, Medium 40–69,
 * Low 10–39; below 10 is informational.
 */
export function severityFromScore(score: number): SeverityBucket {
  if (score >= 90) return 'Critical';
  if (score >= 70) return 'High';
  if (score >= 40) return 'Medium';
  if (score >= 10) return 'Low';
  return 'Info';
}

/** Higher is more severe; for sorting and "at least" comparisons. */
export function severityRank(bucket: SeverityBucket): number {
  return SEVERITY_BUCKETS.length - 1 - SEVERITY_BUCKETS.indexOf(bucket);
}

export function findingDashboardUrl(baseUrl: string, findingId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/app/issues/${encodeURIComponent(findingId)}`;
}
