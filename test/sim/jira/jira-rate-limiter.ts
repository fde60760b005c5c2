/**
 * Jira Cloud's three rate limits as enforced since 2 March 2026 (jira-rest-api.md §8.1–8.2):
 * an hourly points budget reset at the top of each UTC hour, per endpoint+method token buckets,
 * and per-issue write windows (20 per 2 s, 100 per 30 s). All time comes from the injected clock
 * so tests advance time instead of sleeping.
 */
export interface BucketConfig {
  /** Tokens refilled per second. */
  readonly ratePerSecond: number;
  /** Bucket size; Jira's bucket is larger than its rate. */
  readonly capacity: number;
}

export interface JiraRateLimits {
  readonly enabled: boolean;
  /** Default bucket per HTTP method; `overrides` keyed by route key (`GET /rest/api/3/issue/:issueIdOrKey`). */
  readonly burst: Readonly<Record<string, BucketConfig>>;
  readonly burstOverrides: Readonly<Record<string, BucketConfig>>;
  readonly perIssueWrites: readonly { readonly windowMs: number; readonly max: number }[];
  readonly hourlyPoints: number;
  /**
   * Tier 1 (default): one pool per app across all its tenants; Tier 2 (granted after Atlassian's
   * review): one pool per app and tenant. Only the names in the headers and reason differ here.
   */
  readonly quotaPool: 'global' | 'tenant';
}

export const DEFAULT_RATE_LIMITS: JiraRateLimits = {
  enabled: true,
  burst: {
    GET: { ratePerSecond: 100, capacity: 200 },
    POST: { ratePerSecond: 100, capacity: 200 },
    PUT: { ratePerSecond: 50, capacity: 100 },
    DELETE: { ratePerSecond: 50, capacity: 100 },
    PATCH: { ratePerSecond: 50, capacity: 100 },
  },
  burstOverrides: {
    'GET /rest/api/3/issue/:issueIdOrKey': { ratePerSecond: 150, capacity: 300 },
  },
  perIssueWrites: [
    { windowMs: 2_000, max: 20 },
    { windowMs: 30_000, max: 100 },
  ],
  hourlyPoints: 65_000,
  quotaPool: 'global',
};

export interface RateLimitRejection {
  readonly reason: 'jira-quota-global-based' | 'jira-quota-tenant-based' | 'jira-burst-based' | 'jira-per-issue-on-write';
  readonly retryAfterSeconds: number;
  readonly limit: number;
  readonly resetAt: number;
}

const HOUR_MS = 3_600_000;

export interface RateLimitStatus {
  readonly enabled: boolean;
  readonly pool: JiraRateLimits['quotaPool'];
  readonly quota: number;
  readonly pointsRemaining: number;
  readonly secondsToReset: number;
  readonly bucket?: { readonly capacity: number; readonly remaining: number };
}

/** Below this share of the hourly quota Jira flags responses `X-RateLimit-NearLimit` (§8.2). */
export const NEAR_LIMIT_SHARE = 0.2;
const policyName = (pool: JiraRateLimits['quotaPool']): string => `${pool}-app-quota`;

/**
 * Headers Jira sends on every admitted response (§8.2; sources per header in README.md):
 * `RateLimit-Policy` always; the burst bucket's `X-RateLimit-Limit`/`-Remaining`; and only when
 * less than 20 % of the quota is left, `X-RateLimit-NearLimit: true` and `RateLimit` with the
 * remaining points (`r`) and seconds to the reset (`t`) — above that Jira does not say how much
 * is left, so neither does the simulator.
 */
export function statusHeaders(status: RateLimitStatus): Record<string, string> {
  if (!status.enabled) return {};
  const headers: Record<string, string> = { 'RateLimit-Policy': `"${policyName(status.pool)}";q=${status.quota};w=3600` };
  if (status.bucket !== undefined) {
    headers['X-RateLimit-Limit'] = String(status.bucket.capacity);
    headers['X-RateLimit-Remaining'] = String(status.bucket.remaining);
  }
  if (status.pointsRemaining < status.quota * NEAR_LIMIT_SHARE) {
    headers['X-RateLimit-NearLimit'] = 'true';
    headers['RateLimit'] = `"${policyName(status.pool)}";r=${status.pointsRemaining};t=${status.secondsToReset}`;
  }
  return headers;
}

export class JiraRateLimiter {
  #config: JiraRateLimits;
  readonly #now: () => number;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  /** issueId → accepted write timestamps (ascending), trimmed to the longest window. */
  readonly #issueWrites = new Map<string, number[]>();
  #pointsHour = -1;
  #pointsUsed = 0;

  constructor(config: JiraRateLimits, now: () => number) {
    this.#config = config;
    this.#now = now;
  }

  get config(): JiraRateLimits {
    return this.#config;
  }

  configure(patch: Partial<JiraRateLimits>): void {
    this.#config = { ...this.#config, ...patch };
  }

  reset(): void {
    this.#buckets.clear();
    this.#issueWrites.clear();
    this.#pointsUsed = 0;
  }

  get pointsRemaining(): number {
    this.#rollHour();
    return Math.max(0, this.#config.hourlyPoints - this.#pointsUsed);
  }

  /** Charges what a request cost beyond what `admit` took (a read's per-object points). */
  charge(points: number): void {
    if (!this.#config.enabled || points <= 0) return;
    this.#rollHour();
    this.#pointsUsed += points;
  }

  /** What the headers of an admitted response report: the quota and this route's burst bucket. */
  status(routeKey: string, method: string): RateLimitStatus {
    this.#rollHour();
    const now = this.#now();
    const nextHour = (Math.floor(now / HOUR_MS) + 1) * HOUR_MS;
    const bucketConfig = this.#config.burstOverrides[routeKey] ?? this.#config.burst[method];
    const bucket = this.#buckets.get(routeKey);
    const tokens = bucketConfig === undefined ? undefined : bucket === undefined ? bucketConfig.capacity : Math.min(bucketConfig.capacity, bucket.tokens + ((now - bucket.at) / 1000) * bucketConfig.ratePerSecond);
    return {
      enabled: this.#config.enabled,
      pool: this.#config.quotaPool,
      quota: this.#config.hourlyPoints,
      pointsRemaining: Math.max(0, this.#config.hourlyPoints - this.#pointsUsed),
      secondsToReset: Math.max(1, Math.ceil((nextHour - now) / 1000)),
      ...(bucketConfig === undefined || tokens === undefined ? {} : { bucket: { capacity: bucketConfig.capacity, remaining: Math.max(0, Math.floor(tokens)) } }),
    };
  }

  /**
   * Checks all three limits for one request; charges them only when it is admitted, because a 429
   * means "not processed" (§8.3).
   */
  admit(input: { routeKey: string; method: string; points: number; writtenIssueId: string | undefined }): RateLimitRejection | undefined {
    if (!this.#config.enabled) return undefined;
    const now = this.#now();
    this.#rollHour();
    const nextHour = (Math.floor(now / HOUR_MS) + 1) * HOUR_MS;
    // Admission needs the points known up front (a write's base, a bulk create's entries); a read's
    // per-object points are charged after it ran (`charge`), so the quota may end slightly overspent.
    if (this.#pointsUsed + input.points > this.#config.hourlyPoints) {
      return {
        reason: this.#config.quotaPool === 'tenant' ? 'jira-quota-tenant-based' : 'jira-quota-global-based',
        retryAfterSeconds: Math.max(1, Math.ceil((nextHour - now) / 1000)),
        limit: this.#config.hourlyPoints,
        resetAt: nextHour,
      };
    }
    const bucketConfig = this.#config.burstOverrides[input.routeKey] ?? this.#config.burst[input.method];
    let bucket: { tokens: number; at: number } | undefined;
    if (bucketConfig !== undefined) {
      bucket = this.#buckets.get(input.routeKey) ?? { tokens: bucketConfig.capacity, at: now };
      bucket.tokens = Math.min(bucketConfig.capacity, bucket.tokens + ((now - bucket.at) / 1000) * bucketConfig.ratePerSecond);
      bucket.at = now;
      this.#buckets.set(input.routeKey, bucket);
      if (bucket.tokens < 1) {
        const waitMs = ((1 - bucket.tokens) / bucketConfig.ratePerSecond) * 1000;
        return { reason: 'jira-burst-based', retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)), limit: bucketConfig.ratePerSecond, resetAt: now + waitMs };
      }
    }
    if (input.writtenIssueId !== undefined) {
      const writes = this.#issueWrites.get(input.writtenIssueId) ?? [];
      const longest = Math.max(0, ...this.#config.perIssueWrites.map((w) => w.windowMs));
      while (writes.length > 0 && (writes[0] as number) <= now - longest) writes.shift();
      for (const window of this.#config.perIssueWrites) {
        const inWindow = writes.filter((t) => t > now - window.windowMs);
        if (inWindow.length >= window.max) {
          const oldestRelevant = inWindow[inWindow.length - window.max] as number;
          const resetAt = oldestRelevant + window.windowMs;
          return { reason: 'jira-per-issue-on-write', retryAfterSeconds: Math.max(1, Math.ceil((resetAt - now) / 1000)), limit: window.max, resetAt };
        }
      }
      writes.push(now);
      this.#issueWrites.set(input.writtenIssueId, writes);
    }
    if (bucket !== undefined) bucket.tokens -= 1;
    this.#pointsUsed += input.points;
    return undefined;
  }

  #rollHour(): void {
    const hour = Math.floor(this.#now() / HOUR_MS);
    if (hour !== this.#pointsHour) {
      this.#pointsHour = hour;
      this.#pointsUsed = 0;
    }
  }
}

/** The 429 headers of §8.2 (ISO reset time without milliseconds, as in the documented example). */
export function rateLimitHeaders(rejection: RateLimitRejection): Record<string, string> {
  const pool = rejection.reason === 'jira-quota-global-based' ? 'global' : rejection.reason === 'jira-quota-tenant-based' ? 'tenant' : undefined;
  return {
    ...(pool !== undefined ? { RateLimit: `"${policyName(pool)}";r=0;t=${rejection.retryAfterSeconds}`, 'X-RateLimit-NearLimit': 'true' } : {}),
    'Retry-After': String(rejection.retryAfterSeconds),
    'RateLimit-Reason': rejection.reason,
    'X-RateLimit-Limit': String(rejection.limit),
    'X-RateLimit-Remaining': '0',
    'X-RateLimit-Reset': new Date(rejection.resetAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}
