import { ErrorMessage } from '@atlaskit/form';
import { useState } from 'react';
import { autoTicketEndpoints, type AutoTicketRuleWire } from '../../../../../../src/contract/auto-ticket';
import { callEndpoint } from '../../../bridge/call-endpoint';
import { useLookup, withCurrent } from './use-lookup';

export interface RuleFieldProps {
  rule: AutoTicketRuleWire;
  onChange: (next: AutoTicketRuleWire) => void;
  /** The server's message for a field of this rule (key relative to the rule, e.g. `epicKey`). */
  errorFor: (field: string) => string | undefined;
}

function withoutEpic(rule: AutoTicketRuleWire): AutoTicketRuleWire {
  const { epicKey: _dropped, ...rest } = rule;
  return rest;
}

/**
 * Where a rule's tickets go: a project the app can create in (searchable), an issue type from
 * that project's create metadata, and optionally an epic of that project (searchable, with an
 * explicit None). Changing the project clears the type and the epic, which belong to it.
 */
export function RuleTargetFields({ rule, onChange, errorFor }: RuleFieldProps) {
  const [projectQuery, setProjectQuery] = useState('');
  const [epicQuery, setEpicQuery] = useState('');
  const projectId = rule.jiraProjectId;
  const id = (suffix: string) => `${rule.id}-${suffix}`;

  const projects = useLookup(
    () => callEndpoint(autoTicketEndpoints.lookupProjects, { query: projectQuery }),
    (v) => v.projects.map((p) => ({ value: p.id, label: `${p.name} (${p.key})` })),
    [projectQuery],
  );
  const types = useLookup(
    () => (projectId === '' ? undefined : callEndpoint(autoTicketEndpoints.lookupIssueTypes, { projectId })),
    (v) => v.issueTypes.map((t) => ({ value: t.id, label: t.name })),
    [projectId],
  );
  const epics = useLookup(
    () =>
      projectId === ''
        ? undefined
        : callEndpoint(autoTicketEndpoints.lookupEpics, { projectId, query: epicQuery }),
    (v) => v.epics.map((e) => ({ value: e.key, label: `${e.key} ${e.summary}` })),
    [projectId, epicQuery],
  );

  const typeMissing =
    rule.issueTypeId !== '' &&
    !types.loading &&
    types.error === undefined &&
    projectId !== '' &&
    !types.options.some((o) => o.value === rule.issueTypeId);

  return (
    <div role="group" aria-label="Where tickets go">
      <label htmlFor={id('project-search')}>Search projects</label>
      <input
        id={id('project-search')}
        value={projectQuery}
        onChange={(e) => setProjectQuery(e.currentTarget.value)}
      />
      <label htmlFor={id('project')}>Jira project</label>
      <select
        id={id('project')}
        value={projectId}
        onChange={(e) => {
          const next = e.currentTarget.value;
          if (next === projectId) return;
          onChange({ ...withoutEpic(rule), jiraProjectId: next, issueTypeId: '' });
        }}
      >
        <option value="">Choose a project</option>
        {withCurrent(projects.options, projectId, `Project ${projectId} (saved)`).map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {projects.error !== undefined && <ErrorMessage>{projects.error}</ErrorMessage>}
      {errorFor('jiraProjectId') && <ErrorMessage>{errorFor('jiraProjectId')}</ErrorMessage>}

      <label htmlFor={id('type')}>Issue type</label>
      <select
        id={id('type')}
        value={rule.issueTypeId}
        disabled={projectId === ''}
        onChange={(e) => onChange({ ...rule, issueTypeId: e.currentTarget.value })}
      >
        <option value="">Choose an issue type</option>
        {withCurrent(types.options, rule.issueTypeId, `Issue type ${rule.issueTypeId} (saved)`).map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {typeMissing && (
        <ErrorMessage>
          The app cannot create this issue type in the chosen project; choose another.
        </ErrorMessage>
      )}
      {types.error !== undefined && <ErrorMessage>{types.error}</ErrorMessage>}
      {errorFor('issueTypeId') && <ErrorMessage>{errorFor('issueTypeId')}</ErrorMessage>}

      <label htmlFor={id('epic-search')}>Search epics</label>
      <input
        id={id('epic-search')}
        value={epicQuery}
        disabled={projectId === ''}
        onChange={(e) => setEpicQuery(e.currentTarget.value)}
      />
      <label htmlFor={id('epic')}>Epic</label>
      <select
        id={id('epic')}
        value={rule.epicKey ?? ''}
        disabled={projectId === ''}
        onChange={(e) => {
          const epicKey = e.currentTarget.value;
          onChange(epicKey === '' ? withoutEpic(rule) : { ...rule, epicKey });
        }}
      >
        <option value="">None</option>
        {withCurrent(epics.options, rule.epicKey ?? '', `${rule.epicKey ?? ''} (saved)`).map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {epics.error !== undefined && <ErrorMessage>{epics.error}</ErrorMessage>}
      {errorFor('epicKey') && <ErrorMessage>{errorFor('epicKey')}</ErrorMessage>}
    </div>
  );
}
