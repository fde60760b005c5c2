import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { invoke } from '@forge/bridge';
import { FieldMappingsSection } from './field-mappings-section';

jest.mock('@forge/bridge', () => ({ invoke: jest.fn(), view: { getContext: jest.fn() } }));

const invokeMock = invoke as jest.MockedFunction<typeof invoke>;
const ok = (value: unknown) => ({ ok: true, value });
const settings = {
  rules: [],
  templates: { useForManualExport: false, library: [] },
  fieldMappings: [],
  sla: { enabled: false, policies: [] },
  ruleWarnings: {},
  variables: [
    { name: 'severity', description: 'Severity' },
    { name: 'score', description: 'Score' },
  ],
};
const fieldOptions = {
  hasDueDate: false,
  fields: [
    { fieldId: 'summary', name: 'Summary', kind: 'text', required: true, allowedValues: [] },
    {
      fieldId: 'customfield_10050',
      name: 'Security Team',
      kind: 'select',
      required: true,
      allowedValues: ['AppSec', 'Platform'],
    },
    {
      fieldId: 'customfield_10060',
      name: 'Teams',
      kind: 'multiselect',
      required: false,
      allowedValues: ['AppSec', 'Platform'],
    },
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

describe('Custom fields section', () => {
  it('loads the create screen, maps fields and shows the refusal of an invalid value next to its field', async () => {
    fakeBridge({
      'autoTicket.getSettings': () => ok(settings),
      'autoTicket.getFieldOptions': () => ok(fieldOptions),
      'autoTicket.lookupProjects': () => ok({ projects: [{ id: '10000', key: 'SEC', name: 'Security' }, { id: '10002', key: 'OPS', name: 'Operations' }] }),
      'autoTicket.lookupIssueTypes': (p) =>
        ok({ issueTypes: p.projectId === '10002' ? [{ id: '10001', name: 'Bug', hierarchyLevel: 0 }, { id: '10002', name: 'Task', hierarchyLevel: 0 }] : [] }),
      'autoTicket.saveFieldMappings': () => ({
        ok: false,
        error: {
          kind: 'invalid_input',
          message: 'Field mappings not saved: one field needs attention.',
          fieldErrors: { customfield_10050: 'Security Team: "Red team" is not one of "AppSec", "Platform".' },
        },
      }),
    });
    render(<FieldMappingsSection />);
    // Picked by name from Jira's lists: no key or numeric id to type.
    await userEvent.click(await screen.findByLabelText('Project'));
    await userEvent.click(await screen.findByText('Operations (OPS)'));
    await userEvent.click(screen.getByLabelText('Issue type'));
    await userEvent.click(await screen.findByText('Task'));
    await userEvent.click(screen.getByRole('button', { name: 'Load fields' }));
    const [, loadPayload] = invokeMock.mock.calls.find(([key]) => key === 'autoTicket.getFieldOptions') ?? [];
    expect(loadPayload).toEqual({ projectKey: 'OPS', issueTypeId: '10002' });

    expect(await screen.findByText(/no Due date on its create screen/)).toBeInTheDocument();
    expect(screen.queryByRole('rowheader', { name: /Summary/ })).toBeNull();
    await userEvent.selectOptions(screen.getByLabelText('Source for Security Team'), 'static');
    await userEvent.type(screen.getByLabelText('Value for Security Team'), 'Red team');
    await userEvent.selectOptions(screen.getByLabelText('Source for Teams'), 'static');
    await userEvent.type(screen.getByLabelText('Value for Teams'), 'AppSec, Platform');
    await userEvent.click(screen.getByRole('button', { name: 'Save field mappings' }));

    expect(
      await screen.findByText('Security Team: "Red team" is not one of "AppSec", "Platform".'),
    ).toBeInTheDocument();
    const [, payload] = invokeMock.mock.calls.find(([key]) => key === 'autoTicket.saveFieldMappings') ?? [];
    expect(payload).toEqual({
      projectKey: 'OPS',
      issueTypeId: '10002',
      mappings: [
        { fieldId: 'customfield_10050', source: { type: 'static', value: 'Red team' } },
        { fieldId: 'customfield_10060', source: { type: 'static', value: ['AppSec', 'Platform'] } },
      ],
    });
  });
});
