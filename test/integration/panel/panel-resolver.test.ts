// The harness must load first: it installs the local Forge platform before @forge/api loads.
import { startHarness, type Harness } from '../harness';
import { DEMO_USERS, STATUS } from '../../sim/jira/jira-seed-builder';
import { MODULE_KEYS } from '../../../src/contract/modules';
import {
  actionResultSchema,
  panelEndpoints,
  panelViewSchema,
  type ActionResult,
  type LinkedPanelView,
  type PanelView,
} from '../../../src/contract/panel';
import { storeKeys } from '../../../src/infra/store/store-keys';
import { givenDevelopersAreTheSecurityTeam } from '../stored-config';

/**
 * The panel's resolver through the local Forge runtime, the real manifest and both simulators:
 * what each action does in ZeroPath, on the Jira issue and in the audit trail, and who gets what.
 */
type Answer = {
  ok: boolean;
  value?: unknown;
  error?: { kind: string; message: string; fieldErrors?: Record<string, string> };
};

/** The answer's value checked against the contract, so a test also fails on contract drift. */
const viewOf = (answer: Answer): PanelView => panelViewSchema.parse(answer.value);
const resultOf = (answer: Answer): ActionResult => actionResultSchema.parse(answer.value);
const linkedOf = (view: PanelView): LinkedPanelView => {
  if (view.state !== 'linked') throw new Error(`expected a linked view, got ${view.state}`);
  return view;
};

describe('finding panel resolver', () => {
  let h: Harness;
  let sec2: { id: string; key: string };
  let findingId: string;

  const contextFor = (accountId: string, issue = sec2) => ({
    accountId,
    extension: { issue: { id: issue.id, key: issue.key }, project: { id: '10000', key: 'SEC' } },
  });
  const call = async (key: string, payload: unknown, accountId: string = DEMO_USERS.dev1, issue = sec2) =>
    (await h.runtime.invokeUi(MODULE_KEYS.issuePanel, key, payload, contextFor(accountId, issue))) as Answer;
  const link = () => call(panelEndpoints.linkFinding.key, { reference: findingId });
  const openFinding = () => {
    const found = h.zeropath.state
      .findings()
      .find((f) => ['PENDING_REVIEW', 'REVIEWING'].includes(f.v2Status));
    if (!found) throw new Error('the seeded ZeroPath data has no open finding');
    return found.id;
  };
  const issueOf = (key: string) => {
    const issue = h.jira.state.issuesByKey.get(key);
    if (!issue) throw new Error(`no ${key}`);
    return { id: issue.id, key: issue.key };
  };

  beforeEach(async () => {
    h = await startHarness();
    h.connectZeroPath();
    givenDevelopersAreTheSecurityTeam(h.runtime.kvs);
    sec2 = issueOf('SEC-2');
    findingId = openFinding();
  });
  afterEach(async () => {
    await h.close();
  });

  it('opens from the KVS snapshot with no call to ZeroPath or Jira when the snapshot is fresh', async () => {
    expect((await link()).ok).toBe(true);
    h.jira.requestLog.clear();
    h.zeropath.requestLog.clear();

    const answer = await call(panelEndpoints.load.key, {});

    expect(answer.ok).toBe(true);
    expect(viewOf(answer)).toMatchObject({
      state: 'linked',
      issueKey: 'SEC-2',
      canEdit: true,
      stale: false,
      connected: true,
    });
    expect(linkedOf(viewOf(answer)).finding.id).toBe(findingId);
    expect(h.jira.requestLog.entries).toHaveLength(0);
    expect(h.zeropath.requestLog.entries).toHaveLength(0);
  });

  it('asks Jira once, as the user, when it has no recent permission answer, and still never calls ZeroPath', async () => {
    expect((await link()).ok).toBe(true);
    // dev2 has never opened the panel on this issue: no permission answer is cached for them.
    expect(h.runtime.kvs.get(storeKeys.issuePermission(DEMO_USERS.dev2, sec2.id))).toBeUndefined();
    h.jira.requestLog.clear();
    h.zeropath.requestLog.clear();

    expect((await call(panelEndpoints.load.key, {}, DEMO_USERS.dev2)).ok).toBe(true);
    expect(h.jira.requestLog.entries.map((e) => e.path)).toEqual(['/rest/api/3/mypermissions']);
    expect(JSON.stringify(h.jira.requestLog.entries[0]?.principal)).toContain(DEMO_USERS.dev2);
    expect(h.zeropath.requestLog.entries).toHaveLength(0);
    expect((await call(panelEndpoints.load.key, {}, DEMO_USERS.dev2)).ok).toBe(true);
    expect(h.jira.requestLog.entries).toHaveLength(1);
  });

  it('marks a stale snapshot and refreshes it from ZeroPath on request, auditing a status change seen there', async () => {
    expect((await link()).ok).toBe(true);
    const stored = h.runtime.kvs.get(storeKeys.linkByFinding(findingId)) as Record<string, unknown>;
    h.runtime.kvs.set(storeKeys.linkByFinding(findingId), {
      ...stored,
      snapshotAt: '2020-01-01T00:00:00.000Z',
    });
    expect(linkedOf(viewOf(await call(panelEndpoints.load.key, {}))).stale).toBe(true);
    h.zeropath.control.setFindingStatus(findingId, 'RESOLVED', { reason: 'fixed upstream' });

    const refreshed = await call(panelEndpoints.refresh.key, {});

    expect(refreshed.ok).toBe(true);
    expect(viewOf(refreshed)).toMatchObject({
      state: 'linked',
      stale: false,
      finding: { status: 'resolved' },
    });
    expect(linkedOf(viewOf(refreshed)).audit.at(-1)).toMatchObject({
      action: 'status_seen',
      from: 'open',
      to: 'resolved',
      actorLabel: 'ZeroPath',
    });
  });

  it('marks the finding a false positive: ZeroPath, the Jira issue and the audit trail all show it', async () => {
    expect((await link()).ok).toBe(true);

    const answer = await call(panelEndpoints.markFalsePositive.key, {
      reason: 'Input is validated by the gateway',
    });

    expect(answer.ok).toBe(true);
    const result = resultOf(answer);
    expect(result.warnings).toEqual([]);
    expect(linkedOf(result.view).finding.status).toBe('false_positive');
    expect(h.zeropath.state.finding(findingId)?.v2Status).toBe('FALSE_POSITIVE');
    const issue = h.jira.state.issuesByKey.get('SEC-2')!;
    expect(issue.properties.get('zeropath')).toMatchObject({ findingId, status: 'false_positive' });
    expect(JSON.stringify(issue.comments.at(-1))).toContain('Input is validated by the gateway');
    const [decision, move] = linkedOf(result.view).audit.slice(-2);
    expect(decision).toMatchObject({
      action: 'false_positive',
      to: 'false_positive',
      actorAccountId: DEMO_USERS.dev1,
      detail: 'Input is validated by the gateway',
    });
    // The issue follows the sync rules (see panel-jira-move.test.ts for every workflow case).
    expect(move).toMatchObject({ action: 'jira-transitioned', actorAccountId: DEMO_USERS.dev1 });
    expect(issue.statusId).toBe(STATUS.wontDo);
  });

  it('refuses a false positive without a reason and changes nothing', async () => {
    expect((await link()).ok).toBe(true);
    h.zeropath.requestLog.clear();
    const answer = await call(panelEndpoints.markFalsePositive.key, { reason: '   ' });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
    expect(answer.error?.fieldErrors?.['reason']).toMatch(/reason/i);
    expect(h.zeropath.requestLog.entries).toHaveLength(0);
  });

  it('accepts the risk with an until-date through ZeroPath’s status update, then reopens it', async () => {
    expect((await link()).ok).toBe(true);
    const accepted = await call(panelEndpoints.acceptRisk.key, {
      reason: 'Internal tool only',
      until: '2099-06-30',
    });
    expect(accepted.ok).toBe(true);
    expect(h.zeropath.state.finding(findingId)?.v2Status).toBe('ACCEPTED_RISK');
    const update = h.zeropath.requestLog.entries.find((e) => e.path === '/api/v2/issues/updateStatus');
    expect(update?.body).toMatchObject({ issueIds: [findingId], status: 'ACCEPTED_RISK' });
    expect(String((update?.body as { reason?: string }).reason)).toContain('2099-06-30');
    expect(linkedOf(resultOf(accepted).view).audit.at(-2)).toMatchObject({
      action: 'accepted_risk',
      to: 'accepted_risk',
    });

    const reopened = await call(panelEndpoints.reopen.key, { reason: 'Now exposed publicly' });
    expect(reopened.ok).toBe(true);
    expect(h.zeropath.state.finding(findingId)?.v2Status).toBe('REVIEWING');
    expect(linkedOf(resultOf(reopened).view).finding.status).toBe('open');
    expect(linkedOf(resultOf(reopened).view).audit.map((e) => e.action)).toEqual([
      'linked',
      'accepted_risk',
      'jira-transitioned',
      'reopened',
      'jira-transitioned',
    ]);
    expect(h.jira.state.issuesByKey.get('SEC-2')!.properties.get('zeropath')).toMatchObject({
      status: 'open',
    });
  });

  it('refuses an until-date that is not in the future, and a reopen of an open finding', async () => {
    expect((await link()).ok).toBe(true);
    const past = await call(panelEndpoints.acceptRisk.key, { reason: 'x', until: '2001-01-01' });
    expect(past).toMatchObject({
      ok: false,
      error: { kind: 'invalid_input', fieldErrors: { until: expect.any(String) } },
    });
    const reopen = await call(panelEndpoints.reopen.key, {});
    expect(reopen).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    expect(h.zeropath.state.finding(findingId)?.v2Status).not.toBe('ACCEPTED_RISK');
  });

  it('links by URL, validates against ZeroPath, and refuses a finding linked elsewhere without naming the other issue', async () => {
    const missing = await call(panelEndpoints.linkFinding.key, {
      reference: 'https://zeropath.com/app/issues/does-not-exist',
    });
    expect(missing).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
    const foreign = await call(panelEndpoints.linkFinding.key, {
      reference: `https://evil.example.com/app/issues/${findingId}`,
    });
    expect(foreign).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });

    const linked = await call(panelEndpoints.linkFinding.key, {
      reference: `https://zeropath.com/app/issues/${findingId}?tab=code`,
    });
    expect(linked.ok).toBe(true);
    expect(resultOf(linked).view).toMatchObject({ state: 'linked', issueKey: 'SEC-2' });
    expect(h.runtime.kvs.get(storeKeys.linkByIssue(sec2.id))).toBe(findingId);

    const sec1 = issueOf('SEC-1');
    const again = await call(panelEndpoints.linkFinding.key, { reference: findingId }, DEMO_USERS.dev1, sec1);
    expect(again).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    // The other issue may be in a project the caller cannot see: it is never named.
    expect(again.error?.message).toContain('already linked to another Jira issue');
    expect(again.error?.message).not.toContain('SEC-2');
  });

  it('answers not linked, and not connected (pointing at the admin page) when ZeroPath has no token', async () => {
    expect(viewOf(await call(panelEndpoints.load.key, {}))).toEqual({
      state: 'not_linked',
      issueKey: 'SEC-2',
      canEdit: true,
    });
    await h.close();
    h = await startHarness();
    sec2 = issueOf('SEC-2');
    expect(viewOf(await call(panelEndpoints.load.key, {}))).toEqual({
      state: 'not_connected',
      issueKey: 'SEC-2',
    });
    const attempt = await call(panelEndpoints.linkFinding.key, { reference: 'abc-123' });
    expect(attempt).toMatchObject({ ok: false, error: { kind: 'not_connected' } });
    expect(attempt.error?.message).toMatch(/admin page/);
  });

  it('gives a user who cannot browse the issue nothing about it', async () => {
    expect((await link()).ok).toBe(true);
    h.jira.control.setPermissions(DEMO_USERS.restricted, {
      projectPermissions: { APP: ['BROWSE_PROJECTS'] },
    });
    for (const key of [panelEndpoints.load.key, panelEndpoints.refresh.key]) {
      const answer = await call(key, {}, DEMO_USERS.restricted);
      expect(answer).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
      expect(JSON.stringify(answer)).not.toContain(findingId);
    }
    const fp = await call(panelEndpoints.markFalsePositive.key, { reason: 'nope' }, DEMO_USERS.restricted);
    expect(fp).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(h.zeropath.state.finding(findingId)?.v2Status).not.toBe('FALSE_POSITIVE');
  });

  it('lets a browse-only user read but not triage', async () => {
    expect((await link()).ok).toBe(true);
    h.jira.control.setPermissions(DEMO_USERS.dev2, { projectPermissions: { SEC: ['BROWSE_PROJECTS'] } });
    const view = await call(panelEndpoints.load.key, {}, DEMO_USERS.dev2);
    expect(viewOf(view)).toMatchObject({ state: 'linked', canEdit: false });
    const fp = await call(panelEndpoints.markFalsePositive.key, { reason: 'looks fine' }, DEMO_USERS.dev2);
    expect(fp).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(fp.error?.message).toMatch(/edit/);
    expect(h.zeropath.state.finding(findingId)?.v2Status).not.toBe('FALSE_POSITIVE');
  });

  it('refuses a payload that names another issue: only the platform context decides', async () => {
    expect((await link()).ok).toBe(true);
    const sec1 = issueOf('SEC-1');
    const answer = await call(panelEndpoints.load.key, { issueKey: sec1.key, issueId: sec1.id });
    expect(answer).toMatchObject({
      ok: false,
      error: { kind: 'invalid_input', fieldErrors: { issueKey: expect.any(String) } },
    });
    const named = await call(
      panelEndpoints.markFalsePositive.key,
      { reason: 'r', issueKey: 'SEC-2', issueId: sec2.id },
      DEMO_USERS.dev1,
      sec1,
    );
    expect(named).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
    // From SEC-1's panel, a valid action concerns SEC-1 (not linked), never SEC-2's finding.
    const fromSec1 = await call(panelEndpoints.markFalsePositive.key, { reason: 'r' }, DEMO_USERS.dev1, sec1);
    expect(fromSec1).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    expect(h.zeropath.state.finding(findingId)?.v2Status).not.toBe('FALSE_POSITIVE');
  });

  it('is reachable only from the issue panel module', async () => {
    await expect(
      h.runtime.invokeUi(MODULE_KEYS.adminPage, panelEndpoints.load.key, {}, { accountId: DEMO_USERS.admin }),
    ).rejects.toThrow();
  });
});
