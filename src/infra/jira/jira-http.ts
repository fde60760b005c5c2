import { noteRateLimit } from '../runtime/rate-limit-tally';
import { type Route } from '@forge/api';
import { z } from 'zod';
import {
  JiraApiError,
  JiraForbiddenError,
  JiraNotFoundError,
  JiraQuotaReserveError,
  JiraRateLimitedError,
  JiraResponseError,
  JiraUnavailableError,
  RATE_LIMIT_REASONS,
  type JiraRateLimitReason,
} from './jira-errors';
import { endpointOf, parseWaitSeconds, processJiraQuota, type JiraQuotaGauge } from './jira-quota';
import { withJiraRetry, type JiraRetryOptions } from './jira-retry';

/** The part of @forge/api's response the adapter reads. */
export interface JiraResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export interface JiraRequestInit {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers?: Record<string, string>;
  body?: string;
}

/**
 * `api.asApp()` / `api.asUser()`'s `requestJira`, narrowed. Paths are `Route`s from the `route`
 * tag so interpolated keys are escaped and path traversal is refused.
 */
export interface JiraRequester {
  requestJira(path: Route, init?: JiraRequestInit): Promise<JiraResponseLike>;
}

/** Header-less 429s happen (other throttles, JRACLOUD-83791); wait this long before retrying. */
export const DEFAULT_RATE_LIMIT_WAIT_SECONDS = 5;

const errorCollectionSchema = z.object({
  errorMessages: z.array(z.string()).optional(),
  errors: z.record(z.string(), z.unknown()).optional(),
});

function parseErrorCollection(text: string): { errorMessages: string[]; errors: Record<string, string> } {
  try {
    const parsed = errorCollectionSchema.safeParse(JSON.parse(text));
    if (parsed.success) {
      const errors = Object.fromEntries(
        Object.entries(parsed.data.errors ?? {}).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]),
      );
      return { errorMessages: parsed.data.errorMessages ?? [], errors };
    }
  } catch {
    // Not JSON: keep a short excerpt below so the message still says something.
  }
  const excerpt = text.replace(/\s+/g, ' ').trim().slice(0, 200);
  return { errorMessages: excerpt ? [excerpt] : [], errors: {} };
}

function retryAfterSeconds(response: JiraResponseLike, now: number): number | undefined {
  // Only the published names: `Beta-Retry-After` was a preview header that the current "Rate
  // limiting" page does not list, so nothing here may depend on it.
  return (
    parseWaitSeconds(response.headers.get('Retry-After'), now) ??
    // X-RateLimit-Reset is an ISO instant, so it only helps when Retry-After is missing.
    parseWaitSeconds(response.headers.get('X-RateLimit-Reset'), now)
  );
}

function rateLimitReason(response: JiraResponseLike): JiraRateLimitReason {
  const raw = response.headers.get('RateLimit-Reason')?.trim();
  return (RATE_LIMIT_REASONS as readonly string[]).includes(raw ?? '') ? (raw as JiraRateLimitReason) : 'unknown';
}

export function errorForResponse(response: JiraResponseLike, text: string, operation: string, now: number = Date.now()): Error {
  const { errorMessages, errors } = parseErrorCollection(text);
  const { status } = response;
  if (status === 404) return new JiraNotFoundError(operation, errorMessages, errors);
  if (status === 403) return new JiraForbiddenError(operation, errorMessages, errors);
  if (status === 429) {
    noteRateLimit('jira');
    return new JiraRateLimitedError(operation, retryAfterSeconds(response, now) ?? DEFAULT_RATE_LIMIT_WAIT_SECONDS, rateLimitReason(response));
  }
  if (status >= 500) return new JiraUnavailableError(status, operation, retryAfterSeconds(response, now), errorMessages);
  return new JiraApiError(status, operation, errorMessages, errors);
}

export interface JiraCall<S extends z.ZodType> {
  method: NonNullable<JiraRequestInit['method']>;
  path: Route;
  body?: unknown;
  /** null: the body is not read (204 answers). */
  schema: S | null;
  /** Quota points the call will cost at least, when more than the base point (a bulk create: one per entry). */
  points?: number;
  /** Statuses that count as success besides 2xx, with their body parsed by `schema` (bulk create's all-failed 400). */
  acceptStatuses?: readonly number[];
}

export interface JiraHttp {
  send<S extends z.ZodType>(call: JiraCall<S>): Promise<{ status: number; data: z.infer<S> }>;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createJiraHttp(requester: JiraRequester, retry?: JiraRetryOptions, quota: JiraQuotaGauge = processJiraQuota): JiraHttp {
  const now = retry?.now ?? Date.now;
  const sleep = retry?.sleep ?? defaultSleep;

  /**
   * Holds the call while the quota or the endpoint's burst bucket is nearly spent; stops at the
   * reserve; refuses (without sending) while a burst 429 has the endpoint shut, unless this call
   * already waited that window out (`waited`, shared by the attempts of one call).
   */
  async function pace(operation: string, endpoint: string, points: number, waited: { until: number }): Promise<void> {
    const plan = quota.plan(endpoint, now(), points, waited.until);
    if (plan.kind === 'stop') throw new JiraQuotaReserveError(operation, plan.retryAfterSeconds, plan.remaining);
    // Not sent: Jira already said when this endpoint takes calls again. Thrown like the 429 it would
    // get, so the retry policy waits it out within the caller's budget (or hands it to the caller).
    if (plan.kind === 'closed') {
      waited.until = quota.closedUntil(endpoint);
      throw new JiraRateLimitedError(operation, plan.retryAfterSeconds, 'jira-burst-based');
    }
    if (plan.waitMs > 0) await sleep(plan.waitMs);
    quota.sent(now(), points);
  }

  async function sendOnce<S extends z.ZodType>(
    call: JiraCall<S>,
    waited: { until: number },
  ): Promise<{ status: number; data: z.infer<S> }> {
    const operation = `${call.method} ${call.path.value.split('?')[0] ?? ''}`;
    const endpoint = endpointOf(call.method, call.path.value);
    await pace(operation, endpoint, call.points ?? 1, waited);
    const headers: Record<string, string> = { Accept: 'application/json' };
    const init: JiraRequestInit = { method: call.method, headers };
    if (call.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(call.body);
    }
    const response = await requester.requestJira(call.path, init);
    quota.observe(response, endpoint, now());
    // A burst 429 shuts the endpoint for its Retry-After; the retry policy makes this call wait that out.
    if (response.status === 429) waited.until = Math.max(waited.until, quota.closedUntil(endpoint));
    const text = await response.text();
    const accepted = (response.status >= 200 && response.status < 300) || (call.acceptStatuses ?? []).includes(response.status);
    if (!accepted) throw errorForResponse(response, text, operation);
    // schema null: the caller declared it reads no body, so `data` is never looked at.
    if (call.schema === null) return { status: response.status, data: undefined as z.infer<S> };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new JiraResponseError(operation, 'not JSON');
    }
    const parsed = call.schema.safeParse(json);
    if (!parsed.success) {
      // An accepted non-2xx whose body is not the expected shape is an ordinary API error.
      if (response.status >= 300) throw errorForResponse(response, text, operation);
      const where = parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
        .join('; ');
      throw new JiraResponseError(operation, where);
    }
    return { status: response.status, data: parsed.data };
  }

  return {
    send: (call) => {
      const waited = { until: 0 };
      return retry ? withJiraRetry(() => sendOnce(call, waited), retry) : sendOnce(call, waited);
    },
  };
}
