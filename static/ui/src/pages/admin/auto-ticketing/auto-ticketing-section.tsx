import Button from '@atlaskit/button/new';
import { ErrorMessage, Label } from '@atlaskit/form';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import Toggle from '@atlaskit/toggle';
import { useState } from 'react';
import { type z } from 'zod';
import { autoTicketEndpoints, type AutoTicketRuleWire } from '../../../../../../src/contract/auto-ticket';
import { callEndpoint } from '../../../bridge/call-endpoint';
import { Box, Stack } from '@atlaskit/primitives';
import { Actions, EmptyState, SectionCard } from '../../../ui-kit/layout';
import { LoadError, Loading, type Notice, NoticeMessage } from '../section-states';
import { RepositoryScopePicker } from '../shared/repository-scope-picker';
import { useLoad } from '../use-load';
import { CATEGORY_LABEL, SCAN_TYPE_LABEL } from '../../../../../../src/contract/labels';
import { AssigneePicker } from './assignee-picker';
import { type DryRun, DryRunResult } from './dry-run-result';
import { RuleTargetFields } from './rule-target-fields';
import { RuleTemplatePicker } from './rule-template-picker';

type Settings = z.output<typeof autoTicketEndpoints.getSettings.response>;

const CATEGORIES = Object.keys(CATEGORY_LABEL) as (keyof typeof CATEGORY_LABEL)[];
const SCAN_TYPES = Object.entries(SCAN_TYPE_LABEL) as [keyof typeof SCAN_TYPE_LABEL, string][];

function newRule(): AutoTicketRuleWire {
  return {
    id: `rule-${Date.now().toString(36)}`,
    name: 'New rule',
    enabled: false,
    scoreThreshold: 70,
    categories: [...CATEGORIES],
    scanTypes: SCAN_TYPES.map(([value]) => value),
    scope: { type: 'all' },
    jiraProjectId: '',
    issueTypeId: '',
    assignee: { type: 'none' },
    dailyCap: 25,
  };
}

/** Checkboxes over one list field of a rule: ticking appends the value, unticking removes it. */
function CheckboxGroup({
  label,
  options,
  selected,
  onChange,
}: {
  label: string;
  /** [value, label] pairs, in display order. */
  options: readonly (readonly [string, string])[];
  selected: string[];
  onChange: (next: string[]) => void;
}) {
  return (
    <div role="group" aria-label={label}>
      {options.map(([value, text]) => (
        <label key={value}>
          <input
            type="checkbox"
            checked={selected.includes(value)}
            onChange={() =>
              onChange(selected.includes(value) ? selected.filter((s) => s !== value) : [...selected, value])
            }
          />
          {text}
        </label>
      ))}
    </div>
  );
}

/** Admin page section: ordered auto-ticketing rules, each with a dry run, saved together. */
export function AutoTicketingSection() {
  const [state, reload] = useLoad(() => callEndpoint(autoTicketEndpoints.getSettings, {}));
  return (
    <SectionCard
      headingId="zp-auto-heading"
      title="Auto-ticketing"
      description="Rules that file Jira tickets for new findings on a schedule, without anyone exporting them."
    >
      {state.status === 'loading' && <Loading what="the auto-ticketing rules" />}
      {state.status === 'error' && <LoadError error={state.error} onRetry={reload} />}
      {state.status === 'ready' && <RulesForm settings={state.value} />}
    </SectionCard>
  );
}

function RulesForm({ settings }: { settings: Settings }) {
  const [rules, setRules] = useState<AutoTicketRuleWire[]>(settings.rules);
  const [warnings, setWarnings] = useState<Record<string, string[]>>(settings.ruleWarnings);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<Notice>(undefined);
  const [dryRuns, setDryRuns] = useState<Record<string, DryRun | string>>({});
  const [busy, setBusy] = useState(false);

  const update = (index: number, patch: Partial<AutoTicketRuleWire>) =>
    setRules((all) => all.map((rule, i) => (i === index ? { ...rule, ...patch } : rule)));
  const replace = (index: number, next: AutoTicketRuleWire) =>
    setRules((all) => all.map((rule, i) => (i === index ? next : rule)));
  const move = (index: number, by: -1 | 1) =>
    setRules((all) => {
      const next = [...all];
      const [rule] = next.splice(index, 1);
      if (rule !== undefined) next.splice(index + by, 0, rule);
      return next;
    });

  async function save() {
    setBusy(true);
    const result = await callEndpoint(autoTicketEndpoints.saveRules, { rules });
    setBusy(false);
    if (!result.ok) {
      setErrors(result.error.fieldErrors ?? {});
      setNotice({ appearance: 'error', title: 'Rules not saved', text: result.error.message });
      return;
    }
    setErrors({});
    setWarnings(result.value.warnings);
    const warned = Object.keys(result.value.warnings).length;
    setNotice(
      warned > 0
        ? {
            appearance: 'warning',
            title: 'Rules saved with warnings',
            text: 'Some rules need attention; see the warnings on them.',
          }
        : { appearance: 'success', title: 'Rules saved', text: 'They apply from the next scheduled run.' },
    );
  }

  async function dryRun(rule: AutoTicketRuleWire) {
    const result = await callEndpoint(autoTicketEndpoints.dryRun, { rule });
    setDryRuns((all) => ({ ...all, [rule.id]: result.ok ? result.value : result.error.message }));
  }

  const errorFor = (index: number, field: string) => errors[`rules.${index}.${field}`];
  const errorsUnder = (index: number, field: string) =>
    Object.entries(errors)
      .filter(([key]) => key === `rules.${index}.${field}` || key.startsWith(`rules.${index}.${field}.`))
      .map(([, message]) => message);
  return (
    <Stack space="space.200">
      <NoticeMessage notice={notice} />
      <p className="zp-muted">
        Rules are checked in this order; a finding gets one ticket, from the first rule it matches.
        {settings.lastRun !== undefined &&
          ` Last run ${settings.lastRun.at}: ${settings.lastRun.changesRead} changes read, ${settings.lastRun.enqueued} tickets queued, ${settings.lastRun.deferred} waiting for a daily cap.`}
      </p>
      {rules.map((rule, index) => (
        <fieldset className="zp-form" key={rule.id} aria-label={`Rule ${rule.name}`}>
          <legend>{rule.name}</legend>
          {(warnings[rule.id] ?? []).map((warning) => (
            <SectionMessage key={warning} appearance="warning">
              <p>{warning}</p>
            </SectionMessage>
          ))}
          <Label htmlFor={`${rule.id}-enabled`}>Enabled</Label>
          <Toggle
            id={`${rule.id}-enabled`}
            isChecked={rule.enabled}
            onChange={() => update(index, { enabled: !rule.enabled })}
          />
          <Label htmlFor={`${rule.id}-name`}>Name</Label>
          <Textfield
            id={`${rule.id}-name`}
            value={rule.name}
            onChange={(e) => update(index, { name: e.currentTarget.value })}
          />
          {errorFor(index, 'name') && <ErrorMessage>{errorFor(index, 'name')}</ErrorMessage>}
          <Label htmlFor={`${rule.id}-threshold`}>
            Score threshold (tickets for findings scoring at least this)
          </Label>
          <Textfield
            id={`${rule.id}-threshold`}
            type="number"
            value={String(rule.scoreThreshold)}
            onChange={(e) => update(index, { scoreThreshold: Number(e.currentTarget.value) })}
          />
          {errorFor(index, 'scoreThreshold') && (
            <ErrorMessage>{errorFor(index, 'scoreThreshold')}</ErrorMessage>
          )}
          <CheckboxGroup
            label="Categories"
            options={CATEGORIES.map((category) => [category, CATEGORY_LABEL[category]] as const)}
            selected={rule.categories}
            onChange={(categories) => update(index, { categories })}
          />
          {errorFor(index, 'categories') && <ErrorMessage>{errorFor(index, 'categories')}</ErrorMessage>}
          <CheckboxGroup
            label="Scan types"
            options={SCAN_TYPES}
            selected={rule.scanTypes}
            onChange={(scanTypes) => update(index, { scanTypes })}
          />
          <RepositoryScopePicker
            id={`${rule.id}-scope`}
            label="Repositories"
            listLabels={{ tags: 'Tags (comma-separated)', repositories: 'Repository ids (comma-separated)' }}
            scope={rule.scope}
            onChange={(scope) => update(index, { scope })}
          />
          <RuleTargetFields
            rule={rule}
            onChange={(next) => replace(index, next)}
            errorFor={(field) => errorFor(index, field)}
          />
          <AssigneePicker
            rule={rule}
            onChange={(next) => replace(index, next)}
            errors={errorsUnder(index, 'assignee')}
          />
          <RuleTemplatePicker
            rule={rule}
            onChange={(next) => replace(index, next)}
            errorFor={(field) => errorFor(index, field)}
            templates={settings.templates}
          />
          <Label htmlFor={`${rule.id}-cap`}>Daily cap (tickets per UTC day)</Label>
          <Textfield
            id={`${rule.id}-cap`}
            type="number"
            value={String(rule.dailyCap)}
            onChange={(e) => update(index, { dailyCap: Number(e.currentTarget.value) })}
          />
          {errorFor(index, 'dailyCap') && <ErrorMessage>{errorFor(index, 'dailyCap')}</ErrorMessage>}
          <Box paddingBlockStart="space.200">
            <Actions>
              <Button onClick={() => void dryRun(rule)}>Dry run</Button>
              <Button appearance="subtle" isDisabled={index === 0} onClick={() => move(index, -1)}>
                Move up
              </Button>
              <Button
                appearance="subtle"
                isDisabled={index === rules.length - 1}
                onClick={() => move(index, 1)}
              >
                Move down
              </Button>
              <Button
                appearance="subtle"
                onClick={() => setRules((all) => all.filter((_, i) => i !== index))}
              >
                Remove
              </Button>
            </Actions>
          </Box>
          <DryRunResult result={dryRuns[rule.id]} />
        </fieldset>
      ))}
      {rules.length === 0 && (
        <EmptyState title="No rules yet">
          <p>Add a rule to file tickets for matching findings automatically.</p>
        </EmptyState>
      )}
      <Actions>
        <Button onClick={() => setRules((all) => [...all, newRule()])}>Add rule</Button>
        <Button appearance="primary" isDisabled={busy} onClick={() => void save()}>
          Save rules
        </Button>
      </Actions>
    </Stack>
  );
}
