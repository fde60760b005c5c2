import { z } from 'zod';
import { V1_STATUSES } from './zeropath-statuses';

/**
 * V1 wire shapes (zeropath-api.md §2–§3). Objects are not strict: ZeroPath adds fields freely and
 * they are dropped. Fields the app uses are checked; the ones public clients have seen as null or
 * missing are `.nullish()`.
 */

/** One client types numbers such as `severity` as strings; accept both, reject non-numeric text. */
const looseNumber = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^-?\d+(\.\d+)?$/),
  ])
  .transform(Number);
const optionalNumber = looseNumber.nullish();
const optionalString = z.string().nullish();

const isoTimestamp = z.string().refine((value) => !Number.isNaN(Date.parse(value)), {
  message: 'not an ISO-8601 timestamp',
});

export const v1OrganizationSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  role: optionalString,
});
export const v1OrganizationListSchema = z.array(v1OrganizationSchema);
export type V1Organization = z.infer<typeof v1OrganizationSchema>;

export const v1PatchSchema = z.object({
  id: optionalString,
  prLink: optionalString,
  prTitle: optionalString,
  prDescription: optionalString,
  gitDiff: optionalString,
  pullRequestStatus: optionalString,
  validated: optionalString,
  createdAt: optionalString,
  updatedAt: optionalString,
});

export const v1IssueSchema = z.object({
  id: z.string().min(1),
  repositoryId: z.string().min(1),
  repositoryName: optionalString,
  status: z.enum(V1_STATUSES),
  generatedTitle: optionalString,
  generatedDescription: optionalString,
  language: optionalString,
  vulnClass: optionalString,
  cwes: z.array(z.union([z.string(), z.number()])).nullish(),
  vulnCategory: optionalString,
  severity: optionalNumber,
  confidence: optionalNumber,
  score: looseNumber,
  affectedFile: optionalString,
  sastCodeSegment: optionalString,
  startLine: optionalNumber,
  endLine: optionalNumber,
  createdAt: isoTimestamp,
  updatedAt: isoTimestamp.nullish(),
  url: optionalString,
  codeScan: z
    .object({
      id: optionalString,
      scanTargetBranchCommitSha: optionalString,
      /** INFERRED placement: on the wire the scan type belongs to the scan object. */
      codeScanType: optionalString,
    })
    .nullish(),
  falsePositiveReason: optionalString,
  patch: v1PatchSchema.nullish(),
  /** Legacy name of `patch` in older API versions. */
  vulnerabilityPatch: v1PatchSchema.nullish(),
  /** SCA metadata as the SCA endpoints return it; only present on some SCA findings (INFERRED on issues). */
  metadata: z
    .object({
      severityScore: optionalNumber,
      cvssVector: optionalString,
    })
    .nullish(),
});
export type V1Issue = z.infer<typeof v1IssueSchema>;

/** Issues stay `unknown` here so one malformed finding is reported instead of failing the page. */
export const v1SearchResponseSchema = z.object({
  issues: z.array(z.unknown()),
  totalCount: looseNumber,
  currentPage: optionalNumber,
  pageSize: optionalNumber,
});

export const v1RepositorySchema = z.object({
  id: z.string().min(1),
  repositoryName: optionalString,
  name: optionalString,
  url: optionalString,
  repositoryUrl: optionalString,
  tags: z.array(z.string()).nullish(),
});
export const v1RepositoryListSchema = z.array(z.unknown());
export type V1Repository = z.infer<typeof v1RepositorySchema>;

/** Inferred V2 response shapes (see v2-actions.ts). */
export const v2UpdateStatusResponseSchema = z.object({
  updated: z.array(z.object({ id: z.string(), status: z.string() })),
});
export const v2UpdateNotesResponseSchema = z.object({ id: z.string(), notes: z.string() });

/** Error bodies: V2 `{error: string | {message, code}}`, some handlers `{message}`. */
export const zeroPathErrorBodySchema = z.object({
  error: z
    .union([
      z.string(),
      z.object({
        message: z.string().nullish(),
        code: z.string().nullish(),
        requestId: z.string().nullish(),
      }),
    ])
    .nullish(),
  message: z.string().nullish(),
});
