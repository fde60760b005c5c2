import type Resolver from '@forge/resolver';
import { ok } from '../../contract/result';
import { bulkTriageEndpoint } from '../../contract/triage';
import { bulkTriage } from '../../app/sync/bulk-triage';
import { createJiraClient } from '../../infra/jira/jira-client';
import { forgeJiraRequester } from '../../infra/jira/jira-requester';
import { createServices } from '../services';
import { invocationTimeLeft } from '../../infra/runtime/invocation-time';
import { defineEndpoint, type EndpointOptions } from './define-endpoint';

/** Of the 25 s a resolver has, what is left for answering once the Jira work is cut off. */
const ANSWER_RESERVE_MS = 4_000;
/** A single rate-limited Jira call waits at most this long, so one slow issue cannot eat the budget. */
const MAX_CALL_WAIT_MS = 6_000;
const RESOLVER_BUDGET_MS = 25_000;

/**
 * Bulk-triage endpoints on the findings page's resolver. The findings resolver passes its own
 * options, so the same module check and authorisation (Jira administrators and the security team) apply; Jira issues
 * are moved as the calling user, so Jira also enforces their Transition Issues permission, and
 * the comment explaining each move is the app's own.
 */
export function registerTriageEndpoints(resolver: Resolver, options: EndpointOptions): void {
  defineEndpoint(resolver, bulkTriageEndpoint, options, async (payload, context) => {
    const services = createServices();
    // Forge's own count of the 25 s (platform calls included), not this process's clock.
    const timeLeftMs = invocationTimeLeft(RESOLVER_BUDGET_MS);
    const session = await services.openZeroPath();
    const retry = () => ({
      budgetMs: Math.max(0, Math.min(MAX_CALL_WAIT_MS, timeLeftMs() - ANSWER_RESERVE_MS)),
    });
    const summary = await bulkTriage(
      {
        zeroPath: session.client,
        jira: createJiraClient(forgeJiraRequester('user'), { retry }),
        jiraAsApp: createJiraClient(forgeJiraRequester('app'), { retry }),
        links: services.links,
        now: () => new Date(),
      },
      payload,
      { accountId: context.accountId ?? 'unknown' },
    );
    return ok(summary);
  });
}
