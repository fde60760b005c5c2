import { type FindingRow } from '../../contract/findings';
import {
  type Finding,
  type FindingStatus,
  type ScanType,
  type SeverityBucket,
} from '../../core/finding/finding';
import { redactFinding } from '../../core/redaction/redact-finding';
import { isKvsRateLimited } from '../../infra/store/kvs-errors';
import { type LinkStore } from '../../infra/store/link-store';
import { type SearchFindingsParams, type ZeroPathClient } from '../../infra/zeropath/zeropath-client';

export interface FindingsQuery {
  page: number;
  pageSize: number;
  repositoryIds?: string[] | undefined;
  severities?: SeverityBucket[] | undefined;
  statuses?: FindingStatus[] | undefined;
  scanTypes?: Exclude<ScanType, 'Other'>[] | undefined;
  query?: string | undefined;
  notInJira: boolean;
}

export interface FindingsPage {
  rows: FindingRow[];
  page: number;
  pageSize: number;
  /** Findings matching every filter, "not yet in Jira" included. */
  totalCount: number;
  /** False when the scan for a filter ZeroPath cannot apply stopped at its bound: `totalCount` is then a lower bound. */
  totalIsExact: boolean;
  /** Findings that matched ZeroPath's filters but are already in Jira, so not counted or shown. */
  hiddenLinked: number;
  unreadable: number;
}

/** ZeroPath page size for a filtered walk: V2's published maximum is 100. */
const WALK_PAGE_SIZE = 100;
/**
 * A filtered walk reads at most this many findings (10 ZeroPath requests) per page view. Their
 * links are read with KVS batch gets of 25 keys, so a page view costs at most 40 KVS requests
 * (4 per ZeroPath page), never one per finding.
 */
export const MAX_WALK_FINDINGS = 1_000;

/**
 * One page of findings, each with its Jira key when linked. Every filter ZeroPath can apply goes
 * into the query (V2 `scoreLevels`/`statuses`/`codeScanTypes`/`searchQuery` when its manifest
 * publishes them, V1 `types`/`codeScanTypes`/`repositoryIds` otherwise). Filters it cannot apply —
 * "not yet in Jira" (our links), and severity over V1 (no score filter there) — are applied by
 * walking ZeroPath's pages in order until the requested page is full, counting as it goes, so a
 * page is never empty while later ones match and the count describes the filtered set.
 * Rows are redacted: titles and paths can quote code.
 */
export async function searchFindingsPage(
  query: FindingsQuery,
  deps: { zeroPath: ZeroPathClient; links: LinkStore },
): Promise<FindingsPage> {
  const params: Omit<SearchFindingsParams, 'page' | 'pageSize'> = {
    sortBy: 'score',
    sortOrder: 'desc',
    preferV2: true,
  };
  if (query.repositoryIds) params.repositoryIds = query.repositoryIds;
  if (query.severities) params.severities = query.severities;
  if (query.statuses) params.statuses = query.statuses;
  if (query.scanTypes) params.scanTypes = query.scanTypes;
  if (query.query) params.searchQuery = query.query;
  // One KVS batch get per 25 findings (not one get each): a walk over 1,000 findings stays far
  // inside the installation's 1,000 requests/s and 4,000 read units a minute.
  const keysOf = async (findings: readonly Finding[]): Promise<Array<string | undefined>> => {
    const links = await deps.links.getByFindings(findings.map((f) => f.id));
    return findings.map((f) => links.get(f.id)?.issueKey);
  };

  const direct = await deps.zeroPath.searchFindings({
    ...params,
    page: query.page,
    pageSize: query.pageSize,
  });
  if (direct.exact && !query.notInJira) {
    const keys = await keysOf(direct.findings);
    return {
      rows: direct.findings.map((f, i) => rowOf(f, keys[i])),
      page: query.page,
      pageSize: query.pageSize,
      totalCount: direct.totalCount,
      totalIsExact: true,
      hiddenLinked: 0,
      unreadable: direct.skipped.length,
    };
  }

  // The walk: ZeroPath's order, our remaining filter, the requested window of what survives.
  const first = (query.page - 1) * query.pageSize;
  const rows: FindingRow[] = [];
  let matched = 0;
  let hiddenLinked = 0;
  let unreadable = 0;
  let read = 0;
  let complete = false;
  for (let page = 1; read < MAX_WALK_FINDINGS; page += 1) {
    const result = await deps.zeroPath.searchFindings({ ...params, page, pageSize: WALK_PAGE_SIZE });
    let keys: Array<string | undefined>;
    try {
      keys = await keysOf(result.findings);
    } catch (error) {
      // Storage over its quota part-way: stop here and say the count is a lower bound, rather
      // than fail the whole view. With nothing walked yet there is nothing honest to show.
      if (page > 1 && isKvsRateLimited(error)) break;
      throw error;
    }
    read += result.received;
    unreadable += result.skipped.length;
    result.findings.forEach((finding, i) => {
      const jiraKey = keys[i];
      if (query.notInJira && jiraKey !== undefined) {
        hiddenLinked += 1;
        return;
      }
      if (matched >= first && rows.length < query.pageSize) rows.push(rowOf(finding, jiraKey));
      matched += 1;
    });
    if (result.received < WALK_PAGE_SIZE || page * WALK_PAGE_SIZE >= result.totalCount) {
      complete = true;
      break;
    }
  }
  return {
    rows,
    page: query.page,
    pageSize: query.pageSize,
    totalCount: matched,
    totalIsExact: complete,
    hiddenLinked,
    unreadable,
  };
}

function rowOf(finding: Finding, jiraKey: string | undefined): FindingRow {
  const safe = redactFinding(finding);
  const row: FindingRow = {
    id: safe.id,
    title: safe.title,
    severity: safe.severity,
    score: safe.score,
    status: safe.status,
    category: safe.category,
    repository: safe.repository.name ?? safe.repository.id,
  };
  if (safe.scanType !== undefined) row.scanType = safe.scanType;
  if (safe.location.file !== undefined) row.file = safe.location.file;
  if (safe.location.startLine !== undefined) row.startLine = safe.location.startLine;
  if (jiraKey !== undefined) row.jiraKey = jiraKey;
  return row;
}
