// The harness must load first: it installs the local Forge platform before @forge/api loads.
import { startHarness, type Harness } from '../harness';
import { aRule } from '../auto-ticket/auto-ticket-world';
import { storeConfigSections } from '../stored-config';
import { DEMO_USERS, ISSUE_TYPE } from '../../sim/jira/jira-seed-builder';
import { MODULE_KEYS } from '../../../src/contract/modules';
import { panelEndpoints } from '../../../src/contract/panel';
import { adminEndpoints } from '../../../src/contract/admin';
import { storeKeys } from '../../../src/infra/store/store-keys';
import { findingLinkSchema } from '../../../src/core/link/finding-link';

/**
 * Finding 1 of issue 17 ("any editor can take over any finding through the panel") and finding 7
 * (browse permission cached for 5 minutes). Who may link is defined in docs/security.md:
 * - the security team may link any finding that is linked nowhere;
 * - anyone else who may edit the issue only a finding whose repository an enabled auto-ticketing
 *   rule sends to the issue's project;
 * - never a finding linked elsewhere; every panel action checks permission on the issue that owns
 *   the link; false positive / accepted risk from the panel need the security team by default.
 */
type Answer = { ok: boolean; value?: Record<string, unknown>; error?: { kind: string; message: string } };

describe('panel linking you can trust', () => {
  let h: Harness;
  const issue = (key: string) => {
    const found = h.jira.state.issuesByKey.get(key);
    if (found === undefined) throw new Error(`no ${key}`);
    return { id: found.id, key: found.key, projectKey: key.split('-')[0] ?? '' };
  };
  const call = async (accountId: string, key: string, functionKey: string, payload: unknown = {}) => {
    const at = issue(key);
    const projectId = at.projectKey === 'SEC' ? '10000' : at.projectKey === 'APP' ? '10001' : '10002';
    return (await h.runtime.invokeUi(MODULE_KEYS.issuePanel, functionKey, payload, {
      accountId,
      extension: { issue: { id: at.id, key: at.key }, project: { id: projectId, key: at.projectKey } },
    })) as Answer;
  };
  const openFindings = () =>
    h.zeropath.state
      .findings()
      .filter(
        (f) =>
          f.organizationId === h.zeropath.organizationId &&
          ['PENDING_REVIEW', 'REVIEWING'].includes(f.v2Status),
      );
  const link = (accountId: string, key: string, findingId: string) =>
    call(accountId, key, panelEndpoints.linkFinding.key, { reference: findingId });
  const storedLink = (findingId: string) => {
    const raw = h.runtime.kvs.get(storeKeys.linkByFinding(findingId));
    return raw === undefined ? undefined : findingLinkSchema.parse(raw);
  };

  /** A fresh issue in a project, created as Ada (OPS needs its required select). */
  const newIssue = (projectKey: 'SEC' | 'APP' | 'OPS'): string => {
    const fields: Record<string, unknown> = {
      project: { key: projectKey },
      issuetype: { id: ISSUE_TYPE.task },
      summary: `Issue in ${projectKey}`,
    };
    if (projectKey === 'OPS') fields['customfield_10050'] = { value: 'AppSec' };
    const created = h.jira.state.createIssue(
      { fields },
      { kind: 'user', accountId: DEMO_USERS.admin, viaApp: false },
    );
    if (!created.ok) throw new Error(`could not create an issue in ${projectKey}`);
    return created.value.key;
  };

  beforeEach(async () => {
    h = await startHarness();
    h.connectZeroPath();
  });
  afterEach(async () => {
    await h.close();
  });

  it('an editor outside the security team cannot link another team’s finding, and learns nothing about it', async () => {
    const [target] = openFindings();
    if (target === undefined) throw new Error('no open finding');
    const refused = await link(DEMO_USERS.restricted, 'SEC-1', target.id);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
    expect(JSON.stringify(refused)).not.toContain(target.generatedTitle);
    expect(storedLink(target.id)).toBeUndefined();
    // The admin's export of that finding is then not answered "already linked" to the contractor's issue.
    expect(h.runtime.kvs.get(storeKeys.linkByIssue(issue('SEC-1').id))).toBeUndefined();
  });

  it('an editor may link a finding whose repository an enabled rule sends to this project', async () => {
    const [target] = openFindings();
    if (target === undefined) throw new Error('no open finding');
    storeConfigSections(h.runtime.kvs, {
      autoTicketing: {
        rules: [
          aRule({
            jiraProjectId: '10000',
            scope: { type: 'repositories', repositoryIds: [target.repositoryId] },
          }),
        ],
      },
    });
    expect(await link(DEMO_USERS.restricted, 'SEC-1', target.id)).toMatchObject({ ok: true });
    expect(storedLink(target.id)?.issueKey).toBe('SEC-1');
    // The same rule does not open other projects: APP gets nothing from it.
    const other = openFindings().find((f) => f.id !== target.id);
    if (other === undefined) throw new Error('need a second finding');
    expect(await link(DEMO_USERS.restricted, newIssue('APP'), other.id)).toMatchObject({
      ok: false,
      error: { kind: 'invalid_input' },
    });
    // A disabled rule maps nothing.
    storeConfigSections(h.runtime.kvs, {
      autoTicketing: { rules: [aRule({ enabled: false, jiraProjectId: '10000', scope: { type: 'all' } })] },
    });
    expect(await link(DEMO_USERS.restricted, newIssue('SEC'), other.id)).toMatchObject({
      ok: false,
      error: { kind: 'invalid_input' },
    });
  });

  it('the security team (a Jira group, asked as the caller) may link any unlinked finding; never one linked elsewhere', async () => {
    storeConfigSections(h.runtime.kvs, {
      security: { teamGroups: ['security-team'], teamProjectRoles: [], panelTriage: 'security_team', secondApprover: false },
    });
    const [first] = openFindings();
    if (first === undefined) throw new Error('no open finding');
    expect(await link(DEMO_USERS.dev1, 'SEC-1', first.id)).toMatchObject({
      ok: false,
      error: { kind: 'invalid_input' },
    });
    expect(await link(DEMO_USERS.admin, 'SEC-1', first.id)).toMatchObject({ ok: true });
    const again = await link(DEMO_USERS.admin, 'SEC-2', first.id);
    expect(again).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    expect(again.error?.message).not.toContain('SEC-1');
    expect(storedLink(first.id)?.issueKey).toBe('SEC-1');
  });

  it('false positive and accepted risk from the panel need the security team by default; the setting can open them to editors', async () => {
    const [target] = openFindings();
    if (target === undefined) throw new Error('no open finding');
    expect(await link(DEMO_USERS.admin, 'SEC-1', target.id)).toMatchObject({ ok: true });
    const reason = { reason: 'Test fixture, not shipped.' };
    const byDeveloper = await call(DEMO_USERS.dev1, 'SEC-1', panelEndpoints.markFalsePositive.key, reason);
    expect(byDeveloper).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(byDeveloper.error?.message).toMatch(/security team/);
    expect(await call(DEMO_USERS.dev1, 'SEC-1', panelEndpoints.acceptRisk.key, reason)).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });
    expect(h.zeropath.state.finding(target.id)?.v2Status).toBe(target.v2Status);

    storeConfigSections(h.runtime.kvs, {
      security: { teamGroups: [], teamProjectRoles: [], panelTriage: 'issue_editors', secondApprover: false },
    });
    expect(await call(DEMO_USERS.dev1, 'SEC-1', panelEndpoints.markFalsePositive.key, reason)).toMatchObject({
      ok: true,
    });
    expect(h.zeropath.state.finding(target.id)?.v2Status).toBe('FALSE_POSITIVE');
  });

  it('an issue whose stale link points at a finding now owned by a restricted issue can neither show nor act on it', async () => {
    const [target] = openFindings();
    if (target === undefined) throw new Error('no open finding');
    // Ada links the finding to OPS-1 (the contractor cannot browse OPS) …
    const ops = newIssue('OPS');
    expect(await link(DEMO_USERS.admin, ops, target.id)).toMatchObject({ ok: true });
    // … while SEC-1's reverse index still names it (left by an earlier link that moved).
    h.runtime.kvs.set(storeKeys.linkByIssue(issue('SEC-1').id), target.id);
    const before = h.zeropath.state.finding(target.id)?.v2Status;
    const load = await call(DEMO_USERS.restricted, 'SEC-1', panelEndpoints.load.key);
    expect(load).toMatchObject({ ok: true, value: { state: 'not_linked' } });
    expect(JSON.stringify(load)).not.toContain(target.generatedTitle);
    for (const [key, payload] of [
      [panelEndpoints.refresh.key, {}],
      [panelEndpoints.markFalsePositive.key, { reason: 'mine now' }],
      [panelEndpoints.acceptRisk.key, { reason: 'mine now' }],
      [panelEndpoints.reopen.key, { reason: 'mine now' }],
    ] as const) {
      const answer = await call(DEMO_USERS.restricted, 'SEC-1', key, payload);
      expect({ key, ok: answer.ok, kind: answer.error?.kind }).toEqual({ key, ok: false, kind: 'not_found' });
    }
    expect(h.zeropath.state.finding(target.id)?.v2Status).toBe(before);
    expect(storedLink(target.id)?.issueKey).toBe(ops);
  });

  it('a revoked browse permission stops refresh at once, whatever the panel cached (finding 7)', async () => {
    const [target] = openFindings();
    if (target === undefined) throw new Error('no open finding');
    expect(await link(DEMO_USERS.admin, 'SEC-1', target.id)).toMatchObject({ ok: true });
    expect(await call(DEMO_USERS.dev2, 'SEC-1', panelEndpoints.load.key)).toMatchObject({ ok: true });
    const bob = h.jira.state.users.get(DEMO_USERS.dev2);
    if (bob === undefined) throw new Error('no Bob');
    h.jira.state.users.set(DEMO_USERS.dev2, { ...bob, projectPermissions: { APP: [] } });
    const refreshed = await call(DEMO_USERS.dev2, 'SEC-1', panelEndpoints.refresh.key);
    expect(refreshed).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    // And the next open asks Jira again instead of trusting the old grant.
    expect(await call(DEMO_USERS.dev2, 'SEC-1', panelEndpoints.load.key)).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });
  });

  it('with a second approver on, a Critical or High false positive waits for a second security-team member', async () => {
    const saved = await h.runtime.invokeUi(
      MODULE_KEYS.adminPage,
      adminEndpoints.saveSecurity.key,
      { teamGroups: ['security-team', 'developers'], panelTriage: 'security_team', secondApprover: true },
      { accountId: DEMO_USERS.admin },
    );
    expect(saved).toMatchObject({ ok: true, value: { security: { secondApprover: true } } });
    const severe = openFindings().find((f) => f.score >= 70);
    if (severe === undefined) throw new Error('no High or Critical open finding');
    expect(await link(DEMO_USERS.admin, 'SEC-1', severe.id)).toMatchObject({ ok: true });
    const reason = { reason: 'Dead code path.' };
    const first = await call(DEMO_USERS.dev1, 'SEC-1', panelEndpoints.markFalsePositive.key, reason);
    expect(first).toMatchObject({ ok: true });
    expect(JSON.stringify(first)).toMatch(/second member of the security team/);
    expect(h.zeropath.state.finding(severe.id)?.v2Status).toBe(severe.v2Status);
    // The same person cannot confirm their own request.
    expect(await call(DEMO_USERS.dev1, 'SEC-1', panelEndpoints.markFalsePositive.key, reason)).toMatchObject({
      ok: false,
      error: { kind: 'conflict' },
    });
    expect(h.zeropath.state.finding(severe.id)?.v2Status).toBe(severe.v2Status);
    // A second member confirms: now ZeroPath changes, and the pending request is gone.
    expect(await call(DEMO_USERS.dev2, 'SEC-1', panelEndpoints.markFalsePositive.key, reason)).toMatchObject({
      ok: true,
    });
    expect(h.zeropath.state.finding(severe.id)?.v2Status).toBe('FALSE_POSITIVE');
    expect(storedLink(severe.id)?.pendingApproval).toBeUndefined();
  });

  it('only Jira administrators may change the security setting', async () => {
    const answer = await h.runtime.invokeUi(
      MODULE_KEYS.adminPage,
      adminEndpoints.saveSecurity.key,
      { teamGroups: ['developers'], panelTriage: 'issue_editors', secondApprover: false },
      { accountId: DEMO_USERS.dev1 },
    );
    expect(answer).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });
});
