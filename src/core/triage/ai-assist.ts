import { z } from 'zod';
import { redactSecrets } from '../redaction/redact-secrets';
import { extractProse } from './adf-text';
import { readComment } from './clause-analyzer';
import { readChallenge, splitSentences } from './clause-structure';
import {
  DEFAULT_RESOLUTION_MAPPING,
  type TriageComment,
  type TriageInput,
  type TriageOutcome,
  type TriageResult,
} from './triage-types';
import { compareCreated, describeAuthor, mapResolution, orderedHumanComments } from './closure-classifier';

/**
 * Optional AI assist for closures the rules leave undecided. Pure: this module builds the prompt
 * and judges the model's answer; the caller (app layer) decides whether to ask at all (switch,
 * daily cap) and does the call. The model is never trusted on its word: it must quote a human
 * comment verbatim, and the quote must survive the same rules a comment does (README rule 1–6).
 */

/** Evidence and audit entries of an assisted decision start with this, so people can tell. */
export const AI_ASSISTED_MARK = 'AI-assisted';

/** An assisted decision sits just above the default bar: it never outranks a rule's clear reading. */
export const AI_ASSIST_CONFIDENCE = 0.7;

/** Characters of each comment sent; the decisive sentence is almost always in the first part. */
const MAX_COMMENT_CHARS = 2_000;
/** Most recent comments sent (oldest dropped first). */
const MAX_COMMENTS = 20;

export const assistAnswerSchema = z.object({
  decision: z.enum(['resolved', 'false_positive', 'accepted_risk', 'skip']),
  quote: z.string().max(1_000),
  commentId: z.string().max(64).optional(),
});
export type AssistAnswer = z.infer<typeof assistAnswerSchema>;

export interface AssistMessage {
  role: 'system' | 'user';
  content: string;
}

const SYSTEM_PROMPT = [
  'You classify what a closed Jira issue means for the security finding it tracks.',
  'Answer with one JSON object and nothing else: {"decision": "resolved" | "false_positive" | "accepted_risk" | "skip", "quote": "<exact words>", "commentId": "<id>"}.',
  'resolved = really fixed and shipped; false_positive = never exploitable; accepted_risk = real but deliberately not fixed now; skip = cannot tell.',
  'The quote must be copied exactly from one comment whose author is "human" and must itself state the outcome.',
  'Plans, conditions ("once", "when", "will"), questions, guesses and other people\'s words are not outcomes: answer skip.',
  'If people disagree and nobody settles it, answer skip.',
].join('\n');

/** Marker before the case JSON in the user message; the local stand-in model reads after it. */
export const ASSIST_CASE_MARKER = 'CASE:';

/**
 * The messages sent to the model: the resolution and the comments (human and app, labelled, so the
 * model sees the thread as people saw it), each redacted of anything that looks like a secret.
 */
export function buildAssistPrompt(input: Pick<TriageInput, 'resolution' | 'comments'>): AssistMessage[] {
  const ordered = input.comments
    .map((comment, index) => ({ comment, index }))
    .sort((a, b) => compareCreated(a.comment, b.comment) || a.index - b.index)
    .slice(-MAX_COMMENTS)
    .map(({ comment }) => ({
      id: comment.id,
      author: comment.author.accountType === 'app' ? 'app' : 'human',
      text: redactSecrets(extractProse(comment.body), { mode: 'detect' }).text.slice(0, MAX_COMMENT_CHARS),
    }));
  const payload = { resolution: input.resolution, comments: ordered };
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: `${ASSIST_CASE_MARKER}\n${JSON.stringify(payload)}` },
  ];
}

/** The model's text → an answer, or why it is unusable. Tolerates a fenced code block around the JSON. */
export function parseAssistAnswer(
  text: string,
): { ok: true; answer: AssistAnswer } | { ok: false; reason: string } {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return { ok: false, reason: 'the model did not answer with JSON' };
  let raw: unknown;
  try {
    raw = JSON.parse(text.slice(start, end + 1));
  } catch {
    return { ok: false, reason: 'the model answered with malformed JSON' };
  }
  const parsed = assistAnswerSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: 'the model answer has the wrong shape' };
  return { ok: true, answer: parsed.data };
}

function squash(text: string): string {
  return text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

const FAMILY_OF: Record<TriageOutcome, 'fix' | 'false_positive' | 'accepted_risk'> = {
  resolved: 'fix',
  false_positive: 'false_positive',
  accepted_risk: 'accepted_risk',
};

function skip(why: string, comment?: TriageComment, quote?: string): TriageResult {
  return {
    decision: 'skip',
    confidence: 0,
    evidence: {
      source: comment === undefined ? 'none' : 'comment',
      ...(comment === undefined ? {} : { commentId: comment.id, author: describeAuthor(comment) }),
      ...(quote === undefined || quote === '' ? {} : { phrase: quote.slice(0, 200) }),
      explanation: `${AI_ASSISTED_MARK} check failed: ${why} Nothing is changed.`,
    },
  };
}

/**
 * Judges the model's answer against the case, with the same rules as a comment:
 * the quote must be verbatim in a human comment (never the app's), must not itself read as a
 * plan, question or a different outcome, must not contradict a specific resolution, and no later
 * comment from someone else may question or dispute it. Anything else is skip.
 */
export function checkAssistAnswer(answer: AssistAnswer, input: TriageInput): TriageResult {
  if (answer.decision === 'skip') return skip('the model could not tell either.');
  const quote = squash(answer.quote);
  if (quote.length < 8) return skip('the model gave no quote to check.');

  const human = orderedHumanComments(input.comments);
  const source = human.filter((comment) => squash(extractProse(comment.body)).includes(quote)).at(-1);
  if (source === undefined) {
    const fromApp = input.comments.some(
      (comment) => comment.author.accountType === 'app' && squash(extractProse(comment.body)).includes(quote),
    );
    return skip(
      fromApp
        ? "the quote is from the app's own comment, which never counts."
        : 'the quote is not in any human comment.',
      undefined,
      answer.quote,
    );
  }

  const outcome = answer.decision;
  const reading = readComment(answer.quote, input.issueKey);
  if (reading.kind === 'dispute' || reading.kind === 'uncertain' || reading.kind === 'conflict') {
    return skip(
      `the quoted words read as ${reading.kind === 'uncertain' ? 'a guess, plan or question' : reading.kind} under the rules.`,
      source,
      answer.quote,
    );
  }
  if (reading.kind === 'decision' && reading.family !== FAMILY_OF[outcome]) {
    return skip(`the quoted words read as a different outcome under the rules.`, source, answer.quote);
  }

  const mapped = mapResolution(input.resolution, input.resolutionMapping ?? DEFAULT_RESOLUTION_MAPPING);
  if (
    (mapped.decision === 'false_positive' || mapped.decision === 'accepted_risk') &&
    mapped.decision !== outcome
  ) {
    return skip(
      `${outcome} contradicts the resolution "${mapped.label}" (${mapped.decision}).`,
      source,
      answer.quote,
    );
  }

  for (const later of human.slice(human.indexOf(source) + 1)) {
    const prose = extractProse(later.body);
    const laterReading = readComment(prose, input.issueKey);
    const challenged =
      later.author.accountId !== source.author.accountId &&
      readChallenge(splitSentences(prose)) !== undefined;
    const disputed = laterReading.kind === 'dispute' || laterReading.kind === 'conflict';
    const otherOutcome = laterReading.kind === 'decision' && laterReading.family !== FAMILY_OF[outcome];
    if (challenged || disputed || otherOutcome) {
      return skip(
        `later comment ${later.id} by ${describeAuthor(later)} questions or contradicts it.`,
        source,
        answer.quote,
      );
    }
  }

  return {
    decision: outcome,
    confidence: AI_ASSIST_CONFIDENCE,
    evidence: {
      source: 'comment',
      commentId: source.id,
      author: describeAuthor(source),
      phrase: answer.quote.slice(0, 200),
      explanation: `${AI_ASSISTED_MARK}: the rules found no clear outcome; the model read comment ${source.id} by ${describeAuthor(source)} as ${outcome.replace('_', ' ')}, and its verbatim quote passed the same checks as a comment.`,
    },
  };
}
