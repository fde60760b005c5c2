import { randomUUID } from 'node:crypto';
import { type AppConfig } from '../../core/config/app-config';
import { type AutoTicketRule } from '../../core/rules/auto-ticket-rule';
import { exportFindings, type ExportDeps, type ExportOutcome } from '../export/export-findings';
import { describeMissingFields, mappedFieldIdsFor, preflightExport } from '../export/export-plan';
import { withTicketShaping, type TicketTemplate } from '../templates/ticket-shaping';
import { MAX_DEFERRED, type AutoTicketStore } from '../../infra/store/auto-ticket-store';
import { type AutoTicketJob } from './plan-auto-tickets';

export interface CreateAutoTicketsDeps {
  config: AppConfig;
  exportDeps: ExportDeps;
  store: Pick<AutoTicketStore, 'readState' | 'writeState'>;
}

export type CreateAutoTicketsResult =
  | { status: 'rule-gone' }
  | { status: 'blocked'; reason: string }
  | { status: 'done'; outcome: ExportOutcome; notes: string[] };

/**
 * Which template a rule's tickets use: a library template it names, else its own choice (the
 * built-in layout, the site template or its own pair), else — rules saved before that choice
 * existed — the site template. Undefined means the built-in layout.
 */
export function templateForRule(
  config: AppConfig,
  rule: Pick<AutoTicketRule, 'templateId' | 'template'>,
): TicketTemplate | undefined {
  if (rule.templateId !== undefined) {
    const named = config.templates.library.find((t) => t.id === rule.templateId);
    if (named !== undefined) return { summary: named.summary, description: named.description };
  }
  const choice = rule.template ?? { type: 'site' };
  if (choice.type === 'none') return undefined;
  if (choice.type === 'own') {
    const { summary, description } = choice;
    return summary === undefined && description === undefined ? undefined : { summary, description };
  }
  const { summary, description } = config.templates;
  return summary === undefined && description === undefined ? undefined : { summary, description };
}

/**
 * The queue consumer's use case: one job's findings through the export path (claim, link, bulk
 * create, redaction), with the rule's template, the mapped custom fields and the SLA due date.
 */
export async function createAutoTickets(
  job: AutoTicketJob,
  deps: CreateAutoTicketsDeps,
  ids: { jobId: string },
): Promise<CreateAutoTicketsResult> {
  const rule = deps.config.autoTicketing.rules.find((r) => r.id === job.ruleId);
  // Deleted or switched off since the run queued it: the admin's latest word wins.
  if (rule === undefined || !rule.enabled) return { status: 'rule-gone' };

  const target = {
    projectKey: job.projectKey,
    issueTypeId: job.issueTypeId,
    ...(job.epicKey === undefined ? {} : { epicKey: job.epicKey }),
    ...(job.assigneeAccountId === undefined ? {} : { assigneeAccountId: job.assigneeAccountId }),
  };
  const { plan: preflightPlan, missingRequiredFields: unfilled } = await preflightExport(
    deps.exportDeps.jira,
    target,
    'app',
    mappedFieldIdsFor(deps.config.fieldMappings, target),
  );
  // Created by the app on nobody's behalf: Jira records the app as reporter.
  const plan = {
    ...preflightPlan,
    extraLabels: deps.config.defaults.labels,
    priorityFromSeverity: deps.config.defaults.priorityFromSeverity,
  };
  delete plan.reporterAccountId;
  if (unfilled.length > 0) {
    const reason = describeMissingFields(unfilled, target);
    await addRuleWarning(deps.store, rule.id, reason);
    // Not lost: they wait with the capped findings and are matched again once the admin fixes the mapping.
    await holdBack(deps.store, job.findingIds);
    return { status: 'blocked', reason };
  }

  const shaping = withTicketShaping(deps.exportDeps, {
    template: templateForRule(deps.config, rule),
    sla: deps.config.sla,
    fieldMappings: deps.config.fieldMappings,
  });
  const outcome = await exportFindings(job.findingIds, plan, shaping.deps, {
    // One owner per delivery (a duplicate delivery running at the same time must not share it).
    owner: `auto-ticket:${ids.jobId}:${randomUUID()}`,
    exportedBy: `auto-ticket rule "${rule.name}"`,
  });
  const notes = [...plan.notes, ...outcome.notes, ...shaping.report.notes];
  const firstFailure = outcome.failed[0];
  if (firstFailure !== undefined) {
    notes.push(
      `${outcome.failed.length === 1 ? 'One ticket' : `${outcome.failed.length} tickets`} could not be created: ${firstFailure.reason}`,
    );
  }
  for (const note of new Set(notes)) await addRuleWarning(deps.store, rule.id, note);
  return { status: 'done', outcome, notes };
}

async function holdBack(
  store: Pick<AutoTicketStore, 'readState' | 'writeState'>,
  findingIds: readonly string[],
): Promise<void> {
  const state = await store.readState();
  const deferred = [...new Set([...state.deferred, ...findingIds])].slice(-MAX_DEFERRED);
  await store.writeState({ ...state, deferred });
}

async function addRuleWarning(
  store: Pick<AutoTicketStore, 'readState' | 'writeState'>,
  ruleId: string,
  warning: string,
): Promise<void> {
  const state = await store.readState();
  const current = state.ruleWarnings[ruleId] ?? [];
  if (current.includes(warning)) return;
  await store.writeState({
    ...state,
    ruleWarnings: { ...state.ruleWarnings, [ruleId]: [...current, warning].slice(-10) },
  });
}
