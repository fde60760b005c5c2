import Button from '@atlaskit/button/new';
import { ErrorMessage, Label } from '@atlaskit/form';
import SectionMessage from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { useEffect, useState } from 'react';
import { type z } from 'zod';
import { autoTicketEndpoints, type fieldMappingWire } from '../../../../../../src/contract/auto-ticket';
import { callEndpoint } from '../../../bridge/call-endpoint';
import { Box, Stack } from '@atlaskit/primitives';
import { SectionCard } from '../../../ui-kit/layout';
import { LoadError, Loading, type Notice, NoticeMessage } from '../section-states';
import { useLoad } from '../use-load';

type Settings = z.output<typeof autoTicketEndpoints.getSettings.response>;
type FieldOptions = z.output<typeof autoTicketEndpoints.getFieldOptions.response>;
type Mapping = z.output<typeof fieldMappingWire>;
/** What the admin picked per field: nothing, a finding variable, or a typed value. */
type Choice = { type: 'none' } | { type: 'finding'; variable: string } | { type: 'static'; text: string };

const LIST_KINDS = new Set(['multiselect', 'components', 'labels']);

function choiceOf(mapping: Mapping | undefined): Choice {
  if (mapping === undefined) return { type: 'none' };
  if (mapping.source.type === 'finding') return { type: 'finding', variable: mapping.source.variable };
  const value = mapping.source.value;
  return { type: 'static', text: Array.isArray(value) ? value.join(', ') : String(value) };
}

function mappingOf(fieldId: string, kind: string | null, choice: Choice): Mapping | undefined {
  if (choice.type === 'none') return undefined;
  if (choice.type === 'finding') return { fieldId, source: { type: 'finding', variable: choice.variable } };
  const text = choice.text.trim();
  const value =
    kind !== null && LIST_KINDS.has(kind)
      ? text
          .split(',')
          .map((part) => part.trim())
          .filter((part) => part !== '')
      : kind === 'number' && text !== '' && Number.isFinite(Number(text))
        ? Number(text)
        : choice.text;
  return { fieldId, source: { type: 'static', value } };
}

/** Admin page section: map the create screen's fields of one project + issue type to finding data or fixed values. */
export function FieldMappingsSection() {
  const [state, reload] = useLoad(() => callEndpoint(autoTicketEndpoints.getSettings, {}));
  return (
    <SectionCard
      headingId="zp-fields-heading"
      title="Custom fields"
      description="Fill the create screen's other fields from finding data or fixed values, per project and issue type."
    >
      {state.status === 'loading' && <Loading what="the field mappings" />}
      {state.status === 'error' && <LoadError error={state.error} onRetry={reload} />}
      {state.status === 'ready' && <FieldMappingsForm settings={state.value} />}
    </SectionCard>
  );
}

type Option = { label: string; value: string };

/**
 * Project and issue type are picked by name from Jira's own lists (the app's pickers: standard
 * issue types only), never typed as keys or numeric ids.
 */
function useTargetOptions(projectId: string | undefined) {
  const [projects, setProjects] = useState<(Option & { id: string })[]>([]);
  const [types, setTypes] = useState<Option[]>([]);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void callEndpoint(autoTicketEndpoints.lookupProjects, { query: '' }).then((r) => {
      if (!live) return;
      if (r.ok) setProjects(r.value.projects.map((p) => ({ id: p.id, value: p.key, label: `${p.name} (${p.key})` })));
      else setProblem(r.error.message);
    });
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    setTypes([]);
    if (projectId === undefined) return;
    let live = true;
    void callEndpoint(autoTicketEndpoints.lookupIssueTypes, { projectId }).then((r) => {
      if (!live) return;
      if (r.ok) setTypes(r.value.issueTypes.map((t) => ({ value: t.id, label: t.name })));
      else setProblem(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [projectId]);
  return { projects, types, problem };
}

function FieldMappingsForm({ settings }: { settings: Settings }) {
  const [projectKey, setProjectKey] = useState('');
  const [issueTypeId, setIssueTypeId] = useState('');
  const [projectId, setProjectId] = useState<string | undefined>(undefined);
  const targets = useTargetOptions(projectId);
  const [options, setOptions] = useState<FieldOptions | undefined>(undefined);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<Notice>(undefined);

  async function load() {
    const result = await callEndpoint(autoTicketEndpoints.getFieldOptions, {
      projectKey: projectKey.trim(),
      issueTypeId: issueTypeId.trim(),
    });
    if (!result.ok) {
      setOptions(undefined);
      setNotice({
        appearance: 'error',
        title: 'Could not read the create screen',
        text: result.error.message,
      });
      return;
    }
    const saved = settings.fieldMappings.find(
      (m) => m.projectKey === projectKey.trim() && m.issueTypeId === issueTypeId.trim(),
    );
    setChoices(
      Object.fromEntries(
        result.value.fields.map((f) => [
          f.fieldId,
          choiceOf(saved?.mappings.find((m) => m.fieldId === f.fieldId)),
        ]),
      ),
    );
    setOptions(result.value);
    setErrors({});
    setNotice(undefined);
  }

  async function save() {
    if (options === undefined) return;
    const mappings = options.fields.flatMap((f) => {
      const mapping = mappingOf(f.fieldId, f.kind, choices[f.fieldId] ?? { type: 'none' });
      return mapping === undefined ? [] : [mapping];
    });
    const result = await callEndpoint(autoTicketEndpoints.saveFieldMappings, {
      projectKey: projectKey.trim(),
      issueTypeId: issueTypeId.trim(),
      mappings,
    });
    if (!result.ok) {
      setErrors(result.error.fieldErrors ?? {});
      setNotice({ appearance: 'error', title: 'Field mappings not saved', text: result.error.message });
      return;
    }
    setErrors({});
    setNotice({
      appearance: 'success',
      title: 'Field mappings saved',
      text: 'New tickets of this type get these values.',
    });
  }

  const choose = (fieldId: string, choice: Choice) => setChoices((all) => ({ ...all, [fieldId]: choice }));
  return (
    <Stack space="space.200">
      <NoticeMessage notice={notice} />
      <div className="zp-form">
        <Label htmlFor="zp-fields-project">Project</Label>
        <div className="zp-field">
          <Select<Option & { id: string }>
            inputId="zp-fields-project"
            options={targets.projects}
            placeholder="Choose a project"
            value={targets.projects.find((o) => o.value === projectKey) ?? null}
            onChange={(option) => {
              setProjectKey(option?.value ?? '');
              setProjectId(option?.id);
              setIssueTypeId('');
              setOptions(undefined);
            }}
          />
        </div>
        <Label htmlFor="zp-fields-type">Issue type</Label>
        <div className="zp-field">
          <Select<Option>
            inputId="zp-fields-type"
            options={targets.types}
            placeholder={projectKey === '' ? 'Choose a project first' : 'Choose an issue type'}
            isDisabled={projectKey === ''}
            value={targets.types.find((o) => o.value === issueTypeId) ?? null}
            onChange={(option) => {
              setIssueTypeId(option?.value ?? '');
              setOptions(undefined);
            }}
          />
        </div>
        {targets.problem !== undefined && <ErrorMessage>{targets.problem}</ErrorMessage>}
        <Box paddingBlockStart="space.200">
          <Button onClick={() => void load()} isDisabled={projectKey === '' || issueTypeId === ''}>
            Load fields
          </Button>
        </Box>
      </div>
      {options !== undefined && !options.hasDueDate && (
        <SectionMessage appearance="warning">
          <p>
            This issue type has no Due date on its create screen: its tickets cannot carry an SLA due date.
          </p>
        </SectionMessage>
      )}
      {options !== undefined && (
        <table aria-label="Field mappings">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Value from</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {options.fields
              .filter(
                (f) =>
                  f.kind !== null &&
                  ![
                    'summary',
                    'description',
                    'duedate',
                    'parent',
                    'assignee',
                    'reporter',
                    'priority',
                  ].includes(f.fieldId),
              )
              .map((f) => {
                const choice = choices[f.fieldId] ?? { type: 'none' };
                return (
                  <tr key={f.fieldId}>
                    <th scope="row">
                      {f.name}
                      {f.required ? ' (required)' : ''}
                    </th>
                    <td>
                      <select
                        aria-label={`Source for ${f.name}`}
                        value={choice.type}
                        onChange={(e) => {
                          const type = e.currentTarget.value;
                          choose(
                            f.fieldId,
                            type === 'finding'
                              ? { type: 'finding', variable: settings.variables[0]?.name ?? 'severity' }
                              : type === 'static'
                                ? { type: 'static', text: '' }
                                : { type: 'none' },
                          );
                        }}
                      >
                        <option value="none">Leave empty</option>
                        <option value="finding">Finding data</option>
                        <option value="static">Fixed value</option>
                      </select>
                    </td>
                    <td>
                      {choice.type === 'finding' && (
                        <select
                          aria-label={`Finding data for ${f.name}`}
                          value={choice.variable}
                          onChange={(e) =>
                            choose(f.fieldId, { type: 'finding', variable: e.currentTarget.value })
                          }
                        >
                          {settings.variables.map((v) => (
                            <option key={v.name} value={v.name}>
                              {v.name}
                            </option>
                          ))}
                        </select>
                      )}
                      {choice.type === 'static' && (
                        <Textfield
                          aria-label={`Value for ${f.name}`}
                          placeholder={f.allowedValues.join(', ')}
                          value={choice.text}
                          onChange={(e) => choose(f.fieldId, { type: 'static', text: e.currentTarget.value })}
                        />
                      )}
                      {errors[f.fieldId] && <ErrorMessage>{errors[f.fieldId]}</ErrorMessage>}
                    </td>
                  </tr>
                );
              })}
          </tbody>
        </table>
      )}
      {options !== undefined && (
        <Box>
          <Button appearance="primary" onClick={() => void save()}>
            Save field mappings
          </Button>
        </Box>
      )}
    </Stack>
  );
}
