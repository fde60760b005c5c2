import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { invoke } from '@forge/bridge';
import { MODULE_KEYS } from '../../../../../src/contract/modules';
import { App } from '../../app';
import { ConnectionSection } from './connection-section';
import { DefaultsSection } from './defaults-section';
import { HealthSection } from './health-section';
import { SecuritySection } from './security-section';
import { SyncSection } from './sync-section';

jest.mock('@forge/bridge', () => ({ invoke: jest.fn(), view: { getContext: jest.fn() } }));

const invokeMock = invoke as jest.MockedFunction<typeof invoke>;
type Handler = (payload: Record<string, unknown>) => unknown;

/** A fake bridge: one answer (or function of the payload) per endpoint key; records calls. */
function fakeBridge(handlers: Record<string, unknown>) {
  invokeMock.mockImplementation((key: string, payload?: unknown) => {
    const handler = handlers[key];
    if (handler === undefined) return Promise.reject(new Error(`unexpected invoke ${key}`));
    return Promise.resolve(
      typeof handler === 'function'
        ? (handler as Handler)((payload ?? {}) as Record<string, unknown>)
        : handler,
    );
  });
}
const ok = (value: unknown) => ({ ok: true, value });
const failed = (kind: string, message: string, fieldErrors?: Record<string, string>) => ({
  ok: false,
  error: { kind, message, ...(fieldErrors ? { fieldErrors } : {}) },
});
const callsTo = (key: string) =>
  invokeMock.mock.calls.filter(([k]) => k === key).map(([, payload]) => payload);

const notConnected = { configured: false, baseUrl: 'https://zeropath.com', expiry: { state: 'unknown' } };
const connected = {
  configured: true,
  baseUrl: 'https://zeropath.com',
  tokenIdHint: '1234',
  organization: { id: 'org-1', name: 'Acme Corp' },
  expiry: { state: 'expiring-soon', expiresAt: '2026-06-10T23:59:59.000Z', daysLeft: 5 },
};
const settings = {
  defaults: { labels: ['zeropath'], priorityFromSeverity: true },
  sync: {
    commentTriage: true,
    mirrorComments: false,
    sweepEnabled: true,
    resolutionMapping: { Done: 'resolved', "Won't Fix": 'accepted_risk' },
    aiAssist: { enabled: false, dailyCap: 50 },
  },
  // The settings view carries the security section too (the server always sends it).
  security: { teamGroups: [], teamProjectRoles: [], panelTriage: 'security_team', secondApprover: false },
};

beforeEach(() => invokeMock.mockReset());

describe('Connection section', () => {
  it('shows a spinner while loading, then the connect form', async () => {
    let answer: (value: unknown) => void = () => undefined;
    invokeMock.mockImplementation(() => new Promise((resolve) => (answer = resolve)));
    render(<ConnectionSection />);
    expect(screen.getByText(/Loading the connection/)).toBeInTheDocument();
    answer(ok(notConnected));
    expect(await screen.findByRole('form', { name: 'Connect ZeroPath' })).toBeInTheDocument();
  });

  it('shows a load error with a retry that loads again', async () => {
    fakeBridge({
      'admin.getConnection': failed(
        'forbidden',
        'Only Jira administrators can change ZeroPath for Jira settings.',
      ),
    });
    render(<ConnectionSection />);
    expect(await screen.findByText(/Only Jira administrators/)).toBeInTheDocument();
    fakeBridge({ 'admin.getConnection': ok(notConnected) });
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('form', { name: 'Connect ZeroPath' })).toBeInTheDocument();
  });

  it('validates the form before sending anything', async () => {
    fakeBridge({ 'admin.getConnection': ok(notConnected) });
    render(<ConnectionSection />);
    await screen.findByRole('form', { name: 'Connect ZeroPath' });
    await userEvent.clear(screen.getByLabelText('ZeroPath URL'));
    await userEvent.type(screen.getByLabelText('ZeroPath URL'), 'http://evil.example');
    await userEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect(await screen.findByText('Enter the token id')).toBeInTheDocument();
    expect(screen.getByText('Enter the token secret')).toBeInTheDocument();
    expect(screen.getByText(/must start with https/)).toBeInTheDocument();
    expect(callsTo('admin.connect')).toHaveLength(0);
  });

  it('lets the admin pick the organisation when the token sees several, then shows the connection', async () => {
    fakeBridge({
      'admin.getConnection': ok(notConnected),
      'admin.connect': (payload: Record<string, unknown>) =>
        payload['organizationId'] === undefined
          ? ok({
              status: 'choose-organization',
              organizations: [
                { id: 'org-1', name: 'Acme Corp' },
                { id: 'org-2', name: 'Globex' },
              ],
            })
          : ok({
              status: 'connected',
              connection: { ...connected, organization: { id: 'org-2', name: 'Globex' } },
            }),
    });
    render(<ConnectionSection />);
    await screen.findByRole('form', { name: 'Connect ZeroPath' });
    await userEvent.type(screen.getByLabelText('Token id'), 'tok-1234');
    await userEvent.type(screen.getByLabelText('Token secret'), 'sec-ret');
    await userEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Globex' }));
    expect(await screen.findByText('Connected', { selector: 'span, div' })).toBeInTheDocument();
    expect(callsTo('admin.connect')[1]).toEqual({
      tokenId: 'tok-1234',
      tokenSecret: 'sec-ret',
      baseUrl: 'https://zeropath.com',
      organizationId: 'org-2',
    });
    expect(screen.getByText(/expires soon/)).toBeInTheDocument();
  });

  it('shows the server message and field error when ZeroPath refuses the token', async () => {
    fakeBridge({
      'admin.getConnection': ok(notConnected),
      'admin.connect': failed('invalid_input', 'ZeroPath did not accept this token id and secret.', {
        tokenSecret: 'ZeroPath did not accept this token id and secret.',
      }),
    });
    render(<ConnectionSection />);
    await screen.findByRole('form', { name: 'Connect ZeroPath' });
    await userEvent.type(screen.getByLabelText('Token id'), 'tok');
    await userEvent.type(screen.getByLabelText('Token secret'), 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect(await screen.findByText('Could not connect to ZeroPath')).toBeInTheDocument();
    expect(screen.getAllByText(/did not accept this token/)).toHaveLength(2);
  });

  it('tests, rotates and disconnects an existing connection', async () => {
    fakeBridge({
      'admin.getConnection': ok(connected),
      'admin.testConnection': ok({
        organization: { id: 'org-1', name: 'Acme Corp' },
        checkedAt: '2026-06-05T00:00:00.000Z',
      }),
      'admin.rotateToken': ok({ ...connected, tokenIdHint: '9999', expiry: { state: 'unknown' } }),
      'admin.disconnect': ok(notConnected),
    });
    render(<ConnectionSection />);
    expect(await screen.findByText(/token …1234/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText(/ZeroPath answered for Acme Corp/)).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Rotate token' }));
    const form = screen.getByRole('form', { name: 'Rotate token' });
    await userEvent.type(within(form).getByLabelText('Token id'), 'new-9999');
    await userEvent.type(within(form).getByLabelText('Token secret'), 'new-secret');
    await userEvent.click(within(form).getByRole('button', { name: 'Validate and rotate' }));
    expect(await screen.findByText(/token …9999/)).toBeInTheDocument();
    expect(callsTo('admin.rotateToken')).toEqual([{ tokenId: 'new-9999', tokenSecret: 'new-secret' }]);

    // One click asks first; Cancel changes nothing.
    await userEvent.click(screen.getByRole('button', { name: 'Disconnect' }));
    const dialog = await screen.findByRole('dialog', { name: 'Disconnect ZeroPath?' });
    expect(within(dialog).getByText(/all sync stops/)).toBeInTheDocument();
    expect(callsTo('admin.disconnect')).toEqual([]);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(callsTo('admin.disconnect')).toEqual([]);

    await userEvent.click(screen.getByRole('button', { name: 'Disconnect' }));
    await userEvent.click(
      within(await screen.findByRole('dialog', { name: 'Disconnect ZeroPath?' })).getByRole('button', {
        name: 'Disconnect and stop sync',
      }),
    );
    expect(
      await screen.findByText(/The token was removed\. Links between findings and issues, and their history, are kept/),
    ).toBeInTheDocument();
    expect(callsTo('admin.disconnect')).toEqual([{}]);
    expect(screen.getByRole('form', { name: 'Connect ZeroPath' })).toBeInTheDocument();
  });
});

describe('Defaults section', () => {
  const options = {
    projects: [
      { id: '1', key: 'SEC', name: 'Security' },
      { id: '2', key: 'APP', name: 'App' },
    ],
    forProjectKey: 'SEC',
    issueTypes: [
      { id: '10001', name: 'Bug' },
      { id: '10002', name: 'Task' },
    ],
    suggested: { projectKey: 'SEC', issueTypeId: '10001', issueTypeName: 'Bug' },
  };

  it('loads, shows the detected default and saves it', async () => {
    fakeBridge({
      'admin.getSettings': ok(settings),
      'admin.getDefaultsOptions': ok(options),
      'admin.saveDefaults': (payload: Record<string, unknown>) => ok({ ...settings, defaults: payload }),
    });
    render(<DefaultsSection />);
    expect(screen.getByText(/Loading the defaults/)).toBeInTheDocument();
    expect(await screen.findByText(/Detected: SEC with issue type Bug/)).toBeInTheDocument();
    expect(screen.getByText('Security (SEC)')).toBeInTheDocument();
    // The README's promised settings: labels and priority from severity.
    const labels = screen.getByLabelText('Labels on every exported issue');
    expect(labels).toHaveValue('zeropath');
    await userEvent.type(labels, ', security appsec');
    await userEvent.click(screen.getByLabelText(/Set the issue priority from the finding's severity/));
    await userEvent.click(screen.getByRole('button', { name: 'Save defaults' }));
    expect(await screen.findByText('Defaults saved')).toBeInTheDocument();
    expect(callsTo('admin.saveDefaults')).toEqual([
      expect.objectContaining({
        projectKey: 'SEC',
        issueTypeId: '10001',
        labels: ['zeropath', 'security', 'appsec'],
        priorityFromSeverity: false,
      }),
    ]);
  });

  it('explains when the app can create issues in no project', async () => {
    fakeBridge({
      'admin.getSettings': ok(settings),
      'admin.getDefaultsOptions': ok({ projects: [], issueTypes: [] }),
    });
    render(<DefaultsSection />);
    expect(await screen.findByText(/cannot create issues in any project yet/)).toBeInTheDocument();
  });

  it('shows field errors the server returns', async () => {
    fakeBridge({
      'admin.getSettings': ok(settings),
      'admin.getDefaultsOptions': ok(options),
      'admin.saveDefaults': failed('invalid_input', 'That issue type is not available in the project.', {
        issueTypeId: 'Issue type 10001 cannot be created in SEC.',
      }),
    });
    render(<DefaultsSection />);
    await userEvent.click(await screen.findByRole('button', { name: 'Save defaults' }));
    expect(await screen.findByText('Issue type 10001 cannot be created in SEC.')).toBeInTheDocument();
  });

  it('shows a load error', async () => {
    fakeBridge({
      'admin.getSettings': ok(settings),
      'admin.getDefaultsOptions': failed('upstream', 'Jira could not answer (HTTP 503).'),
    });
    render(<DefaultsSection />);
    expect(await screen.findByText(/Jira could not answer/)).toBeInTheDocument();
  });
});

describe('Sync section', () => {
  const resolutions = ok({
    resolutions: [
      { id: '1', name: 'Done' },
      { id: '2', name: "Won't Fix" },
      { id: '3', name: 'Obsolete' },
    ],
  });

  it('edits the switches and the resolution mapping, picking names from Jira\'s list, then saves', async () => {
    fakeBridge({
      'admin.getSettings': ok(settings),
      'admin.listResolutions': resolutions,
      'admin.saveSync': (payload: Record<string, unknown>) => ok({ ...settings, sync: payload }),
    });
    render(<SyncSection />);
    expect(screen.getByText(/Loading the sync settings/)).toBeInTheDocument();
    await screen.findByRole('table', { name: 'Resolution to ZeroPath outcome' });
    await userEvent.click(screen.getByLabelText(/Read human comments/));
    await userEvent.click(screen.getByLabelText(/Copy people's Jira comments/));
    await userEvent.click(screen.getByLabelText(/Move Jira issues when their findings change/));
    await userEvent.selectOptions(screen.getByLabelText("Outcome for Won't Fix"), 'false_positive');
    await userEvent.click(screen.getByRole('button', { name: 'Add resolution' }));
    // A list, not free text: names already mapped are not offered again; "no resolution" is in words.
    await userEvent.click(screen.getByLabelText('Jira resolution 3'));
    expect(await screen.findByText('No resolution set')).toBeInTheDocument();
    expect(screen.queryByText('(none)')).not.toBeInTheDocument();
    await userEvent.click(screen.getByText('Obsolete'));
    await userEvent.click(screen.getByRole('button', { name: 'Save sync settings' }));
    expect(await screen.findByText('Sync settings saved')).toBeInTheDocument();
    expect(callsTo('admin.saveSync')).toEqual([
      {
        commentTriage: false,
        mirrorComments: true,
        sweepEnabled: false,
        resolutionMapping: { Done: 'resolved', "Won't Fix": 'false_positive', Obsolete: 'skip' },
        // Untouched here, but the whole section is sent so the saved AI assist is not reset.
        aiAssist: { enabled: false, dailyCap: 50 },
      },
    ]);
  });

  it('switches the AI assist on with a daily cap, and refuses a cap of 0 before sending', async () => {
    fakeBridge({
      'admin.getSettings': ok(settings),
      'admin.listResolutions': resolutions,
      'admin.saveSync': (payload: Record<string, unknown>) => ok({ ...settings, sync: payload }),
    });
    render(<SyncSection />);
    await screen.findByRole('table', { name: 'Resolution to ZeroPath outcome' });
    expect(screen.getByLabelText(/Model calls per day/)).toBeDisabled();
    await userEvent.click(screen.getByLabelText(/AI assist for closures/));
    const cap = screen.getByLabelText(/Model calls per day/);
    await userEvent.clear(cap);
    await userEvent.type(cap, '0');
    await userEvent.click(screen.getByRole('button', { name: 'Save sync settings' }));
    expect(await screen.findByText('The daily cap is at least 1')).toBeInTheDocument();
    expect(callsTo('admin.saveSync')).toHaveLength(0);
    await userEvent.clear(cap);
    await userEvent.type(cap, '20');
    await userEvent.click(screen.getByRole('button', { name: 'Save sync settings' }));
    expect(await screen.findByText('Sync settings saved')).toBeInTheDocument();
    expect(callsTo('admin.saveSync')).toEqual([
      expect.objectContaining({ aiAssist: { enabled: true, dailyCap: 20 } }),
    ]);
  });

  it('refuses an empty row before sending', async () => {
    fakeBridge({ 'admin.getSettings': ok(settings), 'admin.listResolutions': resolutions });
    render(<SyncSection />);
    await screen.findByRole('table', { name: 'Resolution to ZeroPath outcome' });
    await userEvent.click(screen.getByRole('button', { name: 'Add resolution' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save sync settings' }));
    expect(await screen.findByText(/Every row needs a resolution/)).toBeInTheDocument();
    expect(callsTo('admin.saveSync')).toHaveLength(0);
  });

  it('shows a load error', async () => {
    fakeBridge({ 'admin.getSettings': failed('internal', 'The stored configuration is not valid.') });
    render(<SyncSection />);
    expect(await screen.findByText(/stored configuration is not valid/)).toBeInTheDocument();
  });
});

describe('Health section', () => {
  const kind = (k: string, label: string, extra: Record<string, unknown> = {}) => ({
    kind: k,
    label,
    rateLimitsLastHour: { jira: 0, zeropath: 0, kvs: 0 },
    jobsInFlight: 0,
    ...extra,
  });

  it('says nothing has run yet when the records are empty', async () => {
    fakeBridge({
      'admin.getHealth': ok({ kinds: [kind('issue-trigger', 'Jira issue events')], recentErrors: [] }),
    });
    render(<HealthSection />);
    expect(screen.getByText(/Loading health/)).toBeInTheDocument();
    expect(await screen.findByText(/No background work has run yet/)).toBeInTheDocument();
    expect(screen.getByText('No errors recorded.')).toBeInTheDocument();
  });

  it('shows each kind with its status, 429s and jobs, and the recent errors', async () => {
    fakeBridge({
      'admin.getHealth': ok({
        kinds: [
          kind('issue-trigger', 'Jira issue events', {
            lastRunAt: '2026-06-05T10:00:00.000Z',
            lastError: { at: '2026-06-05T10:00:00.000Z', message: 'Jira answered HTTP 503' },
            rateLimitsLastHour: { jira: 2, zeropath: 1, kvs: 0 },
          }),
          kind('jobs-consumer', 'Background jobs', {
            lastRunAt: '2026-06-05T09:00:00.000Z',
            lastOkAt: '2026-06-05T09:00:00.000Z',
            jobsInFlight: 3,
          }),
        ],
        recentErrors: [
          { kind: 'issue-trigger', at: '2026-06-05T10:00:00.000Z', message: 'Jira answered HTTP 503' },
        ],
      }),
    });
    render(<HealthSection />);
    expect(await screen.findByText('Failing')).toBeInTheDocument();
    expect(screen.getByText('OK')).toBeInTheDocument();
    expect(screen.getByText('2 / 1 / 0')).toBeInTheDocument();
    expect(screen.getByText('3')).toBeInTheDocument();
    expect(
      within(screen.getByRole('list', { name: 'Recent errors' })).getByText(
        /Jira issue events: Jira answered HTTP 503/,
      ),
    ).toBeInTheDocument();
  });

  it('shows the Jira points left when Jira reports them, and only "more than 20 %" otherwise', async () => {
    fakeBridge({
      'admin.getHealth': ok({
        kinds: [],
        jiraQuota: { policy: 'global-app-quota', limit: 65000, remaining: 4200, resetsAt: '2026-06-05T11:00:00.000Z', nearLimit: true, checkedAt: '2026-06-05T10:40:00.000Z' },
        recentErrors: [],
      }),
    });
    const { unmount } = render(<HealthSection />);
    const line = await screen.findByLabelText('Jira rate limit');
    expect(line).toHaveTextContent(/4,200 points left of the hourly quota of 65,000 points/);
    expect(within(line).getByText('Near the Jira limit')).toBeInTheDocument();
    unmount();
    fakeBridge({
      'admin.getHealth': ok({ kinds: [], jiraQuota: { policy: 'global-app-quota', limit: 65000, nearLimit: false, checkedAt: '2026-06-05T10:40:00.000Z' }, recentErrors: [] }),
    });
    render(<HealthSection />);
    expect(await screen.findByLabelText('Jira rate limit')).toHaveTextContent('More than 20 % of the hourly quota of 65,000 points is left.');
  });

  it('shows a load error', async () => {
    fakeBridge({
      'admin.getHealth': failed(
        'forbidden',
        'Only Jira administrators can change ZeroPath for Jira settings.',
      ),
    });
    render(<HealthSection />);
    expect(await screen.findByText(/Only Jira administrators/)).toBeInTheDocument();
  });
});

describe('Security team section', () => {
  const projects = { projects: [{ id: '10000', key: 'SEC', name: 'Security' }], issueTypes: [] };

  it('picks groups from Jira by search, adds a project role, and saves the team', async () => {
    const user = userEvent.setup();
    fakeBridge({
      'admin.getSettings': ok(settings),
      'admin.getDefaultsOptions': ok(projects),
      'admin.searchGroups': (p: Record<string, unknown>) =>
        ok({
          groups: [{ name: 'security-team' }, { name: 'developers' }].filter((g) =>
            g.name.includes(typeof p['query'] === 'string' ? p['query'] : ''),
          ),
        }),
      'admin.saveSecurity': (payload: Record<string, unknown>) => ok({ ...settings, security: payload }),
    });
    render(<SecuritySection />);
    const groups = await screen.findByLabelText('Jira groups');
    await user.type(groups, 'secu');
    await user.click(await screen.findByRole('option', { name: 'security-team' }));
    await waitFor(() => expect(callsTo('admin.searchGroups')).toContainEqual({ query: 'secu' }));
    await user.click(screen.getByRole('button', { name: 'Add a project role' }));
    await user.click(screen.getByLabelText('Project'));
    await user.click(await screen.findByRole('option', { name: 'Security (SEC)' }));
    await user.type(screen.getByLabelText('Role name'), 'Security reviewers');
    await user.click(screen.getByRole('radio', { name: 'Anyone who can edit the issue' }));
    await user.click(screen.getByRole('button', { name: 'Save security team' }));
    expect(await screen.findByText('Security team saved')).toBeInTheDocument();
    expect(callsTo('admin.saveSecurity')).toEqual([
      {
        teamGroups: ['security-team'],
        teamProjectRoles: [{ projectKey: 'SEC', roleName: 'Security reviewers' }],
        panelTriage: 'issue_editors',
        secondApprover: false,
      },
    ]);
  });

  it('refuses a role without its project before sending anything', async () => {
    const user = userEvent.setup();
    fakeBridge({
      'admin.getSettings': ok(settings),
      'admin.getDefaultsOptions': ok(projects),
      'admin.searchGroups': ok({ groups: [] }),
    });
    render(<SecuritySection />);
    await user.click(await screen.findByRole('button', { name: 'Add a project role' }));
    await user.type(screen.getByLabelText('Role name'), 'Security reviewers');
    await user.click(screen.getByRole('button', { name: 'Save security team' }));
    expect(await screen.findByText('Pick a project')).toBeInTheDocument();
    expect(callsTo('admin.saveSecurity')).toEqual([]);
  });
});

describe('Admin page', () => {
  it('is the page the app shows for the zp-admin module, one tab per section, Connection first', async () => {
    fakeBridge({
      'admin.getConnection': ok(notConnected),
      'admin.getSettings': ok(settings),
      'admin.getDefaultsOptions': ok({ projects: [], issueTypes: [] }),
      'admin.getHealth': ok({ kinds: [], recentErrors: [] }),
    });
    render(<App moduleKey={MODULE_KEYS.adminPage} />);
    expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual([
      'Connection',
      'Defaults',
      'Auto-ticketing',
      'Templates',
      'Custom fields',
      'SLA',
      'Sync',
      'Security team',
      'Confluence',
      'Health',
    ]);
    expect(screen.getByRole('tab', { name: 'Connection' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('heading', { name: 'Connection' })).toBeInTheDocument();
    expect(await screen.findByRole('form', { name: 'Connect ZeroPath' })).toBeInTheDocument();
    for (const name of ['Defaults', 'Sync', 'Health']) {
      await userEvent.click(screen.getByRole('tab', { name }));
      expect(screen.getByRole('heading', { name })).toBeInTheDocument();
    }
    expect(await screen.findByText('No errors recorded.')).toBeInTheDocument();
  });

  it('keeps what the admin typed in a section when they switch tabs and come back', async () => {
    fakeBridge({
      'admin.getConnection': ok(notConnected),
      'admin.getSettings': ok(settings),
      'admin.getDefaultsOptions': ok({ projects: [], issueTypes: [] }),
    });
    render(<App moduleKey={MODULE_KEYS.adminPage} />);
    await userEvent.type(await screen.findByLabelText('Token id'), 'tok-typed');
    await userEvent.click(screen.getByRole('tab', { name: 'Defaults' }));
    await userEvent.click(screen.getByRole('tab', { name: 'Connection' }));
    expect(screen.getByLabelText('Token id')).toHaveValue('tok-typed');
    expect(callsTo('admin.getConnection')).toHaveLength(1);
  });
});
