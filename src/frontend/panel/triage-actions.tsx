import React, { useState } from 'react';
import { Button, ButtonGroup, DatePicker, ErrorMessage, Label, Stack, TextArea } from '@forge/react';
import { panelEndpoints, type ActionResult, type LinkedPanelView } from '../../contract/panel';
import { type AppError } from '../../contract/result';
import { callEndpoint } from './call-endpoint';

type Mode = 'false_positive' | 'accept_risk' | 'reopen';

interface Props {
  view: LinkedPanelView;
  onDone: (result: ActionResult) => void;
  onRefresh: () => void;
  refreshing: boolean;
}

const TITLES: Readonly<Record<Mode, string>> = {
  false_positive: 'Mark as false positive',
  accept_risk: 'Accept risk',
  reopen: 'Reopen',
};

function valueOf(event: unknown): string {
  const target = (event as { target?: { value?: unknown } } | undefined)?.target;
  return typeof target?.value === 'string' ? target.value : '';
}

/** The triage buttons and the small form each one opens; the server checks everything again. */
export function TriageActions({ view, onDone, onRefresh, refreshing }: Props) {
  const [mode, setMode] = useState<Mode | undefined>();
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState<string | undefined>();
  const [error, setError] = useState<AppError | undefined>();
  const [busy, setBusy] = useState(false);
  const status = view.finding.status;
  const isOpen = status === 'open' || status === 'in_progress';

  const open = (next: Mode) => {
    setMode(next);
    setReason('');
    setUntil(undefined);
    setError(undefined);
  };

  const submit = async () => {
    if (mode === undefined) return;
    if (mode !== 'reopen' && reason.trim() === '') {
      setError({ kind: 'invalid_input', message: 'Give a reason: it is recorded in ZeroPath and in the audit trail.' });
      return;
    }
    setBusy(true);
    setError(undefined);
    const result =
      mode === 'false_positive'
        ? await callEndpoint(panelEndpoints.markFalsePositive, { reason })
        : mode === 'accept_risk'
          ? await callEndpoint(panelEndpoints.acceptRisk, until ? { reason, until } : { reason })
          : await callEndpoint(panelEndpoints.reopen, reason.trim() === '' ? {} : { reason });
    setBusy(false);
    if (result.ok) {
      setMode(undefined);
      onDone(result.value);
    } else {
      setError(result.error);
    }
  };

  if (!view.connected) return null;
  if (!view.canEdit) {
    return (
      <ButtonGroup>
        <Button onClick={onRefresh} isDisabled={refreshing}>
          Refresh from ZeroPath
        </Button>
      </ButtonGroup>
    );
  }

  if (mode === undefined) {
    return (
      <ButtonGroup>
        {status !== 'false_positive' ? <Button onClick={() => open('false_positive')}>Mark false positive</Button> : null}
        {status !== 'accepted_risk' ? <Button onClick={() => open('accept_risk')}>Accept risk</Button> : null}
        {!isOpen ? <Button onClick={() => open('reopen')}>Reopen</Button> : null}
        <Button appearance="subtle" onClick={onRefresh} isDisabled={refreshing}>
          Refresh from ZeroPath
        </Button>
      </ButtonGroup>
    );
  }

  const fieldError = error?.fieldErrors?.['until'] ?? error?.fieldErrors?.['reason'];
  return (
    <Stack space="space.100" testId="triage-form">
      <Label labelFor="triage-reason">{mode === 'reopen' ? 'Reason (optional)' : 'Reason (required)'}</Label>
      <TextArea id="triage-reason" value={reason} onChange={(event) => setReason(valueOf(event))} isInvalid={error !== undefined} />
      {mode === 'accept_risk' ? (
        <>
          <Label labelFor="triage-until">Accepted until (optional)</Label>
          <DatePicker id="triage-until" value={until ?? ''} onChange={(value) => setUntil(value === '' ? undefined : value)} />
        </>
      ) : null}
      {error ? <ErrorMessage>{fieldError ?? error.message}</ErrorMessage> : null}
      <ButtonGroup>
        <Button appearance="primary" isDisabled={busy} onClick={() => void submit()}>
          {busy ? 'Saving…' : TITLES[mode]}
        </Button>
        <Button appearance="subtle" isDisabled={busy} onClick={() => setMode(undefined)}>
          Cancel
        </Button>
      </ButtonGroup>
    </Stack>
  );
}
