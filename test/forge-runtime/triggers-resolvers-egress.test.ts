import { createForgeRuntime, DELIVERY_RULES, type ForgeRuntime } from './index';
import path from 'node:path';
import api, { ExternalEndpointNotAllowedError, NeedsAuthenticationError, route } from '@forge/api';
import * as handlers from './fixtures/fixture-app-handlers';
import { startLoopbackRecorder, type LoopbackRecorder } from './loopback-recorder';
import { APP_ACCOUNT_ID } from '../sim/shared/principal';

const MANIFEST = path.join(__dirname, 'fixtures', 'manifest.yml');
const PANEL = { issue: { id: '10001', key: 'SEC-1', type: 'Bug', typeId: '10004' }, project: { id: '10000', key: 'SEC', type: 'software' } };

let jira: LoopbackRecorder;
let scanner: LoopbackRecorder;
let tenant: LoopbackRecorder;
let runtime: ForgeRuntime;

beforeAll(async () => {
  [jira, scanner, tenant] = await Promise.all([startLoopbackRecorder('jira'), startLoopbackRecorder('zeropath'), startLoopbackRecorder('tenant')]);
});
afterAll(() => Promise.all([jira.close(), scanner.close(), tenant.close()]));
beforeEach(async () => {
  runtime = await createForgeRuntime({
    manifest: MANIFEST,
    handlers,
    jiraBaseUrl: jira.baseUrl,
    egress: { 'https://zeropath.com': scanner.baseUrl, 'https://*.zeropath.com': tenant.baseUrl },
    retryDelayScale: 0.0001,
  });
});
afterEach(() => runtime.close());

describe('resolvers', () => {
  it('builds the platform context and runs through getDefinitions()', async () => {
    const result = (await runtime.invokeUi('fixture-panel', 'describeContext', { when: new Date(0) }, { accountId: 'user-1', extension: PANEL })) as {
      context: Record<string, unknown>;
      moduleKey: string;
    };
    expect(result.context).toMatchObject({
      accountId: 'user-1',
      accountType: 'licensed',
      moduleKey: 'fixture-panel',
      cloudId: expect.any(String),
      siteUrl: expect.stringMatching(/^https:\/\//),
      environmentType: 'DEVELOPMENT',
      installContext: expect.stringMatching(/^ari:cloud:jira::site\//),
      extension: { type: 'jira:issuePanel', ...PANEL },
    });
    expect(result.moduleKey).toBe('fixture-panel');
  });

  it('round-trips the payload as JSON', async () => {
    await runtime.invokeUi('fixture-panel', 'saveNote', { note: 'hi', extra: () => 1 }, { accountId: 'user-2', extension: PANEL });
    expect(runtime.kvs.get('note:SEC-1')).toEqual({ note: 'hi', by: 'user-2' });
  });

  it('refuses unknown modules, modules without a resolver and panels without an issue', async () => {
    await expect(runtime.invokeUi('nope', 'x', {}, { accountId: 'u' })).rejects.toThrow(/no UI module 'nope'/);
    await expect(runtime.invokeUi('fixture-admin', 'x', {}, { accountId: 'u' })).rejects.toThrow(/has no resolver/);
    await expect(runtime.invokeUi('fixture-panel', 'describeContext', {}, { accountId: 'u' })).rejects.toThrow(/needs extension.issue/);
    await expect(runtime.invokeUi('fixture-panel', 'missing', {}, { accountId: 'u', extension: PANEL })).rejects.toThrow(
      "Resolver has no definition for 'missing'.",
    );
    expect(runtime.log.at(-1)).toMatchObject({ kind: 'resolver', outcome: 'error' });
  });
});

describe('requestJira', () => {
  it('sends asUser() calls as the invoking user, marked as made through the app', async () => {
    const body = (await runtime.invokeUi('fixture-panel', 'whoAmI', {}, { accountId: 'user-7', extension: PANEL })) as { url: string; headers: Record<string, string> };
    expect(body.url).toBe('/rest/api/3/myself');
    expect(body.headers['x-sim-actor']).toBe('user:user-7');
    expect(body.headers['x-sim-via-app']).toBe('1');
  });

  it('sends asApp() calls as the app and keeps the query string', async () => {
    const body = (await runtime.invokeUi('fixture-panel', 'whoAmIAsApp', {}, { accountId: 'user-7', extension: PANEL })) as { url: string; headers: Record<string, string> };
    expect(body.url).toBe('/rest/api/3/myself?expand=groups');
    expect(body.headers['x-sim-actor']).toBe('app');
    expect(body.headers['x-sim-via-app']).toBeUndefined();
  });

  it('does not let the app pose as someone else', async () => {
    const res = await api.asApp().requestJira(route`/rest/api/3/myself`, { headers: { 'x-sim-actor': `user:${APP_ACCOUNT_ID}-admin` } });
    const body = (await res.json()) as { headers: Record<string, string> };
    expect(body.headers['x-sim-actor']).toBe('app');
  });

  it('fails asUser() without a user behind the invocation the way the SDK reports it', async () => {
    await expect(api.asUser().requestJira(route`/rest/api/3/myself`)).rejects.toBeInstanceOf(NeedsAuthenticationError);
  });
});

describe('fetch egress', () => {
  const call = (url: string) => runtime.invokeUi('fixture-panel', 'callScanner', { url }, { accountId: 'u', extension: PANEL });

  it('routes a listed host to its loopback target', async () => {
    const body = (await call('https://zeropath.com/api/v1/orgs/list?x=1')) as { server: string; url: string; headers: Record<string, string> };
    expect(body).toMatchObject({ server: 'zeropath', url: '/api/v1/orgs/list?x=1' });
    expect(body.headers['authorization']).toBe('Bearer test-token');
    expect(body.headers['x-forwarded-host']).toBe('zeropath.com');
  });

  it('matches wildcard entries to tenant hosts', async () => {
    const body = (await call('https://acme.branch.zeropath.com/api/v1/issues/search')) as { server: string; headers: Record<string, string> };
    expect(body.server).toBe('tenant');
    expect(body.headers['x-forwarded-host']).toBe('acme.branch.zeropath.com');
  });

  it.each(['https://evil.example.com/x', 'http://zeropath.com/api', `${'http://127.0.0.1:1'}/loopback`])(
    'fails %s with the SDK egress error',
    async (url) => {
      const error: unknown = await call(url).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ExternalEndpointNotAllowedError);
      expect((error as Error).message).toContain('URL not included in the external fetch backend permissions');
    },
  );

  it('leaves test code outside invocations alone', async () => {
    const res = await fetch(`${scanner.baseUrl}/control`);
    expect(res.ok).toBe(true);
  });
});

describe('product-event triggers', () => {
  const updated = (summary: string, selfGenerated: boolean) => ({
    eventType: 'avi:jira:updated:issue',
    selfGenerated,
    issue: { id: '10001', key: 'SEC-1', fields: { summary } },
    changelog: { id: `cl-${summary}`, items: [] },
  });

  it('drops events the app caused through asApp() for ignoreSelf triggers only', async () => {
    expect(runtime.emitProductEvent({ ...updated('mine', true), atlassianId: APP_ACCOUNT_ID })).toBe(0);
    expect(runtime.emitProductEvent({ eventType: 'avi:jira:commented:issue', selfGenerated: true, atlassianId: APP_ACCOUNT_ID, comment: { id: 'c1' } })).toBe(1);
    await runtime.settle();
    expect(runtime.kvs.get('event:10001:cl-mine')).toBeUndefined();
    expect(runtime.kvs.get('comment:c1')).toEqual({ selfGenerated: true });
    expect(runtime.log.map((r) => [r.key, r.outcome])).toEqual([
      ['fixture-issue-events', 'filtered-self'],
      ['fixture-comment-events', 'ok'],
    ]);
  });

  it('delivers events the app caused through asUser() unless a test opts in to dropping them', async () => {
    const asUserEvent = { ...updated('as-user', true), atlassianId: 'user-alice' };
    expect(runtime.emitProductEvent(asUserEvent)).toBe(1);
    await runtime.settle();
    expect(runtime.kvs.get('event:10001:cl-as-user')).toEqual([0]);
    runtime.close();
    runtime = await createForgeRuntime({ manifest: MANIFEST, handlers, jiraBaseUrl: jira.baseUrl, ignoreSelfDropsAsUserEvents: true });
    expect(runtime.emitProductEvent(asUserEvent)).toBe(0);
  });

  it('cuts users in event payloads down to the documented { accountId }', async () => {
    const fullUser = { accountId: 'user-alice', accountType: 'atlassian', displayName: 'Alice', emailAddress: 'a@example.com', active: true };
    runtime.emitProductEvent({ eventType: 'avi:jira:commented:issue', atlassianId: 'user-alice', comment: { id: 'c2', author: fullUser } });
    await runtime.settle();
    expect(runtime.kvs.get('comment:c2')).toEqual({ selfGenerated: false, author: { accountId: 'user-alice' } });
  });

  it('retries on InvocationError with retryContext', async () => {
    runtime.emitProductEvent(updated('flaky', false));
    await runtime.settle();
    expect(runtime.kvs.get('event:10001:cl-flaky')).toEqual([0, 1, 2]);
    expect(runtime.log.map((r) => r.outcome)).toEqual(['retry', 'retry', 'ok']);
  });

  it('clamps retryAfter to 900 s and stops after 4 retries', async () => {
    runtime.emitProductEvent(updated('always-failing', false));
    await runtime.settle();
    expect(runtime.kvs.get('event:10001:cl-always-failing')).toEqual([0, 1, 2, 3, 4]);
    expect(runtime.log.every((r) => r.retryAfterSeconds === DELIVERY_RULES.maxRetryAfterSeconds)).toBe(true);
    expect(runtime.log.at(-1)?.outcome).toBe('retry-cap-reached');
  });

  it('does not deliver events over 200 kB and ignores event types nobody listens to', () => {
    expect(runtime.emitProductEvent({ ...updated('huge', false), blob: 'x'.repeat(200_001) })).toBe(0);
    expect(runtime.emitProductEvent({ eventType: 'avi:jira:created:issue' })).toBe(0);
    expect(runtime.log.map((r) => r.outcome)).toEqual(['dropped-too-large']);
    expect(() => runtime.emitProductEvent({ issue: {} })).toThrow();
  });
});

describe('scheduled triggers', () => {
  async function restartWithSweep(sweep: () => Promise<unknown>): Promise<void> {
    runtime.close();
    runtime = await createForgeRuntime({ manifest: MANIFEST, handlers: { ...handlers, sweep }, jiraBaseUrl: jira.baseUrl, retryDelayScale: 0.0001 });
  }

  it('resolves to the response the handler returns', async () => {
    await expect(runtime.runScheduledTrigger('fixture-sweep')).resolves.toEqual({ statusCode: 204 });
    expect(runtime.log.at(-1)).toMatchObject({ kind: 'scheduled', outcome: 'ok', statusCode: 204 });
  });

  it.each([
    ['nothing', undefined],
    ['a bare value', 'done'],
    ['an object without statusCode', { ok: true }],
    ['a non-integer statusCode', { statusCode: '204' }],
  ])('rejects a handler that returns %s: Forge records 424 Failed dependency', async (_label, returned) => {
    await restartWithSweep(() => Promise.resolve(returned));
    await expect(runtime.runScheduledTrigger('fixture-sweep')).rejects.toThrow(/424 Failed dependency/);
    expect(runtime.log.at(-1)).toMatchObject({ kind: 'scheduled', outcome: 'error', statusCode: 424 });
  });

  it('records a 5xx response as a failed invocation, not retried', async () => {
    await restartWithSweep(() => Promise.resolve({ statusCode: 500, statusText: 'failed: sweep' }));
    await expect(runtime.runScheduledTrigger('fixture-sweep')).resolves.toMatchObject({ statusCode: 500 });
    expect(runtime.log.map((r) => [r.outcome, r.statusCode, r.error])).toEqual([['error', 500, 'statusCode 500 failed: sweep']]);
    expect(runtime.pendingDeliveries).toBe(0);
  });
});

describe('runtime lifecycle', () => {
  it('allows one runtime at a time and uninstalls its hooks on close', async () => {
    await expect(createForgeRuntime({ manifest: MANIFEST, handlers, jiraBaseUrl: jira.baseUrl })).rejects.toThrow(/another runtime is installed/);
    runtime.close();
    expect((globalThis as Record<string, unknown>)['__forge_fetch__']).toBeUndefined();
    await expect(api.asApp().requestJira(route`/rest/api/3/myself`)).rejects.toThrow();
    runtime = await createForgeRuntime({ manifest: MANIFEST, handlers, jiraBaseUrl: jira.baseUrl });
  });

  it('rejects handlers the manifest names but the module lacks, and unlisted egress routes', async () => {
    runtime.close();
    const { sweep: _sweep, ...withoutSweep } = handlers;
    await expect(createForgeRuntime({ manifest: MANIFEST, handlers: withoutSweep, jiraBaseUrl: jira.baseUrl })).rejects.toThrow(
      /exports no function 'sweep'/,
    );
    await expect(
      createForgeRuntime({ manifest: MANIFEST, handlers, jiraBaseUrl: jira.baseUrl, egress: { 'https://other.com': scanner.baseUrl } }),
    ).rejects.toThrow(/not listed in permissions.external.fetch.backend/);
    runtime = await createForgeRuntime({ manifest: MANIFEST, handlers, jiraBaseUrl: jira.baseUrl });
  });
});
