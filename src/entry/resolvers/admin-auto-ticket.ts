import type Resolver from '@forge/resolver';
import { ProjectAccessError, requireBrowseProject } from '../../app/access/project-access';
import { autoTicketEndpoints } from '../../contract/auto-ticket';
import { fail, ok, type Result } from '../../contract/result';
import { AutoTicketValidationError } from '../../app/auto-ticket/auto-ticket-errors';
import { createKvsAutoTicketStore } from '../../infra/store/auto-ticket-store';
import {
  dryRunRule,
  readAutoTicketSettings,
  saveRules,
  type ManageAutoTicketDeps,
} from '../../app/auto-ticket/manage-auto-ticket';
import { getFieldOptions, saveFieldMappings } from '../../app/fields/manage-field-mappings';
import {
  listIssueTypes,
  searchAssignees,
  searchEpics,
  searchProjects,
} from '../../app/findings/export-options';
import { saveSla } from '../../app/sla/manage-sla';
import { previewTemplate, saveTemplates } from '../../app/templates/manage-templates';
import {
  ZeroPathError,
  ZeroPathNotFoundError,
  ZeroPathRateLimitedError,
} from '../../infra/zeropath/zeropath-errors';
import { createServices } from '../services';
import { defineEndpoint, type EndpointOptions } from './define-endpoint';

/**
 * The admin page's auto-ticketing, templates, custom-field and SLA endpoints, registered on the
 * admin resolver with the admin page's options: each one authorises ADMINISTER as the calling user
 * before it runs (the admin page's `authorize`), and errors this area adds are mapped first.
 */
export function registerAutoTicketEndpoints(resolver: Resolver, adminOptions: EndpointOptions): void {
  const options: EndpointOptions = {
    ...adminOptions,
    mapError: (error) => mapAutoTicketError(error) ?? adminOptions.mapError?.(error),
  };

  defineEndpoint(resolver, autoTicketEndpoints.getSettings, options, async () =>
    ok(await readAutoTicketSettings(manageDeps())),
  );

  defineEndpoint(resolver, autoTicketEndpoints.saveRules, options, async (payload, context) => {
    const services = createServices();
    return ok(
      await saveRules(
        { ...manageDeps(), jiraAsUser: services.jiraAsUser, ...(context.accountId === undefined ? {} : { accountId: context.accountId }) },
        payload.rules,
      ),
    );
  });

  defineEndpoint(resolver, autoTicketEndpoints.dryRun, options, async (payload) => {
    const services = createServices();
    const session = await services.openZeroPath();
    return ok(
      await dryRunRule({ ...manageDeps(), zeroPath: session.client, links: services.links }, payload.rule),
    );
  });

  defineEndpoint(resolver, autoTicketEndpoints.saveTemplates, options, async (payload) =>
    ok(await saveTemplates({ config: createServices().config }, payload)),
  );

  defineEndpoint(resolver, autoTicketEndpoints.previewTemplate, options, async (payload) => {
    const services = createServices();
    const session = await services.openZeroPath();
    return ok(await previewTemplate({ config: services.config, zeroPath: session.client }, payload));
  });

  defineEndpoint(resolver, autoTicketEndpoints.getFieldOptions, options, async (payload) => {
    const services = createServices();
    return ok(
      await getFieldOptions(
        { config: services.config, jira: services.jiraAsApp() },
        payload.projectKey,
        payload.issueTypeId,
      ),
    );
  });

  defineEndpoint(resolver, autoTicketEndpoints.saveFieldMappings, options, async (payload) => {
    const services = createServices();
    return ok(await saveFieldMappings({ config: services.config, jira: services.jiraAsApp() }, payload));
  });

  defineEndpoint(resolver, autoTicketEndpoints.saveSla, options, async (payload) => {
    const services = createServices();
    return ok(await saveSla({ config: services.config, jira: services.jiraAsApp() }, payload));
  });

  // The rule form's pickers: the findings page's lookup use cases, asked as the app (it creates the
  // tickets), behind the admin page's ADMINISTER check. Jira accepts a project id wherever a key goes.
  // Each is also checked as the admin: a project the admin cannot browse shows nothing of its
  // content (app/access/project-access.ts), and the project list is the app's list narrowed to the
  // projects the admin can browse.
  defineEndpoint(resolver, autoTicketEndpoints.lookupProjects, options, async (payload) => {
    const services = createServices();
    const [asApp, asAdmin] = await Promise.all([
      searchProjects(services.jiraAsApp(), payload.query),
      searchProjects(services.jiraAsUser(), payload.query),
    ]);
    const visible = new Set(asAdmin.map((p) => p.id));
    return ok({ projects: asApp.filter((p) => visible.has(p.id)) });
  });

  defineEndpoint(resolver, autoTicketEndpoints.lookupIssueTypes, options, async (payload) => {
    const services = createServices();
    await requireBrowseProject(services.jiraAsUser, payload.projectId);
    return ok({ issueTypes: await listIssueTypes(services.jiraAsApp(), payload.projectId) });
  });

  defineEndpoint(resolver, autoTicketEndpoints.lookupEpics, options, async (payload) => {
    const services = createServices();
    await requireBrowseProject(services.jiraAsUser, payload.projectId);
    return ok({ epics: await searchEpics(services.jiraAsApp(), payload.projectId, payload.query) });
  });

  defineEndpoint(resolver, autoTicketEndpoints.lookupUsers, options, async (payload) => {
    const services = createServices();
    await requireBrowseProject(services.jiraAsUser, payload.projectId);
    return ok({ users: await searchAssignees(services.jiraAsApp(), payload.projectId, payload.query) });
  });

  defineEndpoint(resolver, autoTicketEndpoints.lookupRepositories, options, async () => {
    const services = createServices();
    const session = await services.openZeroPath();
    const { repositories } = await session.client.listRepositories();
    return ok({ repositories: repositories.map((r) => ({ id: r.id, name: r.name, tags: [...r.tags] })) });
  });
}

function manageDeps(): ManageAutoTicketDeps {
  const services = createServices();
  return { config: services.config, store: createKvsAutoTicketStore(), jira: services.jiraAsApp() };
}

function mapAutoTicketError(error: unknown): Result<never> | undefined {
  if (error instanceof ProjectAccessError) return fail('forbidden', error.message);
  if (error instanceof AutoTicketValidationError) {
    return fail('invalid_input', error.message, { fieldErrors: error.fieldErrors });
  }
  if (error instanceof ZeroPathNotFoundError)
    return fail('not_found', 'ZeroPath has no such finding (or the token cannot see it).');
  if (error instanceof ZeroPathRateLimitedError)
    return fail('rate_limited', 'ZeroPath is busy right now; try again shortly.');
  if (error instanceof ZeroPathError) return fail('upstream', `ZeroPath could not answer: ${error.message}`);
  return undefined;
}
