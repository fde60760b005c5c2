import { aRule, APP_PROJECT_ID, startAutoTicketWorld, type AutoTicketWorld } from './auto-ticket-world';
import { expectError, expectValue } from '../admin/admin-test-kit';
import { aFullScreen, field, ISSUE_TYPE, DEMO_USERS } from '../../sim/jira/jira-seed-builder';
import { type ScreenField } from '../../sim/jira/jira-model';
import { autoTicketEndpoints } from '../../../src/contract/auto-ticket';
import { validateAdf } from '../../sim/shared/adf-validator';
import { type SlaPolicy } from '../../../src/core/sla/sla-policy';

const DAY = 86_400_000;

function dueDateAfter(createdAt: string, days: number): string {
  return new Date(Date.parse(createdAt) + days * DAY).toISOString().slice(0, 10);
}

function aPolicy(overrides: Partial<SlaPolicy>): SlaPolicy {
  return {
    id: `p-${Math.random().toString(36).slice(2, 8)}`,
    name: 'Policy',
    enabled: true,
    days: { High: 30 },
    scope: { type: 'all' },
    ...overrides,
  };
}

/** Every node and mark of an ADF document, flattened. */
function walk(
  node: unknown,
  out: { type: string; marks: { type: string; attrs?: Record<string, unknown> }[] }[] = [],
) {
  if (typeof node !== 'object' || node === null) return out;
  const n = node as {
    type?: string;
    marks?: { type: string; attrs?: Record<string, unknown> }[];
    content?: unknown[];
  };
  out.push({ type: n.type ?? '', marks: n.marks ?? [] });
  for (const child of n.content ?? []) walk(child, out);
  return out;
}

describe('ticket shaping: templates, custom fields and SLA due dates on created tickets', () => {
  let w: AutoTicketWorld;
  beforeEach(async () => {
    w = await startAutoTicketWorld();
  });
  afterEach(async () => {
    await w.close();
  });

  it('renders hostile finding values inertly: no structure, links or mentions come from a value', async () => {
    await expectValue(w.h, autoTicketEndpoints.saveTemplates, {
      summary: '{{severity}}: {{issueTitle}}',
      description:
        '## {{issueTitle}}\n\nIn **{{repositoryName}}** at `{{affectedFile}}`:\n\n{{description}}\n\nDetails: {{findingUrl}}',
      useForManualExport: false,
      library: [],
    });
    w.configure({ autoTicketing: { rules: [aRule()] } });
    const hostileTitle =
      '[click me](javascript:alert(1)) @Ada Admin ]}"\u0000 {"type":"mention","attrs":{"id":"x"}}';
    const hostileDescription =
      'javascript:alert(document.cookie)\n\n# Fake heading\n\n[x](javascript:evil) ![img](https://evil.example/x.png)\n\n<script>alert(1)</script> @[Ada Admin](accountid:557058) `}]}';
    const id = w.addFinding({
      repositoryId: w.repos.web,
      score: 80,
      generatedTitle: hostileTitle,
      generatedDescription: hostileDescription,
    });

    await w.run();

    const issue = w.issueOf(id);
    expect(issue).toBeDefined();
    expect(issue?.fields['summary']).toBe(`High: ${hostileTitle.replace('\u0000', '')}`);
    const description = issue?.fields['description'];
    expect(validateAdf(description)).toEqual({ valid: true });
    const nodes = walk(description);
    expect(
      nodes.some(
        (n) =>
          n.type === 'mention' || n.type === 'mediaSingle' || n.type === 'media' || n.type === 'inlineCard',
      ),
    ).toBe(false);
    // The template's own heading is the only one: the value's "# Fake heading" stays text.
    expect(nodes.filter((n) => n.type === 'heading')).toHaveLength(1);
    const links = nodes.flatMap((n) => n.marks.filter((m) => m.type === 'link'));
    expect(links).toEqual([]);
    expect(JSON.stringify(description)).toContain('javascript:alert(document.cookie)');
  });

  it("uses the rule's own template from the library over the site template", async () => {
    const settings = await expectValue(w.h, autoTicketEndpoints.saveTemplates, {
      summary: 'ZP {{severity}} {{issueTitle}}',
      useForManualExport: true,
      library: [
        {
          id: 'terse',
          name: 'Terse',
          summary: '{{vulnClass}} in {{repositoryName}}',
          description: '{{description}}',
        },
      ],
    });
    expect(settings.useForManualExport).toBe(true);
    const rule = aRule({ templateId: 'terse' });
    w.configure({ autoTicketing: { rules: [rule] } });
    const id = w.addFinding({ repositoryId: w.repos.web, score: 80, vulnClass: 'Path Traversal' });
    await w.run();
    expect(w.issueOf(id)?.fields['summary']).toBe('Path Traversal in web-frontend');
  });

  it('fills mapped custom fields of each type and refuses an invalid static value at save', async () => {
    const screen: ScreenField[] = [
      ...aFullScreen(),
      {
        fieldId: 'components',
        name: 'Components',
        kind: 'components',
        required: false,
        allowedValues: [
          { id: '900', name: 'Backend' },
          { id: '901', name: 'Frontend' },
        ],
      },
      field.customText(10100, 'Vulnerability class'),
      field.customTextarea(10101, 'Finding description'),
      field.customNumber(10102, 'ZeroPath score'),
      field.customSelect(10103, 'Severity', ['Critical', 'High', 'Medium', 'Low']),
      { fieldId: 'customfield_10104', name: 'Fix by', kind: 'date', required: false },
      { fieldId: 'customfield_10105', name: 'Security champion', kind: 'user', required: false },
      {
        fieldId: 'customfield_10106',
        name: 'Affected teams',
        kind: 'multioption',
        required: false,
        allowedValues: [
          { id: '501', value: 'AppSec' },
          { id: '502', value: 'Platform' },
          { id: '503', value: 'Infra' },
        ],
      },
      { fieldId: 'customfield_10107', name: 'Weakness tags', kind: 'labels', required: false },
    ];
    w.h.jira.control.setCreateScreen('SEC', ISSUE_TYPE.task, screen);

    const refused = await expectError(w.h, autoTicketEndpoints.saveFieldMappings, {
      projectKey: 'SEC',
      issueTypeId: ISSUE_TYPE.task,
      mappings: [{ fieldId: 'customfield_10103', source: { type: 'static', value: 'Catastrophic' } }],
    });
    expect(refused.kind).toBe('invalid_input');
    expect(refused.fieldErrors?.['customfield_10103']).toMatch(
      /"Catastrophic" is not one of "Critical", "High"/,
    );
    expect(w.config().fieldMappings).toEqual([]);

    await expectValue(w.h, autoTicketEndpoints.saveSla, {
      enabled: true,
      policies: [aPolicy({ days: { High: 10 } })],
    });
    await expectValue(w.h, autoTicketEndpoints.saveFieldMappings, {
      projectKey: 'SEC',
      issueTypeId: ISSUE_TYPE.task,
      mappings: [
        { fieldId: 'customfield_10100', source: { type: 'finding', variable: 'vulnClass' } },
        { fieldId: 'customfield_10101', source: { type: 'finding', variable: 'description' } },
        { fieldId: 'customfield_10102', source: { type: 'finding', variable: 'score' } },
        { fieldId: 'customfield_10103', source: { type: 'finding', variable: 'severity' } },
        { fieldId: 'customfield_10104', source: { type: 'finding', variable: 'dueDate' } },
        { fieldId: 'customfield_10105', source: { type: 'static', value: DEMO_USERS.dev1 } },
        { fieldId: 'components', source: { type: 'static', value: ['Backend'] } },
        { fieldId: 'labels', source: { type: 'static', value: ['security', 'auto'] } },
        { fieldId: 'customfield_10106', source: { type: 'static', value: ['AppSec', 'infra'] } },
        { fieldId: 'customfield_10107', source: { type: 'finding', variable: 'cwes' } },
      ],
    });
    w.configure({ autoTicketing: { rules: [aRule()] } });
    const id = w.addFinding({
      repositoryId: w.repos.web,
      score: 77,
      vulnClass: 'Open Redirect',
      cwes: ['CWE-601', 'CWE-20'],
      generatedDescription: 'Redirects anywhere.',
    });

    await w.run();

    const fields = w.issueOf(id)?.fields ?? {};
    const created = w.h.zeropath.state.finding(id)?.createdAt ?? '';
    expect(fields['customfield_10100']).toBe('Open Redirect');
    expect(validateAdf(fields['customfield_10101'])).toEqual({ valid: true });
    expect(JSON.stringify(fields['customfield_10101'])).toContain('Redirects anywhere.');
    expect(fields['customfield_10102']).toBe(77);
    expect(fields['customfield_10103']).toBe('101031');
    expect(fields['customfield_10104']).toBe(dueDateAfter(created, 10));
    expect(fields['customfield_10105']).toBe(DEMO_USERS.dev1);
    expect(fields['components']).toEqual([{ id: '900' }]);
    expect(fields['labels']).toEqual(['security', 'auto']);
    expect(fields['customfield_10106']).toEqual(['501', '503']);
    expect(fields['customfield_10107']).toEqual(['CWE-601', 'CWE-20']);
  });

  it('reports a required field left unmapped at save', async () => {
    const error = await expectError(w.h, autoTicketEndpoints.saveFieldMappings, {
      projectKey: 'OPS',
      issueTypeId: ISSUE_TYPE.task,
      mappings: [],
    });
    expect(error.kind).toBe('invalid_input');
    expect(error.message).toMatch(/OPS requires "Security Team"/);
  });

  it('SLA: earliest breach across covering policies (tag scope included); no covering policy → no due date', async () => {
    await expectValue(w.h, autoTicketEndpoints.saveSla, {
      enabled: true,
      policies: [
        aPolicy({ name: 'Everyone', days: { High: 30, Critical: 14 } }),
        aPolicy({ name: 'PCI', days: { High: 7 }, scope: { type: 'tags', tags: ['pci'] } }),
        aPolicy({ name: 'Off', enabled: false, days: { High: 1 } }),
        aPolicy({
          name: 'Tools only',
          days: { Medium: 3 },
          scope: { type: 'repositories', repositoryIds: [w.repos.plain] },
        }),
      ],
    });
    w.configure({ autoTicketing: { rules: [aRule()] } });
    const pci = w.addFinding({ repositoryId: w.repos.payments, score: 80 });
    const web = w.addFinding({ repositoryId: w.repos.web, score: 80 });
    const uncovered = w.addFinding({ repositoryId: w.repos.web, score: 50 });

    await w.run();

    const createdAt = (id: string) => w.h.zeropath.state.finding(id)?.createdAt ?? '';
    expect(w.issueOf(pci)?.fields['duedate']).toBe(dueDateAfter(createdAt(pci), 7));
    expect(w.issueOf(web)?.fields['duedate']).toBe(dueDateAfter(createdAt(web), 30));
    expect(w.issueOf(uncovered)).toBeDefined();
    expect(w.issueOf(uncovered)?.fields['duedate'] ?? null).toBeNull();
  });

  it('SLA: warns at save when a target screen has no due date, and still creates the tickets', async () => {
    w.configure({ autoTicketing: { rules: [aRule({ jiraProjectId: APP_PROJECT_ID })] } });
    const saved = await expectValue(w.h, autoTicketEndpoints.saveSla, {
      enabled: true,
      policies: [aPolicy({ days: { High: 5 } })],
    });
    expect(saved.warnings.join(' ')).toMatch(/no Due date field on its create screen/);
    const id = w.addFinding({ repositoryId: w.repos.web, score: 80 });
    await w.run();
    expect(w.issueOf(id)?.key).toMatch(/^APP-/);
    expect(w.issueOf(id)?.fields['duedate'] ?? null).toBeNull();
  });

  it('SLA: when Jira refuses the due date on a ticket, the ticket is created again without it', async () => {
    await expectValue(w.h, autoTicketEndpoints.saveSla, {
      enabled: true,
      policies: [aPolicy({ days: { High: 5 } })],
    });
    w.configure({ autoTicketing: { rules: [aRule()] } });
    const id = w.addFinding({ repositoryId: w.repos.web, score: 80 });
    // The screen loses Due date between the app reading it and the create reaching Jira.
    w.h.jira.control.injectFault('POST /rest/api/3/issue/bulk', { latencyMs: 300 });
    const screenReads = () =>
      w.h.jira.requestLog.entries.filter((e) => e.path.endsWith(`/issuetypes/${ISSUE_TYPE.task}`)).length;
    await w.h.runtime.runScheduledTrigger('zp-auto-ticket');
    // The run has read the screen; wait for the consumer to read it too, then change it.
    const readByRun = screenReads();
    const settling = w.h.runtime.settle();
    while (screenReads() === readByRun) await new Promise((resolve) => setTimeout(resolve, 5));
    w.h.jira.control.setCreateScreen('SEC', ISSUE_TYPE.task, aFullScreen({ duedate: false }));
    await settling;

    const bulk = w.h.jira.requestLog.entries.filter((e) => e.path === '/rest/api/3/issue/bulk');
    expect(bulk).toHaveLength(2);
    expect(bulk[0]?.status).toBe(400);
    expect(w.issueOf(id)).toBeDefined();
    expect(w.issueOf(id)?.fields['duedate'] ?? null).toBeNull();
    expect(w.state().ruleWarnings[w.config().autoTicketing.rules[0]?.id ?? '']?.join(' ')).toMatch(
      /refused the SLA due date/,
    );
  });
});
