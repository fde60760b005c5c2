import Button from '@atlaskit/button/new';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import Toggle from '@atlaskit/toggle';
import { useState } from 'react';
import { adminEndpoints, type DefaultsOptions, type SettingsView } from '../../../../../src/contract/admin';
import { defaultsSectionSchema } from '../../../../../src/core/config/app-config';
import { callEndpoint } from '../../bridge/call-endpoint';
import { Box } from '@atlaskit/primitives';
import { EmptyState, SectionCard } from '../../ui-kit/layout';
import { LoadError, Loading, type Notice, NoticeMessage } from './section-states';
import { fieldErrorsOf, useLoad } from './use-load';

interface Loaded {
  settings: SettingsView;
  options: DefaultsOptions;
}

async function loadDefaults() {
  const [settings, options] = await Promise.all([
    callEndpoint(adminEndpoints.getSettings, {}),
    callEndpoint(adminEndpoints.getDefaultsOptions, {}),
  ]);
  if (!settings.ok) return settings;
  if (!options.ok) return options;
  return { ok: true as const, value: { settings: settings.value, options: options.value } };
}

type Option = { label: string; value: string };

export function DefaultsSection() {
  const [state, reload] = useLoad<Loaded>(loadDefaults);
  return (
    <SectionCard
      headingId="zp-defaults-heading"
      title="Defaults"
      description="Where exported findings land when nobody picks a project or issue type."
    >
      {state.status === 'loading' && <Loading what="the defaults" />}
      {state.status === 'error' && <LoadError error={state.error} onRetry={reload} />}
      {state.status === 'ready' && <DefaultsForm loaded={state.value} />}
    </SectionCard>
  );
}

function DefaultsForm({ loaded }: { loaded: Loaded }) {
  const { settings, options } = loaded;
  const [projectKey, setProjectKey] = useState(settings.defaults.projectKey ?? options.suggested?.projectKey);
  const [issueTypeId, setIssueTypeId] = useState(
    settings.defaults.issueTypeId ?? options.suggested?.issueTypeId,
  );
  const [issueTypes, setIssueTypes] = useState(options.issueTypes);
  const [labelsText, setLabelsText] = useState(settings.defaults.labels.join(' '));
  const [priorityFromSeverity, setPriorityFromSeverity] = useState(settings.defaults.priorityFromSeverity);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<Notice>(undefined);
  const [busy, setBusy] = useState(false);

  if (options.projects.length === 0) {
    return (
      <EmptyState title="No project available">
        <p>
          The app cannot create issues in any project yet. Give the app access to a project in Jira, then
          reload this page.
        </p>
      </EmptyState>
    );
  }

  const projectOptions: Option[] = options.projects.map((p) => ({
    label: `${p.name} (${p.key})`,
    value: p.key,
  }));
  const typeOptions: Option[] = issueTypes.map((t) => ({ label: t.name, value: t.id }));

  async function pickProject(key: string) {
    setProjectKey(key);
    setIssueTypeId(undefined);
    const result = await callEndpoint(adminEndpoints.getDefaultsOptions, { projectKey: key });
    if (!result.ok) {
      setNotice({ appearance: 'error', title: 'Could not load issue types', text: result.error.message });
      return;
    }
    setIssueTypes(result.value.issueTypes);
  }

  async function save() {
    const payload = {
      ...settings.defaults,
      // Jira labels cannot hold spaces, so spaces and commas both separate them.
      labels: labelsText.split(/[\s,]+/).filter((label) => label !== ''),
      priorityFromSeverity,
      ...(projectKey === undefined ? {} : { projectKey }),
      ...(issueTypeId === undefined ? {} : { issueTypeId }),
    };
    const checked = defaultsSectionSchema.safeParse(payload);
    if (!checked.success) {
      setErrors(fieldErrorsOf(checked.error.issues));
      return;
    }
    setBusy(true);
    const result = await callEndpoint(adminEndpoints.saveDefaults, payload);
    setBusy(false);
    if (!result.ok) {
      setErrors(result.error.fieldErrors ?? {});
      setNotice({ appearance: 'error', title: 'Defaults not saved', text: result.error.message });
      return;
    }
    setErrors({});
    setNotice({
      appearance: 'success',
      title: 'Defaults saved',
      text: 'New tickets use this project, issue type, these labels and this priority setting.',
    });
  }

  const suggested = options.suggested;
  return (
    <div className="zp-form">
      <NoticeMessage notice={notice} />
      {suggested !== undefined && settings.defaults.projectKey === undefined && (
        <p>
          Detected: {suggested.projectKey} with issue type {suggested.issueTypeName}. Change it below or save
          it as is.
        </p>
      )}
      <Label htmlFor="zp-default-project">Default project</Label>
      <div className="zp-field">
        <Select<Option>
          inputId="zp-default-project"
          options={projectOptions}
          value={projectOptions.find((o) => o.value === projectKey) ?? null}
          onChange={(option) => {
            if (option) void pickProject(option.value);
          }}
        />
      </div>
      {errors['projectKey'] !== undefined && <ErrorMessage>{errors['projectKey']}</ErrorMessage>}
      <Label htmlFor="zp-default-issue-type">Default issue type</Label>
      <div className="zp-field">
        <Select<Option>
          inputId="zp-default-issue-type"
          options={typeOptions}
          value={typeOptions.find((o) => o.value === issueTypeId) ?? null}
          onChange={(option) => setIssueTypeId(option?.value)}
        />
      </div>
      {errors['issueTypeId'] !== undefined && <ErrorMessage>{errors['issueTypeId']}</ErrorMessage>}
      <Label htmlFor="zp-default-labels">Labels on every exported issue</Label>
      <div className="zp-field">
        <Textfield
          id="zp-default-labels"
          value={labelsText}
          onChange={(e) => setLabelsText(e.currentTarget.value)}
          aria-describedby="zp-default-labels-help"
        />
      </div>
      <HelperMessage>
        <span id="zp-default-labels-help">Separate labels with spaces or commas. The app adds its own severity and category labels too.</span>
      </HelperMessage>
      {Object.entries(errors)
        .filter(([key]) => key.startsWith('labels'))
        .map(([key, message]) => (
          <ErrorMessage key={key}>{message}</ErrorMessage>
        ))}
      <Box paddingBlockStart="space.100">
        <Label htmlFor="zp-default-priority">Set the issue priority from the finding's severity</Label>
        <Toggle
          id="zp-default-priority"
          isChecked={priorityFromSeverity}
          onChange={() => setPriorityFromSeverity((v) => !v)}
        />
      </Box>
      <Box paddingBlockStart="space.200">
        <Button appearance="primary" onClick={() => void save()} isDisabled={busy}>
          Save defaults
        </Button>
      </Box>
    </div>
  );
}
