import pLimit from 'p-limit';
import { type FindingRow } from '../../contract/findings';
import { type FindingStatus, type ScanType, type SeverityBucket } from '../../core/finding/finding';
import { redactFinding } from '../../core/redaction/redact-finding';
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
  totalCount: number;
  hiddenLinked: number;
  unreadable: number;
}

/**
 * One page of findings as ZeroPath pages them, each with its Jira key when linked. "Not yet in
 * Jira" hides linked rows of that page rather than re-paging: ZeroPath cannot filter on our links,
 * and honest short pages beat a total that lies. Rows are redacted: titles and paths can quote code.
 */
export async function searchFindingsPage(query: FindingsQuery, deps: { zeroPath: ZeroPathClient; links: LinkStore }): Promise<FindingsPage> {
  const params: SearchFindingsParams = { page: query.page, pageSize: query.pageSize, sortBy: 'score', sortOrder: 'desc' };
  if (query.repositoryIds) params.repositoryIds = query.repositoryIds;
  if (query.severities) params.severities = query.severities;
  if (query.statuses) params.statuses = query.statuses;
  if (query.scanTypes) params.scanTypes = query.scanTypes;
  if (query.query) params.searchQuery = query.query;
  const result = await deps.zeroPath.searchFindings(params);

  const limit = pLimit(5);
  const keys = await Promise.all(result.findings.map((f) => limit(async () => (await deps.links.getByFinding(f.id))?.issueKey)));
  const rows: FindingRow[] = [];
  let hiddenLinked = 0;
  result.findings.forEach((finding, i) => {
    const jiraKey = keys[i];
    if (query.notInJira && jiraKey !== undefined) {
      hiddenLinked += 1;
      return;
    }
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
    rows.push(row);
  });
  return { rows, page: query.page, pageSize: query.pageSize, totalCount: result.totalCount, hiddenLinked, unreadable: result.skipped.length };
}
