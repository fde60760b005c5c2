import { z } from 'zod';
import {
  severityFromScore,
  type Finding,
  type FindingStatus,
  type ScanType,
  type SeverityBucket,
} from '../../core/finding/finding';
import { mapV1Issue, mapV1Repository, type SkippedRecord, type ZeroPathRepository } from './finding-mapper';
import {
  describeOrderCheck,
  readChanges,
  type ChangeCursor,
  type ChangesResult,
  type SortOrderLog,
} from './change-scan';
import {
  changeStatus,
  writeNotes,
  type StatusChangeResult,
  type V1Action,
  type WriteContext,
} from './v2-actions';
import { asV1Item, buildV2SearchArgs, v2SearchResponseSchema } from './v2-search';
import {
  capabilitiesWithoutManifest,
  discoverCapabilities,
  fromCached,
  toCached,
  type CapabilityCache,
  type ZeroPathCapabilities,
} from './zeropath-capabilities';
import {
  ZeroPathAuthError,
  ZeroPathEgressError,
  ZeroPathForbiddenError,
  ZeroPathNotFoundError,
  ZeroPathRateLimitedError,
  ZeroPathRequestError,
  ZeroPathResponseError,
  ZeroPathUnavailableError,
} from './zeropath-errors';
import { createZeroPathHttp, type FetchLike } from './zeropath-http';
import { fetchManifest, invokeOperation, MANIFEST_PATH } from './zeropath-manifest';
import {
  v1OrganizationListSchema,
  v1RepositoryListSchema,
  v1SearchResponseSchema,
  type V1Organization,
} from './zeropath-schemas';
import { v1TypesForStatuses, type V2Status } from './zeropath-statuses';

export interface ZeroPathClientConfig {
  baseUrl: string;
  tokenId: string;
  tokenSecret: string;
  /** Required by every call except `listOrganizations` (which is how an admin finds it). */
  organizationId?: string;
  fetch: FetchLike;
  /** Per request; below Forge's 25 s resolver limit so the caller still has time to answer. */
  timeoutMs?: number;
  /** Where discovered V2 capabilities are kept between invocations; without one, each client discovers once. */
  capabilityCache?: CapabilityCache;
  /** Where change readers record whether ZeroPath honoured the sort they asked for. */
  sortOrderLog?: SortOrderLog;
  now?: () => Date;
}

export type SortField = 'createdAt' | 'updatedAt' | 'score';

export interface SearchFindingsParams {
  repositoryIds?: readonly string[];
  statuses?: readonly FindingStatus[];
  /** 'Other' is the app's catch-all and has no wire value to filter on. */
  scanTypes?: readonly Exclude<ScanType, 'Other'>[];
  /** Inclusive, 0–100. */
  scoreRange?: { min: number; max: number };
  severities?: readonly SeverityBucket[];
  searchQuery?: string;
  sortBy?: SortField;
  sortOrder?: 'asc' | 'desc';
  /** 1-based. */
  page: number;
  pageSize: number;
  /**
   * Use the discovered V2 search when its schema can express the whole query, so ZeroPath filters
   * before it pages. Off by default: V1 is what the sweep and exports were built and measured on.
   */
  preferV2?: boolean;
}

export interface FindingPage {
  findings: Finding[];
  totalCount: number;
  /** Findings ZeroPath sent that the app could not parse; the rest of the page is still usable. */
  skipped: SkippedRecord[];
  /** How many records ZeroPath returned on this page, parsed or not. */
  received: number;
  /**
   * True when ZeroPath applied every filter, so `totalCount` counts the filtered set. False when the
   * adapter had to filter part of the query itself (V1 has no score filter): the page may then be
   * short and `totalCount` is ZeroPath's count before that filter.
   */
  exact: boolean;
  via: 'v1' | 'v2';
}

export type { ChangeCursor, ChangesResult } from './change-scan';

export interface ChangeReadOptions {
  pageSize?: number;
  filters?: ChangeFilters;
  /** Names the reader in the sort-order log Health shows ('zeropath-sweep', 'auto-ticket'). */
  job?: string;
  /** Bounds of a full scan when ZeroPath ignores the sort (see change-scan.ts). */
  scanBudgetMs?: number;
  maxScanChanges?: number;
}

export type ChangeFilters = Pick<SearchFindingsParams, 'repositoryIds' | 'statuses' | 'scanTypes'>;

export interface ZeroPathClient {
  listOrganizations(searchQuery?: string): Promise<V1Organization[]>;
  searchFindings(params: SearchFindingsParams): Promise<FindingPage>;
  /** Pages through a search until ZeroPath has no more results. */
  searchAll(params: Omit<SearchFindingsParams, 'page'>): AsyncGenerator<FindingPage, void, undefined>;
  /**
   * Findings changed since `cursor` (null: every finding); reads pages only until it passes the
   * cursor, so the cost follows the number of changes — after checking ZeroPath really answered
   * newest first. If not, a bounded, resumable full scan (change-scan.ts).
   */
  readChangesSince(cursor: ChangeCursor | null, options?: ChangeReadOptions): Promise<ChangesResult>;
  getFinding(id: string): Promise<Finding>;
  listRepositories(
    searchQuery?: string,
  ): Promise<{ repositories: ZeroPathRepository[]; skipped: SkippedRecord[] }>;
  markFalsePositive(id: string): Promise<void>;
  markTruePositive(id: string): Promise<void>;
  archive(id: string): Promise<void>;
  unarchive(id: string): Promise<void>;
  /**
   * Through the status operation ZeroPath's manifest publishes, else the V1 action that fits;
   * throws ZeroPathUnsupportedError (nothing sent) when neither can record it. See v2-actions.ts.
   */
  updateStatus(ids: readonly string[], status: V2Status, reason?: string): Promise<StatusChangeResult>;
  /** Through the published notes operation; an empty string clears the note. Unsupported without one. */
  updateNotes(id: string, notes: string): Promise<{ sent: string }>;
  /** What this ZeroPath publishes (cached); discovered on first need. */
  capabilities(): Promise<ZeroPathCapabilities>;
  /** Reads the manifest now and replaces the cached capabilities (connect, test, periodic check). */
  refreshCapabilities(): Promise<ZeroPathCapabilities>;
}

const DEFAULT_TIMEOUT_MS = 15_000;
export const MAX_PAGE_SIZE = 500;
const DEFAULT_CHANGES_PAGE_SIZE = 100;
/** A full scan's share of one scheduled run (Forge allows 900 s; the run still has Jira work to do). */
const DEFAULT_SCAN_BUDGET_MS = 120_000;
/** As many changes as the sweep takes per run, so it can finish what a scan hands it. */
const DEFAULT_MAX_SCAN_CHANGES = 200;

/** Score windows of the severity buckets (ZeroPath's Backstage plugin), inclusive. */
const SCORE_WINDOW: Readonly<Record<SeverityBucket, { min: number; max: number }>> = {
  Critical: { min: 90, max: 100 },
  High: { min: 70, max: 89 },
  Medium: { min: 40, max: 69 },
  Low: { min: 10, max: 39 },
  Info: { min: 0, max: 9 },
};

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const configSchema = z.object({
  baseUrl: z.string().refine(
    (value) => {
      try {
        const url = new URL(value);
        // Plain http only for the local simulators: a token must never cross the network in clear.
        return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
      } catch {
        return false;
      }
    },
    { message: 'must be an https:// URL such as https://zeropath.com' },
  ),
  tokenId: z.string().trim().min(1, 'is empty'),
  tokenSecret: z.string().min(1, 'is empty'),
  organizationId: z.string().trim().min(1, 'is empty').optional(),
  timeoutMs: z.number().int().positive().optional(),
});

function validatePaging(page: number, pageSize: number): void {
  if (!Number.isInteger(page) || page < 1) {
    throw new ZeroPathRequestError(`page must be a whole number from 1; got ${page}.`);
  }
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new ZeroPathRequestError(
      `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}; got ${pageSize}.`,
    );
  }
}

function requireNonEmpty(name: string, values: readonly unknown[] | undefined): void {
  if (values !== undefined && values.length === 0) {
    throw new ZeroPathRequestError(
      `The ${name} filter is empty and would match nothing; omit it to match all.`,
    );
  }
}

/** Intersects an explicit range with the windows of the chosen buckets. */
function effectiveScoreRange(params: SearchFindingsParams): { min: number; max: number } | undefined {
  let range = params.scoreRange;
  if (range && (range.min > range.max || range.min < 0 || range.max > 100)) {
    throw new ZeroPathRequestError(
      `scoreRange must satisfy 0 ≤ min ≤ max ≤ 100; got ${range.min}–${range.max}.`,
    );
  }
  if (params.severities) {
    const windows = params.severities.map((bucket) => SCORE_WINDOW[bucket]);
    const span = { min: Math.min(...windows.map((w) => w.min)), max: Math.max(...windows.map((w) => w.max)) };
    range = range ? { min: Math.max(range.min, span.min), max: Math.min(range.max, span.max) } : span;
  }
  return range;
}

export function createZeroPathClient(config: ZeroPathClientConfig): ZeroPathClient {
  const checked = configSchema.safeParse({
    baseUrl: config.baseUrl,
    tokenId: config.tokenId,
    tokenSecret: config.tokenSecret,
    organizationId: config.organizationId,
    timeoutMs: config.timeoutMs,
  });
  if (!checked.success) {
    // Names the field, never echoes values: one of them is the secret.
    const fields = checked.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ');
    throw new ZeroPathRequestError(`The ZeroPath connection settings are invalid: ${fields}.`);
  }
  const http = createZeroPathHttp({
    baseUrl: config.baseUrl,
    tokenId: config.tokenId.trim(),
    tokenSecret: config.tokenSecret,
    fetch: config.fetch,
    timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
  const organizationId = config.organizationId?.trim();

  const requireOrg = (): string => {
    if (organizationId === undefined) {
      throw new ZeroPathRequestError(
        'No ZeroPath organization is configured. Choose one on the app admin page.',
      );
    }
    return organizationId;
  };

  const issueAction = async (path: string, id: string): Promise<void> => {
    await http.post(path, { issueId: id, organizationId: requireOrg() }, null, `finding ${id}`);
  };

  async function searchFindings(params: SearchFindingsParams): Promise<FindingPage> {
    validatePaging(params.page, params.pageSize);
    if (params.preferV2) {
      const viaV2 = await searchV2(params);
      if (viaV2 !== undefined) return viaV2;
    }
    return searchV1(params);
  }

  async function searchV2(params: SearchFindingsParams): Promise<FindingPage | undefined> {
    const cap = (await capabilities()).search;
    const args = cap === undefined ? undefined : buildV2SearchArgs(cap, params);
    if (cap === undefined || args === undefined) return undefined;
    let response;
    try {
      response = await invokeOperation(
        http,
        cap.operation,
        args,
        organizationId,
        v2SearchResponseSchema,
        'finding search',
      );
    } catch (error) {
      // V2 down: the same query over V1 (filtered by the adapter where V1 cannot) beats no page at all.
      if (error instanceof ZeroPathUnavailableError) return undefined;
      throw error;
    }
    const findings: Finding[] = [];
    const skipped: SkippedRecord[] = [];
    for (const raw of response.issues) {
      const mapped = mapV1Issue(asV1Item(raw), http.baseUrl);
      if (mapped.ok) findings.push(mapped.value);
      else skipped.push(mapped.skipped);
    }
    return {
      findings,
      totalCount: response.totalCount,
      skipped,
      received: response.issues.length,
      exact: true,
      via: 'v2',
    };
  }

  async function searchV1(params: SearchFindingsParams): Promise<FindingPage> {
    requireNonEmpty('statuses', params.statuses);
    requireNonEmpty('severities', params.severities);
    requireNonEmpty('scanTypes', params.scanTypes);
    requireNonEmpty('repositoryIds', params.repositoryIds);
    const scoreRange = effectiveScoreRange(params);
    if (scoreRange && scoreRange.min > scoreRange.max) {
      return { findings: [], totalCount: 0, skipped: [], received: 0, exact: true, via: 'v1' };
    }

    const body: Record<string, unknown> = {
      organizationId: requireOrg(),
      page: params.page,
      pageSize: params.pageSize,
      getCounts: false,
    };
    if (params.repositoryIds) body.repositoryIds = params.repositoryIds;
    if (params.statuses) body.types = v1TypesForStatuses(params.statuses);
    if (params.scanTypes) body.codeScanTypes = params.scanTypes;
    // V1 documents no score filter (its `severities` is the 0–10 severity, not the score the
    // buckets use), so the score part of the query is applied below and the page says it is not exact.
    if (params.searchQuery) body.searchQuery = params.searchQuery;
    if (params.sortBy) body.sortBy = params.sortBy;
    if (params.sortOrder) body.sortOrder = params.sortOrder;

    const response = await http.post('/api/v1/issues/search', body, v1SearchResponseSchema, 'finding search');
    const findings: Finding[] = [];
    const skipped: SkippedRecord[] = [];
    const buckets = params.severities ? new Set(params.severities) : undefined;
    for (const raw of response.issues) {
      const mapped = mapV1Issue(raw, http.baseUrl);
      if (!mapped.ok) {
        skipped.push(mapped.skipped);
        continue;
      }
      const finding = mapped.value;
      if (scoreRange && (finding.score < scoreRange.min || finding.score > scoreRange.max)) continue;
      if (buckets && !buckets.has(severityFromScore(finding.score))) continue;
      findings.push(finding);
    }
    return {
      findings,
      totalCount: response.totalCount,
      skipped,
      received: response.issues.length,
      exact: scoreRange === undefined,
      via: 'v1',
    };
  }

  async function* searchAll(
    params: Omit<SearchFindingsParams, 'page'>,
  ): AsyncGenerator<FindingPage, void, undefined> {
    for (let page = 1; ; page += 1) {
      const result = await searchFindings({ ...params, page });
      yield result;
      // A short or empty page ends the listing even if totalCount disagrees (counts can lag).
      if (result.received < params.pageSize || page * params.pageSize >= result.totalCount) return;
    }
  }

  async function readChangesSince(
    cursor: ChangeCursor | null,
    options: ChangeReadOptions = {},
  ): Promise<ChangesResult> {
    const result = await readChanges(
      {
        readPage: (page, pageSize, order) => searchFindings({ ...options.filters, ...order, page, pageSize }),
        now,
      },
      cursor,
      {
        pageSize: options.pageSize ?? DEFAULT_CHANGES_PAGE_SIZE,
        budgetMs: options.scanBudgetMs ?? DEFAULT_SCAN_BUDGET_MS,
        maxChanges: options.maxScanChanges ?? DEFAULT_MAX_SCAN_CHANGES,
      },
    );
    const check =
      options.job === undefined ? undefined : describeOrderCheck(options.job, result, now().toISOString());
    if (check !== undefined && config.sortOrderLog !== undefined) await config.sortOrderLog.record(check);
    return result;
  }

  async function getFinding(id: string): Promise<Finding> {
    const raw = await http.post(
      '/api/v1/issues/get',
      { issueId: id, organizationId: requireOrg() },
      z.unknown(),
      `finding ${id}`,
    );
    // Some ZeroPath handlers answer a missing id with 200 and an empty body.
    if (raw === null || (typeof raw === 'object' && Object.keys(raw).length === 0)) {
      throw new ZeroPathNotFoundError(`finding ${id}`);
    }
    const mapped = mapV1Issue(raw, http.baseUrl);
    if (!mapped.ok) {
      throw new ZeroPathResponseError(`finding ${id} is malformed: ${mapped.skipped.reason}`, '');
    }
    return mapped.value;
  }

  const now = config.now ?? (() => new Date());
  let known: Promise<ZeroPathCapabilities> | undefined;

  async function discover(): Promise<ZeroPathCapabilities> {
    const checkedAt = now().toISOString();
    let found: ZeroPathCapabilities;
    try {
      found = discoverCapabilities(await fetchManifest(http), checkedAt);
    } catch (error) {
      // A bad token or egress is a connection problem, not a missing capability: let it surface.
      if (
        error instanceof ZeroPathAuthError ||
        error instanceof ZeroPathEgressError ||
        error instanceof ZeroPathRateLimitedError ||
        error instanceof ZeroPathForbiddenError
      ) {
        throw error;
      }
      const problem =
        error instanceof ZeroPathNotFoundError
          ? `ZeroPath does not publish a tool manifest at ${MANIFEST_PATH} (HTTP 404)`
          : error instanceof Error
            ? error.message
            : String(error);
      found = capabilitiesWithoutManifest(problem, checkedAt);
    }
    if (config.capabilityCache) await config.capabilityCache.write(toCached(found, http.baseUrl));
    return found;
  }

  function capabilities(): Promise<ZeroPathCapabilities> {
    known ??= (async () => {
      const cached = await config.capabilityCache?.read();
      if (cached !== undefined && cached.baseUrl === http.baseUrl) return fromCached(cached);
      return discover();
    })();
    return known;
  }

  const writeContext = async (): Promise<WriteContext> => ({
    http,
    organizationId: requireOrg(),
    capabilities: await capabilities(),
    v1Action: (action: V1Action, id: string) => issueAction(`/api/v1/issues/${action}`, id),
  });

  return {
    capabilities,
    refreshCapabilities() {
      known = discover();
      return known;
    },
    listOrganizations: (searchQuery) =>
      http.post(
        '/api/v1/orgs/list',
        searchQuery ? { searchQuery } : {},
        v1OrganizationListSchema,
        'organization list',
      ),
    searchFindings,
    searchAll,
    readChangesSince,
    getFinding,
    async listRepositories(searchQuery) {
      const body = searchQuery
        ? { organizationId: requireOrg(), searchQuery }
        : { organizationId: requireOrg() };
      const rows = await http.post(
        '/api/v1/repositories/list',
        body,
        v1RepositoryListSchema,
        'repository list',
      );
      const repositories: ZeroPathRepository[] = [];
      const skipped: SkippedRecord[] = [];
      for (const row of rows) {
        const mapped = mapV1Repository(row);
        if (mapped.ok) repositories.push(mapped.value);
        else skipped.push(mapped.skipped);
      }
      return { repositories, skipped };
    },
    markFalsePositive: (id) => issueAction('/api/v1/issues/mark-false-positive', id),
    markTruePositive: (id) => issueAction('/api/v1/issues/mark-true-positive', id),
    archive: (id) => issueAction('/api/v1/issues/archive', id),
    unarchive: (id) => issueAction('/api/v1/issues/unarchive', id),
    updateStatus: async (ids, status, reason) => changeStatus(await writeContext(), ids, status, reason),
    updateNotes: async (id, notes) => writeNotes(await writeContext(), id, notes),
  };
}
