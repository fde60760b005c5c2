import { migrateConfig } from '../core/config/migrate-config';
import { createKvsConfigStore } from '../infra/store/config-store';
import { createKvsCredentialsStore } from '../infra/store/credentials-store';
import { createKvsHealthStore } from '../infra/store/health-store';
import { createKvsLinkStore } from '../infra/store/link-store';
import { createJiraClient } from '../infra/jira/jira-client';
import { forgeJiraRequester } from '../infra/jira/jira-requester';
import { forgeFetch } from '../infra/zeropath/forge-fetch';

/**
 * The composition root: the one place that picks concrete Forge-backed adapters. Entry points call
 * it per invocation (Forge may reuse a warm process, but nothing here caches per-user state).
 */
export function createServices() {
  return {
    config: createKvsConfigStore(migrateConfig),
    credentials: createKvsCredentialsStore(),
    links: createKvsLinkStore(),
    health: createKvsHealthStore(),
    zeroPathFetch: forgeFetch,
    jiraAsApp: () => createJiraClient(forgeJiraRequester('app')),
    jiraAsUser: () => createJiraClient(forgeJiraRequester('user')),
  };
}
export type Services = ReturnType<typeof createServices>;
