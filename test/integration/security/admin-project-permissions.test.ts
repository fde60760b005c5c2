import {
  startAutoTicketWorld,
  aRule,
  OPS_PROJECT_ID,
  SEC_PROJECT_ID,
  type AutoTicketWorld,
} from '../auto-ticket/auto-ticket-world';
import { callAdmin } from '../admin/admin-test-kit';
import { ALL_PROJECT_PERMISSIONS, DEMO_USERS, ISSUE_TYPE } from '../../sim/jira/jira-seed-builder';
import { autoTicketEndpoints } from '../../../src/contract/auto-ticket';
import { storeKeys } from '../../../src/infra/store/store-keys';
import { MODULE_KEYS } from '../../../src/contract/modules';

/**
 * Finding 2 of issue 17: an admin who cannot browse a project got its epics from the auto-ticket
 * epic lookup, and a rule saved by an admin who may not create issues in a project created issues
 * there (the app creates as itself). Lookups are now checked as the admin (browse), rules at save
 * (create) and again on every run, as the person who saved them.
 */
describe('admin configuration respects the admin’s own project permissions', () => {
  let w: AutoTicketWorld;
  beforeEach(async () => {
    w = await startAutoTicketWorld();
  });
  afterEach(async () => {
    await w.close();
  });

  /** Ada stays a Jira administrator but loses the given projects. */
  const adaOnlyIn = (...projects: string[]) => {
    const ada = w.h.jira.state.users.get(DEMO_USERS.admin);
    if (ada === undefined) throw new Error('no Ada');
    w.h.jira.state.users.set(DEMO_USERS.admin, {
      ...ada,
      projectPermissions: Object.fromEntries(projects.map((p) => [p, ALL_PROJECT_PERMISSIONS])),
    });
  };

  it('epic, issue type and user lookups answer only for projects the admin can browse', async () => {
    adaOnlyIn('SEC', 'APP');
    type Answer = { ok: boolean; error?: { kind: string } };
    const ask = async (key: string, payload: object) =>
      (await w.h.runtime.invokeUi(MODULE_KEYS.adminPage, key, payload, {
        accountId: DEMO_USERS.admin,
      })) as Answer;
    for (const [key, withQuery] of [
      [autoTicketEndpoints.lookupEpics.key, true],
      [autoTicketEndpoints.lookupIssueTypes.key, false],
      [autoTicketEndpoints.lookupUsers.key, true],
    ] as const) {
      const payload = (projectId: string) => (withQuery ? { projectId, query: '' } : { projectId });
      const refused = await ask(key, payload(OPS_PROJECT_ID));
      expect({ key, kind: refused.ok ? 'ok' : refused.error?.kind }).toEqual({ key, kind: 'forbidden' });
      const allowed = await ask(key, payload(SEC_PROJECT_ID));
      expect({ key, ok: allowed.ok }).toEqual({ key, ok: true });
    }
    const projects = await callAdmin(w.h, autoTicketEndpoints.lookupProjects, { query: '' });
    if (!projects.ok) throw new Error(projects.error.message);
    expect(projects.value.projects.map((p) => p.key).sort()).toEqual(['APP', 'SEC']);
  });

  it('a rule for a project the admin may not create issues in is refused at save, naming the field', async () => {
    adaOnlyIn('SEC', 'APP');
    const refused = await callAdmin(w.h, autoTicketEndpoints.saveRules, {
      rules: [
        aRule({
          id: 'ops-rule',
          jiraProjectId: OPS_PROJECT_ID,
          issueTypeId: ISSUE_TYPE.task,
          savedBy: undefined,
        }),
      ],
    });
    expect(refused.ok ? 'saved' : refused.error.kind).toBe('invalid_input');
    expect(JSON.stringify(refused)).toContain('rules.0.jiraProjectId');
    expect(w.config().autoTicketing.rules).toEqual([]);
  });

  it('a saved rule whose saver lost the right creates nothing, with a Health warning, until saved again', async () => {
    const { savedBy: _notSent, ...wire } = aRule({ id: 'sec-rule', jiraProjectId: SEC_PROJECT_ID });
    const saved = await callAdmin(w.h, autoTicketEndpoints.saveRules, { rules: [wire] });
    expect(saved.ok).toBe(true);
    expect(w.config().autoTicketing.rules[0]?.savedBy).toBe(DEMO_USERS.admin);

    adaOnlyIn('APP');
    w.addFinding({ repositoryId: w.repos.web, score: 90 });
    await w.run();
    expect(w.ticketCount()).toBe(0);
    const health = w.h.runtime.kvs.get(storeKeys.health('auto-ticket')) as
      { lastError?: { message: string } } | undefined;
    expect(health?.lastError?.message).toMatch(/may not create issues in SEC/);
    expect(w.state().ruleWarnings['sec-rule']?.join(' ')).toMatch(/can no longer create issues in SEC/);

    adaOnlyIn('SEC', 'APP');
    await w.run();
    expect(w.ticketCount()).toBe(1);
  });
});
