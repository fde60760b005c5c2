// The harness must load first: it installs the local Forge platform before @forge/api loads.
import { startHarness, type Harness } from '../harness';
import { SecretLeakError } from '../secret-leak-guard';
import { MODULE_KEYS } from '../../../src/contract/modules';
import { DEMO_USERS } from '../../sim/jira/jira-seed-builder';
import { DEMO_TOKEN_SECRET } from '../../sim/zeropath/zeropath-sim';
import { type RequestLogEntry } from '../../sim/shared/http-server';

/**
 * The suite-wide guard itself: it must see what the app sends to Jira and what it logs, and fail
 * the file at close when either carries the ZeroPath token secret or a secret planted in a finding.
 */
const anEntry = (overrides: Partial<RequestLogEntry>): RequestLogEntry => ({
  method: 'POST',
  path: '/rest/api/3/issue/10001/comment',
  query: {},
  principal: { kind: 'app' },
  body: {},
  status: 201,
  at: Date.now(),
  routeKey: 'POST /rest/api/3/issue/:issueIdOrKey/comment',
  ...overrides,
});

describe('secret-leak guard: Jira requests and logs', () => {
  let h: Harness;
  let closed: boolean;

  beforeEach(async () => {
    h = await startHarness();
    h.connectZeroPath();
    closed = false;
  });
  afterEach(async () => {
    if (!closed) await h.close();
  });

  const closeExpectingLeak = async (pattern: RegExp) => {
    closed = true;
    await expect(h.close()).rejects.toThrow(SecretLeakError);
    expect(() => h.secretGuard.assertNoLeaks()).toThrow(pattern);
  };

  it('records the app’s own Jira requests (as the app and as a user through the app) for the final scan', async () => {
    const before = h.secretGuard.jiraRequestsRecorded;
    await h.runtime.invokeUi(MODULE_KEYS.adminPage, 'admin.getSettings', {}, { accountId: DEMO_USERS.admin });
    expect(h.secretGuard.jiraRequestsRecorded).toBeGreaterThan(before);
  });

  it('fails at close when the app sent a secret planted in a finding to Jira, even after the log was cleared', async () => {
    const [planted] = h.zeropath.state.secretValues();
    if (planted === undefined) throw new Error('the ZeroPath seed planted no secrets');
    h.jira.requestLog.record(
      anEntry({ body: { body: { type: 'doc', content: [{ type: 'text', text: planted }] } } }),
    );
    h.jira.requestLog.clear();
    await closeExpectingLeak(/the app sent a secret value from a finding to Jira/);
  });

  it('fails at close when the app sent the ZeroPath token secret to Jira, in a body or a query', async () => {
    h.jira.requestLog.record(
      anEntry({
        method: 'GET',
        path: '/rest/api/3/search/jql',
        query: { jql: DEMO_TOKEN_SECRET },
        body: undefined,
      }),
    );
    await closeExpectingLeak(/the app sent a ZeroPath token secret to Jira/);
  });

  it('does not blame the app for what a person typed into Jira', async () => {
    const [planted] = h.zeropath.state.secretValues();
    h.jira.requestLog.record(
      anEntry({
        principal: { kind: 'user', accountId: DEMO_USERS.dev1, viaApp: false },
        body: { text: planted },
      }),
    );
    closed = true;
    await expect(h.close()).resolves.toBeUndefined();
  });

  it('fails at close when a secret reached a log line', async () => {
    console.info('something went wrong', { token: DEMO_TOKEN_SECRET });
    await closeExpectingLeak(/the app logged a ZeroPath token secret \(console\.info\)/);
  });
});
