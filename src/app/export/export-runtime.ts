import { openZeroPath, type ZeroPathAccessDeps } from '../connection/zeropath-access';
import { createJiraClient } from '../../infra/jira/jira-client';
import { forgeJiraRequester } from '../../infra/jira/jira-requester';
import { type LinkStore } from '../../infra/store/link-store';
import { manualExportShaping, withTicketShaping } from '../templates/ticket-shaping';
import { type ExportDeps } from './export-findings';
import { createKvsPendingExportStore } from '../../infra/store/pending-export-store';
import { ticketRelatedDocs } from '../confluence/related-docs';
import { createForgeJobQueue } from '../../infra/queue/job-queue';

/**
 * Export dependencies for one invocation. `inlineRetryBudgetMs` is how long a rate-limited Jira
 * call may wait in-process: a resolver has a person waiting, so it waits a little; a consumer
 * waits 0 and hands the wait to the platform (InvocationError retryAfter), which costs nothing.
 */
export async function openExportDeps(
  services: ZeroPathAccessDeps & { links: LinkStore },
  inlineRetryBudgetMs: number,
): Promise<ExportDeps> {
  const { client, config } = await openZeroPath(services);
  const deps: ExportDeps = {
    jira: createJiraClient(forgeJiraRequester('app'), { retry: { budgetMs: inlineRetryBudgetMs } }),
    zeroPath: client,
    zeroPathBaseUrl: config.connection.baseUrl,
    relatedDocsUrl: ticketRelatedDocs(config.confluence),
    links: services.links,
    pending: createKvsPendingExportStore(),
    now: () => new Date(),
    queueSync: (job) => createForgeJobQueue().push([{ ...job }]),
  };
  // SLA due date, mapped custom fields and (with "Use Jira template") the site template (issue 9).
  return withTicketShaping(deps, manualExportShaping(config)).deps;
}
