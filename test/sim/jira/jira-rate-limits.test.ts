/**
 * Jira's 2026 rate limits as the simulator models them (README "Rate limits"): points charged per
 * object returned, the headers on every response, and each limit's own 429.
 */
import { type JiraSim } from './jira-sim-server';
import { createBody, startTestJiraSim, type ManualClock, type createJiraClient } from './jira-sim-test-helpers';

describe('Jira simulator rate limits (2026 points model)', () => {
  let sim: JiraSim;
  let clock: ManualClock;
  let call: ReturnType<typeof createJiraClient>;
  beforeEach(async () => ({ sim, clock, call } = await startTestJiraSim({ rateLimits: { hourlyPoints: 100 } })));
  afterEach(() => sim.close());

  const spent = async (run: () => Promise<unknown>): Promise<number> => {
    const before = sim.control.pointsRemaining();
    await run();
    return before - sim.control.pointsRemaining();
  };

  it('charges a read 1 + its objects (2 per identity object), a write 1, a bulk create 1 per entry', async () => {
    expect(await spent(() => call('GET', '/rest/api/3/issue/SEC-2'))).toBe(2);
    expect(await spent(() => call('GET', '/rest/api/3/myself'))).toBe(3);
    expect(await spent(() => call('GET', '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS&permissions=EDIT_ISSUES'))).toBe(5);
    expect(await spent(() => call('POST', '/rest/api/3/search/jql', undefined, { jql: 'project = SEC', fields: ['summary'] }))).toBe(3);
    expect(await spent(() => call('PUT', '/rest/api/3/issue/SEC-2/properties/zeropath', undefined, { findingId: 'F-1' }))).toBe(1);
    expect(await spent(() => call('POST', '/rest/api/3/issue/bulk', undefined, { issueUpdates: [createBody(), createBody(), createBody()] }))).toBe(3);
  });

  it('sends the quota policy and the burst bucket on every response, the remaining points only below 20 %', async () => {
    const ok = await call('GET', '/rest/api/3/issue/SEC-2');
    expect(ok.headers.get('ratelimit-policy')).toBe('"global-app-quota";q=100;w=3600');
    expect(ok.headers.get('x-ratelimit-limit')).toBe('300');
    expect(Number(ok.headers.get('x-ratelimit-remaining'))).toBe(299);
    expect(ok.headers.get('x-ratelimit-nearlimit')).toBeNull();
    expect(ok.headers.get('ratelimit')).toBeNull();
    const missing = await call('GET', '/rest/api/3/issue/SEC-404');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('ratelimit-policy')).not.toBeNull();

    while (sim.control.pointsRemaining() >= 20) await call('PUT', '/rest/api/3/issue/SEC-1/properties/p', undefined, { n: 1 }).then(() => clock.advance(1_000));
    const near = await call('GET', '/rest/api/3/status/Done');
    expect(near.headers.get('x-ratelimit-nearlimit')).toBe('true');
    expect(near.headers.get('ratelimit')).toMatch(/^"global-app-quota";r=\d+;t=\d+$/);
  });

  it('refuses with jira-quota-global-based once the quota is spent, then resets at the top of the hour', async () => {
    sim.control.setRateLimits({ hourlyPoints: 3 });
    expect((await call('GET', '/rest/api/3/issue/SEC-2')).status).toBe(200);
    expect((await call('PUT', '/rest/api/3/issue/SEC-2/properties/p', undefined, { n: 1 })).status).toBe(201);
    const refused = await call('GET', '/rest/api/3/issue/SEC-2');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('ratelimit-reason')).toBe('jira-quota-global-based');
    expect(refused.headers.get('ratelimit')).toMatch(/^"global-app-quota";r=0;t=\d+$/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('x-ratelimit-reset')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:00:00Z$/);
    clock.advance(Number(refused.headers.get('retry-after')) * 1000);
    expect((await call('GET', '/rest/api/3/issue/SEC-2')).status).toBe(200);
  });

  it('a Tier 2 per-tenant pool names itself tenant-app-quota and refuses with jira-quota-tenant-based', async () => {
    sim.control.setRateLimits({ hourlyPoints: 2, quotaPool: 'tenant' });
    const ok = await call('GET', '/rest/api/3/issue/SEC-2');
    expect(ok.headers.get('ratelimit-policy')).toBe('"tenant-app-quota";q=2;w=3600');
    const refused = await call('GET', '/rest/api/3/issue/SEC-2');
    expect([refused.status, refused.headers.get('ratelimit-reason')]).toEqual([429, 'jira-quota-tenant-based']);
    expect(refused.headers.get('ratelimit')).toMatch(/^"tenant-app-quota";r=0;t=\d+$/);
  });
});
