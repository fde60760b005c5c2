import { JiraNotFoundError, JiraRateLimitedError } from '../../infra/jira/jira-errors';
import { type JiraClient } from '../../infra/jira/jira-client';
import { type IssuePermissionStore } from '../../infra/store/issue-permission-store';
import { PanelForbiddenError } from './panel-errors';

/**
 * Who may do what on the panel. Reads need BROWSE_PROJECTS on the issue, actions EDIT_ISSUES,
 * both asked of Jira *as the user* with the issue from the platform context.
 *
 * Why a cache for opening the panel: it must open from KVS alone when its snapshot is fresh, and
 * the permission question is itself a Jira call. The platform only renders the panel for people
 * who can see the issue and signs the context, but the app still checks on the server (defence in
 * depth; DESIGN.md decision 6). A granted answer is kept per user and issue for
 * PERMISSION_CACHE_SECONDS, so opening the panel again right away costs no Jira call; it shows
 * only what is already stored. Everything that touches ZeroPath — refresh and every action — asks
 * Jira live (`requireBrowseLive`, `requireEdit`): a user whose permission was revoked cannot make
 * the app read or change ZeroPath for a single call more (finding 7 of issue 17; was 5 minutes).
 */
export const PERMISSION_CACHE_SECONDS = 60;

export interface IssueAccessDeps {
  jiraAsUser: () => JiraClient;
  permissions: IssuePermissionStore;
  now: () => Date;
}

export interface IssueAccess {
  canEdit: boolean;
}

export interface PanelCaller {
  accountId: string;
  issueId: string;
  issueKey: string;
  projectKey: string;
  /** The issue's project id (rules store projects by id). */
  projectId?: string;
}

const NO_ACCESS = 'You do not have permission to see this issue.';

async function askJira(
  deps: IssueAccessDeps,
  caller: PanelCaller,
): Promise<{ browse: boolean; edit: boolean }> {
  try {
    const held = await deps
      .jiraAsUser()
      .myPermissions(['BROWSE_PROJECTS', 'EDIT_ISSUES'], { issueKey: caller.issueKey });
    return { browse: held['BROWSE_PROJECTS'] === true, edit: held['EDIT_ISSUES'] === true };
  } catch (error) {
    // Jira answers 404 for an issue the caller may not see.
    if (error instanceof JiraNotFoundError) return { browse: false, edit: false };
    // A busy Jira is worth a retry and says so; any other failure to answer refuses (fail closed),
    // as the admin and findings pages do, rather than surfacing as an internal error.
    if (error instanceof JiraRateLimitedError) throw error;
    throw new PanelForbiddenError(
      'Your permission on this issue could not be verified, so the action was refused. Try again shortly.',
    );
  }
}

/** For reads: a recent granted answer from KVS, else Jira (and remember a grant). */
export async function requireBrowse(deps: IssueAccessDeps, caller: PanelCaller): Promise<IssueAccess> {
  const cached = await deps.permissions.get(caller.accountId, caller.issueId);
  if (cached !== undefined) return { canEdit: cached.edit };
  const answer = await askJira(deps, caller);
  if (!answer.browse) throw new PanelForbiddenError(NO_ACCESS);
  await deps.permissions.put(
    caller.accountId,
    caller.issueId,
    { browse: true, edit: answer.edit, checkedAt: deps.now().toISOString() },
    PERMISSION_CACHE_SECONDS,
  );
  return { canEdit: answer.edit };
}

/** For reads that reach ZeroPath (refresh): always asks Jira, and refreshes the cache. */
export async function requireBrowseLive(deps: IssueAccessDeps, caller: PanelCaller): Promise<IssueAccess> {
  const answer = await askJira(deps, caller);
  if (!answer.browse) {
    await deps.permissions.remove(caller.accountId, caller.issueId);
    throw new PanelForbiddenError(NO_ACCESS);
  }
  await deps.permissions.put(
    caller.accountId,
    caller.issueId,
    { browse: true, edit: answer.edit, checkedAt: deps.now().toISOString() },
    PERMISSION_CACHE_SECONDS,
  );
  return { canEdit: answer.edit };
}

/** For actions: always asks Jira. */
export async function requireEdit(deps: IssueAccessDeps, caller: PanelCaller): Promise<void> {
  const answer = await askJira(deps, caller);
  if (!answer.browse) {
    await deps.permissions.remove(caller.accountId, caller.issueId);
    throw new PanelForbiddenError(NO_ACCESS);
  }
  if (!answer.edit) {
    throw new PanelForbiddenError(
      'You need permission to edit this issue to triage its finding. Ask a Jira admin or the project lead.',
    );
  }
  // Keep the read cache truthful about the edit right the panel uses to show or hide its buttons.
  await deps.permissions.put(
    caller.accountId,
    caller.issueId,
    { browse: true, edit: true, checkedAt: deps.now().toISOString() },
    PERMISSION_CACHE_SECONDS,
  );
}
