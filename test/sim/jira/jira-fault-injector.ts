/**
 * Per-route fault injection: added latency, an error rate (5xx by default, or 409/429 to model
 * conflicts and header-less throttling), and hung requests. Each route's draws come from its own
 * seeded PRNG so a run is reproducible regardless of other routes' traffic.
 */
export interface FaultSpec {
  readonly latencyMs?: number;
  /** 0..1 probability that a request fails with `errorStatus`. */
  readonly errorRate?: number;
  readonly errorStatus?: number;
  /** Seconds for a `Retry-After` header on injected errors (e.g. a 503 that carries one). */
  readonly retryAfterSeconds?: number;
  /** Never answer (the client's timeout is what gets exercised). */
  readonly hang?: boolean;
  /**
   * The request is carried out and only then answered with the error: a gateway timeout or a 5xx
   * from a proxy after Jira committed the write. A client cannot tell this from a 5xx before the
   * write, so it must assume either (strictest reading; see README "Faults").
   */
  readonly afterHandling?: boolean;
  /** Only this many requests of the route draw a fault; later ones pass (an outage that ends). */
  readonly times?: number;
  readonly seed?: number;
}

/** mulberry32: tiny, fast, good enough for reproducible test faults. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type FaultOutcome =
  | { readonly kind: 'pass'; readonly latencyMs: number }
  | { readonly kind: 'hang'; readonly latencyMs: number }
  | { readonly kind: 'error'; readonly latencyMs: number; readonly status: number; readonly retryAfterSeconds: number | undefined; readonly afterHandling: boolean };

export class FaultInjector {
  readonly #faults = new Map<string, { spec: FaultSpec; random: () => number; draws: number }>();

  /** `route` is a route key (`POST /rest/api/3/issue`) or `*` for every route. */
  inject(route: string, spec: FaultSpec): void {
    const errorRate = spec.errorRate ?? 0;
    if (errorRate < 0 || errorRate > 1) throw new Error(`errorRate must be within 0..1, got ${errorRate}`);
    // Jira's 429 is admission control (rate-limiting docs): nothing was done, so never "after".
    if (spec.afterHandling === true && spec.errorStatus === 429)
      throw new Error('afterHandling models a 5xx after the write; a 429 is answered before Jira does anything');
    if (spec.times !== undefined && !(Number.isInteger(spec.times) && spec.times >= 1))
      throw new Error(`times must be a whole number of at least 1, got ${spec.times}`);
    this.#faults.set(route, { spec, random: createRandom(spec.seed ?? 1), draws: 0 });
  }

  clear(route?: string): void {
    if (route === undefined) this.#faults.clear();
    else this.#faults.delete(route);
  }

  decide(routeKey: string): FaultOutcome {
    const fault = this.#faults.get(routeKey) ?? this.#faults.get('*');
    if (fault === undefined || (fault.spec.times !== undefined && fault.draws >= fault.spec.times)) return { kind: 'pass', latencyMs: 0 };
    fault.draws += 1;
    const latencyMs = fault.spec.latencyMs ?? 0;
    if (fault.spec.hang === true) return { kind: 'hang', latencyMs };
    const errorRate = fault.spec.errorRate ?? 0;
    if (errorRate > 0 && fault.random() < errorRate) {
      return { kind: 'error', latencyMs, status: fault.spec.errorStatus ?? 503, retryAfterSeconds: fault.spec.retryAfterSeconds, afterHandling: fault.spec.afterHandling === true };
    }
    return { kind: 'pass', latencyMs };
  }
}
