/** The few HTTP helpers the sandbox server needs (node:http, no framework). */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import * as path from 'node:path';
import { z } from 'zod';

export class SandboxRequestError extends Error {
  override readonly name = 'SandboxRequestError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const MAX_BODY_BYTES = 1024 * 1024;

export async function readJsonBody<S extends z.ZodType>(
  req: IncomingMessage,
  schema: S,
): Promise<z.output<S>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new SandboxRequestError(413, 'Request body is larger than 1 MB');
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  let raw: unknown;
  try {
    raw = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new SandboxRequestError(400, 'Request body is not JSON');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new SandboxRequestError(400, `Invalid request: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

export function sendHtml(res: ServerResponse, html: string): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location });
  res.end();
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Serves a file below `root`; refuses paths that climb out of it. */
export function sendFile(res: ServerResponse, root: string, relative: string): void {
  const target = path.resolve(root, '.' + path.posix.normalize('/' + relative));
  if (
    !target.startsWith(path.resolve(root) + path.sep) ||
    !existsSync(target) ||
    !statSync(target).isFile()
  ) {
    sendJson(res, 404, { error: `Not found: ${relative}` });
    return;
  }
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[path.extname(target)] ?? 'application/octet-stream',
    'cache-control': 'no-store',
  });
  createReadStream(target).pipe(res);
}

/** Escapes JSON for inlining in a <script> element. */
export function inlineJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
