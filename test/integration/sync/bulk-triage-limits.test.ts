// The harness must be imported first: it loads the local Forge runtime before @forge/api.
import { startHarness, type Harness } from '../harness';
import { randomUUID } from 'node:crypto';
import { DEMO_USERS, STATUS } from '../../sim/jira/jira-seed-builder';
import { DEFAULT_RATE_LIMITS } from '../../sim/jira/jira-rate-limiter';
import { principalHeaders } from '../../sim/shared/principal';
import { type RequestLogEntry } from '../../sim/shared/http-server';
import { MODULE_KEYS } from '../../../src/contract/modules';
import { bulkTriageEndpoint, type BulkTriageSummary } from '../../../src/contract/triage';
import { type Result } from '../../../src/contract/result';
import { givenLinkedIssue, givenSyncConfig, zeroPathStatus, type LinkedIssue } from './sync-test-helpers';

/**
 * Bulk triage against a Jira that pushes back (issue 6: "bounded concurrency that respects Jira's
 * burst and per-issue write limits"). The simulator's limits are tightened so 429s really happen;
 * the run still completes with an exact summary, and every retry waits at least as long as the
 * 429's Retry-After said. (The unit test covers the concurrency cap itself.)
 */
const TRANSITIONS_ROUTE = 'POST /rest/api/3/issue/:issueIdOrKey/transitions';

let h: Harness;

beforeEach(async () => {
  h = await startHarness({ runtime: { retryDelayScale: 0.0001 } });
  givenSyncConfig(h);
});
afterEach(async () => {
  await h.close();
});

function triage(findingIds: string[]): Promise<Result<BulkTriageSummary>> {
  return h.runtime.invokeUi(
    MODULE_KEYS.findingsPage,
    bulkTriageEndpoint.key,
    { findingIds, outcome: 'false_positive', reason: 'Input is validated by the gateway' },
    { accountId: DEMO_USERS.admin },
  ) as Promise<Result<BulkTriageSummary>>;
}

const transitionsOf = (issueId: string): RequestLogEntry[] =>
  h.jira.requestLog.entries.filter(
    (e) => e.method === 'POST' && e.path === `/rest/api/3/issue/${issueId}/transitions`,
  );
/** The app's comment explaining the move: the issue's second write. */
const commentsOf = (issueId: string): RequestLogEntry[] =>
  h.jira.requestLog.entries.filter(
    (e) => e.method === 'POST' && e.path === `/rest/api/3/issue/${issueId}/comment`,
  );

/** For each issue that got a 429 on `callsOf`: [when, when the same call came again]. */
function retriesAfter429(
  linked: readonly LinkedIssue[],
  callsOf: (issueId: string) => RequestLogEntry[] = transitionsOf,
): Array<{ issue: LinkedIssue; refusedAt: number; retriedAt: number }> {
  return linked.flatMap((issue) => {
    const calls = callsOf(issue.issueId);
    return calls.flatMap((call, i) => {
      const next = calls[i + 1];
      if (call.status !== 429) return [];
      if (next === undefined) throw new Error(`${issue.issueKey}: a 429 was never retried`);
      return [{ issue, refusedAt: call.at, retriedAt: next.at }];
    });
  });
}

async function linkedIssues(count: number): Promise<LinkedIssue[]> {
  const linked: LinkedIssue[] = [];
  for (let i = 0; i < count; i += 1) linked.push(await givenLinkedIssue(h));
  return linked;
}

describe('bulk triage under Jira rate limits', () => {
  it('burst limit: 429s on the transition route are waited out for their full Retry-After; exact summary', async () => {
    const linked = await linkedIssues(12);
    const gone = await givenLinkedIssue(h);
    h.jira.control.deleteIssueAs(DEMO_USERS.admin, gone.issueKey);
    const unknown = randomUUID();
    // Other traffic has drained the transition route's bucket: two calls pass, then one token
    // every four seconds, so a refused call is told "Retry-After: 4" — longer than the client's
    // own first back-off (1.4–2.6 s), so only honouring the header passes the check below.
    h.jira.control.setRateLimits({
      burstOverrides: {
        ...DEFAULT_RATE_LIMITS.burstOverrides,
        [TRANSITIONS_ROUTE]: { ratePerSecond: 0.25, capacity: 2 },
      },
    });
    // The contention clears well before anyone may retry (the first retry is due 4 s after its 429).
    const clear = setTimeout(
      () => h.jira.control.setRateLimits({ burstOverrides: DEFAULT_RATE_LIMITS.burstOverrides }),
      1_500,
    );
    h.jira.requestLog.clear();

    let result: Result<BulkTriageSummary>;
    try {
      result = await triage([...linked.map((l) => l.findingId), gone.findingId, unknown]);
    } finally {
      clearTimeout(clear);
    }

    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toEqual({
      requested: 14,
      zeropathUpdated: 13,
      jiraTransitioned: 12,
      jiraAlreadyThere: 0,
      notLinked: 0,
      failures: [
        {
          findingId: gone.findingId,
          issueKey: gone.issueKey,
          stage: 'jira',
          reason: expect.stringMatching(/404/),
        },
        { findingId: unknown, stage: 'zeropath', reason: expect.stringMatching(/ZeroPath has no/) },
      ],
    });
    for (const l of linked) {
      expect(h.jira.state.issuesByKey.get(l.issueKey)?.statusId).toBe(STATUS.wontDo);
      expect(zeroPathStatus(h, l.findingId)).toBe('FALSE_POSITIVE');
      // Exactly one accepted move per issue: a refused call was retried, never doubled.
      expect(transitionsOf(l.issueId).filter((e) => e.status === 204)).toHaveLength(1);
    }
    const retries = retriesAfter429(linked);
    // The limit really bit: every worker that reached the drained bucket was refused once.
    expect(retries.length).toBeGreaterThanOrEqual(2);
    expect(retries.length).toBeLessThanOrEqual(4);
    for (const r of retries) expect(r.retriedAt - r.refusedAt).toBeGreaterThanOrEqual(4_000);
  });

  it('per-issue write limit: busy issues are retried only after their window reopens; exact summary', async () => {
    const linked = await linkedIssues(8);
    // One write per issue per 3 s, and each issue was just written by someone else.
    h.jira.control.setRateLimits({ perIssueWrites: [{ windowMs: 3_000, max: 1 }] });
    h.jira.requestLog.clear();
    for (const l of linked) {
      const response = await fetch(`${h.jira.url}/rest/api/3/issue/${l.issueId}/properties/triage-busy`, {
        method: 'PUT',
        headers: {
          'content-type': 'application/json',
          ...principalHeaders({ kind: 'user', accountId: DEMO_USERS.dev2, viaApp: false }),
        },
        body: JSON.stringify({ busy: true }),
      });
      expect(response.status).toBe(201);
    }
    const writtenAt = new Map(
      h.jira.requestLog.entries.filter((e) => e.method === 'PUT').map((e) => [e.path.split('/')[5], e.at]),
    );

    const result = await triage(linked.map((l) => l.findingId));

    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toEqual({
      requested: 8,
      zeropathUpdated: 8,
      jiraTransitioned: 8,
      jiraAlreadyThere: 0,
      notLinked: 0,
      failures: [],
    });
    for (const l of linked) {
      expect(h.jira.state.issuesByKey.get(l.issueKey)?.statusId).toBe(STATUS.wontDo);
      expect(transitionsOf(l.issueId).filter((e) => e.status === 204)).toHaveLength(1);
      expect(commentsOf(l.issueId).filter((e) => e.status === 201)).toHaveLength(1);
    }
    const retries = retriesAfter429(linked);
    // The first four issues in flight were each refused once (the others may or may not have been).
    expect(retries.length).toBeGreaterThanOrEqual(4);
    for (const r of retries) {
      // The simulator's Retry-After for this refusal: whole seconds until the issue's window reopens.
      const reopensAt = (writtenAt.get(r.issue.issueId) ?? 0) + 3_000;
      const retryAfterMs = Math.max(1, Math.ceil((reopensAt - r.refusedAt) / 1000)) * 1000;
      expect(r.retriedAt - r.refusedAt).toBeGreaterThanOrEqual(retryAfterMs);
    }
    // The app's comment is the issue's next write, so under one write per 3 s it waits for the
    // window the transition opened — and that wait also honours Retry-After.
    const commentRetries = retriesAfter429(linked, commentsOf);
    expect(commentRetries.length).toBeGreaterThanOrEqual(4);
    for (const r of commentRetries) {
      const transitionAt = transitionsOf(r.issue.issueId).find((e) => e.status === 204)?.at ?? 0;
      const retryAfterMs = Math.max(1, Math.ceil((transitionAt + 3_000 - r.refusedAt) / 1000)) * 1000;
      expect(r.retriedAt - r.refusedAt).toBeGreaterThanOrEqual(retryAfterMs);
    }
    // Two waits of about 3 s in a row for each issue: longer than Jest's default 5 s.
  }, 30_000);
});
