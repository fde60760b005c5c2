import { type Harness } from '../test/integration/harness';
import { principalHeaders } from '../test/sim/shared/principal';
import { DEMO_TOKEN_ID, DEMO_TOKEN_SECRET } from '../test/sim/zeropath/zeropath-sim';
import { type Finding } from '../src/core/finding/finding';
import { mapV1Issue } from '../src/infra/zeropath/finding-mapper';

/**
 * What the baselines of the sweep and auto-ticketing benchmarks share: plain HTTP to the two
 * simulators, the way a one-call-per-item tool talks to them (no app code, no Forge runtime).
 */

export const ZEROPATH_BASE_URL = 'https://zeropath.com';

/**
 * The page size both baselines list ZeroPath with: the same as the app's change reader (100), so
 * the comparison is between reading strategies, not page sizes.
 */
export const BASELINE_PAGE_SIZE = 100;

/** A Jira call as the app, waiting out every 429 for as long as Retry-After says (as such tools do). */
export function baselineJira(harness: Harness) {
  const headers = { ...principalHeaders({ kind: 'app' }), 'content-type': 'application/json' };
  return (method: string, path: string, body?: unknown): Promise<Response> =>
    untilNot429(() =>
      fetch(`${harness.jira.url}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
}

/** Repeats a Jira call while it answers 429, waiting as long as its Retry-After says. */
export async function untilNot429(call: () => Promise<Response>): Promise<Response> {
  for (;;) {
    const response = await call();
    if (response.status !== 429) return response;
    await new Promise((r) => setTimeout(r, Number(response.headers.get('retry-after') ?? '1') * 1000));
  }
}

/** Every finding of the organisation, page by page (`issues/search`, default order), mapped as the app maps them. */
export async function listEveryFinding(harness: Harness): Promise<Finding[]> {
  const headers = {
    'x-zeropath-api-token-id': DEMO_TOKEN_ID,
    'x-zeropath-api-token-secret': DEMO_TOKEN_SECRET,
    'content-type': 'application/json',
  };
  const findings: Finding[] = [];
  for (let page = 1; ; page += 1) {
    const response = await fetch(`${harness.zeropath.url}/api/v1/issues/search`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        organizationId: harness.zeropath.organizationId,
        page,
        pageSize: BASELINE_PAGE_SIZE,
      }),
    });
    if (response.status !== 200) throw new Error(`ZeroPath search page ${page} answered ${response.status}`);
    const body = (await response.json()) as { issues: unknown[]; totalCount: number };
    for (const raw of body.issues) {
      const mapped = mapV1Issue(raw, ZEROPATH_BASE_URL);
      if (mapped.ok) findings.push(mapped.value);
    }
    if (body.issues.length < BASELINE_PAGE_SIZE || page * BASELINE_PAGE_SIZE >= body.totalCount)
      return findings;
  }
}

/** How many of the Jira requests since the last clear the simulator answered 429. */
export function rateLimitedCount(harness: Harness): number {
  return harness.jira.requestLog.entries.filter((e) => e.status === 429).length;
}

/** Jira issues carrying the `zeropath` property, counted per finding id. */
export function ticketsPerFinding(harness: Harness): Map<string, number> {
  const perFinding = new Map<string, number>();
  for (const issue of harness.jira.state.issues.values()) {
    const findingId = (issue.properties.get('zeropath') as { findingId?: string } | undefined)?.findingId;
    if (findingId !== undefined) perFinding.set(findingId, (perFinding.get(findingId) ?? 0) + 1);
  }
  return perFinding;
}

/** The positive-whole-number check every size option shares. */
export function requirePositive(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive whole number; got ${value}`);
}
