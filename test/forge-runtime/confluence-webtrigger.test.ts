// requestConfluence through the local platform (connected / not connected, app / user) and web
// triggers (documented request and response shapes, URL minting), with the real @forge/api.
import { createForgeRuntime, CONFLUENCE_NOT_CONNECTED, type ForgeRuntime } from './index';
import path from 'node:path';
import * as handlers from './fixtures/confluence-fixture-handlers';
import { startConfluenceSim, type ConfluenceSim } from '../sim/confluence/confluence-sim';
import { demoConfluenceSeed } from '../sim/confluence/confluence-seed';
import { DEMO_USERS } from '../sim/jira/jira-seed-builder';
import { startLoopbackRecorder, type LoopbackRecorder } from './loopback-recorder';

const MANIFEST = path.join(__dirname, 'fixtures', 'confluence-manifest.yml');
const MACRO = { content: { id: '9001', type: 'page' }, space: { id: '100', key: 'SECDOCS' } };

let jira: LoopbackRecorder;
let confluence: ConfluenceSim;
let runtime: ForgeRuntime | undefined;
beforeAll(async () => {
  jira = await startLoopbackRecorder('jira');
  confluence = await startConfluenceSim({ seed: demoConfluenceSeed() });
});
afterAll(() => Promise.all([jira.close(), confluence.close()]));
afterEach(() => {
  runtime?.close();
  runtime = undefined;
  confluence.requestLog.clear();
});

const start = async (connected: boolean) => {
  runtime = await createForgeRuntime({
    manifest: MANIFEST,
    handlers,
    jiraBaseUrl: jira.baseUrl,
    ...(connected ? { confluenceBaseUrl: confluence.url } : {}),
  });
  return runtime;
};
const titles = (result: unknown) =>
  ((result as { body: { results: Array<{ title: string }> } }).body.results ?? []).map((r) => r.title).sort();

describe('requestConfluence', () => {
  it('asUser reaches Confluence as the calling user, asApp as the app user', async () => {
    const rt = await start(true);
    const cql = 'text ~ "sql injection"';
    const bob = await rt.invokeUi(
      'fixture-macro',
      'searchAsUser',
      { cql },
      { accountId: DEMO_USERS.dev2, extension: MACRO },
    );
    const app = await rt.invokeUi(
      'fixture-macro',
      'searchAsApp',
      { cql },
      { accountId: DEMO_USERS.dev2, extension: MACRO },
    );
    expect(titles(bob)).not.toContain('Incident playbook: exploited sql injection in payments');
    expect(titles(app)).toContain('Incident playbook: exploited sql injection in payments');
    expect(confluence.requestLog.entries.map((e) => e.principal)).toEqual([
      { kind: 'user', accountId: DEMO_USERS.dev2, viaApp: true },
      { kind: 'app' },
    ]);
  });

  it('not connected: the SDK throws a ProxyRequestError and nothing reaches Confluence', async () => {
    const rt = await start(false);
    await expect(
      rt.invokeUi(
        'fixture-macro',
        'searchAsApp',
        { cql: 'type = page' },
        { accountId: DEMO_USERS.admin, extension: MACRO },
      ),
    ).rejects.toThrow(CONFLUENCE_NOT_CONNECTED);
    expect(confluence.requestLog.entries).toHaveLength(0);
  });

  it('a macro resolver gets the macro extension (content and space) in its context', async () => {
    const rt = await start(true);
    const result = (await rt.invokeUi(
      'fixture-macro',
      'describeContext',
      {},
      { accountId: DEMO_USERS.admin, extension: MACRO },
    )) as {
      context: { extension: Record<string, unknown> };
    };
    expect(result.context.extension).toEqual({ type: 'macro', ...MACRO });
  });
});

describe('web triggers', () => {
  it('passes the documented event shape and returns the handler’s response; asApp works, no user behind it', async () => {
    const rt = await start(true);
    const response = await rt.invokeWebTrigger('fixture-hook', {
      method: 'POST',
      headers: { Authorization: ['Bearer s3cret'] },
      body: '{"q":1}',
    });
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({
      echo: '{"q":1}',
      auth: ['Bearer s3cret'],
      confluenceStatus: 200,
    });
    const asUser = await rt.invokeWebTrigger('fixture-hook', {
      method: 'GET',
      queryParameters: { mode: ['as-user'] },
    });
    expect(asUser.statusCode).toBe(500);
    expect(rt.log.at(-1)).toMatchObject({
      kind: 'webtrigger',
      outcome: 'error',
      error: expect.stringMatching(/NEEDS_AUTHENTICATION_ERR/),
    });
  });

  it('answers 500 for a result that is not the response shape, or a throw', async () => {
    const rt = await start(true);
    expect(
      (await rt.invokeWebTrigger('fixture-hook', { method: 'GET', queryParameters: { mode: ['bad-shape'] } }))
        .statusCode,
    ).toBe(500);
    expect(
      (await rt.invokeWebTrigger('fixture-hook', { method: 'GET', queryParameters: { mode: ['throw'] } }))
        .statusCode,
    ).toBe(500);
    expect(rt.log.filter((r) => r.kind === 'webtrigger').map((r) => r.outcome)).toEqual(['error', 'error']);
  });

  it('webTrigger.getUrl returns one stable URL per module, the same the runtime reports', async () => {
    const rt = await start(true);
    const first = await rt.invokeWebTrigger('fixture-hook', {
      method: 'GET',
      queryParameters: { mode: ['url'] },
    });
    const second = await rt.invokeWebTrigger('fixture-hook', {
      method: 'GET',
      queryParameters: { mode: ['url'] },
    });
    expect(first.body).toBe(rt.webTriggerUrl('fixture-hook'));
    expect(second.body).toBe(first.body);
    expect(first.body).toMatch(/^https:\/\/.+\/x1\/[0-9a-f-]{36}$/);
  });

  it('refuses unknown and static web triggers instead of pretending', async () => {
    const rt = await start(true);
    await expect(rt.invokeWebTrigger('nope', { method: 'GET' })).rejects.toThrow(/no webtrigger 'nope'/);
    await expect(rt.invokeWebTrigger('fixture-static-hook', { method: 'GET' })).rejects.toThrow(/static/);
  });
});
