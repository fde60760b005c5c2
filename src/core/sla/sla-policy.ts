import { z } from 'zod';
import { type Finding, isOpenStatus } from '../finding/finding';
import {
  type RepoTags,
  type RepositoryScope,
  repositoryScopeSchema,
  scopeCovers,
} from '../rules/repository-scope';

/**
 * ZeroPath's SLA model (zeropath-api.md §4.2): days to remediate per severity, 1–365, INFO not
 * eligible; a policy covers every repository, chosen repositories, or repositories carrying a
 * tag (membership is live, so tags are resolved at computation time). ZeroPath has no SLA read
 * API, so the admin mirrors their policies here.
 */
const slaDaysSchema = z
  .number({ error: 'Days must be a number' })
  .int('Days must be a whole number')
  .min(1, 'Days must be at least 1')
  .max(365, 'Days must be at most 365');

export const slaScopeSchema = repositoryScopeSchema;
export type SlaScope = RepositoryScope;

export const slaPolicySchema = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1, 'Name is required').max(100),
  enabled: z.boolean(),
  /** Strict so an `Info` threshold is refused rather than silently ignored. */
  days: z
    .strictObject(
      {
        Critical: slaDaysSchema.optional(),
        High: slaDaysSchema.optional(),
        Medium: slaDaysSchema.optional(),
        Low: slaDaysSchema.optional(),
      },
      {
        error: (issue) =>
          issue.code === 'unrecognized_keys'
            ? 'Only Critical, High, Medium and Low have SLA thresholds (Info is not eligible)'
            : undefined,
      },
    )
    .refine(
      (days) => Object.values(days).some((d) => d !== undefined),
      'Set a threshold for at least one severity',
    ),
  scope: slaScopeSchema,
});
export type SlaPolicy = z.infer<typeof slaPolicySchema>;

export type { RepoTags };

export interface SlaDeadline {
  /** Calendar date in UTC, YYYY-MM-DD. */
  dueDate: string;
  policyId: string;
  policyName: string;
  days: number;
}

const DAY_MS = 86_400_000;

/** Whether the policy's scope includes the finding's repository. */
export function policyCovers(policy: SlaPolicy, finding: Finding, repoTags: RepoTags): boolean {
  return scopeCovers(policy.scope, finding.repository.id, repoTags);
}

/**
 * The earliest breach across every enabled policy that covers the finding, with the policy that
 * set it; null when none covers it, the finding is Info, or it is no longer open (SLAs only run
 * on open findings). The clock starts at `openedAt`: when the finding (re)entered an open state.
 */
export function computeSlaDeadline(
  finding: Finding,
  policies: readonly SlaPolicy[],
  repoTags: RepoTags,
  openedAt: string | Date,
): SlaDeadline | null {
  const start = toInstant(openedAt);
  if (finding.severity === 'Info' || !isOpenStatus(finding.status)) return null;
  const severity = finding.severity;
  let earliest: SlaDeadline | null = null;
  for (const policy of policies) {
    const days = policy.days[severity];
    if (!policy.enabled || days === undefined || !policyCovers(policy, finding, repoTags)) continue;
    const dueDate = new Date(start.getTime() + days * DAY_MS).toISOString().slice(0, 10);
    if (earliest === null || dueDate < earliest.dueDate) {
      earliest = { dueDate, policyId: policy.id, policyName: policy.name, days };
    }
  }
  return earliest;
}

/** The Jira due date (YYYY-MM-DD, UTC) for the finding, or null when no SLA policy covers it. */
export function computeDueDate(
  finding: Finding,
  policies: readonly SlaPolicy[],
  repoTags: RepoTags,
  openedAt: string | Date,
): string | null {
  return computeSlaDeadline(finding, policies, repoTags, openedAt)?.dueDate ?? null;
}

/** Whole days from `today` to `dueDate` (negative once overdue); both are UTC calendar dates. */
export function daysUntilDue(dueDate: string, today: string | Date): number {
  const due = toInstant(`${assertCalendarDate(dueDate)}T00:00:00.000Z`);
  const day = toInstant(
    typeof today === 'string'
      ? `${assertCalendarDate(today)}T00:00:00.000Z`
      : today.toISOString().slice(0, 10) + 'T00:00:00.000Z',
  );
  return Math.round((due.getTime() - day.getTime()) / DAY_MS);
}

function assertCalendarDate(value: string): string {
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
    toInstant(`${value}T00:00:00.000Z`).toISOString().slice(0, 10) !== value
  ) {
    throw new RangeError(`"${value}" is not a calendar date (YYYY-MM-DD)`);
  }
  return value;
}

function toInstant(value: string | Date): Date {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new RangeError(`"${String(value)}" is not a valid date-time`);
  return date;
}
