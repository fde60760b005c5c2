import Button from '@atlaskit/button/new';
import { ErrorMessage, Label } from '@atlaskit/form';
import Lozenge from '@atlaskit/lozenge';
import { Stack } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import Toggle from '@atlaskit/toggle';
import { useState } from 'react';
import {
  confluenceAdminEndpoints,
  confluenceSettingsPayloadSchema,
  type ConfluenceAdminView,
} from '../../../../../src/contract/confluence';
import { callEndpoint } from '../../bridge/call-endpoint';
import { Actions, SectionCard } from '../../ui-kit/layout';
import { LoadError, Loading, type Notice, NoticeMessage } from './section-states';
import { fieldErrorsOf, useLoad } from './use-load';

/** Comma- or space-separated list → items (the admin types keys and labels as text). */
const itemsOf = (text: string) => text.split(/[\s,]+/).filter((item) => item.length > 0);

export function ConfluenceSection() {
  const [state, reload, replace] = useLoad(() => callEndpoint(confluenceAdminEndpoints.get, {}));
  return (
    <SectionCard
      headingId="zp-confluence-heading"
      title="Confluence"
      description="Related security documentation on findings and tickets, and search for ZeroPath's assistant. Off until you turn it on; while off the app sends no request to Confluence."
    >
      {state.status === 'loading' && <Loading what="the Confluence settings" />}
      {state.status === 'error' && <LoadError error={state.error} onRetry={reload} />}
      {state.status === 'ready' && <ConfluenceForm view={state.value} onSaved={replace} />}
    </SectionCard>
  );
}

const CONNECTION_TEXT: Record<
  ConfluenceAdminView['connection']['state'],
  [string, 'success' | 'removed' | 'default']
> = {
  connected: ['Confluence connected', 'success'],
  'not-connected': ['Confluence not connected', 'removed'],
  unknown: ['Not checked yet (checked when you turn access on)', 'default'],
};

function ConfluenceForm({
  view,
  onSaved,
}: {
  view: ConfluenceAdminView;
  onSaved: (view: ConfluenceAdminView) => void;
}) {
  const [enabled, setEnabled] = useState(view.enabled);
  const [spaces, setSpaces] = useState(view.spaceKeys.join(', '));
  const [labels, setLabels] = useState(view.labels.join(', '));
  const [ticketLinks, setTicketLinks] = useState(view.ticketLinks);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<Notice>(undefined);
  const [busy, setBusy] = useState(false);
  const [connectionText, lozenge] = CONNECTION_TEXT[view.connection.state];

  async function save() {
    const payload = { enabled, spaceKeys: itemsOf(spaces), labels: itemsOf(labels), ticketLinks };
    const checked = confluenceSettingsPayloadSchema.safeParse(payload);
    if (!checked.success) {
      setErrors(fieldErrorsOf(checked.error.issues));
      return;
    }
    setBusy(true);
    const result = await callEndpoint(confluenceAdminEndpoints.save, checked.data);
    setBusy(false);
    if (!result.ok) {
      setErrors(result.error.fieldErrors ?? {});
      setNotice({ appearance: 'error', title: 'Confluence settings not saved', text: result.error.message });
      return;
    }
    setErrors({});
    setNotice({
      appearance: 'success',
      title: 'Confluence settings saved',
      text: result.value.enabled
        ? 'Confluence access is on.'
        : 'Confluence access is off: the app sends no request to Confluence.',
    });
    onSaved(result.value);
  }

  const errorFor = (field: string) =>
    Object.entries(errors)
      .filter(([key]) => key === field || key.startsWith(`${field}.`))
      .map(([, message]) => message)[0];

  return (
    <Stack space="space.200">
      <NoticeMessage notice={notice} />
      <div>
        <Lozenge appearance={lozenge}>{connectionText}</Lozenge>
        {view.connection.checkedAt !== undefined && (
          <span className="zp-muted"> checked {view.connection.checkedAt}</span>
        )}
      </div>
      {view.connection.state !== 'connected' && (
        <SectionMessage appearance="information" title="How to connect Confluence">
          <p>{view.howToConnect}</p>
        </SectionMessage>
      )}
      <div>
        <Label htmlFor="zp-confluence-enabled">Confluence access</Label>
        <Toggle id="zp-confluence-enabled" isChecked={enabled} onChange={() => setEnabled((v) => !v)} />
      </div>
      <div>
        <Label htmlFor="zp-confluence-spaces">Spaces with security documentation (keys)</Label>
        <Textfield
          id="zp-confluence-spaces"
          value={spaces}
          placeholder="SECDOCS, ARCH"
          onChange={(e) => setSpaces(e.currentTarget.value)}
        />
        {errorFor('spaceKeys') !== undefined && <ErrorMessage>{errorFor('spaceKeys')}</ErrorMessage>}
      </div>
      <div>
        <Label htmlFor="zp-confluence-labels">Labels on security documentation</Label>
        <Textfield
          id="zp-confluence-labels"
          value={labels}
          placeholder="security, runbook"
          onChange={(e) => setLabels(e.currentTarget.value)}
        />
        {errorFor('labels') !== undefined && <ErrorMessage>{errorFor('labels')}</ErrorMessage>}
      </div>
      <div>
        <Label htmlFor="zp-confluence-ticket-links">Add a “Related docs” search link to new tickets</Label>
        <Toggle
          id="zp-confluence-ticket-links"
          isChecked={ticketLinks}
          onChange={() => setTicketLinks((v) => !v)}
        />
        <p className="zp-muted">
          The link opens Confluence search for the finding; each reader sees only the pages they may open, and
          the ticket names no page.
        </p>
      </div>
      <Actions>
        <Button appearance="primary" onClick={() => void save()} isDisabled={busy}>
          Save Confluence settings
        </Button>
      </Actions>
      <AssistantAccess configured={view.assistant.configured} createdAt={view.assistant.createdAt} />
    </Stack>
  );
}

/**
 * The secret ZeroPath's assistant sends to the app's web trigger. Shown once, right after it is
 * created or rotated; the app keeps only its hash, so a lost secret is rotated, never shown again.
 */
function AssistantAccess({ configured, createdAt }: { configured: boolean; createdAt: string | undefined }) {
  const [shown, setShown] = useState<{ secret: string; url: string } | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  async function rotate() {
    setBusy(true);
    const result = await callEndpoint(confluenceAdminEndpoints.rotateAssistantSecret, {});
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setError(undefined);
    setShown({ secret: result.value.secret, url: result.value.url });
  }
  return (
    <Stack space="space.100">
      <Label htmlFor="zp-assistant-rotate">ZeroPath assistant access</Label>
      <p className="zp-muted">
        {configured || shown !== undefined
          ? `A secret exists${createdAt === undefined ? '' : ` (created ${createdAt})`}. Rotating it stops the old one at once.`
          : 'No secret yet: ZeroPath’s assistant cannot search Confluence through the app.'}{' '}
        It answers only while access is on, and only within the spaces above.
      </p>
      {shown !== undefined && (
        <SectionMessage appearance="warning" title="Copy the secret now: it is shown only once">
          <p>
            URL: <code>{shown.url}</code>
          </p>
          <p>
            Secret: <code data-testid="zp-assistant-secret">{shown.secret}</code>
          </p>
        </SectionMessage>
      )}
      {error !== undefined && <ErrorMessage>{error}</ErrorMessage>}
      <Actions>
        <Button id="zp-assistant-rotate" onClick={() => void rotate()} isDisabled={busy}>
          {configured || shown !== undefined ? 'Rotate assistant secret' : 'Create assistant secret'}
        </Button>
      </Actions>
    </Stack>
  );
}
