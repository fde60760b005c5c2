import { type ZeroPathSupport } from '../../contract/admin';
import { type HealthKind, type HealthStore } from '../../infra/store/health-store';
import { fromCached, type CapabilityCache } from '../../infra/zeropath/zeropath-capabilities';
import { type OrderCheck, type SortOrderLog } from '../../infra/zeropath/change-scan';
import { describeSupport } from '../connection/describe-capabilities';

/**
 * The admin page's Health section: when each kind of background work last ran and succeeded, its
 * last error, the 429s of the last hour and the queue jobs in flight, so "sync stopped working" is
 * diagnosable inside Jira. Reads the bounded health records only; it never writes.
 */
const LABELS: Record<HealthKind, string> = {
  'issue-trigger': 'Jira issue events',
  'jobs-consumer': 'Background jobs',
  'zeropath-sweep': 'ZeroPath status sweep',
  'risk-expiry': 'Accepted-risk expiry',
  'auto-ticket': 'Auto-ticketing',
  resolver: 'Admin and issue pages',
};

const HOUR_MS = 3_600_000;
const RECENT_ERRORS = 10;

export interface HealthKindView {
  kind: HealthKind;
  label: string;
  lastRunAt?: string;
  lastOkAt?: string;
  lastError?: { at: string; message: string };
  rateLimitsLastHour: { jira: number; zeropath: number };
  jobsInFlight: number;
}

export interface HealthView {
  kinds: HealthKindView[];
  recentErrors: { kind: HealthKind; at: string; message: string }[];
  /** The cached capabilities (no ZeroPath call). */
  zeropath?: ZeroPathSupport;
  /** The last sort-order verdict of each change reader. */
  ordering: OrderCheck[];
}

export async function readHealth(deps: {
  health: HealthStore;
  now: () => Date;
  capabilityCache?: CapabilityCache;
  sortOrderLog?: SortOrderLog;
}): Promise<HealthView> {
  const since = deps.now().getTime() - HOUR_MS;
  const recent = (stamps: readonly string[]) => stamps.filter((at) => Date.parse(at) >= since).length;
  const records = await deps.health.readAll();
  const kinds = records.map((record): HealthKindView => {
    const view: HealthKindView = {
      kind: record.kind,
      label: LABELS[record.kind],
      rateLimitsLastHour: {
        jira: recent(record.recentRateLimits.jira),
        zeropath: recent(record.recentRateLimits.zeropath),
      },
      jobsInFlight: record.jobsInFlight,
    };
    if (record.lastRunAt !== undefined) view.lastRunAt = record.lastRunAt;
    if (record.lastOkAt !== undefined) view.lastOkAt = record.lastOkAt;
    if (record.lastError !== undefined) view.lastError = record.lastError;
    return view;
  });
  const recentErrors = records
    .flatMap((record) => (record.lastError === undefined ? [] : [{ kind: record.kind, ...record.lastError }]))
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
    .slice(0, RECENT_ERRORS);
  const view: HealthView = { kinds, recentErrors, ordering: (await deps.sortOrderLog?.readAll()) ?? [] };
  const cached = await deps.capabilityCache?.read();
  if (cached !== undefined) view.zeropath = describeSupport(fromCached(cached));
  return view;
}
