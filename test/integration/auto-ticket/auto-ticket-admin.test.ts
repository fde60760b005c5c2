import { aRule, APP_PROJECT_ID, startAutoTicketWorld, type AutoTicketWorld } from './auto-ticket-world';
import { callAdmin, expectError, expectValue, kvsSnapshot } from '../admin/admin-test-kit';
import { DEMO_USERS } from '../../sim/jira/jira-seed-builder';
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
});
