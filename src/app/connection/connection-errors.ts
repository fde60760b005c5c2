import {
  ZeroPathAuthError,
  ZeroPathEgressError,
  ZeroPathError,
  ZeroPathForbiddenError,
  ZeroPathRateLimitedError,
  ZeroPathResponseError,
  ZeroPathUnavailableError,
} from '../../infra/zeropath/zeropath-errors';

/**
 * Why connecting (or testing, or rotating) failed, in the admin's terms: each problem says what
 * happened and what to do. Messages never contain the token secret: they are built here from
 * fixed text and non-secret facts (host, dates, seconds).
 */
export type ConnectionProblem =
  | 'wrong_credentials'
  | 'token_expired'
  | 'no_organization_access'
  | 'organization_not_found'
  | 'unreachable'
  | 'rate_limited'
  | 'host_not_allowed'
  | 'unexpected_response';

/** The payload field the admin should fix, when there is one. */
export type ConnectionField = 'tokenId' | 'tokenSecret' | 'baseUrl' | 'tokenExpiresOn' | 'organizationId';

export class ConnectionError extends Error {
  override readonly name = 'ConnectionError';
  constructor(
    readonly problem: ConnectionProblem,
    message: string,
    readonly field?: ConnectionField,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

const TOKEN_PAGE = 'ZeroPath → Settings → API Tokens';

export function wrongCredentials(): ConnectionError {
  return new ConnectionError(
    'wrong_credentials',
    `ZeroPath did not accept this token id and secret. Copy both again from ${TOKEN_PAGE} (the secret is shown only once when the token is created); if it is lost, create a new token.`,
    'tokenSecret',
  );
}

export function tokenExpired(expiresAt?: string): ConnectionError {
  const when = expiresAt === undefined ? '' : ` on ${expiresAt.slice(0, 10)}`;
  return new ConnectionError(
    'token_expired',
    `This ZeroPath API token has expired${when}. Create a new token in ${TOKEN_PAGE} and use "Rotate token" (or connect again) with it.`,
    'tokenSecret',
  );
}

export function noOrganizationAccess(detail?: string): ConnectionError {
  return new ConnectionError(
    'no_organization_access',
    `The token is valid but has no access to a ZeroPath organisation${detail ? ` (${detail})` : ''}. Create an organisation (admin) API token in ${TOKEN_PAGE}, or ask a ZeroPath admin to add the token's user to the organisation.`,
    'tokenId',
  );
}

export function organizationNotFound(): ConnectionError {
  return new ConnectionError(
    'organization_not_found',
    'This token cannot see the chosen organisation. Pick one of the organisations listed, or use a token of that organisation.',
    'organizationId',
  );
}

/** Translates the adapter's typed errors; anything else is not a connection problem and is rethrown. */
export function toConnectionError(error: unknown, host: string): unknown {
  if (!(error instanceof ZeroPathError)) return error;
  if (error instanceof ZeroPathAuthError) return error.expired ? tokenExpired() : wrongCredentials();
  if (error instanceof ZeroPathForbiddenError) return noOrganizationAccess();
  if (error instanceof ZeroPathRateLimitedError) {
    return new ConnectionError(
      'rate_limited',
      `ZeroPath is rate limiting requests right now. Wait ${error.retryAfterSeconds} seconds and try again.`,
      undefined,
      error.retryAfterSeconds,
    );
  }
  if (error instanceof ZeroPathUnavailableError) {
    return new ConnectionError(
      'unreachable',
      `ZeroPath at ${host} could not be reached or answered with an error (${error.status === undefined ? 'no answer' : `HTTP ${error.status}`}). Check the ZeroPath URL and ZeroPath's status page, then try again in a few minutes.`,
      'baseUrl',
    );
  }
  if (error instanceof ZeroPathEgressError) {
    return new ConnectionError(
      'host_not_allowed',
      `The app is not allowed to call ${host}. Use https://zeropath.com or your https://<tenant>.branch.zeropath.com address.`,
      'baseUrl',
    );
  }
  if (error instanceof ZeroPathResponseError) {
    return new ConnectionError(
      'unexpected_response',
      `${host} did not answer like the ZeroPath API (perhaps a sign-in or proxy page). Check that the URL is your ZeroPath address.`,
      'baseUrl',
    );
  }
  return new ConnectionError(
    'unexpected_response',
    `ZeroPath refused the request (${error.message.slice(0, 200)}). Check the token and URL, then try again.`,
  );
}
