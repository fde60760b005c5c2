import { z } from 'zod';
import { type SeverityBucket } from '../../core/finding/finding';
import { type SearchCapability } from './zeropath-capabilities';
import { type SearchFindingsParams } from './zeropath-client';
import { v2StatusesFor, v1StatusOfV2 } from './zeropath-statuses';

/**
 * A findings search as the discovered V2 `issues.list` takes it: `offset`/`limit` paging and
 * ZeroPath's own filters (`statuses`, `scoreLevels`, `scoreRange`, `codeScanTypes`, `searchQuery`),
 * so ZeroPath filters before it pages. Returns undefined when the schema cannot express the whole
 * query; the caller then uses V1 and filters what V1 cannot.
 */
const SCORE_LEVEL_OF: Readonly<Record<SeverityBucket, string>> = {
  Critical: 'CRITICAL',
  High: 'HIGH',
  Medium: 'MEDIUM',
  Low: 'LOW',
  Info: 'INFO',
};

export function buildV2SearchArgs(
  cap: SearchCapability,
  params: SearchFindingsParams,
): Record<string, unknown> | undefined {
  const has = (field: string) => cap.fields.includes(field);
  const offset = (params.page - 1) * params.pageSize;
  if (params.pageSize > cap.maxLimit) return undefined;
  const args: Record<string, unknown> = { offset, limit: params.pageSize };
  if (params.repositoryIds) {
    if (!has('repositoryIds')) return undefined;
    args['repositoryIds'] = params.repositoryIds;
  }
  if (params.statuses) {
    const values = v2StatusesFor(params.statuses).filter(
      (s) => cap.statuses.length === 0 || cap.statuses.includes(s),
    );
    if (!has('statuses') || values.length === 0) return undefined;
    args['statuses'] = values;
  }
  if (params.severities) {
    const levels = params.severities.map((b) => SCORE_LEVEL_OF[b]);
    if (!has('scoreLevels') || levels.some((l) => cap.scoreLevels.length > 0 && !cap.scoreLevels.includes(l)))
      return undefined;
    args['scoreLevels'] = levels;
  }
  if (params.scoreRange) {
    if (!has('scoreRange')) return undefined;
    args['scoreRange'] = params.scoreRange;
  }
  if (params.scanTypes) {
    if (!has('codeScanTypes')) return undefined;
    args['codeScanTypes'] = params.scanTypes;
  }
  if (params.searchQuery) {
    if (!has('searchQuery')) return undefined;
    args['searchQuery'] = params.searchQuery;
  }
  if (params.sortBy) {
    if (!cap.sortFields.includes(params.sortBy)) return undefined;
    args['sortBy'] = params.sortBy;
    if (params.sortOrder) args['sortOrder'] = params.sortOrder;
  }
  return args;
}

/** INFERRED response (ZeroPath's client tests stub `{issues, totalCount}`); items keep V1 field names. */
export const v2SearchResponseSchema = z.object({
  issues: z.array(z.unknown()),
  totalCount: z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number),
});

/** Rewrites a V2 item's status into V1 vocabulary so one mapper reads both; unknown statuses pass through and are reported. */
export function asV1Item(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const status = (raw as { status?: unknown }).status;
  const v1 = typeof status === 'string' ? v1StatusOfV2(status) : undefined;
  return v1 === undefined ? raw : { ...raw, status: v1 };
}
