/**
 * The ZeroPath simulator's HTTP loop. Routing reuses the shared `SimRouter`; the loop itself is
 * ZeroPath's own because two things differ from the shared server: fault answers may be non-JSON
 * (an HTML page from a proxy, as reference §1.4 says clients meet), and the request log records the
 * caller's token *id* — never the secret header — instead of a Jira principal.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo, type Socket } from 'node:net';
import { parsePrincipal, type Principal } from '../shared/principal';
import { type HttpMethod, type SimRequest, type SimResponse, type SimRouter } from '../shared/http-server';

export const TOKEN_ID_HEADER = 'x-zeropath-api-token-id';
export const TOKEN_SECRET_HEADER = 'x-zeropath-api-token-secret';
export const CONTROL_PREFIX = '/__sim/';

/** A response that may carry a raw (non-JSON) body. */
export type ZeroPathResponse = SimResponse & { readonly rawBody?: string };

export interface ZeroPathRequestLogEntry {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly principal: Principal;
  /** Parsed JSON body, or the raw text when it was not JSON. */
  readonly body: unknown;
  /** Value of `X-ZeroPath-API-Token-Id` (safe to log); the secret header is never recorded. */
  readonly tokenId: string | undefined;
  readonly status: number;
  /** Epoch ms from the simulator clock. */
  readonly at: number;
  readonly routeKey: string | undefined;
}

/** Same surface as the shared `RequestLog`; entries are a superset of its entries. */
export class ZeroPathRequestLog {
  readonly #entries: ZeroPathRequestLogEntry[] = [];

  record(entry: ZeroPathRequestLogEntry): void {
    this.#entries.push(entry);
  }

  get entries(): readonly ZeroPathRequestLogEntry[] {
    return this.#entries;
  }

  filter(predicate: (entry: ZeroPathRequestLogEntry) => boolean): ZeroPathRequestLogEntry[] {
    return this.#entries.filter(predicate);
  }

  clear(): void {
    this.#entries.length = 0;
  }
}

export interface FaultSpec {
  /** HTTP status to answer with; omit for a latency-only fault (the request then runs normally). */
  status?: 200 | 429 | 500 | 502 | 503 | 504;
  /** How many matching requests it hits (default 1). */
  times?: number | 'always';
  /** Seconds, sent as `Retry-After`. */
  retryAfter?: number;
  /** Answer with an HTML page instead of JSON, as a proxy or an access gateway would. */
  nonJson?: boolean;
  latencyMs?: number;
}

/** Faults by exact request path (`/api/v1/issues/search`) or `*` for every API path. */
export class FaultBook {
  readonly #faults: Array<{ path: string; spec: FaultSpec; remaining: number }> = [];

  add(path: string, spec: FaultSpec): void {
    if (!path.startsWith('/') && path !== '*')
      throw new Error(`fault path must start with '/' or be '*', got '${path}'`);
    const times = spec.times ?? 1;
    const remaining = times === 'always' ? Number.POSITIVE_INFINITY : times;
    if (!(remaining >= 1)) throw new Error(`fault times must be ≥ 1 or 'always', got ${String(times)}`);
    this.#faults.push({ path, spec, remaining });
  }

  /** Consumes one hit of the first fault matching the path. */
  take(path: string): FaultSpec | undefined {
    const index = this.#faults.findIndex((fault) => fault.path === path || fault.path === '*');
    const fault = this.#faults[index];
    if (fault === undefined) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.#faults.splice(index, 1);
    return fault.spec;
  }

  clear(): void {
    this.#faults.length = 0;
  }
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function renderFault(spec: FaultSpec & { status: number }): ZeroPathResponse {
  const headers: Record<string, string> = {};
  if (spec.retryAfter !== undefined) headers['retry-after'] = String(spec.retryAfter);
  const text = STATUS_TEXT[spec.status] ?? 'Error';
  if (spec.nonJson === true) {
    // A 200 HTML page is what an access gateway in front of a tenant answers (reference §1.4).
    const title = spec.status === 200 ? 'Sign in to continue' : `${spec.status} ${text}`;
    return {
      status: spec.status,
      headers: { ...headers, 'content-type': 'text/html; charset=utf-8' },
      rawBody: `<!DOCTYPE html><html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`,
    };
  }
  // `{"error": ""}` with 500 is the SEEN empty-message shape (reference §1.4).
  return { status: spec.status, headers, body: { error: spec.status === 500 ? '' : text } };
}

export interface ZeroPathServerOptions {
  router: SimRouter;
  log: ZeroPathRequestLog;
  faults: FaultBook;
  now: () => number;
  port?: number;
  host?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const METHODS: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']);

export async function startZeroPathServer(options: ZeroPathServerOptions): Promise<RunningServer> {
  const server = createServer((req, res) => {
    void handle(options, req, res);
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

async function handle(
  options: ZeroPathServerOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const at = options.now();
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = (req.method ?? 'GET').toUpperCase();
  const rawBody = await readBody(req);
  let body: unknown;
  let bodyIsJson = true;
  if (rawBody.length > 0) {
    try {
      body = JSON.parse(rawBody) as unknown;
    } catch {
      body = rawBody;
      bodyIsJson = false;
    }
  }
  const isControl = url.pathname.startsWith(CONTROL_PREFIX);
  const tokenHeader = req.headers[TOKEN_ID_HEADER];
  const tokenId = Array.isArray(tokenHeader) ? tokenHeader[0] : tokenHeader;
  const principal = parsePrincipal(req.headers);
  let routeKey: string | undefined;
  const respond = (response: ZeroPathResponse): void => {
    // Control calls are the test harness talking, not API traffic the app generated.
    if (!isControl) {
      options.log.record({
        method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        principal,
        body,
        tokenId,
        status: response.status,
        at,
        routeKey,
      });
    }
    write(res, response);
  };

  try {
    const fault = isControl ? undefined : options.faults.take(url.pathname);
    if (fault?.latencyMs !== undefined) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
    if (fault?.status !== undefined) {
      respond(renderFault({ ...fault, status: fault.status }));
      return;
    }
    const match = METHODS.has(method) ? options.router.match(method, url.pathname) : undefined;
    if (match === undefined || match.route === undefined) {
      const status = match?.pathMatched === true ? 405 : 404;
      respond({ status, body: { error: status === 405 ? 'Method Not Allowed' : 'Not Found' } });
      return;
    }
    routeKey = `${match.route.method} ${match.route.pattern}`;
    if (!bodyIsJson) {
      respond({ status: 400, body: { error: 'Invalid JSON body' } });
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
    respond(await match.route.handler(simReq));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    respond({ status: 500, body: { error: `Internal simulator error: ${message}` } });
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

function write(res: ServerResponse, response: ZeroPathResponse): void {
  const headers: Record<string, string> = { ...response.headers };
  if (response.rawBody !== undefined) {
    res.writeHead(response.status, headers);
    res.end(response.rawBody);
    return;
  }
  if (response.body === undefined || response.status === 204) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  headers['content-type'] ??= 'application/json; charset=utf-8';
  res.writeHead(response.status, headers);
  res.end(JSON.stringify(response.body));
}
