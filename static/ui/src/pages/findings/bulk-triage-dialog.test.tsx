import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { invoke } from '@forge/bridge';
import { BulkTriageDialog } from './bulk-triage-dialog';

jest.mock('@forge/bridge', () => ({ invoke: jest.fn(), view: { getContext: jest.fn() } }));

const invokeMock = invoke as jest.MockedFunction<typeof invoke>;
const ids = [
  '3f1c2d9e-0000-4000-8000-000000000001',
  '3f1c2d9e-0000-4000-8000-000000000002',
  '3f1c2d9e-0000-4000-8000-000000000003',
];

beforeEach(() => invokeMock.mockReset());

describe('BulkTriageDialog', () => {
  it('asks for a reason before sending anything', async () => {
    render(<BulkTriageDialog findingIds={ids} onClose={() => undefined} />);
    await userEvent.click(screen.getByRole('button', { name: 'Triage 3' }));
    expect(
      await screen.findByText('Say why: the reason goes to ZeroPath and to each Jira issue'),
    ).toBeInTheDocument();
    expect(invokeMock).not.toHaveBeenCalled();
  });

  it('sends the outcome and reason, then shows the summary with every failure and why', async () => {
    invokeMock.mockResolvedValue({
      ok: true,
      value: {
        requested: 3,
        zeropathUpdated: 2,
        jiraTransitioned: 1,
        jiraAlreadyThere: 0,
        notLinked: 0,
        failures: [
          {
            findingId: ids[1],
            issueKey: 'APP-7',
            stage: 'jira',
            reason: 'The workflow offers no transition into a done-category status from here.',
          },
          { findingId: ids[2], stage: 'zeropath', reason: 'ZeroPath has no finding among …' },
        ],
      },
    });
    const onDone = jest.fn();
    render(<BulkTriageDialog findingIds={ids} onClose={() => undefined} onDone={onDone} />);
    await userEvent.click(screen.getByLabelText('New status in ZeroPath'));
    await userEvent.click(await screen.findByRole('option', { name: 'False positive' }));
    await userEvent.type(screen.getByLabelText(/^Reason/), 'Input is validated by the gateway');
    await userEvent.click(screen.getByRole('button', { name: 'Triage 3' }));

    expect(await screen.findByText('2 of 3 did not go through')).toBeInTheDocument();
    expect(invokeMock).toHaveBeenCalledWith('findings.bulkTriage', {
      findingIds: ids,
      outcome: 'false_positive',
      reason: 'Input is validated by the gateway',
    });
    const summary = screen.getByRole('list', { name: 'Triage summary' });
    expect(within(summary).getByText('Updated in ZeroPath: 2')).toBeInTheDocument();
    expect(within(summary).getByText('Jira issues moved: 1')).toBeInTheDocument();
    const rows = within(screen.getByRole('table', { name: 'Failures' })).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent('APP-7');
    expect(rows[1]).toHaveTextContent('no transition into a done-category status');
    expect(rows[2]).toHaveTextContent('ZeroPath (not updated)');
    expect(onDone).toHaveBeenCalledTimes(1);
  });

  it('shows the server refusal and keeps the form for another try', async () => {
    invokeMock.mockResolvedValue({
      ok: false,
      error: {
        kind: 'forbidden',
        message: 'The ZeroPath findings page is available to Jira administrators.',
      },
    });
    render(<BulkTriageDialog findingIds={ids} onClose={() => undefined} />);
    await userEvent.type(screen.getByLabelText(/^Reason/), 'Fixed upstream');
    await userEvent.click(screen.getByRole('button', { name: 'Triage 3' }));
    expect(await screen.findByText(/available to Jira administrators/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Triage 3' })).toBeEnabled();
  });

  it('all through: a success summary and a Close button', async () => {
    invokeMock.mockResolvedValue({
      ok: true,
      value: {
        requested: 3,
        zeropathUpdated: 3,
        jiraTransitioned: 2,
        jiraAlreadyThere: 0,
        notLinked: 1,
        failures: [],
      },
    });
    const onClose = jest.fn();
    render(<BulkTriageDialog findingIds={ids} onClose={onClose} />);
    await userEvent.type(screen.getByLabelText(/^Reason/), 'Patched in 4.2');
    await userEvent.click(screen.getByRole('button', { name: 'Triage 3' }));
    expect(await screen.findByText('All findings triaged')).toBeInTheDocument();
    expect(screen.getByText('Not linked to a Jira issue: 1')).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Failures' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalled();
  });
});
