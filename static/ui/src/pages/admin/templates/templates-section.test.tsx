import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { invoke } from '@forge/bridge';
import { TemplatesSection } from './templates-section';

jest.mock('@forge/bridge', () => ({ invoke: jest.fn(), view: { getContext: jest.fn() } }));

const invokeMock = invoke as jest.MockedFunction<typeof invoke>;
const ok = (value: unknown) => ({ ok: true, value });
const settings = {
  rules: [],
  templates: { summary: '{{severity}} {{issueTitle}}', useForManualExport: false, library: [] },
  fieldMappings: [],
  sla: { enabled: false, policies: [] },
  ruleWarnings: {},
  variables: [
    { name: 'severity', description: 'Severity' },
    { name: 'issueTitle', description: 'Title' },
  ],
};

function fakeBridge(handlers: Record<string, (payload: Record<string, unknown>) => unknown>) {
  invokeMock.mockImplementation((key: string, payload?: unknown) => {
    const handler = handlers[key];
    if (handler === undefined) return Promise.reject(new Error(`unexpected invoke ${key}`));
    return Promise.resolve(handler((payload ?? {}) as Record<string, unknown>));
  });
}

beforeEach(() => invokeMock.mockReset());

describe('Templates section', () => {
  it('previews the unsaved template against a finding', async () => {
    fakeBridge({
      'autoTicket.getSettings': () => ok(settings),
      'autoTicket.previewTemplate': () =>
        ok({
          findingId: 'f-1',
          summary: 'High SQL injection',
          description: {
            type: 'doc',
            version: 1,
            content: [{ type: 'paragraph', content: [{ type: 'text', text: '[x](javascript:alert(1))' }] }],
          },
        }),
    });
    render(<TemplatesSection />);
    expect(await screen.findByDisplayValue('{{severity}} {{issueTitle}}')).toBeInTheDocument();
    await userEvent.type(
      screen.getByLabelText('Preview with finding id (empty: the newest open finding)'),
      'f-1',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));

    expect(await screen.findByText('High SQL injection')).toBeInTheDocument();
    // A hostile value arrives as text and is shown as text.
    expect(screen.getByText('[x](javascript:alert(1))')).toBeInTheDocument();
    expect(screen.queryByRole('link')).toBeNull();
    const [, payload] = invokeMock.mock.calls.find(([key]) => key === 'autoTicket.previewTemplate') ?? [];
    expect(payload).toEqual({ summary: '{{severity}} {{issueTitle}}', findingId: 'f-1' });
  });

  it('shows the save error for an unknown variable under the title field', async () => {
    fakeBridge({
      'autoTicket.getSettings': () => ok(settings),
      'autoTicket.saveTemplates': () => ({
        ok: false,
        error: {
          kind: 'invalid_input',
          message: 'Templates not saved: one field needs attention.',
          fieldErrors: { summary: '{{title}} at line 1, column 1: unknown variable "title"' },
        },
      }),
    });
    render(<TemplatesSection />);
    const title = await screen.findByLabelText('Title template');
    await userEvent.clear(title);
    await userEvent.type(title, '{{{{title}}');
    await userEvent.click(screen.getByLabelText('Use Jira template for manual and bulk exports too'));
    await userEvent.click(screen.getByRole('button', { name: 'Save templates' }));

    expect(await screen.findByText(/unknown variable "title"/)).toBeInTheDocument();
    const [, payload] = invokeMock.mock.calls.find(([key]) => key === 'autoTicket.saveTemplates') ?? [];
    expect(payload).toEqual({ summary: '{{title}}', useForManualExport: true, library: [] });
  });
});
