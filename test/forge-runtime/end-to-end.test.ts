import { createForgeRuntime, type ForgeRuntime } from './index';
import path from 'node:path';
import * as handlers from './fixtures/fixture-app-handlers';
import { startLoopbackRecorder, type LoopbackRecorder } from './loopback-recorder';

const MANIFEST = path.join(__dirname, 'fixtures', 'manifest.yml');
const PANEL = { issue: { id: '10001', key: 'SEC-1', type: 'Bug', typeId: '10004' }, project: { id: '10000', key: 'SEC', type: 'software' } };

let jira: LoopbackRecorder;
let runtime: ForgeRuntime;

beforeAll(async () => {
  jira = await startLoopbackRecorder('jira');
  runtime = await createForgeRuntime({ manifest: MANIFEST, handlers, jiraBaseUrl: jira.baseUrl, retryDelayScale: 0.0001 });
});
afterAll(async () => {
  runtime.close();
  await jira.close();
});

it('drives a resolver, a scheduled handler, a queue consumer and a trigger through the real SDKs', async () => {
  // Resolver: a user saves a note on the panel and asks Jira who they are.
  await runtime.invokeUi('fixture-panel', 'saveNote', { note: 'triaged' }, { accountId: 'dev-1', extension: PANEL });
  await runtime.invokeUi('fixture-panel', 'whoAmI', {}, { accountId: 'dev-1', extension: PANEL });
  expect(jira.requests.map((r) => [r.url, r.headers['x-sim-actor']])).toEqual([['/rest/api/3/myself', 'user:dev-1']]);

  // Scheduled trigger: pages `finding:` keys (two per page) and enqueues one job per finding.
  for (const id of ['f1', 'f2', 'f3']) runtime.kvs.set(`finding:${id}`, { id });
  runtime.kvs.set('fail-times:f2', 1);
  await runtime.runScheduledTrigger('fixture-sweep');
  expect(runtime.kvs.get('cursor:sweep')).toMatchObject({ enqueued: 3 });
  expect(runtime.pendingDeliveries).toBe(3);

  // Trigger: a status change by a person arrives alongside the queued work.
  runtime.emitProductEvent({
    eventType: 'avi:jira:updated:issue',
    selfGenerated: false,
    issue: { id: '10001', key: 'SEC-1', fields: { summary: 'flaky' } },
    changelog: { id: '500', items: [{ field: 'status', fieldId: 'status', from: '1', to: '3' }] },
  });
  await runtime.settle();

  expect(runtime.pendingDeliveries).toBe(0);
  expect(runtime.kvs.entries('link:finding:')).toEqual([
    { key: 'link:finding:f1', value: { issueKey: 'SEC-f1' } },
    { key: 'link:finding:f2', value: { issueKey: 'SEC-f2' } },
    { key: 'link:finding:f3', value: { issueKey: 'SEC-f3' } },
  ]);
  expect(runtime.kvs.get('deliveries:f2')).toBe(2);
  expect(runtime.kvs.get('event:10001:500')).toEqual([0, 1, 2]);
  expect(runtime.kvs.get('note:SEC-1')).toEqual({ note: 'triaged', by: 'dev-1' });
  // Retries interleave by due time, so compare the multiset of outcomes, not their order.
  expect(runtime.log.map((r) => `${r.kind}:${r.outcome}`).sort()).toEqual([
    'consumer:ok',
    'consumer:ok',
    'consumer:ok',
    'consumer:retry',
    'resolver:ok',
    'resolver:ok',
    'scheduled:ok',
    'trigger:ok',
    'trigger:retry',
    'trigger:retry',
  ]);
});
