/**
 * A tiny HTTP router + request log shared by the simulators (Jira, ZeroPath). It exists so each
 * simulator only declares routes and rules; parsing, logging, fault hooks and lifecycle are here.
 *
 * Design notes:
 * - Paths are matched segment by segment (`/rest/api/3/issue/:issueIdOrKey/comment`), so route
 *   lookup is O(routes) with no regex compilation per request.
 * - A `before` hook runs after the route is resolved and before the handler: simulators use it for
 *   rate limits and fault injection, and it can short-circuit with a response.
 * - The request log records what tests and the benchmark count: method, path, query, principal,
 *   parsed body, response status, time.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, type Socket } from 'node:net';
import { parsePrincipal, type Principal } from './principal';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

export interface SimRequest {
  readonly method: HttpMethod;
  /** Path without the query string, percent-decoded per segment in `params`. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly params: Readonly<Record<string, string>>;
  readonly headers: IncomingMessage['headers'];
  readonly principal: Principal;
  /** Parsed JSON body; `undefined` when the request had none. */
  readonly body: unknown;
  /** The route pattern that matched, e.g. `POST /rest/api/3/issue/bulk` (used as a rate-limit/fault key). */
  readonly routeKey: string;
}

export interface SimResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export type RouteHandler = (req: SimRequest) => SimResponse | Promise<SimResponse>;

/** Returning a response short-circuits the handler; returning `undefined` lets it run. */
export type BeforeHook = (req: SimRequest) => SimResponse | undefined | Promise<SimResponse | undefined>;

export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly principal: Principal;
  readonly body: unknown;
  readonly status: number;
  /** Epoch ms from the simulator's clock when the request arrived. */
  readonly at: number;
  readonly routeKey: string | undefined;
}

export class RequestLog {
  readonly #entries: RequestLogEntry[] = [];

  record(entry: RequestLogEntry): void {
    this.#entries.push(entry);
  }

  get entries(): readonly RequestLogEntry[] {
    return this.#entries;
  }

  /** Entries matching a method and a path prefix or predicate, for counting calls in tests. */
  filter(predicate: (entry: RequestLogEntry) => boolean): RequestLogEntry[] {
    return this.#entries.filter(predicate);
  }

  clear(): void {
    this.#entries.length = 0;
  }
}

interface CompiledRoute {
  readonly method: HttpMethod;
  readonly pattern: string;
  readonly segments: readonly string[];
  readonly handler: RouteHandler;
}

export class SimRouter {
  readonly #routes: CompiledRoute[] = [];

  add(method: HttpMethod, pattern: string, handler: RouteHandler): this {
    this.#routes.push({ method, pattern, segments: splitPath(pattern), handler });
    return this;
  }

  /** Resolves a route; `pathMatched` distinguishes 405 (path known, method not) from 404. */
  match(
    method: string,
    path: string,
  ): { route: CompiledRoute; params: Record<string, string> } | { route: undefined; pathMatched: boolean } {
    const segments = splitPath(path);
    let pathMatched = false;
    for (const route of this.#routes) {
      const params = matchSegments(route.segments, segments);
      if (params === undefined) continue;
      pathMatched = true;
      if (route.method === method) return { route, params };
    }
    return { route: undefined, pathMatched };
  }
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment.length > 0);
}

function matchSegments(pattern: readonly string[], actual: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i] as string;
    const got = actual[i] as string;
    if (expected.startsWith(':')) {
      try {
        params[expected.slice(1)] = decodeURIComponent(got);
      } catch {
        return undefined;
      }
    } else if (expected !== got) {
      return undefined;
    }
  }
  return params;
}

export interface SimServerOptions {
  readonly router: SimRouter;
  readonly log: RequestLog;
  readonly now: () => number;
  readonly port?: number;
  readonly before?: BeforeHook;
  /** Body for unknown routes and unparseable JSON, in the simulated product's error shape. */
  readonly errorBody: (message: string) => unknown;
  /** Paths to keep out of the request log (e.g. the simulator's own control API). Default: log all. */
  readonly shouldLog?: (path: string) => boolean;
}

export interface SimServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const HTTP_METHODS: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']);

export async function startSimServer(options: SimServerOptions): Promise<SimServer> {
  const server: Server = createServer((req, res) => {
    void handleRequest(options, req, res);
  });
  // Hung requests (fault injection) must not keep close() waiting forever.
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

async function handleRequest(options: SimServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const at = options.now();
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const principal = parsePrincipal(req.headers);
  const method = (req.method ?? 'GET').toUpperCase();
  const rawBody = await readBody(req);
  let body: unknown;
  let bodyError: string | undefined;
  if (rawBody.length > 0) {
    try {
      body = JSON.parse(rawBody) as unknown;
    } catch {
      bodyError = 'Unexpected character in request body: the body is not valid JSON.';
    }
  }
  let routeKey: string | undefined;
  const respond = (response: SimResponse | undefined): void => {
    if (response === undefined) return;
    if (options.shouldLog?.(url.pathname) !== false) options.log.record({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      principal,
      body,
      status: response.status,
      at,
      routeKey,
    });
    writeResponse(res, response);
  };

  try {
    const match = HTTP_METHODS.has(method) ? options.router.match(method, url.pathname) : undefined;
    if (match === undefined || match.route === undefined) {
      const status = match?.pathMatched === true ? 405 : 404;
      respond({ status, body: options.errorBody(status === 405 ? 'Method Not Allowed' : 'Not Found') });
      return;
    }
    routeKey = `${match.route.method} ${match.route.pattern}`;
    if (bodyError !== undefined) {
      respond({ status: 400, body: options.errorBody(bodyError) });
      return;
    }
    const simReq: SimRequest = {
      method: method as HttpMethod,
      path: url.pathname,
      query: url.searchParams,
      params: match.params,
      headers: req.headers,
      principal,
      body,
      routeKey,
    };
    const early = options.before ? await options.before(simReq) : undefined;
    // A hook may return a never-settling promise (hung request); then nothing is written.
    respond(early ?? (await match.route.handler(simReq)));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    respond({ status: 500, body: options.errorBody(`Internal simulator error: ${message}`) });
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function writeResponse(res: ServerResponse, response: SimResponse): void {
  const headers: Record<string, string> = { ...response.headers };
  if (response.body === undefined || response.status === 204) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  const payload = JSON.stringify(response.body);
  headers['content-type'] ??= 'application/json;charset=UTF-8';
  res.writeHead(response.status, headers);
  res.end(payload);
}

/** Reads `--port N` (or `--port=N`) from argv for the standalone simulator entry points. */
export function readPortArg(argv: readonly string[], fallback: number): number {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = arg === '--port' ? argv[i + 1] : arg.startsWith('--port=') ? arg.slice('--port='.length) : undefined;
    if (value === undefined) continue;
    const port = Number(value);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, got '${value}'`);
    return port;
  }
  return fallback;
}
