/**
 * The local Forge platform. It implements the platform side of the hooks the real, unmodified
 * `@forge/api`, `@forge/kvs`, `@forge/events` and `@forge/resolver` call:
 *
 * - `global.__forge_runtime__`  app context, remaining time, metrics sink (read by @forge/api);
 * - `global.__forge_fetch__`    every product, KVS and queue request (`{ type, provider, remote }`);
 * - `globalThis.fetch`          backend egress (see fetch-trampoline.ts);
 *
 * and it plays the invoker: UI resolvers through their `getDefinitions()` entry, product-event
 * triggers, queue consumers and scheduled triggers, each run inside an invocation scope so
 * `asUser()`, `getAppContext()` and egress rules see the right caller. README.md maps each rule to
 * the documented Forge behaviour it follows.
 */
import { PROBE_URL, nativeFetch, setActiveEgress, type FetchFn } from './fetch-trampoline';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { fetch as forgeApiFetch } from '@forge/api';
import { z } from 'zod';
import { ACTOR_HEADER, APP_ACCOUNT_ID, VIA_APP_HEADER, principalHeaders, type Principal } from '../sim/shared/principal';
import { buildEgressPolicy, routeEgress, type EgressPolicy } from './egress-router';
import { KvsStore, type KvsDump } from './kvs-service';
import { type KvsUsage } from './kvs-quota';
import { minimalEventPayload } from './event-payload';
import { LlmStandIn, type LlmInspector } from './llm-stand-in';
import { subscriptionFor, loadRuntimeManifest, type RuntimeManifest, type ManifestConsumer } from './manifest-model';
import { QueueService, type AcceptedQueueEvent } from './queue-service';
import { WebTriggerUrls, toWebTriggerEvent, toWebTriggerResponse, type WebTriggerRequest, type WebTriggerResponse } from './web-trigger-service';

export interface ForgeRuntimeOptions {
  /** Path to manifest.yml. */
  readonly manifest: string;
  /** The module the manifest's `handler: index.<name>` entries point into. */
  readonly handlers: Record<string, unknown>;
  /** Loopback base URL of the Jira simulator, e.g. `http://127.0.0.1:4010`. */
  readonly jiraBaseUrl: string;
  /**
   * Loopback base URL of the Confluence simulator when Confluence is connected to the app on this
   * site (app compatibility, `confluence: required: false`); absent means "not connected", and
   * every `requestConfluence` answers with a Forge proxy error (see README).
   */
  readonly confluenceBaseUrl?: string;
  /** Real origin or wildcard origin, exactly as in the manifest → loopback base URL. */
  readonly egress?: Record<string, string>;
  /**
   * The platform's clock (KVS TTLs, quota windows, delivery times). The runtime adds to it the
   * time it skips when it compresses waits, so `now()` is virtual time.
   */
  readonly clock?: { now(): number };
  /**
   * Real milliseconds waited per millisecond of `retryAfter`/`delayInSeconds`; the rest is skipped
   * on the virtual clock. Default 0.001 (compressed); 1 waits for real.
   */
  readonly retryDelayScale?: number;
  /**
   * Virtual milliseconds each platform call costs the invocation that makes it (its elapsed time
   * against Forge's limit). Defaults in RUNTIME_LATENCY_MS; README says why.
   */
  readonly latencyMs?: Partial<Record<PlatformCall, number>>;
  /**
   * Shorter time limits (seconds) for named functions, to force a cut-off in a test. Only
   * stricter than the manifest: a longer value is a setup error.
   */
  readonly functionTimeoutSeconds?: Record<string, number>;
  /**
   * `false` is relaxed mode, for debugging only: no KVS quotas and no invocation cut-off. Never a
   * test's default.
   */
  readonly strict?: boolean;
  /**
   * Also count real (wall-clock) time towards an invocation's limit. Off by default: on a shared
   * test machine wall time measures the machine's load and the in-process simulators, not the
   * handler, and would make limits a timed assertion. Elapsed time is then the virtual latency of
   * the handler's platform calls, which is deterministic. The sandbox may turn it on.
   */
  readonly countRealTime?: boolean;
  /**
   * The app's `Date` (`new Date()`, `Date.now()`) reads the virtual clock while this runtime is
   * installed. On Forge the app's clock and the platform's delays are one real clock; here the
   * runtime skips the time it compresses (`retryAfter`, `delayInSeconds`, `advance`), so without
   * this an app that measures a wait with its own clock (the export's index-lag allowance) sees
   * none of it pass. Off by default until every suite is checked with it (README, "Virtual clock").
   */
  readonly virtualDate?: boolean;
  /**
   * Forge documents `ignoreSelf` for events the app causes; no source says it covers `asUser()`
   * calls, so by default only events caused by `asApp()` are dropped. A test may opt in to the
   * broader reading.
   */
  readonly ignoreSelfDropsAsUserEvents?: boolean;
  /** `settle()` rejects after this many deliveries in one call. Default 1000. */
  readonly maxDeliveriesPerSettle?: number;
  readonly cloudId?: string;
  readonly siteUrl?: string;
}

export interface InvokeUiOptions {
  readonly accountId: string;
  /** Module-specific extension fields, e.g. `{ issue: { id, key, type, typeId }, project: { id, key, type } }`. */
  readonly extension?: Record<string, unknown>;
  readonly localId?: string;
}

export interface QueueDeliveryOptions {
  readonly duplicateDeliveries?: boolean;
  readonly shuffle?: boolean;
  readonly seed?: number;
  /** Deliveries run at once by `settle()` (Forge runs them in parallel). Default 1. */
  readonly parallel?: number;
}

export type PlatformCall = 'kvs' | 'jira' | 'confluence' | 'egress' | 'queue';

/**
 * Virtual cost of one platform call. Forge publishes no latency figures; these are conservative
 * medians (README, "Invocation time limits"), so a handler's elapsed time grows with the calls it
 * makes and a cut-off can be reached without waiting for it.
 */
export const RUNTIME_LATENCY_MS: Readonly<Record<PlatformCall, number>> = {
  kvs: 15,
  jira: 150,
  confluence: 150,
  egress: 200,
  queue: 30,
};

/** Thrown into the platform hooks once an invocation has passed its time limit. */
export class InvocationTimedOutError extends Error {
  constructor(readonly moduleKey: string, readonly limitSeconds: number) {
    super(`forge-runtime: invocation of '${moduleKey}' passed its ${limitSeconds} s limit (FUNCTION_TIME_OUT); it was stopped and its platform calls are refused`);
    this.name = 'InvocationTimedOutError';
  }
}

export type InvocationKind = 'resolver' | 'trigger' | 'consumer' | 'scheduled' | 'webtrigger';
export type InvocationOutcome =
  | 'ok'
  | 'error'
  | 'retry'
  | 'retry-cap-reached'
  | 'filtered-self'
  | 'dropped-too-large'
  | 'cancelled'
  /** Cut off at its time limit; a consumer or trigger is then redelivered (FUNCTION_TIME_OUT). */
  | 'timeout';

export interface InvocationRecord {
  readonly kind: InvocationKind;
  /** Module key (resolver: the UI module; trigger/consumer/scheduled: the module). */
  readonly key: string;
  readonly functionKey?: string;
  readonly eventType?: string;
  readonly eventId?: string;
  readonly outcome: InvocationOutcome;
  readonly retryCount: number;
  /** Seconds the handler asked to wait (InvocationError), after Forge's clamp to 1..900. */
  readonly retryAfterSeconds?: number;
  /** What the handler asked for, when Forge had to clamp it (e.g. 3600 → 900): an app bug to assert on. */
  readonly requestedRetryAfterSeconds?: number;
  /** Scheduled triggers: the response's statusCode (Forge records 424 for a malformed one). */
  readonly statusCode?: number;
  readonly error?: string;
  readonly at: number;
}

export interface KvsInspector {
  get(key: string): unknown;
  /** Seeds a value directly (test setup), with the same key/size rules as the SDK path. */
  set(key: string, value: unknown): void;
  entries(prefix?: string): Array<{ key: string; value: unknown }>;
  secretKeys(): string[];
  /** Seeds a secret directly (test setup), as `kvs.setSecret` would store it. */
  setSecret(key: string, value: unknown): void;
  /** Reads a secret directly (assertions only: resolvers must never return one). */
  getSecret(key: string): unknown;
  readonly size: number;
  /** Everything stored, with TTLs, and back (the sandbox's `--state FILE`). */
  dump(): KvsDump;
  restore(dump: KvsDump): void;
  /** Requests and 10 KB read/write units the app's KVS calls were charged (inspection calls are free). */
  usage(): KvsUsage;
  resetUsage(): void;
}

export interface ForgeRuntime {
  invokeUi(moduleKey: string, functionKey: string, payload: unknown, options: InvokeUiOptions): Promise<unknown>;
  /** Enqueues delivery to every trigger listening to `payload.eventType`; returns how many were enqueued. */
  emitProductEvent(payload: Record<string, unknown>): number;
  /**
   * Runs the trigger's function once; resolves to its response, rejects (424) if it returned none,
   * and resolves `'timeout'` when the run was cut off at its limit (scheduled triggers are not retried).
   */
  runScheduledTrigger(key: string): Promise<ScheduledTriggerResult | 'timeout'>;
  /** Calls a web trigger as an outside HTTP caller would (no user behind it); see web-trigger-service.ts. */
  invokeWebTrigger(key: string, request: WebTriggerRequest): Promise<WebTriggerResponse>;
  /** The URL `webTrigger.getUrl(key)` returns for this installation. */
  webTriggerUrl(key: string): string;
  settle(): Promise<void>;
  /** Virtual time: the clock option plus the waits the runtime compressed or a test skipped. */
  now(): number;
  /** Moves virtual time on (quota windows, TTLs, delivery times), as if the app sat idle. */
  advance(ms: number): void;
  /**
   * What Forge would bill so far: invocations and their elapsed seconds (real time plus virtual
   * call latency, capped at each one's limit). `resetUsage` also resets the KVS counters.
   */
  invocationUsage(): { invocations: number; invocationSeconds: number };
  resetUsage(): void;
  /** Changes the virtual latency of platform calls from now on (e.g. a slow ZeroPath for one run). */
  setLatency(latency: Partial<Record<PlatformCall, number>>): void;
  queueOptions(options: QueueDeliveryOptions): void;
  readonly pendingDeliveries: number;
  readonly kvs: KvsInspector;
  /** Forge LLMs: the requests the app sent and the stand-in model that answers them. */
  readonly llm: LlmInspector;
  readonly log: readonly InvocationRecord[];
  close(): void;
}

/**
 * A scheduled trigger's response (scheduled-trigger events reference): `statusCode` is required,
 * 204 is success, 5xx an error; anything else is recorded by Forge as 424 Failed dependency.
 */
export const scheduledTriggerResponseSchema = z.strictObject({
  statusCode: z.number().int(),
  body: z.string().optional(),
  headers: z.record(z.string(), z.array(z.string())).optional(),
  statusText: z.string().optional(),
});
export type ScheduledTriggerResult = z.infer<typeof scheduledTriggerResponseSchema>;

/** Documented delivery rules (reference §2.3, §3.5, §4.3). */
export const DELIVERY_RULES = {
  maxRetries: 4,
  maxRetryAfterSeconds: 900,
  minRetryAfterSeconds: 1,
  maxRetryDataBytes: 4 * 1024,
  maxProductEventBytes: 200 * 1000,
  /** Third-party observation: a consumer that throws is retried about 40 s later. */
  consumerErrorRetryAfterSeconds: 40,
  uiTimeoutSeconds: 25,
  defaultTimeoutSeconds: 55,
  /** limits-invocation: consumer and scheduled-trigger functions may ask for up to 900 s. */
  maxTimeoutSeconds: 900,
  /** Platform errors (FUNCTION_TIME_OUT) are retried; the delay is not documented, so the 3p 40 s. */
  timeoutRetryAfterSeconds: 40,
} as const;

/** Proxy error this runtime answers for `requestConfluence` when Confluence is not connected (inferred; see README). */
export const CONFLUENCE_NOT_CONNECTED = 'CONFLUENCE_NOT_CONNECTED';

const INTERNAL_SERVER_ERROR: WebTriggerResponse = { statusCode: 500, headers: {}, body: 'Internal Server Error' };

const ISSUE_MODULES = new Set(['jira:issuePanel', 'jira:issueContext', 'jira:issueAction', 'jira:issueActivity', 'jira:issueGlance']);
const PROJECT_MODULES = new Set(['jira:projectPage', 'jira:projectSettingsPage']);

interface InvocationScope {
  readonly invocationId: string;
  readonly moduleKey: string;
  readonly accountId: string | undefined;
  readonly limitMs: number;
  readonly startedReal: number;
  readonly countRealTime: boolean;
  /** Virtual latency of the platform calls made so far. */
  chargedMs: number;
  /** Platform calls of this invocation not yet answered. */
  inFlight: number;
  cutOff: boolean;
  timer: NodeJS.Timeout | undefined;
  onCutOff: () => void;
}

interface PendingDelivery {
  readonly seq: number;
  readonly dueAt: number;
  readonly kind: 'trigger' | 'consumer';
  readonly moduleKey: string;
  readonly functionKey: string;
  /** Already JSON round-tripped. */
  readonly payload: Record<string, unknown>;
  readonly retryCount: number;
  readonly retryContext: Record<string, unknown> | undefined;
  readonly queue?: { readonly jobId: string; readonly eventId: string; readonly method: string | undefined };
}

const retryRequestSchema = z.object({
  _retry: z.literal(true),
  retryOptions: z
    .object({ retryAfter: z.number().optional(), retryReason: z.string().optional(), retryData: z.unknown().optional() })
    .optional(),
});

const productEventSchema = z.looseObject({ eventType: z.string().min(1) });
const optionsSchema = z.object({
  manifest: z.string().min(1),
  handlers: z.record(z.string(), z.unknown()),
  jiraBaseUrl: z.url(),
  confluenceBaseUrl: z.url().optional(),
  egress: z.record(z.string(), z.string()).optional(),
  retryDelayScale: z.number().min(0).optional(),
  maxDeliveriesPerSettle: z.number().int().positive().optional(),
  latencyMs: z.partialRecord(z.enum(['kvs', 'jira', 'confluence', 'egress', 'queue']), z.number().min(0)).optional(),
  functionTimeoutSeconds: z.record(z.string(), z.number().positive()).optional(),
  strict: z.boolean().optional(),
  countRealTime: z.boolean().optional(),
  virtualDate: z.boolean().optional(),
  ignoreSelfDropsAsUserEvents: z.boolean().optional(),
});

interface ForgeGlobals {
  __forge_runtime__?: unknown;
  __forge_fetch__?: unknown;
}
const forgeGlobals = globalThis as unknown as ForgeGlobals;
let runtimeInstalled = false;

/** The process's own clock, kept before a runtime with `virtualDate` stands in for `Date`. */
const RealDate = globalThis.Date;
const realNow = (): number => RealDate.now();

/**
 * `Date` on the virtual clock: `new Date()`, `Date.now()` and `Date()` read `now`; everything else
 * (`Date.parse`, `Date.UTC`, `new Date(value)`, `instanceof Date`, the prototype) is the real `Date`.
 */
function virtualDateOf(virtualNow: () => number): DateConstructor {
  // A `clock` option that itself reads `Date.now()` means the process's clock: inside the virtual
  // clock's own reading, `Date` is the real one (else the two would call each other for ever).
  let reading = false;
  const now = (): number => {
    if (reading) return realNow();
    reading = true;
    try {
      return virtualNow();
    } finally {
      reading = false;
    }
  };
  return new Proxy(RealDate, {
    construct: (target, args, newTarget) => Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget) as object,
    apply: () => new RealDate(now()).toString(),
    get: (target, property, receiver) => (property === 'now' ? now : Reflect.get(target, property, receiver)) as unknown,
  });
}

export async function createForgeRuntime(options: ForgeRuntimeOptions): Promise<ForgeRuntime> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new Error(`forge-runtime: invalid options: ${z.prettifyError(parsed.error)}`);
  if (runtimeInstalled || forgeGlobals.__forge_runtime__ !== undefined || forgeGlobals.__forge_fetch__ !== undefined) {
    throw new Error('forge-runtime: another runtime is installed (the SDKs read globals); close() it first');
  }
  const runtime = new ForgeRuntimeImpl(options, loadRuntimeManifest(options.manifest));
  runtime.install();
  try {
    await verifyFetchHook();
  } catch (error) {
    runtime.close();
    throw error;
  }
  return runtime;
}

async function verifyFetchHook(): Promise<void> {
  try {
    await forgeApiFetch(PROBE_URL);
  } catch {
    throw new Error(
      "forge-runtime: @forge/api captured Node's fetch before the runtime's fetch hook was installed, so egress rules " +
        'could not apply. Import test/forge-runtime (index.ts) before any module that imports @forge/api.',
    );
  }
}

class ForgeRuntimeImpl implements ForgeRuntime {
  private readonly scope = new AsyncLocalStorage<InvocationScope>();
  private readonly store: KvsStore;
  readonly llm: LlmStandIn;
  private readonly queue: QueueService;
  private readonly webTriggerUrls: WebTriggerUrls;
  private readonly egressPolicy: EgressPolicy;
  private readonly pending: PendingDelivery[] = [];
  private readonly records: InvocationRecord[] = [];
  private readonly baseNow: () => number;
  private offsetMs = 0;
  private billed = { invocations: 0, ms: 0 };
  private readonly delayScale: number;
  private latency: Readonly<Record<PlatformCall, number>>;
  private readonly strict: boolean;
  private readonly maxDeliveries: number;
  private readonly cloudId: string;
  private readonly siteUrl: string;
  private readonly installationId = randomUUID();
  private readonly environmentId = randomUUID();
  private readonly jiraBase: URL;
  private readonly confluenceBase: URL | undefined;
  private seq = 0;
  private delivery: { duplicate: boolean; shuffle: boolean; random: () => number; parallel: number } = {
    duplicate: false,
    shuffle: false,
    random: seededRandom(1),
    parallel: 1,
  };
  private closed = false;

  constructor(
    private readonly options: ForgeRuntimeOptions,
    private readonly manifest: RuntimeManifest,
  ) {
    const clock = options.clock;
    this.baseNow = clock === undefined ? realNow : () => clock.now();
    this.delayScale = options.retryDelayScale ?? 0.001;
    this.latency = { ...RUNTIME_LATENCY_MS, ...options.latencyMs };
    this.strict = options.strict ?? true;
    this.maxDeliveries = options.maxDeliveriesPerSettle ?? 1000;
    this.cloudId = options.cloudId ?? 'local-cloud-0001';
    this.siteUrl = options.siteUrl ?? 'https://zeropath-dev.atlassian.net';
    this.jiraBase = new URL(options.jiraBaseUrl);
    this.confluenceBase = options.confluenceBaseUrl === undefined ? undefined : new URL(options.confluenceBaseUrl);
    this.store = new KvsStore(() => this.now(), () => this.strict);
    this.llm = new LlmStandIn(manifest.llmFamilies);
    this.egressPolicy = buildEgressPolicy(manifest.backendEgress, options.egress ?? {});
    this.queue = new QueueService(new Set(manifest.consumers.map((c) => c.queue)), () => this.now(), (event) =>
      this.acceptQueueEvent(event),
    );
    this.webTriggerUrls = new WebTriggerUrls(this.installationId, new Set(manifest.webTriggers.map((t) => t.key)));
    // Fail at creation, as `forge lint`/deploy would, rather than at first invocation.
    for (const fn of manifest.functions.values()) this.handlerFor(fn.key);
    for (const [key, seconds] of Object.entries(options.functionTimeoutSeconds ?? {})) {
      if (!manifest.functions.has(key)) throw new Error(`forge-runtime: functionTimeoutSeconds names no function '${key}'`);
      const documented = this.documentedTimeoutOf(key);
      if (seconds > documented) {
        throw new Error(`forge-runtime: functionTimeoutSeconds may only shorten a limit ('${key}' has ${documented} s, asked ${seconds} s)`);
      }
    }
  }

  now(): number {
    return this.baseNow() + this.offsetMs;
  }

  invocationUsage(): { invocations: number; invocationSeconds: number } {
    return { invocations: this.billed.invocations, invocationSeconds: this.billed.ms / 1000 };
  }

  resetUsage(): void {
    this.billed = { invocations: 0, ms: 0 };
    this.store.resetUsage();
  }

  setLatency(latency: Partial<Record<PlatformCall, number>>): void {
    this.latency = { ...this.latency, ...latency };
  }

  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error('forge-runtime: advance() takes a non-negative number of milliseconds');
    this.offsetMs += ms;
  }

  // ---- global hooks ----

  install(): void {
    const scopeOf = () => this.scope.getStore();
    const appId = this.manifest.appId;
    const environmentId = this.environmentId;
    const installationId = this.installationId;
    const backend = this.manifest.backendEgress;
    forgeGlobals.__forge_runtime__ = {
      get appContext() {
        const scope = scopeOf();
        return {
          appId,
          appVersion: '1.0.0',
          environmentId,
          environmentType: 'DEVELOPMENT',
          invocationId: scope?.invocationId,
          installationId,
          moduleKey: scope?.moduleKey,
          permissions: { scopes: [], external: { fetch: { backend } } },
        };
      },
      lambdaContext: {
        getRemainingTimeInMillis: () => {
          const scope = scopeOf();
          if (scope === undefined) throw new Error('forge-runtime: no invocation in progress');
          return Math.max(0, scope.limitMs - elapsedOf(scope));
        },
      },
      metrics: {
        counter: () => ({ incr: () => undefined }),
        timing: () => ({ measure: () => ({ stop: () => undefined }) }),
      },
      tracing: { traceId: randomUUID().replace(/-/g, ''), spanId: randomUUID().slice(0, 16) },
    };
    forgeGlobals.__forge_fetch__ = (target: unknown, path: string, init?: RequestInit) => this.forgeFetch(target, path, init);
    setActiveEgress((input, init) => this.egressFetch(input, init));
    if (this.options.virtualDate === true) globalThis.Date = virtualDateOf(() => this.now());
    runtimeInstalled = true;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    // Only one runtime can be installed, so an open one owns the globals.
    delete forgeGlobals.__forge_runtime__;
    delete forgeGlobals.__forge_fetch__;
    setActiveEgress(undefined);
    globalThis.Date = RealDate;
    runtimeInstalled = false;
  }

  private async forgeFetch(target: unknown, path: string, init: RequestInit | undefined): Promise<Response> {
    this.assertOpen();
    const t = z
      .object({ type: z.string(), provider: z.string().optional(), remote: z.string().optional(), accountId: z.string().optional(), model: z.string().optional() })
      .parse(target);
    if (t.type === 'llm') return this.llm.handle(t.model, init, this.scope.getStore() !== undefined);
    const bodyText = typeof init?.body === 'string' ? init.body : '';
    if (t.type === 'kvs') return this.tracked('kvs', () => this.store.handle(path, bodyText));
    if (t.type === 'fpp' && t.remote === 'jira') return this.tracked('jira', () => this.forwardToJira(t.provider, t.accountId, path, init));
    if (t.type === 'fpp' && t.remote === 'confluence')
      return this.tracked('confluence', () => this.forwardToConfluence(t.provider, t.accountId, path, init));
    if (t.type === 'fpp' && t.remote === 'stargate' && path === '/graphql') {
      const answered = this.webTriggerUrls.handleGraphql(bodyText);
      if (answered !== undefined) return answered;
    }
    if (t.type === 'fpp' && t.remote === 'stargate') {
      const answered = await this.tracked('queue', () => Promise.resolve(this.queue.handle(path, bodyText)));
      if (answered !== undefined) return answered;
    }
    throw new Error(`forge-runtime: ${t.type}/${t.remote ?? '-'} request to ${path} is not emulated`);
  }

  private async forwardToJira(provider: string | undefined, accountId: string | undefined, path: string, init: RequestInit | undefined): Promise<Response> {
    // `asApp()` and the bare `requestJira` export both run with the app's identity here.
    return this.forwardToProduct(this.jiraBase, provider === 'user' ? 'user' : 'app', accountId, path, init);
  }

  private async forwardToConfluence(provider: string | undefined, accountId: string | undefined, path: string, init: RequestInit | undefined): Promise<Response> {
    if (this.confluenceBase === undefined) {
      // Confluence is an optional compatible app that no admin connected on this site. Forge does
      // not document the answer; the strictest reading is a proxy refusal, which @forge/api raises
      // as ProxyRequestError (the code is this runtime's choice).
      return new Response(null, { status: 403, headers: { 'forge-proxy-error': CONFLUENCE_NOT_CONNECTED } });
    }
    // The bare `requestConfluence` is documented as unauthenticated: it reaches Confluence as anonymous.
    const kind = provider === 'user' ? 'user' : provider === 'app' ? 'app' : 'anonymous';
    return this.forwardToProduct(this.confluenceBase, kind, accountId, path, init);
  }

  private async forwardToProduct(
    base: URL,
    kind: 'app' | 'user' | 'anonymous',
    accountId: string | undefined,
    path: string,
    init: RequestInit | undefined,
  ): Promise<Response> {
    let principal: Principal;
    if (kind === 'user') {
      const who = accountId ?? this.scope.getStore()?.accountId;
      // No user behind this invocation (trigger, consumer, schedule): Forge's proxy answers
      // NEEDS_AUTHENTICATION_ERR, which @forge/api raises as NeedsAuthenticationError.
      if (who === undefined) return new Response(null, { status: 401, headers: { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR' } });
      principal = { kind: 'user', accountId: who, viaApp: true };
    } else {
      principal = kind === 'app' ? { kind: 'app' } : { kind: 'anonymous' };
    }
    const headers = new Headers(init?.headers);
    // The app must not be able to pose as someone else to the simulator.
    headers.delete(ACTOR_HEADER);
    headers.delete(VIA_APP_HEADER);
    for (const [name, value] of Object.entries(principalHeaders(principal))) headers.set(name, value);
    const url = new URL(base.href);
    const [pathname, search] = splitPath(path);
    url.pathname = `${url.pathname.replace(/\/$/, '')}${pathname}`;
    url.search = search;
    return nativeFetch()(url, { ...init, headers });
  }

  private egressFetch(input: Parameters<FetchFn>[0], init: Parameters<FetchFn>[1]): Promise<Response> | undefined {
    if (this.scope.getStore() === undefined) return undefined;
    let release: () => void = () => undefined;
    try {
      release = this.charge('egress');
      const request = input instanceof Request ? input : undefined;
      const original = new URL(request?.url ?? (input instanceof URL ? input.href : input));
      const target = routeEgress(this.egressPolicy, original);
      const headers = new Headers(request?.headers);
      new Headers(init?.headers).forEach((value, name) => headers.set(name, value));
      // Simulators serving several tenants read the host the app meant to call.
      headers.set('x-forwarded-host', original.host);
      headers.set('x-forwarded-proto', original.protocol.replace(':', ''));
      const sent =
        request === undefined
          ? nativeFetch()(target, { ...init, headers })
          : nativeFetch()(new Request(target, request), { ...init, headers });
      return sent.finally(release);
    } catch (error) {
      release();
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  // ---- invokers ----

  async invokeUi(moduleKey: string, functionKey: string, payload: unknown, options: InvokeUiOptions): Promise<unknown> {
    this.assertOpen();
    const module = this.manifest.uiModules.get(moduleKey);
    if (module === undefined) throw new Error(`forge-runtime: no UI module '${moduleKey}' in the manifest`);
    if (module.resolverFunction === undefined) throw new Error(`forge-runtime: module '${moduleKey}' has no resolver`);
    const extension: Record<string, unknown> = { ...(options.extension ?? {}), type: module.type };
    if (ISSUE_MODULES.has(module.type) && (extension['issue'] === undefined || extension['project'] === undefined)) {
      throw new Error(`forge-runtime: ${module.type} '${moduleKey}' needs extension.issue and extension.project`);
    }
    if (PROJECT_MODULES.has(module.type) && extension['project'] === undefined) {
      throw new Error(`forge-runtime: ${module.type} '${moduleKey}' needs extension.project`);
    }
    const handler = this.handlerFor(module.resolverFunction);
    const context = {
      accountId: options.accountId,
      accountType: 'licensed',
      cloudId: this.cloudId,
      moduleKey,
      localId: options.localId ?? `${moduleKey}-local-1`,
      siteUrl: this.siteUrl,
      environmentType: 'DEVELOPMENT',
      environmentId: this.environmentId,
      extension,
    };
    // The bridge serialises what the browser sends; nothing but JSON reaches the function.
    const request = roundTrip({ call: { functionKey, payload: payload ?? {} }, context });
    const backend = {
      principal: { accountId: options.accountId },
      installContext: `ari:cloud:jira::site/${this.cloudId}`,
      installation: { ari: `ari:cloud:ecosystem::installation/${this.installationId}` },
    };
    const base = { kind: 'resolver' as const, key: moduleKey, functionKey, retryCount: 0 };
    try {
      const result = await this.runInScope(moduleKey, options.accountId, this.uiTimeoutOf(module.resolverFunction), () => handler(request, backend));
      this.record({ ...base, outcome: 'ok' });
      return result === undefined ? undefined : roundTrip(result);
    } catch (error) {
      // A resolver past 25 s: the bridge call fails; nothing is retried.
      this.record({ ...base, outcome: error instanceof InvocationTimedOutError ? 'timeout' : 'error', error: describeError(error) });
      throw error;
    }
  }

  emitProductEvent(payload: Record<string, unknown>): number {
    this.assertOpen();
    // Forge's event references document users as `{ accountId }` only: richer user objects a
    // simulator sends are cut down, so the app cannot come to rely on them.
    const event = productEventSchema.parse(minimalEventPayload(roundTrip(payload)));
    const size = Buffer.byteLength(JSON.stringify(event));
    let enqueued = 0;
    for (const trigger of this.manifest.triggers) {
      const subscription = subscriptionFor(trigger, event.eventType);
      if (subscription === undefined) continue;
      const base = { kind: 'trigger' as const, key: trigger.key, functionKey: trigger.function, eventType: event.eventType, retryCount: 0 };
      if (subscription.filter?.ignoreSelf === true && this.isSelfEvent(event)) {
        this.record({ ...base, outcome: 'filtered-self' });
        continue;
      }
      if (size > DELIVERY_RULES.maxProductEventBytes) {
        this.record({ ...base, outcome: 'dropped-too-large', error: `payload is ${size} bytes` });
        continue;
      }
      this.enqueue({ kind: 'trigger', moduleKey: trigger.key, functionKey: trigger.function, payload: event, retryCount: 0, retryContext: undefined }, 0, true);
      enqueued += 1;
    }
    return enqueued;
  }

  async runScheduledTrigger(key: string): Promise<ScheduledTriggerResult | 'timeout'> {
    this.assertOpen();
    const trigger = this.manifest.scheduledTriggers.find((t) => t.key === key);
    if (trigger === undefined) throw new Error(`forge-runtime: no scheduledTrigger '${key}' in the manifest`);
    const handler = this.handlerFor(trigger.function);
    const base = { kind: 'scheduled' as const, key, functionKey: trigger.function, retryCount: 0 };
    let result: unknown;
    try {
      result = await this.runInScope(key, undefined, this.timeoutOf(trigger.function), () =>
        handler({ context: { cloudId: this.cloudId, moduleKey: key } }, this.backendContext()),
      );
    } catch (error) {
      if (error instanceof InvocationTimedOutError) {
        // Cut off: the run's result is discarded and a scheduled trigger is never retried.
        this.record({ ...base, outcome: 'timeout', error: describeError(error) });
        return 'timeout';
      }
      // Scheduled triggers are not retried on error (scheduled-trigger reference).
      this.record({ ...base, outcome: 'error', error: describeError(error) });
      throw error;
    }
    const response = scheduledTriggerResponseSchema.safeParse(result);
    if (!response.success) {
      const message =
        `forge-runtime: scheduled trigger '${key}' returned ${describeValue(result)}; Forge records 424 Failed dependency. ` +
        'Return { statusCode: 204 } (statusCode required; body, headers, statusText optional; scheduled-trigger events reference).';
      this.record({ ...base, outcome: 'error', statusCode: 424, error: message });
      throw new Error(message);
    }
    const { statusCode } = response.data;
    this.record(
      statusCode >= 500
        ? { ...base, outcome: 'error', statusCode, error: `statusCode ${statusCode}${response.data.statusText ? ` ${response.data.statusText}` : ''}` }
        : { ...base, outcome: 'ok', statusCode },
    );
    return response.data;
  }

  async invokeWebTrigger(key: string, request: WebTriggerRequest): Promise<WebTriggerResponse> {
    this.assertOpen();
    const trigger = this.manifest.webTriggers.find((t) => t.key === key);
    if (trigger === undefined) throw new Error(`forge-runtime: no webtrigger '${key}' in the manifest`);
    if (trigger.response?.type === 'static') {
      throw new Error(`forge-runtime: webtrigger '${key}' is static (fixed outputs); only dynamic web triggers are emulated`);
    }
    const handler = this.handlerFor(trigger.function);
    const event = roundTrip(toWebTriggerEvent(request, this.webTriggerUrls.idFor(key)));
    const base = { kind: 'webtrigger' as const, key, functionKey: trigger.function, retryCount: 0 };
    try {
      // Web triggers have the 55 s limit and no user (web-trigger reference).
      const result = await this.runInScope(key, undefined, DELIVERY_RULES.defaultTimeoutSeconds, () => handler(event, this.backendContext()));
      const response = toWebTriggerResponse(result === undefined ? undefined : roundTrip(result));
      if (response === undefined) {
        this.record({ ...base, outcome: 'error', error: 'result is not a web-trigger response ({ statusCode, headers?, body? })' });
        return INTERNAL_SERVER_ERROR;
      }
      this.record({ ...base, outcome: 'ok' });
      return response;
    } catch (error) {
      // A throwing web-trigger function answers 500 to the caller; it is not retried.
      this.record({ ...base, outcome: 'error', error: describeError(error) });
      return INTERNAL_SERVER_ERROR;
    }
  }

  webTriggerUrl(key: string): string {
    return this.webTriggerUrls.urlFor(key);
  }

  async settle(): Promise<void> {
    this.assertOpen();
    let deliveries = 0;
    while (this.pending.length > 0) {
      deliveries += 1;
      if (deliveries > this.maxDeliveries) {
        const next = this.pending[0];
        throw new Error(
          `forge-runtime: settle() stopped after ${this.maxDeliveries} deliveries; still pending ${this.pending.length} ` +
            `(next: ${next?.kind} '${next?.moduleKey}'). A handler probably re-enqueues work forever.`,
        );
      }
      const batch = [this.takeNext()];
      while (batch.length < this.delivery.parallel && this.pending.length > 0 && deliveries < this.maxDeliveries) {
        batch.push(this.takeNext());
        deliveries += 1;
      }
      await this.waitUntil(Math.max(...batch.map((d) => d.dueAt)));
      await Promise.all(batch.map((d) => this.deliver(d)));
    }
  }

  /** Waits `retryDelayScale` of the time to `dueAt` for real and skips the rest on the virtual clock. */
  private async waitUntil(dueAt: number): Promise<void> {
    const wait = dueAt - this.now();
    if (wait <= 0) return;
    const real = wait * this.delayScale;
    if (real >= 1) await new Promise((resolve) => setTimeout(resolve, real));
    const behind = dueAt - this.now();
    if (behind > 0) this.offsetMs += behind;
  }

  queueOptions(options: QueueDeliveryOptions): void {
    this.delivery = {
      duplicate: options.duplicateDeliveries ?? false,
      shuffle: options.shuffle ?? false,
      random: seededRandom(options.seed ?? 1),
      parallel: Math.max(1, Math.floor(options.parallel ?? 1)),
    };
  }

  get pendingDeliveries(): number {
    return this.pending.length;
  }

  get log(): readonly InvocationRecord[] {
    return this.records;
  }

  get kvs(): KvsInspector {
    const store = this.store;
    const sizeOf = () => store.size;
    return {
      get: (key) => store.peek(key),
      set: (key, value) => store.seed(key, value),
      entries: (prefix) => store.entries(prefix),
      secretKeys: () => store.secretKeys(),
      setSecret: (key, value) => store.seedSecret(key, value),
      getSecret: (key) => store.peekSecret(key),
      dump: () => store.dump(),
      restore: (dump) => store.restore(dump),
      usage: () => store.usage(),
      resetUsage: () => store.resetUsage(),
      get size() {
        return sizeOf();
      },
    };
  }

  // ---- delivery ----

  private acceptQueueEvent(event: AcceptedQueueEvent): void {
    const consumer = this.manifest.consumers.find((c) => c.queue === event.queueName);
    if (consumer === undefined) throw new Error(`forge-runtime: no consumer for queue ${event.queueName}`);
    const payload = roundTrip({
      body: event.body,
      queueName: event.queueName,
      jobId: event.jobId,
      eventId: event.eventId,
      ...(event.delayInSeconds > 0 ? { delayInSeconds: event.delayInSeconds } : {}),
      ...(event.concurrency === undefined ? {} : { concurrency: event.concurrency }),
    });
    this.enqueue(
      {
        kind: 'consumer',
        moduleKey: consumer.key,
        functionKey: consumerFunction(consumer),
        payload,
        retryCount: 0,
        retryContext: undefined,
        queue: { jobId: event.jobId, eventId: event.eventId, method: 'resolver' in consumer ? consumer.resolver.method : undefined },
      },
      event.delayInSeconds,
      true,
    );
  }

  private enqueue(delivery: Omit<PendingDelivery, 'seq' | 'dueAt'>, delaySeconds: number, fresh: boolean): void {
    const dueAt = this.now() + delaySeconds * 1000;
    this.pending.push({ ...delivery, seq: this.seq++, dueAt });
    // At-least-once: a first delivery may be repeated; retries are already repeats.
    if (fresh && this.delivery.duplicate) this.pending.push({ ...delivery, seq: this.seq++, dueAt });
  }

  private takeNext(): PendingDelivery {
    let index = 0;
    if (this.delivery.shuffle) {
      index = Math.floor(this.delivery.random() * this.pending.length);
    } else {
      this.pending.forEach((candidate, i) => {
        const best = this.pending[index];
        if (best !== undefined && (candidate.dueAt < best.dueAt || (candidate.dueAt === best.dueAt && candidate.seq < best.seq))) index = i;
      });
    }
    const [next] = this.pending.splice(index, 1);
    if (next === undefined) throw new Error('forge-runtime: nothing pending');
    return next;
  }

  private async deliver(delivery: PendingDelivery): Promise<void> {
    const base = {
      kind: delivery.kind,
      key: delivery.moduleKey,
      functionKey: delivery.functionKey,
      retryCount: delivery.retryCount,
      ...(typeof delivery.payload['eventType'] === 'string' ? { eventType: delivery.payload['eventType'] } : {}),
      ...(delivery.queue === undefined ? {} : { eventId: delivery.queue.eventId }),
    };
    if (delivery.queue !== undefined && !this.queue.isDeliverable(delivery.queue.jobId, delivery.queue.eventId)) {
      this.record({ ...base, outcome: 'cancelled' });
      return;
    }
    const handler = this.handlerFor(delivery.functionKey);
    const event: Record<string, unknown> = roundTrip({
      ...delivery.payload,
      ...(delivery.retryContext === undefined ? {} : { retryContext: delivery.retryContext }),
    });
    let result: unknown;
    try {
      result = await this.runInScope(delivery.moduleKey, undefined, this.timeoutOf(delivery.functionKey), () =>
        delivery.queue?.method === undefined
          ? handler(event, this.backendContext())
          : handler({ call: { functionKey: delivery.queue.method, payload: event['body'], jobId: delivery.queue.jobId }, context: {} }, this.backendContext()),
      );
    } catch (error) {
      if (error instanceof InvocationTimedOutError) {
        // FUNCTION_TIME_OUT is a platform error: the event is delivered again (at most 4 retries).
        this.retryOrFail(delivery, base, DELIVERY_RULES.timeoutRetryAfterSeconds, 'FUNCTION_TIME_OUT', undefined, describeError(error), 'timeout');
        return;
      }
      if (delivery.kind === 'consumer') {
        // Observed [3p]: a consumer that throws is retried by the platform; triggers are not.
        this.retryOrFail(delivery, base, DELIVERY_RULES.consumerErrorRetryAfterSeconds, 'FUNCTION_ERROR_HOSTED_APP_CODE', undefined, describeError(error));
      } else {
        this.record({ ...base, outcome: 'error', error: describeError(error) });
      }
      return;
    }
    const retry = retryRequestSchema.safeParse(result);
    if (!retry.success) {
      this.record({ ...base, outcome: 'ok' });
      if (delivery.queue !== undefined) this.queue.settleEvent(delivery.queue.jobId, delivery.queue.eventId, 'success');
      return;
    }
    const requested = retry.data.retryOptions?.retryAfter ?? DELIVERY_RULES.minRetryAfterSeconds;
    // Forge lowers retryAfter above 900 s to 900 (async events reference, RetryOptions); the
    // requested value is kept on the record so a test can hold the app to the cap.
    const retryAfter = Math.min(DELIVERY_RULES.maxRetryAfterSeconds, Math.max(DELIVERY_RULES.minRetryAfterSeconds, requested));
    const asked = retryAfter === requested ? {} : { requestedRetryAfterSeconds: requested };
    const retryData = retry.data.retryOptions?.retryData;
    if (retryData !== undefined && (typeof retryData !== 'object' || retryData === null || Buffer.byteLength(JSON.stringify(retryData)) > DELIVERY_RULES.maxRetryDataBytes)) {
      this.record({ ...base, outcome: 'error', error: 'InvocationError retryData must be an object of at most 4 KB; not retried' });
      if (delivery.queue !== undefined) this.queue.settleEvent(delivery.queue.jobId, delivery.queue.eventId, 'failed');
      return;
    }
    this.retryOrFail(delivery, { ...base, ...asked }, retryAfter, retry.data.retryOptions?.retryReason ?? 'FUNCTION_RETRY_REQUEST', retryData, undefined);
  }

  private retryOrFail(
    delivery: PendingDelivery,
    base: Omit<InvocationRecord, 'outcome' | 'at'>,
    retryAfter: number,
    retryReason: string,
    retryData: unknown,
    error: string | undefined,
    retryOutcome: 'retry' | 'timeout' = 'retry',
  ): void {
    const withError = error === undefined ? {} : { error };
    if (delivery.retryCount >= DELIVERY_RULES.maxRetries) {
      if (retryOutcome === 'timeout') this.record({ ...base, ...withError, outcome: 'timeout' });
      this.record({ ...base, ...withError, outcome: 'retry-cap-reached', retryAfterSeconds: retryAfter });
      if (delivery.queue !== undefined) this.queue.settleEvent(delivery.queue.jobId, delivery.queue.eventId, 'failed');
      return;
    }
    this.record({ ...base, ...withError, outcome: retryOutcome, retryAfterSeconds: retryAfter });
    const retryCount = delivery.retryCount + 1;
    const { seq: _seq, dueAt: _dueAt, ...rest } = delivery;
    this.enqueue(
      { ...rest, retryCount, retryContext: { retryCount, retryReason, ...(retryData === undefined ? {} : { retryData }) } },
      retryAfter,
      false,
    );
  }

  // ---- helpers ----

  /**
   * Runs a handler as one invocation with Forge's time limit. Elapsed time is real time plus the
   * virtual latency of its platform calls; past the limit the invocation is cut off: the caller
   * sees InvocationTimedOutError at once, the handler's result is discarded, and every platform call
   * it still makes is refused.
   */
  private runInScope<T>(moduleKey: string, accountId: string | undefined, timeoutSeconds: number, fn: () => Promise<T> | T): Promise<T> {
    let cutOff: (error: InvocationTimedOutError) => void = () => undefined;
    const timedOut = new Promise<never>((_, reject) => {
      cutOff = reject;
    });
    const scope: InvocationScope = {
      invocationId: randomUUID(),
      moduleKey,
      accountId,
      limitMs: timeoutSeconds * 1000,
      startedReal: realNow(),
      countRealTime: this.options.countRealTime ?? false,
      chargedMs: 0,
      inFlight: 0,
      cutOff: false,
      timer: undefined,
      onCutOff: () => {
        if (scope.cutOff) return;
        scope.cutOff = true;
        if (scope.timer !== undefined) clearTimeout(scope.timer);
        cutOff(new InvocationTimedOutError(moduleKey, timeoutSeconds));
      },
    };
    this.armTimer(scope);
    const running = this.scope.run(scope, async () => fn());
    // The handler may keep running after a cut-off; its late failure must not surface anywhere.
    running.catch(() => undefined);
    return Promise.race([running, timedOut]).finally(() => {
      if (scope.timer !== undefined) clearTimeout(scope.timer);
      this.billed.invocations += 1;
      this.billed.ms += Math.min(scope.limitMs, elapsedOf(scope));
    });
  }

  /** Real-time guard for handlers that compute rather than call the platform. */
  private armTimer(scope: InvocationScope): void {
    if (!this.strict || !scope.countRealTime) return;
    if (scope.timer !== undefined) clearTimeout(scope.timer);
    const left = scope.limitMs - elapsedOf(scope);
    scope.timer = setTimeout(() => scope.onCutOff(), Math.max(0, left));
    scope.timer.unref();
  }

  private async tracked<T>(call: PlatformCall, send: () => Promise<T>): Promise<T> {
    const release = this.charge(call);
    try {
      return await send();
    } finally {
      release();
    }
  }

  /**
   * Charges one platform call to the current invocation, or refuses it after a cut-off. Calls in
   * flight together share their latency (four parallel calls cost about one), so concurrency
   * inside a handler counts as it would on Forge. Returns the call's release.
   */
  private charge(call: PlatformCall): () => void {
    const scope = this.scope.getStore();
    if (scope === undefined) return () => undefined;
    if (scope.cutOff) throw new InvocationTimedOutError(scope.moduleKey, scope.limitMs / 1000);
    scope.inFlight += 1;
    const release = () => {
      scope.inFlight -= 1;
    };
    scope.chargedMs += this.latency[call] / scope.inFlight;
    if (!this.strict) return release;
    if (elapsedOf(scope) > scope.limitMs) {
      release();
      scope.onCutOff();
      throw new InvocationTimedOutError(scope.moduleKey, scope.limitMs / 1000);
    }
    this.armTimer(scope);
    return release;
  }

  private isSelfEvent(event: Record<string, unknown>): boolean {
    if (event['selfGenerated'] !== true) return false;
    if (this.options.ignoreSelfDropsAsUserEvents === true) return true;
    // Jira names the app's own system user as the actor of what the app did through asApp().
    return event['atlassianId'] === APP_ACCOUNT_ID;
  }

  private handlerFor(functionKey: string): (...args: unknown[]) => Promise<unknown> {
    const fn = this.manifest.functions.get(functionKey);
    if (fn === undefined) throw new Error(`forge-runtime: no function '${functionKey}' in the manifest`);
    const exportName = fn.handler.slice(fn.handler.lastIndexOf('.') + 1);
    const handler = this.options.handlers[exportName];
    if (typeof handler !== 'function') {
      throw new Error(`forge-runtime: function '${functionKey}' names handler '${fn.handler}', but the handlers module exports no function '${exportName}'`);
    }
    return handler as (...args: unknown[]) => Promise<unknown>;
  }

  /** Consumers and scheduled triggers: `timeoutSeconds` (≤ 900) or 55 s; a test may only shorten it. */
  private timeoutOf(functionKey: string): number {
    return this.options.functionTimeoutSeconds?.[functionKey] ?? this.documentedTimeoutOf(functionKey);
  }

  private documentedTimeoutOf(functionKey: string): number {
    const asked = this.manifest.functions.get(functionKey)?.timeoutSeconds ?? DELIVERY_RULES.defaultTimeoutSeconds;
    return Math.min(asked, DELIVERY_RULES.maxTimeoutSeconds);
  }

  /** UI resolvers get 25 s whatever the manifest says (limits-invocation). */
  private uiTimeoutOf(functionKey: string): number {
    return Math.min(DELIVERY_RULES.uiTimeoutSeconds, this.options.functionTimeoutSeconds?.[functionKey] ?? DELIVERY_RULES.uiTimeoutSeconds);
  }

  private backendContext(): Record<string, unknown> {
    return {
      installContext: `ari:cloud:jira::site/${this.cloudId}`,
      installation: { ari: `ari:cloud:ecosystem::installation/${this.installationId}` },
    };
  }

  private record(entry: Omit<InvocationRecord, 'at'>): void {
    this.records.push({ ...entry, at: this.now() });
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('forge-runtime: this runtime was closed');
  }
}

function elapsedOf(scope: InvocationScope): number {
  return (scope.countRealTime ? realNow() - scope.startedReal : 0) + scope.chargedMs;
}

function consumerFunction(consumer: ManifestConsumer): string {
  return 'function' in consumer ? consumer.function : consumer.resolver.function;
}

function splitPath(path: string): [string, string] {
  const index = path.indexOf('?');
  return index === -1 ? [path, ''] : [path.slice(0, index), path.slice(index)];
}

function roundTrip<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  const json = JSON.stringify(value) ?? `a ${typeof value}`;
  return json.length > 200 ? `${json.slice(0, 200)}…` : json;
}

/** mulberry32: small, seedable, good enough to reorder deliveries reproducibly. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
