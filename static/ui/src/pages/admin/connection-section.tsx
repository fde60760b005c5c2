import Button from '@atlaskit/button/new';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import Lozenge from '@atlaskit/lozenge';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import { Box, Stack } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import { type FormEvent, useState } from 'react';
import { type z } from 'zod';
import {
  adminEndpoints,
  connectPayloadSchema,
  type ConnectionView,
  type OrganizationView,
  rotatePayloadSchema,
} from '../../../../../src/contract/admin';
import { type AppError, type Result } from '../../../../../src/contract/result';
import { callEndpoint } from '../../bridge/call-endpoint';
import { Actions, SectionCard } from '../../ui-kit/layout';
import { LoadError, Loading, type Notice, NoticeMessage } from './section-states';
import { ZeroPathSupportList } from './shared/zeropath-support';
import { fieldErrorsOf, useLoad } from './use-load';

interface TokenForm {
  tokenId: string;
  tokenSecret: string;
  baseUrl: string;
  tokenExpiresOn: string;
}

const EMPTY_FORM: TokenForm = {
  tokenId: '',
  tokenSecret: '',
  baseUrl: 'https://zeropath.com',
  tokenExpiresOn: '',
};

function ExpiryLine({ connection }: { connection: ConnectionView }) {
  const { expiry } = connection;
  if (expiry.state === 'unknown') {
    return (
      <p>
        Token expiry: not entered. ZeroPath tokens expire after 1–365 days (30 by default); enter the date
        when you rotate to be warned in time.
      </p>
    );
  }
  const date = expiry.expiresAt.slice(0, 10);
  if (expiry.state === 'expired') {
    return (
      <SectionMessage appearance="error" title="The ZeroPath token has expired">
        <p>
          It expired on {date}. Create a new token in ZeroPath → Settings → API Tokens and rotate it below.
        </p>
      </SectionMessage>
    );
  }
  if (expiry.state === 'expiring-soon') {
    return (
      <SectionMessage appearance="warning" title="The ZeroPath token expires soon">
        <p>
          It expires on {date} ({expiry.daysLeft} days left). Create a new token in ZeroPath and rotate it
          here before then, or sync stops.
        </p>
      </SectionMessage>
    );
  }
  return <p>Token expires on {date}.</p>;
}

function Field({
  id,
  label,
  value,
  onChange,
  error,
  helper,
  type = 'text',
}: {
  id: keyof TokenForm;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  helper?: string;
  type?: string;
}) {
  return (
    <div>
      <Label htmlFor={`zp-${id}`}>{label}</Label>
      <Textfield
        id={`zp-${id}`}
        name={id}
        type={type}
        autoComplete="off"
        value={value}
        isInvalid={error !== undefined}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
      {error !== undefined ? (
        <ErrorMessage>{error}</ErrorMessage>
      ) : helper ? (
        <HelperMessage>{helper}</HelperMessage>
      ) : null}
    </div>
  );
}

function errorNotice(title: string, error: AppError): Notice {
  return { appearance: 'error', title, text: error.message };
}

export function ConnectionSection() {
  const [state, reload, replace] = useLoad(() => callEndpoint(adminEndpoints.getConnection, {}));
  const [form, setForm] = useState<TokenForm>(EMPTY_FORM);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<Notice>(undefined);
  const [organizations, setOrganizations] = useState<OrganizationView[] | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [mode, setMode] = useState<'view' | 'rotate'>('view');
  /** Disconnecting stops every sync at once: it waits for a second, deliberate click in a dialog. */
  const [confirmingDisconnect, setConfirmingDisconnect] = useState(false);

  const set = (key: keyof TokenForm) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  async function run<T>(action: () => Promise<Result<T>>, title: string) {
    setBusy(true);
    setNotice(undefined);
    const result = await action();
    setBusy(false);
    if (!result.ok) {
      setErrors(result.error.fieldErrors ?? {});
      setNotice(errorNotice(title, result.error));
      return undefined;
    }
    setErrors({});
    return result.value;
  }

  /** Checks the payload against the endpoint's own schema first, so field errors show without a round trip. */
  async function runChecked<P, T>(
    schema: z.ZodType,
    payload: P,
    action: (payload: P) => Promise<Result<T>>,
    title: string,
  ) {
    const checked = schema.safeParse(payload);
    if (!checked.success) {
      setErrors(fieldErrorsOf(checked.error.issues));
      return undefined;
    }
    return run(() => action(payload), title);
  }

  const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());

  /** The token fields both forms send; a blank expiry date is left out rather than sent empty. */
  const tokenPayload = () => ({
    tokenId: form.tokenId,
    tokenSecret: form.tokenSecret,
    ...(optional(form.tokenExpiresOn) === undefined ? {} : { tokenExpiresOn: form.tokenExpiresOn.trim() }),
  });

  async function submitConnect(event: FormEvent, organizationId?: string) {
    event.preventDefault();
    const payload = {
      ...tokenPayload(),
      ...(optional(form.baseUrl) === undefined ? {} : { baseUrl: form.baseUrl.trim() }),
      ...(organizationId === undefined ? {} : { organizationId }),
    };
    const value = await runChecked(
      connectPayloadSchema,
      payload,
      (body) => callEndpoint(adminEndpoints.connect, body),
      'Could not connect to ZeroPath',
    );
    if (value === undefined) return;
    if (value.status === 'choose-organization') {
      setOrganizations(value.organizations);
      return;
    }
    setOrganizations(undefined);
    setForm(EMPTY_FORM);
    replace(value.connection);
    setNotice({
      appearance: 'success',
      title: 'Connected',
      text: `Connected to ${value.connection.organization?.name ?? 'ZeroPath'}.`,
    });
  }

  async function submitRotate(event: FormEvent) {
    event.preventDefault();
    const value = await runChecked(
      rotatePayloadSchema,
      tokenPayload(),
      (body) => callEndpoint(adminEndpoints.rotateToken, body),
      'The token was not rotated',
    );
    if (value === undefined) return;
    setForm(EMPTY_FORM);
    setMode('view');
    replace(value);
    setNotice({
      appearance: 'success',
      title: 'Token rotated',
      text: 'The new token is in use; the organisation is unchanged.',
    });
  }

  async function testConnection() {
    const value = await run(
      () => callEndpoint(adminEndpoints.testConnection, {}),
      'The connection test failed',
    );
    if (value !== undefined) {
      setNotice({
        appearance: 'success',
        title: 'Connection works',
        text: `ZeroPath answered for ${value.organization.name}.`,
      });
      if (value.support !== undefined && state.status === 'ready')
        replace({ ...state.value, support: value.support });
    }
  }

  async function disconnect() {
    setConfirmingDisconnect(false);
    const value = await run(() => callEndpoint(adminEndpoints.disconnect, {}), 'Could not disconnect');
    if (value === undefined) return;
    replace(value);
    setNotice({
      appearance: 'success',
      title: 'Disconnected',
      text: 'The token was removed. Links between findings and issues, and their history, are kept.',
    });
  }

  const tokenFields = (withBaseUrl: boolean) => (
    <>
      <Field
        id="tokenId"
        label="Token id"
        value={form.tokenId}
        onChange={set('tokenId')}
        error={errors['tokenId']}
      />
      <Field
        id="tokenSecret"
        label="Token secret"
        type="password"
        value={form.tokenSecret}
        onChange={set('tokenSecret')}
        error={errors['tokenSecret']}
        helper="Stored encrypted by Forge; never shown again."
      />
      {withBaseUrl && (
        <Field
          id="baseUrl"
          label="ZeroPath URL"
          value={form.baseUrl}
          onChange={set('baseUrl')}
          error={errors['baseUrl']}
          helper="https://zeropath.com, or https://<tenant>.branch.zeropath.com for single-tenant."
        />
      )}
      <Field
        id="tokenExpiresOn"
        label="Token expiry date (optional, YYYY-MM-DD)"
        value={form.tokenExpiresOn}
        onChange={set('tokenExpiresOn')}
        error={errors['tokenExpiresOn']}
        helper="As shown in ZeroPath's token list; the app warns two weeks before."
      />
    </>
  );

  return (
    <SectionCard
      headingId="zp-connection-heading"
      title="Connection"
      description="The ZeroPath organisation this Jira site reads findings from and writes triage back to."
    >
      <NoticeMessage notice={notice} />
      {state.status === 'loading' && <Loading what="the connection" />}
      {state.status === 'error' && <LoadError error={state.error} onRetry={reload} />}
      {state.status === 'ready' && state.value.configured && (
        <Stack space="space.200">
          <p>
            <Lozenge appearance="success">Connected</Lozenge> to{' '}
            <strong>{state.value.organization?.name ?? state.value.organization?.id}</strong> at{' '}
            {state.value.baseUrl} with token …{state.value.tokenIdHint}
          </p>
          <ExpiryLine connection={state.value} />
          {state.value.support !== undefined && <ZeroPathSupportList support={state.value.support} />}
          {mode === 'view' ? (
            <Actions>
              <Button onClick={() => void testConnection()} isDisabled={busy}>
                Test connection
              </Button>
              <Button onClick={() => setMode('rotate')} isDisabled={busy}>
                Rotate token
              </Button>
              <Button appearance="danger" onClick={() => setConfirmingDisconnect(true)} isDisabled={busy}>
                Disconnect
              </Button>
            </Actions>
          ) : (
            <form
              className="zp-form"
              onSubmit={(event) => void submitRotate(event)}
              aria-label="Rotate token"
              noValidate
            >
              {tokenFields(false)}
              <Box paddingBlockStart="space.200">
                <Actions>
                  <Button type="submit" appearance="primary" isDisabled={busy}>
                    Validate and rotate
                  </Button>
                  <Button onClick={() => setMode('view')}>Cancel</Button>
                </Actions>
              </Box>
            </form>
          )}
        </Stack>
      )}
      {state.status === 'ready' && !state.value.configured && (
        <form
          className="zp-form"
          onSubmit={(event) => void submitConnect(event)}
          aria-label="Connect ZeroPath"
          noValidate
        >
          <p>
            <Lozenge>Not connected</Lozenge> Enter a ZeroPath API token (ZeroPath → Settings → API Tokens; an
            organisation or admin token).
          </p>
          {tokenFields(true)}
          {organizations !== undefined && (
            <fieldset>
              <legend>This token sees several organisations. Pick the one to connect:</legend>
              <Actions>
                {organizations.map((org) => (
                  <Button
                    key={org.id}
                    onClick={(event) => void submitConnect(event, org.id)}
                    isDisabled={busy}
                  >
                    {org.name}
                  </Button>
                ))}
              </Actions>
            </fieldset>
          )}
          {organizations === undefined && (
            <Box paddingBlockStart="space.200">
              <Button type="submit" appearance="primary" isDisabled={busy}>
                Connect
              </Button>
            </Box>
          )}
        </form>
      )}
      <ModalTransition>
        {confirmingDisconnect && (
          <Modal onClose={() => setConfirmingDisconnect(false)} width="small">
            <ModalHeader>
              <ModalTitle appearance="danger">Disconnect ZeroPath?</ModalTitle>
            </ModalHeader>
            <ModalBody>
              <p>
                The token is removed and all sync stops: no status changes, comments or new findings move between
                ZeroPath and Jira until someone connects again. Links between findings and issues, and their history,
                are kept.
              </p>
            </ModalBody>
            <ModalFooter>
              <Button appearance="subtle" onClick={() => setConfirmingDisconnect(false)}>
                Cancel
              </Button>
              <Button appearance="danger" onClick={() => void disconnect()} isDisabled={busy}>
                Disconnect and stop sync
              </Button>
            </ModalFooter>
          </Modal>
        )}
      </ModalTransition>
    </SectionCard>
  );
}
