import fixture from '../../../fixtures/zeropath/search-v1.json';
import { type FetchInitLike, type FetchLike, type FetchResponseLike } from '../../../../src/infra/zeropath/zeropath-http';

export const BASE_URL = 'https://acme.branch.zeropath.com';
export const TOKEN_ID = '6a1f0c2e-1111-4222-8333-444455556666';
export const TOKEN_SECRET = 'zp-secret-DO-NOT-LEAK-9f8e7d6c5b4a';
export const ORG_ID = 'org-123';

export type WireIssue = Record<string, unknown>;

/** A V1 issue built from fixture F1 (a valid, high-severity SAST finding). */
export function anIssue(overrides: WireIssue = {}): WireIssue {
  const base = fixture.issues[0];
  if (base === undefined) throw new Error('fixture has no issues');
  return { ...structuredClone(base), ...overrides };
}

export function fixtureIssues(): WireIssue[] {
  return structuredClone(fixture.issues);
}

export interface RecordedCall {
  url: string;
  path: string;
  init: FetchInitLike;
  body: Record<string, unknown>;
}

export interface FakeReply {
  status?: number;
  body?: unknown;
  /** Sent verbatim instead of JSON-encoding `body`. */
  raw?: string;
  headers?: Record<string, string>;
}

export function response(reply: FakeReply): FetchResponseLike {
  const headers = new Map(Object.entries(reply.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const text = reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
  return {
    status: reply.status ?? 200,
    headers: { get: (name: string) => headers.get(name.toLowerCase()) ?? null },
    text: () => Promise.resolve(text),
  };
}

/** A fetch that records every call and answers through `handler`. */
export function fakeFetch(handler: (call: RecordedCall) => FakeReply | Promise<FakeReply>): {
  fetch: FetchLike;
  calls: RecordedCall[];
} {
  const calls: RecordedCall[] = [];
  const fetch: FetchLike = async (url, init) => {
    const call: RecordedCall = {
      url,
      path: new URL(url).pathname,
      init,
      body: (init.body === undefined ? {} : JSON.parse(init.body)) as Record<string, unknown>,
    };
    calls.push(call);
    return response(await handler(call));
  };
  return { fetch, calls };
}

/**
 * Answers V1 issues/search from an in-memory list the way the ZeroPath simulator agrees to:
 * sortBy createdAt|updatedAt|score, asc|desc, stable tie-break on id; 1-based pages.
 */
export function searchHandler(issues: () => WireIssue[]): (call: RecordedCall) => FakeReply {
  return (call) => {
    const { sortBy = 'createdAt', sortOrder = 'asc', page = 1, pageSize = 50 } = call.body as {
      sortBy?: string;
      sortOrder?: string;
      page?: number;
      pageSize?: number;
    };
    const key = (issue: WireIssue): number => {
      const value = issue[sortBy];
      return typeof value === 'number' ? value : Date.parse(String(value));
    };
    const direction = sortOrder === 'desc' ? -1 : 1;
    const sorted = [...issues()].sort(
      (a, b) => direction * (key(a) - key(b)) || direction * String(a.id).localeCompare(String(b.id)),
    );
    const start = (page - 1) * pageSize;
    return { body: { issues: sorted.slice(start, start + pageSize), totalCount: sorted.length, currentPage: page, pageSize } };
  };
}
