// The harness must load first: it installs the local Forge platform before @forge/api loads.
import { startHarness, type Harness } from '../harness';
import { DEMO_USERS } from '../../sim/jira/jira-seed-builder';
import { MODULE_KEYS } from '../../../src/contract/modules';
import { panelEndpoints } from '../../../src/contract/panel';
import { storeKeys } from '../../../src/infra/store/store-keys';

/**
 * A resolver's unexpected failure tells the user an admin can check Health; this proves Health
 * then has it (and that a successful call writes nothing there).
 */
describe('resolver failures reach Health', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
    h.connectZeroPath();
  });

  afterEach(async () => {
    await h.close();
  });

  it('records an internal resolver error, redacted, under the resolver kind', async () => {
    const issue = h.jira.state.issuesByKey.get('SEC-2');
    if (!issue) throw new Error('the demo seed has no SEC-2');
    const context = {
      accountId: DEMO_USERS.admin,
      extension: { issue: { id: issue.id, key: issue.key }, project: { id: '10000', key: 'SEC' } },
    };
    const findingId = h.zeropath.state.findings()[0]!.id;

    const linked = (await h.runtime.invokeUi(
      MODULE_KEYS.issuePanel,
      panelEndpoints.linkFinding.key,
      { reference: findingId },
      context,
    )) as { ok: boolean };
    expect(linked.ok).toBe(true);
    // A success is noted (Health shows the pages as used), but it is no error.
    expect((h.runtime.kvs.get(storeKeys.health('resolver')) as { lastError?: unknown } | undefined)?.lastError).toBeUndefined();

    // A stored link an older or broken version wrote: the panel cannot read it.
    h.runtime.kvs.set(storeKeys.linkByFinding(findingId), { findingId, broken: true });
    const answer = (await h.runtime.invokeUi(
      MODULE_KEYS.issuePanel,
      panelEndpoints.load.key,
      {},
      context,
    )) as {
      ok: boolean;
      error?: { kind: string; message: string };
    };

    expect(answer).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(answer.error?.message).toContain('Health');
    const record = h.runtime.kvs.get(storeKeys.health('resolver')) as { lastError?: { message: string } };
    expect(record.lastError?.message).toContain(`resolver ${panelEndpoints.load.key} failed`);
  });
});
