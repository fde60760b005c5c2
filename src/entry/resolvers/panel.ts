import Resolver from '@forge/resolver';
import { panelEndpoints } from '../../contract/panel';
import { fail, ok, type Result } from '../../contract/result';
import { NotConnectedError } from '../../app/connection/zeropath-access';
import { type PanelCaller } from '../../app/panel/issue-access';
import { PanelConflictError, PanelForbiddenError, PanelInputError, PanelNotLinkedError } from '../../app/panel/panel-errors';
import {
  acceptRisk,
  linkFinding,
  loadPanel,
  markFalsePositive,
  refreshPanel,
  reopenFinding,
  type PanelDeps,
} from '../../app/panel/panel-service';
import { relatedDocsForIssue } from '../../app/confluence/related-docs';
import { createConfluenceClient } from '../../infra/confluence/confluence-client';
import { JiraRateLimitedError } from '../../infra/jira/jira-errors';
import { createKvsRiskExpiryStore } from '../../infra/store/risk-expiry-store';
import { createKvsIssuePermissionStore } from '../../infra/store/issue-permission-store';
import { ZeroPathError, ZeroPathRateLimitedError } from '../../infra/zeropath/zeropath-errors';
import { createServices } from '../services';
import { defineEndpoint, ForbiddenError, type EndpointOptions } from './define-endpoint';
import { type ResolverContext } from './resolver-context';

/**
 * The issue panel's resolver function (`panel-resolver`): it serves the panel's endpoints and
 * nothing else, so the panel's frontend cannot reach admin or findings-page handlers.
 *
 * The issue is always `context.extension.issue` (built by the platform); no payload carries one.
 * Authorisation (browse for reads, edit for actions) runs in the use cases, as the user, because
 * the read path answers it from a short-lived cache (see app/panel/issue-access.ts); the
 * `authorize` hook here only insists on an issue context.
 */

function callerOf(context: ResolverContext): PanelCaller {
  const issue = context.extension?.issue;
  const project = context.extension?.project;
  // defineEndpoint has already refused a context without an account id.
  if (issue === undefined || project === undefined || context.accountId === undefined) {
    throw new PanelForbiddenError('The panel was opened without an issue.');
  }
  return {
    accountId: context.accountId,
    issueId: issue.id,
    issueKey: issue.key,
    projectKey: project.key,
    projectId: project.id,
  };
}

function mapPanelError(error: unknown): Result<never> | undefined {
  if (error instanceof PanelForbiddenError) return fail('forbidden', error.message);
  if (error instanceof PanelConflictError) return fail('conflict', error.message);
  if (error instanceof PanelNotLinkedError) return fail('not_found', error.message);
  if (error instanceof PanelInputError) {
    return fail('invalid_input', error.message, { fieldErrors: { [error.field]: error.message } });
  }
  if (error instanceof NotConnectedError) return fail('not_connected', error.message);
  if (error instanceof ZeroPathRateLimitedError || error instanceof JiraRateLimitedError) {
    return fail('rate_limited', error.message, { retryAfterSeconds: error.retryAfterSeconds });
  }
  if (error instanceof ZeroPathError) {
    return fail(error.kind === 'not_found' ? 'not_found' : 'upstream', error.message);
  }
  return undefined;
}

const options: EndpointOptions = {
  moduleType: 'jira:issuePanel',
  authorize: (context) => {
    if (context.extension?.issue === undefined || context.extension.project === undefined) {
      return Promise.reject(new ForbiddenError('The panel was opened without an issue.'));
    }
    return Promise.resolve();
  },
  mapError: mapPanelError,
};

function panelDeps(): PanelDeps {
  const services = createServices();
  return {
    links: services.links,
    riskExpiry: createKvsRiskExpiryStore(),
    permissions: createKvsIssuePermissionStore(),
    config: services.config,
    credentials: services.credentials,
    zeroPathFetch: services.zeroPathFetch,
    capabilityCache: services.capabilityCache,
    jiraAsUser: services.jiraAsUser,
    jiraAsApp: services.jiraAsApp,
    now: () => new Date(),
  };
}

const resolver = new Resolver();

defineEndpoint(resolver, panelEndpoints.load, options, async (_payload, context) =>
  ok(await loadPanel(panelDeps(), callerOf(context))),
);
defineEndpoint(resolver, panelEndpoints.refresh, options, async (_payload, context) =>
  ok(await refreshPanel(panelDeps(), callerOf(context))),
);
defineEndpoint(resolver, panelEndpoints.markFalsePositive, options, async (payload, context) =>
  ok(await markFalsePositive(panelDeps(), callerOf(context), payload.reason)),
);
defineEndpoint(resolver, panelEndpoints.acceptRisk, options, async (payload, context) =>
  ok(await acceptRisk(panelDeps(), callerOf(context), payload)),
);
defineEndpoint(resolver, panelEndpoints.reopen, options, async (payload, context) =>
  ok(await reopenFinding(panelDeps(), callerOf(context), payload.reason)),
);
defineEndpoint(resolver, panelEndpoints.linkFinding, options, async (payload, context) =>
  ok(await linkFinding(panelDeps(), callerOf(context), payload.reference)),
);

defineEndpoint(resolver, panelEndpoints.relatedDocs, options, async (_payload, context) => {
  const deps = { ...panelDeps(), confluenceAsUser: () => createConfluenceClient('user') };
  return ok(await relatedDocsForIssue(deps, callerOf(context)));
});

export const panelResolver = resolver.getDefinitions();
