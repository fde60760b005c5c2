/**
 * The ZeroPath API routes: V1 reads and actions (reference §2.1–§2.4, §2.7) here, and the manifest
 * plus the V2 routes it declares in zeropath-v2-routes.ts. Every route requires both auth headers;
 * every org-scoped route checks that the token may see `organizationId`.
 *
 * Error shapes: V1 routes answer the plain `{"error": "<message>"}` form, V2 routes the structured
 * `{"error": {"message", "code", "requestId"}}` form (both SEEN in ZeroPath's client tests, §1.4).
 */
import { type z } from 'zod';
import { type RouteHandler, type SimRequest, SimRouter } from '../shared/http-server';
import { type ZeroPathResponse, TOKEN_ID_HEADER, TOKEN_SECRET_HEADER } from './zeropath-http-server';
import { SimNotFoundError, type TokenSpec, type ZeroPathStore } from './zeropath-store';
import {
  V1_STATUSES,
  describeZodError,
  issueActionRequest,
  issuesSearchRequest,
  orgsListRequest,
  renderV1Status,
  repositoriesListRequest,
  type IssuesSearchRequest,
  type StoredFinding,
  type V1Status,
} from './zeropath-wire';
import { DEFAULT_API_VARIANT, addV2Routes, type ApiVariant } from './zeropath-v2-routes';

type ErrorStyle = 'v1' | 'v2';

const V2_CODE_OF_STATUS: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
};

function errorResponse(style: ErrorStyle, status: number, message: string): ZeroPathResponse {
  return style === 'v1'
    ? { status, body: { error: message } }
    : { status, body: { error: { message, code: V2_CODE_OF_STATUS[status] ?? 'INTERNAL_SERVER_ERROR' } } };
}

/** 401 answers. The expired form is INFERRED (structured shape SEEN, this code is our choice). */
const UNAUTHORIZED: ZeroPathResponse = { status: 401, body: { error: 'Unauthorized' } };
const TOKEN_EXPIRED: ZeroPathResponse = {
  status: 401,
  body: { error: { message: 'API token expired', code: 'TOKEN_EXPIRED' } },
};

interface Caller {
  token: TokenSpec;
  by: string;
}

type AuthedHandler = (req: SimRequest, caller: Caller) => ZeroPathResponse;

function header(req: SimRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function withAuth(store: ZeroPathStore, handler: AuthedHandler): RouteHandler {
  return (req) => {
    const auth = store.authenticate(header(req, TOKEN_ID_HEADER), header(req, TOKEN_SECRET_HEADER));
    if ('failure' in auth) return auth.failure === 'expired' ? TOKEN_EXPIRED : UNAUTHORIZED;
    return handler(req, { token: auth.token, by: `token:${auth.token.id}` });
  };
}

/** Parses the body and checks org access; answers the error response on failure. */
function parseScoped<S extends z.ZodType<{ organizationId: string }>>(
  store: ZeroPathStore,
  schema: S,
  req: SimRequest,
  caller: Caller,
  style: ErrorStyle,
): { value: z.infer<S> } | { response: ZeroPathResponse } {
  const parsed = schema.safeParse(req.body ?? {});
  if (!parsed.success)
    return { response: errorResponse(style, 400, `Invalid request: ${describeZodError(parsed.error)}`) };
  const organizationId = parsed.data.organizationId;
  // An unknown org and a foreign org answer alike, so org ids cannot be probed.
  if (!caller.token.orgIds.includes(organizationId) || store.organization(organizationId) === undefined) {
    return {
      response: errorResponse(
        style,
        403,
        `Forbidden: this API token has no access to organization ${organizationId}`,
      ),
    };
  }
  return { value: parsed.data };
}

export function buildApiRouter(
  store: ZeroPathStore,
  router: SimRouter = new SimRouter(),
  variant: () => ApiVariant = () => DEFAULT_API_VARIANT,
): SimRouter {
  const post = (path: string, handler: AuthedHandler): void => {
    router.add('POST', path, withAuth(store, handler));
  };

  post('/api/v1/orgs/list', (req, caller) => {
    const parsed = orgsListRequest.safeParse(req.body ?? {});
    if (!parsed.success)
      return errorResponse('v1', 400, `Invalid request: ${describeZodError(parsed.error)}`);
    const query = parsed.data.searchQuery?.trim().toLowerCase() ?? '';
    const orgs = store
      .organizations()
      .filter((org) => caller.token.orgIds.includes(org.id))
      .filter((org) => query === '' || org.name.toLowerCase().includes(query));
    return { status: 200, body: orgs };
  });

  post('/api/v1/issues/search', (req, caller) => {
    const scoped = parseScoped(store, issuesSearchRequest, req, caller, 'v1');
    if ('response' in scoped) return scoped.response;
    const search = scoped.value;
    if (search.severities !== undefined && search.severities.min > search.severities.max) {
      return errorResponse('v1', 400, 'Invalid request: severities.min must not exceed severities.max');
    }
    return { status: 200, body: searchIssues(store, search, variant().ignoreSortBy) };
  });

  post('/api/v1/issues/get', (req, caller) => {
    const scoped = parseScoped(store, issueActionRequest, req, caller, 'v1');
    if ('response' in scoped) return scoped.response;
    const finding = findScoped(store, scoped.value.issueId, scoped.value.organizationId);
    if (finding === undefined) return errorResponse('v1', 404, 'Issue not found');
    return { status: 200, body: store.renderIssue(finding) };
  });

  post('/api/v1/repositories/list', (req, caller) => {
    const scoped = parseScoped(store, repositoriesListRequest, req, caller, 'v1');
    if ('response' in scoped) return scoped.response;
    const query = scoped.value.searchQuery?.trim().toLowerCase() ?? '';
    const repos = store
      .repositories(scoped.value.organizationId)
      .filter((repo) => query === '' || repo.repositoryName.toLowerCase().includes(query))
      .map((repo) => store.renderRepository(repo));
    return { status: 200, body: repos };
  });

  // V1 actions (SEEN paths and body, reference §2.4). Success body is not documented: INFERRED.
  const action = (path: string, apply: (finding: StoredFinding, by: string) => void): void => {
    post(path, (req, caller) => {
      const scoped = parseScoped(store, issueActionRequest, req, caller, 'v1');
      if ('response' in scoped) return scoped.response;
      const finding = findScoped(store, scoped.value.issueId, scoped.value.organizationId);
      if (finding === undefined) return errorResponse('v1', 404, 'Issue not found');
      apply(finding, caller.by);
      return { status: 200, body: { success: true } };
    });
  };
  action('/api/v1/issues/mark-false-positive', (finding, by) => {
    store.setFindingStatus(finding.id, 'FALSE_POSITIVE', { by });
    finding.validated = 'DISCONFIRMED';
  });
  action('/api/v1/issues/mark-true-positive', (finding, by) => {
    // Confirming puts the finding back in the open queue, under review (renders V1 `open`).
    store.setFindingStatus(finding.id, 'REVIEWING', { by });
    finding.validated = 'CONFIRMED';
    finding.falsePositiveReason = null;
  });
  action('/api/v1/issues/archive', (finding, by) => {
    store.setFindingStatus(finding.id, 'ACCEPTED_RISK', { by });
  });
  action('/api/v1/issues/unarchive', (finding, by) => {
    // Unarchiving something not archived changes nothing (no updatedAt bump).
    if (finding.v2Status === 'ACCEPTED_RISK')
      store.setFindingStatus(finding.id, store.statusBeforeArchive(finding.id), { by });
  });

  addV2Routes(router, store, variant);
  return router;
}

function findScoped(store: ZeroPathStore, id: string, organizationId: string): StoredFinding | undefined {
  try {
    return store.requireFinding(id, organizationId);
  } catch (error) {
    if (error instanceof SimNotFoundError) return undefined;
    throw error;
  }
}

const DEFAULT_PAGE_SIZE = 50;

/** `issues/search` semantics; see README "issues/search rules". */
export function searchIssues(store: ZeroPathStore, search: IssuesSearchRequest, ignoreSortBy = false) {
  const repoIds =
    search.repositoryIds && search.repositoryIds.length > 0 ? new Set(search.repositoryIds) : undefined;
  const scanTypes =
    search.codeScanTypes && search.codeScanTypes.length > 0 ? new Set(search.codeScanTypes) : undefined;
  const types = search.types && search.types.length > 0 ? new Set<V1Status>(search.types) : undefined;
  const text = search.searchQuery?.trim().toLowerCase() ?? '';
  const inScope = store
    .findings()
    .filter(
      (f) =>
        f.organizationId === search.organizationId &&
        (repoIds === undefined || repoIds.has(f.repositoryId)) &&
        (search.scanId === undefined || f.codeScan.id === search.scanId) &&
        (scanTypes === undefined || scanTypes.has(f.codeScan.codeScanType)) &&
        (search.severities === undefined ||
          (f.severity >= search.severities.min && f.severity <= search.severities.max)) &&
        (text === '' || matchesText(f, text)),
    );
  const categoryCounts = Object.fromEntries(V1_STATUSES.map((s) => [s, 0])) as Record<V1Status, number>;
  for (const f of inScope) categoryCounts[renderV1Status(f.v2Status)] += 1;
  const matching =
    types === undefined ? inScope : inScope.filter((f) => types.has(renderV1Status(f.v2Status)));
  // The "results ignoring sortBy" variant answers in the default order whatever was asked.
  const sorted = ignoreSortBy
    ? sortFindings(matching, 'score', 'desc')
    : sortFindings(matching, search.sortBy ?? 'score', search.sortOrder ?? 'desc');
  const pageSize =
    search.returnAll === true ? Math.max(sorted.length, 1) : (search.pageSize ?? DEFAULT_PAGE_SIZE);
  const page = search.returnAll === true ? 1 : (search.page ?? 1);
  const slice = sorted.slice((page - 1) * pageSize, page * pageSize);
  return {
    issues: slice.map((f) => store.renderIssue(f)),
    totalCount: sorted.length,
    totalCountAllCategories: inScope.length,
    currentPage: page,
    pageSize,
    ...(search.getCounts === false ? {} : { categoryCounts }),
  };
}

function matchesText(f: StoredFinding, text: string): boolean {
  return [
    f.generatedTitle,
    f.generatedDescription,
    f.vulnClass,
    f.affectedFile,
    f.repositoryName,
    f.id,
    ...f.cwes,
  ].some((field) => field.toLowerCase().includes(text));
}

function sortFindings(
  findings: StoredFinding[],
  by: 'createdAt' | 'updatedAt' | 'score',
  order: 'asc' | 'desc',
): StoredFinding[] {
  const keyed = findings.map((f) => ({ f, key: by === 'score' ? f.score : Date.parse(f[by]) }));
  const sign = order === 'asc' ? 1 : -1;
  // The id tie-break is always ascending, so equal keys keep one order across pages and calls.
  keyed.sort((a, b) =>
    a.key !== b.key ? sign * (a.key - b.key) : a.f.id < b.f.id ? -1 : a.f.id > b.f.id ? 1 : 0,
  );
  return keyed.map((entry) => entry.f);
}
