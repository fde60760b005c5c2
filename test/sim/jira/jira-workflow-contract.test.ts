import { type JiraProductEvent } from './jira-model';
import { type JiraSim } from './jira-sim-server';
import { DEMO_USERS } from './jira-seed-builder';
import { adf, asUser, createBody, startTestJiraSim, type ManualClock, type createJiraClient } from './jira-sim-test-helpers';
import { APP_ACCOUNT_ID } from '../shared/principal';

describe('Jira simulator: transitions, comments, properties, remote links, search, permissions, limits, events', () => {
  let sim: JiraSim;
  let clock: ManualClock;
  let call: ReturnType<typeof createJiraClient>;
  let events: JiraProductEvent[];
  beforeEach(async () => {
    ({ sim, clock, call } = await startTestJiraSim());
    events = [];
    sim.onProductEvent((e) => events.push(e));
  });
  afterEach(() => sim.close());

  it('lists transitions with resolution screens and rejects a transition id not offered', async () => {
    const list = await call('GET', '/rest/api/3/issue/SEC-2/transitions?expand=transitions.fields');
    expect(list.status).toBe(200);
    const done = list.body.transitions.find((t: { id: string }) => t.id === '31');
    expect(done).toMatchObject({ name: 'Done', hasScreen: true, to: { statusCategory: { key: 'done', id: 3 } }, fields: { resolution: { required: true } } });
    const invalid = await call('POST', '/rest/api/3/issue/SEC-2/transitions', undefined, { transition: { id: '21' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toEqual({ errorMessages: ["Transition id '21' is not valid for this issue."], errors: {} });
  });

  it('transitions with a resolution (204) and emits a selfGenerated updated:issue with a status changelog', async () => {
    const res = await call('POST', '/rest/api/3/issue/SEC-2/transitions', undefined, { transition: { id: '31' }, fields: { resolution: { name: 'Done' } } });
    expect(res.status).toBe(204);
    expect(sim.state.findIssue('SEC-2')).toMatchObject({ statusId: '10001', resolutionId: '10000' });
    const event = events[0];
    expect(event).toMatchObject({
      eventType: 'avi:jira:updated:issue',
      atlassianId: APP_ACCOUNT_ID,
      selfGenerated: true,
      timestamp: String(clock.now()),
      changelog: { id: expect.any(String), items: expect.arrayContaining([{ field: 'status', fieldtype: 'jira', fieldId: 'status', from: '3', fromString: 'In Progress', to: '10001', toString: 'Done' }]) },
    });
  });

  it('delivers a person’s transition and comment made through the control API as not selfGenerated', () => {
    sim.control.transitionAs(DEMO_USERS.dev1, 'SEC-2', "Won't Do", { resolution: "Won't Do" });
    const { id } = sim.control.commentAs(DEMO_USERS.dev1, 'SEC-2', 'false positive: test fixture');
    sim.control.editCommentAs(DEMO_USERS.dev1, 'SEC-2', id, 'false positive: test data only');
    sim.control.deleteIssueAs(DEMO_USERS.admin, 'SEC-2');
    expect(events.map((e) => [e.eventType, e.selfGenerated])).toEqual([
      ['avi:jira:updated:issue', false],
      ['avi:jira:commented:issue', false],
      ['avi:jira:commented:issue', false],
      ['avi:jira:deleted:issue', false],
    ]);
    const [created, edited] = events.slice(1, 3).map((e) => ('comment' in e ? e.comment : {}));
    expect(created?.['created']).toBe(created?.['updated']);
    expect(edited?.['updated']).not.toBe(edited?.['created']);
  });

  it('pages comments, validates orderBy and marks app comments with accountType app', async () => {
    const created = await call('POST', '/rest/api/3/issue/SEC-2/comment', undefined, { body: adf('Synced from ZeroPath') });
    expect(created.status).toBe(201);
    expect(created.body.author).toMatchObject({ accountId: APP_ACCOUNT_ID, accountType: 'app' });
    await call('POST', '/rest/api/3/issue/SEC-2/comment', asUser(DEMO_USERS.dev1), { body: adf('second') });
    const page = await call('GET', '/rest/api/3/issue/SEC-2/comment?startAt=1&maxResults=1');
    expect(page.body).toMatchObject({ startAt: 1, maxResults: 1, total: 2 });
    expect(page.body.comments[0].body).toEqual(adf('second'));
    expect((await call('GET', '/rest/api/3/issue/SEC-2/comment?orderBy=author')).status).toBe(400);
    expect((await call('POST', '/rest/api/3/issue/SEC-2/comment', undefined, { body: { type: 'doc', version: 1, content: [{ type: 'text', text: 'bare' }] } })).status).toBe(400);
    const edited = await call('PUT', `/rest/api/3/issue/SEC-2/comment/${created.body.id}`, undefined, { body: adf('edited') });
    expect(edited.status).toBe(200);
    expect((await call('DELETE', `/rest/api/3/issue/SEC-2/comment/${created.body.id}`)).status).toBe(204);
  });

  it('stores issue properties (201 then 200), lists, reads and deletes them', async () => {
    expect((await call('PUT', '/rest/api/3/issue/SEC-2/properties/zeropath', undefined, { findingId: 'F-9' })).status).toBe(201);
    expect((await call('PUT', '/rest/api/3/issue/SEC-2/properties/zeropath', undefined, { findingId: 'F-10' })).status).toBe(200);
    expect((await call('GET', '/rest/api/3/issue/SEC-2/properties/zeropath')).body).toEqual({ key: 'zeropath', value: { findingId: 'F-10' } });
    expect((await call('GET', '/rest/api/3/issue/SEC-2/properties')).body.keys).toEqual([{ key: 'zeropath', self: expect.any(String) }]);
    expect((await call('DELETE', '/rest/api/3/issue/SEC-2/properties/zeropath')).status).toBe(204);
    expect((await call('GET', '/rest/api/3/issue/SEC-2/properties/zeropath')).status).toBe(404);
  });

  it('upserts remote links by globalId (201 then 200, numeric id) and validates title', async () => {
    const link = { globalId: 'zeropath:finding:F-1', object: { url: 'https://zeropath.com/f/1', title: 'F-1' } };
    const first = await call('POST', '/rest/api/3/issue/SEC-2/remotelink', undefined, link);
    expect(first.status).toBe(201);
    expect(typeof first.body.id).toBe('number');
    const second = await call('POST', '/rest/api/3/issue/SEC-2/remotelink', undefined, { ...link, object: { ...link.object, title: 'F-1 (fixed)' } });
    expect(second).toMatchObject({ status: 200, body: { id: first.body.id } });
    expect((await call('GET', '/rest/api/3/issue/SEC-2/remotelink')).body).toHaveLength(1);
    const bad = await call('POST', '/rest/api/3/issue/SEC-2/remotelink', undefined, { object: { url: 'https://x' } });
    expect(bad.body).toEqual({ errorMessages: [], errors: { title: "'title' is required." } });
  });

  it('hides issues from users without browse with Jira’s 404', async () => {
    const created = await call('POST', '/rest/api/3/issue', undefined, createBody({ project: { key: 'OPS' }, customfield_10050: { value: 'Infra' } }));
    const res = await call('GET', `/rest/api/3/issue/${created.body.key}`, asUser(DEMO_USERS.restricted));
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });
  });

  it('searches JQL with property clauses, status category and nextPageToken paging; rejects unbounded JQL', async () => {
    sim.control.declareEntityProperties([{ propertyKey: 'zeropath', values: [{ path: 'findingId', type: 'string' }] }]);
    for (const id of ['F-1', 'F-2', 'F-3']) {
      await call('POST', '/rest/api/3/issue', undefined, createBody({ summary: id }, { properties: [{ key: 'zeropath', value: { findingId: id } }] }));
    }
    const byProperty = await call('POST', '/rest/api/3/search/jql', undefined, { jql: 'project = SEC AND issue.property[zeropath].findingId = "F-2"', fields: ['summary', 'status'] });
    expect(byProperty.body.issues).toEqual([expect.objectContaining({ key: 'SEC-4', fields: expect.objectContaining({ summary: 'F-2' }) })]);
    const page1 = await call('GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('project = SEC AND statusCategory != done ORDER BY key ASC')}&maxResults=2`);
    expect(page1.body).toMatchObject({ isLast: false, issues: [{ id: expect.any(String) }, { id: expect.any(String) }] });
    expect(Object.keys(page1.body.issues[0])).toEqual(['id']);
    const page2 = await call('POST', '/rest/api/3/search/jql', undefined, { jql: 'project = SEC AND statusCategory != done ORDER BY key ASC', maxResults: 2, nextPageToken: page1.body.nextPageToken, fields: ['key'] });
    expect(page2.body.isLast).toBe(false);
    const unbounded = await call('POST', '/rest/api/3/search/jql', undefined, { jql: 'order by key desc' });
    expect(unbounded.status).toBe(400);
    expect(unbounded.body.errorMessages).toEqual(['Unbounded JQL queries are not allowed here. Please add a search restriction to your query.']);
    expect((await call('GET', '/rest/api/3/search?jql=project=SEC')).status).toBe(410);
    const keyIn = await call('POST', '/rest/api/3/search/jql', undefined, { jql: 'key in (SEC-1, SEC-3) AND issuetype = Epic', fields: ['key'] });
    expect(keyIn.body.issues.map((i: { key: string }) => i.key)).toEqual(['SEC-1']);
  });

  it('answers mypermissions per user and myself', async () => {
    const admin = await call('GET', '/rest/api/3/mypermissions?permissions=ADMINISTER', asUser(DEMO_USERS.admin, true));
    expect(admin.body.permissions.ADMINISTER).toMatchObject({ key: 'ADMINISTER', type: 'GLOBAL', havePermission: true });
    const dev = await call('GET', '/rest/api/3/mypermissions?permissions=ADMINISTER,BROWSE_PROJECTS&projectKey=SEC', asUser(DEMO_USERS.dev1, true));
    expect(dev.body.permissions.ADMINISTER.havePermission).toBe(false);
    expect(dev.body.permissions.BROWSE_PROJECTS.havePermission).toBe(true);
    expect((await call('GET', '/rest/api/3/mypermissions')).status).toBe(400);
    expect((await call('GET', '/rest/api/3/myself')).body).toMatchObject({ accountId: APP_ACCOUNT_ID, accountType: 'app' });
    expect((await call('GET', '/rest/api/3/myself', { kind: 'anonymous' })).status).toBe(401);
  });

  it('lists projects (team-managed flagged simplified) and assignable users, resolutions and statuses', async () => {
    const projects = await call('GET', '/rest/api/3/project/search', asUser(DEMO_USERS.restricted));
    expect(projects.body.values.map((p: { key: string; simplified: boolean }) => [p.key, p.simplified])).toEqual([['APP', true], ['SEC', false]]);
    const users = await call('GET', '/rest/api/3/user/assignable/search?project=SEC&query=b');
    expect(users.body.map((u: { displayName: string }) => u.displayName)).toEqual(['Bob Developer']);
    expect((await call('GET', '/rest/api/3/resolution')).body.map((r: { name: string }) => r.name)).toContain("Won't Do");
    expect((await call('GET', '/rest/api/3/status')).body.map((s: { statusCategory: { key: string } }) => s.statusCategory.key)).toEqual(expect.arrayContaining(['new', 'indeterminate', 'done']));
  });

  it('answers the 21st write to one issue within 2 s with 429 jira-per-issue-on-write, and recovers after the window', async () => {
    for (let i = 0; i < 20; i++) {
      expect((await call('PUT', '/rest/api/3/issue/SEC-2/properties/p', undefined, { i })).status).toBeLessThan(300);
    }
    const limited = await call('PUT', '/rest/api/3/issue/SEC-2/properties/p', undefined, { i: 21 });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('ratelimit-reason')).toBe('jira-per-issue-on-write');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('x-ratelimit-limit')).toBe('20');
    expect(limited.headers.get('x-ratelimit-reset')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect((await call('PUT', '/rest/api/3/issue/SEC-1/properties/p', undefined, { other: true })).status).toBe(201);
    clock.advance(2_001);
    expect((await call('PUT', '/rest/api/3/issue/SEC-2/properties/p', undefined, { i: 22 })).status).toBe(200);
  });

  it('enforces the burst bucket and the hourly points budget', async () => {
    sim.control.setRateLimits({ burst: { GET: { ratePerSecond: 1, capacity: 2 } }, burstOverrides: {} });
    expect((await call('GET', '/rest/api/3/myself')).status).toBe(200);
    expect((await call('GET', '/rest/api/3/myself')).status).toBe(200);
    const burst = await call('GET', '/rest/api/3/myself');
    expect([burst.status, burst.headers.get('ratelimit-reason')]).toEqual([429, 'jira-burst-based']);
    sim.control.setRateLimits({ hourlyPoints: 5 });
    clock.advance(60 * 60 * 1000);
    await call('POST', '/rest/api/3/issue', undefined, createBody());
    const quota = await call('POST', '/rest/api/3/issue/bulk', undefined, { issueUpdates: Array.from({ length: 5 }, () => createBody()) });
    expect([quota.status, quota.headers.get('ratelimit-reason')]).toEqual([429, 'jira-quota-global-based']);
  });

  it('injects seeded faults per route: errors, latency and hung requests', async () => {
    sim.control.injectFault('GET /rest/api/3/myself', { errorRate: 1, errorStatus: 503, retryAfterSeconds: 7 });
    const failed = await call('GET', '/rest/api/3/myself');
    expect([failed.status, failed.headers.get('retry-after')]).toEqual([503, '7']);
    sim.control.injectFault('GET /rest/api/3/myself', { hang: true });
    const hung = await Promise.race([call('GET', '/rest/api/3/myself').then(() => 'answered'), new Promise((r) => setTimeout(() => r('hung'), 150))]);
    expect(hung).toBe('hung');
    sim.control.injectFault('GET /rest/api/3/myself', { latencyMs: 60 });
    const started = Date.now();
    expect((await call('GET', '/rest/api/3/myself')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    const draws = (seed: number) => {
      sim.control.injectFault('GET /rest/api/3/status', { errorRate: 0.5, seed });
      return Promise.all(Array.from({ length: 8 }, () => call('GET', '/rest/api/3/status').then((r) => r.status)));
    };
    expect(await draws(42)).toEqual(await draws(42));
  });

  it('records every call in the request log with principal and status, and mirrors control over HTTP', async () => {
    sim.requestLog.clear();
    await call('GET', '/rest/api/3/issue/SEC-2', asUser(DEMO_USERS.dev1, true));
    expect(sim.requestLog.entries).toEqual([
      expect.objectContaining({ method: 'GET', path: '/rest/api/3/issue/SEC-2', status: 200, principal: { kind: 'user', accountId: DEMO_USERS.dev1, viaApp: true } }),
    ]);
    const res = await call('POST', '/__sim/issues/SEC-2/transition', undefined, { accountId: DEMO_USERS.dev2, transition: 'Done', resolution: 'Done' });
    expect(res.status).toBe(204);
    expect(events.at(-1)).toMatchObject({ eventType: 'avi:jira:updated:issue', selfGenerated: false, atlassianId: DEMO_USERS.dev2 });
    expect((await call('POST', '/__sim/faults', undefined, { route: '*', errorRate: 2 })).status).toBe(400);
    expect(sim.requestLog.entries).toHaveLength(1);
  });

  it('edits fields (204) with a changelog and deletes issues (204) with a deleted event', async () => {
    expect((await call('PUT', '/rest/api/3/issue/SEC-2', undefined, { fields: { summary: 'Renamed' }, update: { labels: [{ add: 'zeropath' }] } })).status).toBe(204);
    expect(events[0]).toMatchObject({ eventType: 'avi:jira:updated:issue', changelog: { items: expect.arrayContaining([expect.objectContaining({ fieldId: 'summary', toString: 'Renamed' })]) } });
    expect((await call('PUT', '/rest/api/3/issue/SEC-2', undefined, { fields: { resolution: { name: 'Done' } } })).body.errors.resolution).toMatch(/not on the appropriate screen/);
    expect((await call('DELETE', '/rest/api/3/issue/SEC-2')).status).toBe(204);
    expect(events.at(-1)).toMatchObject({ eventType: 'avi:jira:deleted:issue', issue: { key: 'SEC-2' }, selfGenerated: true });
  });
});
