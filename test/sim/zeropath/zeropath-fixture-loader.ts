/**
 * Turns a recorded V1 `issues/search` response (the reference §9 fixture shape) into simulator data,
 * so contract tests can assert the simulator answers with exactly the documented objects.
 */
import { z } from 'zod';
import { DEMO_ORGANIZATION, type GeneratedData } from './zeropath-data-generator';
import {
  CODE_SCAN_TYPES,
  V1_STATUSES,
  VULN_CATEGORIES,
  storedStatusOfV1,
  type Organization,
  type StoredFinding,
  type StoredRepository,
  type V1Issue,
} from './zeropath-wire';

const validated = z.enum(['CONFIRMED', 'DISCONFIRMED', 'UNKNOWN']);

// Strict on the fields the simulator stores, so a malformed fixture fails loudly at load time.
const v1IssueSchema = z.object({
  id: z.string(),
  repositoryId: z.string(),
  repositoryName: z.string(),
  status: z.enum(V1_STATUSES),
  generatedTitle: z.string(),
  generatedDescription: z.string(),
  language: z.string(),
  vulnClass: z.string(),
  cwes: z.array(z.string()),
  vulnCategory: z.enum(VULN_CATEGORIES),
  severity: z.number(),
  confidence: z.number(),
  score: z.number(),
  affectedFile: z.string(),
  sastCodeSegment: z.string(),
  startLine: z.number(),
  endLine: z.number(),
  startColumn: z.number().optional(),
  endColumn: z.number().optional(),
  isPrBlocked: z.boolean(),
  triagePhase: z.string(),
  validated,
  unpatchable: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  url: z.string(),
  naturalLanguageRuleViolation: z.null(),
  codeScan: z.object({
    id: z.string(),
    scanTargetBranchCommitSha: z.string(),
    codeScanType: z.enum(CODE_SCAN_TYPES),
  }),
  falsePositiveReason: z.string().nullable(),
  patch: z
    .object({
      id: z.string(),
      prLink: z.string().nullable(),
      prTitle: z.string(),
      prDescription: z.string(),
      gitDiff: z.string(),
      pullRequestStatus: z.string(),
      validated,
      createdAt: z.string(),
      updatedAt: z.string(),
    })
    .nullable(),
});

const searchResponseSchema = z.object({ issues: z.array(v1IssueSchema) });

export interface FixtureOptions {
  organization?: Organization;
  /** Tags per repository name; repositories are derived from the issues' repositoryId/Name. */
  tags?: Readonly<Record<string, string[]>>;
}

export function dataFromV1SearchResponse(response: unknown, options: FixtureOptions = {}): GeneratedData {
  const parsed = searchResponseSchema.parse(response);
  const organization = options.organization ?? DEMO_ORGANIZATION;
  const repositories = new Map<string, StoredRepository>();
  const findings: StoredFinding[] = parsed.issues.map((raw) => {
    const issue = raw as V1Issue;
    if (!repositories.has(issue.repositoryId)) {
      const url = `https://github.com/${issue.repositoryName}`;
      repositories.set(issue.repositoryId, {
        id: issue.repositoryId,
        organizationId: organization.id,
        repositoryName: issue.repositoryName,
        name: issue.repositoryName.split('/')[1] ?? issue.repositoryName,
        url,
        repositoryUrl: url,
        tags: [...(options.tags?.[issue.repositoryName] ?? [])],
        isPrScanningEnabled: true,
        defaultScanTargetBranch: 'main',
        validationThresholdName: 'Medium',
        createdAt: issue.createdAt,
        lastScannedAt: issue.updatedAt,
      });
    }
    const { status, ...rest } = issue;
    return { ...rest, organizationId: organization.id, v2Status: storedStatusOfV1(status) };
  });
  return {
    organizations: [organization],
    repositories: [...repositories.values()],
    findings,
    plantedSecrets: [],
  };
}
