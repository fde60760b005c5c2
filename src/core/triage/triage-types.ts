import { z } from 'zod';
import { keyString } from '../object-keys';

/**
 * Closure triage: what a done Jira issue means for its ZeroPath finding. Rules live in the
 * project's triage README (human comments first, app comments never, resolution as fallback).
 */
export const TRIAGE_DECISIONS = ['resolved', 'false_positive', 'accepted_risk', 'skip'] as const;
export type TriageDecision = (typeof TRIAGE_DECISIONS)[number];
export type TriageOutcome = Exclude<TriageDecision, 'skip'>;

/**
 * Key under which the mapping stores the decision for an issue closed with no resolution at all
 * (Jira returns `resolution: null`). A name no real resolution can have, so admins can edit it.
 */
export const NO_RESOLUTION_KEY = '(none)';

/** Resolution names match ignoring case, outer spaces and the curly apostrophe Jira admins paste. */
export function normalizeResolutionName(name: string): string {
  return name.trim().replace(/[\u2018\u2019]/g, "'").toLowerCase();
}

/** Admin-editable: resolution name (matched case-insensitively) → decision. */
export const resolutionMappingSchema = z
  .record(keyString(255), z.enum(TRIAGE_DECISIONS))
  .superRefine((mapping, ctx) => {
    const names = Object.keys(mapping);
    if (names.length > 200) ctx.addIssue({ code: 'custom', message: 'At most 200 resolution mappings' });
    const seen = new Set<string>();
    for (const name of names) {
      const normalized = normalizeResolutionName(name);
      if (normalized === '') {
        ctx.addIssue({ code: 'custom', path: [name], message: 'Resolution name must not be empty' });
      } else if (name.length > 255) {
        ctx.addIssue({ code: 'custom', path: [name], message: 'Resolution name is too long (255 characters at most)' });
      } else if (seen.has(normalized)) {
        // Lookup ignores case, so two spellings of one name would make the mapping ambiguous.
        ctx.addIssue({ code: 'custom', path: [name], message: `Resolution "${name.trim()}" is mapped twice` });
      }
      seen.add(normalized);
    }
  });
export type ResolutionMapping = z.infer<typeof resolutionMappingSchema>;

/** README rule 5. */
export const DEFAULT_RESOLUTION_MAPPING: Readonly<ResolutionMapping> = Object.freeze({
  [NO_RESOLUTION_KEY]: 'resolved',
  Done: 'resolved',
  Fixed: 'resolved',
  Resolved: 'resolved',
  Complete: 'resolved',
  "Won't Do": 'accepted_risk',
  "Won't Fix": 'accepted_risk',
  Declined: 'accepted_risk',
  'Risk Accepted': 'accepted_risk',
  'Not a Bug': 'false_positive',
  'Cannot Reproduce': 'false_positive',
  Invalid: 'false_positive',
  'False Positive': 'false_positive',
  Duplicate: 'skip',
  Incomplete: 'skip',
});

/**
 * Default confidence bar. Resolution-only generic closures sit at 0.75 and one moderate comment
 * cue at about 0.70, so a single weak or hedged cue (≈0.6) falls below it and becomes `skip`.
 */
export const DEFAULT_CONFIDENCE_BAR = 0.65;

const adfNodeSchema: z.ZodType<AdfNode> = z.lazy(() =>
  z.looseObject({
    type: z.string(),
    text: z.string().optional(),
    attrs: z.record(z.string(), z.unknown()).optional(),
    marks: z.array(z.looseObject({ type: z.string() })).optional(),
    content: z.array(adfNodeSchema).optional(),
  }),
);

/** The subset of an ADF node the text walker reads; other fields are tolerated and ignored. */
export interface AdfNode {
  type: string;
  text?: string | undefined;
  attrs?: Record<string, unknown> | undefined;
  marks?: { type: string }[] | undefined;
  content?: AdfNode[] | undefined;
}

export const triageCommentSchema = z.object({
  id: z.string().min(1),
  author: z.object({
    accountId: z.string(),
    displayName: z.string().optional(),
    // Jira says "atlassian", "app" or "customer"; anything but "app" is a human (README rule 1).
    accountType: z.string(),
  }),
  created: z.string().min(1),
  body: adfNodeSchema,
});
export type TriageComment = z.infer<typeof triageCommentSchema>;

export const triageInputSchema = z.object({
  status: z.object({ name: z.string(), category: z.string() }),
  resolution: z.string().nullable(),
  commentSyncEnabled: z.boolean(),
  comments: z.array(triageCommentSchema),
  resolutionMapping: resolutionMappingSchema.optional(),
  confidenceBar: z.number().min(0).max(1).optional(),
  /** The Jira issue's own key, so a comment naming it is not taken as "another ticket". */
  issueKey: z.string().optional(),
});
export type TriageInput = z.infer<typeof triageInputSchema>;

export interface TriageEvidence {
  source: 'comment' | 'resolution' | 'none';
  commentId?: string;
  author?: string;
  phrase?: string;
  resolution?: string;
  explanation: string;
}

export interface TriageResult {
  decision: TriageDecision;
  /** 0..1. For `skip` it is the confidence of the decision that was withheld, or 0. */
  confidence: number;
  evidence: TriageEvidence;
  /**
   * Set when the rules found nothing to go on (silent thread under a generic resolution, or a
   * decision below the confidence bar): the only skips the optional AI assist may look at. A skip
   * the rules chose (a conflict, a dispute, an objection) is a decision and is never re-asked.
   */
  undecided?: true;
  /**
   * Set on a skip the rules chose where the thread still has an answer the rules cannot read
   * in their own words; the learned reader may read it, each time under its own bar and limits
   * (closure-triage.ts). Never set on a denial of a claim or a conflict with the resolution.
   */
  readerMayRead?: ReaderOpening;
}

/**
 * Why the rules let the learned reader read a skip they chose:
 * - `challenge`: another person questioned or doubted a claim (asked, not denied: "did this
 *   reach prod?") and no later comment settles it in words the rules know;
 * - `contest`: the latest deciding comment states two outcomes at once ("deployed the upgrade;
 *   the path was never reachable anyway"): the reader may pick one of them;
 * - `objection`: a comment objects to an outcome nobody had claimed ("this is not a false
 *   positive") and no comment states one: the reader may read another, never the one objected to.
 */
export type ReaderOpening =
  | { kind: 'challenge'; commentId: string }
  | { kind: 'contest'; commentId: string; outcomes: readonly TriageOutcome[] }
  | { kind: 'objection'; commentId: string; denies: readonly TriageOutcome[] };
