/**
 * ZeroPath wire vocabulary as the simulator speaks it: V1 issue and repository shapes, the V1/V2
 * status vocabularies and their correspondence, and the request schemas of every route.
 *
 * Everything marked INFERRED is not attested by a public source (see
 * docs/reference/zeropath-api.md §2.4, §2.5, §3.3); it is kept in this one file so a live-tenant
 * check can correct it in one place. The app's client follows the same shared decisions.
 */
import { z } from 'zod';

/** V1 `status` / `types` values (SEEN, reference §3.3). */
export const V1_STATUSES = [
  'open',
  'processing',
  'patched',
  'closed',
  'falsePositive',
  'notExploitable',
  'archived',
  'silenced',
] as const;
export type V1Status = (typeof V1_STATUSES)[number];

/**
 * V2 statuses the simulator stores (SEEN names, reference §3.3). `INFORMATIONAL` exists in newer docs
 * but is left out: the shared decision lists these eight and no V1 rendering for it is attested.
 */
export const V2_STATUSES = [
  'PENDING_REVIEW',
  'REVIEWING',
  'PATCHING',
  'RESOLVED',
  'BACKLOG',
  'FALSE_POSITIVE',
  'NON_EXPLOITABLE',
  'ACCEPTED_RISK',
] as const;
export type V2Status = (typeof V2_STATUSES)[number];

/** INFERRED (reference §3.3 "proposed correspondence"): how a stored V2 status renders on V1. */
const V1_OF_V2: Readonly<Record<V2Status, V1Status>> = {
  PENDING_REVIEW: 'open',
  REVIEWING: 'open',
  BACKLOG: 'open',
  PATCHING: 'processing',
  RESOLVED: 'patched',
  FALSE_POSITIVE: 'falsePositive',
  NON_EXPLOITABLE: 'notExploitable',
  ACCEPTED_RISK: 'archived',
};

export function renderV1Status(status: V2Status): V1Status {
  return V1_OF_V2[status];
}

/**
 * INFERRED: the V2 status a V1 status is stored as when data is loaded from V1-shaped fixtures.
 * Lossy for `closed` (renders back as `patched`) and `silenced` (renders back as `archived`).
 */
const V2_OF_V1: Readonly<Record<V1Status, V2Status>> = {
  open: 'PENDING_REVIEW',
  processing: 'PATCHING',
  patched: 'RESOLVED',
  closed: 'RESOLVED',
  falsePositive: 'FALSE_POSITIVE',
  notExploitable: 'NON_EXPLOITABLE',
  archived: 'ACCEPTED_RISK',
  silenced: 'ACCEPTED_RISK',
};

export function storedStatusOfV1(status: V1Status): V2Status {
  return V2_OF_V1[status];
}

export const VULN_CATEGORIES = ['SAST', 'SCA', 'SECRETS', 'IAC', 'SMART_CONTRACT', 'EOL'] as const;
export type VulnCategory = (typeof VULN_CATEGORIES)[number];

export const CODE_SCAN_TYPES = ['FullScan', 'PrScan', 'SCAScan'] as const;
export type CodeScanType = (typeof CODE_SCAN_TYPES)[number];

export type Validated = 'CONFIRMED' | 'DISCONFIRMED' | 'UNKNOWN';

/** Patch object on an issue (SEEN fields, reference §2.10). */
export interface V1Patch {
  id: string;
  prLink: string | null;
  prTitle: string;
  prDescription: string;
  gitDiff: string;
  /** INFERRED values: OPEN, MERGED, CLOSED. */
  pullRequestStatus: string;
  validated: Validated;
  createdAt: string;
  updatedAt: string;
}

/** V1 issue as `issues/search` and `issues/get` return it (reference §3.1 and the §9 fixture). */
export interface V1Issue {
  id: string;
  repositoryId: string;
  repositoryName: string;
  status: V1Status;
  generatedTitle: string;
  generatedDescription: string;
  language: string;
  vulnClass: string;
  cwes: string[];
  vulnCategory: VulnCategory;
  severity: number;
  confidence: number;
  score: number;
  affectedFile: string;
  sastCodeSegment: string;
  startLine: number;
  endLine: number;
  startColumn?: number;
  endColumn?: number;
  isPrBlocked: boolean;
  triagePhase: string;
  validated: Validated;
  unpatchable: boolean;
  createdAt: string;
  updatedAt: string;
  url: string;
  naturalLanguageRuleViolation: null;
  /** `codeScanType` placement is INFERRED (reference §9 caveat). */
  codeScan: { id: string; scanTargetBranchCommitSha: string; codeScanType: CodeScanType };
  falsePositiveReason: string | null;
  patch: V1Patch | null;
}

/** A finding as stored: the V1 fields except `status`, which is kept in V2 vocabulary. */
export type StoredFinding = Omit<V1Issue, 'status'> & {
  organizationId: string;
  v2Status: V2Status;
};

export const ISSUE_COUNT_KEYS = [
  'open',
  'newOpen',
  'processing',
  'patched',
  'archived',
  'falsePositive',
  'patchable',
  'closed',
] as const;

/** Repository as `repositories/list` returns it (subset of the SEEN Backstage typing, §2.7). */
export interface V1Repository {
  id: string;
  repositoryName: string;
  name: string;
  url: string;
  repositoryUrl: string;
  tags: string[];
  issueCounts: Record<(typeof ISSUE_COUNT_KEYS)[number], number>;
  isPrScanningEnabled: boolean;
  defaultScanTargetBranch: string;
  validationThresholdName: 'Critical' | 'High' | 'Medium' | 'Low' | 'Info';
  createdAt: string;
  lastScannedAt: string;
}

export type StoredRepository = Omit<V1Repository, 'issueCounts'> & { organizationId: string };

export interface Organization {
  id: string;
  name: string;
  role?: string;
}

// ---- request schemas: unknown keys are ignored (as a JSON API does), known keys are checked ----

const id = z.string().min(1);

export const orgsListRequest = z.object({ searchQuery: z.string().optional() });

export const issuesSearchRequest = z.object({
  organizationId: z.string().min(1),
  repositoryIds: z.array(id).optional(),
  scanId: z.string().optional(),
  codeScanTypes: z.array(z.string()).optional(),
  types: z.array(z.enum(V1_STATUSES)).optional(),
  searchQuery: z.string().optional(),
  severities: z.object({ min: z.number().min(0).max(10), max: z.number().min(0).max(10) }).optional(),
  sortBy: z.enum(['createdAt', 'updatedAt', 'score']).optional(),
  sortOrder: z.enum(['asc', 'desc']).optional(),
  page: z.number().int().min(1).optional(),
  // No documented maximum; 1000 bounds a runaway client without blocking the 500 seen in the wild.
  pageSize: z.number().int().min(1).max(1000).optional(),
  returnAll: z.boolean().optional(),
  getCounts: z.boolean().optional(),
});
export type IssuesSearchRequest = z.infer<typeof issuesSearchRequest>;

export const issueActionRequest = z.object({ organizationId: z.string().min(1), issueId: id });

export const repositoriesListRequest = z.object({
  organizationId: z.string().min(1),
  searchQuery: z.string().optional(),
});

/** Joins zod issues into one readable line for a 400 answer. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'body'}: ${issue.message}`)
    .join('; ');
}
