import { noteRateLimit } from '../runtime/rate-limit-tally';
import { type z } from 'zod';
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
import { zeroPathErrorBodySchema } from './zeropath-schemas';
import { scrubErrorText } from '../../core/redaction/scrub-error-text';
import { errorMessage } from '../../core/error-message';

/** The part of a fetch response the adapter reads; @forge/api's `fetch` response satisfies it. */
export interface FetchResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export interface FetchInitLike {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

/** Production passes @forge/api's `fetch` (egress-checked by the platform); tests pass a fake. */
export type FetchLike = (url: string, init: FetchInitLike) => Promise<FetchResponseLike>;

export interface ZeroPathHttpConfig {
  baseUrl: string;
  tokenId: string;
  tokenSecret: string;
  fetch: FetchLike;
  timeoutMs: number;
}

/** ZeroPath publishes no rate limits or Retry-After semantics; wait this long when it sends none. */
export const DEFAULT_RETRY_AFTER_SECONDS = 30;
const SNIPPET_LENGTH = 200;
export const CLIENT_NAME = 'zeropath-for-jira';

/**
 * Forge's fetch throws `ExternalEndpointNotAllowedError` (name `REQUEST_EGRESS_ALLOWLIST_ERR`,
 * node_modules/@forge/api/out/api/errors.js) for a host missing from
 * `permissions.external.fetch.backend`. Matched by name and message so the adapter needs no
 * @forge/api import and the local runtime's equivalent error is recognised too.
 */
function isEgressError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (
    error.name === 'REQUEST_EGRESS_ALLOWLIST_ERR' ||
    error.message.includes('not included in the external fetch backend permissions')
  );
}

function isTimeoutError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** Seconds from `Retry-After` (delta-seconds or HTTP-date); undefined when absent or unusable. */
export function parseRetryAfterSeconds(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

export interface ZeroPathHttp {
  readonly baseUrl: string;
  /** POSTs JSON and parses the answer; `schema: null` for action endpoints whose body is ignored. */
  post<S extends z.ZodType>(path: string, body: object, schema: S, what: string): Promise<z.infer<S>>;
  post(path: string, body: object, schema: null, what: string): Promise<void>;
  /** Any method a V2 manifest declares (GET carries no body, as in ZeroPath's own client). */
  request<S extends z.ZodType>(
    method: HttpMethod,
    path: string,
    body: object | undefined,
    schema: S,
    what: string,
  ): Promise<z.infer<S>>;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export function createZeroPathHttp(config: ZeroPathHttpConfig): ZeroPathHttp {
  const baseUrl = config.baseUrl.replace(/\/+$/, '');
  const host = new URL(baseUrl).host;

  // The secret is scrubbed from anything derived from a response or a thrown error, in case a
  // proxy or error page echoes request headers back; the detector then removes credentials a
  // body quotes (a findings page that fails to parse starts with a secrets finding's snippet), as
  // these snippets reach Health, logs and the admin UI.
  // The token id too, and every echoed form of both (URL-encoded, JSON-escaped, base64), and the
  // query string of any URL: a proxy's error page quotes the request it refused.
  const scrub = (text: string): string => scrubErrorText(text, [config.tokenSecret, config.tokenId]);
  const snippet = (text: string): string => {
    const clean = scrub(text).replace(/\s+/g, ' ').trim();
    return clean.length > SNIPPET_LENGTH ? `${clean.slice(0, SNIPPET_LENGTH)}…` : clean;
  };

  const errorDetail = (text: string): string => {
    try {
      const parsed = zeroPathErrorBodySchema.safeParse(JSON.parse(text));
      if (parsed.success) {
        const { error, message } = parsed.data;
        const detail = typeof error === 'string' ? error : (error?.message ?? message ?? '');
        // ZeroPath's structured errors carry a requestId its support can trace (zeropath-mcp-server tests).
        const requestId =
          typeof error === 'object' && error?.requestId
            ? ` (ZeroPath request ${snippet(error.requestId)})`
            : '';
        if (detail) return `${snippet(detail)}${requestId}`;
      }
    } catch {
      // Not JSON: fall back to the raw text below.
    }
    return snippet(text);
  };

  const send = async (
    method: HttpMethod,
    path: string,
    body: object | undefined,
  ): Promise<FetchResponseLike> => {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'X-ZeroPath-API-Token-Id': config.tokenId,
      'X-ZeroPath-API-Token-Secret': config.tokenSecret,
      'X-ZeroPath-Client': CLIENT_NAME,
    };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    try {
      return await config.fetch(`${baseUrl}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(config.timeoutMs),
      });
    } catch (error) {
      if (isEgressError(error)) throw new ZeroPathEgressError(host);
      if (isTimeoutError(error)) {
        throw new ZeroPathUnavailableError(
          `no answer from ${host} within ${Math.round(config.timeoutMs / 1000)} s`,
        );
      }
      const message = errorMessage(error);
      throw new ZeroPathUnavailableError(`network error reaching ${host}: ${snippet(message)}`);
    }
  };

  const readText = async (response: FetchResponseLike): Promise<string> => {
    try {
      return await response.text();
    } catch (error) {
      if (isTimeoutError(error)) throw new ZeroPathUnavailableError(`the response from ${host} timed out`);
      throw new ZeroPathUnavailableError(`the connection to ${host} broke while reading the response`);
    }
  };

  const throwForStatus = (response: FetchResponseLike, text: string, what: string): never => {
    const { status } = response;
    if (status === 401) throw new ZeroPathAuthError(/expired/i.test(text));
    if (status === 403) throw new ZeroPathForbiddenError(errorDetail(text));
    if (status === 404) throw new ZeroPathNotFoundError(what);
    if (status === 429) {
      noteRateLimit('zeropath');
      const retryAfter = parseRetryAfterSeconds(response.headers.get('Retry-After'));
      throw new ZeroPathRateLimitedError(retryAfter ?? DEFAULT_RETRY_AFTER_SECONDS);
    }
    if (status >= 500) throw new ZeroPathUnavailableError(`HTTP ${status}`, status);
    if (status === 400 || status === 409 || status === 422) {
      throw new ZeroPathRequestError(
        `ZeroPath rejected the request (HTTP ${status}): ${errorDetail(text)}`,
        status,
      );
    }
    throw new ZeroPathResponseError(`HTTP ${status}`, snippet(text));
  };

  async function post(path: string, body: object, schema: z.ZodType | null, what: string): Promise<unknown> {
    return request('POST', path, body, schema, what);
  }

  async function request(
    method: HttpMethod,
    path: string,
    body: object | undefined,
    schema: z.ZodType | null,
    what: string,
  ): Promise<unknown> {
    const response = await send(method, path, body);
    const text = await readText(response);
    if (response.status < 200 || response.status >= 300) throwForStatus(response, text, what);
    if (schema === null) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ZeroPathResponseError('not JSON', snippet(text));
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const where = parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
        .join('; ');
      throw new ZeroPathResponseError(`shape mismatch for ${what}: ${where}`, snippet(text));
    }
    return parsed.data;
  }

  return { baseUrl, post: post as ZeroPathHttp['post'], request: request as ZeroPathHttp['request'] };
}
