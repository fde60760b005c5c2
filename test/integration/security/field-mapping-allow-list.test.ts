import { startAutoTicketWorld, type AutoTicketWorld } from '../auto-ticket/auto-ticket-world';
import { callAdmin, expectError, kvsSnapshot } from '../admin/admin-test-kit';
import { DEMO_USERS, ISSUE_TYPE } from '../../sim/jira/jira-seed-builder';
import { autoTicketEndpoints } from '../../../src/contract/auto-ticket';
import { exportOneEndpoint } from '../../../src/contract/findings';
import { MODULE_KEYS } from '../../../src/contract/modules';
import { storeKeys } from '../../../src/infra/store/store-keys';

/**
 * Finding 3: static values for `reporter` (impersonating another person), `assignee`, `summary`,
 * `description` and a field id `__proto__` were accepted and used. Now: saving any of them is
 * refused with a message saying why, and a mapping stored before the allow-list is ignored at
 * export (noted, never sent to Jira).
 */
const TARGET = { projectKey: 'SEC', issueTypeId: ISSUE_TYPE.task };

describe('field mappings: an allow-list of mappable fields', () => {
  let w: AutoTicketWorld;
  beforeEach(async () => {
    w = await startAutoTicketWorld();
  });
  afterEach(async () => {
    await w.close();
  });

  it.each([
    ['reporter', DEMO_USERS.dev2, /set by the app/],
    ['summary', 'Owned', /set by the app/],
    ['description', 'Owned', /set by the app/],
    ['project', 'OPS', /set by the app/],
    ['issuetype', '10001', /set by the app/],
    ['parent', 'SEC-1', /set by the app/],
    ['assignee', DEMO_USERS.dev2, /assignee rules/],
    ['__proto__', 'x', /reserved name/],
    ['constructor', 'x', /reserved name/],
    ['timetracking', '1h', /only custom fields/],
  ])('refuses a mapping of %s, saying why, and stores nothing', async (fieldId, value, message) => {
    const before = kvsSnapshot(w.h);
    const error = await expectError(w.h, autoTicketEndpoints.saveFieldMappings, {
      ...TARGET,
      mappings: [{ fieldId, source: { type: 'static', value } }],
    });
    expect(error.kind).toBe('invalid_input');
    expect(JSON.stringify(error)).toMatch(message);
    expect(kvsSnapshot(w.h)).toEqual(before);
  });

  it('ignores a forbidden mapping stored before the allow-list: the ticket keeps the app’s reporter and summary', async () => {
    // Written as an older version would have stored it, past the schema that now refuses it.
    w.h.runtime.kvs.set(storeKeys.configSection('fieldMappings'), [
      {
        ...TARGET,
        mappings: [
          { fieldId: 'reporter', source: { type: 'static', value: DEMO_USERS.dev2 } },
          { fieldId: 'summary', source: { type: 'static', value: 'Hijacked summary' } },
          { fieldId: '__proto__', source: { type: 'static', value: 'polluted' } },
        ],
      },
    ]);
    const id = w.addFinding({ repositoryId: w.repos.web, score: 80, generatedTitle: 'Reflected XSS' });
    const result = await callAdmin(
      w.h,
      exportOneEndpoint,
      { findingId: id, target: TARGET },
      DEMO_USERS.admin,
      MODULE_KEYS.findingsPage,
    );
    if (!result.ok) throw new Error(result.error.message);
    const issue = w.h.jira.state.findIssue(result.value.issueKey);
    expect(issue?.fields['summary']).toBe('[ZeroPath][High] Reflected XSS');
    expect(JSON.stringify(issue?.fields['reporter'] ?? null)).not.toContain(DEMO_USERS.dev2);
    const created = w.h.jira.requestLog.entries.filter(
      (e) => e.method === 'POST' && e.path.startsWith('/rest/api/3/issue'),
    );
    expect(JSON.stringify(created.map((e) => e.body))).not.toMatch(/Hijacked|polluted|demo-dev-bob/);
  });
});
