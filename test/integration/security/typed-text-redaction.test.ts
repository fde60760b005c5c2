// The harness must load first: it installs the local Forge platform before @forge/api loads.
import { startHarness, type Harness } from '../harness';
import { MODULE_KEYS } from '../../../src/contract/modules';
import { DEMO_USERS, ISSUE_TYPE } from '../../sim/jira/jira-seed-builder';

/**
 * What a person types (a triage reason) passes the same secret detector as ZeroPath's text before
 * it reaches a Jira comment or the audit trail the issue panel shows. Someone pasting a log line
 * with a token into a reason must not publish the token on every linked issue.
 */
const TYPED_TOKEN = `ghp_${'Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcBa'}`;

describe('typed text on its way to Jira', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
    h.connectZeroPath();
    h.secretGuard.addKnownSecret(TYPED_TOKEN);
  });
  afterEach(async () => {
    // The guard scans every app-made Jira request for the typed token here.
    await h.close();
  });

  it('bulk triage: the reason reaches Jira and the audit trail without the credential in it', async () => {
    const finding = h.zeropath.state
      .findings()
      .find(
        (f) =>
          f.organizationId === h.zeropath.organizationId &&
          ['PENDING_REVIEW', 'REVIEWING'].includes(f.v2Status),
      );
    if (finding === undefined) throw new Error('the ZeroPath seed has no open finding');
    const call = (key: string, payload: unknown) =>
      h.runtime.invokeUi(MODULE_KEYS.findingsPage, key, payload, { accountId: DEMO_USERS.admin }) as Promise<{
        ok: boolean;
        value?: { issueKey?: string; zeropathUpdated?: number; jiraTransitioned?: number };
      }>;
    const exported = await call('findings.exportOne', {
      findingId: finding.id,
      target: { projectKey: 'SEC', issueTypeId: ISSUE_TYPE.task },
    });
    expect(exported.ok).toBe(true);
    const commentsBefore = h.jira.requestLog.entries.length;

    const triaged = await call('findings.bulkTriage', {
      findingIds: [finding.id],
      outcome: 'false_positive',
      reason: `Scanner noise, see build log: export GITHUB_TOKEN=${TYPED_TOKEN}`,
    });

    expect(triaged).toMatchObject({ ok: true, value: { zeropathUpdated: 1, jiraTransitioned: 1 } });
    const sent = JSON.stringify(h.jira.requestLog.entries.slice(commentsBefore).map((e) => e.body));
    expect(sent).toContain('Scanner noise, see build log');
    expect(sent).not.toContain(TYPED_TOKEN);
    const stored = JSON.stringify(h.runtime.kvs.entries());
    expect(stored).toContain('Scanner noise, see build log');
    expect(stored).not.toContain(TYPED_TOKEN);
  });
});
