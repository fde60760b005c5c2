import { route } from '@forge/api';
import { z } from 'zod';
import { createJiraHttp, type JiraResponseLike } from '../../../../src/infra/jira/jira-http';
import { JiraQuotaReserveError, JiraRateLimitedError } from '../../../../src/infra/jira/jira-errors';
import {
  JiraQuotaGauge,
  MAX_PACE_MS,
  endpointOf,
  readQuotaHeaders,
} from '../../../../src/infra/jira/jira-quota';

const headersOf = (values: Record<string, string>): JiraResponseLike['headers'] => {
  const lower = new Map(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v]));
  return { get: (name: string) => lower.get(name.toLowerCase()) ?? null };
};
const response = (
  status: number,
  headers: Record<string, string> = {},
  body: unknown = { ok: true },
): JiraResponseLike => ({
  status,
  headers: headersOf(headers),
  text: () => Promise.resolve(JSON.stringify(body)),
});
const POLICY = { 'RateLimit-Policy': '"global-app-quota";q=65000;w=3600' };
const near = (remaining: number, resetSeconds: number) => ({
  ...POLICY,
  'X-RateLimit-NearLimit': 'true',
  RateLimit: `"global-app-quota";r=${remaining};t=${resetSeconds}`,
});

describe('readQuotaHeaders', () => {
  it('reads the policy always and the remaining points only when Jira reports them', () => {
    expect(readQuotaHeaders(response(200, POLICY), 1_000)).toEqual({
      observedAt: 1_000,
      policy: 'global-app-quota',
      limit: 65_000,
      nearLimit: false,
    });
    expect(readQuotaHeaders(response(200, near(9_000, 600)), 1_000)).toEqual({
      observedAt: 1_000,
      policy: 'global-app-quota',
      limit: 65_000,
      remaining: 9_000,
      resetAt: 601_000,
      nearLimit: true,
    });
  });

  it('reads a tenant pool among several comma-separated entries, and nothing from Beta- previews', () => {
    const tenant = response(200, {
      'RateLimit-Policy': '"jira-burst-based";q=100;w=1, "tenant-app-quota";q=100100;w=3600',
    });
    expect(readQuotaHeaders(tenant, 0)).toMatchObject({ policy: 'tenant-app-quota', limit: 100_100 });
    expect(
      readQuotaHeaders(response(200, { 'Beta-RateLimit-Policy': '"global-app-quota";q=65000;w=3600' }), 0),
    ).toBeUndefined();
  });
});

describe('JiraQuotaGauge', () => {
  it('does not hold calls while more than 20 % is left', () => {
    const gauge = new JiraQuotaGauge();
    gauge.observe(response(200, POLICY), 'GET /x', 0);
    expect(gauge.plan('GET /x', 0)).toEqual({ kind: 'go', waitMs: 0 });
  });

  it('near the limit spreads what is left over the time to the reset, capped', () => {
    const gauge = new JiraQuotaGauge();
    // Reserve: 1 % of 65,000 = 650 points; 2,000 usable points over 1,000 s: one call every 500 ms.
    gauge.observe(response(200, near(2_650, 1_000)), 'GET /x', 0);
    expect(gauge.plan('GET /x', 0)).toEqual({ kind: 'go', waitMs: 500 });
    gauge.observe(response(200, near(700, 3_000)), 'GET /x', 0);
    expect(gauge.plan('GET /x', 0)).toEqual({ kind: 'go', waitMs: MAX_PACE_MS });
  });

  it('stops at the reserve until the reset, then lets calls through again', () => {
    const gauge = new JiraQuotaGauge();
    gauge.observe(response(200, near(20, 120)), 'GET /x', 0);
    expect(gauge.plan('GET /x', 0)).toEqual({ kind: 'stop', retryAfterSeconds: 120, remaining: 20 });
    expect(gauge.plan('GET /x', 120_000)).toEqual({ kind: 'go', waitMs: 0 });
  });

  it('waits a second after an endpoint’s burst bucket ran dry, for that endpoint only', () => {
    const gauge = new JiraQuotaGauge();
    gauge.observe(
      response(200, { ...POLICY, 'X-RateLimit-Limit': '200', 'X-RateLimit-Remaining': '0' }),
      'GET /issue/{}',
      5_000,
    );
    expect(gauge.plan('GET /issue/{}', 5_200)).toEqual({ kind: 'go', waitMs: 800 });
    expect(gauge.plan('POST /issue', 5_200)).toEqual({ kind: 'go', waitMs: 0 });
  });

  it('keeps a whole endpoint shut until a burst 429’s Retry-After has passed, not just a second', () => {
    const gauge = new JiraQuotaGauge();
    const burst = {
      'Retry-After': '4',
      'RateLimit-Reason': 'jira-burst-based',
      'X-RateLimit-Remaining': '0',
    };
    gauge.observe(response(429, burst, {}), 'POST /issue/{}/transitions', 10_000);
    expect(gauge.plan('POST /issue/{}/transitions', 11_100)).toEqual({
      kind: 'closed',
      retryAfterSeconds: 3,
    });
    expect(gauge.plan('POST /issue/{}/transitions', 12_999)).toEqual({
      kind: 'closed',
      retryAfterSeconds: 2,
    });
    // The last second is held by pacing rather than costing the caller a retry attempt.
    expect(gauge.plan('POST /issue/{}/transitions', 13_400)).toEqual({ kind: 'go', waitMs: 600 });
    // A call that already waited this window out under its own 429's Retry-After is not held again.
    expect(gauge.plan('POST /issue/{}/transitions', 13_999, 1, 14_000)).toEqual({ kind: 'go', waitMs: 0 });
    expect(gauge.plan('POST /issue/{}/transitions', 14_000)).toEqual({ kind: 'go', waitMs: 0 });
    expect(gauge.plan('POST /issue/{}/comment', 11_100)).toEqual({ kind: 'go', waitMs: 0 });
  });

  it('leaves the endpoint open after a per-issue 429 (only that issue is busy)', () => {
    const gauge = new JiraQuotaGauge();
    gauge.observe(
      response(429, { 'Retry-After': '3', 'RateLimit-Reason': 'jira-per-issue-on-write' }, {}),
      'POST /issue/{}/transitions',
      10_000,
    );
    expect(gauge.plan('POST /issue/{}/transitions', 10_100)).toEqual({ kind: 'go', waitMs: 0 });
  });

  it('names endpoints without their ids and keys', () => {
    expect(endpointOf('GET', '/rest/api/3/issue/SEC-12/comment/10001?startAt=0')).toBe(
      'GET /rest/api/3/issue/{}/comment/{}',
    );
  });
});

describe('createJiraHttp with the gauge', () => {
  const schema = z.object({ ok: z.boolean() });

  it('holds the next call as Jira reports the quota nearly spent, and stops at the reserve without sending', async () => {
    const gauge = new JiraQuotaGauge();
    const replies = [response(200, near(2_650, 1_000)), response(200, near(600, 999))];
    const sent: string[] = [];
    const slept: number[] = [];
    const http = createJiraHttp(
      {
        requestJira: (path) => (
          sent.push(path.value),
          Promise.resolve(replies.shift() ?? response(200, POLICY))
        ),
      },
      { budgetMs: 60_000, now: () => 0, sleep: (ms) => (slept.push(ms), Promise.resolve()) },
      gauge,
    );
    await http.send({ method: 'GET', path: route`/rest/api/3/myself`, schema });
    await http.send({ method: 'GET', path: route`/rest/api/3/myself`, schema });
    expect(slept).toEqual([500]);
    await expect(
      http.send({ method: 'GET', path: route`/rest/api/3/myself`, schema }),
    ).rejects.toBeInstanceOf(JiraQuotaReserveError);
    expect(sent).toHaveLength(2);
  });

  it('does not send into a burst bucket Jira shut: the next call waits out the rest of its Retry-After', async () => {
    let clock = 0;
    const sent: number[] = [];
    const slept: number[] = [];
    const requester = {
      requestJira: () => {
        sent.push(clock);
        return Promise.resolve(
          sent.length === 1
            ? response(429, { 'Retry-After': '4', 'RateLimit-Reason': 'jira-burst-based' }, {})
            : response(200, POLICY),
        );
      },
    };
    const gauge = new JiraQuotaGauge();
    const retry = {
      budgetMs: 60_000,
      now: () => clock,
      random: () => 0,
      sleep: (ms: number) => {
        slept.push(ms);
        clock += ms;
        return Promise.resolve();
      },
    };
    // Refused at 0 with "Retry-After: 4" (no retry on this client: the error goes to the caller).
    await expect(
      createJiraHttp(requester, { ...retry, maxAttempts: 1 }, gauge).send({
        method: 'POST',
        path: route`/rest/api/3/issue/10001/transitions`,
        schema: null,
      }),
    ).rejects.toBeInstanceOf(JiraRateLimitedError);
    // Another issue on the same endpoint a second later goes out only once the 4 s have passed.
    clock = 1_000;
    await createJiraHttp(requester, retry, gauge).send({
      method: 'POST',
      path: route`/rest/api/3/issue/10002/transitions`,
      schema,
    });
    expect(sent).toEqual([0, 4_000]);
    expect(slept).toEqual([3_000]);
  });

  it('ignores Beta-Retry-After: a 429 without Retry-After waits the documented default', async () => {
    const http = createJiraHttp(
      {
        requestJira: () =>
          Promise.resolve(
            response(429, { 'Beta-Retry-After': '1800', 'RateLimit-Reason': 'jira-burst-based' }, {}),
          ),
      },
      undefined,
      new JiraQuotaGauge(),
    );
    const error = await http
      .send({ method: 'GET', path: route`/rest/api/3/myself`, schema })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JiraRateLimitedError);
    expect((error as JiraRateLimitedError).retryAfterSeconds).toBe(5);
  });
});
