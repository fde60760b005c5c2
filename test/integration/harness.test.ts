import * as path from 'node:path';
import { DEMO_USERS } from '../sim/jira/jira-seed-builder';
import { startHarness, type Harness } from './harness';
import { storedConfig } from './stored-config';

/**
 * The wiring every integration test relies on, proven with the runtime's fixture app (the real app
 * adds its own triggers as features land): Jira changes reach triggers as product events, and the
 * app's egress reaches the ZeroPath simulator through the manifest's allow-list.
 */
describe('integration harness', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness({
      manifest: path.join(__dirname, '../forge-runtime/fixtures/manifest.yml'),
      handlers: (await import('../forge-runtime/fixtures/fixture-app-handlers')),
    });
  });

  afterEach(async () => {
    await harness.close();
  });

  it('delivers a transition made in the Jira simulator to the trigger as a product event', async () => {
    const sec = harness.jira.state.projectsByKey.get('SEC');
    const issue = [...harness.jira.state.issues.values()].find(
      (i) => i.projectId === sec?.id && harness.jira.state.statuses.get(i.statusId)?.name === 'To Do',
    );
    expect(issue).toBeDefined();
    harness.jira.control.transitionAs(DEMO_USERS.admin, issue!.key, 'In Progress');
    await harness.runtime.settle();

    const delivered = harness.runtime.log.filter(
      (r) => r.kind === 'trigger' && r.eventType === 'avi:jira:updated:issue',
    );
    expect(delivered.map((r) => r.outcome)).toEqual(['ok']);
    const recorded = harness.runtime.kvs.entries(`event:${issue!.id}:`);
    expect(recorded).toHaveLength(1);
  });

  it('routes the app\u2019s egress to the ZeroPath simulator', async () => {
    const answer = await harness.runtime.invokeUi(
      'fixture-panel',
      'callScanner',
      { url: 'https://zeropath.com/api/v1/orgs/list' },
      {
        accountId: DEMO_USERS.dev1,
        extension: { issue: { id: '10001', key: 'SEC-1' }, project: { id: '10000', key: 'SEC' } },
      },
    );
    expect(answer).toBeDefined();
    expect(harness.zeropath.requestLog.entries.map((e) => e.path)).toContain('/api/v1/orgs/list');
  });

  it('stores the demo ZeroPath connection as an admin would leave it', () => {
    harness.connectZeroPath();
    expect(harness.runtime.kvs.secretKeys()).toEqual(['zeropath-credentials']);
    expect(storedConfig(harness.runtime.kvs)).toMatchObject({
      connection: { organizationId: harness.zeropath.organizationId },
    });
  });
});
