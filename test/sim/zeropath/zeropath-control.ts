/**
 * The control surface: what ZeroPath itself (a rescan, a user triaging in ZeroPath's UI) or the test
 * harness does to the tenant. Exposed in-process as `zp.control` and over HTTP under `/__sim/` for
 * the sandbox UI. Control calls need no auth and are not written to the request log.
 */
import { z } from 'zod';
import { type SimRouter, type RouteHandler, type SimRequest } from '../shared/http-server';
import {
  type FaultBook,
  type FaultSpec,
  type ZeroPathRequestLog,
  type ZeroPathResponse,
} from './zeropath-http-server';
import {
  SimInputError,
  SimNotFoundError,
  type FindingContentPatch,
  type NewFinding,
  type StatusChange,
  type TokenSpec,
  type ZeroPathStore,
} from './zeropath-store';
import {
  CODE_SCAN_TYPES,
  V2_STATUSES,
  VULN_CATEGORIES,
  describeZodError,
  type Organization,
  type StoredFinding,
  type StoredRepository,
  type V1Issue,
  type V1Repository,
  type V2Status,
} from './zeropath-wire';
import { MANIFEST_VARIANTS, type ApiVariant } from './zeropath-v2-routes';

/** The switchable parts of the API surface (README "Variants"); one object shared with the routes. */
export class ApiVariantState {
  #current: ApiVariant = { manifest: 'standard', v2Down: false, ignoreSortBy: false };
  get current(): ApiVariant {
    return this.#current;
  }
  set(change: Partial<ApiVariant>): ApiVariant {
    this.#current = { ...this.#current, ...change };
    return this.#current;
  }
}

export interface ZeroPathControl {
  addToken(token: TokenSpec): void;
  addOrg(org: { id?: string; name: string; role?: string }): Organization;
  addRepository(repo: {
    name: string;
    tags?: string[];
    organizationId?: string;
    id?: string;
  }): StoredRepository;
  /** `n` generated findings, or one per partial (generated, then overlaid); timestamps are "now". */
  addFindings(
    spec: number | NewFinding[],
    options?: { organizationId?: string; repositoryId?: string },
  ): StoredFinding[];
  /** As ZeroPath would after a triage or fix verification: bumps updatedAt, records history. */
  setFindingStatus(id: string, status: V2Status, meta?: { reason?: string; by?: string }): StoredFinding;
  /** As a rescan would: changes content, bumps updatedAt. */
  updateFinding(id: string, patch: FindingContentPatch): StoredFinding;
  setRepositoryTags(repositoryId: string, tags: string[]): StoredRepository;
  injectFault(path: string, spec: FaultSpec): void;
  /** Swaps the published manifest / V2 availability / sort behaviour; returns the variant now active. */
  setApiVariant(change: Partial<ApiVariant>): ApiVariant;
  clearFaults(): void;
  /** Freezes the simulator clock (ISO or epoch ms). */
  setTime(time: string | number): void;
  advanceTime(ms: number): void;
  now(): number;
}

export interface ZeroPathStateView {
  findings(): readonly StoredFinding[];
  finding(id: string): StoredFinding | undefined;
  /** The finding exactly as V1 `issues/get` would answer it. */
  issue(id: string): V1Issue | undefined;
  notes(id: string): string | undefined;
  statusHistory(id: string): readonly StatusChange[];
  repositories(): V1Repository[];
  organizations(): Organization[];
  /** Every cleartext test credential planted in secrets findings so far. */
  secretValues(): string[];
}

export function createControl(store: ZeroPathStore, faults: FaultBook, variant: ApiVariantState): ZeroPathControl {
  return {
    addToken: (token) => store.addToken(token),
    addOrg: (org) => store.addOrg(org),
    addRepository: (repo) => store.addRepository(repo),
    addFindings: (spec, options) => store.addFindings(spec, options),
    setFindingStatus: (id, status, meta) => store.setFindingStatus(id, status, meta),
    updateFinding: (id, patch) => store.updateFinding(id, patch),
    setRepositoryTags: (repositoryId, tags) => store.setRepositoryTags(repositoryId, tags),
    injectFault: (path, spec) => faults.add(path, spec),
    setApiVariant: (change) => variant.set(change),
    clearFaults: () => faults.clear(),
    setTime: (time) => store.clock.set(time),
    advanceTime: (ms) => store.clock.advance(ms),
    now: () => store.clock.now(),
  };
}

export function createStateView(store: ZeroPathStore): ZeroPathStateView {
  return {
    findings: () => store.findings(),
    finding: (id) => store.finding(id),
    issue: (id) => {
      const finding = store.finding(id);
      return finding === undefined ? undefined : store.renderIssue(finding);
    },
    notes: (id) => store.notes(id),
    statusHistory: (id) => store.statusHistory(id),
    repositories: () => store.repositories().map((repo) => store.renderRepository(repo)),
    organizations: () => store.organizations(),
    secretValues: () => [...new Set(store.plantedSecrets().map((entry) => entry.value))],
  };
}

// ---- HTTP mirror under /__sim/ ----

const tokenBody = z.object({
  id: z.string().min(1),
  secret: z.string().min(1),
  expiresAt: z.string().optional(),
  orgIds: z.array(z.string()),
});
const orgBody = z.object({
  id: z.string().min(1).optional(),
  name: z.string().min(1),
  role: z.string().optional(),
});
const repoBody = z.object({
  name: z.string().min(1),
  tags: z.array(z.string()).optional(),
  organizationId: z.string().optional(),
  id: z.string().optional(),
});
const tagsBody = z.object({ tags: z.array(z.string()) });
const statusBody = z.object({
  status: z.enum(V2_STATUSES),
  reason: z.string().optional(),
  by: z.string().optional(),
});
const patchSchema = z
  .object({
    id: z.string().optional(),
    repositoryId: z.string(),
    generatedTitle: z.string(),
    generatedDescription: z.string(),
    language: z.string(),
    vulnClass: z.string(),
    cwes: z.array(z.string()),
    vulnCategory: z.enum(VULN_CATEGORIES),
    severity: z.number().min(0).max(10),
    confidence: z.number().min(0).max(10),
    score: z.number().min(0).max(100),
    affectedFile: z.string(),
    sastCodeSegment: z.string(),
    startLine: z.number().int(),
    endLine: z.number().int(),
    isPrBlocked: z.boolean(),
    triagePhase: z.string(),
    validated: z.enum(['CONFIRMED', 'DISCONFIRMED', 'UNKNOWN']),
    unpatchable: z.boolean(),
    falsePositiveReason: z.string().nullable(),
    codeScan: z.object({
      id: z.string(),
      scanTargetBranchCommitSha: z.string(),
      codeScanType: z.enum(CODE_SCAN_TYPES),
    }),
    patch: z
      .object({
        id: z.string(),
        prLink: z.string().nullable(),
        prTitle: z.string(),
        prDescription: z.string(),
        gitDiff: z.string(),
        pullRequestStatus: z.string(),
        validated: z.enum(['CONFIRMED', 'DISCONFIRMED', 'UNKNOWN']),
        createdAt: z.string(),
        updatedAt: z.string(),
      })
      .nullable(),
  })
  .partial()
  .strict();
const findingsBody = z
  .object({
    count: z.number().int().min(0).optional(),
    findings: z.array(patchSchema.extend({ v2Status: z.enum(V2_STATUSES).optional() }).strict()).optional(),
    organizationId: z.string().optional(),
    repositoryId: z.string().optional(),
  })
  .refine((b) => (b.count === undefined) !== (b.findings === undefined), {
    message: 'send exactly one of count or findings',
  });
const faultBody = z.object({
  path: z.string().min(1),
  status: z
    .union([z.literal(200), z.literal(429), z.literal(500), z.literal(502), z.literal(503), z.literal(504)])
    .optional(),
  times: z.union([z.number().int().min(1), z.literal('always')]).optional(),
  retryAfter: z.number().min(0).optional(),
  nonJson: z.boolean().optional(),
  latencyMs: z.number().int().min(0).max(120_000).optional(),
});
const variantBody = z
  .object({
    manifest: z.enum(MANIFEST_VARIANTS).optional(),
    v2Down: z.boolean().optional(),
    ignoreSortBy: z.boolean().optional(),
  })
  .strict();
const clockBody = z
  .object({ set: z.union([z.string(), z.number()]).optional(), advanceMs: z.number().optional() })
  .refine((b) => b.set !== undefined || b.advanceMs !== undefined, { message: 'send set or advanceMs' });

/** Drops keys whose value is `undefined`, which `exactOptionalPropertyTypes` forbids passing on. */
function defined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

function controlRoute<S extends z.ZodType>(
  schema: S | undefined,
  run: (body: z.infer<S>, req: SimRequest) => ZeroPathResponse,
): RouteHandler {
  return (req) => {
    let body: z.infer<S> = undefined as z.infer<S>;
    if (schema !== undefined) {
      const parsed = schema.safeParse(req.body ?? {});
      if (!parsed.success) return { status: 400, body: { error: describeZodError(parsed.error) } };
      body = parsed.data;
    }
    try {
      return run(body, req);
    } catch (error) {
      if (error instanceof SimNotFoundError) return { status: 404, body: { error: error.message } };
      if (error instanceof SimInputError || error instanceof Error)
        return { status: 400, body: { error: error.message } };
      throw error;
    }
  };
}

export function buildControlRouter(
  router: SimRouter,
  deps: { store: ZeroPathStore; control: ZeroPathControl; state: ZeroPathStateView; log: ZeroPathRequestLog },
): SimRouter {
  const { control, state, log, store } = deps;
  const param = (req: SimRequest, name: string): string => req.params[name] ?? '';
  router
    .add(
      'GET',
      '/__sim/state',
      controlRoute(undefined, () => ({
        status: 200,
        body: {
          now: new Date(control.now()).toISOString(),
          organizations: state.organizations(),
          repositories: state.repositories(),
          findingCount: state.findings().length,
        },
      })),
    )
    .add(
      'GET',
      '/__sim/findings/:id',
      controlRoute(undefined, (_b, req) => {
        const id = param(req, 'id');
        const issue = state.issue(id);
        if (issue === undefined) return { status: 404, body: { error: `finding ${id} does not exist` } };
        return {
          status: 200,
          body: {
            issue,
            v2Status: store.requireFinding(id).v2Status,
            notes: state.notes(id) ?? null,
            statusHistory: state.statusHistory(id),
          },
        };
      }),
    )
    .add(
      'POST',
      '/__sim/tokens',
      controlRoute(tokenBody, (body) => {
        control.addToken(defined(body));
        return { status: 201, body: { id: body.id } };
      }),
    )
    .add(
      'POST',
      '/__sim/orgs',
      controlRoute(orgBody, (body) => ({ status: 201, body: control.addOrg(defined(body)) })),
    )
    .add(
      'POST',
      '/__sim/repositories',
      controlRoute(repoBody, (body) => ({ status: 201, body: control.addRepository(defined(body)) })),
    )
    .add(
      'PUT',
      '/__sim/repositories/:id/tags',
      controlRoute(tagsBody, (body, req) => ({
        status: 200,
        body: control.setRepositoryTags(param(req, 'id'), body.tags),
      })),
    )
    .add(
      'POST',
      '/__sim/findings',
      controlRoute(findingsBody, (body) => {
        const spec = body.count ?? (body.findings ?? []).map((f) => defined(f) as NewFinding);
        const added = control.addFindings(
          spec,
          defined({ organizationId: body.organizationId, repositoryId: body.repositoryId }),
        );
        return { status: 201, body: { ids: added.map((f) => f.id) } };
      }),
    )
    .add(
      'POST',
      '/__sim/findings/:id/status',
      controlRoute(statusBody, (body, req) => {
        const finding = control.setFindingStatus(
          param(req, 'id'),
          body.status,
          defined({ reason: body.reason, by: body.by }),
        );
        return {
          status: 200,
          body: { id: finding.id, v2Status: finding.v2Status, updatedAt: finding.updatedAt },
        };
      }),
    )
    .add(
      'PATCH',
      '/__sim/findings/:id',
      controlRoute(patchSchema, (body, req) => {
        const finding = control.updateFinding(param(req, 'id'), defined(body));
        return { status: 200, body: { id: finding.id, updatedAt: finding.updatedAt } };
      }),
    )
    .add(
      'POST',
      '/__sim/faults',
      controlRoute(faultBody, (body) => {
        const { path, ...spec } = body;
        control.injectFault(path, defined(spec));
        return { status: 201, body: { path } };
      }),
    )
    .add(
      'DELETE',
      '/__sim/faults',
      controlRoute(undefined, () => {
        control.clearFaults();
        return { status: 204 };
      }),
    )
    .add(
      'POST',
      '/__sim/variant',
      controlRoute(variantBody, (body) => ({ status: 200, body: control.setApiVariant(defined(body)) })),
    )
    .add(
      'GET',
      '/__sim/requests',
      controlRoute(undefined, () => ({ status: 200, body: log.entries })),
    )
    .add(
      'DELETE',
      '/__sim/requests',
      controlRoute(undefined, () => {
        log.clear();
        return { status: 204 };
      }),
    )
    .add(
      'POST',
      '/__sim/clock',
      controlRoute(clockBody, (body) => {
        if (body.set !== undefined) control.setTime(body.set);
        if (body.advanceMs !== undefined) control.advanceTime(body.advanceMs);
        return { status: 200, body: { now: new Date(control.now()).toISOString() } };
      }),
    );
  return router;
}
