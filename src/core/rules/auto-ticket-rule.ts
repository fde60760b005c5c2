import { z } from 'zod';
import { FINDING_CATEGORIES, SCAN_TYPES, type Finding, isOpenStatus } from '../finding/finding';
import { type RepoTags, repositoryScopeSchema, scopeCovers, tagsOfRepository } from './repository-scope';

const accountIdSchema = z.string().trim().min(1, 'Choose a user').max(128);

/**
 * Who gets the ticket: nobody, one fixed user, or a mapping where the first matching repository
 * entry wins, then the first matching tag entry, then the fallback. Arrays (not records) so the
 * admin's order is the tie-break when a repository carries several mapped tags.
 */
export const assigneePolicySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({ type: z.literal('fixed'), accountId: accountIdSchema }),
  z
    .object({
      type: z.literal('mapping'),
      byRepository: z.array(z.object({ repositoryId: z.string().min(1), accountId: accountIdSchema })),
      byTag: z.array(z.object({ tag: z.string().trim().min(1), accountId: accountIdSchema })),
      fallbackAccountId: accountIdSchema.optional(),
    })
    .refine(
      (m) => m.byRepository.length + m.byTag.length > 0 || m.fallbackAccountId !== undefined,
      'Map at least one repository or tag to a user, or set a fallback user',
    ),
]);
export type AssigneePolicy = z.infer<typeof assigneePolicySchema>;

/**
 * Which title/description template a rule's tickets use, when it does not name a library template
 * (`templateId`): the built-in layout, the site template, or the rule's own pair. Absent means the
 * site template (what rules saved before this choice existed did). Bodies are validated by
 * core/templates when the rules are saved.
 */
export const ruleTemplateSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({ type: z.literal('site') }),
  z.object({
    type: z.literal('own'),
    summary: z.string().max(1_000).optional(),
    description: z.string().max(20_000).optional(),
  }),
]);
export type RuleTemplate = z.infer<typeof ruleTemplateSchema>;

/** Upper bound on one rule's tickets per UTC day; a guard against a flood after a big scan. */
export const MAX_DAILY_CAP = 500;

export const autoTicketRuleSchema = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1, 'Name is required').max(100),
  enabled: z.boolean(),
  /**
   * Findings with a score at or above this create tickets. ZeroPath's UI says "above"; we make it
   * inclusive so that a threshold equal to a bucket's lower bound (70 = High, 90 = Critical)
   * includes that bucket, which is what an admin typing 70 means.
   */
  scoreThreshold: z.number().min(0, 'Score threshold is 0–100').max(100, 'Score threshold is 0–100'),
  /** Scanner modules (SAST, SCA, SECRETS, IAC, …). */
  categories: z.array(z.enum(FINDING_CATEGORIES)).min(1, 'Choose at least one finding category'),
  /** Scan kinds (full, PR, SCA scan); a finding without one counts as `Other`. */
  scanTypes: z.array(z.enum(SCAN_TYPES)).min(1, 'Choose at least one scan type'),
  scope: repositoryScopeSchema,
  jiraProjectId: z.string().min(1, 'Choose a Jira project'),
  issueTypeId: z.string().min(1, 'Choose an issue type'),
  /** Key of the epic (or other parent) to file tickets under. */
  epicKey: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]*-\d+$/, 'Epic must be an issue key such as SEC-12')
    .optional(),
  assignee: assigneePolicySchema,
  templateId: z.string().min(1).optional(),
  template: ruleTemplateSchema.optional(),
  dailyCap: z
    .number()
    .int('Daily cap must be a whole number')
    .min(1, 'Daily cap must be at least 1')
    .max(MAX_DAILY_CAP, `Daily cap must be at most ${MAX_DAILY_CAP}`),
  /**
   * accountId of the admin who last saved the rule with CREATE_ISSUES on its project, set by the
   * server (the wire never carries it). Each run re-checks that person's right before creating.
   */
  savedBy: z.string().min(1).max(128).optional(),
});
export type AutoTicketRule = z.infer<typeof autoTicketRuleSchema>;

/** The admin's ordered list; ids must be unique because daily counts are kept per rule id. */
export const autoTicketRulesSchema = z
  .array(autoTicketRuleSchema)
  .refine((rules) => new Set(rules.map((r) => r.id)).size === rules.length, 'Rule ids must be unique');

export type RuleMatch = { matches: true } | { matches: false; reason: string };

/** Whether the rule would ticket this finding, and if not, the first reason why not. */
export function matchRule(finding: Finding, rule: AutoTicketRule, repoTags: RepoTags): RuleMatch {
  if (!rule.enabled) return { matches: false, reason: 'rule is disabled' };
  if (!isOpenStatus(finding.status))
    return { matches: false, reason: `finding is ${finding.status}, not open` };
  if (finding.score < rule.scoreThreshold) {
    return { matches: false, reason: `score ${finding.score} is below the threshold ${rule.scoreThreshold}` };
  }
  if (!rule.categories.includes(finding.category)) {
    return { matches: false, reason: `category ${finding.category} is not selected` };
  }
  const scanType = finding.scanType ?? 'Other';
  if (!rule.scanTypes.includes(scanType))
    return { matches: false, reason: `scan type ${scanType} is not selected` };
  if (!scopeCovers(rule.scope, finding.repository.id, repoTags)) {
    return {
      matches: false,
      reason: `repository ${finding.repository.name ?? finding.repository.id} is out of scope`,
    };
  }
  return { matches: true };
}

/** The first enabled rule, in the admin's order, that matches; null when none does. */
export function pickRule(
  finding: Finding,
  rules: readonly AutoTicketRule[],
  repoTags: RepoTags,
): AutoTicketRule | null {
  return rules.find((rule) => matchRule(finding, rule, repoTags).matches) ?? null;
}

/** Tickets created per UTC calendar day (YYYY-MM-DD) for one rule. */
export type DailyCounts = Readonly<Record<string, number>>;

export function utcDayOf(moment: string | Date): string {
  const date = typeof moment === 'string' ? new Date(moment) : moment;
  if (Number.isNaN(date.getTime())) throw new RangeError(`"${String(moment)}" is not a valid date-time`);
  return date.toISOString().slice(0, 10);
}

/** How many more tickets the rule may create today (UTC day), never negative. */
export function remainingToday(
  rule: AutoTicketRule,
  createdCountsByDay: DailyCounts,
  today: string | Date,
): number {
  const day = typeof today === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(today) ? today : utcDayOf(today);
  const used = Object.hasOwn(createdCountsByDay, day) ? (createdCountsByDay[day] ?? 0) : 0;
  return Math.max(0, rule.dailyCap - used);
}

/**
 * Adds `created` to today's count and forgets days older than `keepDays`, so the stored record
 * stays a handful of entries however long the app runs.
 */
export function recordCreated(
  createdCountsByDay: DailyCounts,
  today: string | Date,
  created: number,
  keepDays = 7,
): Record<string, number> {
  if (!Number.isInteger(created) || created < 0)
    throw new RangeError(`created must be a non-negative integer, got ${created}`);
  const day = utcDayOf(
    typeof today === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(today) ? `${today}T00:00:00.000Z` : today,
  );
  const oldest = utcDayOf(new Date(Date.parse(`${day}T00:00:00.000Z`) - (keepDays - 1) * 86_400_000));
  const next: Record<string, number> = {};
  for (const [key, count] of Object.entries(createdCountsByDay))
    if (key >= oldest && key <= day) next[key] = count;
  next[day] = (next[day] ?? 0) + created;
  return next;
}

/** The Jira accountId to assign, or null for "leave unassigned". */
export function resolveAssignee(policy: AssigneePolicy, finding: Finding, repoTags: RepoTags): string | null {
  switch (policy.type) {
    case 'none':
      return null;
    case 'fixed':
      return policy.accountId;
    case 'mapping': {
      const byRepo = policy.byRepository.find((entry) => entry.repositoryId === finding.repository.id);
      if (byRepo) return byRepo.accountId;
      const tags = tagsOfRepository(repoTags, finding.repository.id);
      const byTag = policy.byTag.find((entry) => tags.includes(entry.tag));
      return byTag?.accountId ?? policy.fallbackAccountId ?? null;
    }
  }
}
