import { JiraNotFoundError } from '../../infra/jira/jira-errors';
import { type JiraClient } from '../../infra/jira/jira-client';

/**
 * A Jira administrator configures the app, but administering Jira is not a licence to read or
 * write every project: the app works as itself (it can see and create everywhere it was granted),
 * so what an admin may *configure* is checked as that admin (finding 2 of issue 17):
 * - lookups that show a project's content (issue types, epics and their summaries, assignable
 *   users) need BROWSE_PROJECTS on it;
 * - an auto-ticketing rule needs CREATE_ISSUES on its project, when saved and again when it runs
 *   (as the person who saved it; see run-auto-ticketing).
 */
export class ProjectAccessError extends Error {
  override readonly name = 'ProjectAccessError';
}

export type ProjectPermissionKey = 'BROWSE_PROJECTS' | 'CREATE_ISSUES';

/** Does the caller (a `jiraAsUser` client) hold `permission` in the project (id or key)? */
export async function callerHoldsInProject(
  jiraAsUser: () => JiraClient,
  projectIdOrKey: string,
  permission: ProjectPermissionKey,
): Promise<boolean> {
  const context = /^\d+$/.test(projectIdOrKey)
    ? { projectId: projectIdOrKey }
    : { projectKey: projectIdOrKey };
  try {
    const held = await jiraAsUser().myPermissions([permission], context);
    return held[permission] === true;
  } catch (error) {
    // Jira answers 404 for a project the caller may not see.
    if (error instanceof JiraNotFoundError) return false;
    throw error;
  }
}

export async function requireBrowseProject(
  jiraAsUser: () => JiraClient,
  projectIdOrKey: string,
): Promise<void> {
  if (!(await callerHoldsInProject(jiraAsUser, projectIdOrKey, 'BROWSE_PROJECTS'))) {
    throw new ProjectAccessError(
      `You cannot browse Jira project ${projectIdOrKey}, so the app will not show its content to you.`,
    );
  }
}
