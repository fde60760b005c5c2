import Resolver from '@forge/resolver';
import { adminEndpoints } from '../../contract/admin';
import { fail, ok, type Result } from '../../contract/result';
import { ConnectionError } from '../../app/connection/connection-errors';
import {
  connect,
  disconnect,
  readConnection,
  rotateToken,
  testConnection,
  type ConnectionDeps,
} from '../../app/connection/manage-connection';
import { NotConnectedError } from '../../app/connection/zeropath-access';
import {
  readDefaultsOptions,
  readSettings,
  saveDefaults,
  saveSecurity,
  saveSync,
  SettingsValidationError,
  type SettingsDeps,
} from '../../app/config/manage-settings';
import { readHealth } from '../../app/health/read-health';
import { ConfigMigrationError } from '../../core/config/migrate-config';
import { JiraApiError, JiraRateLimitedError } from '../../infra/jira/jira-errors';
import { InvalidStoredConfigError, SectionTooLargeError } from '../../infra/store/config-store';
import { createServices } from '../services';
import { readJobsInFlight } from '../../infra/queue/queue-tracking';
import { registerAutoTicketEndpoints } from './admin-auto-ticket';
import { registerConfluenceAdminEndpoints } from './admin-confluence';
import { registerOrphanEndpoints } from './admin-orphans';
import { defineEndpoint, type EndpointOptions, ForbiddenError } from './define-endpoint';
import { type ResolverContext } from './resolver-context';

/**
 * The admin page's resolver: its own Forge function (`admin-resolver`), reachable only from the
 * `jira:adminPage` module. Every endpoint checks, as the calling user, that they hold Jira's global
 * ADMINISTER permission before doing anything, and fails closed when that cannot be verified.
 */
const ADMIN_PAGE_TYPE = 'jira:adminPage';

async function authorizeJiraAdmin(_context: ResolverContext): Promise<void> {
  // asUser(): Jira answers for the person at the screen; the context's accountId is only a guard.
  const isAdmin = await createServices().jiraAsUser().isJiraAdmin();
  if (!isAdmin) throw new ForbiddenError('Only Jira administrators can change ZeroPath for Jira settings.');
}

function mapAdminError(error: unknown): Result<never> | undefined {
  if (error instanceof ConnectionError) {
    const extra = {
      ...(error.field === undefined ? {} : { fieldErrors: { [error.field]: error.message } }),
      ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
    };
    const kind =
      error.problem === 'rate_limited'
        ? 'rate_limited'
        : error.problem === 'unreachable' || error.problem === 'unexpected_response'
          ? 'upstream'
          : 'invalid_input';
    return fail(kind, error.message, extra);
  }
  if (error instanceof SettingsValidationError) {
    return fail('invalid_input', error.message, { fieldErrors: error.fieldErrors });
  }
  if (error instanceof NotConnectedError) return fail('not_connected', error.message);
  if (error instanceof SectionTooLargeError) return fail('invalid_input', error.message);
  if (error instanceof InvalidStoredConfigError || error instanceof ConfigMigrationError) {
    return fail('internal', error.message);
  }
  if (error instanceof JiraRateLimitedError) {
    return fail('rate_limited', `Jira is busy right now. Try again in ${error.retryAfterSeconds} seconds.`, {
      retryAfterSeconds: error.retryAfterSeconds,
    });
  }
  if (error instanceof JiraApiError) {
    return fail('upstream', `Jira could not answer (HTTP ${error.status}). Try again shortly.`);
  }
  return undefined;
}

const options: EndpointOptions = {
  moduleType: ADMIN_PAGE_TYPE,
  authorize: authorizeJiraAdmin,
  mapError: mapAdminError,
};

function connectionDeps(): ConnectionDeps {
  const services = createServices();
  return {
    config: services.config,
    credentials: services.credentials,
    fetch: services.zeroPathFetch,
    capabilityCache: services.capabilityCache,
    now: () => new Date(),
  };
}

function healthOf(services: ReturnType<typeof createServices>) {
  return readHealth({
    health: services.health,
    now: () => new Date(),
    jobsInFlight: readJobsInFlight,
    probeJiraQuota: () => services.jiraAsApp().quotaStatus(),
    capabilityCache: services.capabilityCache,
    sortOrderLog: services.sortOrderLog,
  });
}

function settingsDeps(): SettingsDeps {
  const services = createServices();
  return { config: services.config, jiraAsApp: services.jiraAsApp };
}

function accountOf(context: ResolverContext): string {
  // defineEndpoint has already refused a context without an account id.
  return context.accountId ?? 'unknown';
}

const resolver = new Resolver();

defineEndpoint(resolver, adminEndpoints.getConnection, options, async () =>
  ok(await readConnection(connectionDeps())),
);

defineEndpoint(resolver, adminEndpoints.connect, options, async (payload, context) =>
  ok(await connect(connectionDeps(), payload, accountOf(context))),
);

defineEndpoint(resolver, adminEndpoints.testConnection, options, async () =>
  ok(await testConnection(connectionDeps())),
);

defineEndpoint(resolver, adminEndpoints.rotateToken, options, async (payload, context) =>
  ok(await rotateToken(connectionDeps(), payload, accountOf(context))),
);

defineEndpoint(resolver, adminEndpoints.disconnect, options, async () =>
  ok(await disconnect(connectionDeps())),
);

defineEndpoint(resolver, adminEndpoints.getSettings, options, async () =>
  ok(await readSettings(settingsDeps())),
);

defineEndpoint(resolver, adminEndpoints.listResolutions, options, async () => {
  const resolutions = await createServices().jiraAsApp().listResolutions();
  return ok({ resolutions: resolutions.map((r) => ({ id: r.id, name: r.name })) });
});

defineEndpoint(resolver, adminEndpoints.getDefaultsOptions, options, async (payload) =>
  ok(await readDefaultsOptions(settingsDeps(), payload.projectKey)),
);

defineEndpoint(resolver, adminEndpoints.saveDefaults, options, async (payload) =>
  ok(await saveDefaults(settingsDeps(), payload)),
);

defineEndpoint(resolver, adminEndpoints.saveSync, options, async (payload) =>
  ok(await saveSync(settingsDeps(), payload)),
);

defineEndpoint(resolver, adminEndpoints.saveSecurity, options, async (payload) =>
  ok(await saveSecurity(settingsDeps(), payload)),
);

defineEndpoint(resolver, adminEndpoints.searchGroups, options, async (payload) =>
  ok({ groups: await createServices().jiraAsUser().findGroups(payload.query) }),
);

defineEndpoint(resolver, adminEndpoints.getHealth, options, async () => ok(await healthOf(createServices())));

registerAutoTicketEndpoints(resolver, options);
registerConfluenceAdminEndpoints(resolver, options);
registerOrphanEndpoints(resolver, options);

export const adminResolver = resolver.getDefinitions();
