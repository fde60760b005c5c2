import { openZeroPath } from '../app/connection/zeropath-access';
import { migrateConfig } from '../core/config/migrate-config';
import { createKvsCapabilityCache } from '../infra/store/capability-store';
import { createKvsConfigStore } from '../infra/store/config-store';
import { createKvsCredentialsStore } from '../infra/store/credentials-store';
import { createKvsHealthStore } from '../infra/store/health-store';
import { createKvsLinkStore } from '../infra/store/link-store';
import { createKvsSortOrderLog } from '../infra/store/sort-order-store';
import { createJiraClient, type JiraClientOptions } from '../infra/jira/jira-client';
import { forgeJiraRequester } from '../infra/jira/jira-requester';
import { forgeFetch } from '../infra/zeropath/forge-fetch';

/**
 * The composition root: the one place that picks concrete Forge-backed adapters. Entry points call
 * it per invocation (Forge may reuse a warm process, but nothing here caches per-user state).
 */
export function createServices() {
  const config = createKvsConfigStore(migrateConfig);
  const credentials = createKvsCredentialsStore();
  const capabilityCache = createKvsCapabilityCache();
  const sortOrderLog = createKvsSortOrderLog();
  return {
    config,
    credentials,
    links: createKvsLinkStore(),
    health: createKvsHealthStore(),
    zeroPathFetch: forgeFetch,
    capabilityCache,
    sortOrderLog,
    /** The session for the stored connection; rejects with NotConnectedError on a fresh install. */
    openZeroPath: () =>
      openZeroPath({ config, credentials, fetch: forgeFetch, capabilityCache, sortOrderLog }),
    /** `options.retry` lets a background step wait out Jira 429s within its own budget. */
    jiraAsApp: (options?: JiraClientOptions) => createJiraClient(forgeJiraRequester('app'), options),
    jiraAsUser: () => createJiraClient(forgeJiraRequester('user')),
  };
}
export type Services = ReturnType<typeof createServices>;
