import {
  ALL_OUTCOMES,
  ATTRIBUTION,
  CHANGE_REFERENCE,
  COMMENT_DOUBT,
  CONDITIONAL_BEFORE,
  CUE_PATTERNS,
  type CueFamily,
  DATED_HISTORY_AFTER,
  FIX_ANNOUNCED,
  FUTURE_ANYWHERE,
  FUTURE_BEFORE,
  HEDGE,
  INTENT_BEFORE,
  ISSUE_KEY,
  NEGATION,
  NEGATION_BEFORE_CUE,
  NON_SECURITY_OBJECT,
  NOT_YET_AFTER,
  PARTIAL_BEFORE,
  TYPO_CANONICAL_WORDS,
} from './cue-lexicon';
import { PENDING } from './unfinished-work';
import { unicodeWords } from './unicode-words';
import { CANCELLED_AFTER, DELIBERATE, DENIED_AFTER, LANGUAGE_MARKERS, GOVERNANCE, HYPOTHETICAL_AFTER, isQuestion, readModality } from './clause-structure';

export interface Clause {
  /** As written (trimmed), for evidence. */
  text: string;
  /** Lower-cased, typo-repaired, quoted spans blanked: what the patterns see. */
  normalized: string;
  /** The sentence holding this clause is a question (ends with "?" or opens with "¿"). */
  inQuestion: boolean;
  /** Opened by a contrast ("…, but prod is still on 1.8", "aber", "mais", "pero", "mas"). */
  afterContrast: boolean;
  /** Follows a heading that lays out work not done ("Proposed approach: replace …", "Plan: …"). */
  underProposal?: true;
}

export interface CueSignal {
  family: CueFamily;
  weight: number;
  label: string;
  clauseIndex: number;
  phrase: string;
  /** A guess, a question, or reported speech: evidence of doubt, not of an outcome. */
  uncertain: boolean;
  /** Someone else's words or a question: not the speaker's claim, not even a hint of one. */
  reported?: boolean;
  /** Taken back by its own author in a later contrast ("merged, but not in prod yet"). */
  qualified?: boolean;
  /** For a dispute: the outcomes it contradicts ("it's real" denies a false positive, not an accepted risk). */
  denies?: readonly OutcomeFamily[];
  /** A fix itself announced, not some other change ("we'll fix it in the next minor"; not "it will be replaced"). */
  plannedFix?: true;
}

export type OutcomeFamily = Exclude<CueFamily, 'dispute'>;

export type CommentReading =
  | { kind: 'decision'; family: OutcomeFamily; score: number; runnerUp: number; signal: CueSignal }
  | { kind: 'conflict'; families: OutcomeFamily[]; signal: CueSignal; ruledOut?: readonly OutcomeFamily[] }
  | { kind: 'dispute'; signal: CueSignal; denies: readonly OutcomeFamily[] }
  | { kind: 'uncertain'; signal: CueSignal }
  | { kind: 'silent' };

/**
 * Below this a comment colours the thread but decides nothing (a lone "protection added" or
 * "left as is"). A stricter 0.8 (two cues needed) cost a third of the coverage on new phrasings
 * without buying precision, because people often close with one plain sentence.
 */
const DECISIVE_SCORE = 0.5;
/** A dispute that cancels an earlier outcome needs less: doubt is enough to stop a write. */
const DISPUTE_SCORE = 0.5;
/** A comment that disputes the thread and offers only a weak outcome is read as the dispute. */
const OUTRIGHT_SCORE = 1;
/** A runner-up outcome this close to the best one makes the comment self-contradictory. */
const CONFLICT_RATIO = 0.6;
const REFERENCE_BOOST = 0.3;
/** Weakest cue that still counts as a contrary hint against a specific resolution. */
const CONTRARY_HINT_WEIGHT = 0.4;

const CLAUSE_SPLIT =
  /\n+|(?<=[.!?])\s+|\s+[—–]\s*|\s-\s|;\s*|:\s+|,?\s+(?:but|however|although|though|whereas|aber|jedoch|mais|cependant|pero|sin embargo|mas|porém|contudo|però|maar)\s+/u;

/** An environment that is not production, named as where something happened. */
const NON_PRODUCTION = unicodeWords(
  /\b(?:on|in|to|en|em|na|no|auf|im|dans|sur|in der|nel|nell'|op)\s+(?:the\s+|der\s+|la\s+|el\s+|o\s+|a\s+|le\s+|l'|het\s+)?(?:staging|stage|stg|preprod|pre-prod|pre-production|préproduction|pré-production|preproducción|pré-produção|homologação|homolog|uat|qa|dev|development|sandbox|test(?:ing)? (?:env\w*|environment)|entorno de (?:pruebas|test|staging)|ambiente de (?:teste|testes|homologação|staging)|testumgebung|staging-umgebung|integrationsumgebung|recette|collaudo|testomgeving)\b/u,
);
/** Words that put production later, beyond the modality tables. */
const PRODUCTION_LATER = unicodeWords(
  /\b(?:tmrw|tomorrow|tonight|follows|to follow|suit|suivra|suivront|folgt|sigue|seguirá|segue|volgt|prévue?s?|cédulée?s?|planifiée?s?|prevista?s?|previsto|geplant|eingeplant|gepland|ingepland|programad[oa]|agendad[oa]|scheduled)\b|\bnext (?:week|sprint|release|train|window|maint\w*|deploy\w*|rollout|mon\w*|tue\w*|wed\w*|thu\w*|fri\w*)\b/u,
);
/**
 * A change made on part of what runs: "fixed on 3 of 5 clusters", "teilweise ausgerollt". A count
 * short of the whole ("5 of 5" is all of it), or "partially" in each language.
 */
const PARTIAL_WORDS = unicodeWords(/\b(?:partial(?:ly)?|teilweise|partiellement|en partie|parcial(?:mente)?|parzial(?:e|mente)|gedeeltelijk|częściowo)\b/u);
const PART_OF_WHOLE = /\b(\d+)\s*(?:of(?: the)?|out of(?: the)?|\/|von(?: den)?|sur(?: les)?|de(?: los| las| les)?|di|dei|van(?: de)?|z)\s*(\d+)\s+(?:clusters?|regions?|nodes?|hosts?|servers?|services?|envs?|environments?|instances?|pods?|sites?|tenants?|apps?|repos?|accounts?|cl[uú]ster\w*|regio\w*|serv\w*|umgebungen)\b/u;
/**
 * "deployed to canary — 1% of traffic": a rollout that reached a share short of all of it, unless all
 * of it is named too. Not any share ("0.03% of requests on TLS 1.0" measures, it does not roll out).
 */
const PART_OF_TRAFFIC = unicodeWords(/\b(?:canary|rollout|rolled out|ramp(?:ed|ing)?|deployed|enabled|live|released|shipped|exposed|ausgerollt|déployée?|desplegad[oa]|implantad[oa])\b[^.;%]{0,40}?\b\d{1,2}(?:[.,]\d+)?\s?%\s+(?:of\s+(?:the\s+)?|der\s+|du\s+|des\s+|del\s+|do\s+|da\s+|dos\s+)?(?:traffic|users|requests|fleet|hosts|nodes|pods|devices|tenants|customers|clients|stores|trafic|tráfego|tráfico|traffico|verkehrs|nutzer|utilisateurs|usuarios|usuários|utenti)\b/u);
const ALL_OF_IT = unicodeWords(/\b100\s?%|\b(?:everywhere|fully rolled|full rollout|all (?:traffic|users|hosts|nodes|pops|regions|tenants|devices))\b/u);
function partOfWhole(text: string): string | undefined {
  const word = PARTIAL_WORDS.exec(text);
  if (word !== null) return word[0];
  const share = PART_OF_TRAFFIC.exec(text);
  if (share !== null && !ALL_OF_IT.test(text)) return share[0];
  const count = PART_OF_WHOLE.exec(text);
  return count !== null && Number(count[1]) < Number(count[2]) ? count[0] : undefined;
}
/** Production named, in each language. */
const PRODUCTION = unicodeWords(/\b(?:prod|production|produção|producción|produktion|produzione|productie|live|everywhere|all (?:regions|environments|envs|nodes|clusters))\b/u);

/**
 * A clause that is only "done" in another language ("fatto", "hecho"): it answers a request ("can you
 * close it?"), as English "done" does, and says nothing about the vulnerability.
 */
const BARE_DONE = unicodeWords(/^\W*(?:fatto|hecho|feito|fait|gemacht|erledigt)\W*$/u);

/** The clause split was a contrastive conjunction. */
const CONTRAST_SPLIT = unicodeWords(/\b(?:but|however|although|though|whereas|aber|jedoch|mais|cependant|pero|sin embargo|mas|porém|contudo|però|maar)\b/u);
/** A clause that opens with a contrast, in any supported language. */
const CONTRAST_OPENER = unicodeWords(/^\W*(?:but|however|yet|aber|jedoch|allerdings|mais|cependant|pourtant|pero|sin embargo|mas|porém|contudo|ma|però|maar)\b/);
/**
 * In a clause after a contrast, these take back what came before: "merged to main, but prod is
 * still on 1.8", "corrigé, mais pas encore en prod". Negation, "still"/"yet" and "only" in each
 * language.
 */
const QUALIFIER = unicodeWords(/\b(?:still|yet|only|noch|nur|encore|seulement|uniquement|todavía|aún|solo|sólo|ainda|apenas|só|ancora|nog|alleen)\b/);

const QUOTED_SPAN = /"[^"\n]{1,120}"|(?<![\p{L}\p{N}])'[^'\n]{1,120}'(?![\p{L}\p{N}])/gu;

/**
 * A fix still to come says the finding is live: not fixed, not a false positive. It fits an
 * accepted risk ("accepted for the pilot, will be fixed before GA").
 */
const PLANNED_FIX_DENIES: readonly OutcomeFamily[] = ['fix', 'false_positive'];

/** These converted "not vulnerable" states mean "fixed" when something changed to get there. */
const STATE_LABELS = new Set([
  'not exploitable',
  'no vulnerability',
  'cannot be reached',
  'already sanitised',
  'cannot reproduce',
  'not applicable',
  'not exploitable (translated)',
  'never used (translated)',
  'scanner missed (translated)',
]);
/** "No longer" in each supported language: a state reached by a change ("ya no se usa", "n'est plus exploitable"). */
const CHANGED_STATE = unicodeWords(
  /\b(?:anymore|any more|no longer|no more|ya no|no más|já não|não mais|nicht mehr|kein\w* mehr|ne \S+ plus|n'\S+ plus|plus (?:de |d')?\p{L}+|non più|niet meer|geen \S+ meer)\b|\b(?:(?:is|are|gets?) now (?:properly |correctly )?(?:escaped|sanitized|sanitised|encoded|validated|parameteri[sz]ed)|(?:escaped|sanitized|sanitised|encoded|validated|parameteri[sz]ed) now)\b/u,
);

function normalizeText(text: string): string {
  return text
    .replace(/[\u2018\u2019\u00b4`]/g, "'")
    .replace(/[\u201c\u201d\u201e]/g, '"')
    .replace(/\u00a0/g, ' ');
}

/**
 * True when `word` is `target` with one slip: two adjacent letters swapped ("upgarded"), one
 * letter dropped ("fixd"), or one letter doubled ("mergged"). A dropped last letter is not a
 * slip: "rotate" and "merge" are the present tense, and a plan is not a fix.
 */
function isOneSlip(word: string, target: string): boolean {
  if (word === target) return false;
  if (word.length === target.length) {
    for (let i = 0; i < word.length - 1; i += 1) {
      if (word[i] !== target[i]) {
        return word[i] === target[i + 1] && word[i + 1] === target[i] && word.slice(i + 2) === target.slice(i + 2);
      }
    }
    return false;
  }
  if (word.length === target.length - 1) {
    for (let i = 0; i < target.length - 1; i += 1) {
      if (target.slice(0, i) + target.slice(i + 1) === word) return true;
    }
    return false;
  }
  if (word.length === target.length + 1) {
    for (let i = 1; i < word.length; i += 1) {
      if (word[i] === word[i - 1] && word.slice(0, i) + word.slice(i + 1) === target) return true;
    }
  }
  return false;
}

/** Repairs one slip in key past-tense verbs ("upgarded", "fixd", "deplyed"). */
function repairTypos(lower: string): string {
  return lower.replace(/\p{L}{4,}/gu, (word) => {
    const fixed = TYPO_CANONICAL_WORDS.find((target) => isOneSlip(word, target));
    return fixed ?? word;
  });
}

function blankQuotes(lower: string): string {
  return lower.replace(QUOTED_SPAN, (span) => ' '.repeat(span.length));
}

/**
 * Splits a comment into clauses. Quoted spans are blanked over the whole comment before
 * splitting, so a quote that contains a clause break ("the bot says 'Resolved: fixed'") is still
 * someone else's words in every piece.
 */
/**
 * A clause ending in a colon that heads work laid out rather than done: what follows it in the same
 * sentence is proposed ("Proposed approach for the download links: replace the public URLs with
 * presigned ones").
 */
const PROPOSAL_HEADING = unicodeWords(
  /^\W*(?:(?:proposed|suggested|recommended|draft|planned)\b[^:]{0,80}|(?:proposal|plan|next steps?|options?|to-?do|action items?|vorschlag|proposition|propuesta|proposta|voorstel|plano|piano)\b[^:]{0,60})$/u,
);

export function segmentClauses(prose: string): Clause[] {
  const text = normalizeText(prose);
  const masked = blankQuotes(text);
  const clauses: Clause[] = [];
  const splitter = new RegExp(CLAUSE_SPLIT.source, 'gu');
  // Sentence spans over the masked text: a question mark inside a quote is someone else's.
  const sentenceEnds: { end: number; question: boolean }[] = [];
  let sentenceStart = 0;
  for (const boundary of masked.matchAll(/\n+|(?<=[.!?])\s+/gu)) {
    sentenceEnds.push({ end: boundary.index, question: isQuestion(masked.slice(sentenceStart, boundary.index)) });
    sentenceStart = boundary.index + boundary[0].length;
  }
  sentenceEnds.push({ end: masked.length, question: isQuestion(masked.slice(sentenceStart)) });
  let start = 0;
  let contrast = false;
  let underProposal = false;
  let heading = false;
  const push = (end: number): void => {
    heading = false;
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const visible = raw.trim();
    if (/[\p{L}\p{N}?]/u.test(visible)) {
      const hidden = masked.slice(start + lead, start + lead + visible.length);
      const inQuestion = sentenceEnds.find((sentence) => sentence.end >= start + lead)?.question ?? false;
      const normalized = repairTypos(hidden.toLowerCase());
      clauses.push({ text: visible, normalized, inQuestion, afterContrast: contrast || CONTRAST_OPENER.test(normalized), ...(underProposal ? { underProposal: true as const } : {}) });
      heading = PROPOSAL_HEADING.test(normalized);
    }
  };
  for (const match of masked.matchAll(splitter)) {
    if (match[0].length === 0) continue;
    push(match.index);
    // The heading's reach ends with its sentence or line.
    if (match[0].includes('\n') || /[.!?]$/u.test(masked.slice(0, match.index))) underProposal = false;
    if (heading && match[0].startsWith(':')) underProposal = true;
    contrast = CONTRAST_SPLIT.test(match[0]);
    start = match.index + match[0].length;
  }
  push(text.length);
  return clauses;
}

/** The last few words before a cue, not reaching back past a comma or bracket. */
function readWindow(clause: string, start: number): string {
  const before = clause.slice(0, start);
  const boundary = Math.max(before.lastIndexOf(','), before.lastIndexOf('('), before.lastIndexOf(')'));
  const words = before.slice(boundary + 1).trim().split(/\s+/);
  return words.slice(-4).join(' ');
}

function mentionsOtherIssueBefore(clause: string, start: number, issueKey: string | undefined): boolean {
  const own = issueKey?.toLowerCase();
  for (const match of clause.slice(0, start).matchAll(ISSUE_KEY)) {
    if (match[0] !== own) return true;
  }
  return false;
}

function readClauseSignals(clause: Clause, clauseIndex: number, issueKey: string | undefined): CueSignal[] {
  const text = clause.normalized;
  const taken: [number, number][] = [];
  const hedged = HEDGE.test(text) || /\?\s*$/.test(clause.text) || /^\?/.test(clause.text);
  const attribution = ATTRIBUTION.exec(text);
  const signals: CueSignal[] = [];

  for (const cue of CUE_PATTERNS) {
    for (const match of text.matchAll(cue.pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (taken.some(([a, b]) => start < b && end > a)) continue;
      taken.push([start, end]);

      // Reported speech runs to the next comma: "someone said this is fixed, it's not fixed, there
      // was nothing to fix" has the speaker's own words after it.
      if (attribution && start >= attribution.index && !/[,;]/.test(text.slice(attribution.index, start))) {
        // Someone else's words ("the bot says ..."): doubt at most, never an outcome.
        signals.push({ family: cue.family, weight: cue.weight, label: cue.label, clauseIndex, phrase: clause.text, uncertain: true, reported: true, denies: cue.denies });
        continue;
      }
      const window = readWindow(text, start);
      let family: CueFamily = cue.family;
      let weight = cue.weight;
      let label = cue.label;
      let denies = cue.denies;

      if (family !== 'dispute' && !NEGATION_BEFORE_CUE.test(window)) {
        // Structure before words: an act that is planned, waits on a condition, is proposed or is
        // asked about has not happened, whatever verb names it.
        const after = text.slice(end);
        if (CANCELLED_AFTER.test(after)) {
          signals.push({ family: 'dispute', weight: 0.6, label: `cancelled ${label}`, clauseIndex, phrase: clause.text, uncertain: hedged, denies: [family] });
          continue;
        }
        if (DENIED_AFTER.test(after)) {
          signals.push({ family: 'dispute', weight: weight * 0.8, label: `denied ${label}`, clauseIndex, phrase: clause.text, uncertain: hedged, denies: [family] });
          continue;
        }
        const mode = HYPOTHETICAL_AFTER.test(after)
          ? { modality: 'proposed' as const, marker: 'would' }
          : clause.underProposal === true && !clause.inQuestion
            ? { modality: 'proposed' as const, marker: 'heading' }
            : readModality(text, start, end, clause.inQuestion);
        if (mode.modality === 'asked') {
          signals.push({ family, weight, label: `asked: ${label}`, clauseIndex, phrase: clause.text, uncertain: true, reported: true, denies });
          continue;
        }
        if (mode.modality !== 'done' && !(cue.futureByNature && family === 'accepted_risk')) {
          const how = `${mode.modality} (${mode.marker ?? ''}) ${label}`;
          if (family === 'fix') {
            signals.push({ family: 'dispute', weight: 0.5, label: how, clauseIndex, phrase: clause.text, uncertain: hedged, denies: PLANNED_FIX_DENIES, ...(cue.label === FIX_ANNOUNCED ? { plannedFix: true as const } : {}) });
          } else {
            signals.push({ family, weight, label: how, clauseIndex, phrase: clause.text, uncertain: true, denies });
          }
          continue;
        }
      }

      const conditional = CONDITIONAL_BEFORE.test(window);
      if (family === 'fix') {
        if (NON_SECURITY_OBJECT.test(text.slice(end))) continue;
        if (DATED_HISTORY_AFTER.test(text.slice(end))) continue;
        if (BARE_DONE.test(text)) continue;
        if (mentionsOtherIssueBefore(text, start, issueKey)) continue;
        if (!NEGATION_BEFORE_CUE.test(window) && PARTIAL_BEFORE.test(window)) {
          // "only fixed the GET handler": part of it changed, so the rest is still live.
          signals.push({ family: 'dispute', weight: 0.6, label: `partial ${cue.label}`, clauseIndex, phrase: clause.text, uncertain: hedged, denies: ['fix'] });
          continue;
        }
        if (!NEGATION_BEFORE_CUE.test(window) && (FUTURE_BEFORE.test(window) || FUTURE_ANYWHERE.test(text) || PENDING.test(text))) {
          // A fix still to come says the finding is live now: it undoes an earlier
          // "accepted"/"false positive" but decides nothing itself.
          signals.push({ family: 'dispute', weight: 0.5, label: `planned ${cue.label}`, clauseIndex, phrase: clause.text, uncertain: hedged, denies: PLANNED_FIX_DENIES, ...(cue.label === FIX_ANNOUNCED ? { plannedFix: true as const } : {}) });
          continue;
        }
      } else if ((family === 'accepted_risk' || family === 'false_positive') && !cue.futureByNature) {
        // "will accept the risk", "exception pending approval": a plan, not a decision.
        if (INTENT_BEFORE.test(window) || (family === 'accepted_risk' && PENDING.test(text))) continue;
        // "not deployed anywhere yet": a state that is about to change, not a property of the code.
        if (family === 'false_positive' && NOT_YET_AFTER.test(text.slice(end))) continue;
      }
      if (family === 'false_positive' && STATE_LABELS.has(label) && CHANGED_STATE.test(text)) {
        family = 'fix';
        weight = 0.8;
        label = 'no longer vulnerable';
      } else if (NEGATION_BEFORE_CUE.test(window)) {
        if (family === 'dispute') continue;
        // "not a false positive", "isn't fixed", "no exception": the claim is denied, not made.
        label = `negated ${label}`;
        denies = [family];
        family = 'dispute';
        weight *= 0.8;
      }
      signals.push({ family, weight, label, clauseIndex, phrase: clause.text, uncertain: hedged || conditional, denies });
    }
  }
  return signals;
}

function deniesOf(signal: CueSignal): readonly OutcomeFamily[] {
  return signal.denies ?? ALL_OUTCOMES;
}

function unionOfDenies(signals: CueSignal[]): OutcomeFamily[] {
  return ALL_OUTCOMES.filter((family) => signals.some((signal) => deniesOf(signal).includes(family)));
}

function strongest(signals: CueSignal[]): CueSignal | undefined {
  return signals.reduce<CueSignal | undefined>(
    (best, signal) => (best === undefined || signal.weight >= best.weight ? signal : best),
    undefined,
  );
}

/** Every clause's signals, before the comment is weighed as a whole. */
function clauseSignalsOf(prose: string, issueKey?: string): CueSignal[] {
  return segmentClauses(prose).flatMap((clause, index) => readClauseSignals(clause, index, issueKey));
}

/**
 * The first hint in a comment, however weak or hedged, that the outcome is not `outcome`: another
 * outcome named by the speaker, or a dispute of this one. Used where a specific resolution would
 * otherwise decide over comments that state nothing firmly: mixed evidence skips.
 */
export function contraryHint(prose: string, outcome: OutcomeFamily, issueKey?: string): CueSignal | undefined {
  return clauseSignalsOf(prose, issueKey).find(
    (signal) =>
      signal.reported !== true &&
      signal.weight >= CONTRARY_HINT_WEIGHT &&
      (signal.family === 'dispute' ? deniesOf(signal).includes(outcome) : signal.family !== outcome),
  );
}

/** The speaker's own fix still to come, if the comment announces one ("we're going to fix this in the next minor"). */
export function plannedFixOf(prose: string, issueKey?: string): CueSignal | undefined {
  return clauseSignalsOf(prose, issueKey).find((signal) => signal.plannedFix === true && signal.reported !== true && !signal.uncertain);
}

/**
 * A change that has not reached all of what runs, in the comment's own words:
 * - non-production: made in a non-production environment with production still to come ("fixed
 *   on staging, prod tmrw", "corrigé en préproduction ; mise en production prévue"); verified on
 *   staging with nothing pending reads as done, as people mean it;
 * - partial: made on part of what runs ("fixed on 3 of 5 clusters", "teilweise ausgerollt").
 */
function unfinishedRolloutOf(clauses: readonly Clause[], signals: readonly CueSignal[]): { kind: 'non-production' | 'partial'; marker: string } | undefined {
  const whole = clauses.map((clause) => clause.normalized).join(' ');
  const laterInProduction = (clause: Clause): boolean =>
    PRODUCTION.test(clause.normalized) &&
    (FUTURE_ANYWHERE.test(clause.normalized) ||
      PENDING.test(clause.normalized) ||
      PRODUCTION_LATER.test(clause.normalized) ||
      Object.values(LANGUAGE_MARKERS).some((markers) => markers.future.test(clause.normalized)));
  const pending = clauses.find(laterInProduction);
  const prodDone = signals.some(
    (signal) =>
      signal.family === 'fix' &&
      !signal.uncertain &&
      PRODUCTION.test(signal.phrase.toLowerCase()) &&
      !NON_PRODUCTION.test(signal.phrase.toLowerCase()) &&
      !laterInProduction(clauses[signal.clauseIndex] ?? clauses[0]!),
  );
  const elsewhere = NON_PRODUCTION.exec(whole);
  if (elsewhere !== null && pending !== undefined && !prodDone) return { kind: 'non-production', marker: elsewhere[0] };
  const partial = partOfWhole(whole);
  return partial === undefined ? undefined : { kind: 'partial', marker: partial };
}

/** The rollout marker of a comment whose change has not reached all of what runs, if any. */
export function unfinishedRollout(prose: string): string | undefined {
  const clauses = segmentClauses(prose);
  const signals = clauses.flatMap((clause, index) => readClauseSignals(clause, index, undefined));
  return unfinishedRolloutOf(clauses, signals)?.marker;
}

/**
 * Every outcome a comment denies in so many words anywhere, hedged or not ("this is not a false
 * positive", "not fixed", "nothing to accept"), whatever else it says.
 */
export function deniedOutcomes(prose: string): OutcomeFamily[] {
  const denials = segmentClauses(prose)
    .flatMap((clause, index) => readClauseSignals(clause, index, undefined))
    .filter((signal) => signal.family === 'dispute' && signal.denies !== undefined);
  return unionOfDenies(denials);
}

/** Disputes that say the flaw is real: reproduced, exploitable, fed by user input. */
const REALNESS: ReadonlySet<string> = new Set([
  'reproduced',
  'it is real',
  'it is real (translated)',
  'affirmed exploitable',
  'comes from user input (translated)',
  'protection absent',
]);

/**
 * Reads one human comment: the outcome it states (if any), or whether it disputes what came
 * before, or only doubts. Later clauses count slightly more: people end with their conclusion.
 */
export function readComment(prose: string, issueKey?: string): CommentReading {
  const clauses = segmentClauses(prose);
  const doubtful = clauses.some((clause) => COMMENT_DOUBT.test(clause.normalized));
  const signals = clauses
    .flatMap((clause, index) => readClauseSignals(clause, index, issueKey))
    .map((signal) => (doubtful && signal.family !== 'dispute' ? { ...signal, uncertain: true } : signal));
  // Rule: a change reported and then taken back by a contrast that negates or restricts it
  // ("merged, but prod is still on 1.8") is qualified by its own author: doubt, not a fix. (After
  // an argument the same shape supports it: "it's in package.json but nobody imports it".)
  const qualifiedFrom = clauses.findIndex(
    (clause, index) => index > 0 && clause.afterContrast && (NEGATION.test(clause.normalized) || QUALIFIER.test(clause.normalized)),
  );
  const qualified = signals.map((signal) =>
    qualifiedFrom > 0 && signal.family === 'fix' && signal.clauseIndex < qualifiedFrom
      ? { ...signal, uncertain: true, qualified: true, label: `qualified ${signal.label}` }
      : signal,
  );
  const unfinished = unfinishedRolloutOf(clauses, qualified);
  const firm = qualified
    .map((signal) =>
      signal.family === 'fix' && !signal.uncertain && unfinished !== undefined
        ? { ...signal, uncertain: true, label: `${unfinished.kind} ${signal.label}` }
        : signal,
    )
    .filter((signal) => !signal.uncertain);

  const scores = new Map<OutcomeFamily, number>();
  for (const signal of firm) {
    if (signal.family === 'dispute') continue;
    const recency = 1 + (0.1 * signal.clauseIndex) / Math.max(1, clauses.length);
    scores.set(signal.family, (scores.get(signal.family) ?? 0) + signal.weight * recency);
  }
  const fixScore = scores.get('fix');
  if (fixScore !== undefined && CHANGE_REFERENCE.test(normalizeText(prose).toLowerCase())) {
    scores.set('fix', fixScore + REFERENCE_BOOST);
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  const disputes = firm.filter((s) => s.family === 'dispute' && s.weight >= DISPUTE_SCORE);
  // A dispute only counts against the outcomes it contradicts: "the ReDoS is real, we live with
  // it" is an accepted risk, "fixed in #77 … POST still concatenates input" is not a fix.
  const against = best === undefined ? disputes : disputes.filter((s) => deniesOf(s).includes(best[0]));
  const dispute = strongest(against);
  if (dispute !== undefined && best !== undefined) {
    const lastOutcome = Math.max(...firm.filter((s) => s.family === best[0]).map((s) => s.clauseIndex));
    const lastDispute = Math.max(...against.map((s) => s.clauseIndex));
    // People end with their conclusion: a dispute said after the outcome wins; one said before it
    // ("that's wrong — we accept it") is the run-up. A wrong "fixed" is the costly mistake, so a
    // weak fix loses to a dispute anywhere ("reverted the fix; redeployed"); elsewhere, in one
    // clause, only an outright outcome holds.
    const weak = best[1] < OUTRIGHT_SCORE;
    // Who says the flaw is real ("Reproduced on the lab FEP… This is a real issue") and then why
    // it cannot be reached is describing a control around a real flaw, not a false positive.
    const realThenArgued =
      best[0] === 'false_positive' &&
      best[1] < OUTRIGHT_SCORE &&
      against.some((signal) => REALNESS.has(signal.label));
    if (lastDispute > lastOutcome || realThenArgued || (weak && (best[0] === 'fix' || lastDispute === lastOutcome))) {
      return { kind: 'dispute', signal: dispute, denies: unionOfDenies(against) };
    }
  } else if (dispute !== undefined) {
    return { kind: 'dispute', signal: dispute, denies: unionOfDenies(against) };
  }

  if (best !== undefined && best[1] >= DECISIVE_SCORE) {
    const [family, score] = best;
    const runnerUp = second?.[1] ?? 0;
    const signal = strongest(firm.filter((s) => s.family === family));
    if (signal === undefined) return { kind: 'silent' };
    const whole = clauses.map((clause) => clause.normalized).join(' ');
    if (family === 'false_positive' && GOVERNANCE.test(whole)) {
      // A deliberate choice with sign-off is a decision to live with it; sign-off without a
      // stated choice leaves it unclear which of the two it is.
      if (DELIBERATE.test(whole)) {
        return { kind: 'decision', family: 'accepted_risk', score, runnerUp: 0, signal: { ...signal, family: 'accepted_risk', label: `deliberate choice with sign-off (${signal.label})` } };
      }
      return { kind: 'conflict', families: ['false_positive', 'accepted_risk'], signal };
    }
    if (second !== undefined && runnerUp >= CONFLICT_RATIO * score) {
      // Who says the flaw is real ("I reproduced it … pushed the escaping") has ruled out a false
      // positive, whatever else the comment names ("disagree with the triage that set this to Not a
      // Bug"): the two stay contested, but a false positive is no longer a reading to pick.
      const families: OutcomeFamily[] = [family, second[0]];
      const ruledOut = families.includes('false_positive') && disputes.some((dispute) => REALNESS.has(dispute.label));
      return { kind: 'conflict', families, signal, ...(ruledOut ? { ruledOut: ['false_positive' as const] } : {}) };
    }
    return { kind: 'decision', family, score, runnerUp, signal };
  }
  const doubt = strongest(qualified.filter((s) => s.uncertain && s.family !== 'dispute'));
  if (doubt !== undefined) return { kind: 'uncertain', signal: doubt };
  return { kind: 'silent' };
}
