import {
  applyBar,
  clamp,
  classifyClosure,
  describeAuthor,
  mapResolution,
  orderedHumanComments,
  OUTCOME_WORDS,
  truncatePhrase,
} from './closure-classifier';
import { isQuestion, LANGUAGE_MARKERS } from './clause-structure';
import { COMMENT_DOUBT, CONDITIONAL_BEFORE, FUTURE_ANYWHERE, HEDGE, PENDING } from './cue-lexicon';
import { type ReaderModel, readerThreadOf, readThreadProbabilities, type ResolutionClass, strongestEvidence } from './learned-reader';
import { decodeReaderModel } from './learned-reader-codec';
import { LEARNED_READER_MODEL } from './learned-reader-model';
import { extractProse } from './adf-text';
import { DEFAULT_CONFIDENCE_BAR, DEFAULT_RESOLUTION_MAPPING, type TriageInput, type TriageResult } from './triage-types';

/**
 * Closure triage as the app runs it: the hand-written rules (closure-classifier.ts), then the
 * learned reader's second opinion (learned-reader.ts). Pure.
 */
export function triageClosure(input: TriageInput): TriageResult {
  return weighWithReader(classifyClosure(input), input, learnedReaderModel());
}

/**
 * The learned reader's thresholds, chosen by leave-one-set-out cross-validation on the spent
 * labelled sets (`npm run triage:train -- --cv`, docs/closure-triage.md), never on a set that is
 * then reported as blind.
 * - A decision the rules read from comments stands only if the reader gives it at least
 *   READER_AGREES_FROM and finds it at least as likely as "cannot tell"; otherwise the two
 *   readings disagree and the closure is skipped.
 * - A thread the rules found silent is decided only if the reader puts at least
 *   READER_DECIDES_FROM on one outcome (and more than on "cannot tell"), and nothing in the
 *   thread leaves the outcome open (see openMarker).
 */
export const READER_AGREES_FROM = 0.3;
export const READER_DECIDES_FROM = 0.6;

let decodedReader: ReaderModel | undefined;
function learnedReaderModel(): ReaderModel {
  decodedReader ??= decodeReaderModel(LEARNED_READER_MODEL);
  return decodedReader;
}

/** "we're upgrading", "upgrading it now", "en train de", "estamos atualizando": not done yet. */
const IN_PROGRESS =
  /\b(?:i'?m|i am|we'?re|we are|currently)\s+(?:\p{L}+\s+)?\p{L}+ing\b|^\W*\p{L}+ing\b.*\b(?:now|atm|right now|as we speak)\b|\ben train de\b|\bgerade dabei\b|\b(?:estamos|estoy|estou|estão|están)\s+\p{L}+(?:ando|endo|indo)\b|\bwip\b/iu;

/**
 * A thread the rules found silent may still be about something that has not happened: a plan, a
 * condition, a question, a guess, work in progress. The reader reads topics, not tense, so it
 * never decides such a thread. Returns the marker that leaves the outcome open, if any.
 */
export function openMarker(prose: string): string | undefined {
  const lowered = prose.toLowerCase();
  for (const sentence of lowered.split(/\n+|(?<=[.!?])\s+/u)) {
    if (isQuestion(sentence)) return '?';
  }
  for (const pattern of [PENDING, FUTURE_ANYWHERE, HEDGE, COMMENT_DOUBT, CONDITIONAL_BEFORE, IN_PROGRESS]) {
    const found = pattern.exec(lowered);
    if (found !== null) return found[0];
  }
  for (const markers of Object.values(LANGUAGE_MARKERS)) {
    for (const pattern of [markers.future, markers.futureVerb, markers.proposal, markers.doubt]) {
      const found = pattern?.exec(lowered);
      if (found !== null && found !== undefined) return found[0];
    }
  }
  return undefined;
}

/**
 * The rules' result weighed against the learned reader. The reader only reads threads with human
 * comments under comment triage; it never touches a closure the rules decided from the resolution
 * alone (README rule 5), a skip the rules chose (a conflict, a dispute, a plan), or the structure
 * (authors, order, app comments).
 */
export function weighWithReader(ruled: TriageResult, input: TriageInput, model: ReaderModel): TriageResult {
  if (!input.commentSyncEnabled || input.status.category.toLowerCase() !== 'done') return ruled;
  const human = orderedHumanComments(input.comments);
  if (human.length === 0) return ruled;
  const mapped = mapResolution(input.resolution, input.resolutionMapping ?? DEFAULT_RESOLUTION_MAPPING);
  const resolution: ResolutionClass = mapped.decision ?? 'unmapped';
  const probabilities = readThreadProbabilities(model, readerThreadOf(human, resolution));

  if (ruled.decision !== 'skip') {
    const agreement = probabilities[ruled.decision];
    if (agreement >= READER_AGREES_FROM && agreement >= probabilities.skip) return ruled;
    return {
      decision: 'skip',
      confidence: ruled.confidence,
      evidence: {
        ...ruled.evidence,
        explanation: `${ruled.evidence.explanation} The learned reader does not confirm it (${OUTCOME_WORDS[ruled.decision]} ${agreement.toFixed(2)}, cannot tell ${probabilities.skip.toFixed(2)}), so nothing is changed.`,
      },
    };
  }

  if (ruled.undecided !== true) return ruled;
  const ranked = (['resolved', 'false_positive', 'accepted_risk'] as const)
    .map((outcome) => ({ outcome, probability: probabilities[outcome] }))
    .sort((a, b) => b.probability - a.probability);
  const best = ranked[0];
  if (best === undefined || best.probability < READER_DECIDES_FROM || best.probability <= probabilities.skip) return ruled;
  for (const comment of human) {
    const open = openMarker(extractProse(comment.body));
    if (open !== undefined) {
      return {
        ...ruled,
        evidence: {
          ...ruled.evidence,
          explanation: `${ruled.evidence.explanation} The learned reader leans to ${OUTCOME_WORDS[best.outcome]} (${best.probability.toFixed(2)}), but comment ${comment.id} leaves the outcome open ("${open.trim()}").`,
        },
      };
    }
  }
  const evidence = strongestEvidence(model, human, resolution, best.outcome);
  if (evidence === undefined) return ruled;
  const author = describeAuthor(evidence.comment);
  const decided: TriageResult = {
    decision: best.outcome,
    confidence: clamp(best.probability),
    evidence: {
      source: 'comment',
      commentId: evidence.comment.id,
      author,
      phrase: truncatePhrase(evidence.phrase),
      resolution: mapped.label,
      explanation: `No rule reads an outcome in the comments; the learned reader reads ${OUTCOME_WORDS[best.outcome]} (${best.probability.toFixed(2)}), most strongly in comment ${evidence.comment.id} by ${author}.`,
    },
  };
  return applyBar(decided, input.confidenceBar ?? DEFAULT_CONFIDENCE_BAR);
}
