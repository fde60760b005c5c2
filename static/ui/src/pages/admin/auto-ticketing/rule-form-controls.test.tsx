import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { invoke } from '@forge/bridge';
import { AutoTicketingSection } from './auto-ticketing-section';

jest.mock('@forge/bridge', () => ({ invoke: jest.fn(), view: { getContext: jest.fn() } }));

const invokeMock = invoke as jest.MockedFunction<typeof invoke>;
const ok = (value: unknown) => ({ ok: true, value });

const savedRule = {
  id: 'r1',
  name: 'Critical SAST',
  enabled: true,
  scoreThreshold: 90,
  categories: ['SAST'],
  scanTypes: ['FullScan'],
  scope: { type: 'all' },
  jiraProjectId: '10000',
  issueTypeId: '10002',
  epicKey: 'SEC-404',
  assignee: { type: 'none' },
  dailyCap: 10,
};

const settings = (rule: Record<string, unknown> = savedRule) => ({
  rules: [rule],
  templates: {
    summary: 'SITE {{issueTitle}}',
    useForManualExport: false,
    library: [{ id: 'terse', name: 'Terse', summary: '{{severity}}: {{issueTitle}}', description: '' }],
  },
  fieldMappings: [],
  sla: { enabled: false, policies: [] },
  ruleWarnings: {},
  variables: [{ name: 'severity', description: 'Severity' }],
});

const PROJECTS = [
  { id: '10000', key: 'SEC', name: 'Security' },
  { id: '10001', key: 'APP', name: 'Application' },
];
const TYPES: Record<string, unknown[]> = {
  '10000': [
    { id: '10002', name: 'Task', hierarchyLevel: 0 },
    { id: '10001', name: 'Bug', hierarchyLevel: 0 },
  ],
  '10001': [{ id: '10004', name: 'Story', hierarchyLevel: 0 }],
};
const EPICS = [
  { key: 'SEC-1', summary: 'Security findings Q4' },
  { key: 'SEC-7', summary: 'Payments hardening' },
];
const USERS = [
  { accountId: 'acc-dev1', displayName: 'Dev One' },
  { accountId: 'acc-dev2', displayName: 'Dev Two' },
];

type Calls = { key: string; payload: Record<string, unknown> }[];

function fakeBridge(
  overrides: Record<string, (payload: Record<string, unknown>) => unknown> = {},
  initial: Record<string, unknown> = savedRule,
): Calls {
  const calls: Calls = [];
  const handlers: Record<string, (payload: Record<string, unknown>) => unknown> = {
    'autoTicket.getSettings': () => ok(settings(initial)),
    'autoTicket.lookupProjects': (p) =>
      ok({
        projects: PROJECTS.filter((x) => x.name.toLowerCase().includes(String(p['query']).toLowerCase())),
      }),
    'autoTicket.lookupIssueTypes': (p) => ok({ issueTypes: TYPES[String(p['projectId'])] ?? [] }),
    'autoTicket.lookupEpics': (p) =>
      ok({
        epics:
          p['projectId'] === '10000'
            ? EPICS.filter((e) => e.summary.toLowerCase().includes(String(p['query']).toLowerCase()))
            : [],
      }),
    'autoTicket.lookupUsers': (p) =>
      ok({
        users: USERS.filter((u) => u.displayName.toLowerCase().startsWith(String(p['query']).toLowerCase())),
      }),
    'autoTicket.lookupRepositories': () =>
      ok({
        repositories: [
          { id: 'repo-pay', name: 'payments-api', tags: ['pci', 'team-payments'] },
          { id: 'repo-web', name: 'web-frontend', tags: ['team-web'] },
        ],
      }),
    'autoTicket.saveRules': (p) => ok({ rules: p['rules'], warnings: {} }),
    ...overrides,
  };
  invokeMock.mockImplementation((key: string, payload?: unknown) => {
    const handler = handlers[key];
    const body = (payload ?? {}) as Record<string, unknown>;
    calls.push({ key, payload: body });
    if (handler === undefined) return Promise.reject(new Error(`unexpected invoke ${key}`));
    return Promise.resolve(handler(body));
  });
  return calls;
}

async function savedRules(calls: Calls): Promise<Record<string, unknown>[]> {
  await userEvent.click(screen.getByRole('button', { name: 'Save rules' }));
  await screen.findByText('Rules saved');
  const save = calls.filter((c) => c.key === 'autoTicket.saveRules').at(-1);
  return save?.payload['rules'] as Record<string, unknown>[];
}

const optionLabels = (select: HTMLElement) =>
  within(select)
    .getAllByRole('option')
    .map((o) => o.textContent);

beforeEach(() => invokeMock.mockReset());

describe('auto-ticketing rule form: project, issue type and epic pickers', () => {
  it('offers the projects and create-screen issue types from the admin endpoints, and a new project clears type and epic', async () => {
    const calls = fakeBridge();
    render(<AutoTicketingSection />);
    const project = await screen.findByLabelText('Jira project');
    await waitFor(() => expect(optionLabels(project)).toContain('Security (SEC)'));
    expect(project).toHaveValue('10000');
    const type = screen.getByLabelText('Issue type');
    await waitFor(() => expect(optionLabels(type)).toEqual(['Choose an issue type', 'Task', 'Bug']));
    expect(type).toHaveValue('10002');

    await userEvent.type(screen.getByLabelText('Search projects'), 'app');
    await waitFor(() => expect(optionLabels(project)).toContain('Application (APP)'));
    await userEvent.selectOptions(project, '10001');
    await waitFor(() => expect(optionLabels(type)).toEqual(['Choose an issue type', 'Story']));
    expect(type).toHaveValue('');
    expect(screen.getByLabelText('Epic')).toHaveValue('');
    await userEvent.selectOptions(type, '10004');

    const [rule] = await savedRules(calls);
    expect(rule).toMatchObject({ jiraProjectId: '10001', issueTypeId: '10004' });
    expect(rule).not.toHaveProperty('epicKey');
    // Lookups went to the admin module's endpoints, never the findings page's.
    expect(calls.some((c) => c.key.startsWith('findings.'))).toBe(false);
    expect(calls.filter((c) => c.key === 'autoTicket.lookupIssueTypes').map((c) => c.payload)).toEqual(
      expect.arrayContaining([{ projectId: '10000' }, { projectId: '10001' }]),
    );
  });

  it('searches epics of the project, keeps a saved epic visible, and has an explicit None', async () => {
    const calls = fakeBridge();
    render(<AutoTicketingSection />);
    const epic = await screen.findByLabelText('Epic');
    // SEC-404 is not among the search results (it vanished) but stays shown as the saved choice.
    await waitFor(() => expect(optionLabels(epic)).toContain('SEC-7 Payments hardening'));
    expect(optionLabels(epic)[0]).toBe('None');
    expect(epic).toHaveValue('SEC-404');

    await userEvent.type(screen.getByLabelText('Search epics'), 'pay');
    await waitFor(() =>
      expect(calls.some((c) => c.key === 'autoTicket.lookupEpics' && c.payload['query'] === 'pay')).toBe(
        true,
      ),
    );
    await waitFor(() => expect(optionLabels(epic)).not.toContain('SEC-1 Security findings Q4'));
    await userEvent.selectOptions(epic, 'SEC-7');
    let [rule] = await savedRules(calls);
    expect(rule?.['epicKey']).toBe('SEC-7');

    await userEvent.selectOptions(epic, '');
    [rule] = await savedRules(calls);
    expect(rule).not.toHaveProperty('epicKey');
  });
});

describe('auto-ticketing rule form: assignee', () => {
  it('assigns one user found by assignable-user search', async () => {
    const calls = fakeBridge();
    render(<AutoTicketingSection />);
    await userEvent.selectOptions(await screen.findByLabelText('Assignee'), 'fixed');
    await userEvent.type(screen.getByLabelText('Search users (User)'), 'dev t');
    const user = screen.getByLabelText('User');
    await waitFor(() => expect(optionLabels(user)).toEqual(['Choose a user', 'Dev Two']));
    await userEvent.selectOptions(user, 'acc-dev2');
    const [rule] = await savedRules(calls);
    expect(rule?.['assignee']).toEqual({ type: 'fixed', accountId: 'acc-dev2' });
    expect(calls.find((c) => c.key === 'autoTicket.lookupUsers')?.payload['projectId']).toBe('10000');
  });

  it('maps a repository and a ZeroPath tag to users, with a fallback, and shows the server errors on it', async () => {
    const calls = fakeBridge({
      'autoTicket.saveRules': () => ({
        ok: false,
        error: {
          kind: 'invalid_input',
          message: 'Rules not saved: one field needs attention.',
          fieldErrors: { 'rules.0.assignee.byTag.0.accountId': 'Choose a user for this tag' },
        },
      }),
    });
    render(<AutoTicketingSection />);
    await userEvent.selectOptions(await screen.findByLabelText('Assignee'), 'mapping');
    await userEvent.click(screen.getByRole('button', { name: 'Add repository' }));
    const repo = screen.getByLabelText('Repository 1');
    await waitFor(() => expect(optionLabels(repo)).toContain('payments-api'));
    await userEvent.selectOptions(repo, 'repo-pay');
    const repoUser = screen.getByLabelText('User for repository 1');
    await waitFor(() => expect(optionLabels(repoUser)).toContain('Dev One'));
    await userEvent.selectOptions(repoUser, 'acc-dev1');

    await userEvent.click(screen.getByRole('button', { name: 'Add tag' }));
    const tag = screen.getByLabelText('Tag 1');
    expect(optionLabels(tag)).toEqual(['Choose a tag', 'pci', 'team-payments', 'team-web']);
    await userEvent.selectOptions(tag, 'team-web');
    const fallback = screen.getByLabelText('Otherwise assign to');
    await waitFor(() => expect(optionLabels(fallback)).toContain('Dev Two'));
    await userEvent.selectOptions(fallback, 'acc-dev2');

    await userEvent.click(screen.getByRole('button', { name: 'Save rules' }));
    expect(await screen.findByText('Choose a user for this tag')).toBeInTheDocument();
    const save = calls.filter((c) => c.key === 'autoTicket.saveRules').at(-1);
    const [rule] = save?.payload['rules'] as Record<string, unknown>[];
    expect(rule?.['assignee']).toEqual({
      type: 'mapping',
      byRepository: [{ repositoryId: 'repo-pay', accountId: 'acc-dev1' }],
      byTag: [{ tag: 'team-web', accountId: '' }],
      fallbackAccountId: 'acc-dev2',
    });
  });
});

describe('auto-ticketing rule form: template', () => {
  const previewOf = (payload: Record<string, unknown>) =>
    ok({
      findingId: 'f-42',
      summary: `rendered ${(payload['summary'] as string | undefined) ?? 'built-in'}`,
      description: {
        type: 'doc',
        version: 1,
        content: [
          { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Where' }] },
          {
            type: 'paragraph',
            content: [{ type: 'text', text: (payload['description'] as string | undefined) ?? 'layout' }],
          },
        ],
      },
    });

  it("offers none, the site template, library templates and the rule's own, with a preview that follows typing", async () => {
    const calls = fakeBridge({ 'autoTicket.previewTemplate': previewOf });
    render(<AutoTicketingSection />);
    const choice = await screen.findByLabelText('Ticket template');
    expect(optionLabels(choice)).toEqual([
      'None (the built-in layout)',
      'Site template',
      'Library: Terse',
      "This rule's own template",
    ]);
    expect(choice).toHaveValue('site');

    await userEvent.selectOptions(choice, 'own');
    await userEvent.type(screen.getByLabelText('Rule title template'), 'OWN {{{{severity}}');
    await userEvent.click(screen.getByRole('button', { name: 'Preview template' }));
    const preview = await screen.findByRole('figure', { name: 'Template preview' });
    expect(await within(preview).findByText('rendered OWN {{severity}}')).toBeInTheDocument();
    expect(within(preview).getByRole('heading', { name: 'Where' })).toBeInTheDocument();
    expect(preview.textContent).not.toContain('"type"');

    await userEvent.type(
      screen.getByLabelText('Rule description template (markdown)'),
      'In {{{{affectedFile}}',
    );
    expect(
      await within(preview).findByText('In {{affectedFile}}', {}, { timeout: 2000 }),
    ).toBeInTheDocument();
    const previews = calls.filter((c) => c.key === 'autoTicket.previewTemplate').map((c) => c.payload);
    expect(previews.at(-1)).toEqual({ summary: 'OWN {{severity}}', description: 'In {{affectedFile}}' });

    let [rule] = await savedRules(calls);
    expect(rule?.['template']).toEqual({
      type: 'own',
      summary: 'OWN {{severity}}',
      description: 'In {{affectedFile}}',
    });

    await userEvent.selectOptions(choice, 'library:terse');
    [rule] = await savedRules(calls);
    expect(rule?.['templateId']).toBe('terse');
    expect(rule).not.toHaveProperty('template');

    await userEvent.selectOptions(choice, 'none');
    [rule] = await savedRules(calls);
    expect(rule?.['template']).toEqual({ type: 'none' });
    expect(rule).not.toHaveProperty('templateId');
    await waitFor(() =>
      expect(calls.filter((c) => c.key === 'autoTicket.previewTemplate').at(-1)?.payload).toEqual({}),
    );
  });

  it("shows the server's template error next to the rule's own title", async () => {
    fakeBridge(
      {
        'autoTicket.saveRules': () => ({
          ok: false,
          error: {
            kind: 'invalid_input',
            message: 'Rules not saved: one field needs attention.',
            fieldErrors: { 'rules.0.template.summary': 'Unknown variable {{title}} at line 1, column 1.' },
          },
        }),
      },
      { ...savedRule, template: { type: 'own', summary: '{{title}}' } },
    );
    render(<AutoTicketingSection />);
    expect(await screen.findByLabelText('Rule title template')).toHaveValue('{{title}}');
    await userEvent.click(screen.getByRole('button', { name: 'Save rules' }));
    expect(await screen.findByText('Unknown variable {{title}} at line 1, column 1.')).toBeInTheDocument();
  });
});

describe('auto-ticketing rule form: dry run', () => {
  it('shows the count, the per-project breakdown and the sample ticket rendered as text, not ADF JSON', async () => {
    fakeBridge({
      'autoTicket.dryRun': () =>
        ok({
          count: 5,
          byProject: [{ projectKey: 'SEC', count: 5 }],
          heldByCap: 0,
          warnings: [],
          sample: {
            findingId: 'f-7',
            summary: '[ZeroPath][Critical] SQL injection in login',
            description: {
              type: 'doc',
              version: 1,
              content: [
                { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Details' }] },
                {
                  type: 'paragraph',
                  content: [
                    { type: 'text', text: 'Score ' },
                    { type: 'text', text: '95', marks: [{ type: 'strong' }] },
                    { type: 'text', text: ' — see ' },
                    {
                      type: 'text',
                      text: 'the finding',
                      marks: [{ type: 'link', attrs: { href: 'https://zeropath.example/f-7' } }],
                    },
                  ],
                },
                {
                  type: 'codeBlock',
                  attrs: { language: 'python' },
                  content: [{ type: 'text', text: 'db.execute(q)' }],
                },
                {
                  type: 'bulletList',
                  content: [
                    {
                      type: 'listItem',
                      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'CWE-89' }] }],
                    },
                  ],
                },
              ],
            },
          },
        }),
    });
    render(<AutoTicketingSection />);
    const group = await screen.findByRole('group', { name: 'Rule Critical SAST' });
    await userEvent.click(within(group).getByRole('button', { name: 'Dry run' }));

    expect(await within(group).findByText('Would create 5 tickets now')).toBeInTheDocument();
    expect(within(group).getByRole('list', { name: 'Tickets per project' })).toHaveTextContent(
      '5 tickets in SEC',
    );
    const sample = within(group).getByRole('figure', { name: 'Sample ticket' });
    expect(within(sample).getByText('[ZeroPath][Critical] SQL injection in login')).toBeInTheDocument();
    expect(within(sample).getByRole('heading', { name: 'Details' })).toBeInTheDocument();
    expect(within(sample).getByText('95').tagName).toBe('STRONG');
    expect(within(sample).getByText('db.execute(q)').closest('pre')).not.toBeNull();
    expect(within(sample).getByRole('listitem')).toHaveTextContent('CWE-89');
    expect(within(sample).getByText('the finding')).toBeInTheDocument();
    expect(within(sample).queryByRole('link')).toBeNull();
    expect(sample.textContent).not.toMatch(/"type"|paragraph|codeBlock/);
  });
});
