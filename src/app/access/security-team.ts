import { type SecuritySection } from '../../core/config/security-team';
import { type JiraClient } from '../../infra/jira/jira-client';

/**
 * Is the calling user on the security team? The one place that answers it (the issue panel and the
 * findings page). Always asked of Jira as the calling user and never cached: a person removed from
 * the group or role loses the right on their next call.
 *
 * - groups or project roles configured: member of any of the groups (matched by group id, or by
 *   name when the setting holds a name), or holding any of the roles in its project (by name);
 * - none configured: a Jira administrator (global ADMINISTER).
 */
export async function isSecurityTeamMember(
  jiraAsUser: () => JiraClient,
  security: SecuritySection,
): Promise<boolean> {
  const jira = jiraAsUser();
  if (security.teamGroups.length === 0 && security.teamProjectRoles.length === 0) return jira.isJiraAdmin();
  if (security.teamGroups.length > 0) {
    const wanted = new Set(security.teamGroups.map((g) => g.trim().toLowerCase()));
    const groups = await jira.myGroups();
    const inGroup = groups.some(
      (g) =>
        wanted.has(g.name.toLowerCase()) || (g.groupId !== undefined && wanted.has(g.groupId.toLowerCase())),
    );
    if (inGroup) return true;
  }
  // One expression per project named in the setting (at most 20), asked only when no group matched.
  const rolesByProject = new Map<string, Set<string>>();
  for (const { projectKey, roleName } of security.teamProjectRoles) {
    const names = rolesByProject.get(projectKey) ?? new Set<string>();
    names.add(roleName.trim().toLowerCase());
    rolesByProject.set(projectKey, names);
  }
  for (const [projectKey, wantedRoles] of rolesByProject) {
    const held = await jira.myProjectRoleNames(projectKey);
    if (held.some((name) => wantedRoles.has(name.trim().toLowerCase()))) return true;
  }
  return false;
}

/** What the setting calls the team, for refusal messages and the findings page's explanation. */
export function describeSecurityTeam(security: SecuritySection): string {
  const parts = [
    ...security.teamGroups.map((g) => `Jira group “${g}”`),
    ...security.teamProjectRoles.map((r) => `role “${r.roleName}” in project ${r.projectKey}`),
  ];
  return parts.length === 0
    ? 'the security team (Jira administrators until an admin names its groups or project roles)'
    : `the security team (${parts.join(' or ')})`;
}
