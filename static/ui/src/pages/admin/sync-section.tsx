import Button from '@atlaskit/button/new';
import { ErrorMessage, Label } from '@atlaskit/form';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import Toggle from '@atlaskit/toggle';
import { useEffect, useState } from 'react';
import { adminEndpoints, type SettingsView } from '../../../../../src/contract/admin';
import { syncSectionSchema } from '../../../../../src/core/config/app-config';
import {
  NO_RESOLUTION_KEY,
  TRIAGE_DECISIONS,
  type TriageDecision,
} from '../../../../../src/core/triage/triage-types';
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

/** Jira's resolutions (the Sync tab maps names from this list, never typed ones). */
function useResolutions(): { names: string[]; problem?: string } {
  const [state, setState] = useState<{ names: string[]; problem?: string }>({ names: [] });
  useEffect(() => {
    let live = true;
    void callEndpoint(adminEndpoints.listResolutions, {}).then((r) => {
      if (!live) return;
      setState(r.ok ? { names: r.value.resolutions.map((x) => x.name) } : { names: [], problem: r.error.message });
    });
    return () => {
      live = false;
    };
  }, []);
  return state;
}

type Option = { label: string; value: string };

/** The stored key for "closed with no resolution" is the app's; people see it in words. */
const resolutionLabel = (name: string) => (name === NO_RESOLUTION_KEY ? 'No resolution set' : name);

function SyncForm({ settings }: { settings: SettingsView }) {
  const [commentTriage, setCommentTriage] = useState(settings.sync.commentTriage);
  const [aiAssist, setAiAssist] = useState(settings.sync.aiAssist.enabled);
  const [aiDailyCap, setAiDailyCap] = useState(String(settings.sync.aiAssist.dailyCap));
  const [mirrorComments, setMirrorComments] = useState(settings.sync.mirrorComments);
  const [sweepEnabled, setSweepEnabled] = useState(settings.sync.sweepEnabled);
  const resolutions = useResolutions();
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
      mirrorComments,
      sweepEnabled,
      resolutionMapping: Object.fromEntries(rows.map((r) => [r.name, r.decision])),
      aiAssist: { enabled: aiAssist, dailyCap: Number(aiDailyCap) },
    };
    const empty = rows.findIndex((r) => r.name.trim() === '');
    const checked = syncSectionSchema.safeParse(payload);
    if (empty >= 0 || !checked.success) {
      setErrors({
        ...(checked.success ? {} : fieldErrorsOf(checked.error.issues)),
        ...(empty >= 0 ? { resolutionMapping: 'Every row needs a resolution: pick one from the list or remove the row.' } : {}),
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
      <div>
        <Label htmlFor="zp-mirror-comments">Copy people's Jira comments into the finding's note in ZeroPath</Label>
        <Toggle id="zp-mirror-comments" isChecked={mirrorComments} onChange={() => setMirrorComments((v) => !v)} />
      </div>
      <div>
        <Label htmlFor="zp-sweep-enabled">
          Move Jira issues when their findings change in ZeroPath (the status sweep, every few minutes)
        </Label>
        <Toggle id="zp-sweep-enabled" isChecked={sweepEnabled} onChange={() => setSweepEnabled((v) => !v)} />
      </div>
      {resolutions.problem !== undefined && (
        <ErrorMessage>{`Jira's resolutions could not be read: ${resolutions.problem}`}</ErrorMessage>
      )}
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
                  <Select<Option>
                    inputId={`zp-resolution-${index}`}
                    aria-label={`Jira resolution ${index + 1}`}
                    placeholder="Choose a resolution"
                    // Names already mapped by another row are not offered twice; a saved name Jira no
                    // longer has stays visible so the admin can see and replace it.
                    options={[
                      ...new Set([...(row.name === '' ? [] : [row.name]), ...resolutions.names, NO_RESOLUTION_KEY]),
                    ]
                      .filter((name) => name === row.name || !rows.some((r) => r.name === name))
                      .map((name) => ({ label: resolutionLabel(name), value: name }))}
                    value={row.name === '' ? null : { label: resolutionLabel(row.name), value: row.name }}
                    onChange={(option) => update(index, { name: option?.value ?? '' })}
                  />
                </td>
                <td>
                  <select
                    aria-label={`Outcome for ${row.name === '' ? `row ${index + 1}` : resolutionLabel(row.name)}`}
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
