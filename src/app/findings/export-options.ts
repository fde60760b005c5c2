import { standardIssueTypes } from '../../core/config/default-issue-type';
import { type JiraClient } from '../../infra/jira/jira-client';

/** The export dialog's pickers, all read as the user so Jira shows them only what they may use. */

export async function searchProjects(jira: JiraClient, query: string) {
  const page = await jira.searchProjects(query);
  return page.projects.map((p) => ({ id: p.id, key: p.key, name: p.name }));
}

/**
 * Standard issue types only (hierarchy level 0, not a sub-task): a finding is one piece of work,
 * never a sub-task and never an Epic or anything above. Used by the export dialog and the rules.
 */
export async function listIssueTypes(jira: JiraClient, projectKey: string) {
  const types = await jira.getCreateMetaIssueTypes(projectKey);
  return standardIssueTypes(types).map((t) => ({ id: t.id, name: t.name, hierarchyLevel: t.hierarchyLevel ?? 0 }));
}

function quoteJql(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/** Open epics of the project, matching the typed text; "None" is the dialog's, not Jira's. */
export async function searchEpics(jira: JiraClient, projectKey: string, query: string) {
  const text = query.trim();
  const jql = [`project = ${quoteJql(projectKey)}`, 'issuetype = Epic', 'statusCategory != Done', ...(text ? [`summary ~ ${quoteJql(text)}`] : [])].join(' AND ');
  const page = await jira.searchJql(`${jql} ORDER BY created DESC`, ['summary'], undefined, { maxResults: 50 });
  return page.issues.map((issue) => ({ key: issue.key, summary: typeof issue.fields.summary === 'string' ? issue.fields.summary : issue.key }));
}

export async function searchAssignees(jira: JiraClient, projectKey: string, query: string) {
  const users = await jira.findAssignableUsers(query, projectKey);
  return users.filter((u) => u.active !== false).map((u) => ({ accountId: u.accountId, displayName: u.displayName ?? u.accountId }));
}
