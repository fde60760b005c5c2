import { type JiraQuotaView } from '../../contract/admin';
import { type JiraQuotaReading } from '../../infra/jira/jira-quota';
import { type ZeroPathSupport } from '../../contract/admin';
import { type HealthKind, type HealthStore } from '../../infra/store/health-store';
import { fromCached, type CapabilityCache } from '../../infra/zeropath/zeropath-capabilities';
import { type OrderCheck, type SortOrderLog } from '../../infra/zeropath/change-scan';
import { describeSupport } from '../connection/describe-capabilities';
import { errorMessage } from '../../core/error-message';

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
  'ai-assist': 'Closure AI assist',
  'export-recovery': 'Export recovery (issues created without their link)',
};

const HOUR_MS = 3_600_000;
const RECENT_ERRORS = 10;

export interface HealthKindView {
  kind: HealthKind;
  label: string;
  lastRunAt?: string;
  lastOkAt?: string;
  lastError?: { at: string; message: string };
  rateLimitsLastHour: { jira: number; zeropath: number; kvs: number };
  jobsInFlight: number;
}

export interface HealthView {
  kinds: HealthKindView[];
  jiraQuota?: JiraQuotaView;
  recentErrors: { kind: HealthKind; at: string; message: string }[];
  /** The cached capabilities (no ZeroPath call). */
  zeropath?: ZeroPathSupport;
  /** The last sort-order verdict of each change reader. */
  ordering: OrderCheck[];
}

export interface HealthDeps {
  health: HealthStore;
  now: () => Date;
  /** Queue events still in progress per kind, as the platform reports them. */
  jobsInFlight: () => Promise<Partial<Record<HealthKind, number>>>;
  /** One cheap Jira read as the app: its rate-limit headers tell the quota left (jira-quota.ts). */
  probeJiraQuota?: () => Promise<JiraQuotaReading | undefined>;
  capabilityCache?: CapabilityCache;
  sortOrderLog?: SortOrderLog;
}

async function jiraQuotaView(deps: HealthDeps): Promise<JiraQuotaView | undefined> {
  if (deps.probeJiraQuota === undefined) return undefined;
  const checkedAt = deps.now().toISOString();
  try {
    const reading = await deps.probeJiraQuota();
    if (reading === undefined) return { nearLimit: false, checkedAt, unavailable: 'Jira sent no rate-limit headers.' };
    const view: JiraQuotaView = { policy: reading.policy, nearLimit: reading.nearLimit, checkedAt };
    if (reading.limit !== undefined) view.limit = reading.limit;
    if (reading.remaining !== undefined) view.remaining = reading.remaining;
    if (reading.resetAt !== undefined) view.resetsAt = new Date(reading.resetAt).toISOString();
    return view;
  } catch (error) {
    // Health must render even when Jira cannot be asked; say why instead of failing the section.
    return { nearLimit: false, checkedAt, unavailable: errorMessage(error) };
  }
}

export async function readHealth(deps: HealthDeps): Promise<HealthView> {
  const since = deps.now().getTime() - HOUR_MS;
  const recent = (stamps: readonly string[]) => stamps.filter((at) => Date.parse(at) >= since).length;
  const [records, inFlight, errors] = await Promise.all([
    deps.health.readAll(),
    deps.jobsInFlight(),
    deps.health.readRecentErrors(),
  ]);
  const kinds = records.map((record): HealthKindView => {
    const view: HealthKindView = {
      kind: record.kind,
      label: LABELS[record.kind],
      rateLimitsLastHour: {
        jira: recent(record.recentRateLimits.jira),
        zeropath: recent(record.recentRateLimits.zeropath),
        kvs: recent(record.recentRateLimits.kvs),
      },
      jobsInFlight: inFlight[record.kind] ?? 0,
    };
    if (record.lastRunAt !== undefined) view.lastRunAt = record.lastRunAt;
    if (record.lastOkAt !== undefined) view.lastOkAt = record.lastOkAt;
    if (record.lastError !== undefined) view.lastError = record.lastError;
    return view;
  });
  const recentErrors = errors.slice(0, RECENT_ERRORS);
  const view: HealthView = { kinds, recentErrors, ordering: (await deps.sortOrderLog?.readAll()) ?? [] };
  const jiraQuota = await jiraQuotaView(deps);
  if (jiraQuota !== undefined) view.jiraQuota = jiraQuota;
  const cached = await deps.capabilityCache?.read();
  if (cached !== undefined) view.zeropath = describeSupport(fromCached(cached));
  return view;
}
