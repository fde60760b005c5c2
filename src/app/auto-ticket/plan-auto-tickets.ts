import { z } from 'zod';
import { type AppConfig } from '../../core/config/app-config';
import { APP_SET_FIELDS } from '../../core/fields/field-mapping';
import { type Finding } from '../../core/finding/finding';
import { pickRule, resolveAssignee, type AutoTicketRule } from '../../core/rules/auto-ticket-rule';
import { type RepoTags } from '../../core/rules/repository-scope';
import { MAX_BULK_CREATE, type JiraClient } from '../../infra/jira/jira-client';
import { JiraApiError } from '../../infra/jira/jira-errors';
import { type LinkStore } from '../../infra/store/link-store';
import { type ZeroPathClient } from '../../infra/zeropath/zeropath-client';

/** One queued creation: at most one bulk create's worth of findings, all for the same target. */
export const autoTicketJobSchema = z.object({
  kind: z.literal('auto-ticket'),
  ruleId: z.string().min(1),
  projectKey: z.string().min(1),
  issueTypeId: z.string().min(1),
  epicKey: z.string().optional(),
  assigneeAccountId: z.string().optional(),
  findingIds: z.array(z.string().min(1)).min(1).max(MAX_BULK_CREATE),
});
export type AutoTicketJob = z.infer<typeof autoTicketJobSchema>;

/** The rule's project (or epic) cannot be resolved at all: nothing is created for it this run. */
export class AutoTicketTargetError extends Error {
  override name = 'AutoTicketTargetError';
}

export interface Selection {
  /** Per rule id, the findings it will ticket now, in the order they were read. */
  selected: Map<string, Finding[]>;
  /** Matched but held back by the rule's daily cap. */
  deferred: { finding: Finding; ruleId: string }[];
}

/**
 * First matching rule wins (admin's order), already-linked findings are dropped, and each rule
 * takes at most what its daily cap has left. Shared by the run and the dry run, so the dry run's
 * count is the run's count by construction.
 */
export async function selectFindings(
  candidates: readonly Finding[],
  rules: readonly AutoTicketRule[],
  repoTags: RepoTags,
  links: Pick<LinkStore, 'linkedAmong'>,
  remainingByRule: ReadonlyMap<string, number>,
): Promise<Selection> {
  const selected = new Map<string, Finding[]>();
  const deferred: Selection['deferred'] = [];
  const seen = new Set<string>();
  const matches: { finding: Finding; rule: AutoTicketRule }[] = [];
  for (const finding of candidates) {
    if (seen.has(finding.id)) continue;
    seen.add(finding.id);
    const rule = pickRule(finding, rules, repoTags);
    if (rule !== null) matches.push({ finding, rule });
  }
  // Link check only for matches, 25 a KVS request (a first run may match thousands).
  const linked = await links.linkedAmong(matches.map((m) => m.finding.id));
  for (const { finding, rule } of matches) {
    if (linked.has(finding.id)) continue;
    const list = selected.get(rule.id) ?? [];
    if (list.length >= (remainingByRule.get(rule.id) ?? 0)) {
      deferred.push({ finding, ruleId: rule.id });
      continue;
    }
    list.push(finding);
    selected.set(rule.id, list);
  }
  return { selected, deferred };
}

/** Whether any rule (or its assignee mapping) needs ZeroPath's repository tags. */
export function rulesNeedTags(rules: readonly AutoTicketRule[]): boolean {
  return rules.some(
    (rule) =>
      rule.scope.type === 'tags' || (rule.assignee.type === 'mapping' && rule.assignee.byTag.length > 0),
  );
}

export async function readRepoTags(zeroPath: ZeroPathClient): Promise<Map<string, readonly string[]>> {
  const { repositories } = await zeroPath.listRepositories();
  return new Map(repositories.map((repo) => [repo.id, repo.tags] as const));
}

/** Project id → key, paging Jira's project search once per run. */
export async function resolveProjectKeys(
  jira: JiraClient,
  projectIds: ReadonlySet<string>,
): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  if (projectIds.size === 0) return keys;
  for (let startAt = 0; ;) {
    const page = await jira.searchProjects('', startAt);
    for (const project of page.projects) if (projectIds.has(project.id)) keys.set(project.id, project.key);
    if (page.isLast || page.projects.length === 0 || keys.size === projectIds.size) return keys;
    startAt += page.projects.length;
  }
}

export type EpicCheck = { usable: true } | { usable: false; warning: string };

/** An epic that is gone (or hidden from the app) is reported, and tickets go out without it. */
export async function checkEpic(jira: JiraClient, epicKey: string): Promise<EpicCheck> {
  try {
    await jira.getIssue(epicKey, ['issuetype']);
    return { usable: true };
  } catch (error) {
    if (error instanceof JiraApiError && (error.status === 404 || error.status === 403)) {
      return {
        usable: false,
        warning: `Epic ${epicKey} no longer exists or the app cannot see it; tickets are created without an epic. Choose another epic.`,
      };
    }
    throw error;
  }
}

/** Splits one rule's findings into jobs by assignee, each at most one bulk create. */
export function buildJobs(
  rule: AutoTicketRule,
  findings: readonly Finding[],
  repoTags: RepoTags,
  target: { projectKey: string; epicKey?: string | undefined },
): AutoTicketJob[] {
  const byAssignee = new Map<string, Finding[]>();
  for (const finding of findings) {
    const assignee = resolveAssignee(rule.assignee, finding, repoTags) ?? '';
    byAssignee.set(assignee, [...(byAssignee.get(assignee) ?? []), finding]);
  }
  const jobs: AutoTicketJob[] = [];
  for (const [assignee, group] of byAssignee) {
    for (let i = 0; i < group.length; i += MAX_BULK_CREATE) {
      const job: AutoTicketJob = {
        kind: 'auto-ticket',
        ruleId: rule.id,
        projectKey: target.projectKey,
        issueTypeId: rule.issueTypeId,
        findingIds: group.slice(i, i + MAX_BULK_CREATE).map((f) => f.id),
      };
      if (target.epicKey !== undefined) job.epicKey = target.epicKey;
      if (assignee !== '') job.assigneeAccountId = assignee;
      jobs.push(job);
    }
  }
  return jobs;
}

/** Fields the app fills itself (priority and labels whenever they are on the screen). */
const FILLED_BY_EXPORT: ReadonlySet<string> = new Set([...APP_SET_FIELDS, 'priority', 'labels']);

/** Required fields of the target that neither the app, a mapping nor a Jira default fills. */
export async function unfilledRequiredFields(
  jira: JiraClient,
  config: AppConfig,
  projectKey: string,
  issueTypeId: string,
): Promise<{ id: string; name: string }[]> {
  const fields = await jira.getCreateMetaFields(projectKey, issueTypeId);
  const mapped = new Set(
    config.fieldMappings
      .filter((m) => m.projectKey === projectKey && m.issueTypeId === issueTypeId)
      .flatMap((m) => m.mappings.map((mapping) => mapping.fieldId)),
  );
  return fields
    .filter(
      (f) =>
        f.required &&
        f.hasDefaultValue !== true &&
        f.defaultValue === undefined &&
        !FILLED_BY_EXPORT.has(f.fieldId) &&
        !mapped.has(f.fieldId),
    )
    .map((f) => ({ id: f.fieldId, name: f.name }));
}

export function describeUnfilled(projectKey: string, unfilled: readonly { name: string }[]): string {
  return `${projectKey} requires ${unfilled.map((f) => `"${f.name}"`).join(', ')} on this issue type; map ${unfilled.length === 1 ? 'it' : 'them'} under Custom fields, or this rule's tickets cannot be created.`;
}
