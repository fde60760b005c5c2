import React, { useState } from 'react';
import { Button, ErrorMessage, Label, Stack, Text, Textfield } from '@forge/react';
import { panelEndpoints, type ActionResult } from '../../contract/panel';
import { callEndpoint } from './call-endpoint';

interface Props {
  canEdit: boolean;
  onLinked: (result: ActionResult) => void;
}

function valueOf(event: unknown): string {
  const target = (event as { target?: { value?: unknown } } | undefined)?.target;
  return typeof target?.value === 'string' ? target.value : '';
}

/** Not linked yet: link an existing ZeroPath finding by id or URL (checked against ZeroPath). */
export function LinkFindingForm({ canEdit, onLinked }: Props) {
  const [reference, setReference] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  if (!canEdit) {
    return <Text>This issue is not linked to a ZeroPath finding. Someone who can edit the issue can link one here.</Text>;
  }

  const submit = async () => {
    if (reference.trim() === '') {
      setError('Paste a ZeroPath finding id or its URL.');
      return;
    }
    setBusy(true);
    setError(undefined);
    const result = await callEndpoint(panelEndpoints.linkFinding, { reference });
    setBusy(false);
    if (result.ok) onLinked(result.value);
    else setError(result.error.fieldErrors?.['reference'] ?? result.error.message);
  };

  return (
    <Stack space="space.100" testId="link-form">
      <Text>This issue is not linked to a ZeroPath finding.</Text>
      <Label labelFor="finding-reference">ZeroPath finding id or URL</Label>
      <Textfield
        id="finding-reference"
        value={reference}
        placeholder="https://zeropath.com/app/issues/…"
        onChange={(event) => setReference(valueOf(event))}
        isInvalid={error !== undefined}
      />
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      <Button appearance="primary" isDisabled={busy} onClick={() => void submit()}>
        {busy ? 'Linking…' : 'Link finding'}
      </Button>
    </Stack>
  );
}
