import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { invoke } from '@forge/bridge';
import { ConfluenceSection } from './confluence-section';

jest.mock('@forge/bridge', () => ({ invoke: jest.fn(), view: { getContext: jest.fn() } }));

const invokeMock = invoke as jest.MockedFunction<typeof invoke>;
const view = {
  enabled: false,
  spaceKeys: [],
  labels: [],
  ticketLinks: false,
  connection: { state: 'unknown' },
  howToConnect: 'A site admin connects it … Connect Confluence.',
  assistant: { configured: false },
};

beforeEach(() => invokeMock.mockReset());

describe('Confluence section', () => {
  it('shows how to connect, turns access on with spaces and labels, and shows the server refusal when not connected', async () => {
    invokeMock.mockImplementation((key: string) => {
      if (key === 'admin.confluence.get') return Promise.resolve({ ok: true, value: view });
      if (key === 'admin.confluence.save') {
        return Promise.resolve({
          ok: false,
          error: { kind: 'not_connected', message: 'Confluence is not connected, so access stays off.' },
        });
      }
      return Promise.reject(new Error(`unexpected invoke ${key}`));
    });
    render(<ConfluenceSection />);
    expect(await screen.findByText(/Connect Confluence/)).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('Confluence access'));
    await userEvent.type(screen.getByLabelText('Spaces with security documentation (keys)'), 'SECDOCS, ARCH');
    await userEvent.type(screen.getByLabelText('Labels on security documentation'), 'Security');
    await userEvent.click(screen.getByRole('button', { name: 'Save Confluence settings' }));

    expect(await screen.findByText('Confluence is not connected, so access stays off.')).toBeInTheDocument();
    const [, payload] = invokeMock.mock.calls.find(([key]) => key === 'admin.confluence.save') ?? [];
    expect(payload).toEqual({
      enabled: true,
      spaceKeys: ['SECDOCS', 'ARCH'],
      labels: ['security'],
      ticketLinks: false,
    });
  });

  it('refuses a space key with punctuation before calling the server', async () => {
    invokeMock.mockImplementation((key: string) =>
      key === 'admin.confluence.get'
        ? Promise.resolve({ ok: true, value: view })
        : Promise.reject(new Error(`unexpected invoke ${key}`)),
    );
    render(<ConfluenceSection />);
    await userEvent.type(
      await screen.findByLabelText('Spaces with security documentation (keys)'),
      'SEC-DOCS',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save Confluence settings' }));
    expect(await screen.findByText('A Confluence space key is letters and digits only')).toBeInTheDocument();
    expect(invokeMock.mock.calls.map(([key]) => key)).toEqual(['admin.confluence.get']);
  });
});
