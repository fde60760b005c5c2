import { withoutSecrets } from '../redaction/redact-secrets';
import { z } from 'zod';
import { plainTextToAdfDoc } from '../templates/adf-node';
import { type TemplateVariableName, type TemplateVariables } from '../templates/template-variables';

/**
 * One field of `GET /rest/api/3/issue/createmeta/{project}/issuetypes/{id}` (jira-rest-api.md
 * §2.1), tolerant of the properties we do not read.
 */
const allowedValueSchema = z.looseObject({
  id: z.string().optional(),
  value: z.string().optional(),
  name: z.string().optional(),
});
export const fieldCreateMetaSchema = z.looseObject({
  fieldId: z.string().min(1),
  name: z.string(),
  required: z.boolean(),
  hasDefaultValue: z.boolean().optional(),
  schema: z.looseObject({
    type: z.string(),
    items: z.string().optional(),
    system: z.string().optional(),
    custom: z.string().optional(),
  }),
  allowedValues: z.array(allowedValueSchema).optional(),
});
export type FieldCreateMeta = z.infer<typeof fieldCreateMetaSchema>;
type AllowedValue = z.infer<typeof allowedValueSchema>;

export {
  fieldMappingSchema,
  MAPPABLE_SYSTEM_FIELDS,
  NEVER_MAPPED_FIELDS,
  unmappableFieldReason,
  type FieldMapping,
} from './field-mapping-schema';
import { type FieldMapping } from './field-mapping-schema';

export type FieldKind =
  'text' | 'paragraph' | 'number' | 'select' | 'multiselect' | 'labels' | 'components' | 'date' | 'user';

/** Fields the app fills itself on every create; they never need a mapping. */
export const APP_SET_FIELDS: ReadonlySet<string> = new Set([
  'summary',
  'description',
  'project',
  'issuetype',
  'parent',
  'duedate',
  'assignee',
  'reporter',
]);

const TEXTAREA = 'com.atlassian.jira.plugin.system.customfieldtypes:textarea';
const LABELS = 'com.atlassian.jira.plugin.system.customfieldtypes:labels';
const NUMERIC_SOURCES: ReadonlySet<TemplateVariableName> = new Set(['score', 'startLine', 'endLine', 'cvss']);
/** Jira's limit for single-line text and label values. */
const TEXT_MAX = 255;
/** Jira's limit for multi-line text fields. */
const PARAGRAPH_MAX = 32_767;

/** The kind of value a field takes, or null when this app cannot fill it. */
export function fieldKindOf(meta: FieldCreateMeta): FieldKind | null {
  const { type, items, system, custom } = meta.schema;
  if (type === 'string')
    return custom === TEXTAREA || system === 'description' || system === 'environment' ? 'paragraph' : 'text';
  if (type === 'number') return 'number';
  if (type === 'option' || type === 'priority') return 'select';
  if (type === 'date') return 'date';
  if (type === 'user') return 'user';
  if (type === 'array' && items === 'option') return 'multiselect';
  if (type === 'array' && items === 'component') return 'components';
  if (type === 'array' && items === 'string' && (system === 'labels' || custom === LABELS)) return 'labels';
  return null;
}

export type FieldValueOutcome = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * Checks a mapping at save time. Static values are built and checked now (against the field's
 * allowed values); finding sources are checked for type compatibility, since their value is only
 * known per finding.
 */
export function validateFieldMapping(meta: FieldCreateMeta, mapping: FieldMapping): string | null {
  const kind = fieldKindOf(meta);
  if (kind === null)
    return `${meta.name}: fields of type "${describeSchema(meta)}" cannot be filled by this app.`;
  const source = mapping.source;
  if (source.type === 'static') {
    const built = buildWithKind(meta, kind, source.value);
    return built.ok ? null : built.message;
  }
  if (kind === 'number' && !NUMERIC_SOURCES.has(source.variable))
    return `${meta.name}: a number field needs a numeric source (score, startLine, endLine or cvss), not ${source.variable}.`;
  if (kind === 'date' && source.variable !== 'dueDate')
    return `${meta.name}: a date field can only be filled from dueDate.`;
  if (kind === 'user') return `${meta.name}: a user field takes a fixed user, not finding data.`;
  return null;
}

/** The `fields[fieldId]` value for the create call. */
export function buildFieldValue(
  meta: FieldCreateMeta,
  mapping: FieldMapping,
  variables: TemplateVariables,
): FieldValueOutcome {
  const kind = fieldKindOf(meta);
  if (kind === null)
    return {
      ok: false,
      message: `${meta.name}: fields of type "${describeSchema(meta)}" cannot be filled by this app.`,
    };
  const source = mapping.source;
  if (source.type === 'static') return buildWithKind(meta, kind, source.value);
  const raw = variables[source.variable];
  if (kind === 'number' && source.variable === 'cvss')
    return buildWithKind(meta, kind, raw.split(' ')[0] ?? '');
  if (kind === 'multiselect' || kind === 'components') return buildWithKind(meta, kind, splitList(raw));
  // Finding data is not the admin's to fix, so make it a valid label instead of refusing it.
  if (kind === 'labels')
    return buildWithKind(
      meta,
      kind,
      splitList(raw).map((label) => label.replace(/\s+/g, '_')),
    );
  return buildWithKind(meta, kind, raw);
}

export interface FieldMappingReport {
  /** Field-level messages keyed by fieldId (matches the Result envelope's `fieldErrors`). */
  fieldErrors: Record<string, string>;
  /** Names of required fields that neither the app nor a mapping fills. */
  missingRequired: string[];
}

/** Checks every mapping of an issue type's create screen and reports unmapped required fields. */
export function validateFieldMappings(
  fields: readonly FieldCreateMeta[],
  mappings: readonly FieldMapping[],
): FieldMappingReport {
  const fieldErrors: Record<string, string> = {};
  const byId = new Map(fields.map((field) => [field.fieldId, field]));
  for (const mapping of mappings) {
    const meta = byId.get(mapping.fieldId);
    const problem = meta
      ? validateFieldMapping(meta, mapping)
      : `Field ${mapping.fieldId} is not on this issue type's create screen.`;
    if (problem) fieldErrors[mapping.fieldId] = problem;
  }
  const mapped = new Set(mappings.map((m) => m.fieldId));
  const missingRequired = fields
    .filter(
      (f) =>
        f.required && f.hasDefaultValue !== true && !APP_SET_FIELDS.has(f.fieldId) && !mapped.has(f.fieldId),
    )
    .map((f) => f.name);
  return { fieldErrors, missingRequired };
}

function buildWithKind(
  meta: FieldCreateMeta,
  kind: FieldKind,
  value: string | number | string[],
): FieldValueOutcome {
  const fail = (why: string): FieldValueOutcome => ({ ok: false, message: `${meta.name}: ${why}` });
  // Every text that leaves for Jira is checked, static values and finding data alike.
  const single = withoutSecrets(Array.isArray(value) ? value.join(', ') : String(value));
  switch (kind) {
    case 'text': {
      const line = single.replace(/\s+/g, ' ').trim();
      return line.length > TEXT_MAX
        ? fail(`text is longer than ${TEXT_MAX} characters.`)
        : { ok: true, value: line };
    }
    case 'paragraph':
      return single.length > PARAGRAPH_MAX
        ? fail(`text is longer than ${PARAGRAPH_MAX} characters.`)
        : { ok: true, value: plainTextToAdfDoc(single) };
    case 'number': {
      const trimmed = single.trim();
      const number = typeof value === 'number' ? value : trimmed === '' ? Number.NaN : Number(trimmed);
      return Number.isFinite(number) ? { ok: true, value: number } : fail(`"${single}" is not a number.`);
    }
    case 'date':
      return isCalendarDate(single)
        ? { ok: true, value: single }
        : fail(`"${single}" is not a date (YYYY-MM-DD).`);
    case 'user':
      return /^[\w:-]{1,128}$/.test(single)
        ? { ok: true, value: { accountId: single } }
        : fail(`"${single}" is not a Jira account id.`);
    case 'select': {
      const hit = findAllowed(meta, single);
      return hit ? { ok: true, value: refOf(hit) } : fail(`"${single}" is not one of ${listAllowed(meta)}.`);
    }
    case 'multiselect':
    case 'components': {
      const items = toList(value);
      const refs = [];
      for (const item of items) {
        const hit = findAllowed(meta, item);
        if (!hit) return fail(`"${item}" is not one of ${listAllowed(meta)}.`);
        refs.push(refOf(hit));
      }
      return { ok: true, value: refs };
    }
    case 'labels': {
      const labels = toList(value).map(withoutSecrets);
      const spaced = labels.find((label) => /\s/.test(label));
      if (spaced !== undefined) return fail(`label "${spaced}" contains a space; Jira labels cannot.`);
      const long = labels.find((label) => label.length > TEXT_MAX);
      if (long !== undefined) return fail(`a label is longer than ${TEXT_MAX} characters.`);
      return { ok: true, value: labels };
    }
  }
}

function toList(value: string | number | string[]): string[] {
  return Array.isArray(value)
    ? value.map((v) => v.trim()).filter((v) => v.length > 0)
    : splitList(String(value));
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

/** Options match by value, name or id, case-insensitively on the label: admins type labels. */
function findAllowed(meta: FieldCreateMeta, wanted: string): AllowedValue | undefined {
  const needle = wanted.trim().toLowerCase();
  if (needle === '') return undefined;
  const options = meta.allowedValues ?? [];
  return (
    options.find((o) => o.id === wanted.trim()) ??
    options.find((o) => (o.value ?? o.name)?.trim().toLowerCase() === needle)
  );
}

function refOf(option: AllowedValue): { id: string } | { value: string } | { name: string } {
  if (option.id !== undefined) return { id: option.id };
  if (option.value !== undefined) return { value: option.value };
  return { name: option.name ?? '' };
}

function listAllowed(meta: FieldCreateMeta): string {
  const labels = (meta.allowedValues ?? [])
    .map((o) => o.value ?? o.name ?? o.id)
    .filter((l): l is string => l !== undefined);
  if (labels.length === 0) return 'the allowed values (this field offers none)';
  const shown = labels
    .slice(0, 10)
    .map((l) => `"${l}"`)
    .join(', ');
  return labels.length > 10 ? `${shown}, …` : shown;
}

function describeSchema(meta: FieldCreateMeta): string {
  return meta.schema.items ? `${meta.schema.type} of ${meta.schema.items}` : meta.schema.type;
}

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
