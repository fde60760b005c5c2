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
};

export interface RateLimitRejection {
  readonly reason: 'jira-quota-global-based' | 'jira-burst-based' | 'jira-per-issue-on-write';
  readonly retryAfterSeconds: number;
  readonly limit: number;
  readonly resetAt: number;
}

const HOUR_MS = 3_600_000;

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

  /**
   * Checks all three limits for one request; charges them only when it is admitted, because a 429
   * means "not processed" (§8.3).
   */
  admit(input: { routeKey: string; method: string; points: number; writtenIssueId: string | undefined }): RateLimitRejection | undefined {
    if (!this.#config.enabled) return undefined;
    const now = this.#now();
    this.#rollHour();
    const nextHour = (Math.floor(now / HOUR_MS) + 1) * HOUR_MS;
    if (this.#pointsUsed + input.points > this.#config.hourlyPoints) {
      return {
        reason: 'jira-quota-global-based',
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
  return {
    'Retry-After': String(rejection.retryAfterSeconds),
    'RateLimit-Reason': rejection.reason,
    'X-RateLimit-Limit': String(rejection.limit),
    'X-RateLimit-Remaining': '0',
    'X-RateLimit-Reset': new Date(rejection.resetAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}
