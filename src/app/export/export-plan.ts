import { type ExportTarget } from '../../contract/findings';
import { type AppConfig } from '../../core/config/app-config';
import { type JiraClient } from '../../infra/jira/jira-client';
import { type CreateMetaField } from '../../infra/jira/jira-schemas';
import { type ExportPlan } from '../../core/export/export-plan';

export interface Preflight {
  plan: ExportPlan;
  /** Required fields the app does not fill and Jira has no default for: any here means "do not export". */
  missingRequiredFields: { id: string; name: string }[];
}

/** Fields every export fills (or Jira fills from the call itself). */
const ALWAYS_FILLED = new Set(['summary', 'description', 'project', 'issuetype']);

/** The issue type chosen does not exist in the project (or the user cannot create it there). */
export class ExportTargetError extends Error {
  override name = 'ExportTargetError';
}

/**
 * Reads create metadata for the target and decides what the app will send: priority and labels
 * only when on the create screen, the epic only when `parent` is, the reporter when settable.
 * Anything required that the app cannot fill is reported by name, before any create is attempted.
 */
export async function preflightExport(
  jira: JiraClient,
  target: ExportTarget,
  exporterAccountId: string,
  /** Fields the admin mapped under Custom fields for this project and type: ticket shaping fills them. */
  mappedFieldIds: ReadonlySet<string> = new Set(),
): Promise<Preflight> {
  const types = await jira.getCreateMetaIssueTypes(target.projectKey);
  const type = types.find((t) => t.id === target.issueTypeId);
  if (type === undefined) {
    throw new ExportTargetError(
      `Issue type ${target.issueTypeId} is not available for creating issues in ${target.projectKey}.`,
    );
  }
  if (type.subtask === true || type.hierarchyLevel === -1) {
    throw new ExportTargetError(
      `${type.name} is a sub-task type; choose a standard issue type for exported findings.`,
    );
  }
  // Epics (level 1) and above group work; a finding is one piece of work (one pick once made 18 Epics).
  if ((type.hierarchyLevel ?? 0) !== 0) {
    throw new ExportTargetError(
      `${type.name} is not a standard issue type (it sits above stories and tasks); choose a standard issue type such as Bug or Task.`,
    );
  }
  const fields = await jira.getCreateMetaFields(target.projectKey, target.issueTypeId);
  const onScreen = new Map<string, CreateMetaField>(fields.map((f) => [f.fieldId, f]));
  const notes: string[] = [];

  const filled = new Set([...ALWAYS_FILLED, ...mappedFieldIds]);
  const plan: ExportPlan = {
    projectKey: target.projectKey,
    issueTypeId: target.issueTypeId,
    priorityAvailable: onScreen.has('priority'),
    labelsAvailable: onScreen.has('labels'),
    notes,
    closedFindings: 'skip',
    extraLabels: [],
    priorityFromSeverity: true,
  };
  if (plan.priorityAvailable) filled.add('priority');
  if (plan.labelsAvailable) filled.add('labels');
  if (!onScreen.has('description')) {
    throw new ExportTargetError(
      `${type.name} in ${target.projectKey} has no Description field on its create screen, so the finding's details would be lost. Choose another issue type or ask a Jira admin to add it.`,
    );
  }
  if (target.epicKey !== undefined) {
    if (onScreen.has('parent')) {
      plan.parentKey = target.epicKey;
      filled.add('parent');
    } else {
      notes.push(
        `${type.name} issues in ${target.projectKey} cannot have a parent, so they are created without the epic ${target.epicKey}.`,
      );
    }
  }
  if (target.assigneeAccountId !== undefined) {
    if (onScreen.has('assignee')) {
      plan.assigneeAccountId = target.assigneeAccountId;
      filled.add('assignee');
    } else {
      notes.push(
        `The assignee cannot be set on ${type.name} issues in ${target.projectKey}; they are created unassigned.`,
      );
    }
  }
  // The app creates as itself; naming the person who exported keeps the issue theirs in Jira.
  if (onScreen.has('reporter')) {
    plan.reporterAccountId = exporterAccountId;
    filled.add('reporter');
  }

  const missingRequiredFields = fields
    .filter(
      (f) =>
        f.required && f.hasDefaultValue !== true && f.defaultValue === undefined && !filled.has(f.fieldId),
    )
    .map((f) => ({ id: f.fieldId, name: f.name }));
  return { plan, missingRequiredFields };
}

/** The field ids mapped under Custom fields for one project + issue type (the set the shaping applies). */
export function mappedFieldIdsFor(
  fieldMappings: AppConfig['fieldMappings'],
  target: Pick<ExportTarget, 'projectKey' | 'issueTypeId'>,
): Set<string> {
  return new Set(
    fieldMappings
      .filter((m) => m.projectKey === target.projectKey && m.issueTypeId === target.issueTypeId)
      .flatMap((m) => m.mappings.map((mapping) => mapping.fieldId)),
  );
}

/** Where a Jira admin maps fields: the app's own Custom fields tab. */
export const CUSTOM_FIELDS_PLACE = 'Jira settings → Apps → ZeroPath for Jira → Custom fields';

export function describeMissingFields(
  missing: readonly { name: string }[],
  target: Pick<ExportTarget, 'projectKey'>,
): string {
  const names = missing.map((f) => `"${f.name}"`).join(', ');
  return `Issues in ${target.projectKey} of this type require ${names}, which ZeroPath for Jira does not fill. Map ${missing.length === 1 ? 'it' : 'them'} to finding data or a fixed value in ${CUSTOM_FIELDS_PLACE}, or choose another project or issue type.`;
}
