import {
  aRule,
  APP_PROJECT_ID,
  SEC_PROJECT_ID,
  startAutoTicketWorld,
  type AutoTicketWorld,
} from './auto-ticket-world';
import { callAdmin, expectError, expectValue, kvsSnapshot } from '../admin/admin-test-kit';
import { DEMO_USERS, ISSUE_TYPE } from '../../sim/jira/jira-seed-builder';
import { autoTicketEndpoints } from '../../../src/contract/auto-ticket';
import { validateAdf } from '../../sim/shared/adf-validator';
import { type Endpoint } from '../../../src/contract/endpoint';
import { type z } from 'zod';

describe('auto-ticketing admin endpoints', () => {
  let w: AutoTicketWorld;
  beforeEach(async () => {
    w = await startAutoTicketWorld();
  });
  afterEach(async () => {
    await w.close();
  });

  it('refuses every auto-ticketing endpoint to a user without ADMINISTER and changes nothing', async () => {
    const payloads: Record<string, unknown> = {
      getSettings: {},
      saveRules: { rules: [aRule()] },
      dryRun: { rule: aRule() },
      saveTemplates: { useForManualExport: true, library: [], summary: '{{issueTitle}}' },
      previewTemplate: {},
      getFieldOptions: { projectKey: 'SEC', issueTypeId: '10002' },
      saveFieldMappings: { projectKey: 'SEC', issueTypeId: '10002', mappings: [] },
      saveSla: { enabled: true, policies: [] },
      lookupProjects: { query: '' },
      lookupIssueTypes: { projectId: SEC_PROJECT_ID },
      lookupEpics: { projectId: SEC_PROJECT_ID, query: '' },
      lookupUsers: { projectId: SEC_PROJECT_ID, query: '' },
      lookupRepositories: {},
    };
    const before = kvsSnapshot(w.h);
    const endpoints: [string, Endpoint<z.ZodType, z.ZodType>][] = Object.entries(autoTicketEndpoints);
    for (const [name, endpoint] of endpoints) {
      const result = await callAdmin(w.h, endpoint, payloads[name] as never, DEMO_USERS.dev1);
      expect({ name, ok: result.ok, kind: result.ok ? undefined : result.error.kind }).toEqual({
        name,
        ok: false,
        kind: 'forbidden',
      });
    }
    expect(kvsSnapshot(w.h)).toEqual(before);
  });

  it('dry run: the count, projects and sample match what the run then creates', async () => {
    const earlier = aRule({ scope: { type: 'tags', tags: ['pci'] }, jiraProjectId: APP_PROJECT_ID });
    w.configure({ autoTicketing: { rules: [earlier] } });
    for (let i = 0; i < 3; i += 1) w.addFinding({ repositoryId: w.repos.payments, score: 85 });
    for (let i = 0; i < 4; i += 1) w.addFinding({ repositoryId: w.repos.web, score: 85 });
    w.addFinding({ repositoryId: w.repos.web, score: 20 });
    const candidate = aRule({ enabled: false, scoreThreshold: 50, dailyCap: 3 });

    const dry = await expectValue(w.h, autoTicketEndpoints.dryRun, { rule: candidate });
    // The pci findings belong to the earlier rule; of the four web findings the cap allows three.
    expect(dry.count).toBe(3);
    expect(dry.heldByCap).toBe(1);
    expect(dry.byProject).toEqual([{ projectKey: 'SEC', count: 3 }]);
    expect(dry.sample?.summary).toMatch(/\[ZeroPath\]\[High\]/);
    expect(validateAdf(dry.sample?.description)).toEqual({ valid: true });
    expect(w.ticketCount()).toBe(0);

    await expectValue(w.h, autoTicketEndpoints.saveRules, {
      rules: [earlier, { ...candidate, enabled: true }],
    });
    await w.run();
    const created = [...w.h.jira.state.issues.values()].filter((i) => i.properties.has('zeropath'));
    expect(created.filter((i) => i.key.startsWith('SEC-'))).toHaveLength(dry.count);
    expect(created.filter((i) => i.key.startsWith('APP-'))).toHaveLength(3);
  });

  it('saving rules reports a vanished epic and unmapped required fields as warnings on the rule', async () => {
    const withEpic = aRule({ epicKey: 'SEC-404' });
    const ops = aRule({ jiraProjectId: '10002' });
    const saved = await expectValue(w.h, autoTicketEndpoints.saveRules, { rules: [withEpic, ops] });
    expect(saved.warnings[withEpic.id]?.join(' ')).toMatch(/SEC-404 no longer exists/);
    expect(saved.warnings[ops.id]?.join(' ')).toMatch(/"Security Team"/);
    const settings = await expectValue(w.h, autoTicketEndpoints.getSettings, {});
    expect(settings.ruleWarnings[withEpic.id]).toEqual(saved.warnings[withEpic.id]);
    expect(settings.rules.map((r) => r.id)).toEqual([withEpic.id, ops.id]);
  });

  it('refuses an invalid rule with field errors and saves nothing', async () => {
    const before = w.config().autoTicketing.rules;
    const error = await expectError(w.h, autoTicketEndpoints.saveRules, {
      rules: [{ ...aRule(), dailyCap: 0, scoreThreshold: 140 }],
    });
    expect(error.kind).toBe('invalid_input');
    expect(error.fieldErrors?.['rules.0.dailyCap']).toMatch(/at least 1/);
    expect(error.fieldErrors?.['rules.0.scoreThreshold']).toMatch(/0–100/);
    expect(w.config().autoTicketing.rules).toEqual(before);
  });

  it('refuses a template with an unknown variable at save, naming it and its position', async () => {
    const error = await expectError(w.h, autoTicketEndpoints.saveTemplates, {
      summary: '{{severity}} {{title}}',
      description: 'Repo {{repositoryName}}\n\n{{#secret}}x{{/secret}}',
      useForManualExport: false,
      library: [],
    });
    expect(error.kind).toBe('invalid_input');
    expect(error.fieldErrors?.['summary']).toMatch(
      /unknown variable "title".*|\{\{title\}\} at line 1, column 14/,
    );
    expect(error.fieldErrors?.['description']).toMatch(/sections/);
    expect(w.config().templates.summary).toBeUndefined();
  });

  it('previews a template against a real finding', async () => {
    const id = w.addFinding({
      repositoryId: w.repos.web,
      score: 92,
      generatedTitle: 'SQL injection in login',
    });
    const preview = await expectValue(w.h, autoTicketEndpoints.previewTemplate, {
      summary: '[{{severity}}] {{issueTitle}} ({{repositoryName}})',
      description: '**Score:** {{score}}\n\nFile: `{{affectedFile}}`',
      findingId: id,
    });
    expect(preview.summary).toBe('[Critical] SQL injection in login (web-frontend)');
    expect(validateAdf(preview.description)).toEqual({ valid: true });
    expect(JSON.stringify(preview.description)).toContain('92');
  });
  it('the rule form pickers answer on the admin resolver: projects, create-screen types, epics, users, repositories', async () => {
    const { projects } = await expectValue(w.h, autoTicketEndpoints.lookupProjects, { query: '' });
    expect(projects.map((p) => p.key)).toEqual(expect.arrayContaining(['SEC', 'APP', 'OPS']));
    expect(projects.find((p) => p.key === 'SEC')?.id).toBe(SEC_PROJECT_ID);

    const { issueTypes } = await expectValue(w.h, autoTicketEndpoints.lookupIssueTypes, {
      projectId: SEC_PROJECT_ID,
    });
    expect(issueTypes.map((t) => t.id)).toContain(ISSUE_TYPE.task);
    expect(issueTypes.every((t) => t.hierarchyLevel === 0)).toBe(true);
    expect(issueTypes.map((t) => t.id)).not.toContain(ISSUE_TYPE.epic);

    // The seed's SEC epic "Security findings Q4".
    const { epics } = await expectValue(w.h, autoTicketEndpoints.lookupEpics, {
      projectId: SEC_PROJECT_ID,
      query: 'Q4',
    });
    expect(epics.map((e) => e.summary)).toEqual(['Security findings Q4']);
    expect(epics[0]?.key).toMatch(/^SEC-\d+$/);

    const { users } = await expectValue(w.h, autoTicketEndpoints.lookupUsers, {
      projectId: SEC_PROJECT_ID,
      query: '',
    });
    expect(users.map((u) => u.accountId)).toContain(DEMO_USERS.dev1);

    const { repositories } = await expectValue(w.h, autoTicketEndpoints.lookupRepositories, {});
    expect(repositories.find((r) => r.id === w.repos.payments)?.tags).toEqual(['pci', 'team-payments']);

    const badId = await expectError(w.h, autoTicketEndpoints.lookupIssueTypes, { projectId: 'SEC' });
    expect(badId.kind).toBe('invalid_input');
  });

  it("a rule's own template is checked at save, used by the dry run's sample and by the run; None keeps the built-in layout", async () => {
    await expectValue(w.h, autoTicketEndpoints.saveTemplates, {
      summary: 'SITE {{issueTitle}}',
      useForManualExport: false,
      library: [],
    });
    const bad = aRule({ template: { type: 'own', summary: '{{severity}} {{title}}' } });
    const refused = await expectError(w.h, autoTicketEndpoints.saveRules, { rules: [bad] });
    expect(refused.fieldErrors?.['rules.0.template.summary']).toMatch(/title/);
    expect(w.config().autoTicketing.rules).toEqual([]);
    const both = aRule({ templateId: 'x', template: { type: 'none' } });
    const ambiguous = await expectError(w.h, autoTicketEndpoints.saveRules, { rules: [both] });
    expect(ambiguous.fieldErrors?.['rules.0.template']).toMatch(/not both/);

    const own = aRule({
      scope: { type: 'repositories', repositoryIds: [w.repos.web] },
      template: {
        type: 'own',
        summary: 'OWN {{severity}}: {{issueTitle}}',
        description: '## Where\n\n{{affectedFile}}',
      },
    });
    const none = aRule({
      scope: { type: 'repositories', repositoryIds: [w.repos.payments] },
      template: { type: 'none' },
    });
    const webId = w.addFinding({ repositoryId: w.repos.web, score: 80, generatedTitle: 'Open redirect' });
    const payId = w.addFinding({ repositoryId: w.repos.payments, score: 80, generatedTitle: 'Weak hash' });

    const dry = await expectValue(w.h, autoTicketEndpoints.dryRun, { rule: own });
    expect(dry.sample?.summary).toBe('OWN High: Open redirect');
    expect(JSON.stringify(dry.sample?.description)).toContain('"type":"heading"');
    const dryNone = await expectValue(w.h, autoTicketEndpoints.dryRun, { rule: none });
    expect(dryNone.sample?.summary).toBe('[ZeroPath][High] Weak hash');

    await expectValue(w.h, autoTicketEndpoints.saveRules, { rules: [own, none] });
    await w.run();
    expect(w.issueOf(webId)?.fields['summary']).toBe('OWN High: Open redirect');
    expect(w.issueOf(payId)?.fields['summary']).toBe('[ZeroPath][High] Weak hash');
  });
});
