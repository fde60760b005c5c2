import { type Route } from '@forge/api';
import { type JiraRequestInit, type JiraRequester, type JiraResponseLike } from '../../../../src/infra/jira/jira-http';

export interface JiraCallRecord {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  init: JiraRequestInit;
  body: unknown;
}

export interface JiraReply {
  status?: number;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
}

export function jiraResponse(reply: JiraReply): JiraResponseLike {
  const headers = new Map(Object.entries(reply.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const text = reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
  return {
    status: reply.status ?? 200,
    headers: { get: (name: string) => headers.get(name.toLowerCase()) ?? null },
    text: () => Promise.resolve(text),
  };
}

/** A requester that records each call (method, path, parsed query and body) and answers via `handler`. */
export function fakeRequester(handler: (call: JiraCallRecord) => JiraReply): { requester: JiraRequester; calls: JiraCallRecord[] } {
  const calls: JiraCallRecord[] = [];
  const requester: JiraRequester = {
    requestJira: (route: Route, init: JiraRequestInit = {}) => {
      const [path = '', query = ''] = route.value.split('?');
      const call: JiraCallRecord = {
        method: init.method ?? 'GET',
        path,
        query: new URLSearchParams(query),
        init,
        body: init.body === undefined ? undefined : JSON.parse(init.body),
      };
      calls.push(call);
      return Promise.resolve(jiraResponse(handler(call)));
    },
  };
  return { requester, calls };
}

/** Answers calls in order; fails the test if more calls arrive than replies. */
export function scripted(...replies: JiraReply[]): (call: JiraCallRecord) => JiraReply {
  let next = 0;
  return (call) => {
    const reply = replies[next];
    next += 1;
    if (reply === undefined) throw new Error(`unexpected extra call ${call.method} ${call.path}`);
    return reply;
  };
}

export const adf = (text: string) => ({
  type: 'doc' as const,
  version: 1 as const,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

export const aComment = (id: string, text = 'hello') => ({
  id,
  author: { accountId: 'u1', displayName: 'Mia' },
  body: adf(text),
  created: '2026-05-01T10:00:00.000+0000',
  updated: '2026-05-01T10:00:00.000+0000',
});
