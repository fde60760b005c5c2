/**
 * Jira's rate-limit headers read on every response, and the pacing the adapter derives from them
 * (jira-rest-api.md §8.2–8.3; the simulator's README sources each header):
 *
 * - `RateLimit-Policy: "global-app-quota";q=65000;w=3600` names the hourly points quota.
 * - Below 20 % left Jira adds `X-RateLimit-NearLimit: true` and `RateLimit: "global-app-quota";r=…;t=…`
 *   (points remaining, seconds to the reset). Above that it does not say how much is left.
 * - `X-RateLimit-Limit`/`X-RateLimit-Remaining` on a success describe the endpoint's burst bucket.
 *
 * Only the documented, un-prefixed names are read (`Beta-*` variants were a preview and are not
 * part of the published contract). The gauge is per process: a warm Forge process shares it across
 * invocations, a cold one learns the state from its first response.
 */
import { type JiraResponseLike } from './jira-http';

export interface JiraQuotaReading {
  /** Epoch ms of the response this was read from. */
  observedAt: number;
  /** `global-app-quota` (Tier 1) or `tenant-app-quota` (Tier 2). */
  policy: string;
  /** Points per window (`q`). */
  limit?: number;
  /** Points left (`r`); Jira reports it only when less than 20 % is left. */
  remaining?: number;
  /** Epoch ms of the reset (`t` seconds after the response). */
  resetAt?: number;
  nearLimit: boolean;
}

/** Parses one structured-field list entry set: `"name";k=v;k=v, "other";k=v`. */
function parseStructured(header: string | null): { name: string; params: Record<string, number> }[] {
  if (header === null) return [];
  return header
    .split(',')
    .map((entry) =>
      entry
        .trim()
        .split(';')
        .map((part) => part.trim()),
    )
    .filter((parts) => (parts[0] ?? '').startsWith('"'))
    .map(([name = '', ...params]) => ({
      name: name.replace(/^"|"$/g, ''),
      params: Object.fromEntries(
        params.flatMap((param) => {
          const [key, value] = param.split('=');
          const number = Number(value);
          return key !== undefined && value !== undefined && Number.isFinite(number) ? [[key, number]] : [];
        }),
      ),
    }));
}

const isQuotaPolicy = (name: string) => name.endsWith('-app-quota');

/** The quota part of a response's headers, or undefined when Jira sent none (API token traffic, old limiter). */
export function readQuotaHeaders(
  response: Pick<JiraResponseLike, 'headers'>,
  now: number,
): JiraQuotaReading | undefined {
  const policy = parseStructured(response.headers.get('RateLimit-Policy')).find((p) => isQuotaPolicy(p.name));
  const state = parseStructured(response.headers.get('RateLimit')).find((p) => isQuotaPolicy(p.name));
  const nearLimit = response.headers.get('X-RateLimit-NearLimit')?.trim().toLowerCase() === 'true';
  if (policy === undefined && state === undefined && !nearLimit) return undefined;
  const reading: JiraQuotaReading = {
    observedAt: now,
    policy: policy?.name ?? state?.name ?? 'unknown',
    nearLimit,
  };
  const limit = policy?.params['q'];
  if (limit !== undefined) reading.limit = limit;
  const remaining = state?.params['r'];
  if (remaining !== undefined) reading.remaining = remaining;
  const resetIn = state?.params['t'];
  if (resetIn !== undefined) reading.resetAt = now + resetIn * 1000;
  return reading;
}

/** Below this many points (or 1 % of the quota, whichever is more) the app stops calling until the reset. */
export const QUOTA_RESERVE_POINTS = 20;
/** Pacing never holds one call longer than this (a resolver has 25 s): past it the reserve stops the work instead. */
export const MAX_PACE_MS = 1_000;
/** A drained burst bucket refills within a second (per-second limit). */
const BURST_WAIT_MS = 1_000;

/**
 * `Retry-After` (delta seconds or an HTTP date) or `X-RateLimit-Reset` (an ISO instant), in whole
 * seconds from `now`; undefined when absent or unreadable.
 */
export function parseWaitSeconds(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

export type QuotaPlan =
  | { kind: 'go'; waitMs: number }
  | { kind: 'stop'; retryAfterSeconds: number; remaining: number }
  /** Jira refused this endpoint's burst bucket with a Retry-After that has not passed yet. */
  | { kind: 'closed'; retryAfterSeconds: number };

/**
 * What the app knows of its quota and burst buckets, and how long to hold the next call. Near the
 * limit it spreads what is left over the time to the reset (so it slows down instead of running
 * into a 429), and at the reserve it stops until the reset: the last points stay for the people
 * using the app, and background work resumes in the next window.
 */
export class JiraQuotaGauge {
  #reading: JiraQuotaReading | undefined;
  #lastSentAt = 0;
  readonly #drainedBuckets = new Map<string, number>();
  /** Endpoint → epoch ms until which Jira's burst 429 told the app to stay away. */
  readonly #closedBuckets = new Map<string, number>();

  /** The latest reading, or undefined once its window has reset (the quota is fresh again). */
  reading(now: number): JiraQuotaReading | undefined {
    const reading = this.#reading;
    if (reading?.resetAt !== undefined && now >= reading.resetAt) return undefined;
    return reading;
  }

  observe(response: Pick<JiraResponseLike, 'headers' | 'status'>, endpoint: string, now: number): void {
    const reading = readQuotaHeaders(response, now);
    // A response without NearLimit means 20 % or more is left again: forget an older low reading.
    if (reading !== undefined) this.#reading = reading;
    const bucketRemaining = Number(response.headers.get('X-RateLimit-Remaining') ?? NaN);
    if (bucketRemaining === 0) this.#drainedBuckets.set(endpoint, now);
    else this.#drainedBuckets.delete(endpoint);
    // The burst bucket is per endpoint, so its Retry-After holds for every call there, not only the
    // refused one: a refill of "a second" is only a guess, Jira's header is the answer.
    if (response.status === 429 && response.headers.get('RateLimit-Reason')?.trim() === 'jira-burst-based') {
      const seconds = parseWaitSeconds(response.headers.get('Retry-After'), now);
      const until = now + (seconds ?? 0) * 1000;
      if (seconds !== undefined && until > (this.#closedBuckets.get(endpoint) ?? 0))
        this.#closedBuckets.set(endpoint, until);
    }
  }

  /** Epoch ms until which a burst 429 shut `endpoint` (0: not shut). */
  closedUntil(endpoint: string): number {
    return this.#closedBuckets.get(endpoint) ?? 0;
  }

  /**
   * `points`: what the call will cost at least (a bulk create: one per entry). `waitedOutUntil`: a
   * shut window this call has already waited out under the retry policy (its own 429's Retry-After);
   * timers may fire a millisecond early, and that must not cost it another attempt.
   */
  plan(endpoint: string, now: number, points = 1, waitedOutUntil = 0): QuotaPlan {
    let waitMs = 0;
    const closedUntil = this.#closedBuckets.get(endpoint);
    if (closedUntil !== undefined && closedUntil > waitedOutUntil) {
      // Up to a second is held here like a drained bucket; longer goes back to the retry policy,
      // which knows the caller's budget.
      if (closedUntil - now > BURST_WAIT_MS)
        return { kind: 'closed', retryAfterSeconds: Math.ceil((closedUntil - now) / 1000) };
      if (now >= closedUntil) this.#closedBuckets.delete(endpoint);
      else waitMs = closedUntil - now;
    }
    const drainedAt = this.#drainedBuckets.get(endpoint);
    if (drainedAt !== undefined) waitMs = Math.max(waitMs, drainedAt + BURST_WAIT_MS - now);
    const reading = this.reading(now);
    if (reading?.nearLimit === true && reading.remaining !== undefined && reading.resetAt !== undefined) {
      const reserve = Math.max(QUOTA_RESERVE_POINTS, Math.ceil((reading.limit ?? 0) * 0.01));
      const usable = reading.remaining - reserve;
      if (usable < points)
        return {
          kind: 'stop',
          retryAfterSeconds: Math.max(1, Math.ceil((reading.resetAt - now) / 1000)),
          remaining: reading.remaining,
        };
      const interval = ((reading.resetAt - now) / usable) * points;
      waitMs = Math.max(waitMs, Math.min(MAX_PACE_MS, this.#lastSentAt + interval - now));
    }
    return { kind: 'go', waitMs: Math.max(0, Math.round(waitMs)) };
  }

  /** Drops every reading (a new Jira site, or a test starting a fresh simulator). */
  forget(): void {
    this.#reading = undefined;
    this.#lastSentAt = 0;
    this.#drainedBuckets.clear();
    this.#closedBuckets.clear();
  }

  /** Called as a request leaves; counts it against the known remaining points until Jira says more. */
  sent(now: number, points = 1): void {
    this.#lastSentAt = now;
    if (this.#reading?.remaining !== undefined)
      this.#reading = { ...this.#reading, remaining: Math.max(0, this.#reading.remaining - points) };
  }
}

/** One gauge per process: every client of a warm Forge process paces against the same readings. */
export const processJiraQuota = new JiraQuotaGauge();

/** `GET /issue/SEC-1` → `GET /issue/{}`: the burst bucket is per endpoint, not per issue. */
export function endpointOf(method: string, path: string): string {
  const bare = path.split('?')[0] ?? '';
  return `${method} ${bare
    .split('/')
    // Jira's entity ids have 5+ digits (10000 up); `/rest/api/3` must stay.
    .map((segment) => (/^\d{5,}$/.test(segment) || /^[A-Z][A-Z0-9_]+-\d+$/.test(segment) ? '{}' : segment))
    .join('/')}`;
}
