/**
 * Starts the Jira Cloud simulator on loopback: REST routes (jira-routes.ts), rate limits, fault
 * injection, request log, product events, and an in-process + HTTP (`/__sim/*`) control API.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { RequestLog, SimRouter, startSimServer, type SimRequest, type SimResponse } from '../shared/http-server';
import { type Principal } from '../shared/principal';
import { textToAdf } from './adf-validation';
import { errorCollection, jiraError } from './jira-errors';
import { FaultInjector, type FaultSpec } from './jira-fault-injector';
import {
  GLOBAL_PERMISSIONS,
  PROJECT_PERMISSIONS,
  type JiraProductEvent,
  type ScreenField,
  type SeedData,
  type SeedProject,
  type SeedUser,
  type SeedWorkflow,
  type EntityPropertyIndex,
} from './jira-model';
import { DEFAULT_RATE_LIMITS, JiraRateLimiter, rateLimitHeaders, statusHeaders, type JiraRateLimits } from './jira-rate-limiter';
import { registerJiraRoutes } from './jira-routes';
import { demoJiraSeed } from './jira-seed-builder';
import { JiraStateStore, type Outcome } from './jira-state-store';

export interface JiraSimOptions {
  readonly port?: number;
  readonly seed?: SeedData | 'demo';
  readonly rateLimits?: Partial<JiraRateLimits>;
  /** Route key (`POST /rest/api/3/issue`) or `*` → fault. */
  readonly faults?: Readonly<Record<string, FaultSpec>>;
  /** Epoch-ms clock for rate-limit windows and timestamps; inject a manual clock in tests. */
  readonly now?: () => number;
  /**
   * The installed app's `jira:entityProperty` modules (`readManifestEntityProperties`). Only their
   * paths are searchable by JQL; with none, `issue.property[…]` clauses match nothing.
   */
  readonly entityProperties?: readonly EntityPropertyIndex[];
  /** Every write reaches JQL this long after it happened (unless reconciled); default 0. */
  readonly searchIndexLagMs?: number;
}

export interface JiraSimControl {
  addProject(project: SeedProject): void;
  addUser(user: SeedUser): void;
  setPermissions(accountId: string, permissions: Pick<SeedUser, 'globalPermissions' | 'projectPermissions'>): void;
  setCreateScreen(projectKey: string, issueTypeId: string, screen: readonly ScreenField[]): void;
  setWorkflow(projectKey: string, workflow: SeedWorkflow): void;
  setRateLimits(patch: Partial<JiraRateLimits>): void;
  /** Points left in this hour's quota (what `RateLimit: r=` reports below 20 %). */
  pointsRemaining(): number;
  /** Spends quota points as the app's other tenants would (Tier 1's pool is shared across all of them). */
  spendPoints(points: number): void;
  resetRateLimits(): void;
  injectFault(route: string, fault: FaultSpec): void;
  clearFaults(route?: string): void;
  setSearchIndexLag(ms: number): void;
  /** Registers a JQL alias for an entity-property path, as a `jira:entityProperty` module does (indexes the path as `string`). */
  addSearchAlias(alias: string, propertyKey: string, path: string): void;
  /** Installs `jira:entityProperty` modules: their paths become searchable (by alias too). */
  declareEntityProperties(modules: readonly EntityPropertyIndex[]): void;
  setCommentCap(cap: number): void;
  /** As a person in Jira's UI (selfGenerated false). `transition` is a transition id or a target status name. */
  transitionAs(accountId: string, issueKey: string, transition: string, options?: { resolution?: string }): void;
  commentAs(accountId: string, issueKey: string, body: unknown): { id: string };
  editCommentAs(accountId: string, issueKey: string, commentId: string, body: unknown): void;
  deleteIssueAs(accountId: string, issueKey: string): void;
}

export interface JiraSim {
  readonly url: string;
  readonly state: JiraStateStore;
  readonly requestLog: RequestLog;
  readonly control: JiraSimControl;
  readonly events: readonly JiraProductEvent[];
  onProductEvent(listener: (event: JiraProductEvent) => void): () => void;
  close(): Promise<void>;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'DELETE', 'PATCH']);
const IDENTITY_ROUTES = ['/myself', '/user/', '/user?', '/mypermissions'];
/** POSTs that only read: charged as reads (base + objects returned) — our strictest reading [inferred]. */
const READ_POSTS = new Set(['POST /rest/api/3/search/jql', 'POST /rest/api/3/issue/bulkfetch']);

const isRead = (req: SimRequest): boolean => req.method === 'GET' || READ_POSTS.has(req.routeKey);

/**
 * Points known before the handler runs (§8.1): the base point, or one per entry of a bulk create
 * ("50 created issues = 50 points"). Admission refuses a request these points would overspend.
 */
function admissionPoints(req: SimRequest): number {
  if (req.routeKey === 'POST /rest/api/3/issue/bulk') {
    const updates = (req.body as { issueUpdates?: unknown } | undefined)?.issueUpdates;
    return Array.isArray(updates) ? Math.max(1, updates.length) : 1;
  }
  return 1;
}

/**
 * A read's object points, charged after it ran (§8.1): 1 per core object returned (issue, project,
 * comment, status…), 2 per identity/access object (user, permission). `GET /issue/{key}` = 1 + 1.
 * Writes cost their base point only; failed requests cost the base point [inferred].
 */
function objectPoints(req: SimRequest, response: SimResponse): number {
  if (!isRead(req) || response.status >= 400 || response.body === undefined) return 0;
  const weight = IDENTITY_ROUTES.some((r) => req.path.includes(r)) ? 2 : 1;
  const body = response.body as unknown;
  if (Array.isArray(body)) return body.length * weight;
  if (typeof body !== 'object' || body === null) return 0;
  const record = body as Record<string, unknown>;
  if (record['permissions'] !== undefined && typeof record['permissions'] === 'object') return Object.keys(record['permissions'] as object).length * weight;
  for (const list of ['issues', 'values', 'comments', 'transitions', 'issueTypes', 'fields', 'keys']) {
    if (Array.isArray(record[list])) return (record[list] as unknown[]).length * weight;
  }
  return weight;
}

/** A router whose handlers' responses pass through `after` (rate-limit charging and headers). */
class MeteredRouter extends SimRouter {
  readonly #after: (req: SimRequest, response: SimResponse) => SimResponse;
  constructor(after: (req: SimRequest, response: SimResponse) => SimResponse) {
    super();
    this.#after = after;
  }
  override add(method: Parameters<SimRouter['add']>[0], pattern: string, handler: Parameters<SimRouter['add']>[2]): this {
    return super.add(method, pattern, async (req) => this.#after(req, await handler(req)));
  }
}

export async function startJiraSim(options: JiraSimOptions = {}): Promise<JiraSim> {
  const now = options.now ?? Date.now;
  const seed = options.seed === 'demo' || options.seed === undefined ? demoJiraSeed() : options.seed;
  const state = new JiraStateStore(seed, now);
  state.declareEntityProperties(options.entityProperties ?? []);
  state.searchIndexLagMs = options.searchIndexLagMs ?? 0;
  const limiter = new JiraRateLimiter({ ...DEFAULT_RATE_LIMITS, ...options.rateLimits }, now);
  const faults = new FaultInjector();
  for (const [route, spec] of Object.entries(options.faults ?? {})) faults.inject(route, spec);
  const requestLog = new RequestLog();
  /** Requests carried out whose answer a fault replaces afterwards (`afterHandling`). */
  const lostAnswers = new WeakMap<SimRequest, SimResponse>();
  const router = new MeteredRouter((req, response) => {
    if (req.path.startsWith('/__sim/')) return response;
    const lost = lostAnswers.get(req);
    if (lost !== undefined) return lost;
    limiter.charge(objectPoints(req, response));
    return { ...response, headers: { ...statusHeaders(limiter.status(req.routeKey, req.method)), ...response.headers } };
  });
  registerJiraRoutes(router, state);

  const control = createControl(state, limiter, faults);
  registerControlRoutes(router, state, control, requestLog);

  const before = async (req: SimRequest): Promise<SimResponse | undefined> => {
    if (req.path.startsWith('/__sim/')) return undefined;
    const fault = faults.decide(req.routeKey);
    if (fault.latencyMs > 0) await sleep(fault.latencyMs);
    if (fault.kind === 'hang') return new Promise<never>(() => undefined);
    const issueRef = req.params['issueIdOrKey'];
    const writtenIssueId = WRITE_METHODS.has(req.method) && issueRef !== undefined ? state.findIssue(issueRef)?.id : undefined;
    const rejection = limiter.admit({ routeKey: req.routeKey, method: req.method, points: admissionPoints(req), writtenIssueId });
    if (rejection !== undefined) {
      return { status: 429, headers: { ...statusHeaders(limiter.status(req.routeKey, req.method)), ...rateLimitHeaders(rejection) }, body: errorCollection(['Rate limit exceeded.']) };
    }
    if (fault.kind === 'error') {
      const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
      const answer = { status: fault.status, headers, body: errorCollection([`Injected fault: HTTP ${fault.status}`]) };
      if (!fault.afterHandling) return answer;
      lostAnswers.set(req, answer);
    }
    return undefined;
  };

  const server = await startSimServer({
    router,
    log: requestLog,
    now,
    port: options.port ?? 0,
    before,
    errorBody: (message) => errorCollection([message]),
    shouldLog: (path) => !path.startsWith('/__sim/'),
  });

  return {
    url: server.url,
    state,
    requestLog,
    control,
    events: state.events,
    onProductEvent: (listener) => state.onEvent(listener),
    close: () => server.close(),
  };
}

function uiUser(accountId: string): Principal {
  return { kind: 'user', accountId, viaApp: false };
}

function unwrap<T>(outcome: Outcome<T>, what: string): T {
  if (!outcome.ok) throw new Error(`${what} failed (${outcome.status}): ${JSON.stringify(outcome.error)}`);
  return outcome.value;
}

function createControl(state: JiraStateStore, limiter: JiraRateLimiter, faults: FaultInjector): JiraSimControl {
  const issueFor = (accountId: string, issueKey: string): NonNullable<ReturnType<JiraStateStore['findIssue']>> => {
    const issue = state.visibleIssue(issueKey, accountId);
    if (issue === undefined) throw new Error(`Issue ${issueKey} does not exist or ${accountId} cannot see it`);
    return issue;
  };
  return {
    addProject: (project) => state.addProject(project),
    addUser: (user) => state.addUser(user),
    setPermissions: (accountId, permissions) => state.setPermissions(accountId, permissions),
    setCreateScreen: (projectKey, issueTypeId, screen) => state.setCreateScreen(projectKey, issueTypeId, screen),
    setWorkflow: (projectKey, workflow) => state.setWorkflow(projectKey, workflow),
    setRateLimits: (patch) => limiter.configure(patch),
    pointsRemaining: () => limiter.pointsRemaining,
    spendPoints: (points) => limiter.charge(points),
    resetRateLimits: () => limiter.reset(),
    injectFault: (route, fault) => faults.inject(route, fault),
    clearFaults: (route) => faults.clear(route),
    setSearchIndexLag: (ms) => {
      state.searchIndexLagMs = ms;
    },
    addSearchAlias: (alias, propertyKey, path) => state.declareEntityProperties([{ propertyKey, values: [{ path, type: 'string', searchAlias: alias }] }]),
    declareEntityProperties: (modules) => state.declareEntityProperties(modules),
    setCommentCap: (cap) => {
      state.commentCap = cap;
    },
    transitionAs: (accountId, issueKey, transition, options = {}) => {
      const issue = issueFor(accountId, issueKey);
      const offered = state.availableTransitions(issue);
      const chosen = offered.find((t) => t.id === transition) ?? offered.find((t) => state.statuses.get(t.to)?.name.toLowerCase() === transition.toLowerCase());
      const resolution = options.resolution === undefined ? undefined : { name: options.resolution };
      unwrap(state.transitionIssue(issue, { transitionId: chosen?.id ?? transition, resolution }, uiUser(accountId)), `Transition ${issueKey} → ${transition}`);
    },
    commentAs: (accountId, issueKey, body) => {
      const comment = unwrap(state.addComment(issueFor(accountId, issueKey), typeof body === 'string' ? textToAdf(body) : body, uiUser(accountId)), `Comment on ${issueKey}`);
      return { id: comment.id };
    },
    editCommentAs: (accountId, issueKey, commentId, body) => {
      const issue = issueFor(accountId, issueKey);
      const comment = state.commentsById.get(commentId);
      if (comment === undefined || comment.issueId !== issue.id) throw new Error(`Comment ${commentId} is not on ${issueKey}`);
      unwrap(state.editComment(issue, comment, typeof body === 'string' ? textToAdf(body) : body, uiUser(accountId)), `Edit comment ${commentId}`);
    },
    deleteIssueAs: (accountId, issueKey) => {
      unwrap(state.deleteIssue(issueFor(accountId, issueKey), uiUser(accountId), true), `Delete ${issueKey}`);
    },
  };
}

// ---- HTTP control API (/__sim/*) ------------------------------------------------------------

const permissionsSchema = z.object({
  globalPermissions: z.array(z.enum(GLOBAL_PERMISSIONS)).optional(),
  projectPermissions: z.record(z.string(), z.array(z.enum(PROJECT_PERMISSIONS))).optional(),
});
const userSchema = permissionsSchema.extend({
  accountId: z.string().min(1),
  displayName: z.string().min(1),
  emailAddress: z.string().optional(),
  accountType: z.enum(['atlassian', 'app', 'customer']).optional(),
  active: z.boolean().optional(),
});
const screenFieldSchema = z.object({
  fieldId: z.string().min(1),
  name: z.string().min(1),
  kind: z.enum(['summary', 'string', 'adf', 'date', 'number', 'priority', 'option', 'multioption', 'labels', 'user', 'parent', 'components']),
  required: z.boolean(),
  allowedValues: z.array(z.object({ id: z.string(), name: z.string().optional(), value: z.string().optional() })).optional(),
  defaultValue: z.object({ id: z.string(), name: z.string().optional(), value: z.string().optional() }).optional(),
});
const workflowSchema = z.object({
  initialStatusId: z.string(),
  statusIds: z.array(z.string()),
  transitions: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      to: z.string(),
      from: z.array(z.string()),
      resolutionScreen: z.object({ required: z.boolean() }).optional(),
      setsResolutionId: z.string().optional(),
    }),
  ),
});
const projectSchema = z.object({
  id: z.string(),
  key: z.string().regex(/^[A-Z][A-Z0-9]+$/),
  name: z.string(),
  style: z.enum(['classic', 'next-gen']),
  issueTypeIds: z.array(z.string()),
  workflow: workflowSchema,
  createScreens: z.record(z.string(), z.array(screenFieldSchema)),
  leadAccountId: z.string().optional(),
});
const faultSchema = z.object({
  route: z.string().min(1),
  latencyMs: z.number().nonnegative().optional(),
  errorRate: z.number().min(0).max(1).optional(),
  errorStatus: z.number().int().min(400).max(599).optional(),
  retryAfterSeconds: z.number().int().nonnegative().optional(),
  hang: z.boolean().optional(),
  afterHandling: z.boolean().optional(),
  times: z.number().int().min(1).optional(),
  seed: z.number().int().optional(),
});
const bucketSchema = z.object({ ratePerSecond: z.number().positive(), capacity: z.number().positive() });
const rateLimitSchema = z.object({
  enabled: z.boolean().optional(),
  burst: z.record(z.string(), bucketSchema).optional(),
  burstOverrides: z.record(z.string(), bucketSchema).optional(),
  perIssueWrites: z.array(z.object({ windowMs: z.number().positive(), max: z.number().int().positive() })).optional(),
  hourlyPoints: z.number().int().nonnegative().optional(),
  quotaPool: z.enum(['global', 'tenant']).optional(),
});
const actorSchema = z.object({ accountId: z.string().min(1) });

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function registerControlRoutes(router: SimRouter, state: JiraStateStore, control: JiraSimControl, log: RequestLog): void {
  const handle =
    <S extends z.ZodType>(schema: S, action: (input: z.infer<S>, req: SimRequest) => unknown) =>
    (req: SimRequest): SimResponse => {
      const parsed = schema.safeParse(req.body ?? {});
      if (!parsed.success) return jiraError(400, `Invalid control request: ${z.prettifyError(parsed.error)}`);
      try {
        const result = action(parsed.data, req);
        return result === undefined ? { status: 204 } : { status: 200, body: result };
      } catch (error) {
        return jiraError(400, error instanceof Error ? error.message : String(error));
      }
    };
  const param = (req: SimRequest, name: string): string => req.params[name] ?? '';

  router.add('POST', '/__sim/projects', handle(projectSchema, (project) => control.addProject(stripUndefined(project) as SeedProject)));
  router.add('POST', '/__sim/users', handle(userSchema, (user) => control.addUser(stripUndefined(user) as SeedUser)));
  router.add('PUT', '/__sim/permissions/:accountId', handle(permissionsSchema, (perms, req) => control.setPermissions(param(req, 'accountId'), stripUndefined(perms) as Pick<SeedUser, 'globalPermissions' | 'projectPermissions'>)));
  router.add('PUT', '/__sim/create-screens/:projectKey/:issueTypeId', handle(z.object({ fields: z.array(screenFieldSchema) }), (body, req) =>
    control.setCreateScreen(param(req, 'projectKey'), param(req, 'issueTypeId'), body.fields.map((f) => stripUndefined(f) as ScreenField)),
  ));
  router.add('PUT', '/__sim/workflows/:projectKey', handle(workflowSchema, (workflow, req) => control.setWorkflow(param(req, 'projectKey'), workflow as SeedWorkflow)));
  router.add('PUT', '/__sim/rate-limits', handle(rateLimitSchema, (patch) => control.setRateLimits(stripUndefined(patch) as Partial<JiraRateLimits>)));
  router.add('DELETE', '/__sim/rate-limits/usage', handle(z.object({}), () => control.resetRateLimits()));
  router.add('POST', '/__sim/faults', handle(faultSchema, ({ route, ...fault }) => control.injectFault(route, stripUndefined(fault) as FaultSpec)));
  router.add('DELETE', '/__sim/faults', handle(z.object({}), (_b, req) => control.clearFaults(req.query.get('route') ?? undefined)));
  router.add('POST', '/__sim/issues/:issueKey/transition', handle(actorSchema.extend({ transition: z.string().min(1), resolution: z.string().optional() }), (body, req) =>
    control.transitionAs(body.accountId, param(req, 'issueKey'), body.transition, body.resolution === undefined ? {} : { resolution: body.resolution }),
  ));
  router.add('POST', '/__sim/issues/:issueKey/comment', handle(actorSchema.extend({ body: z.unknown() }), (body, req) => control.commentAs(body.accountId, param(req, 'issueKey'), body.body)));
  router.add('POST', '/__sim/issues/:issueKey/delete', handle(actorSchema, (body, req) => control.deleteIssueAs(body.accountId, param(req, 'issueKey'))));
  router.add('GET', '/__sim/issues/:issueKey', (req) => {
    const issue = state.findIssue(param(req, 'issueKey'));
    if (issue === undefined) return jiraError(404, `No issue ${param(req, 'issueKey')}`);
    return { status: 200, body: { ...issue, properties: Object.fromEntries(issue.properties) } };
  });
  router.add('GET', '/__sim/requests', () => ({ status: 200, body: log.entries }));
  router.add('DELETE', '/__sim/requests', () => {
    log.clear();
    return { status: 204 };
  });
  router.add('GET', '/__sim/events', () => ({ status: 200, body: state.events }));
}
