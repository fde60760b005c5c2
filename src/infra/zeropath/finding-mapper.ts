import { type z } from 'zod';
import {
  FINDING_CATEGORIES,
  SCAN_TYPES,
  findingDashboardUrl,
  severityFromScore,
  type Finding,
  type FindingCategory,
  type FindingPatch,
  type ScanType,
} from '../../core/finding/finding';
import { v1IssueSchema, v1RepositorySchema, type V1Issue } from './zeropath-schemas';
import { mapV1Status } from './zeropath-statuses';

/** A wire record the adapter could not use, reported instead of silently dropped. */
export interface SkippedRecord {
  /** The record's `id` when it had a string one, so the caller can look it up in ZeroPath. */
  id?: string;
  reason: string;
}

export type MapResult<T> = { ok: true; value: T } | { ok: false; skipped: SkippedRecord };

export interface ZeroPathRepository {
  id: string;
  name: string;
  url?: string;
  tags: string[];
}

/** "CWE-89", "cwe-89", "89", 89 → "CWE-89"; anything else is dropped as noise. */
export function normaliseCwe(raw: string | number): string | undefined {
  const match = /^\s*(?:cwe[-_\s]?)?(\d+)\s*$/i.exec(String(raw));
  return match?.[1] === undefined ? undefined : `CWE-${Number(match[1])}`;
}

export function mapCategory(raw: string | null | undefined): FindingCategory {
  const upper = (raw ?? '').trim().toUpperCase().replace(/[\s-]+/g, '_');
  return (FINDING_CATEGORIES as readonly string[]).includes(upper) ? (upper as FindingCategory) : 'OTHER';
}

export function mapScanType(raw: string | null | undefined): ScanType | undefined {
  if (raw === null || raw === undefined || raw.trim() === '') return undefined;
  const known = SCAN_TYPES.find((type) => type.toLowerCase() === raw.trim().toLowerCase());
  return known ?? 'Other';
}

function clampScore(score: number): number {
  return Math.min(100, Math.max(0, score));
}

function mapPatch(issue: V1Issue): FindingPatch | undefined {
  const wire = issue.patch ?? issue.vulnerabilityPatch;
  if (!wire) return undefined;
  const patch: FindingPatch = {};
  if (wire.prLink) patch.prUrl = wire.prLink;
  if (wire.prTitle) patch.prTitle = wire.prTitle;
  if (wire.pullRequestStatus) patch.prStatus = wire.pullRequestStatus;
  return Object.keys(patch).length > 0 ? patch : undefined;
}

function isHttpUrl(value: string | null | undefined): value is string {
  return typeof value === 'string' && /^https?:\/\//i.test(value);
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

function idOf(raw: unknown): string | undefined {
  if (typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'string') return raw.id;
  return undefined;
}

function skip(raw: unknown, reason: string): { ok: false; skipped: SkippedRecord } {
  const id = idOf(raw);
  return { ok: false, skipped: id === undefined ? { reason } : { id, reason } };
}

/** Parses one V1 issue and maps it to the domain model; never throws. */
export function mapV1Issue(raw: unknown, baseUrl: string): MapResult<Finding> {
  const parsed = v1IssueSchema.safeParse(raw);
  if (!parsed.success) return skip(raw, describeIssues(parsed.error));
  const issue = parsed.data;
  if (!Number.isFinite(issue.score)) return skip(raw, 'score: not a finite number');

  const score = clampScore(issue.score);
  const finding: Finding = {
    id: issue.id,
    title: issue.generatedTitle?.trim() || issue.vulnClass?.trim() || 'Untitled ZeroPath finding',
    description: issue.generatedDescription ?? '',
    status: mapV1Status(issue.status),
    score,
    severity: severityFromScore(score),
    cwes: [...new Set((issue.cwes ?? []).map(normaliseCwe).filter((cwe) => cwe !== undefined))],
    category: mapCategory(issue.vulnCategory),
    repository: issue.repositoryName ? { id: issue.repositoryId, name: issue.repositoryName } : { id: issue.repositoryId },
    location: {},
    url: isHttpUrl(issue.url) ? issue.url : findingDashboardUrl(baseUrl, issue.id),
    createdAt: issue.createdAt,
    // A finding never touched since creation may carry no updatedAt at all.
    updatedAt: issue.updatedAt ?? issue.createdAt,
  };
  if (issue.vulnClass) finding.vulnClass = issue.vulnClass;
  if (issue.language) finding.language = issue.language;
  if (issue.sastCodeSegment) finding.codeSnippet = issue.sastCodeSegment;
  if (issue.affectedFile) finding.location.file = issue.affectedFile;
  if (issue.startLine !== null && issue.startLine !== undefined) finding.location.startLine = issue.startLine;
  if (issue.endLine !== null && issue.endLine !== undefined) finding.location.endLine = issue.endLine;
  const scanType = mapScanType(issue.codeScan?.codeScanType);
  if (scanType) finding.scanType = scanType;
  const patch = mapPatch(issue);
  if (patch) finding.patch = patch;
  const cvssScore = issue.metadata?.severityScore;
  const cvssVector = issue.metadata?.cvssVector;
  if ((cvssScore !== null && cvssScore !== undefined) || cvssVector) {
    finding.cvss = {};
    if (cvssScore !== null && cvssScore !== undefined) finding.cvss.score = cvssScore;
    if (cvssVector) finding.cvss.vector = cvssVector;
  }
  return { ok: true, value: finding };
}

export function mapV1Repository(raw: unknown): MapResult<ZeroPathRepository> {
  const parsed = v1RepositorySchema.safeParse(raw);
  if (!parsed.success) return skip(raw, describeIssues(parsed.error));
  const repo = parsed.data;
  const repository: ZeroPathRepository = {
    id: repo.id,
    name: repo.repositoryName ?? repo.name ?? repo.id,
    tags: repo.tags ?? [],
  };
  const url = repo.url ?? repo.repositoryUrl;
  if (url) repository.url = url;
  return { ok: true, value: repository };
}
