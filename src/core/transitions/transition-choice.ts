import { z } from 'zod';

/**
 * One entry of `GET /rest/api/3/issue/{key}/transitions?expand=transitions.fields`
 * (jira-rest-api.md §4.1). Tolerant of the many fields we do not read.
 */
export const jiraTransitionSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  to: z.looseObject({
    id: z.string(),
    name: z.string(),
    statusCategory: z.looseObject({ key: z.string() }),
  }),
  hasScreen: z.boolean().optional(),
  isAvailable: z.boolean().optional(),
  fields: z
    .record(
      z.string(),
      z.looseObject({
        required: z.boolean().optional(),
        hasDefaultValue: z.boolean().optional(),
        allowedValues: z
          .array(z.looseObject({ id: z.string().optional(), name: z.string().optional() }))
          .optional(),
      }),
    )
    .optional(),
});
export type JiraTransition = z.infer<typeof jiraTransitionSchema>;

export type TransitionTarget =
  'resolved' | 'false_positive' | 'non_exploitable' | 'accepted_risk' | 'reopened';

export type TransitionChoice =
  | {
      transitionId: string;
      transitionName: string;
      toStatusName: string;
      resolution?: { id: string } | { name: string };
      explanation: string;
    }
  | { none: true; explanation: string };

/** Names that close work as finished. Compared against the transition and its target status. */
const COMPLETION = /\b(?:done|resolved?|fixed|closed?|complete[ds]?|finish(?:ed)?)\b/i;
/** Names that close work as not done; checked first so "Close as Won't Do" counts as cancellation. */
const CANCELLATION =
  /won'?t\s*(?:do|fix)|\bcancel(?:l?ed)?\b|\bdeclined?\b|\brejected?\b|\bduplicate\b|\binvalid\b|\bnot\s+a\s+bug\b|\bobsolete\b|\babandon(?:ed)?\b/i;
/** Preferred names for a way back to the to-do category. */
const REOPEN = /\breopen(?:ed)?\b|\bto\s*do\b|\bopen\b|\bbacklog\b/i;

/**
 * Resolution names that fit each target, best first (names are admin-editable, so matched
 * case-insensitively; ids are never hard-coded).
 */
const RESOLUTION_PREFERENCES: Record<Exclude<TransitionTarget, 'reopened'>, string[]> = {
  resolved: ['Fixed', 'Done', 'Resolved', 'Complete', 'Completed'],
  false_positive: ['False Positive', 'Not a Bug', 'Invalid', 'Cannot Reproduce', "Won't Fix", "Won't Do"],
  non_exploitable: ['Not Exploitable', 'Not a Bug', "Won't Fix", "Won't Do", 'Invalid'],
  accepted_risk: ['Risk Accepted', 'Accepted Risk', "Won't Fix", "Won't Do"],
};

type Kind = 'cancellation' | 'completion' | 'neutral';

function kindOf(transition: JiraTransition): Kind {
  const names = `${transition.name} | ${transition.to.name}`;
  if (CANCELLATION.test(names)) return 'cancellation';
  if (COMPLETION.test(names)) return 'completion';
  return 'neutral';
}

/** Kinds acceptable for the target, best first; neutral done statuses (e.g. "Released") last. */
function preferredKinds(target: Exclude<TransitionTarget, 'reopened'>): Kind[] {
  return target === 'resolved' ? ['completion', 'neutral'] : ['cancellation', 'completion', 'neutral'];
}

/**
 * Picks the workflow transition that moves a linked issue to reflect the finding's new state,
 * and the resolution to set on its screen. "No fitting transition" is an explicit answer with
 * the reason, never a guess: resolving never uses a cancellation-like transition, and a
 * transition whose screen demands fields we cannot fill is never chosen.
 */
export function chooseTransition(
  transitions: readonly JiraTransition[],
  target: TransitionTarget,
  current?: { statusCategoryKey: string },
): TransitionChoice {
  if (target === 'reopened') return chooseReopen(transitions, current);
  if (current?.statusCategoryKey === 'done') {
    return {
      none: true,
      explanation: 'The issue is already in a done-category status; no transition needed.',
    };
  }
  const usable = transitions.filter((t) => t.isAvailable !== false && t.to.statusCategory.key === 'done');
  if (usable.length === 0) {
    return {
      none: true,
      explanation: 'The workflow offers no transition into a done-category status from here.',
    };
  }
  const skipped: string[] = [];
  for (const kind of preferredKinds(target)) {
    for (const transition of usable.filter((t) => kindOf(t) === kind)) {
      const blocker = unfillableRequiredField(transition);
      if (blocker) {
        skipped.push(`"${transition.name}" requires the field "${blocker}"`);
        continue;
      }
      const resolution = chooseResolution(transition, target);
      if (resolution.kind === 'blocked') {
        skipped.push(`"${transition.name}" ${resolution.why}`);
        continue;
      }
      return withResolution(
        transition,
        resolution,
        describeKind(kind, target, `"${transition.name}" (to ${transition.to.name})`),
      );
    }
  }
  const refused =
    target === 'resolved' ? usable.filter((t) => kindOf(t) === 'cancellation').map((t) => `"${t.name}"`) : [];
  const reasons = [
    ...(refused.length > 0
      ? [`steps for work that will not be done are never used for fixed findings (${refused.join(', ')})`]
      : []),
    ...skipped,
  ];
  return { none: true, explanation: `No workflow step can close it: ${reasons.join('; ')}.` };
}

function chooseReopen(
  transitions: readonly JiraTransition[],
  current?: { statusCategoryKey: string },
): TransitionChoice {
  if (current?.statusCategoryKey === 'new') {
    return {
      none: true,
      explanation: 'The issue is already in a to-do-category status; no transition needed.',
    };
  }
  const usable = transitions.filter(
    (t) =>
      t.isAvailable !== false && t.to.statusCategory.key === 'new' && unfillableRequiredField(t) === null,
  );
  const best = usable.find((t) => REOPEN.test(`${t.name} | ${t.to.name}`)) ?? usable[0];
  if (!best)
    return {
      none: true,
      explanation: 'The workflow offers no usable transition back to a to-do-category status.',
    };
  return {
    transitionId: best.id,
    transitionName: best.name,
    toStatusName: best.to.name,
    explanation: `Reopened through "${best.name}" (to ${best.to.name}).`,
  };
}

/** A required screen field, other than resolution, with no default: we have no value for it. */
function unfillableRequiredField(transition: JiraTransition): string | null {
  for (const [key, field] of Object.entries(transition.fields ?? {})) {
    if (key !== 'resolution' && field.required === true && field.hasDefaultValue !== true) return key;
  }
  return null;
}

type ResolutionPick =
  | { kind: 'none'; why: string }
  | { kind: 'picked'; value: { id: string } | { name: string }; name: string; why: string }
  | { kind: 'blocked'; why: string };

function chooseResolution(
  transition: JiraTransition,
  target: Exclude<TransitionTarget, 'reopened'>,
): ResolutionPick {
  const field = transition.fields?.['resolution'];
  if (!field) return { kind: 'none', why: 'the workflow sets the resolution itself' };
  const allowed = (field.allowedValues ?? []).filter(
    (v): v is typeof v & { name: string } => typeof v.name === 'string',
  );
  for (const preferred of RESOLUTION_PREFERENCES[target]) {
    const hit = allowed.find((v) => v.name.trim().toLowerCase() === preferred.toLowerCase());
    if (hit)
      return { kind: 'picked', value: refOf(hit), name: hit.name, why: `with resolution "${hit.name}"` };
  }
  if (field.required !== true)
    return { kind: 'none', why: 'no resolution is set, since none of those offered matches and it is optional' };
  // Required but nothing fits: any value that does not contradict the target beats failing, and
  // "resolved" must never be recorded as a cancellation.
  const fallback = allowed.find((v) => target !== 'resolved' || !CANCELLATION.test(v.name));
  if (!fallback) return { kind: 'blocked', why: 'needs a resolution and none of those offered matches' };
  return {
    kind: 'picked',
    value: refOf(fallback),
    name: fallback.name,
    why: `with resolution "${fallback.name}", the closest of those offered`,
  };
}

function refOf(value: { id?: string | undefined; name: string }): { id: string } | { name: string } {
  return value.id !== undefined ? { id: value.id } : { name: value.name };
}

function withResolution(
  transition: JiraTransition,
  pick: ResolutionPick,
  headline: string,
): TransitionChoice {
  const base = {
    transitionId: transition.id,
    transitionName: transition.name,
    toStatusName: transition.to.name,
  };
  if (pick.kind === 'picked')
    return { ...base, resolution: pick.value, explanation: `${headline}, ${pick.why}.` };
  return { ...base, explanation: `${headline}; ${pick.why}.` };
}

/** Plain words for how the step was chosen: people read these in Jira comments and on Health. */
function describeKind(kind: Kind, target: TransitionTarget, step: string): string {
  if (kind === 'cancellation') return `Closed through ${step}, the workflow's step for work that will not be done`;
  if (kind === 'completion')
    return target === 'resolved'
      ? `Closed through ${step}, the workflow's step for finished work`
      : `The workflow has no step for work that will not be done, so it was closed through ${step}, its step for finished work`;
  return `The workflow has no step for finished work, so it was closed through ${step}, which ends in a done status`;
}

/** A `status` item of an issue changelog (Forge `avi:jira:updated:issue` or REST changelog). */
export interface StatusChangelogItem {
  field: string;
  from?: string | null;
  to?: string | null;
}

export type StatusCategoryChange =
  'entered_done' | 'left_done' | 'within_done' | 'outside_done' | 'not_a_status_change' | 'unknown';

/**
 * Whether a changelog item moved the issue into or out of the done category. Changelogs carry
 * status ids, not categories, so the caller supplies the category of each status id (from the
 * event's issue fields or `GET /rest/api/3/status`); an unknown status yields `unknown`.
 */
export function statusCategoryChange(
  item: StatusChangelogItem,
  categoryOfStatus: (statusId: string) => string | undefined,
): StatusCategoryChange {
  if (item.field !== 'status') return 'not_a_status_change';
  const from = item.from ? categoryOfStatus(item.from) : undefined;
  const to = item.to ? categoryOfStatus(item.to) : undefined;
  if (from === undefined || to === undefined) return 'unknown';
  if (from !== 'done' && to === 'done') return 'entered_done';
  if (from === 'done' && to !== 'done') return 'left_done';
  return from === 'done' ? 'within_done' : 'outside_done';
}
