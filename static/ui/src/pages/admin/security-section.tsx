import Button from '@atlaskit/button/new';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import { Box, Stack } from '@atlaskit/primitives';
import { RadioGroup } from '@atlaskit/radio';
import Select, { AsyncSelect } from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import Toggle from '@atlaskit/toggle';
import { useState } from 'react';
import { adminEndpoints, type DefaultsOptions, type SettingsView } from '../../../../../src/contract/admin';
import { securitySectionSchema, type PanelTriageRole } from '../../../../../src/core/config/security-team';
import { callEndpoint } from '../../bridge/call-endpoint';
import { Actions, SectionCard } from '../../ui-kit/layout';
import { LoadError, Loading, type Notice, NoticeMessage } from './section-states';
import { fieldErrorsOf, useLoad } from './use-load';

interface Loaded {
  settings: SettingsView;
  projects: DefaultsOptions['projects'];
}

async function loadSecurity() {
  const [settings, options] = await Promise.all([
    callEndpoint(adminEndpoints.getSettings, {}),
    callEndpoint(adminEndpoints.getDefaultsOptions, {}),
  ]);
  if (!settings.ok) return settings;
  if (!options.ok) return options;
  return { ok: true as const, value: { settings: settings.value, projects: options.value.projects } };
}

type Option = { label: string; value: string };
type RoleRow = { projectKey: string; roleName: string };

const TRIAGE_OPTIONS: { value: PanelTriageRole; label: string }[] = [
  { value: 'security_team', label: 'The security team only' },
  { value: 'issue_editors', label: 'Anyone who can edit the issue' },
];

/**
 * Who speaks for security in this Jira site: they may use the findings page (browse and export),
 * link any unlinked finding from an issue panel and, by default, mark findings false positive or
 * accept their risk. Groups are picked from Jira; a project role needs its project, because a
 * role's members differ per project.
 */
export function SecuritySection() {
  const [state, reload] = useLoad<Loaded>(loadSecurity);
  return (
    <SectionCard
      headingId="zp-security-heading"
      title="Security team"
      description="Who may browse and export findings on the ZeroPath findings page, and triage from the issue panel. Jira administrators always may."
    >
      {state.status === 'loading' && <Loading what="the security team" />}
      {state.status === 'error' && <LoadError error={state.error} onRetry={reload} />}
      {state.status === 'ready' && <SecurityForm loaded={state.value} />}
    </SectionCard>
  );
}

async function searchGroups(query: string): Promise<Option[]> {
  const result = await callEndpoint(adminEndpoints.searchGroups, { query });
  return result.ok ? result.value.groups.map((g) => ({ label: g.name, value: g.name })) : [];
}

function SecurityForm({ loaded }: { loaded: Loaded }) {
  const { security } = loaded.settings;
  const [groups, setGroups] = useState<readonly Option[]>(
    security.teamGroups.map((g) => ({ label: g, value: g })),
  );
  const [roles, setRoles] = useState<RoleRow[]>(security.teamProjectRoles.map((r) => ({ ...r })));
  const [panelTriage, setPanelTriage] = useState<PanelTriageRole>(security.panelTriage);
  const [secondApprover, setSecondApprover] = useState(security.secondApprover);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<Notice>(undefined);
  const [busy, setBusy] = useState(false);

  const projectOptions: Option[] = loaded.projects.map((p) => ({
    label: `${p.name} (${p.key})`,
    value: p.key,
  }));
  const updateRole = (index: number, patch: Partial<RoleRow>) =>
    setRoles((all) => all.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  async function save() {
    const payload = {
      teamGroups: groups.map((g) => g.value),
      teamProjectRoles: roles.map((r) => ({ projectKey: r.projectKey, roleName: r.roleName.trim() })),
      panelTriage,
      secondApprover,
    };
    const checked = securitySectionSchema.safeParse(payload);
    if (!checked.success) {
      setErrors(fieldErrorsOf(checked.error.issues));
      return;
    }
    setBusy(true);
    const result = await callEndpoint(adminEndpoints.saveSecurity, payload);
    setBusy(false);
    if (!result.ok) {
      setErrors(result.error.fieldErrors ?? {});
      setNotice({ appearance: 'error', title: 'Security team not saved', text: result.error.message });
      return;
    }
    setErrors({});
    const named = payload.teamGroups.length + payload.teamProjectRoles.length;
    setNotice({
      appearance: 'success',
      title: 'Security team saved',
      text:
        named === 0
          ? 'Only Jira administrators use the findings page until you name a group or project role.'
          : 'Members of these groups and project roles may now use the findings page, checked with Jira on every visit.',
    });
  }

  return (
    <div className="zp-form">
      <Stack space="space.200">
        <NoticeMessage notice={notice} />
        <div>
          <Label htmlFor="zp-security-groups">Jira groups</Label>
          <div className="zp-field">
            <AsyncSelect<Option, true>
              inputId="zp-security-groups"
              isMulti
              cacheOptions
              defaultOptions
              loadOptions={searchGroups}
              value={groups}
              onChange={(value) => setGroups(value)}
              placeholder="Search Jira groups"
              noOptionsMessage={({ inputValue }) =>
                inputValue === '' ? 'Type to search groups' : 'No group matches'
              }
              aria-describedby="zp-security-groups-help"
            />
          </div>
          <HelperMessage>
            <span id="zp-security-groups-help">
              Members of any of these groups are on the security team. Leave empty (and add no role) to keep
              it to Jira administrators.
            </span>
          </HelperMessage>
          {Object.entries(errors)
            .filter(([key]) => key.startsWith('teamGroups'))
            .map(([key, message]) => (
              <ErrorMessage key={key}>{message}</ErrorMessage>
            ))}
        </div>

        <div>
          <Heading size="small" as="h3" id="zp-security-roles-heading">
            Project roles
          </Heading>
          <p className="zp-muted">
            A role's members differ per project, so each role is named with its project. Type the role's name
            as it appears under Project settings → Access (for example “Security reviewers”).
          </p>
          {roles.length === 0 && <p className="zp-muted">No project role is on the team.</p>}
          {roles.map((row, index) => (
            <div className="zp-role-row" key={index} role="group" aria-label={`Project role ${index + 1}`}>
              <div className="zp-role-field">
                <Label htmlFor={`zp-security-role-project-${index}`}>Project</Label>
                <Select<Option>
                  inputId={`zp-security-role-project-${index}`}
                  options={projectOptions}
                  value={projectOptions.find((o) => o.value === row.projectKey) ?? null}
                  onChange={(option) => updateRole(index, { projectKey: option?.value ?? '' })}
                  placeholder="Choose a project"
                />
                {errors[`teamProjectRoles.${index}.projectKey`] !== undefined && (
                  <ErrorMessage>{errors[`teamProjectRoles.${index}.projectKey`]}</ErrorMessage>
                )}
              </div>
              <div className="zp-role-field">
                <Label htmlFor={`zp-security-role-name-${index}`}>Role name</Label>
                <Textfield
                  id={`zp-security-role-name-${index}`}
                  value={row.roleName}
                  onChange={(e) => updateRole(index, { roleName: e.currentTarget.value })}
                />
                {errors[`teamProjectRoles.${index}.roleName`] !== undefined && (
                  <ErrorMessage>{errors[`teamProjectRoles.${index}.roleName`]}</ErrorMessage>
                )}
              </div>
              <div className="zp-role-remove">
                <Button
                  appearance="subtle"
                  onClick={() => setRoles((all) => all.filter((_, i) => i !== index))}
                >
                  Remove
                </Button>
              </div>
            </div>
          ))}
          {errors['teamProjectRoles'] !== undefined && (
            <ErrorMessage>{errors['teamProjectRoles']}</ErrorMessage>
          )}
          <Box paddingBlockStart="space.100">
            <Button onClick={() => setRoles((all) => [...all, { projectKey: '', roleName: '' }])}>
              Add a project role
            </Button>
          </Box>
        </div>

        <div>
          <Heading size="small" as="h3" id="zp-security-triage-heading">
            Who may mark a finding false positive or accept its risk from the issue panel
          </Heading>
          <RadioGroup
            name="zp-security-panel-triage"
            aria-labelledby="zp-security-triage-heading"
            options={TRIAGE_OPTIONS}
            value={panelTriage}
            onChange={(e) => setPanelTriage(e.currentTarget.value as PanelTriageRole)}
          />
        </div>

        <div>
          <Label htmlFor="zp-security-second-approver">
            A second security-team member confirms false positive and accepted risk on Critical and High
            findings
          </Label>
          <Toggle
            id="zp-security-second-approver"
            isChecked={secondApprover}
            onChange={() => setSecondApprover((v) => !v)}
          />
        </div>

        <Actions>
          <Button appearance="primary" onClick={() => void save()} isDisabled={busy}>
            Save security team
          </Button>
        </Actions>
      </Stack>
    </div>
  );
}
