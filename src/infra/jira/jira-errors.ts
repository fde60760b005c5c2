import { scrubErrorText } from '../../core/redaction/scrub-error-text';

/**
 * Errors of the Jira adapter. `JiraApiError` carries Jira's own `ErrorCollection`
 * (`{"errorMessages": [], "errors": {}}`) so callers can show field-level problems.
 */
export class JiraApiError extends Error {
  override name = 'JiraApiError';
  /** Jira's messages, scrubbed (they can echo the value Jira refused). */
  readonly errorMessages: string[];
  /** Field-level messages by field id, scrubbed: they reach the browser as `fieldErrors`. */
  readonly errors: Record<string, string>;
  constructor(
    readonly status: number,
    /** e.g. `GET /rest/api/3/issue/SEC-1` — query string left out (it may hold user search text). */
    readonly operation: string,
    errorMessages: string[] = [],
    errors: Record<string, string> = {},
    advice?: string,
  ) {
    // Jira's messages can echo the value it refused (a field, a JQL literal, a URL with its query);
    // this text reaches the UI, Health and logs, so it is scrubbed here, once, for every caller —
    // the properties as well as the message, since callers pass `errors` on as field errors.
    const scrubbedMessages = errorMessages.map((message) => scrubErrorText(message));
    const scrubbedErrors: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [field, message] of Object.entries(errors))
      scrubbedErrors[scrubErrorText(field)] = scrubErrorText(message);
    const details = [
      ...scrubbedMessages,
      ...Object.entries(scrubbedErrors).map(([field, message]) => `${field}: ${message}`),
    ];
    super(
      `Jira answered HTTP ${status} to ${operation}${details.length > 0 ? `: ${details.join('; ')}` : ''}.${advice ? ` ${advice}` : ''}`,
    );
    this.errorMessages = scrubbedMessages;
    this.errors = { ...scrubbedErrors };
  }
}

/** 404: Jira also answers this when the caller may not see the resource. */
export class JiraNotFoundError extends JiraApiError {
  override name = 'JiraNotFoundError';
  constructor(operation: string, errorMessages: string[] = [], errors: Record<string, string> = {}) {
    super(404, operation, errorMessages, errors, 'It does not exist or the caller may not see it.');
  }
}

export class JiraForbiddenError extends JiraApiError {
  override name = 'JiraForbiddenError';
  constructor(operation: string, errorMessages: string[] = [], errors: Record<string, string> = {}) {
    super(
      403,
      operation,
      errorMessages,
      errors,
      'The caller lacks the Jira permission for this; ask a Jira admin.',
    );
  }
}

/** Values Jira sends in `RateLimit-Reason` (jira-rest-api.md §8.2); anything else is 'unknown'. */
export const RATE_LIMIT_REASONS = [
  'jira-burst-based',
  'jira-per-issue-on-write',
  'jira-quota-global-based',
  'jira-quota-tenant-based',
] as const;
export type JiraRateLimitReason = (typeof RATE_LIMIT_REASONS)[number] | 'unknown';

export class JiraRateLimitedError extends JiraApiError {
  override name = 'JiraRateLimitedError';
  constructor(
    operation: string,
    readonly retryAfterSeconds: number,
    readonly reason: JiraRateLimitReason,
  ) {
    super(
      429,
      operation,
      [],
      {},
      `Jira is rate limiting the app (${reason}); retry in ${retryAfterSeconds} s.`,
    );
  }

  /** The hourly points quota is spent: every call fails until the window resets, so stop, don't retry. */
  get isQuotaExhausted(): boolean {
    return this.reason === 'jira-quota-global-based' || this.reason === 'jira-quota-tenant-based';
  }
}

/**
 * The app's own stop before Jira refuses: the hourly points quota is down to the reserve the adapter
 * keeps (jira-quota.ts), so the call is not sent. Callers treat it like an exhausted quota — defer
 * until `retryAfterSeconds` (the reset) — without a 429 having been collected.
 */
export class JiraQuotaReserveError extends JiraRateLimitedError {
  override name = 'JiraQuotaReserveError';
  constructor(
    operation: string,
    retryAfterSeconds: number,
    readonly pointsRemaining: number,
  ) {
    super(operation, retryAfterSeconds, 'jira-quota-global-based');
    this.message = `Paused ${operation}: Jira's hourly quota for the app is down to ${pointsRemaining} points, kept in reserve; calls resume in ${retryAfterSeconds} s when the quota resets.`;
  }
}

/** 5xx. `retryAfterSeconds` is set only when Jira said when to come back (some 503s do). */
export class JiraUnavailableError extends JiraApiError {
  override name = 'JiraUnavailableError';
  constructor(
    status: number,
    operation: string,
    readonly retryAfterSeconds: number | undefined,
    errorMessages: string[] = [],
  ) {
    super(status, operation, errorMessages, {}, 'Jira is having trouble; try again shortly.');
  }
}

/** Jira answered 2xx with a body the app cannot use. */
export class JiraResponseError extends Error {
  override name = 'JiraResponseError';
  constructor(
    readonly operation: string,
    detail: string,
  ) {
    super(`Jira answered ${operation} with an unexpected body (${detail}).`);
  }
}

/** The caller asked for something the adapter will not send to Jira. */
export class JiraInvalidRequestError extends Error {
  override name = 'JiraInvalidRequestError';
}
