import { type AppConfig } from '../../core/config/app-config';
import {
  buildFieldValue,
  unmappableFieldReason,
  fieldCreateMetaSchema,
  type FieldCreateMeta,
} from '../../core/fields/field-mapping';
import { type Finding } from '../../core/finding/finding';
import { redactFinding } from '../../core/redaction/redact-finding';
import { type RepoTags } from '../../core/rules/repository-scope';
import { computeDueDate } from '../../core/sla/sla-policy';
import { ZEROPATH_ISSUE_PROPERTY_KEY } from '../../core/ticket/zeropath-issue-property';
import { renderDescriptionTemplate, renderSummaryTemplate } from '../../core/templates/template-renderer';
import { templateVariablesOf } from '../../core/templates/template-variables';
import { type BulkCreateResult, type IssueCreateBody, type JiraClient } from '../../infra/jira/jira-client';
import { type ZeroPathClient } from '../../infra/zeropath/zeropath-client';

/** A title + description template, already validated at save. */
export interface TicketTemplate {
  summary?: string | undefined;
  description?: string | undefined;
}

export interface ShapingSettings {
  /** The template to apply; undefined keeps the export's built-in layout. */
  template?: TicketTemplate | undefined;
  sla: AppConfig['sla'];
  fieldMappings: AppConfig['fieldMappings'];
}

/**
 * Shaping for manual and bulk exports: the SLA due date and custom fields always, the site template
 * only with "Use Jira template" on. The export's consumer passes its dependencies through
 * `withTicketShaping(deps, manualExportShaping(config))`.
 */
export function manualExportShaping(config: AppConfig): ShapingSettings {
  const { summary, description, useForManualExport } = config.templates;
  const hasTemplate = summary !== undefined || description !== undefined;
  return {
    template: useForManualExport && hasTemplate ? { summary, description } : undefined,
    sla: config.sla,
    fieldMappings: config.fieldMappings,
  };
}

/**
 * What the shaping did that the person or the run should hear about (a due date Jira refused, a
 * mapped field skipped for one finding). Plain sentences, no finding content.
 */
export interface ShapingNotes {
  notes: string[];
}

/**
 * The export path (src/app/export) renders, redacts, claims and links; this layer only adjusts the
 * create bodies it sends, so auto-tickets and manual exports share every exactly-once guarantee.
 * It plugs in as a decorator of the export's own dependencies: `getFinding` is observed to know
 * which finding each body belongs to, and `bulkCreate` applies the template, the mapped custom
 * fields and the SLA due date, and re-sends once without the due date any element Jira refused
 * because of it.
 */
export function withTicketShaping<D extends { jira: JiraClient; zeroPath: ZeroPathClient }>(
  deps: D,
  settings: ShapingSettings,
): { deps: D; report: ShapingNotes } {
  const findings = new Map<string, Finding>();
  const report: ShapingNotes = { notes: [] };
  let repoTags: Promise<RepoTags> | undefined;
  const needsTags =
    settings.sla.enabled && settings.sla.policies.some((p) => p.enabled && p.scope.type === 'tags');

  const zeroPath: ZeroPathClient = {
    ...deps.zeroPath,
    async getFinding(id) {
      const finding = await deps.zeroPath.getFinding(id);
      findings.set(finding.id, finding);
      return finding;
    },
  };

  const tagsOnce = (): Promise<RepoTags> => {
    // One repository listing per export batch, and only when a tag-scoped SLA policy needs it.
    repoTags ??= needsTags
      ? deps.zeroPath
          .listRepositories()
          .then(({ repositories }) => new Map(repositories.map((r) => [r.id, r.tags] as const)))
      : Promise.resolve(new Map<string, readonly string[]>());
    return repoTags;
  };

  const jira: JiraClient = {
    ...deps.jira,
    async bulkCreate(bodies) {
      const tags = await tagsOnce();
      const shaped = await Promise.all(
        bodies.map((body) => shapeBody(body, findings, settings, tags, deps.jira, report)),
      );
      const first = await deps.jira.bulkCreate(shaped);
      const dueDateRefused = first.errors.filter(
        (error) =>
          error.errors['duedate'] !== undefined && shaped[error.index]?.fields['duedate'] !== undefined,
      );
      if (dueDateRefused.length === 0) return first;
      report.notes.push(
        `Jira refused the SLA due date on ${dueDateRefused.length === 1 ? 'one ticket' : `${dueDateRefused.length} tickets`}; ${dueDateRefused.length === 1 ? 'it was' : 'they were'} created without it.`,
      );
      const retryIndexes = dueDateRefused.map((error) => error.index);
      const retryBodies = retryIndexes.map((index) => withoutDueDate(shaped[index] as IssueCreateBody));
      const second = await deps.jira.bulkCreate(retryBodies);
      return mergeRetry(first, second, retryIndexes);
    },
  };
  return { deps: { ...deps, jira, zeroPath }, report };
}

function withoutDueDate(body: IssueCreateBody): IssueCreateBody {
  const fields = { ...body.fields };
  delete fields['duedate'];
  return { ...body, fields };
}

/** Puts the retried elements' outcomes back at their positions in the original request. */
function mergeRetry(
  first: BulkCreateResult,
  second: BulkCreateResult,
  retryIndexes: number[],
): BulkCreateResult {
  const retried = new Set(retryIndexes);
  const position = (index: number): number => retryIndexes[index] ?? -1;
  return {
    issues: [...first.issues, ...second.issues.map((issue) => ({ ...issue, index: position(issue.index) }))],
    errors: [
      ...first.errors.filter((error) => !retried.has(error.index)),
      ...second.errors.map((error) => ({ ...error, index: position(error.index) })),
    ],
  };
}

function findingIdOf(body: IssueCreateBody): string | undefined {
  for (const property of body.properties ?? []) {
    const value = property.value as { findingId?: unknown } | null;
    if (property.key === ZEROPATH_ISSUE_PROPERTY_KEY && typeof value?.findingId === 'string')
      return value.findingId;
  }
  return undefined;
}

async function shapeBody(
  body: IssueCreateBody,
  findings: ReadonlyMap<string, Finding>,
  settings: ShapingSettings,
  repoTags: RepoTags,
  jira: JiraClient,
  report: ShapingNotes,
): Promise<IssueCreateBody> {
  const findingId = findingIdOf(body);
  const finding = findingId === undefined ? undefined : findings.get(findingId);
  // A body the shaper cannot attribute is sent as the export built it rather than guessed at.
  if (finding === undefined) return body;
  const projectKey = (body.fields['project'] as { key?: string } | undefined)?.key;
  const issueTypeId = (body.fields['issuetype'] as { id?: string } | undefined)?.id;
  const fields = { ...body.fields };

  // Redacted first: a template is one more place a secret could be copied into Jira.
  const safe = redactFinding(finding);
  const dueDate = settings.sla.enabled
    ? computeDueDate(safe, settings.sla.policies, repoTags, finding.createdAt)
    : null;
  const variables = templateVariablesOf(safe, { dueDate });
  const set = settings.fieldMappings.find(
    (m) => m.projectKey === projectKey && m.issueTypeId === issueTypeId,
  );
  // Create metadata is read only when a due date or a mapped field needs it: every queue chunk is
  // its own invocation, so an unconditional read would cost one Jira call per 50 findings.
  const needsScreen = dueDate !== null || set !== undefined;
  const screen =
    needsScreen && projectKey !== undefined && issueTypeId !== undefined
      ? await jira.getCreateMetaFields(projectKey, issueTypeId)
      : [];
  const onScreen = new Set(screen.map((f) => f.fieldId));

  if (settings.template?.summary !== undefined && settings.template.summary.trim() !== '') {
    const summary = renderSummaryTemplate(settings.template.summary, variables);
    if (summary.ok) fields['summary'] = summary.value;
  }
  if (settings.template?.description !== undefined && settings.template.description.trim() !== '') {
    const description = renderDescriptionTemplate(settings.template.description, variables);
    if (description.ok) fields['description'] = description.value;
  }
  if (dueDate !== null && onScreen.has('duedate')) fields['duedate'] = dueDate;

  if (set !== undefined) {
    const metaById = new Map<string, FieldCreateMeta>();
    for (const field of screen) {
      const meta = fieldCreateMetaSchema.safeParse(field);
      if (meta.success) metaById.set(field.fieldId, meta.data);
    }
    for (const mapping of set.mappings) {
      // Re-checked at use: a mapping stored before the allow-list must not override what the app sets.
      const unmappable = unmappableFieldReason(mapping.fieldId);
      if (unmappable !== null) {
        report.notes.push(`Mapped field ${mapping.fieldId} was ignored: ${unmappable}`);
        continue;
      }
      const meta = metaById.get(mapping.fieldId);
      if (meta === undefined) {
        report.notes.push(
          `Mapped field ${mapping.fieldId} is no longer on the create screen of ${projectKey}; it was left empty.`,
        );
        continue;
      }
      const built = buildFieldValue(meta, mapping, variables);
      if (built.ok) fields[mapping.fieldId] = built.value;
      else report.notes.push(`${built.message} The field was left empty on one ticket.`);
    }
  }
  return { ...body, fields };
}
