import { type AppConfig, slaSectionSchema } from '../../core/config/app-config';
import { type JiraClient } from '../../infra/jira/jira-client';
import { type ConfigStore } from '../../infra/store/config-store';
import { fieldErrorsOf, refuse } from '../auto-ticket/auto-ticket-errors';

export interface SlaDeps {
  config: ConfigStore;
  jira: JiraClient;
}

/**
 * Where tickets go, for the due-date screen check: every enabled rule's target and the default
 * export target (manual exports stamp due dates too).
 */
interface TicketTarget {
  project: string;
  issueTypeId: string;
  label: string;
  ruleId?: string;
}

function ticketTargets(config: AppConfig): TicketTarget[] {
  const targets: TicketTarget[] = config.autoTicketing.rules
    .filter((rule) => rule.enabled)
    .map((rule) => ({
      project: rule.jiraProjectId,
      issueTypeId: rule.issueTypeId,
      label: `Rule "${rule.name}"`,
      ruleId: rule.id,
    }));
  const { projectKey, issueTypeId } = config.defaults;
  if (projectKey !== undefined && issueTypeId !== undefined) {
    targets.push({ project: projectKey, issueTypeId, label: 'Manual exports' });
  }
  const seen = new Set<string>();
  return targets.filter((t) => {
    const key = `${t.label}|${t.project}|${t.issueTypeId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Warnings for targets whose create screen has no Due date: their tickets are created without one. */
export async function dueDateWarnings(
  jira: JiraClient,
  config: AppConfig,
): Promise<{ ruleId?: string; message: string }[]> {
  if (!config.sla.enabled) return [];
  const warnings: { ruleId?: string; message: string }[] = [];
  for (const target of ticketTargets(config)) {
    const fields = await jira.getCreateMetaFields(target.project, target.issueTypeId);
    if (!fields.some((f) => f.fieldId === 'duedate')) {
      const message = `${target.label}: this issue type has no Due date field on its create screen, so its tickets are created without an SLA due date. Ask a Jira admin to add Due date to the screen.`;
      warnings.push(target.ruleId === undefined ? { message } : { ruleId: target.ruleId, message });
    }
  }
  return warnings;
}

/** Saves "Set due date from SLA" and the SLA policies; warns (and still saves) when a target cannot take a due date. */
export async function saveSla(
  deps: SlaDeps,
  input: unknown,
): Promise<{ sla: AppConfig['sla']; warnings: string[] }> {
  const parsed = slaSectionSchema.safeParse(input);
  if (!parsed.success) refuse('SLA settings', fieldErrorsOf(parsed.error.issues));
  const ids = parsed.data.policies.map((p) => p.id);
  if (new Set(ids).size !== ids.length)
    refuse('SLA settings', { policies: 'Two policies have the same id.' });
  const config = { ...(await deps.config.read()), sla: parsed.data };
  await deps.config.writeSection('sla', config.sla);
  const warnings = await dueDateWarnings(deps.jira, config);
  return { sla: parsed.data, warnings: warnings.map((w) => w.message) };
}
