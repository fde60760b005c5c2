import { extractProse } from './adf-text';
import { NEGATION } from './cue-lexicon';
import { unicodeWords } from './unicode-words';
import { type CommentReading, contraryHint, type CueSignal, type OutcomeFamily, plannedFixOf, readComment } from './clause-analyzer';
import {
  CONCESSION_OPENER,
  LEFT_OVER_WORDS,
  objectsToResolution,
  opensWithContradiction,
  readChallenge,
  reportsPassedCheck,
  reportsWorkingAgain,
  splitSentences,
} from './clause-structure';
import {
  DEFAULT_CONFIDENCE_BAR,
  DEFAULT_RESOLUTION_MAPPING,
  NO_RESOLUTION_KEY,
  normalizeResolutionName,
  type ResolutionMapping,
  type TriageComment,
  type TriageDecision,
  type TriageEvidence,
  type TriageInput,
  type TriageOutcome,
  type TriageResult,
} from './triage-types';
import { acceptanceAwaited, fixUnfinished } from './unfinished-work';
import { withoutHealthySigns, withoutOrdinaryUseCarryingOn } from './ordinary-use';

const OUTCOME_OF: Record<OutcomeFamily, TriageOutcome> = {
  fix: 'resolved',
  false_positive: 'false_positive',
  accepted_risk: 'accepted_risk',
};

export const OUTCOME_WORDS: Record<TriageOutcome, string> = {
  resolved: 'a fix',
  false_positive: 'a false positive',
  accepted_risk: 'an accepted risk',
};

/** Resolution-only confidences: a specific resolution is a deliberate choice, a generic one a habit. */
const SPECIFIC_RESOLUTION_CONFIDENCE = 0.9;
const GENERIC_RESOLUTION_CONFIDENCE = 0.75;
/** Specific resolution, human comments present but silent on the outcome (README rule 4). */
const SPECIFIC_WITH_SILENT_COMMENTS_CONFIDENCE = 0.85;
/** Words by which a person announces that they reverse what stood ("change of plan", "update:"). */
/** A reply to a fix that restricts it: something is still, only or not changed, in any supported language. */
const LEFT_AS_IT_WAS = unicodeWords(
  /\b(?:still|only|untouched|unchanged|unaffected|as before|immer noch|noch immer|nur|unverändert|toujours|encore|seulement|uniquement|inchangé\w*|todavía|aún|sigue|siguen|solo|sólo|únicamente|sin cambios|ainda|só|apenas|continua|continuam|inalterad\w*|ancora|soltanto|nog steeds|alleen)\b/u,
);
const AFFIRMATIVE_ANSWER = unicodeWords(/^\W*(?:yes|yep|yeah|yup|ja|jep|oui|ouais|sí|si|sim|yes sir|correct|confirmed|affirmative)\b/u);
/**
 * A reply that only closes the ticket ("Closing since store-api is fixed", "Closing, see the
 * exception ticket"): it restates, it reports nothing.
 */
export const CLOSER = unicodeWords(
  /^\W*(?:(?:ok|okay|so|alright|right|anyway)[,!.]?\s+)?(?:closing|marking|resolving|moving (?:this|it) to done|let'?s close|i'?ll close|we can close|close (?:this|it)|je (?:passe|ferme|clôture)|on (?:ferme|clôture)|cierro|cerrando|fecho|fechando|(?:ich )?schließe|chiudo)\b/u,
);
/** A resolution whose own words say the flaw will not be fixed. */
const NO_FIX_WORDING = /\b(?:won'?t|will not|not) (?:fix|do)\b|\bwontfix\b|\bnot fixing\b/u;
const REVERSAL_MARKER = /^\W*(?:change of plan|update|correction|scratch that|actually|in the end|turns out|finally|plot twist)\b|\b(?:change of plan|after all|in the end|turns out)\b/u;
/** A later comment that switches to another outcome must say it at least this firmly. */
const WEAK_REVERSAL_SCORE = 0.9;

interface MappedResolution {
  label: string;
  decision: TriageDecision | undefined;
}

interface ThreadVerdict {
  kind: 'decision' | 'conflict' | 'disputed' | 'silent';
  comment?: TriageComment;
  reading?: CommentReading;
  /** Outcome a later dispute cancelled, if any. */
  disputedOutcome?: OutcomeFamily;
  /** Who made the claim a later dispute cancelled, and whether the dispute argued (not asked). */
  disputedClaimant?: string | undefined;
  disputeArgued?: boolean | undefined;
  /** The decision a dispute cancelled: restored if the person who disputed it concedes. */
  restorable?: ThreadVerdict | undefined;
  /** The yes/no question by which another person challenged a claim, if that was the challenge. */
  askedQuestion?: string | undefined;
  /** The dispute only asked or doubted ("did this ship to prod?"); a later answer can settle it. */
  challengeOnly?: boolean;
  overrodeEarlier: boolean;
  laterDoubt: boolean;
}

/** Case- and apostrophe-insensitive lookup, so "Won’t Fix" and "won't fix" both map. */
export function mapResolution(resolution: string | null, mapping: ResolutionMapping): MappedResolution {
  const label = resolution === null || resolution.trim() === '' ? NO_RESOLUTION_KEY : resolution.trim();
  const wanted = normalizeResolutionName(label);
  const entry = Object.entries(mapping).find(([name]) => normalizeResolutionName(name) === wanted);
  return { label, decision: entry?.[1] };
}

export function describeAuthor(comment: TriageComment): string {
  return comment.author.displayName ?? comment.author.accountId;
}

export function truncatePhrase(phrase: string): string {
  return phrase.length <= 200 ? phrase : `${phrase.slice(0, 197)}...`;
}

export function isHuman(comment: TriageComment): boolean {
  return comment.author.accountType !== 'app';
}

export function compareCreated(a: TriageComment, b: TriageComment): number {
  const at = Date.parse(a.created);
  const bt = Date.parse(b.created);
  if (Number.isNaN(at) || Number.isNaN(bt)) return 0;
  return at - bt;
}

/** README rule 1 and 2: people's comments only, oldest first (ties keep Jira's order). */
export function orderedHumanComments(comments: readonly TriageComment[]): TriageComment[] {
  return comments
    .map((comment, index) => ({ comment, index }))
    .filter(({ comment }) => isHuman(comment))
    .sort((a, b) => compareCreated(a.comment, b.comment) || a.index - b.index)
    .map(({ comment }) => comment);
}

/** A reply opening by conceding the point it questioned. */
const CONCEDES =
  /^\W*(?:(?:ah|oh|ok|okay|yes|yeah)[,!.]?\s+)?(?:right|agreed|fair(?: enough)?|makes sense|good point|true|got it|i see|you'?re right|my bad|convinced|understood|ok(?:ay)?,? (?:agreed|then|makes sense|thanks)|stimmt|einverstanden|d'accord|vale|de acuerdo|certo|concordo|verdade|klopt|akkoord)\b/u;
const CONTRAST_ANYWHERE = /\b(?:but|however|though|aber|mais|pero|mas|però|maar)\b/u;

/** Short replies that agree or acknowledge, in each supported language. */
const AGREEMENT = /^\W*(?:(?:ah|oh)[,!.]?\s+)?(?:got it|je confirme|ok pour moi|confirmo|confirme|bestätige|confermo|passt|thanks|thank you|thx|ty|ok|okay|agreed|agree|lgtm|\+1|yes|yep|yeah|sounds good|makes sense|good|great|perfect|confirmed|correct|right|indeed|same|closing|close|nice|cool|ack|noted|danke|merci|gracias|obrigad[oa]|grazie|bedankt|d'accord|einverstanden|de acuerdo|concordo|d'accordo|akkoord|ja|oui|sí|si|sim)\b/u;
/**
 * In a reply: the speaker goes along with the claim or closes on it, or opens by reporting a check
 * (whose negative results — "no file created", "no use since revocation" — confirm a fix).
 */
const SUPPORT =
  /(?:^|[^\p{L}])(?:approved|agreed|agree|confirm(?:ed|s)?|signed|endorsed?|concur|accepted|fine by me|(?:ok|okay|good|fine) (?:by|with) me|works for me|ok with|okay with|exactly|indeed|closing|close it|resolving|genehmigt|einverstanden|bestätigt|schließe|approuvé|confirmé|d'accord|je ferme|aprobado|confirmado|de acuerdo|cierro|aprovado|concordo|fecho|approvato|confermato|chiudo|goedgekeurd|akkoord|sluit)(?![\p{L}])|^\W*so\b|^\W*(?:i |we )?(?:checked|verified|tested|re-?tested|tried|confirmed|validated|geprüft|getestet|vérifié|testé|comprobado|probado|verificado|testado|verificato|gecontroleerd)\b/u;
/**
 * A reply to a false-positive claim about keeping the finding out of future scans ("can we stop
 * this coming back every scan?", "I'll add gen/ to the scanner excludes", "un # nosec pour que ça
 * ne revienne pas") takes the claim as settled: it is housekeeping on the scanner, not a challenge.
 */
const QUIETS_FINDING = unicodeWords(
  /\b(?:ignore[- ]?list|excludes?|exclusions?|suppress\w*|nosec|nolint|noqa|baseline|(?:stops?|keeps?) (?:it |this )?(?:coming back|showing up|flagging|firing)|coming back every|comes back every|ausschlie(?:ß|ss)en|ignorieren|revienne|ignorer|vuelva a salir|ignorar|volte a aparecer)\b/u,
);
/** A reply that endorses an accepted risk: approves the exception or records it in the register. */
const RECORDS_EXCEPTION = unicodeWords(
  /\b(?:(?:i |we )?approv(?:e|ing) (?:the |this |a |an )?(?:policy |security )?exception|(?:exceptions?|risk|risks) (?:register|log|registry))\b/u,
);
/** Words in a reply that deal with the ticket rather than the finding. */
const HOUSEKEEPING = /\b(?:assign\w*|ticket|jira|sprint|board|label\w*|priority|due date|watch\w*|link\w*|duplicate|dupe|moved?|cc|fyi)\b/u;
/** A reply about tidying beyond the finding ("just tidying, no behaviour change", "for hygiene"). */
const TIDYING = unicodeWords(/\b(?:tidying|tidy-?up|hygiene|cosmetic|no behaviou?r(?:al)? change|nice[- ]to[- ]have|for consistency)\b/u);
/** A reply needs this many words to argue a point rather than acknowledge one. */
const COUNTERPOINT_WORDS = 8;

/**
 * Rule: an argument (false positive, accepted risk) answered by another person with a substantive
 * statement that neither agrees nor states an outcome has been countered ("It's also copied into
 * the image by the COPY step, so it ships."): the claim stands only if someone settles it again.
 */
/** A first sentence that only thanks, and a next one that opens with "but". */
const THANKS_ONLY = unicodeWords(/^\W*(?:thanks|thank you|thx|ty|danke|merci|gracias|obrigad[oa]|valeu)\b[^.!?]{0,20}[.!?]?\s*$/u);
const BUT_OPENER = unicodeWords(/^\W*(?:but|however|aber|jedoch|mais|cependant|pero|sin embargo|mas|porém)\b/u);
function readCounterpoint(allSentences: readonly string[]): string | undefined {
  // "Thanks. But the password itself is the same": the thanks is politeness, the "but" the reply.
  const politeOpener =
    allSentences.length > 1 && THANKS_ONLY.test((allSentences[0] ?? '').toLowerCase()) && BUT_OPENER.test((allSentences[1] ?? '').toLowerCase());
  const sentences = politeOpener ? allSentences.slice(1) : allSentences;
  const first = sentences[0];
  if (first === undefined || AGREEMENT.test(first.toLowerCase())) return undefined;
  const text = sentences.join(' ');
  if (HOUSEKEEPING.test(text.toLowerCase()) || SUPPORT.test(text.toLowerCase())) return undefined;
  const words = text.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
  return words >= COUNTERPOINT_WORDS ? first : undefined;
}

/** README rule 2: walk the thread in order; the latest comment that states an outcome wins. */
function readThread(comments: TriageComment[], issueKey: string | undefined): ThreadVerdict {
  let verdict: ThreadVerdict = { kind: 'silent', overrodeEarlier: false, laterDoubt: false };
  for (const comment of comments) {
    // "Valid shares still download" reports no regression; its "still" must not read as left over.
    const prose = withoutOrdinaryUseCarryingOn(extractProse(comment.body));
    const reading = readComment(prose, issueKey);
    // Rule: the person who disputed a claim concedes ("Ah right, agreed", "fair enough") → the
    // claim stands again. Only the challenger can withdraw the challenge.
    if (
      verdict.kind === 'disputed' &&
      verdict.restorable !== undefined &&
      verdict.comment !== undefined &&
      comment.author.accountId === verdict.comment.author.accountId &&
      (reading.kind === 'silent' || reading.kind === 'uncertain') &&
      CONCEDES.test(prose.trim().toLowerCase()) &&
      !CONTRAST_ANYWHERE.test(prose.toLowerCase())
    ) {
      verdict = verdict.restorable;
      continue;
    }
    // Rule: another person asked whether the claim really happened ("Wurde das schon
    // ausgerollt?") and someone other than the asker answers yes with nothing left over ("Ja,
    // seit Montag in allen Regionen"): the claim stands again. A question that itself names
    // something left over ("still exposed?") is not settled by a yes.
    if (
      verdict.kind === 'disputed' &&
      verdict.askedQuestion !== undefined &&
      verdict.restorable !== undefined &&
      verdict.comment !== undefined &&
      comment.author.accountId !== verdict.comment.author.accountId &&
      reading.kind !== 'dispute' &&
      AFFIRMATIVE_ANSWER.test(prose.trim().toLowerCase()) &&
      !LEFT_OVER_WORDS.test(prose.toLowerCase()) &&
      !LEFT_OVER_WORDS.test(verdict.askedQuestion.toLowerCase())
    ) {
      verdict = verdict.restorable;
      continue;
    }
    const standing = verdict.kind === 'decision' && verdict.reading?.kind === 'decision' ? verdict.reading : undefined;
    const contradicts = reading.kind === 'dispute' && opensWithContradiction(prose.trim());
    // A fix announced in reply to an acceptance ("… than carry an exception for something we
    // intend to fix") argues against living with it, though a plan decides nothing itself.
    const answersWithPlan = reading.kind === 'dispute' && reading.signal.plannedFix === true && standing?.family === 'accepted_risk';
    if (standing !== undefined && verdict.comment !== undefined && (reading.kind === 'silent' || reading.kind === 'uncertain' || contradicts || answersWithPlan)) {
      // Rule: a claim stands only until someone else questions it. A later question or doubt from
      // another person ("did this ship to prod?", "not convinced") defeats it unless a later
      // comment settles it again; the claimant's own afterthoughts only lower confidence.
      const other = comment.author.accountId !== verdict.comment.author.accountId;
      // Another person's own qualified report ("merged to main, but prod is still on 1.8")
      // challenges the claim as much as a question does.
      const qualified = reading.kind === 'uncertain' && reading.signal.qualified === true ? reading.signal.phrase : undefined;
      const sentences = splitSentences(prose);
      const reversal = REVERSAL_MARKER.test(prose.trim().toLowerCase()) ? sentences[0] : undefined;
      // For a fix the counterpoint must deny or restrict something ("that one wasn't touched"):
      // a change is a fact, and most replies to it are follow-ups, not objections.
      const countersFix =
        standing.family !== 'fix' ||
        ((NEGATION.test(withoutHealthySigns(prose.toLowerCase())) || LEFT_AS_IT_WAS.test(prose.toLowerCase()) || reportsWorkingAgain(prose)) &&
          !reportsPassedCheck(prose));
      const counterpoint = countersFix && (reading.kind === 'silent' || answersWithPlan) ? readCounterpoint(sentences) : undefined;
      const lower = prose.toLowerCase();
      const goesAlong =
        (standing.family === 'false_positive' && QUIETS_FINDING.test(lower)) ||
        (standing.family === 'accepted_risk' && RECORDS_EXCEPTION.test(lower) && !NEGATION.test(lower));
      const asked =
        reading.kind === 'uncertain' &&
        reading.signal.family === standing.family &&
        reading.signal.label.startsWith('asked:') &&
        !SUPPORT.test(lower)
          ? reading.signal.phrase
          : undefined;
      const tidying = TIDYING.test(lower);
      const challenge = other && !goesAlong && !tidying ? (qualified ?? reversal ?? readChallenge(sentences) ?? asked ?? counterpoint) : undefined;
      if (challenge !== undefined) {
        verdict = {
          kind: 'disputed',
          comment,
          reading: {
            kind: 'dispute',
            signal: { family: 'dispute', weight: 0.6, label: 'questioned by another person', clauseIndex: 0, phrase: challenge, uncertain: false },
            denies: [standing.family],
          },
          disputedOutcome: standing.family,
          disputedClaimant: verdict.comment.author.accountId,
          disputeArgued: false,
          restorable: verdict,
          challengeOnly: true,
          ...(asked !== undefined && challenge === asked ? { askedQuestion: asked } : {}),
          overrodeEarlier: false,
          laterDoubt: false,
        };
        continue;
      }
    }
    // Rule: "Fair, but it is still not what the finding describes" concedes a counter-argument
    // and holds the line: the people disagree, so the thread is contested.
    if (standing !== undefined && verdict.comment !== undefined && CONCESSION_OPENER.test(prose.trim().toLowerCase())) {
      verdict = {
        kind: 'conflict',
        comment,
        reading: {
          kind: 'conflict',
          families: [standing.family],
          signal: { family: standing.family, weight: 0.6, label: 'conceded a counter-argument', clauseIndex: 0, phrase: splitSentences(prose)[0] ?? prose, uncertain: false },
        },
        overrodeEarlier: false,
        laterDoubt: false,
      };
      continue;
    }
    switch (reading.kind) {
      case 'decision': {
        const previous = verdict.reading;
        // Rule: a reply that only closes the ticket does not answer a challenge another person
        // raised; the challenger (or a report of new facts) must settle it.
        if (
          verdict.kind === 'disputed' &&
          reading.family === 'fix' &&
          verdict.disputedOutcome === reading.family &&
          verdict.comment !== undefined &&
          verdict.comment.author.accountId !== comment.author.accountId &&
          CLOSER.test(prose.trim().toLowerCase())
        ) {
          break;
        }
        // Rule: an argument answered only by its own author is a debate, not a settlement. When
        // another person argued against a false-positive or accepted-risk claim and the claimant
        // merely restates it, the people disagree and nothing is decided.
        if (
          verdict.kind === 'disputed' &&
          verdict.disputeArgued === true &&
          verdict.disputedOutcome === reading.family &&
          reading.family !== 'fix' &&
          verdict.disputedClaimant === comment.author.accountId
        ) {
          verdict = {
            kind: 'conflict',
            comment,
            reading: { kind: 'conflict', families: [reading.family], signal: { ...reading.signal, label: `restated after another person argued against it (${reading.signal.label})` } },
            overrodeEarlier: false,
            laterDoubt: false,
          };
          break;
        }
        // Rule: another person switching to a different outcome on a weak cue is mixed evidence,
        // not a reversal; a reversal by someone else must be said outright. (Claimants correct
        // themselves in passing: "Correction: no fix was needed".)
        if (
          previous?.kind === 'decision' &&
          verdict.kind === 'decision' &&
          previous.family !== reading.family &&
          reading.score < WEAK_REVERSAL_SCORE &&
          verdict.comment?.author.accountId !== comment.author.accountId &&
          !REVERSAL_MARKER.test(prose.toLowerCase())
        ) {
          verdict = {
            kind: 'conflict',
            comment,
            reading: { kind: 'conflict', families: [previous.family, reading.family], signal: { ...reading.signal, label: `weak reversal (${reading.signal.label})` } },
            overrodeEarlier: false,
            laterDoubt: false,
          };
          break;
        }
        const overrode =
          verdict.overrodeEarlier ||
          (previous?.kind === 'decision' && previous.family !== reading.family) ||
          verdict.kind === 'disputed' ||
          verdict.kind === 'conflict';
        verdict = { kind: 'decision', comment, reading, overrodeEarlier: overrode, laterDoubt: false };
        break;
      }
      case 'conflict':
        verdict = { kind: 'conflict', comment, reading, overrodeEarlier: false, laterDoubt: false };
        break;
      case 'dispute': {
        // A dispute that does not contradict the standing decision ("it's real" after "we accept
        // the risk") leaves it standing.
        if (verdict.kind === 'decision' && verdict.reading?.kind === 'decision' && !reading.denies.includes(verdict.reading.family)) break;
        const disputed = verdict.reading?.kind === 'decision' ? verdict.reading.family : verdict.disputedOutcome;
        verdict = {
          kind: 'disputed',
          comment,
          reading,
          ...(disputed === undefined ? {} : { disputedOutcome: disputed }),
          ...(verdict.kind === 'decision' && verdict.comment !== undefined
            ? { disputedClaimant: verdict.comment.author.accountId, disputeArgued: comment.author.accountId !== verdict.comment.author.accountId, restorable: verdict }
            : verdict.kind === 'disputed'
              ? { disputedClaimant: verdict.disputedClaimant, disputeArgued: verdict.disputeArgued, restorable: verdict.restorable }
              : {}),
          overrodeEarlier: false,
          laterDoubt: false,
        };
        break;
      }
      case 'uncertain':
        if (verdict.kind === 'decision') verdict = { ...verdict, laterDoubt: true };
        break;
      case 'silent':
        break;
    }
  }
  return verdict;
}

/** Saturating: one moderate cue ≈ 0.70, one outright statement ≈ 0.80, several ≈ 0.9+. */
function confidenceFromScore(score: number, runnerUp: number): number {
  const base = 0.45 + 0.5 * (1 - Math.exp(-1.2 * score));
  return base * (1 - 0.3 * (runnerUp / score));
}

export function clamp(value: number): number {
  return Math.round(Math.min(0.99, Math.max(0, value)) * 100) / 100;
}

function commentEvidence(comment: TriageComment, signal: CueSignal, explanation: string): TriageEvidence {
  return {
    source: 'comment',
    commentId: comment.id,
    author: describeAuthor(comment),
    phrase: truncatePhrase(signal.phrase),
    explanation,
  };
}

function resolutionEvidence(mapped: MappedResolution, explanation: string): TriageEvidence {
  return { source: 'resolution', resolution: mapped.label, explanation };
}

function decideFromResolution(mapped: MappedResolution, why: string): TriageResult {
  if (mapped.decision === undefined) {
    return {
      decision: 'skip',
      confidence: 0,
      evidence: resolutionEvidence(mapped, `${why} Resolution "${mapped.label}" is not in the resolution mapping, so it says nothing about the outcome.`),
    };
  }
  if (mapped.decision === 'skip') {
    return {
      decision: 'skip',
      confidence: 0,
      evidence: resolutionEvidence(mapped, `${why} Resolution "${mapped.label}" is mapped to skip: it does not say what happened to the finding.`),
    };
  }
  const generic = mapped.decision === 'resolved';
  return {
    decision: mapped.decision,
    confidence: generic ? GENERIC_RESOLUTION_CONFIDENCE : SPECIFIC_RESOLUTION_CONFIDENCE,
    evidence: resolutionEvidence(mapped, `${why} Resolution "${mapped.label}" maps to ${mapped.decision}.`),
  };
}

function decideFromThread(verdict: ThreadVerdict, mapped: MappedResolution, comments: readonly TriageComment[]): TriageResult {
  const { comment, reading } = verdict;
  const specific = mapped.decision === 'false_positive' || mapped.decision === 'accepted_risk' ? mapped.decision : undefined;

  if (verdict.kind === 'decision' && comment !== undefined && reading?.kind === 'decision') {
    const outcome = OUTCOME_OF[reading.family];
    const by = `Comment ${comment.id} by ${describeAuthor(comment)} reports ${OUTCOME_WORDS[outcome]} (${reading.signal.label}).`;
    let confidence = confidenceFromScore(reading.score, reading.runnerUp);
    if (verdict.overrodeEarlier) confidence *= 0.97;
    if (verdict.laterDoubt) confidence *= 0.85;
    if (specific !== undefined && specific !== outcome) {
      return {
        decision: 'skip',
        confidence: clamp(confidence),
        evidence: commentEvidence(comment, reading.signal, `${by} It contradicts the resolution "${mapped.label}" (${specific}), so nothing is changed.`),
      };
    }
    // Rule: a fix whose own comment or a later one puts production still ahead ("Prod will follow
    // with the train") has not reached what runs, and one that leaves part of what was flagged as
    // it was ("invoice-worker still on the old one", "14 of the 31 repositories") covers only
    // part; an accepted risk still waiting for its approval ("submitted to the council for
    // approval", "pending CISO sign-off") is not decided yet. The ticket was closed early (README
    // rule 3).
    const unfinished = outcome === 'resolved' ? fixUnfinished : outcome === 'accepted_risk' ? acceptanceAwaited : undefined;
    if (unfinished !== undefined) {
      let from = comments.indexOf(comment);
      if (CLOSER.test(extractProse(comment.body).trim().toLowerCase())) {
        // A reply that only closes the ticket restates; what others said was unfinished since the
        // last report of the outcome still stands.
        from = 1;
        for (const [index, earlier] of comments.slice(0, comments.indexOf(comment)).entries()) {
          const earlierReading = readComment(extractProse(earlier.body));
          if (earlierReading.kind === 'decision' && earlierReading.family === reading.family) from = index;
        }
      }
      for (const next of comments.slice(Math.max(0, from))) {
        const found = unfinished(withoutOrdinaryUseCarryingOn(extractProse(next.body)));
        if (found === undefined) continue;
        return {
          decision: 'skip',
          confidence: 0,
          evidence: {
            source: 'comment',
            commentId: next.id,
            author: describeAuthor(next),
            phrase: truncatePhrase(found.phrase),
            resolution: mapped.label,
            explanation: `${by} Comment ${next.id} by ${describeAuthor(next)} says ${found.what} ("${truncatePhrase(found.phrase)}"), so nothing is changed.`,
          },
        };
      }
    }
    if (specific === outcome) confidence += 0.05;
    else if (mapped.decision === outcome) confidence += 0.02;
    const agreement =
      specific === outcome
        ? ` Resolution "${mapped.label}" agrees.`
        : mapped.decision === 'resolved'
          ? ` Resolution "${mapped.label}" is generic and weaker than the comment.`
          : '';
    return { decision: outcome, confidence: clamp(confidence), evidence: commentEvidence(comment, reading.signal, `${by}${agreement}`) };
  }

  if (verdict.kind === 'conflict' && comment !== undefined && reading?.kind === 'conflict') {
    const outcomes = reading.families.map((family) => OUTCOME_OF[family]);
    const readable = reading.families.filter((family) => !(reading.ruledOut ?? []).includes(family)).map((family) => OUTCOME_OF[family]);
    return {
      decision: 'skip',
      confidence: 0,
      evidence: commentEvidence(
        comment,
        reading.signal,
        `The latest deciding comment ${comment.id} by ${describeAuthor(comment)} leaves ${outcomes.map((outcome) => OUTCOME_WORDS[outcome]).join(' and ')} contested (${reading.signal.label}); no clear final decision.`,
      ),
      ...(outcomes.length > 1 && readable.length > 0 ? { readerMayRead: { kind: 'contest' as const, commentId: comment.id, outcomes: readable } } : {}),
    };
  }

  if (verdict.kind === 'disputed' && comment !== undefined && reading?.kind === 'dispute') {
    const disputed = verdict.disputedOutcome;
    if (disputed !== undefined || (specific === 'false_positive' && reading.denies.includes('false_positive'))) {
      const what = disputed !== undefined ? `the earlier claim of ${OUTCOME_WORDS[OUTCOME_OF[disputed]]}` : `the resolution "${mapped.label}"`;
      return {
        decision: 'skip',
        confidence: 0,
        evidence: commentEvidence(
          comment,
          reading.signal,
          `Comment ${comment.id} by ${describeAuthor(comment)} disputes ${what} (${reading.signal.label}) and no later comment settles it.`,
        ),
        ...(verdict.challengeOnly === true ? { readerMayRead: { kind: 'challenge' as const, commentId: comment.id } } : {}),
      };
    }
  }

  // README rule 4: humans spoke but said nothing about the outcome. Only when they said nothing
  // at all: a hedged, weak or unfinished hint of another outcome is mixed evidence (rule 4's
  // "contradictory signals"), and a wrong write costs more than a skip.
  if (specific !== undefined) {
    for (const human of [...comments].reverse()) {
      const prose = extractProse(human.body);
      const announced = REVERSAL_MARKER.exec(prose.toLowerCase());
      if (announced !== null) {
        // "We'll fix it after all": someone announced a change of course the rules cannot read as
        // an outcome; the resolution no longer speaks for the thread.
        return {
          decision: 'skip',
          confidence: 0,
          evidence: {
            source: 'comment',
            commentId: human.id,
            author: describeAuthor(human),
            phrase: truncatePhrase(splitSentences(prose)[0] ?? prose),
            resolution: mapped.label,
            explanation: `Resolution "${mapped.label}" says ${OUTCOME_WORDS[specific]}, but comment ${human.id} by ${describeAuthor(human)} announces a change of course ("${announced[0].trim()}"); mixed evidence, so nothing is changed.`,
          },
        };
      }
      // "Won't Do" says it will not be fixed; "we're going to fix this in the next minor" says it will.
      const hint =
        contraryHint(prose, specific === 'false_positive' ? 'false_positive' : 'accepted_risk') ??
        (specific === 'accepted_risk' && NO_FIX_WORDING.test(mapped.label.toLowerCase()) ? plannedFixOf(prose) : undefined);
      if (hint !== undefined) {
        return {
          decision: 'skip',
          confidence: 0,
          evidence: commentEvidence(
            human,
            hint,
            `Resolution "${mapped.label}" says ${OUTCOME_WORDS[specific]}, but comment ${human.id} by ${describeAuthor(human)} hints otherwise (${hint.label}); mixed evidence, so nothing is changed.`,
          ),
        };
      }
    }
    return {
      decision: specific,
      confidence: SPECIFIC_WITH_SILENT_COMMENTS_CONFIDENCE,
      evidence: resolutionEvidence(mapped, `No human comment states an outcome; the specific resolution "${mapped.label}" maps to ${specific}.`),
    };
  }
  return {
    decision: 'skip',
    confidence: 0,
    evidence: {
      source: 'none',
      resolution: mapped.label,
      explanation: `Human comments exist but none states what happened, and resolution "${mapped.label}" is not specific enough to decide.`,
    },
    // A thread the rules read as disputed or planned ("will fix once …") is a reading, not silence.
    ...(verdict.kind === 'silent' ? { undecided: true as const } : {}),
    ...(verdict.kind === 'disputed' && comment !== undefined && reading?.kind === 'dispute'
      ? { readerMayRead: { kind: 'objection' as const, commentId: comment.id, denies: reading.denies.map((family) => OUTCOME_OF[family]) } }
      : {}),
  };
}

export function applyBar(result: TriageResult, bar: number): TriageResult {
  if (result.decision === 'skip' || result.confidence >= bar) return result;
  return {
    decision: 'skip',
    confidence: result.confidence,
    undecided: true,
    evidence: {
      ...result.evidence,
      explanation: `${result.evidence.explanation} Confidence ${result.confidence.toFixed(2)} is below the bar ${bar.toFixed(2)}, so nothing is changed.`,
    },
  };
}

/**
 * The hand-written rules (triage README rules 1–7): what a done Jira issue means for its ZeroPath
 * finding by structure and wording. The app decides with `triageClosure` (closure-triage.ts), which
 * weighs this result against the learned reader.
 * Pure: the caller passes the comments it fetched and the admin's mapping and bar.
 */
export function classifyClosure(input: TriageInput): TriageResult {
  const mapping = input.resolutionMapping ?? DEFAULT_RESOLUTION_MAPPING;
  const bar = input.confidenceBar ?? DEFAULT_CONFIDENCE_BAR;
  const mapped = mapResolution(input.resolution, mapping);

  if (input.status.category.toLowerCase() !== 'done') {
    return {
      decision: 'skip',
      confidence: 0,
      evidence: { source: 'none', explanation: `Status "${input.status.name}" is not in the done category; closure triage does not apply.` },
    };
  }
  if (!input.commentSyncEnabled) {
    return applyBar(decideFromResolution(mapped, 'Comment-based triage is switched off.'), bar);
  }
  const human = orderedHumanComments(input.comments);
  if (human.length === 0) {
    return applyBar(decideFromResolution(mapped, 'No human comments.'), bar);
  }
  if (mapped.decision === 'accepted_risk' || mapped.decision === 'false_positive') {
    // Conflict rule: people objecting to the specific resolution leave nothing to agree with.
    for (const comment of [...human].reverse()) {
      const objection = objectsToResolution(extractProse(comment.body), mapped.label);
      if (objection !== undefined) {
        return {
          decision: 'skip',
          confidence: 0,
          evidence: {
            source: 'comment',
            commentId: comment.id,
            author: describeAuthor(comment),
            phrase: truncatePhrase(objection),
            resolution: mapped.label,
            explanation: `Comment ${comment.id} by ${describeAuthor(comment)} objects to the resolution "${mapped.label}", so the closure is contested and nothing is changed.`,
          },
        };
      }
    }
  }
  if (mapped.decision === undefined) {
    // An unmapped resolution neither agrees nor disagrees; a clear comment can still decide.
    return applyBar(decideFromThread(readThread(human, input.issueKey), { ...mapped, decision: 'skip' }, human), bar);
  }
  return applyBar(decideFromThread(readThread(human, input.issueKey), mapped, human), bar);
}

/**
 * The reason sent to ZeroPath with a status change: names the Jira issue and the evidence.
 * ZeroPath caps reasons at 2000 characters (inferred; see the V2 updateStatus notes).
 */
export function describeClosureReason(issueKey: string, result: TriageResult): string {
  const { evidence } = result;
  const quote = evidence.phrase !== undefined ? ` Evidence: "${evidence.phrase}"` : '';
  const text = `Jira ${issueKey} closed: ${result.decision.replace('_', ' ')} (confidence ${result.confidence.toFixed(2)}). ${evidence.explanation}${quote}`;
  return text.length <= 2000 ? text : `${text.slice(0, 1997)}...`;
}
