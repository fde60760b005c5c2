import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { invoke } from '@forge/bridge';
import { SlaSection } from './sla-section';

jest.mock('@forge/bridge', () => ({ invoke: jest.fn(), view: { getContext: jest.fn() } }));

const invokeMock = invoke as jest.MockedFunction<typeof invoke>;
const ok = (value: unknown) => ({ ok: true, value });
const policy = {
  id: 'p1',
  name: 'Default',
  enabled: true,
  days: { Critical: 7, High: 30 },
  scope: { type: 'all' },
};
const settings = {
  rules: [],
  templates: { useForManualExport: false, library: [] },
  fieldMappings: [],
  sla: { enabled: false, policies: [policy] },
  ruleWarnings: {},
  variables: [],
};

function fakeBridge(handlers: Record<string, (payload: Record<string, unknown>) => unknown>) {
  invokeMock.mockImplementation((key: string, payload?: unknown) => {
    const handler = handlers[key];
    if (handler === undefined) return Promise.reject(new Error(`unexpected invoke ${key}`));
    return Promise.resolve(handler((payload ?? {}) as Record<string, unknown>));
  });
}

beforeEach(() => invokeMock.mockReset());

describe('SLA section', () => {
  it('turns on due dates, edits a threshold and shows the screen warning the save returns', async () => {
    const warning =
      'Rule "APP tickets": this issue type has no Due date field on its create screen, so its tickets are created without an SLA due date. Ask a Jira admin to add Due date to the screen.';
    fakeBridge({
      'autoTicket.getSettings': () => ok(settings),
      'autoTicket.saveSla': (payload) => ok({ sla: payload, warnings: [warning] }),
    });
    render(<SlaSection />);
    await userEvent.click(await screen.findByLabelText('Set due date from SLA'));
    const high = screen.getByLabelText('High (days)');
    await userEvent.clear(high);
    await userEvent.type(high, '14');
    await userEvent.clear(screen.getByLabelText('Critical (days)'));
    await userEvent.click(screen.getByRole('button', { name: 'Save SLA settings' }));

    expect(await screen.findByText(warning)).toBeInTheDocument();
    const [, payload] = invokeMock.mock.calls.find(([key]) => key === 'autoTicket.saveSla') ?? [];
    expect(payload).toEqual({ enabled: true, policies: [{ ...policy, days: { High: 14 } }] });
  });
});
