import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { invoke } from '@forge/bridge';
import { type Root } from 'react-dom/client';
import { MODULE_KEYS } from '../../../src/contract/modules';
import { mountApp } from './mount';

jest.mock('@forge/bridge', () => ({
  invoke: jest.fn(),
  router: { open: jest.fn() },
  view: { getContext: jest.fn() },
}));

const invokeMock = invoke as jest.MockedFunction<typeof invoke>;
const ok = (value: unknown) => ({ ok: true, value });
const row = (id: string, jiraKey: string) => ({
  id,
  title: `Finding ${id}`,
  severity: 'High',
  score: 80,
  status: 'open',
  category: 'SAST',
  repository: 'acme/web',
  jiraKey,
});

const handlers: Record<string, (payload: Record<string, unknown>) => unknown> = {
  // The page first asks whether it is for this person (an admin here).
  'findings.access': () => ok({ allowed: true, audience: 'Jira administrators' }),
  'findings.search': () =>
    ok({
      rows: [row('f1', 'SEC-1'), row('f2', 'SEC-2')],
      page: 1,
      pageSize: 25,
      totalCount: 2,
      hiddenLinked: 0,
      unreadable: 0,
    }),
  'findings.repositories': () => ok({ repositories: [] }),
  'findings.bulkTriage': (p) =>
    ok({
      requested: (p.findingIds as string[]).length,
      zeropathUpdated: 2,
      jiraTransitioned: 2,
      jiraAlreadyThere: 0,
      notLinked: 0,
      failures: [],
    }),
};

let element: HTMLDivElement;
let root: Root | undefined;

beforeEach(() => {
  invokeMock.mockImplementation((key: string, payload?: unknown) => {
    const handler = handlers[key];
    if (handler === undefined) return Promise.reject(new Error(`unexpected invoke ${key}`));
    return Promise.resolve(handler((payload ?? {}) as Record<string, unknown>));
  });
  element = document.body.appendChild(document.createElement('div'));
});

afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  element.remove();
  invokeMock.mockReset();
});

describe('the app as the Custom UI entry mounts it (StrictMode)', () => {
  it('opens the bulk triage dialog on a click straight after ticking, and triages both findings', async () => {
    // No delay between actions: a person ticks and clicks as fast as they like.
    const user = userEvent.setup({ delay: null });
    act(() => {
      root = mountApp(element, MODULE_KEYS.findingsPage);
    });
    await user.click(await screen.findByRole('checkbox', { name: 'Select Finding f1' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select Finding f2' }));
    await user.click(screen.getByRole('button', { name: 'Triage 2 selected' }));

    // The dialog is in the document (not rendered into a detached portal) and usable at once.
    const dialog = screen.getByRole('dialog', { name: 'Triage selected findings' });
    expect(within(dialog).getByRole('heading', { name: 'Triage 2 findings' })).toBeVisible();
    await user.click(within(dialog).getByLabelText('New status in ZeroPath'));
    await user.click(await within(screen.getByRole('dialog')).findByRole('option', { name: 'False positive' }));
    await user.type(within(dialog).getByLabelText(/^Reason/), 'Allow-listed enum, not user input');
    await user.click(within(dialog).getByRole('button', { name: 'Triage 2' }));

    expect(await screen.findByText('All findings triaged')).toBeInTheDocument();
    expect(invokeMock.mock.calls.filter(([key]) => key === 'findings.bulkTriage').map(([, p]) => p)).toEqual([
      { findingIds: ['f1', 'f2'], outcome: 'false_positive', reason: 'Allow-listed enum, not user input' },
    ]);
  });
});
