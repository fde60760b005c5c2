/**
 * Test-side caller for the ZeroPath simulator: sends the two auth headers (the demo token unless
 * told otherwise) and returns status, headers and the parsed body, or the raw text when not JSON.
 */
import { DEMO_TOKEN_ID, DEMO_TOKEN_SECRET } from './zeropath-sim';

export interface ZpAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON, `undefined` when the body was empty or not JSON. */
  json: unknown;
}

export type Credentials = { id: string; secret: string } | 'none';

export async function callZeroPath(
  baseUrl: string,
  path: string,
  body?: unknown,
  options: {
    credentials?: Credentials;
    headers?: Record<string, string>;
    method?: string;
    rawBody?: string;
  } = {},
): Promise<ZpAnswer> {
  const credentials = options.credentials ?? { id: DEMO_TOKEN_ID, secret: DEMO_TOKEN_SECRET };
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (credentials !== 'none') {
    headers['X-ZeroPath-API-Token-Id'] = credentials.id;
    headers['X-ZeroPath-API-Token-Secret'] = credentials.secret;
  }
  const response = await fetch(`${baseUrl}${path}`, {
    method: options.method ?? 'POST',
    headers,
    ...(options.rawBody !== undefined
      ? { body: options.rawBody }
      : body !== undefined
        ? { body: JSON.stringify(body) }
        : {}),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}
