/**
 * Web triggers on the local platform (README "Web triggers"): URL minting for
 * `webTrigger.getUrl` (the SDK asks Forge's GraphQL gateway, `createWebTriggerUrl`), and the
 * request/response shapes of the web-trigger event reference. A handler result that is not the
 * documented response shape becomes a 500, as Forge answers.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/** Documented event (web-trigger events reference): headers and query values are string arrays. */
export interface WebTriggerRequest {
  readonly method: string;
  readonly path?: string;
  readonly headers?: Readonly<Record<string, readonly string[]>>;
  readonly queryParameters?: Readonly<Record<string, readonly string[]>>;
  readonly body?: string;
}

export interface WebTriggerResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, readonly string[]>>;
  readonly body: string;
}

const requestSchema = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']),
  path: z.string().optional(),
  headers: z.record(z.string(), z.array(z.string())).optional(),
  queryParameters: z.record(z.string(), z.array(z.string())).optional(),
  body: z.string().optional(),
});

const responseSchema = z.object({
  statusCode: z.number().int().min(100).max(599),
  headers: z.record(z.string(), z.array(z.string())).optional(),
  body: z.string().optional(),
});

export function toWebTriggerEvent(request: WebTriggerRequest, urlId: string): Record<string, unknown> {
  const parsed = requestSchema.parse(request);
  // Forge passes header names as the caller sent them; HTTP names are case-insensitive, and
  // callers vary, so the runtime lower-cases them (the app must not depend on the case either).
  const headers = Object.fromEntries(
    Object.entries(parsed.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
  );
  return {
    method: parsed.method,
    path: `/x1/${urlId}`,
    userPath: parsed.path ?? '',
    headers,
    queryParameters: parsed.queryParameters ?? {},
    ...(parsed.body === undefined ? {} : { body: parsed.body }),
  };
}

/** `undefined` when the handler's result is not the documented response shape (Forge answers 500). */
export function toWebTriggerResponse(result: unknown): WebTriggerResponse | undefined {
  const parsed = responseSchema.safeParse(result);
  if (!parsed.success) return undefined;
  return {
    statusCode: parsed.data.statusCode,
    headers: parsed.data.headers ?? {},
    body: parsed.data.body ?? '',
  };
}

/** Stable per module key (web-trigger API: stable per module, app, site, product, environment). */
export class WebTriggerUrls {
  private readonly ids = new Map<string, string>();

  constructor(
    private readonly installationId: string,
    private readonly knownKeys: ReadonlySet<string>,
  ) {}

  idFor(key: string): string {
    if (!this.knownKeys.has(key)) throw new Error(`forge-runtime: no webtrigger '${key}' in the manifest`);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = randomUUID();
      this.ids.set(key, id);
    }
    return id;
  }

  urlFor(key: string): string {
    return `https://${this.installationId}.hello.atlassian-dev.net/x1/${this.idFor(key)}`;
  }

  /** Answers the SDK's `createWebTriggerUrl` GraphQL mutation; anything else is not emulated. */
  handleGraphql(bodyText: string): Response | undefined {
    const parsed = z
      .object({
        query: z.string(),
        variables: z.object({ input: z.object({ triggerKey: z.string() }) }).passthrough(),
      })
      .safeParse(safeJson(bodyText));
    if (!parsed.success || !parsed.data.query.includes('createWebTriggerUrl')) return undefined;
    const key = parsed.data.variables.input.triggerKey;
    if (!this.knownKeys.has(key)) {
      return Response.json({
        errors: [{ message: `No webtrigger module '${key}'` }],
        data: { createWebTriggerUrl: null },
      });
    }
    return Response.json({ data: { createWebTriggerUrl: { url: this.urlFor(key) } } });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
