import Resolver from '@forge/resolver';
import { randomUUID } from 'node:crypto';
import {
  exportBulkEndpoint,
  exportJobStatusEndpoint,
  exportHistoryEndpoint,
  exportOneEndpoint,
  findingsAccessEndpoint,
  listIssueTypesEndpoint,
  listRepositoriesEndpoint,
  preflightEndpoint,
  searchAssigneesEndpoint,
  searchEpicsEndpoint,
  searchFindingsEndpoint,
  searchProjectsEndpoint,
  type ExportTarget,
} from '../../contract/findings';
import { fail, ok, type Result } from '../../contract/result';
import { NotConnectedError } from '../../app/connection/zeropath-access';
import { openExportDeps } from '../../app/export/export-runtime';
import { createForgeJobQueue } from '../../infra/queue/job-queue';
import { createKvsExportJobStore } from '../../infra/store/export-job-store';
import { readJobView, startBulkExport } from '../../app/export/export-job';
import { ExportInterruptedError, exportFindings } from '../../app/export/export-findings';
import {
  describeMissingFields,
  ExportTargetError,
  mappedFieldIdsFor,
  preflightExport,
} from '../../app/export/export-plan';
import {
  listIssueTypes,
  searchAssignees,
  searchEpics,
  searchProjects,
} from '../../app/findings/export-options';
import { searchFindingsPage } from '../../app/findings/search-findings';
import { JiraApiError, JiraRateLimitedError } from '../../infra/jira/jira-errors';
import { ZeroPathError } from '../../infra/zeropath/zeropath-errors';
import { createServices } from '../services';
import { defineEndpoint, ForbiddenError, type EndpointOptions } from './define-endpoint';
import { registerTriageEndpoints } from './findings-triage';
import { describeSecurityTeam, isSecurityTeamMember } from '../../app/access/security-team';
import { type ResolverContext } from './resolver-context';

/**
 * The findings page's resolver (`findings-resolver`, reachable only from the `jira:globalPage`).
 * Who may use it: Jira administrators and the security team (the admin page's Security team
 * setting: Jira groups or project roles), both checked as the calling user on every call, never
 * cached; exports additionally need Create Issues in the target project, also checked as the user.
 * The app creates the issues as itself (consumers have no user), so these checks are what stops a
 * user from creating where Jira would not let them.
 */
const FINDINGS_PAGE_TYPE = 'jira:globalPage';

/** Jira administrators always; otherwise the configured security team (app/access). */
async function mayUseFindingsPage(): Promise<{ allowed: boolean; audience: string }> {
  const services = createServices();
  const { security } = await services.config.read();
  const teamNamed = security.teamGroups.length > 0 || security.teamProjectRoles.length > 0;
  const audience = teamNamed
    ? `Jira administrators and ${describeSecurityTeam(security)}`
    : 'Jira administrators (an administrator can open it to a security team on the app’s admin page, Security team tab)';
  if (await services.jiraAsUser().isJiraAdmin()) return { allowed: true, audience };
  // With no team named the team is the administrators, just answered: no second question to Jira.
  return { allowed: teamNamed && (await isSecurityTeamMember(services.jiraAsUser, security)), audience };
}

async function authorizeFindingsUser(_context: ResolverContext): Promise<void> {
  const { allowed, audience } = await mayUseFindingsPage();
  if (!allowed) {
    throw new ForbiddenError(
      `The ZeroPath findings page is for ${audience}. Ask one of them to export findings for you.`,
    );
  }
}

async function requireCreateIn(projectKey: string): Promise<void> {
  const held = await createServices().jiraAsUser().myPermissions(['CREATE_ISSUES'], { projectKey });
  if (held.CREATE_ISSUES !== true) throw new ForbiddenError(`You cannot create issues in ${projectKey}.`);
}

function mapFindingsError(error: unknown): Result<never> | undefined {
  if (error instanceof ForbiddenError) return fail('forbidden', error.message);
  if (error instanceof NotConnectedError) return fail('not_connected', error.message);
  if (error instanceof ExportTargetError) return fail('invalid_input', error.message);
  if (error instanceof JiraRateLimitedError) {
    return fail('rate_limited', 'Jira is busy; try again shortly.', {
      retryAfterSeconds: error.retryAfterSeconds,
    });
  }
  if (error instanceof JiraApiError && error.status === 404) return fail('not_found', error.message);
  if (error instanceof JiraApiError || error instanceof ZeroPathError) return fail('upstream', error.message);
  return undefined;
}

const options: EndpointOptions = {
  moduleType: FINDINGS_PAGE_TYPE,
  authorize: authorizeFindingsUser,
  mapError: mapFindingsError,
};

/** Preflight as the endpoints use it: refuses (by field name) before anything is created. */
async function planFor(target: ExportTarget, accountId: string) {
  await requireCreateIn(target.projectKey);
  const services = createServices();
  // Required fields the admin mapped under Custom fields are filled by the export's ticket shaping.
  const { fieldMappings, defaults } = await services.config.read();
  const preflight = await preflightExport(services.jiraAsApp(), target, accountId, mappedFieldIdsFor(fieldMappings, target));
  // The Defaults tab's labels and priority switch apply to every export.
  preflight.plan.extraLabels = defaults.labels;
  preflight.plan.priorityFromSeverity = defaults.priorityFromSeverity;
  return preflight;
}

/** Of the 25 s a resolver has, what a rate-limited Jira call may spend waiting. */
const RESOLVER_RETRY_BUDGET_MS = 8_000;

const resolver = new Resolver();

/** Bulk exports listed in the history (each costs one chunk scan to count). */
const HISTORY_LENGTH = 10;

// Every signed-in user may ask whether the page is for them; nothing else is answered here.
defineEndpoint(
  resolver,
  findingsAccessEndpoint,
  { ...options, authorize: () => Promise.resolve() },
  async () => ok(await mayUseFindingsPage()),
);

defineEndpoint(resolver, searchFindingsEndpoint, options, async (payload) => {
  const services = createServices();
  const { client } = await services.openZeroPath();
  return ok(
    await searchFindingsPage(
      {
        page: payload.page,
        pageSize: payload.pageSize,
        repositoryIds: payload.repositoryIds,
        severities: payload.severities,
        statuses: payload.statuses,
        scanTypes: payload.scanTypes,
        query: payload.query,
        notInJira: payload.notInJira,
      },
      { zeroPath: client, links: services.links },
    ),
  );
});

defineEndpoint(resolver, listRepositoriesEndpoint, options, async () => {
  const services = createServices();
  const { client } = await services.openZeroPath();
  const { repositories } = await client.listRepositories();
  return ok({ repositories: repositories.map((r) => ({ id: r.id, name: r.name })) });
});

defineEndpoint(resolver, searchProjectsEndpoint, options, async (payload) =>
  ok({ projects: await searchProjects(createServices().jiraAsUser(), payload.query) }),
);

defineEndpoint(resolver, listIssueTypesEndpoint, options, async (payload) =>
  ok({ issueTypes: await listIssueTypes(createServices().jiraAsUser(), payload.projectKey) }),
);

defineEndpoint(resolver, searchEpicsEndpoint, options, async (payload) =>
  ok({ epics: await searchEpics(createServices().jiraAsUser(), payload.projectKey, payload.query) }),
);

defineEndpoint(resolver, searchAssigneesEndpoint, options, async (payload) =>
  ok({ users: await searchAssignees(createServices().jiraAsUser(), payload.projectKey, payload.query) }),
);

defineEndpoint(resolver, preflightEndpoint, options, async (payload, context) => {
  const { plan, missingRequiredFields } = await planFor(payload.target, context.accountId ?? '');
  return ok({ missingRequiredFields, notes: plan.notes });
});

defineEndpoint(resolver, exportOneEndpoint, options, async (payload, context) => {
  const accountId = context.accountId ?? '';
  const { plan, missingRequiredFields } = await planFor(payload.target, accountId);
  plan.closedFindings = payload.closedFindings;
  if (missingRequiredFields.length > 0) {
    return fail('invalid_input', describeMissingFields(missingRequiredFields, payload.target), {
      fieldErrors: Object.fromEntries(missingRequiredFields.map((f) => [f.id, `${f.name} is required`])),
    });
  }
  const services = createServices();
  const deps = await openExportDeps(
    {
      config: services.config,
      credentials: services.credentials,
      fetch: services.zeroPathFetch,
      capabilityCache: services.capabilityCache,
      links: services.links,
    },
    RESOLVER_RETRY_BUDGET_MS,
  );
  let outcome;
  try {
    outcome = await exportFindings([payload.findingId], plan, deps, {
      owner: `single:${accountId}:${randomUUID()}`,
      exportedBy: accountId,
    });
  } catch (error) {
    // The issue exists but its link does not: name it, never a bare failure (the sweep links it).
    if (error instanceof ExportInterruptedError && error.partial.unlinked.length > 0) {
      const created = error.partial.unlinked[0]!;
      return fail(
        'upstream',
        `${created.reason} Export the finding again to link it now; otherwise the status sweep links ${created.issueKey} within minutes.`,
      );
    }
    throw error;
  }
  const notes = [...plan.notes, ...outcome.notes];
  const exported = outcome.exported[0];
  if (exported) return ok({ outcome: 'created', issueKey: exported.issueKey, notes });
  const skipped = outcome.skipped[0];
  if (skipped?.issueKey !== undefined)
    return ok({ outcome: 'already_linked', issueKey: skipped.issueKey, notes: [skipped.reason, ...notes] });
  // Skipped with no issue: the finding is closed in ZeroPath and the caller did not ask to export it anyway.
  if (skipped !== undefined) return fail('invalid_input', skipped.reason);
  const failed = outcome.failed[0];
  if (failed) return fail('upstream', failed.reason);
  const transient = outcome.transient[0];
  // Someone else's export of this finding is running: a conflict, not a rate limit.
  if (transient?.retryAfterSeconds !== undefined && transient.claimHeld !== true)
    return fail('rate_limited', transient.reason, { retryAfterSeconds: transient.retryAfterSeconds });
  return fail('conflict', transient?.reason ?? 'The finding could not be exported; try again.');
});

defineEndpoint(resolver, exportBulkEndpoint, options, async (payload, context) => {
  const accountId = context.accountId ?? '';
  const { plan, missingRequiredFields } = await planFor(payload.target, accountId);
  plan.closedFindings = payload.closedFindings;
  if (missingRequiredFields.length > 0) {
    return fail('invalid_input', describeMissingFields(missingRequiredFields, payload.target), {
      fieldErrors: Object.fromEntries(missingRequiredFields.map((f) => [f.id, `${f.name} is required`])),
    });
  }
  const started = await startBulkExport(
    { jobId: randomUUID(), findingIds: payload.findingIds, plan, exportedBy: accountId, now: new Date() },
    { jobs: createKvsExportJobStore(), queue: createForgeJobQueue() },
  );
  return ok({ ...started, notes: plan.notes });
});

/*
 * Any page user (admin or security team) may read any export job, not only the one who started
 * it. Deliberate: the view holds finding ids, the issue keys created or found and redacted failure
 * reasons, and every caller here can already see each finding and its linked issue key on this
 * page (findings.search); the job id is a random UUID and the job expires after a week. The team
 * also shares the work: one may follow up on a bulk export another started.
 */
defineEndpoint(resolver, exportJobStatusEndpoint, options, async (payload) => {
  const view = await readJobView(payload.jobId, createKvsExportJobStore(), createServices().links);
  return view === undefined ? fail('not_found', 'This export job is unknown or has expired.') : ok(view);
});

/** Same audience and reasoning as the job status above: any page user may follow any export. */
defineEndpoint(resolver, exportHistoryEndpoint, options, async () => {
  const store = createKvsExportJobStore();
  const jobs = await store.listRecent(HISTORY_LENGTH);
  const rows = [];
  for (const job of jobs) {
    const view = await readJobView(job.jobId, store, createServices().links);
    if (view === undefined) continue;
    rows.push({
      jobId: job.jobId,
      createdAt: job.createdAt,
      createdBy: job.createdBy,
      projectKey: job.plan.projectKey,
      state: view.state,
      total: view.total,
      exported: view.exported.length,
      skipped: view.skipped.length,
      failed: view.failed.length,
    });
  }
  return ok({ jobs: rows });
});

registerTriageEndpoints(resolver, options);

export const findingsResolver = resolver.getDefinitions();
