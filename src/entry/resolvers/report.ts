import Resolver from '@forge/resolver';
import { reportEndpoints } from '../../contract/confluence';
import { fail, ok, type Result } from '../../contract/result';
import { NotConnectedError } from '../../app/connection/zeropath-access';
import { buildSecurityReport } from '../../app/confluence/security-report';
import { JiraRateLimitedError } from '../../infra/jira/jira-errors';
import { ZeroPathError, ZeroPathRateLimitedError } from '../../infra/zeropath/zeropath-errors';
import { createServices } from '../services';
import { defineEndpoint, type EndpointOptions } from './define-endpoint';

/**
 * The security report macro's resolver (`report-resolver`, Confluence `macro` module only). Any
 * signed-in viewer of the page may load it (Confluence already decided they may view the page);
 * what they see of Jira is decided by Jira, asked as them.
 */
function mapReportError(error: unknown): Result<never> | undefined {
  if (error instanceof NotConnectedError) return fail('not_connected', error.message);
  if (error instanceof ZeroPathRateLimitedError || error instanceof JiraRateLimitedError) {
    return fail('rate_limited', error.message, { retryAfterSeconds: error.retryAfterSeconds });
  }
  if (error instanceof ZeroPathError) return fail('upstream', error.message);
  return undefined;
}

const options: EndpointOptions = {
  moduleType: 'macro',
  // defineEndpoint has already refused a caller without an account (anonymous page views).
  authorize: () => Promise.resolve(),
  mapError: mapReportError,
};

const resolver = new Resolver();

defineEndpoint(resolver, reportEndpoints.load, options, async (payload) => {
  const services = createServices();
  return ok(
    await buildSecurityReport(
      {
        config: () => services.config.read(),
        openZeroPath: services.openZeroPath,
        links: services.links,
        jiraAsUser: services.jiraAsUser,
        now: () => new Date(),
      },
      payload.scope,
    ),
  );
});

export const reportResolver = resolver.getDefinitions();
