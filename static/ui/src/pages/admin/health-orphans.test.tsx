import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { invoke } from '@forge/bridge';
import { HealthOrphans } from './health-orphans';

jest.mock('@forge/bridge', () => ({ invoke: jest.fn(), view: { getContext: jest.fn() } }));

const invokeMock = invoke as jest.MockedFunction<typeof invoke>;
beforeEach(() => invokeMock.mockReset());

const orphan = { issueId: '10042', issueKey: 'SEC-42', findingId: 'finding-a', summary: 'ZeroPath: SQL injection' };

describe('Health: issues without their link', () => {
  it('finds orphans on request, adopts one with one click, and lists again', async () => {
    let adopted = false;
    invokeMock.mockImplementation((key: string) => {
      if (key === 'admin.listOrphans')
        return Promise.resolve({
          ok: true,
          value: {
            unlinkedIssues: adopted ? [] : [orphan, { ...orphan, issueId: '10043', issueKey: 'SEC-43', linkedTo: 'SEC-7' }],
            danglingLinks: [{ findingId: 'finding-b', issueId: '10001', issueKey: 'SEC-1' }],
            scanned: { issues: 2, links: 5, complete: true },
          },
        });
      if (key === 'admin.adoptOrphan') {
        adopted = true;
        return Promise.resolve({ ok: true, value: { outcome: 'adopted', findingId: 'finding-a', issueKey: 'SEC-42', notes: [] } });
      }
      return Promise.reject(new Error(`unexpected invoke ${key}`));
    });
    render(<HealthOrphans />);
    // Nothing is read until asked: the check searches Jira and reads every stored link.
    expect(invokeMock).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Find unlinked issues' }));
    const table = await screen.findByRole('table');
    expect(within(table).getByText('SEC-42 — ZeroPath: SQL injection')).toBeInTheDocument();
    // A second issue of a linked finding is not adoptable; it is named for deletion.
    expect(within(table).getByText('Second issue: the finding is linked to SEC-7')).toBeInTheDocument();
    expect(within(table).queryByRole('button', { name: 'Adopt SEC-43' })).toBeNull();
    expect(within(table).getByRole('button', { name: 'Repair link of SEC-1' })).toBeInTheDocument();

    await userEvent.click(within(table).getByRole('button', { name: 'Adopt SEC-42' }));
    expect(await screen.findByText(/SEC-42 is now linked to its finding and syncs/)).toBeInTheDocument();
    const adoptCall = invokeMock.mock.calls.find(([key]) => key === 'admin.adoptOrphan');
    expect(adoptCall?.[1]).toEqual({ kind: 'issue', issueId: '10042' });
    // Listed again after the adopt: SEC-42 is gone from the list.
    expect(invokeMock.mock.calls.filter(([key]) => key === 'admin.listOrphans')).toHaveLength(2);
    expect(screen.queryByText('SEC-42 — ZeroPath: SQL injection')).toBeNull();
  });

  it('shows the server’s refusal of an adopt', async () => {
    invokeMock.mockImplementation((key: string) => {
      if (key === 'admin.listOrphans')
        return Promise.resolve({ ok: true, value: { unlinkedIssues: [orphan], danglingLinks: [], scanned: { issues: 1, links: 0, complete: false } } });
      if (key === 'admin.adoptOrphan')
        return Promise.resolve({ ok: false, error: { kind: 'forbidden', message: 'Only Jira administrators can change ZeroPath for Jira settings.' } });
      return Promise.reject(new Error(`unexpected invoke ${key}`));
    });
    render(<HealthOrphans />);
    await userEvent.click(screen.getByRole('button', { name: 'Find unlinked issues' }));
    expect(await screen.findByText(/Only the newest issues/)).toBeInTheDocument();
    await userEvent.click(await screen.findByRole('button', { name: 'Adopt SEC-42' }));
    expect(await screen.findByText('Only Jira administrators can change ZeroPath for Jira settings.')).toBeInTheDocument();
  });
});
