import { z } from 'zod';
import { LIMITS } from '../config/limits';
import { isPrototypeKey, PROTOTYPE_KEY_MESSAGE } from '../object-keys';
import { TEMPLATE_VARIABLES, type TemplateVariableName } from '../templates/template-variable-names';

// The mapping schema lives apart from the code that builds field values (field-mapping.ts) so the
// config schema, which both UIs import, does not pull in the secret detector.

const variableNames = TEMPLATE_VARIABLES.map((v) => v.name) as [
  TemplateVariableName,
  ...TemplateVariableName[],
];

/**
 * Fields the app always sets itself, which a mapping must never override: who reported the issue
 * (a static `reporter` impersonated another person), its text, where it lives and what it is.
 * The assignee is set only through a rule's assignee policy, where it is checked as assignable.
 */
export const NEVER_MAPPED_FIELDS: ReadonlySet<string> = new Set([
  'reporter',
  'summary',
  'description',
  'project',
  'issuetype',
  'parent',
  'assignee',
]);

/**
 * The allow-list: custom fields (`customfield_<n>`) and these system fields. Anything else (a
 * system field the app does not know, a prototype name) is refused whatever the create screen says.
 */
export const MAPPABLE_SYSTEM_FIELDS: ReadonlySet<string> = new Set([
  'labels',
  'components',
  'priority',
  'duedate',
  'environment',
  'fixVersions',
  'versions',
]);

const CUSTOM_FIELD_ID = /^customfield_\d{1,18}$/;

/** Why a field id cannot be mapped, or null when it can. */
export function unmappableFieldReason(fieldId: string): string | null {
  if (isPrototypeKey(fieldId)) return `"${fieldId}" ${PROTOTYPE_KEY_MESSAGE}.`;
  if (fieldId === 'assignee')
    return 'The assignee is set by the assignee rules of an auto-ticketing rule, not by a field mapping.';
  if (NEVER_MAPPED_FIELDS.has(fieldId)) return `${fieldId} is set by the app and cannot be mapped.`;
  if (CUSTOM_FIELD_ID.test(fieldId) || MAPPABLE_SYSTEM_FIELDS.has(fieldId)) return null;
  return `${fieldId} cannot be mapped: only custom fields and ${[...MAPPABLE_SYSTEM_FIELDS].join(', ')} can.`;
}

/** Where a custom field's value comes from: a finding variable, or a value the admin typed. */
export const fieldMappingSchema = z.object({
  fieldId: z
    .string()
    .min(1)
    .max(100)
    .superRefine((fieldId, ctx) => {
      const reason = unmappableFieldReason(fieldId);
      if (reason !== null) ctx.addIssue({ code: 'custom', message: reason });
    }),
  source: z.discriminatedUnion('type', [
    z.object({ type: z.literal('finding'), variable: z.enum(variableNames) }),
    z.object({
      type: z.literal('static'),
      value: z.union([
        z.string().max(LIMITS.staticText, `A fixed value is at most ${LIMITS.staticText} characters.`),
        z.number(),
        z
          .array(
            z
              .string()
              .max(LIMITS.staticListItem, `Each item is at most ${LIMITS.staticListItem} characters.`),
          )
          .max(LIMITS.staticListItems, `A fixed list has at most ${LIMITS.staticListItems} items.`),
      ]),
    }),
  ]),
});
export type FieldMapping = z.infer<typeof fieldMappingSchema>;
