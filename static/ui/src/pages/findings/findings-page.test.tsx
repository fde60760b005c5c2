import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { invoke, router } from '@forge/bridge';
import { FindingsPage } from './findings-page';

jest.mock('@forge/bridge', () => ({ invoke: jest.fn(), router: { open: jest.fn() }, view: { getContext: jest.fn() } }));

const invokeMock = invoke as jest.MockedFunction<typeof invoke>;
const ok = (value: unknown) => ({ ok: true, value });
const callsTo = (key: string) => invokeMock.mock.calls.filter(([k]) => k === key).map(([, payload]) => payload as Record<string, unknown>);

function aRow(id: string, extra: Record<string, unknown> = {}) {
  return { id, title: `Finding ${id}`, severity: 'High', score: 80, status: 'open', category: 'SAST', repository: 'acme/web', file: 'src/app.ts', startLine: 12, ...extra };
}

const ALLOWED = () => ok({ allowed: true, audience: 'Jira administrators and the security team' });

function fakeBridge(handlers: Record<string, (payload: Record<string, unknown>) => unknown>) {
  invokeMock.mockImplementation((key: string, payload?: unknown) => {
    const handler = key === 'findings.access' && handlers[key] === undefined ? ALLOWED : handlers[key];
    if (handler === undefined) return Promise.reject(new Error(`unexpected invoke ${key}`));
    return Promise.resolve(handler((payload ?? {}) as Record<string, unknown>));
  });
}

const page = (rows: unknown[], extra: Record<string, unknown> = {}) =>
  ok({ rows, page: 1, pageSize: 25, totalCount: 60, hiddenLinked: 0, unreadable: 0, ...extra });

const exportOptions = {
  'findings.projects': () => ok({ projects: [{ id: '1', key: 'SEC', name: 'Security' }, { id: '2', key: 'OPS', name: 'Operations' }] }),
  'findings.issueTypes': () => ok({ issueTypes: [{ id: '10002', name: 'Task', hierarchyLevel: 0 }] }),
  'findings.epics': (p: Record<string, unknown>) =>
    ok({ epics: [{ key: 'SEC-1', summary: 'Security findings Q4' }, { key: 'SEC-9', summary: 'Pen test' }].filter((e) => e.summary.toLowerCase().includes((typeof p.query === 'string' ? p.query : '').toLowerCase())) }),
  'findings.assignees': () => ok({ users: [{ accountId: 'u-alice', displayName: 'Alice Developer' }] }),
  'findings.preflight': (p: Record<string, unknown>) =>
    ok({ missingRequiredFields: (p.target as { projectKey: string }).projectKey === 'OPS' ? [{ id: 'customfield_10050', name: 'Security Team' }] : [], notes: [] }),
};

afterEach(() => invokeMock.mockReset());

/** Picks an option of an Atlaskit Select the way a person does: open it by its label, click the option. */
async function pick(user: ReturnType<typeof userEvent.setup>, label: string, option: string) {
  // Required fields' labels end in Atlaskit's asterisk.
  await user.click(await screen.findByLabelText(new RegExp(`^${label}`)));
  await user.click(await screen.findByRole('option', { name: option }));
}

describe('findings page', () => {
  it('tells someone outside the security team, once and plainly, who the page is for: no filter bar, no error, no search', async () => {
    fakeBridge({
      'findings.access': () =>
        ok({ allowed: false, audience: 'Jira administrators and the security team (Jira group “security-team”)' }),
    });
    render(<FindingsPage />);
    expect(await screen.findByRole('heading', { name: 'This page is for your security team' })).toBeInTheDocument();
    expect(screen.getByText(/Jira group “security-team”/)).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Filters' })).not.toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.queryByText(/could not be loaded/)).not.toBeInTheDocument();
    expect(callsTo('findings.search')).toEqual([]);
    expect(callsTo('findings.repositories')).toEqual([]);
  });

  it('shows each finding with severity, title, repository, file, status and Jira key', async () => {
    fakeBridge({
      'findings.search': () => page([aRow('f1'), aRow('f2', { jiraKey: 'SEC-12', status: 'in_progress' })]),
      'findings.repositories': () => ok({ repositories: [{ id: 'r1', name: 'acme/web' }] }),
    });
    render(<FindingsPage />);
    const table = await screen.findByRole('table', { name: 'Findings' });
    const rows = within(table).getAllByRole('row');
    // Severity is a lozenge with the score beside it.
    expect(within(rows[1]!).getByText('High')).toBeInTheDocument();
    expect(within(rows[1]!).getByTitle('Score 80')).toHaveTextContent('80');
    expect(within(rows[1]!).getByText('src/app.ts:12')).toBeInTheDocument();
    expect(within(rows[2]!).getByText('SEC-12')).toBeInTheDocument();
    expect(within(rows[2]!).getByText('In progress')).toBeInTheDocument();
    expect(screen.getByText('Page 1 of 3 (60 findings)')).toBeInTheDocument();
  });

  it('selects a linked finding for triage but never for export again', async () => {
    const user = userEvent.setup();
    fakeBridge({
      'findings.search': () => page([aRow('f1'), aRow('f2', { jiraKey: 'SEC-12' })]),
      'findings.repositories': () => ok({ repositories: [] }),
    });
    render(<FindingsPage />);
    await user.click(await screen.findByRole('checkbox', { name: 'Select Finding f2' }));
    expect(screen.getByRole('button', { name: 'Export 0 to Jira' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Triage 1 selected' })).toBeEnabled();
    await user.click(screen.getByRole('checkbox', { name: 'Select Finding f1' }));
    expect(screen.getByRole('button', { name: 'Export 1 to Jira' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Triage 2 selected' })).toBeEnabled();
  });

  it('keeps the selection across pages, so a bulk export can span them', async () => {
    const user = userEvent.setup();
    fakeBridge({
      'findings.search': (p) => page(p.page === 1 ? [aRow('f1'), aRow('f2')] : [aRow('f3')]),
      'findings.repositories': () => ok({ repositories: [] }),
      ...exportOptions,
    });
    render(<FindingsPage />);
    await user.click(await screen.findByRole('checkbox', { name: 'Select all on this page' }));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(await screen.findByRole('checkbox', { name: 'Select Finding f3' }));
    expect(screen.getByRole('button', { name: 'Triage 3 selected' })).toBeEnabled();
    await user.click(screen.getByRole('button', { name: 'Previous' }));
    expect(await screen.findByRole('checkbox', { name: 'Select Finding f1' })).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Export 3 to Jira' }));
    expect(await screen.findByRole('heading', { name: 'Export 3 findings to Jira' })).toBeInTheDocument();
  });

  it('clears the selection when the filters change', async () => {
    const user = userEvent.setup();
    fakeBridge({
      'findings.search': () => page([aRow('f1')]),
      'findings.repositories': () => ok({ repositories: [] }),
    });
    render(<FindingsPage />);
    await user.click(await screen.findByRole('checkbox', { name: 'Select Finding f1' }));
    await user.selectOptions(screen.getByLabelText('Severity'), 'Critical');
    expect(await screen.findByRole('button', { name: 'Triage 0 selected' })).toBeDisabled();
    expect(await screen.findByRole('checkbox', { name: 'Select Finding f1' })).not.toBeChecked();
  });
});

describe('bulk triage from the selection', () => {
  it('triages the selected findings, linked or not, then reloads the page', async () => {
    const user = userEvent.setup();
    let searches = 0;
    fakeBridge({
      'findings.search': () => {
        searches += 1;
        return page([aRow('f1'), aRow('f2', { jiraKey: 'SEC-12' })]);
      },
      'findings.repositories': () => ok({ repositories: [] }),
      'findings.bulkTriage': (p) =>
        ok({
          requested: (p.findingIds as string[]).length,
          zeropathUpdated: 2,
          jiraTransitioned: 1,
          jiraAlreadyThere: 0,
          notLinked: 1,
          failures: [],
        }),
    });
    render(<FindingsPage />);
    await user.click(await screen.findByRole('checkbox', { name: 'Select all on this page' }));
    await user.click(screen.getByRole('button', { name: 'Triage 2 selected' }));
    await user.click(await screen.findByLabelText('New status in ZeroPath'));
    await user.click(await within(screen.getByRole('dialog')).findByRole('option', { name: 'False positive' }));
    await user.type(screen.getByLabelText(/^Reason/), 'Test fixtures, not shipped code');
    await user.click(screen.getByRole('button', { name: 'Triage 2' }));
    expect(await screen.findByText('All findings triaged')).toBeInTheDocument();
    expect(callsTo('findings.bulkTriage')).toEqual([
      { findingIds: ['f1', 'f2'], outcome: 'false_positive', reason: 'Test fixtures, not shipped code' },
    ]);
    await waitFor(() => expect(searches).toBe(2));
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.getByRole('button', { name: 'Triage 0 selected' })).toBeDisabled();
  });

  it('sends filters and paging to the server', async () => {
    const user = userEvent.setup();
    fakeBridge({
      'findings.search': () => page([aRow('f1')]),
      'findings.repositories': () => ok({ repositories: [{ id: 'r1', name: 'acme/web' }] }),
    });
    render(<FindingsPage />);
    await screen.findByRole('table');
    await user.selectOptions(screen.getByLabelText('Severity'), 'Critical');
    await user.selectOptions(await screen.findByLabelText('Repository'), 'r1');
    // Statuses read as words, not ZeroPath's codes; the code is still what is sent.
    expect(
      Array.from(screen.getByLabelText<HTMLSelectElement>('Status').options).map((option) => option.text),
    ).toEqual(['All statuses', 'Open', 'In progress', 'Resolved', 'False positive', 'Non-exploitable', 'Accepted risk']);
    await user.selectOptions(screen.getByLabelText('Status'), 'Open');
    await user.selectOptions(screen.getByLabelText('Scan type'), 'PrScan');
    await user.click(screen.getByLabelText(/Not yet in Jira/));
    await user.type(screen.getByLabelText('Search'), 'sql');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() =>
      expect(callsTo('findings.search').at(-1)).toEqual({
        page: 1,
        pageSize: 25,
        notInJira: true,
        repositoryIds: ['r1'],
        severities: ['Critical'],
        statuses: ['open'],
        scanTypes: ['PrScan'],
        query: 'sql',
      }),
    );
    await user.click(await screen.findByRole('button', { name: 'Next' }));
    await waitFor(() => expect(callsTo('findings.search').at(-1)).toMatchObject({ page: 2 }));
  });

  it('explains a load failure instead of showing an empty table', async () => {
    fakeBridge({
      'findings.search': () => ({ ok: false, error: { kind: 'not_connected', message: 'ZeroPath is not connected.' } }),
      'findings.repositories': () => ok({ repositories: [] }),
    });
    render(<FindingsPage />);
    expect(await screen.findByText('ZeroPath is not connected.')).toBeInTheDocument();
  });
});

describe('export dialog', () => {
  async function openDialogWith(rows: unknown[], extra: Record<string, (p: Record<string, unknown>) => unknown>) {
    const user = userEvent.setup();
    fakeBridge({ 'findings.search': () => page(rows), 'findings.repositories': () => ok({ repositories: [] }), ...exportOptions, ...extra });
    render(<FindingsPage pollMs={5} />);
    await screen.findByRole('table');
    return user;
  }

  it('exports one finding and answers with the created key as a link', async () => {
    const user = await openDialogWith([aRow('f1')], { 'findings.exportOne': () => ok({ outcome: 'created', issueKey: 'SEC-42', notes: [] }) });
    await user.click(screen.getByRole('checkbox', { name: 'Select Finding f1' }));
    await user.click(screen.getByRole('button', { name: 'Export 1 to Jira' }));
    await pick(user, 'Project', 'Security (SEC)');
    await pick(user, 'Issue type', 'Task');
    // Epic: searchable, with an explicit None shown by default.
    expect(screen.getByText('None')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Epic'), 'pen');
    await waitFor(() => expect(screen.queryByRole('option', { name: /SEC-1 / })).not.toBeInTheDocument());
    await user.click(await screen.findByRole('option', { name: 'SEC-9 Pen test' }));
    await pick(user, 'Assignee', 'Alice Developer');
    await user.click(screen.getByRole('button', { name: 'Export' }));

    const link = await screen.findByRole('link', { name: 'SEC-42' });
    expect(callsTo('findings.exportOne')).toEqual([
      { findingId: 'f1', target: { projectKey: 'SEC', issueTypeId: '10002', epicKey: 'SEC-9', assigneeAccountId: 'u-alice' }, closedFindings: 'skip' },
    ]);
    await user.click(link);
    expect(router.open).toHaveBeenCalledWith('/browse/SEC-42');
  });

  it('names required fields the app cannot fill and keeps Export disabled', async () => {
    const user = await openDialogWith([aRow('f1')], {});
    await user.click(screen.getByRole('checkbox', { name: 'Select Finding f1' }));
    await user.click(screen.getByRole('button', { name: 'Export 1 to Jira' }));
    await pick(user, 'Project', 'Operations (OPS)');
    await pick(user, 'Issue type', 'Task');
    expect(await screen.findByText(/require Security Team/)).toBeInTheDocument();
    // Points admins to the app's own Custom fields tab, not "ask a Jira admin".
    expect(screen.getByText(/require Security Team/)).toHaveTextContent(/Jira settings → Apps → ZeroPath for Jira → Custom fields/);
    expect(screen.getByRole('button', { name: 'Export' })).toBeDisabled();
  });

  it('exports a selection as a job, shows progress, then the summary', async () => {
    let polls = 0;
    const user = await openDialogWith([aRow('f1'), aRow('f2'), aRow('f3')], {
      'findings.exportBulk': () => ok({ jobId: 'job-12345678', total: 3, notes: [] }),
      'findings.jobStatus': () => {
        polls += 1;
        const done = polls > 1;
        return ok({
          jobId: 'job-12345678',
          state: done ? 'done' : 'running',
          total: 3,
          processed: done ? 3 : 1,
          exported: done ? [{ findingId: 'f1', issueKey: 'SEC-50' }] : [{ findingId: 'f1', issueKey: 'SEC-50' }],
          skipped: done ? [{ findingId: 'f2', issueKey: 'SEC-12', reason: 'Already in Jira as SEC-12.' }] : [],
          failed: done ? [{ findingId: 'f3', reason: 'Jira refused the issue: components: archived' }] : [],
          notes: [],
        });
      },
    });
    await user.click(screen.getByRole('checkbox', { name: 'Select all on this page' }));
    await user.click(screen.getByRole('button', { name: 'Export 3 to Jira' }));
    await pick(user, 'Project', 'Security (SEC)');
    await pick(user, 'Issue type', 'Task');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Export' })).toBeEnabled());
    await user.click(screen.getByRole('button', { name: 'Export' }));

    expect(await screen.findByText(/Export finished: 3 of 3 processed — 1 exported, 1 skipped, 1 failed/)).toBeInTheDocument();
    const summary = screen.getByRole('list', { name: 'Export summary' });
    // Titles people recognise, with links to the issues.
    expect(within(summary).getByRole('link', { name: 'SEC-50' })).toBeInTheDocument();
    expect(within(summary).getByText(/“Finding f1” exported/)).toBeInTheDocument();
    expect(within(summary).getByRole('link', { name: 'SEC-12' })).toBeInTheDocument();
    expect(within(summary).getByText(/“Finding f2” skipped: Already in Jira as SEC-12\./)).toBeInTheDocument();
    expect(within(summary).getByText('“Finding f3” failed: Jira refused the issue: components: archived')).toBeInTheDocument();
    expect(callsTo('findings.exportBulk')).toEqual([{ findingIds: ['f1', 'f2', 'f3'], target: { projectKey: 'SEC', issueTypeId: '10002' }, closedFindings: 'skip' }]);
  });

  it('says how many selected findings are closed in ZeroPath, skips them by default, and exports them on request', async () => {
    const user = await openDialogWith([aRow('f1'), aRow('f2', { status: 'resolved' }), aRow('f3', { status: 'accepted_risk' })], {
      'findings.exportBulk': () => ok({ jobId: 'job-12345678', total: 3, notes: [] }),
      'findings.jobStatus': () => ok({ jobId: 'job-12345678', state: 'done', total: 3, processed: 3, exported: [], skipped: [], failed: [], notes: [] }),
    });
    await user.click(screen.getByRole('checkbox', { name: 'Select all on this page' }));
    await user.click(screen.getByRole('button', { name: 'Export 3 to Jira' }));
    expect(await screen.findByText(/2 of the 3 selected findings are already resolved, a false positive, not exploitable or an accepted risk in ZeroPath, so they are skipped/)).toBeInTheDocument();
    const option = screen.getByRole('checkbox', { name: /Also export closed findings/ });
    expect(option).not.toBeChecked();
    await user.click(option);
    await pick(user, 'Project', 'Security (SEC)');
    await pick(user, 'Issue type', 'Task');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Export' })).toBeEnabled());
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await waitFor(() => expect(callsTo('findings.exportBulk')).toEqual([{ findingIds: ['f1', 'f2', 'f3'], target: { projectKey: 'SEC', issueTypeId: '10002' }, closedFindings: 'export_and_close' }]));
  });

  it('keeps Export disabled when every selected finding is closed and the option is off', async () => {
    const user = await openDialogWith([aRow('f2', { status: 'false_positive' })], {});
    await user.click(screen.getByRole('checkbox', { name: 'Select Finding f2' }));
    await user.click(screen.getByRole('button', { name: 'Export 1 to Jira' }));
    expect(await screen.findByText(/This finding is already resolved, a false positive/)).toBeInTheDocument();
    await pick(user, 'Project', 'Security (SEC)');
    await pick(user, 'Issue type', 'Task');
    expect(screen.getByRole('button', { name: 'Export' })).toBeDisabled();
    await user.click(screen.getByRole('checkbox', { name: /Also export closed findings/ }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Export' })).toBeEnabled());
  });

  it('keeps following a bulk export after the dialog closes, says when it ends and reloads the page', async () => {
    let polls = 0;
    let searches = 0;
    const user = await openDialogWith([aRow('f1'), aRow('f2')], {
      'findings.search': () => {
        searches += 1;
        return page([aRow('f1'), aRow('f2')]);
      },
      'findings.exportBulk': () => ok({ jobId: 'job-12345678', total: 2, notes: [] }),
      'findings.jobStatus': () => {
        polls += 1;
        const done = polls > 3;
        return ok({ jobId: 'job-12345678', state: done ? 'done' : 'running', total: 2, processed: done ? 2 : 0, exported: done ? [{ findingId: 'f1', issueKey: 'SEC-50' }, { findingId: 'f2', issueKey: 'SEC-51' }] : [], skipped: [], failed: [], notes: [] });
      },
    });
    await user.click(screen.getByRole('checkbox', { name: 'Select all on this page' }));
    await user.click(screen.getByRole('button', { name: 'Export 2 to Jira' }));
    await pick(user, 'Project', 'Security (SEC)');
    await pick(user, 'Issue type', 'Task');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Export' })).toBeEnabled());
    polls = -1000; // keep the job running while the dialog is open
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await user.click(await screen.findByRole('button', { name: 'Continue in background' }));
    expect(await screen.findByText('Export running in the background')).toBeInTheDocument();
    const before = searches;
    polls = 10;
    await waitFor(() => expect(polls).toBeGreaterThan(10));
    expect(await screen.findByText('Background export finished')).toBeInTheDocument();
    expect(screen.getByText(/2 exported, 0 skipped, 0 failed of 2/)).toBeInTheDocument();
    await waitFor(() => expect(searches).toBeGreaterThan(before));
  });

  it('lists recent bulk exports in the export history', async () => {
    const user = await openDialogWith([aRow('f1')], {
      'findings.exportHistory': () =>
        ok({ jobs: [{ jobId: 'job-1', createdAt: '2026-12-01T10:00:00.000Z', createdBy: 'u-admin', projectKey: 'SEC', state: 'done', total: 31, exported: 19, skipped: 12, failed: 0 }] }),
    });
    await user.click(screen.getByRole('button', { name: 'Export history' }));
    const dialog = await screen.findByRole('dialog', { name: 'Export history' });
    const rows = await within(dialog).findAllByRole('row');
    expect(rows[1]).toHaveTextContent(/SEC\s*31\s*19\s*12\s*0\s*Finished/);
  });
});
