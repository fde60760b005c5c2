import Button from '@atlaskit/button/new';
import { ErrorMessage, Label } from '@atlaskit/form';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import Toggle from '@atlaskit/toggle';
import { useState } from 'react';
import { type z } from 'zod';
import { autoTicketEndpoints, type slaPolicyWire } from '../../../../../../src/contract/auto-ticket';
import { callEndpoint } from '../../../bridge/call-endpoint';
import { Box, Inline, Stack } from '@atlaskit/primitives';
import { Actions, SectionCard } from '../../../ui-kit/layout';
import { LoadError, Loading, type Notice, NoticeMessage } from '../section-states';
import { RepositoryScopePicker } from '../shared/repository-scope-picker';
import { useLoad } from '../use-load';

type Settings = z.output<typeof autoTicketEndpoints.getSettings.response>;
type Policy = z.output<typeof slaPolicyWire>;
const SEVERITIES = ['Critical', 'High', 'Medium', 'Low'] as const;

/** Admin page section: "Set due date from SLA" and the SLA policies mirrored from ZeroPath. */
export function SlaSection() {
  const [state, reload] = useLoad(() => callEndpoint(autoTicketEndpoints.getSettings, {}));
  return (
    <SectionCard
      headingId="zp-sla-heading"
      title="SLA due dates"
      description="Give tickets a due date from your ZeroPath SLA policies."
    >
      {state.status === 'loading' && <Loading what="the SLA settings" />}
      {state.status === 'error' && <LoadError error={state.error} onRetry={reload} />}
      {state.status === 'ready' && <SlaForm settings={state.value} />}
    </SectionCard>
  );
}

function SlaForm({ settings }: { settings: Settings }) {
  const [enabled, setEnabled] = useState(settings.sla.enabled);
  const [policies, setPolicies] = useState<Policy[]>(settings.sla.policies);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [warnings, setWarnings] = useState<string[]>([]);
  const [notice, setNotice] = useState<Notice>(undefined);
  const [busy, setBusy] = useState(false);

  const update = (index: number, patch: Partial<Policy>) =>
    setPolicies((all) => all.map((p, i) => (i === index ? { ...p, ...patch } : p)));

  async function save() {
    setBusy(true);
    const result = await callEndpoint(autoTicketEndpoints.saveSla, { enabled, policies });
    setBusy(false);
    if (!result.ok) {
      setErrors(result.error.fieldErrors ?? {});
      setNotice({ appearance: 'error', title: 'SLA settings not saved', text: result.error.message });
      return;
    }
    setErrors({});
    setWarnings(result.value.warnings);
    setNotice({
      appearance: 'success',
      title: 'SLA settings saved',
      text: 'They apply to tickets created from now on.',
    });
  }

  return (
    <Stack space="space.200">
      <NoticeMessage notice={notice} />
      {warnings.map((warning) => (
        <SectionMessage key={warning} appearance="warning">
          <p>{warning}</p>
        </SectionMessage>
      ))}
      <p className="zp-muted">
        ZeroPath has no API for its SLA policies, so copy them here. Each ticket gets the earliest breach date
        across every policy covering its finding, counted from when the finding was opened; no covering policy
        means no due date.
      </p>
      <div>
        <Label htmlFor="zp-sla-enabled">Set due date from SLA</Label>
        <Toggle id="zp-sla-enabled" isChecked={enabled} onChange={() => setEnabled((v) => !v)} />
      </div>
      {policies.map((policy, index) => (
        <fieldset className="zp-form" key={policy.id} aria-label={`Policy ${policy.name}`}>
          <legend>{policy.name}</legend>
          <Label htmlFor={`${policy.id}-name`}>Name</Label>
          <Textfield
            id={`${policy.id}-name`}
            value={policy.name}
            onChange={(e) => update(index, { name: e.currentTarget.value })}
          />
          <Label htmlFor={`${policy.id}-enabled`}>Enabled</Label>
          <Toggle
            id={`${policy.id}-enabled`}
            isChecked={policy.enabled}
            onChange={() => update(index, { enabled: !policy.enabled })}
          />
          <Inline space="space.200" shouldWrap>
            {SEVERITIES.map((severity) => (
              <Box key={severity} style={{ width: 120 }}>
                <Label htmlFor={`${policy.id}-${severity}`}>{severity} (days)</Label>
                <Textfield
                  id={`${policy.id}-${severity}`}
                  type="number"
                  value={policy.days[severity] === undefined ? '' : String(policy.days[severity])}
                  onChange={(e) => {
                    const text = e.currentTarget.value.trim();
                    const days = { ...policy.days };
                    if (text === '') delete days[severity];
                    else days[severity] = Number(text);
                    update(index, { days });
                  }}
                />
              </Box>
            ))}
          </Inline>
          {errors[`policies.${index}.days`] && (
            <ErrorMessage>{errors[`policies.${index}.days`]}</ErrorMessage>
          )}
          <RepositoryScopePicker
            id={`${policy.id}-scope`}
            label="Applies to"
            listLabels={{
              tags: 'Policy tags (comma-separated)',
              repositories: 'Policy repository ids (comma-separated)',
            }}
            scope={policy.scope}
            onChange={(scope) => update(index, { scope })}
          />
          {errors[`policies.${index}.scope`] && (
            <ErrorMessage>{errors[`policies.${index}.scope`]}</ErrorMessage>
          )}
          <Box paddingBlockStart="space.200">
            <Button
              appearance="subtle"
              onClick={() => setPolicies((all) => all.filter((_, i) => i !== index))}
            >
              Remove policy
            </Button>
          </Box>
        </fieldset>
      ))}
      <Actions>
        <Button
          onClick={() =>
            setPolicies((all) => [
              ...all,
              {
                id: `sla-${Date.now().toString(36)}`,
                name: 'New policy',
                enabled: true,
                days: { Critical: 7, High: 30 },
                scope: { type: 'all' },
              },
            ])
          }
        >
          Add policy
        </Button>
        <Button appearance="primary" isDisabled={busy} onClick={() => void save()}>
          Save SLA settings
        </Button>
      </Actions>
    </Stack>
  );
}
