import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { invoke } from '@forge/bridge';
import { AutoTicketingSection } from './auto-ticketing-section';

jest.mock('@forge/bridge', () => ({ invoke: jest.fn(), view: { getContext: jest.fn() } }));

const invokeMock = invoke as jest.MockedFunction<typeof invoke>;
const ok = (value: unknown) => ({ ok: true, value });

const rule = {
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
const settings = {
  rules: [rule],
  templates: { useForManualExport: false, library: [] },
  fieldMappings: [],
  sla: { enabled: false, policies: [] },
  ruleWarnings: {
    r1: [
      'Epic SEC-404 no longer exists or the app cannot see it; tickets are created without an epic. Choose another epic.',
    ],
  },
  lastRun: { at: '2026-06-01T10:00:00.000Z', changesRead: 12, enqueued: 3, deferred: 1 },
  variables: [{ name: 'severity', description: 'Severity' }],
};

/** The rule form's pickers ask these on render; their own behaviour is tested in rule-form-controls.test. */
const lookups: Record<string, () => unknown> = {
  'autoTicket.lookupProjects': () => ok({ projects: [{ id: '10000', key: 'SEC', name: 'Security' }] }),
  'autoTicket.lookupIssueTypes': () => ok({ issueTypes: [{ id: '10002', name: 'Task', hierarchyLevel: 0 }] }),
  'autoTicket.lookupEpics': () => ok({ epics: [] }),
};

function fakeBridge(handlers: Record<string, (payload: Record<string, unknown>) => unknown>) {
  invokeMock.mockImplementation((key: string, payload?: unknown) => {
    const handler = handlers[key] ?? lookups[key];
    if (handler === undefined) return Promise.reject(new Error(`unexpected invoke ${key}`));
    return Promise.resolve(handler((payload ?? {}) as Record<string, unknown>));
  });
}

beforeEach(() => invokeMock.mockReset());

describe('Auto-ticketing section', () => {
  it('shows each rule with its warning and the last run, and dry-runs a rule', async () => {
    fakeBridge({
      'autoTicket.getSettings': () => ok(settings),
      'autoTicket.dryRun': () =>
        ok({
          count: 4,
          byProject: [{ projectKey: 'SEC', count: 4 }],
          heldByCap: 2,
          warnings: [],
          sample: {
            findingId: 'f1',
            summary: '[ZeroPath][Critical] SQLi',
            description: { type: 'doc', version: 1, content: [] },
          },
        }),
    });
    render(<AutoTicketingSection />);
    const group = await screen.findByRole('group', { name: 'Rule Critical SAST' });
    expect(within(group).getByText(/SEC-404 no longer exists/)).toBeInTheDocument();
    expect(screen.getByText(/12 changes read, 3 tickets queued, 1 waiting/)).toBeInTheDocument();

    await userEvent.click(within(group).getByRole('button', { name: 'Dry run' }));

    expect(await within(group).findByText('Would create 4 tickets now')).toBeInTheDocument();
    expect(within(group).getByText('4 tickets in SEC')).toBeInTheDocument();
    expect(within(group).getByText('2 more wait for the daily cap.')).toBeInTheDocument();
    expect(within(group).getByText('[ZeroPath][Critical] SQLi')).toBeInTheDocument();
    const [, payload] = invokeMock.mock.calls.find(([key]) => key === 'autoTicket.dryRun') ?? [];
    expect(payload).toEqual({ rule });
  });

  it('saves the edited rules and shows the server field errors next to the field', async () => {
    const saved: unknown[] = [];
    fakeBridge({
      'autoTicket.getSettings': () => ok(settings),
      'autoTicket.saveRules': (payload) => {
        saved.push(payload);
        return {
          ok: false,
          error: {
            kind: 'invalid_input',
            message: 'Rules not saved: one field needs attention.',
            fieldErrors: { 'rules.0.dailyCap': 'Daily cap must be at least 1' },
          },
        };
      },
    });
    render(<AutoTicketingSection />);
    const cap = await screen.findByLabelText('Daily cap (tickets per UTC day)');
    await userEvent.clear(cap);
    await userEvent.type(cap, '0');
    await userEvent.click(screen.getByRole('button', { name: 'Save rules' }));

    expect(await screen.findByText('Daily cap must be at least 1')).toBeInTheDocument();
    expect(screen.getByText('Rules not saved: one field needs attention.')).toBeInTheDocument();
    expect(saved).toEqual([{ rules: [{ ...rule, dailyCap: 0 }] }]);
  });
});
