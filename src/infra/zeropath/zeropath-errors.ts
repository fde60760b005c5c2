/**
 * Errors the ZeroPath adapter throws. Each one says what happened and what the admin or caller can
 * do about it. None of them may carry the token secret, request headers or the request init: the
 * messages end up in logs and, mapped by the layers above, in the admin UI.
 */
export abstract class ZeroPathError extends Error {
  abstract readonly kind:
    | 'auth'
    | 'forbidden'
    | 'not_found'
    | 'rate_limited'
    | 'unavailable'
    | 'response'
    | 'egress'
    | 'request';
}

/** 401: the token id/secret pair is wrong, revoked or expired. */
export class ZeroPathAuthError extends ZeroPathError {
  override readonly name = 'ZeroPathAuthError';
  readonly kind = 'auth';
  constructor(readonly expired: boolean) {
    super(
      expired
        ? 'ZeroPath rejected the API token because it has expired. Create a new token in ZeroPath (Settings → API Tokens) and save it on the app admin page.'
        : 'ZeroPath rejected the API token (401). Check the token id and secret on the app admin page, or create a new token in ZeroPath (Settings → API Tokens).',
    );
  }
}

/** 403: the token is valid but may not act on this organization or finding. */
export class ZeroPathForbiddenError extends ZeroPathError {
  override readonly name = 'ZeroPathForbiddenError';
  readonly kind = 'forbidden';
  constructor(detail: string) {
    super(
      `ZeroPath refused the request (403${detail ? `: ${detail}` : ''}). The token lacks access to this organization or action; use an organization/admin API token.`,
    );
  }
}

export class ZeroPathNotFoundError extends ZeroPathError {
  override readonly name = 'ZeroPathNotFoundError';
  readonly kind = 'not_found';
  constructor(what: string) {
    super(`ZeroPath has no ${what}. It may have been deleted, or it belongs to another organization.`);
  }
}

/** 429. ZeroPath documents no limits; the adapter still honours Retry-After. */
export class ZeroPathRateLimitedError extends ZeroPathError {
  override readonly name = 'ZeroPathRateLimitedError';
  readonly kind = 'rate_limited';
  constructor(readonly retryAfterSeconds: number) {
    super(`ZeroPath is rate limiting the app. Retry in ${retryAfterSeconds} s.`);
  }
}

/** 5xx, network failures and timeouts: worth retrying later. */
export class ZeroPathUnavailableError extends ZeroPathError {
  override readonly name = 'ZeroPathUnavailableError';
  readonly kind = 'unavailable';
  constructor(
    detail: string,
    readonly status?: number,
  ) {
    super(`ZeroPath is unavailable (${detail}). Try again in a few minutes; if it persists, check ZeroPath's status.`);
  }
}

/** A 2xx whose body is not JSON or does not match the shape the app relies on. */
export class ZeroPathResponseError extends ZeroPathError {
  override readonly name = 'ZeroPathResponseError';
  readonly kind = 'response';
  constructor(
    detail: string,
    /** First characters of the body, secret removed; never headers. */
    readonly bodySnippet: string,
  ) {
    super(
      `ZeroPath answered with an unexpected response (${detail}). Check that the base URL points at the ZeroPath API and not a login or proxy page. Body starts: ${bodySnippet}`,
    );
  }
}

/** Forge refused to reach the host because the manifest's egress list does not include it. */
export class ZeroPathEgressError extends ZeroPathError {
  override readonly name = 'ZeroPathEgressError';
  readonly kind = 'egress';
  constructor(readonly host: string) {
    super(
      `The app is not allowed to call ${host}: it is not in the manifest's external fetch permissions. Use https://zeropath.com or a https://<tenant>.branch.zeropath.com URL.`,
    );
  }
}

/** The caller or the configuration asked for something the adapter will not send (or ZeroPath answered 400/409/422). */
export class ZeroPathRequestError extends ZeroPathError {
  override readonly name = 'ZeroPathRequestError';
  readonly kind = 'request';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}
