import Button from '@atlaskit/button/new';
import { ErrorMessage } from '@atlaskit/form';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { useEffect, useRef, useState } from 'react';
import { type z } from 'zod';
import {
  autoTicketEndpoints,
  type AutoTicketRuleWire,
  type RuleTemplateWire,
} from '../../../../../../src/contract/auto-ticket';
import { callEndpoint } from '../../../bridge/call-endpoint';
import { AdfView } from './adf-view';
import { type RuleFieldProps } from './rule-target-fields';

type Templates = z.output<typeof autoTicketEndpoints.getSettings.response>['templates'];
type Preview = z.output<typeof autoTicketEndpoints.previewTemplate.response>;

/** How long typing pauses before an open preview is rendered again. */
export const PREVIEW_DEBOUNCE_MS = 400;

/** The picker's value: a rule names a library template by id, or makes one of the other choices. */
function choiceOf(rule: AutoTicketRuleWire): string {
  if (rule.templateId !== undefined) return `library:${rule.templateId}`;
  return rule.template?.type ?? 'site';
}

function withChoice(rule: AutoTicketRuleWire, choice: string): AutoTicketRuleWire {
  const { templateId: _id, template: previous, ...rest } = rule;
  if (choice.startsWith('library:')) return { ...rest, templateId: choice.slice('library:'.length) };
  if (choice === 'own') {
    // Switching back to "own" restores what the admin had typed.
    const own: RuleTemplateWire = previous?.type === 'own' ? previous : { type: 'own' };
    return { ...rest, template: own };
  }
  return { ...rest, template: { type: choice === 'none' ? 'none' : 'site' } };
}

/** The title and description the preview renders for the current choice (empty = built-in layout). */
function effectiveTemplate(
  rule: AutoTicketRuleWire,
  templates: Templates,
): { summary?: string; description?: string } {
  const choice = choiceOf(rule);
  let summary: string | undefined;
  let description: string | undefined;
  if (choice.startsWith('library:')) {
    const named = templates.library.find((t) => `library:${t.id}` === choice);
    summary = named?.summary;
    description = named?.description;
  } else if (choice === 'site') {
    summary = templates.summary;
    description = templates.description;
  } else if (rule.template?.type === 'own') {
    summary = rule.template.summary;
    description = rule.template.description;
  }
  return {
    ...(summary === undefined || summary.trim() === '' ? {} : { summary }),
    ...(description === undefined || description.trim() === '' ? {} : { description }),
  };
}

/**
 * The rule's ticket template: none (built-in layout), the site template, a library template, or
 * the rule's own title and description; with a preview against a real finding that follows the
 * admin's typing once opened.
 */
export function RuleTemplatePicker({
  rule,
  onChange,
  errorFor,
  templates,
}: RuleFieldProps & { templates: Templates }) {
  const id = (suffix: string) => `${rule.id}-template-${suffix}`;
  const choice = choiceOf(rule);
  const own = rule.template?.type === 'own' ? rule.template : undefined;
  const [previewOpen, setPreviewOpen] = useState(false);
  const [preview, setPreview] = useState<Preview | string | undefined>(undefined);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const request = useRef(0);

  const target = effectiveTemplate(rule, templates);
  const key = JSON.stringify(target);

  useEffect(() => {
    if (!previewOpen) return;
    const mine = ++request.current;
    const timer = setTimeout(() => {
      void callEndpoint(autoTicketEndpoints.previewTemplate, target).then((result) => {
        if (mine !== request.current) return;
        setFieldErrors(result.ok ? {} : (result.error.fieldErrors ?? {}));
        setPreview(result.ok ? result.value : result.error.message);
      });
    }, PREVIEW_DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // `key` is the serialised `target`.
  }, [previewOpen, key]);

  const setOwn = (patch: { summary?: string; description?: string }) => {
    const next = { ...(own ?? { type: 'own' as const }), ...patch };
    const clean: RuleTemplateWire = { type: 'own' };
    if (next.summary !== undefined && next.summary !== '') clean.summary = next.summary;
    if (next.description !== undefined && next.description !== '') clean.description = next.description;
    onChange({ ...rule, template: clean });
  };

  const serverError = (part: 'summary' | 'description') => errorFor(`template.${part}`) ?? fieldErrors[part];

  return (
    <div role="group" aria-label="Template of the tickets">
      <label htmlFor={id('choice')}>Ticket template</label>
      <select
        id={id('choice')}
        value={choice}
        onChange={(e) => onChange(withChoice(rule, e.currentTarget.value))}
      >
        <option value="none">None (the built-in layout)</option>
        <option value="site">
          {templates.summary === undefined && templates.description === undefined
            ? 'Site template (none set: the built-in layout)'
            : 'Site template'}
        </option>
        {templates.library.map((t) => (
          <option key={t.id} value={`library:${t.id}`}>
            {`Library: ${t.name}`}
          </option>
        ))}
        <option value="own">This rule's own template</option>
      </select>
      {(errorFor('template') ?? errorFor('templateId')) !== undefined && (
        <ErrorMessage>{errorFor('template') ?? errorFor('templateId')}</ErrorMessage>
      )}
      {own !== undefined && (
        <div>
          <label htmlFor={id('summary')}>Rule title template</label>
          <Textfield
            id={id('summary')}
            value={own.summary ?? ''}
            onChange={(e) => setOwn({ summary: e.currentTarget.value })}
          />
          {serverError('summary') !== undefined && <ErrorMessage>{serverError('summary')}</ErrorMessage>}
          <label htmlFor={id('description')}>Rule description template (markdown)</label>
          <TextArea
            id={id('description')}
            value={own.description ?? ''}
            onChange={(e) => setOwn({ description: e.currentTarget.value })}
          />
          {serverError('description') !== undefined && (
            <ErrorMessage>{serverError('description')}</ErrorMessage>
          )}
        </div>
      )}
      <Button onClick={() => setPreviewOpen((open) => !open)}>
        {previewOpen ? 'Hide template preview' : 'Preview template'}
      </Button>
      {previewOpen && preview === undefined && <p role="status">Rendering the preview…</p>}
      {previewOpen && typeof preview === 'string' && <ErrorMessage>{`No preview: ${preview}`}</ErrorMessage>}
      {previewOpen && typeof preview === 'object' && (
        <figure aria-label="Template preview">
          <figcaption>Preview with finding {preview.findingId}</figcaption>
          <p>
            <strong>{preview.summary}</strong>
          </p>
          <AdfView doc={preview.description} label="Template preview description" />
        </figure>
      )}
    </div>
  );
}
