import {
  type FieldCreateMeta,
  type FieldMapping,
  buildFieldValue,
  fieldCreateMetaSchema,
  fieldKindOf,
  fieldMappingSchema,
  validateFieldMapping,
  validateFieldMappings,
} from '../../../../src/core/fields/field-mapping';
import { templateVariablesOf } from '../../../../src/core/templates/template-variables';
import { adfProblemsOf } from '../templates/support/adf-validation';
import { aTestFinding } from '../templates/support/test-finding';

const CF = 'com.atlassian.jira.plugin.system.customfieldtypes:';
const meta = (
  fieldId: string,
  name: string,
  schema: FieldCreateMeta['schema'],
  extra: Partial<FieldCreateMeta> = {},
): FieldCreateMeta =>
  fieldCreateMetaSchema.parse({
    fieldId,
    key: fieldId,
    name,
    required: false,
    operations: ['set'],
    schema,
    ...extra,
  });

const FIELDS = {
  text: meta('customfield_1', 'Scanner', { type: 'string', custom: `${CF}textfield` }),
  paragraph: meta('customfield_2', 'Notes', { type: 'string', custom: `${CF}textarea` }),
  number: meta('customfield_3', 'CVSS', { type: 'number', custom: `${CF}float` }),
  select: meta(
    'customfield_4',
    'Severity',
    { type: 'option', custom: `${CF}select` },
    {
      allowedValues: [
        { id: '100', value: 'Critical' },
        { id: '101', value: 'High' },
        { id: '102', value: 'Medium' },
      ],
    },
  ),
  multi: meta(
    'customfield_5',
    'CWE',
    { type: 'array', items: 'option', custom: `${CF}multiselect` },
    {
      allowedValues: [
        { id: '200', value: 'CWE-89' },
        { id: '201', value: 'CWE-20' },
      ],
    },
  ),
  labels: meta('labels', 'Labels', { type: 'array', items: 'string', system: 'labels' }),
  components: meta(
    'components',
    'Components',
    { type: 'array', items: 'component', system: 'components' },
    {
      allowedValues: [
        { id: '300', name: 'Backend' },
        { id: '301', name: 'Web' },
      ],
    },
  ),
  date: meta('customfield_6', 'Fix by', { type: 'date', custom: `${CF}datepicker` }),
  user: meta('customfield_7', 'Security owner', { type: 'user', custom: `${CF}userpicker` }),
  priority: meta(
    'priority',
    'Priority',
    { type: 'priority', system: 'priority' },
    { allowedValues: [{ id: '2', name: 'High' }] },
  ),
  unsupported: meta('customfield_8', 'Sprint', {
    type: 'array',
    items: 'json',
    custom: 'com.pyxis.greenhopper.jira:gh-sprint',
  }),
};
const vars = templateVariablesOf(
  aTestFinding({
    cvss: { score: 9.8, vector: 'CVSS:3.1/AV:N' },
    cwes: ['CWE-89', 'CWE-20'],
    severity: 'High',
  }),
  { dueDate: '2026-03-15' },
);
const fromFinding = (fieldId: string, variable: string): FieldMapping =>
  fieldMappingSchema.parse({ fieldId, source: { type: 'finding', variable } });
const fixed = (fieldId: string, value: string | number | string[]): FieldMapping => ({
  fieldId,
  source: { type: 'static', value },
});

describe('fieldKindOf', () => {
  it('classifies create-metadata schemas', () => {
    expect(Object.fromEntries(Object.entries(FIELDS).map(([k, f]) => [k, fieldKindOf(f)]))).toEqual({
      text: 'text',
      paragraph: 'paragraph',
      number: 'number',
      select: 'select',
      multi: 'multiselect',
      labels: 'labels',
      components: 'components',
      date: 'date',
      user: 'user',
      priority: 'select',
      unsupported: null,
    });
    expect(fieldKindOf(meta('description', 'Description', { type: 'string', system: 'description' }))).toBe(
      'paragraph',
    );
    expect(
      fieldKindOf(meta('customfield_9', 'Tags', { type: 'array', items: 'string', custom: `${CF}labels` })),
    ).toBe('labels');
  });
});

describe('buildFieldValue', () => {
  it('builds each kind from finding data', () => {
    expect(buildFieldValue(FIELDS.text, fromFinding('customfield_1', 'vulnClass'), vars)).toEqual({
      ok: true,
      value: 'SQL Injection',
    });
    const paragraph = buildFieldValue(FIELDS.paragraph, fromFinding('customfield_2', 'description'), vars);
    expect(paragraph.ok && adfProblemsOf(paragraph.value)).toEqual([]);
    expect(buildFieldValue(FIELDS.number, fromFinding('customfield_3', 'cvss'), vars)).toEqual({
      ok: true,
      value: 9.8,
    });
    expect(buildFieldValue(FIELDS.number, fromFinding('customfield_3', 'score'), vars)).toEqual({
      ok: true,
      value: 82,
    });
    expect(buildFieldValue(FIELDS.select, fromFinding('customfield_4', 'severity'), vars)).toEqual({
      ok: true,
      value: { id: '101' },
    });
    expect(buildFieldValue(FIELDS.multi, fromFinding('customfield_5', 'cwes'), vars)).toEqual({
      ok: true,
      value: [{ id: '200' }, { id: '201' }],
    });
    expect(buildFieldValue(FIELDS.labels, fromFinding('labels', 'vulnClass'), vars)).toEqual({
      ok: true,
      value: ['SQL_Injection'],
    });
    expect(buildFieldValue(FIELDS.date, fromFinding('customfield_6', 'dueDate'), vars)).toEqual({
      ok: true,
      value: '2026-03-15',
    });
  });

  it('refuses finding data that does not fit the field at build time', () => {
    const noCvss = templateVariablesOf(aTestFinding());
    expect(buildFieldValue(FIELDS.number, fromFinding('customfield_3', 'cvss'), noCvss)).toEqual({
      ok: false,
      message: 'CVSS: "" is not a number.',
    });
    expect(
      buildFieldValue(FIELDS.select, fromFinding('customfield_4', 'severity'), { ...vars, severity: 'Low' }),
    ).toEqual({
      ok: false,
      message: 'Severity: "Low" is not one of "Critical", "High", "Medium".',
    });
    expect(
      buildFieldValue(FIELDS.date, fromFinding('customfield_6', 'dueDate'), { ...vars, dueDate: '' }).ok,
    ).toBe(false);
    expect(buildFieldValue(FIELDS.unsupported, fixed('customfield_8', 'x'), vars)).toEqual({
      ok: false,
      message: 'Sprint: fields of type "array of json" cannot be filled by this app.',
    });
  });

  it('builds static values, matching options by value, name or id, case-insensitively', () => {
    expect(buildFieldValue(FIELDS.select, fixed('customfield_4', 'critical'), vars)).toEqual({
      ok: true,
      value: { id: '100' },
    });
    expect(buildFieldValue(FIELDS.select, fixed('customfield_4', '102'), vars)).toEqual({
      ok: true,
      value: { id: '102' },
    });
    expect(buildFieldValue(FIELDS.priority, fixed('priority', 'High'), vars)).toEqual({
      ok: true,
      value: { id: '2' },
    });
    expect(buildFieldValue(FIELDS.components, fixed('components', ['web', '300']), vars)).toEqual({
      ok: true,
      value: [{ id: '301' }, { id: '300' }],
    });
    expect(buildFieldValue(FIELDS.multi, fixed('customfield_5', 'CWE-20, CWE-89'), vars)).toEqual({
      ok: true,
      value: [{ id: '201' }, { id: '200' }],
    });
    expect(buildFieldValue(FIELDS.labels, fixed('labels', ['security', 'zeropath']), vars)).toEqual({
      ok: true,
      value: ['security', 'zeropath'],
    });
    expect(buildFieldValue(FIELDS.user, fixed('customfield_7', '557058:f1e2d3'), vars)).toEqual({
      ok: true,
      value: { accountId: '557058:f1e2d3' },
    });
    expect(buildFieldValue(FIELDS.number, fixed('customfield_3', 7), vars)).toEqual({ ok: true, value: 7 });
    expect(buildFieldValue(FIELDS.text, fixed('customfield_1', ' ZeroPath\nSAST '), vars)).toEqual({
      ok: true,
      value: 'ZeroPath SAST',
    });
  });

  it('keeps hostile text inert in a paragraph field', () => {
    const out = buildFieldValue(
      FIELDS.paragraph,
      fixed('customfield_2', '[x](javascript:alert(1)) @admin\n\n# not a heading'),
      vars,
    );
    expect(out).toEqual({
      ok: true,
      value: {
        type: 'doc',
        version: 1,
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: '[x](javascript:alert(1)) @admin' }] },
          { type: 'paragraph', content: [{ type: 'text', text: '# not a heading' }] },
        ],
      },
    });
  });

  it('uses the option value or name when Jira sends no id', () => {
    const noIds = meta(
      'customfield_10',
      'Team',
      { type: 'option' },
      { allowedValues: [{ value: 'Red' }, { name: 'Blue' }] },
    );
    expect(buildFieldValue(noIds, fixed('customfield_10', 'red'), vars)).toEqual({
      ok: true,
      value: { value: 'Red' },
    });
    expect(buildFieldValue(noIds, fixed('customfield_10', 'Blue'), vars)).toEqual({
      ok: true,
      value: { name: 'Blue' },
    });
  });
});

describe('validateFieldMapping (save time)', () => {
  it.each<[keyof typeof FIELDS, FieldMapping, string]>([
    ['text', fixed('customfield_1', 'x'.repeat(256)), 'Scanner: text is longer than 255 characters.'],
    ['paragraph', fixed('customfield_2', 'x'.repeat(32_768)), 'Notes: text is longer than 32767 characters.'],
    ['number', fixed('customfield_3', 'ten'), 'CVSS: "ten" is not a number.'],
    ['number', fixed('customfield_3', ''), 'CVSS: "" is not a number.'],
    [
      'select',
      fixed('customfield_4', 'Severe'),
      'Severity: "Severe" is not one of "Critical", "High", "Medium".',
    ],
    [
      'multi',
      fixed('customfield_5', ['CWE-89', 'CWE-79']),
      'CWE: "CWE-79" is not one of "CWE-89", "CWE-20".',
    ],
    [
      'labels',
      fixed('labels', 'needs review'),
      'Labels: label "needs review" contains a space; Jira labels cannot.',
    ],
    ['labels', fixed('labels', ['x'.repeat(256)]), 'Labels: a label is longer than 255 characters.'],
    ['components', fixed('components', 'Mobile'), 'Components: "Mobile" is not one of "Backend", "Web".'],
    ['date', fixed('customfield_6', '2026-02-30'), 'Fix by: "2026-02-30" is not a date (YYYY-MM-DD).'],
    [
      'user',
      fixed('customfield_7', 'alice@example.com'),
      'Security owner: "alice@example.com" is not a Jira account id.',
    ],
    [
      'number',
      fromFinding('customfield_3', 'severity'),
      'CVSS: a number field needs a numeric source (score, startLine, endLine or cvss), not severity.',
    ],
    [
      'date',
      fromFinding('customfield_6', 'issueTitle'),
      'Fix by: a date field can only be filled from dueDate.',
    ],
    [
      'user',
      fromFinding('customfield_7', 'repositoryName'),
      'Security owner: a user field takes a fixed user, not finding data.',
    ],
    [
      'unsupported',
      fixed('customfield_8', '1'),
      'Sprint: fields of type "array of json" cannot be filled by this app.',
    ],
  ])('%s: refuses with a field-level message', (field, mapping, message) => {
    expect(validateFieldMapping(FIELDS[field], mapping)).toBe(message);
  });

  it('accepts compatible finding sources and valid static values', () => {
    expect(validateFieldMapping(FIELDS.select, fromFinding('customfield_4', 'severity'))).toBeNull();
    expect(validateFieldMapping(FIELDS.number, fromFinding('customfield_3', 'startLine'))).toBeNull();
    expect(validateFieldMapping(FIELDS.date, fromFinding('customfield_6', 'dueDate'))).toBeNull();
    expect(validateFieldMapping(FIELDS.date, fixed('customfield_6', '2026-12-31'))).toBeNull();
  });

  it('refuses unknown finding variables in the mapping schema', () => {
    expect(
      fieldMappingSchema.safeParse({ fieldId: 'x', source: { type: 'finding', variable: 'secret' } }).success,
    ).toBe(false);
  });
});

describe('validateFieldMappings', () => {
  it('collects field errors by id and names required fields left unmapped', () => {
    const required = meta('customfield_20', 'Business unit', { type: 'string' }, { required: true });
    const requiredWithDefault = meta(
      'customfield_21',
      'Environment',
      { type: 'string' },
      { required: true, hasDefaultValue: true },
    );
    const summary = meta('summary', 'Summary', { type: 'string', system: 'summary' }, { required: true });
    const report = validateFieldMappings(
      [summary, required, requiredWithDefault, FIELDS.select, FIELDS.labels],
      [fixed('customfield_4', 'Severe'), fixed('labels', ['ok']), fixed('customfield_99', 'x')],
    );
    expect(report).toEqual({
      fieldErrors: {
        customfield_4: 'Severity: "Severe" is not one of "Critical", "High", "Medium".',
        customfield_99: "Field customfield_99 is not on this issue type's create screen.",
      },
      missingRequired: ['Business unit'],
    });
  });

  it('reports nothing for a complete, valid set', () => {
    const required = meta('customfield_20', 'Business unit', { type: 'string' }, { required: true });
    expect(validateFieldMappings([required], [fixed('customfield_20', 'Payments')])).toEqual({
      fieldErrors: {},
      missingRequired: [],
    });
  });
});
