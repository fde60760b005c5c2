import { type SecuritySection } from '../../core/config/security-team';
import { type JiraClient } from '../../infra/jira/jira-client';

/**
 * Is the calling user on the security team? The one place that answers it (the issue panel here,
 * the findings page in issue 18). Always asked of Jira as the calling user and never cached: a
 * person removed from the group loses the right on their next call.
 *
 * - groups configured: member of any of them (matched by group id, or by name when the setting
 *   holds a name);
 * - none configured: a Jira administrator (global ADMINISTER).
 */
export async function isSecurityTeamMember(
  jiraAsUser: () => JiraClient,
  security: SecuritySection,
): Promise<boolean> {
  const jira = jiraAsUser();
  if (security.teamGroups.length === 0) return jira.isJiraAdmin();
  const wanted = new Set(security.teamGroups.map((g) => g.trim().toLowerCase()));
  const groups = await jira.myGroups();
  return groups.some(
    (g) =>
      wanted.has(g.name.toLowerCase()) || (g.groupId !== undefined && wanted.has(g.groupId.toLowerCase())),
  );
}

/** What the setting calls the team, for refusal messages. */
export function describeSecurityTeam(security: SecuritySection): string {
  return security.teamGroups.length === 0
    ? 'the security team (Jira administrators until an admin names its groups)'
    : `the security team (Jira group ${security.teamGroups.map((g) => `“${g}”`).join(' or ')})`;
}
