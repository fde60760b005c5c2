import Button from '@atlaskit/button/new';
import { ErrorMessage, Label } from '@atlaskit/form';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import Toggle from '@atlaskit/toggle';
import { useState } from 'react';
import { type z } from 'zod';
import { autoTicketEndpoints } from '../../../../../../src/contract/auto-ticket';
import { callEndpoint } from '../../../bridge/call-endpoint';
import { Box } from '@atlaskit/primitives';
import { Actions, SectionCard } from '../../../ui-kit/layout';
import { LoadError, Loading, type Notice, NoticeMessage } from '../section-states';
import { useLoad } from '../use-load';

type Settings = z.output<typeof autoTicketEndpoints.getSettings.response>;
type Preview = z.output<typeof autoTicketEndpoints.previewTemplate.response>;

/** Admin page section: the site's title and description templates, live preview, "Use Jira template". */
export function TemplatesSection() {
  const [state, reload] = useLoad(() => callEndpoint(autoTicketEndpoints.getSettings, {}));
  return (
    <SectionCard
      headingId="zp-templates-heading"
      title="Ticket templates"
      description="The title and description of the tickets the app creates."
    >
      {state.status === 'loading' && <Loading what="the templates" />}
      {state.status === 'error' && <LoadError error={state.error} onRetry={reload} />}
      {state.status === 'ready' && <TemplatesForm settings={state.value} />}
    </SectionCard>
  );
}

/** Plain text of an ADF document, for the preview (values are text in the document anyway). */
function adfText(node: unknown): string {
  if (typeof node !== 'object' || node === null) return '';
  const n = node as { type?: string; text?: string; content?: unknown[] };
  const own = n.text ?? (n.type === 'hardBreak' ? '\n' : '');
  const inner = (n.content ?? []).map(adfText).join('');
  const block = ['paragraph', 'heading', 'listItem', 'codeBlock', 'blockquote'].includes(n.type ?? '');
  return `${own}${inner}${block ? '\n' : ''}`;
}

function TemplatesForm({ settings }: { settings: Settings }) {
  const [summary, setSummary] = useState(settings.templates.summary ?? '');
  const [description, setDescription] = useState(settings.templates.description ?? '');
  const [useForManualExport, setUseForManualExport] = useState(settings.templates.useForManualExport);
  const [findingId, setFindingId] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<Notice>(undefined);
  const [preview, setPreview] = useState<Preview | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const templatePayload = () => ({
    ...(summary.trim() === '' ? {} : { summary }),
    ...(description.trim() === '' ? {} : { description }),
  });

  async function save() {
    setBusy(true);
    const result = await callEndpoint(autoTicketEndpoints.saveTemplates, {
      ...templatePayload(),
      useForManualExport,
      library: settings.templates.library,
    });
    setBusy(false);
    if (!result.ok) {
      setErrors(result.error.fieldErrors ?? {});
      setNotice({ appearance: 'error', title: 'Templates not saved', text: result.error.message });
      return;
    }
    setErrors({});
    setNotice({ appearance: 'success', title: 'Templates saved', text: 'New tickets use them from now on.' });
  }

  async function showPreview() {
    const result = await callEndpoint(autoTicketEndpoints.previewTemplate, {
      ...templatePayload(),
      ...(findingId.trim() === '' ? {} : { findingId: findingId.trim() }),
    });
    if (!result.ok) {
      setErrors(result.error.fieldErrors ?? {});
      setPreview(undefined);
      setNotice({ appearance: 'error', title: 'No preview', text: result.error.message });
      return;
    }
    setErrors({});
    setNotice(undefined);
    setPreview(result.value);
  }

  return (
    <div className="zp-form">
      <NoticeMessage notice={notice} />
      <p className="zp-muted">
        Variables: {settings.variables.map((v) => `{{${v.name}}}`).join(' ')}. Values are always inserted as
        plain text: they can never add formatting, links or mentions. Leave a template empty to keep the
        built-in layout.
      </p>
      <Label htmlFor="zp-template-summary">Title template</Label>
      <Textfield
        id="zp-template-summary"
        value={summary}
        onChange={(e) => setSummary(e.currentTarget.value)}
      />
      {errors['summary'] && <ErrorMessage>{errors['summary']}</ErrorMessage>}
      <Label htmlFor="zp-template-description">Description template (markdown)</Label>
      <TextArea
        id="zp-template-description"
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
      />
      {errors['description'] && <ErrorMessage>{errors['description']}</ErrorMessage>}
      <Label htmlFor="zp-template-manual">Use Jira template for manual and bulk exports too</Label>
      <Toggle
        id="zp-template-manual"
        isChecked={useForManualExport}
        onChange={() => setUseForManualExport((v) => !v)}
      />
      <Label htmlFor="zp-template-finding">Preview with finding id (empty: the newest open finding)</Label>
      <Textfield
        id="zp-template-finding"
        value={findingId}
        onChange={(e) => setFindingId(e.currentTarget.value)}
      />
      {errors['findingId'] && <ErrorMessage>{errors['findingId']}</ErrorMessage>}
      <Box paddingBlockStart="space.200">
        <Actions>
          <Button onClick={() => void showPreview()}>Preview</Button>
          <Button appearance="primary" isDisabled={busy} onClick={() => void save()}>
            Save templates
          </Button>
        </Actions>
      </Box>
      {preview !== undefined && (
        <figure aria-label="Template preview">
          <figcaption>Preview for finding {preview.findingId}</figcaption>
          <p>
            <strong>{preview.summary}</strong>
          </p>
          <pre>{adfText(preview.description).trim()}</pre>
        </figure>
      )}
    </div>
  );
}
