/**
 * Forge's per-installation KVS quotas ("KVS and Custom Entity Store limits", operation limits per
 * installation): 1,000 requests a second; 4,000 reads and 4,000 writes a minute, each counted in
 * 10 KB units rounded up (a 65 KB write counts 7). Over quota the platform answers HTTP 429 with
 * code `RATE_LIMIT_EXCEEDED` (storage reference, "Quota and limit handling").
 *
 * Where the page is silent this takes the strictest reading (README, "KVS quotas"):
 * - windows slide (a fixed window would let twice the quota through across a boundary);
 * - 10 KB is 10,000 bytes, not 10,240;
 * - a read is sized by what it returns, a write by what it sends; a delete or a miss counts 1;
 * - a refused request still counts towards the per-second rate (it reached the service).
 */
export const KVS_QUOTAS = {
  requestsPerSecond: 1000,
  readUnitsPerMinute: 4000,
  writeUnitsPerMinute: 4000,
  unitBytes: 10_000,
} as const;

export type KvsOperationKind = 'read' | 'write';

export interface KvsUsage {
  readonly requests: number;
  readonly readUnits: number;
  readonly writeUnits: number;
  /** Requests answered 429 RATE_LIMIT_EXCEEDED. */
  readonly rateLimited: number;
}

interface Stamp {
  readonly at: number;
  readonly units: number;
}

export function unitsOf(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / KVS_QUOTAS.unitBytes));
}

export class KvsQuota {
  private readonly requestTimes: number[] = [];
  private readonly reads: Stamp[] = [];
  private readonly writes: Stamp[] = [];
  private totals = { requests: 0, readUnits: 0, writeUnits: 0, rateLimited: 0 };

  constructor(
    private readonly now: () => number,
    private readonly enforced: () => boolean,
  ) {}

  /** Counts one request; false when the per-second rate is already used up. */
  admitRequest(): boolean {
    const now = this.now();
    this.totals.requests += 1;
    dropOlder(this.requestTimes, now - 1000, (t) => t);
    this.requestTimes.push(now);
    if (this.enforced() && this.requestTimes.length > KVS_QUOTAS.requestsPerSecond) {
      this.totals.rateLimited += 1;
      return false;
    }
    return true;
  }

  /** Charges `bytes` to the read or write quota; false (nothing charged) when it would go over. */
  admitUnits(kind: KvsOperationKind, bytes: number): boolean {
    const now = this.now();
    const window = kind === 'read' ? this.reads : this.writes;
    dropOlder(window, now - 60_000, (s) => s.at);
    const units = unitsOf(bytes);
    const used = window.reduce((sum, s) => sum + s.units, 0);
    const quota = kind === 'read' ? KVS_QUOTAS.readUnitsPerMinute : KVS_QUOTAS.writeUnitsPerMinute;
    if (this.enforced() && used + units > quota) {
      this.totals.rateLimited += 1;
      return false;
    }
    window.push({ at: now, units });
    if (kind === 'read') this.totals.readUnits += units;
    else this.totals.writeUnits += units;
    return true;
  }

  usage(): KvsUsage {
    return { ...this.totals };
  }

  resetUsage(): void {
    this.totals = { requests: 0, readUnits: 0, writeUnits: 0, rateLimited: 0 };
  }
}

function dropOlder<T>(list: T[], cutoff: number, timeOf: (item: T) => number): void {
  let drop = 0;
  while (drop < list.length && timeOf(list[drop] as T) <= cutoff) drop += 1;
  if (drop > 0) list.splice(0, drop);
}
