import { type AppConfig } from '../../core/config/app-config';
import { callerHoldsInProject } from '../access/project-access';
import {
  autoTicketRuleSchema,
  autoTicketRulesSchema,
  type AutoTicketRule,
} from '../../core/rules/auto-ticket-rule';
import { validateTemplate, type TemplateKind } from '../../core/templates/template-renderer';
import { TEMPLATE_VARIABLES } from '../../core/templates/template-variables';
import { type JiraClient } from '../../infra/jira/jira-client';
import { type ConfigStore } from '../../infra/store/config-store';
import { type LinkStore } from '../../infra/store/link-store';
import { type ZeroPathClient } from '../../infra/zeropath/zeropath-client';
import { dueDateWarnings } from '../sla/manage-sla';
import { previewTicket, type PreviewedTicket } from '../templates/preview-ticket';
import { AutoTicketValidationError, fieldErrorsOf, refuse } from './auto-ticket-errors';
import { type AutoTicketState, type AutoTicketStore } from '../../infra/store/auto-ticket-store';
import { templateForRule } from './create-auto-tickets';
import {
  checkEpic,
  describeUnfilled,
  readRepoTags,
  resolveProjectKeys,
  rulesNeedTags,
  selectFindings,
  unfilledRequiredFields,
} from './plan-auto-tickets';
import { capacityOf, readCandidates } from './run-auto-ticketing';

export interface ManageAutoTicketDeps {
  config: ConfigStore;
  store: Pick<AutoTicketStore, 'readState' | 'writeState' | 'remaining'>;
  /** As the app: it creates the tickets, so its view of projects, epics and screens is the one that counts. */
  jira: JiraClient;
  /** As the admin saving: a rule may only target a project the admin may create issues in. */
  jiraAsUser?: () => JiraClient;
  /** The admin saving; recorded on each rule as `savedBy` for the run-time re-check. */
  accountId?: string;
}

export interface AutoTicketSettingsView {
  rules: AutoTicketRule[];
  templates: AppConfig['templates'];
  fieldMappings: AppConfig['fieldMappings'];
  sla: AppConfig['sla'];
  ruleWarnings: Record<string, string[]>;
  lastRun?: { at: string; changesRead: number; enqueued: number; deferred: number };
  variables: { name: string; description: string }[];
}

export async function readAutoTicketSettings(deps: ManageAutoTicketDeps): Promise<AutoTicketSettingsView> {
  const [config, state] = await Promise.all([deps.config.read(), deps.store.readState()]);
  const view: AutoTicketSettingsView = {
    rules: config.autoTicketing.rules,
    templates: config.templates,
    fieldMappings: config.fieldMappings,
    sla: config.sla,
    ruleWarnings: state.ruleWarnings,
    variables: TEMPLATE_VARIABLES.map((v) => ({ name: v.name, description: v.description })),
  };
  if (state.lastRun !== undefined) {
    const { at, changesRead, enqueued, deferred } = state.lastRun;
    view.lastRun = { at, changesRead, enqueued, deferred };
  }
  return view;
}

/**
 * Every enabled rule must target a project the saving admin may create issues in (asked of Jira as
 * that admin, once per project). A rule kept exactly as stored keeps its earlier `savedBy`; any
 * other is stamped with the saving admin, whose right the run re-checks.
 */
async function requireCreateRights(
  deps: ManageAutoTicketDeps,
  rules: AutoTicketRule[],
  stored: readonly AutoTicketRule[],
): Promise<void> {
  if (deps.jiraAsUser === undefined || deps.accountId === undefined) return;
  const jiraAsUser = deps.jiraAsUser;
  const byId = new Map(stored.map((rule) => [rule.id, rule]));
  const answers = new Map<string, boolean>();
  const refused: Record<string, string> = {};
  for (const [index, rule] of rules.entries()) {
    const { savedBy: _fromClient, ...wanted } = rule;
    const before = byId.get(rule.id);
    const unchanged = before !== undefined && JSON.stringify({ ...before, savedBy: undefined }) === JSON.stringify({ ...wanted, savedBy: undefined });
    if (unchanged && before.savedBy !== undefined) {
      rules[index] = { ...wanted, savedBy: before.savedBy };
      continue;
    }
    if (rule.enabled) {
      let may = answers.get(rule.jiraProjectId);
      if (may === undefined) {
        may = await callerHoldsInProject(jiraAsUser, rule.jiraProjectId, 'CREATE_ISSUES');
        answers.set(rule.jiraProjectId, may);
      }
      if (!may) {
        refused[`rules.${index}.jiraProjectId`] =
          'You cannot create issues in this Jira project, so a rule of yours cannot create them there as the app.';
        continue;
      }
    }
    rules[index] = { ...wanted, savedBy: deps.accountId };
  }
  if (Object.keys(refused).length > 0) refuse('Rules', refused);
}

/** What an admin should know about a rule's target before tickets start failing (or quietly lacking parts). */
async function ruleTargetWarnings(
  jira: JiraClient,
  config: AppConfig,
  rule: AutoTicketRule,
  projectKey: string | undefined,
): Promise<string[]> {
  if (projectKey === undefined) {
    return [
      `Jira project ${rule.jiraProjectId} does not exist or the app cannot create issues in it; this rule creates nothing until you choose another project.`,
    ];
  }
  const warnings: string[] = [];
  if (rule.epicKey !== undefined) {
    const epic = await checkEpic(jira, rule.epicKey);
    if (!epic.usable) warnings.push(epic.warning);
  }
  const unfilled = await unfilledRequiredFields(jira, config, projectKey, rule.issueTypeId);
  if (unfilled.length > 0) warnings.push(describeUnfilled(projectKey, unfilled));
  return warnings;
}

/**
 * Saves the ordered rule list. The shape and values are checked by the domain schema; templates
 * must exist; each enabled rule's target is checked live (project, epic, required fields, due date)
 * and what is wrong comes back as warnings on that rule, saved alongside it for the admin page.
 */
export async function saveRules(
  deps: ManageAutoTicketDeps,
  input: unknown,
): Promise<{ rules: AutoTicketRule[]; warnings: Record<string, string[]> }> {
  const parsed = autoTicketRulesSchema.safeParse(input);
  if (!parsed.success) refuse('Rules', fieldErrorsOf(parsed.error.issues, 'rules'));
  const rules = parsed.data;
  const config = await deps.config.read();
  const templateIds = new Set(config.templates.library.map((t) => t.id));
  const missingTemplates: Record<string, string> = {};
  rules.forEach((rule, index) => {
    if (rule.templateId !== undefined && !templateIds.has(rule.templateId)) {
      missingTemplates[`rules.${index}.templateId`] =
        'This template does not exist; choose one from the template library.';
    }
  });
  rules.forEach((rule, index) =>
    Object.assign(missingTemplates, ownTemplateProblems(rule, `rules.${index}`)),
  );
  if (Object.keys(missingTemplates).length > 0) refuse('Rules', missingTemplates);
  await requireCreateRights(deps, rules, config.autoTicketing.rules);

  const next: AppConfig = { ...config, autoTicketing: { rules } };
  const projectKeys = await resolveProjectKeys(
    deps.jira,
    new Set(rules.filter((r) => r.enabled).map((r) => r.jiraProjectId)),
  );
  const warnings: Record<string, string[]> = {};
  for (const rule of rules.filter((r) => r.enabled)) {
    const found = await ruleTargetWarnings(deps.jira, next, rule, projectKeys.get(rule.jiraProjectId));
    if (found.length > 0) warnings[rule.id] = found;
  }
  for (const warning of await dueDateWarnings(deps.jira, next)) {
    if (warning.ruleId !== undefined)
      warnings[warning.ruleId] = [...(warnings[warning.ruleId] ?? []), warning.message];
  }
  await deps.config.writeSection('autoTicketing', next.autoTicketing);
  const state = await deps.store.readState();
  const kept = new Set(rules.map((r) => r.id));
  const ruleWarnings: AutoTicketState['ruleWarnings'] = Object.fromEntries(
    Object.entries(warnings).filter(([id]) => kept.has(id)),
  );
  await deps.store.writeState({ ...state, ruleWarnings });
  return { rules, warnings };
}

/**
 * A rule's own template is checked like the site's (unknown variables, logic tags, unsafe markdown
 * refused with their position), so a ticket never fails on it; naming a library template and
 * choosing another kind at once is ambiguous and refused.
 */
function ownTemplateProblems(rule: AutoTicketRule, path: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (rule.templateId !== undefined && rule.template !== undefined) {
    errors[`${path}.template`] = 'Choose either a library template or another template option, not both.';
  }
  if (rule.template?.type !== 'own') return errors;
  const parts: [TemplateKind, string | undefined][] = [
    ['summary', rule.template.summary],
    ['description', rule.template.description],
  ];
  for (const [kind, source] of parts) {
    if (source === undefined || source.trim() === '') continue;
    const problems = validateTemplate(kind, source);
    if (problems.length > 0) errors[`${path}.template.${kind}`] = problems.map((p) => p.message).join(' ');
  }
  return errors;
}

export interface DryRunDeps extends ManageAutoTicketDeps {
  zeroPath: ZeroPathClient;
  links: Pick<LinkStore, 'linkedAmong'>;
}

export interface DryRunResult {
  count: number;
  byProject: { projectKey: string; count: number }[];
  heldByCap: number;
  warnings: string[];
  sample?: PreviewedTicket;
}

/**
 * How many tickets the rule would create on the next run, where, and what one looks like. It reads
 * the same candidates the run will (changes since the stored cursor plus findings held by a cap) and
 * selects with the same function, with the rule in its place among the enabled rules, so the count
 * is what the run then creates.
 */
export async function dryRunRule(deps: DryRunDeps, input: unknown): Promise<DryRunResult> {
  const parsed = autoTicketRuleSchema.safeParse(input);
  if (!parsed.success) refuse('Dry run', fieldErrorsOf(parsed.error.issues, 'rule'));
  const templateProblems = ownTemplateProblems(parsed.data, 'rule');
  if (Object.keys(templateProblems).length > 0) {
    throw new AutoTicketValidationError(
      "Dry run not run: the rule's template needs attention.",
      templateProblems,
    );
  }
  const rule: AutoTicketRule = { ...parsed.data, enabled: true };
  const [config, state] = await Promise.all([deps.config.read(), deps.store.readState()]);
  const saved = config.autoTicketing.rules;
  const rules = (
    saved.some((r) => r.id === rule.id) ? saved.map((r) => (r.id === rule.id ? rule : r)) : [...saved, rule]
  ).filter((r) => r.enabled);

  const now = new Date();
  const remaining = new Map<string, number>();
  for (const r of rules) remaining.set(r.id, await deps.store.remaining(r, now));
  const { candidates } = await readCandidates(deps.zeroPath, state, capacityOf(remaining));
  const repoTags = rulesNeedTags(rules)
    ? await readRepoTags(deps.zeroPath)
    : new Map<string, readonly string[]>();
  const selection = await selectFindings(candidates, rules, repoTags, deps.links, remaining);
  const mine = selection.selected.get(rule.id) ?? [];
  const heldByCap = selection.deferred.filter((held) => held.ruleId === rule.id).length;

  const projectKey = (await resolveProjectKeys(deps.jira, new Set([rule.jiraProjectId]))).get(
    rule.jiraProjectId,
  );
  const warnings = await ruleTargetWarnings(deps.jira, config, rule, projectKey);
  const result: DryRunResult = {
    count: projectKey === undefined ? 0 : mine.length,
    byProject: projectKey === undefined || mine.length === 0 ? [] : [{ projectKey, count: mine.length }],
    heldByCap,
    warnings,
  };
  const first = mine[0];
  if (first !== undefined) {
    result.sample = previewTicket(
      first,
      templateForRule(config, rule),
      config.sla,
      repoTags,
      config.connection.baseUrl,
    );
  }
  return result;
}
