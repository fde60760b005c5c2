/**
 * Helpers for the simulator's contract tests: a started simulator with a manual clock and a tiny
 * client that sends the principal headers.
 */
import { principalHeaders, type Principal } from '../shared/principal';
import { type JiraSimOptions, type JiraSim, startJiraSim } from './jira-sim-server';

export interface ManualClock {
  now(): number;
  advance(ms: number): void;
}

export function createManualClock(start = Date.UTC(2026, 10, 2, 9, 0, 0)): ManualClock {
  let current = start;
  return { now: () => current, advance: (ms) => void (current += ms) };
}

export interface JiraCall {
  status: number;
  headers: Headers;
  // Contract tests assert on arbitrary Jira JSON; a loose type keeps assertions readable.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export const APP: Principal = { kind: 'app' };
export const asUser = (accountId: string, viaApp = false): Principal => ({ kind: 'user', accountId, viaApp });

export function createJiraClient(sim: JiraSim) {
  return async (method: string, path: string, principal: Principal = APP, body?: unknown): Promise<JiraCall> => {
    const res = await fetch(`${sim.url}${path}`, {
      method,
      headers: { ...principalHeaders(principal), 'content-type': 'application/json', accept: 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text.length > 0 ? JSON.parse(text) : undefined };
  };
}

export async function startTestJiraSim(options: JiraSimOptions = {}): Promise<{ sim: JiraSim; clock: ManualClock; call: ReturnType<typeof createJiraClient> }> {
  const clock = createManualClock();
  const sim = await startJiraSim({ seed: 'demo', now: clock.now, ...options });
  return { sim, clock, call: createJiraClient(sim) };
}

export const adf = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

export const createBody = (overrides: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  fields: { project: { key: 'SEC' }, issuetype: { id: '10002' }, summary: 'SQL injection in /login', ...overrides },
  ...extra,
});
