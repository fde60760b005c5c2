import { type AppConfig, fieldMappingSetSchema, type FieldMappingSet } from '../../core/config/app-config';
import {
  fieldCreateMetaSchema,
  fieldKindOf,
  validateFieldMappings,
  type FieldCreateMeta,
  type FieldKind,
} from '../../core/fields/field-mapping';
import { type JiraClient } from '../../infra/jira/jira-client';
import { type ConfigStore } from '../../infra/store/config-store';
import { AutoTicketValidationError, fieldErrorsOf, refuse } from '../auto-ticket/auto-ticket-errors';

export interface FieldMappingDeps {
  config: ConfigStore;
  /** As the app: the app creates the tickets, so its view of the create screen is the one that counts. */
  jira: JiraClient;
}

export interface FieldOption {
  fieldId: string;
  name: string;
  kind: FieldKind | null;
  required: boolean;
  allowedValues: string[];
}

/** The create screen of one project + issue type, as the mapping form needs it. */
export async function readCreateScreen(
  jira: JiraClient,
  projectIdOrKey: string,
  issueTypeId: string,
): Promise<FieldCreateMeta[]> {
  const fields = await jira.getCreateMetaFields(projectIdOrKey, issueTypeId);
  return fields.flatMap((field) => {
    const meta = fieldCreateMetaSchema.safeParse(field);
    return meta.success ? [meta.data] : [];
  });
}

export async function getFieldOptions(
  deps: FieldMappingDeps,
  projectKey: string,
  issueTypeId: string,
): Promise<{ fields: FieldOption[]; hasDueDate: boolean }> {
  const screen = await readCreateScreen(deps.jira, projectKey, issueTypeId);
  return {
    fields: screen.map((meta) => ({
      fieldId: meta.fieldId,
      name: meta.name,
      kind: fieldKindOf(meta),
      required: meta.required,
      allowedValues: (meta.allowedValues ?? []).flatMap((v) => {
        const label = v.value ?? v.name ?? v.id;
        return label === undefined ? [] : [label];
      }),
    })),
    hasDueDate: screen.some((meta) => meta.fieldId === 'duedate'),
  };
}

/**
 * Saves the custom-field mappings of one project + issue type after checking each against the live
 * create screen: static values against the field's schema and allowed values, finding sources for
 * type compatibility, and every required field the app does not fill must be mapped.
 */
export async function saveFieldMappings(deps: FieldMappingDeps, input: unknown): Promise<FieldMappingSet> {
  const parsed = fieldMappingSetSchema.safeParse(input);
  if (!parsed.success) refuse('Field mappings', fieldErrorsOf(parsed.error.issues));
  const set = parsed.data;
  const screen = await readCreateScreen(deps.jira, set.projectKey, set.issueTypeId);
  const report = validateFieldMappings(screen, set.mappings);
  if (Object.keys(report.fieldErrors).length > 0) refuse('Field mappings', report.fieldErrors);
  if (report.missingRequired.length > 0) {
    throw new AutoTicketValidationError(
      `Field mappings not saved: ${set.projectKey} requires ${report.missingRequired.map((n) => `"${n}"`).join(', ')} on this issue type. Map ${report.missingRequired.length === 1 ? 'it' : 'them'} to finding data or a fixed value.`,
      Object.fromEntries(
        screen
          .filter((f) => report.missingRequired.includes(f.name))
          .map((f) => [f.fieldId, `${f.name} is required.`]),
      ),
    );
  }
  const config = await deps.config.read();
  const others = config.fieldMappings.filter(
    (m) => m.projectKey !== set.projectKey || m.issueTypeId !== set.issueTypeId,
  );
  const next: AppConfig = { ...config, fieldMappings: set.mappings.length > 0 ? [...others, set] : others };
  await deps.config.writeSection('fieldMappings', next.fieldMappings);
  return set;
}
