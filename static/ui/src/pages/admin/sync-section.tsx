import Button from '@atlaskit/button/new';
import { ErrorMessage, Label } from '@atlaskit/form';
import Textfield from '@atlaskit/textfield';
import Toggle from '@atlaskit/toggle';
import { useState } from 'react';
import { adminEndpoints, type SettingsView } from '../../../../../src/contract/admin';
import { syncSectionSchema } from '../../../../../src/core/config/app-config';
import { TRIAGE_DECISIONS, type TriageDecision } from '../../../../../src/core/triage/triage-types';
import { callEndpoint } from '../../bridge/call-endpoint';
import { Box, Stack } from '@atlaskit/primitives';
import { Actions, SectionCard } from '../../ui-kit/layout';
import { LoadError, Loading, type Notice, NoticeMessage } from './section-states';
import { fieldErrorsOf, useLoad } from './use-load';

const DECISION_LABELS: Record<TriageDecision, string> = {
  resolved: 'Resolved',
  false_positive: 'False positive',
  accepted_risk: 'Accepted risk',
  skip: 'Leave unchanged (skip)',
};

type Row = { name: string; decision: TriageDecision };

export function SyncSection() {
  const [state, reload] = useLoad(() => callEndpoint(adminEndpoints.getSettings, {}));
  return (
    <SectionCard
      headingId="zp-sync-heading"
      title="Sync"
      description="What a closed Jira issue means for its ZeroPath finding."
    >
      {state.status === 'loading' && <Loading what="the sync settings" />}
      {state.status === 'error' && <LoadError error={state.error} onRetry={reload} />}
      {state.status === 'ready' && <SyncForm settings={state.value} />}
    </SectionCard>
  );
}

function SyncForm({ settings }: { settings: SettingsView }) {
  const [commentTriage, setCommentTriage] = useState(settings.sync.commentTriage);
  const [aiAssist, setAiAssist] = useState(settings.sync.aiAssist.enabled);
  const [aiDailyCap, setAiDailyCap] = useState(String(settings.sync.aiAssist.dailyCap));
  const [rows, setRows] = useState<Row[]>(
    Object.entries(settings.sync.resolutionMapping).map(([name, decision]) => ({ name, decision })),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<Notice>(undefined);
  const [busy, setBusy] = useState(false);

  const update = (index: number, row: Partial<Row>) =>
    setRows((all) => all.map((r, i) => (i === index ? { ...r, ...row } : r)));

  async function save() {
    const payload = {
      ...settings.sync,
      commentTriage,
      resolutionMapping: Object.fromEntries(rows.map((r) => [r.name, r.decision])),
      aiAssist: { enabled: aiAssist, dailyCap: Number(aiDailyCap) },
    };
    const empty = rows.findIndex((r) => r.name.trim() === '');
    const checked = syncSectionSchema.safeParse(payload);
    if (empty >= 0 || !checked.success) {
      setErrors({
        ...(checked.success ? {} : fieldErrorsOf(checked.error.issues)),
        ...(empty >= 0 ? { resolutionMapping: 'Every row needs a resolution name.' } : {}),
      });
      return;
    }
    setBusy(true);
    const result = await callEndpoint(adminEndpoints.saveSync, payload);
    setBusy(false);
    if (!result.ok) {
      setErrors(result.error.fieldErrors ?? {});
      setNotice({ appearance: 'error', title: 'Sync settings not saved', text: result.error.message });
      return;
    }
    setErrors({});
    setNotice({
      appearance: 'success',
      title: 'Sync settings saved',
      text: 'They apply to the next closed issue.',
    });
  }

  const mappingErrors = Object.entries(errors).filter(([key]) => key.startsWith('resolutionMapping'));
  return (
    <Stack space="space.200">
      <NoticeMessage notice={notice} />
      <div>
        <Label htmlFor="zp-comment-triage">
          Read human comments to decide what a closed issue means for its finding
        </Label>
        <Toggle
          id="zp-comment-triage"
          isChecked={commentTriage}
          onChange={() => setCommentTriage((v) => !v)}
        />
      </div>
      <div>
        <Label htmlFor="zp-ai-assist">
          AI assist for closures the rules leave undecided (Forge LLMs, off by default)
        </Label>
        <Toggle id="zp-ai-assist" isChecked={aiAssist} onChange={() => setAiAssist((v) => !v)} />
        <p className="zp-muted">
          When on, comments of an undecided closure are sent to an Atlassian-hosted model. Its answer counts
          only if it quotes a person&apos;s comment word for word and passes the same checks; such decisions
          say &quot;AI-assisted&quot;. Nothing is sent when off.
        </p>
        <Label htmlFor="zp-ai-daily-cap">Model calls per day (at most)</Label>
        <Textfield
          id="zp-ai-daily-cap"
          type="number"
          value={aiDailyCap}
          isDisabled={!aiAssist}
          onChange={(event) => setAiDailyCap(event.currentTarget.value)}
        />
        {errors['aiAssist.dailyCap'] !== undefined && (
          <ErrorMessage>{errors['aiAssist.dailyCap']}</ErrorMessage>
        )}
      </div>
      <p className="zp-muted">
        When comments say nothing clear (or this is off), the resolution decides, as mapped here. Names match
        ignoring case.
      </p>
      <Box style={{ maxWidth: 720 }}>
        <table aria-label="Resolution to ZeroPath outcome">
          <thead>
            <tr>
              <th scope="col">Jira resolution</th>
              <th scope="col">ZeroPath outcome</th>
              <th scope="col" aria-label="Actions" style={{ width: 96 }} />
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index}>
                <td>
                  <Textfield
                    aria-label={`Resolution name ${index + 1}`}
                    value={row.name}
                    onChange={(event) => update(index, { name: event.currentTarget.value })}
                  />
                </td>
                <td>
                  <select
                    aria-label={`Outcome for ${row.name || `row ${index + 1}`}`}
                    value={row.decision}
                    onChange={(event) =>
                      update(index, { decision: event.currentTarget.value as TriageDecision })
                    }
                  >
                    {TRIAGE_DECISIONS.map((decision) => (
                      <option key={decision} value={decision}>
                        {DECISION_LABELS[decision]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <Button
                    appearance="subtle"
                    onClick={() => setRows((all) => all.filter((_, i) => i !== index))}
                  >
                    Remove
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Box>
      {mappingErrors.map(([key, message]) => (
        <ErrorMessage key={key}>{message}</ErrorMessage>
      ))}
      <Actions>
        <Button onClick={() => setRows((all) => [...all, { name: '', decision: 'skip' }])}>
          Add resolution
        </Button>
        <Button appearance="primary" onClick={() => void save()} isDisabled={busy}>
          Save sync settings
        </Button>
      </Actions>
    </Stack>
  );
}
