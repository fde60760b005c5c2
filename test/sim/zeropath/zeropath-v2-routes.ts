/**
 * ZeroPath's V2 surface as its own clients meet it: the published tool manifest
 * (`GET /mcp-manifest.json`, version 2) and the `/api/v2/` routes it declares.
 *
 * Sources (ZeroPathAI/zeropath-mcp-server @ 62b2c3c): `trpc_client.py` fetches the manifest with the
 * token headers and rejects any version but 2; `server.py` reads `tools[].name/httpMethod/httpPath/
 * inputSchema/orgIdBehavior`, requires `httpPath` under `/api/v2/`, and applies `orgIdBehavior`
 * (`none`, `required`, `inject-if-missing`); `tests/test_tools.py` shows `issues.list` →
 * `POST /api/v2/issues/search` (`inject-if-missing`) and the structured error body
 * `{"error":{"message","code","requestId"}}`; the README shows `issues.archive` with
 * `{issueIds, reason}`. Commit bbfffcd ("make ZEROPATH_ORG_ID optional for server-side
 * auto-resolution") is why an omitted `organizationId` is resolved from the token.
 *
 * The server validates with zod (the MCP server's docstring: "All input validation is delegated to
 * the server-side Zod schemas"); the manifest's `inputSchema` is generated from the same zod
 * schema here, so what the manifest promises and what the route enforces cannot drift.
 *
 * Which tools exist and where they live depends on the control API's variant (README "Variants").
 */
import { z } from 'zod';
import { type RouteHandler, type SimRequest, type SimRouter } from '../shared/http-server';
import { type ZeroPathResponse, TOKEN_ID_HEADER, TOKEN_SECRET_HEADER } from './zeropath-http-server';
import { SimNotFoundError, type TokenSpec, type ZeroPathStore } from './zeropath-store';
import { V2_STATUSES, describeZodError, type StoredFinding, type V2Status } from './zeropath-wire';

export const MANIFEST_VARIANTS = [
  'standard',
  'no-status-operation',
  'renamed-path',
  'strict-schema',
  'unreachable',
] as const;
export type ManifestVariant = (typeof MANIFEST_VARIANTS)[number];

export interface ApiVariant {
  manifest: ManifestVariant;
  /** Every `/api/v2/` route answers 503 (the manifest itself is still served). */
  v2Down: boolean;
  /** Both search routes ignore `sortBy`/`sortOrder` and answer in their default order (score, descending). */
  ignoreSortBy: boolean;
}

export const DEFAULT_API_VARIANT: ApiVariant = { manifest: 'standard', v2Down: false, ignoreSortBy: false };

export type OrgIdBehavior = 'none' | 'required' | 'inject-if-missing';

interface ToolDefinition {
  name: string;
  httpMethod: 'POST';
  httpPath: string;
  description: string;
  orgIdBehavior: OrgIdBehavior;
  input: z.ZodType;
  handle(store: ZeroPathStore, input: never, ctx: ToolContext): ZeroPathResponse;
}

interface ToolContext {
  organizationId: string;
  by: string;
  variant: ApiVariant;
}

export const SCORE_LEVELS = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'] as const;
type ScoreLevel = (typeof SCORE_LEVELS)[number];

/** Score windows of ZeroPath's Backstage plugin (`src/common/severity.ts`); below 10 is INFO (INFERRED). */
function scoreLevelOf(score: number): ScoreLevel {
  if (score >= 90) return 'CRITICAL';
  if (score >= 70) return 'HIGH';
  if (score >= 40) return 'MEDIUM';
  if (score >= 10) return 'LOW';
  return 'INFO';
}

export const V2_SORT_FIELDS = [
  'createdAt',
  'score',
  'title',
  'repository',
  'class',
  'file',
  'patch',
] as const;

const orgIdField = z.string().min(1);
const issueId = z.string().min(1);

/** `issues.list` filters as ZeroPath's docs list them (zeropath-api.md §2.2); `limit` ≤ 100. */
const searchInput = z.object({
  organizationId: orgIdField.optional(),
  offset: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).max(100).optional(),
  statuses: z.array(z.enum(V2_STATUSES)).optional(),
  scoreLevels: z.array(z.enum(SCORE_LEVELS)).optional(),
  scoreRange: z.object({ min: z.number().min(0).max(100), max: z.number().min(0).max(100) }).optional(),
  searchQuery: z.string().optional(),
  scanId: z.string().optional(),
  codeScanTypes: z.array(z.string()).optional(),
  vulnerabilityClasses: z.array(z.string()).optional(),
  languages: z.array(z.string()).optional(),
  sortBy: z.enum(V2_SORT_FIELDS).optional(),
  sortOrder: z.enum(['asc', 'desc']).optional(),
});

/** README example `{issueIds, reason}`; the 100 cap mirrors `limit` (INFERRED). */
const archiveInput = z.object({
  organizationId: orgIdField.optional(),
  issueIds: z.array(issueId).min(1).max(100),
  reason: z.string().max(2000).optional(),
});

/** INFERRED: ZeroPath's docs say V2 issue tools "update status"; name, path and body are our reading. */
const updateStatusInput = z.object({
  organizationId: orgIdField,
  issueIds: z.array(issueId).min(1).max(100),
  status: z.enum(V2_STATUSES),
  reason: z.string().max(2000).optional(),
});
/** The "stricter input schema" variant: a reason is required, batches of ≤ 10, no unknown keys. */
const strictUpdateStatusInput = z.strictObject({
  organizationId: orgIdField,
  issueIds: z.array(issueId).min(1).max(10),
  status: z.enum(V2_STATUSES),
  reason: z.string().min(1).max(500),
});

/** INFERRED: one org-shared note per issue, ≤ 5,000 characters, cleared by whitespace (docs, §2.5). */
const updateNotesInput = z.object({
  organizationId: orgIdField,
  issueId,
  notes: z.string().max(5000),
});
const strictUpdateNotesInput = z.strictObject({
  organizationId: orgIdField,
  issueId,
  notes: z.string().max(1000),
});

let requestCounter = 0;
function nextRequestId(): string {
  requestCounter += 1;
  return `req_${String(requestCounter).padStart(6, '0')}`;
}

const CODE_OF_STATUS: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  503: 'SERVICE_UNAVAILABLE',
};

/** The structured V2 error body ZeroPath's client test parses (`message`, `code`, `requestId`). */
export function v2Error(status: number, message: string): ZeroPathResponse {
  return {
    status,
    body: {
      error: { message, code: CODE_OF_STATUS[status] ?? 'INTERNAL_SERVER_ERROR', requestId: nextRequestId() },
    },
  };
}

function findScoped(store: ZeroPathStore, id: string, organizationId: string): StoredFinding | undefined {
  try {
    return store.requireFinding(id, organizationId);
  } catch (error) {
    if (error instanceof SimNotFoundError) return undefined;
    throw error;
  }
}

function missingIds(store: ZeroPathStore, ids: readonly string[], organizationId: string): string[] {
  return ids.filter((id) => findScoped(store, id, organizationId) === undefined);
}

function searchTool(path: string): ToolDefinition {
  return {
    name: 'issues.list',
    httpMethod: 'POST',
    httpPath: path,
    description: 'List security issues',
    orgIdBehavior: 'inject-if-missing',
    input: searchInput,
    handle: (store, input: z.infer<typeof searchInput>, ctx) => {
      if (input.scoreRange && input.scoreRange.min > input.scoreRange.max) {
        return v2Error(400, 'Invalid request: scoreRange.min must not exceed scoreRange.max');
      }
      return { status: 200, body: searchV2(store, input, ctx) };
    },
  };
}

const archiveTool: ToolDefinition = {
  name: 'issues.archive',
  httpMethod: 'POST',
  httpPath: '/api/v2/issues/archive',
  description: 'Archive issues',
  orgIdBehavior: 'inject-if-missing',
  input: archiveInput,
  handle: (store, input: z.infer<typeof archiveInput>, ctx) => {
    const missing = missingIds(store, input.issueIds, ctx.organizationId);
    if (missing.length > 0) return v2Error(404, `Issues not found: ${missing.join(', ')}`);
    for (const id of new Set(input.issueIds)) {
      store.setFindingStatus(id, 'ACCEPTED_RISK', {
        by: ctx.by,
        ...(input.reason ? { reason: input.reason } : {}),
      });
    }
    return { status: 200, body: { archived: [...new Set(input.issueIds)] } };
  },
};

function updateStatusTool(path: string, input: z.ZodType): ToolDefinition {
  return {
    name: 'issues.updateStatus',
    httpMethod: 'POST',
    httpPath: path,
    description: 'Update the triage status of issues',
    orgIdBehavior: 'required',
    input,
    handle: (store, body: z.infer<typeof updateStatusInput>, ctx) => {
      const missing = missingIds(store, body.issueIds, ctx.organizationId);
      // All or nothing: a partial update would leave the caller unsure what changed.
      if (missing.length > 0) return v2Error(404, `Issues not found: ${missing.join(', ')}`);
      const updated = [...new Set(body.issueIds)].map((id) => {
        const finding = store.setFindingStatus(id, body.status, {
          by: ctx.by,
          ...(body.reason !== undefined ? { reason: body.reason } : {}),
        });
        return { id, status: finding.v2Status satisfies V2Status };
      });
      return { status: 200, body: { updated } };
    },
  };
}

function updateNotesTool(path: string, input: z.ZodType): ToolDefinition {
  return {
    name: 'issues.updateNotes',
    httpMethod: 'POST',
    httpPath: path,
    description: 'Set the shared note of an issue',
    orgIdBehavior: 'required',
    input,
    handle: (store, body: z.infer<typeof updateNotesInput>, ctx) => {
      if (findScoped(store, body.issueId, ctx.organizationId) === undefined) {
        return v2Error(404, `Issue not found: ${body.issueId}`);
      }
      return {
        status: 200,
        body: { id: body.issueId, notes: store.setNotes(body.issueId, body.notes, ctx.organizationId) },
      };
    },
  };
}

export const STANDARD_PATHS = {
  search: '/api/v2/issues/search',
  updateStatus: '/api/v2/issues/updateStatus',
  updateNotes: '/api/v2/issues/updateNotes',
} as const;
export const RENAMED_PATHS = {
  search: '/api/v2/issues/list',
  updateStatus: '/api/v2/issues/status/update',
  updateNotes: '/api/v2/issues/notes/set',
} as const;

/** The tools the connected "ZeroPath" publishes under a variant; `undefined` when unreachable. */
export function toolsOf(variant: ManifestVariant): ToolDefinition[] | undefined {
  switch (variant) {
    case 'unreachable':
      return undefined;
    case 'standard':
      return [
        searchTool(STANDARD_PATHS.search),
        archiveTool,
        updateStatusTool(STANDARD_PATHS.updateStatus, updateStatusInput),
        updateNotesTool(STANDARD_PATHS.updateNotes, updateNotesInput),
      ];
    case 'no-status-operation':
      return [
        searchTool(STANDARD_PATHS.search),
        archiveTool,
        updateNotesTool(STANDARD_PATHS.updateNotes, updateNotesInput),
      ];
    case 'renamed-path':
      return [
        searchTool(RENAMED_PATHS.search),
        archiveTool,
        updateStatusTool(RENAMED_PATHS.updateStatus, updateStatusInput),
        updateNotesTool(RENAMED_PATHS.updateNotes, updateNotesInput),
      ];
    case 'strict-schema':
      return [
        searchTool(STANDARD_PATHS.search),
        archiveTool,
        updateStatusTool(STANDARD_PATHS.updateStatus, strictUpdateStatusInput),
        updateNotesTool(STANDARD_PATHS.updateNotes, strictUpdateNotesInput),
      ];
  }
}

export function renderManifest(variant: ManifestVariant, generatedAt: string): object | undefined {
  const tools = toolsOf(variant);
  if (tools === undefined) return undefined;
  return {
    version: 2,
    generatedAt,
    tools: tools.map((tool) => ({
      name: tool.name,
      httpMethod: tool.httpMethod,
      httpPath: tool.httpPath,
      description: tool.description,
      inputSchema: z.toJSONSchema(tool.input),
      orgIdBehavior: tool.orgIdBehavior,
    })),
  };
}

/** Every path any variant serves, so the static router knows them; the variant decides per request. */
const ALL_V2_PATHS = [
  ...new Set([...Object.values(STANDARD_PATHS), ...Object.values(RENAMED_PATHS), archiveTool.httpPath]),
];

function header(req: SimRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

type Authenticate = (req: SimRequest) => { token: TokenSpec } | { response: ZeroPathResponse };

export function addV2Routes(router: SimRouter, store: ZeroPathStore, variant: () => ApiVariant): void {
  const authenticate: Authenticate = (req) => {
    const auth = store.authenticate(header(req, TOKEN_ID_HEADER), header(req, TOKEN_SECRET_HEADER));
    if (!('failure' in auth)) return { token: auth.token };
    return {
      response:
        auth.failure === 'expired'
          ? v2Error(401, 'API token expired')
          : { status: 401, body: { error: 'Unauthorized' } },
    };
  };

  // The manifest is fetched with the token headers (trpc_client.fetch_manifest); answering it only to
  // authenticated callers is the stricter reading, as no source shows an anonymous fetch.
  router.add('GET', '/mcp-manifest.json', (req) => {
    const auth = authenticate(req);
    if ('response' in auth) return auth.response;
    const manifest = renderManifest(variant().manifest, new Date(store.clock.now()).toISOString());
    if (manifest === undefined)
      return { status: 404, rawBody: 'Not Found', headers: { 'content-type': 'text/plain' } };
    return { status: 200, body: manifest };
  });

  for (const path of ALL_V2_PATHS) {
    const handler: RouteHandler = (req) => {
      const current = variant();
      if (current.v2Down) return v2Error(503, 'Service temporarily unavailable');
      const tool = toolsOf(current.manifest === 'unreachable' ? 'standard' : current.manifest)?.find(
        (candidate) => candidate.httpPath === path,
      );
      if (tool === undefined) return v2Error(404, `No route for POST ${path}`);
      const auth = authenticate(req);
      if ('response' in auth) return auth.response;
      const raw: unknown = req.body ?? {};
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        return v2Error(400, 'Invalid request: body must be a JSON object');
      }
      const body = { ...(raw as Record<string, unknown>) };
      const org = resolveOrganization(store, auth.token, body.organizationId, tool.orgIdBehavior);
      if ('response' in org) return org.response;
      if (tool.orgIdBehavior !== 'none') body.organizationId = org.organizationId;
      const parsed = tool.input.safeParse(body);
      if (!parsed.success) return v2Error(400, `Invalid request: ${describeZodError(parsed.error)}`);
      return tool.handle(store, parsed.data as never, {
        organizationId: org.organizationId,
        by: `token:${auth.token.id}`,
        variant: current,
      });
    };
    router.add('POST', path, handler);
  }
}

/**
 * `required`: the caller must send it. `inject-if-missing`: an omitted id is resolved from the token
 * when it sees exactly one organisation (bbfffcd); a token with several orgs must say which.
 */
function resolveOrganization(
  store: ZeroPathStore,
  token: TokenSpec,
  sent: unknown,
  behavior: OrgIdBehavior,
): { organizationId: string } | { response: ZeroPathResponse } {
  if (typeof sent === 'string' && sent.length > 0) {
    // An unknown org and a foreign org answer alike, so org ids cannot be probed.
    if (!token.orgIds.includes(sent) || store.organization(sent) === undefined) {
      return { response: v2Error(403, `Forbidden: this API token has no access to organization ${sent}`) };
    }
    return { organizationId: sent };
  }
  if (behavior === 'required') {
    return { response: v2Error(400, 'Invalid request: organizationId: required') };
  }
  const visible = token.orgIds.filter((id) => store.organization(id) !== undefined);
  if (visible.length !== 1 || visible[0] === undefined) {
    return {
      response: v2Error(
        400,
        `organizationId is required: this API token can see ${visible.length} organizations`,
      ),
    };
  }
  return { organizationId: visible[0] };
}

function searchV2(store: ZeroPathStore, input: z.infer<typeof searchInput>, ctx: ToolContext) {
  const statuses =
    input.statuses && input.statuses.length > 0 ? new Set<V2Status>(input.statuses) : undefined;
  const levels =
    input.scoreLevels && input.scoreLevels.length > 0 ? new Set<ScoreLevel>(input.scoreLevels) : undefined;
  const scanTypes =
    input.codeScanTypes && input.codeScanTypes.length > 0 ? new Set(input.codeScanTypes) : undefined;
  const classes =
    input.vulnerabilityClasses && input.vulnerabilityClasses.length > 0
      ? new Set(input.vulnerabilityClasses)
      : undefined;
  const languages = input.languages && input.languages.length > 0 ? new Set(input.languages) : undefined;
  const text = input.searchQuery?.trim().toLowerCase() ?? '';
  const matching = store
    .findings()
    .filter(
      (f) =>
        f.organizationId === ctx.organizationId &&
        (statuses === undefined || statuses.has(f.v2Status)) &&
        (levels === undefined || levels.has(scoreLevelOf(f.score))) &&
        (input.scoreRange === undefined ||
          (f.score >= input.scoreRange.min && f.score <= input.scoreRange.max)) &&
        (input.scanId === undefined || f.codeScan.id === input.scanId) &&
        (scanTypes === undefined || scanTypes.has(f.codeScan.codeScanType)) &&
        (classes === undefined || classes.has(f.vulnClass)) &&
        (languages === undefined || languages.has(f.language)) &&
        (text === '' ||
          [
            f.generatedTitle,
            f.generatedDescription,
            f.vulnClass,
            f.affectedFile,
            f.repositoryName,
            f.id,
          ].some((field) => field.toLowerCase().includes(text))),
    );
  const ignore = ctx.variant.ignoreSortBy;
  const sorted = sortV2(
    matching,
    ignore ? 'score' : (input.sortBy ?? 'createdAt'),
    ignore ? 'desc' : (input.sortOrder ?? 'desc'),
  );
  const offset = input.offset ?? 0;
  const limit = input.limit ?? 25;
  return {
    // INFERRED item shape: V1's issue fields with the status in V2 vocabulary (no V2 item shape is published).
    issues: sorted
      .slice(offset, offset + limit)
      .map((f) => ({ ...store.renderIssue(f), status: f.v2Status })),
    totalCount: sorted.length,
  };
}

function sortKey(f: StoredFinding, by: (typeof V2_SORT_FIELDS)[number]): number | string {
  switch (by) {
    case 'createdAt':
      return Date.parse(f.createdAt);
    case 'score':
      return f.score;
    case 'title':
      return f.generatedTitle;
    case 'repository':
      return f.repositoryName;
    case 'class':
      return f.vulnClass;
    case 'file':
      return f.affectedFile;
    case 'patch':
      return f.patch === null ? 0 : 1;
  }
}

function sortV2(
  findings: StoredFinding[],
  by: (typeof V2_SORT_FIELDS)[number],
  order: 'asc' | 'desc',
): StoredFinding[] {
  const sign = order === 'asc' ? 1 : -1;
  const keyed = findings.map((f) => ({ f, key: sortKey(f, by) }));
  keyed.sort((a, b) => {
    if (a.key !== b.key) return sign * (a.key < b.key ? -1 : 1);
    return a.f.id < b.f.id ? -1 : a.f.id > b.f.id ? 1 : 0;
  });
  return keyed.map((entry) => entry.f);
}
