/**
 * Clause structure for closure triage: not *what* a clause says (the cue families do that) but
 * *how* it says it — done or still to come, conditional, proposed or asked — and whether a
 * comment challenges someone else's claim. Each supported language contributes a small table of
 * grammatical markers (auxiliaries, subordinators, question and proposal words), never whole
 * sentences, so the same rule reads "will fix once the gateway is deployed", "wird behoben,
 * sobald das Gateway läuft" and "se corregirá cuando se despliegue" alike. Tables: English, German,
 * French, Spanish and Portuguese (the issue's languages), plus Dutch and Italian, seen in threads.
 */

import { unicodeWords } from './unicode-words';

export type TriageLanguage = 'en' | 'de' | 'fr' | 'es' | 'pt' | 'nl' | 'it';

/** How a clause presents an event: only `done` can report an outcome. */
export type Modality = 'done' | 'planned' | 'conditional' | 'proposed' | 'asked';

interface LanguageMarkers {
  /** Before an act: future, intent or obligation ("will", "wird", "va", "vamos a", "vai"). */
  future: RegExp;
  /** Future morphology on the verb itself ("corrigera", "corregirá", "corrigirá"). */
  futureVerb?: RegExp;
  /** Opens a subordinate clause that makes the main one wait for something ("once", "sobald"). */
  subordinator: RegExp;
  /** In that subordinate clause, tense that makes it a past event ("once we deployed it"). */
  pastInSubordinate: RegExp;
  /** In that subordinate clause, tense that keeps it ahead ("is deployed", "wird", "sera"). */
  openInSubordinate: RegExp;
  /** Before an act: someone proposes it ("I suggest", "on pourrait"). */
  proposal: RegExp;
  /**
   * A clause that voices doubt about someone else's claim without a question mark ("doesn't add
   * up", "no me cuadra", "ça ne colle pas").
   */
  doubt: RegExp;
}

/**
 * Per-language markers. They are combined (a comment may mix languages) but kept apart so each
 * table stays small and reviewable; the marker found is named in the evidence.
 */
const RAW_MARKERS: Readonly<Record<TriageLanguage, LanguageMarkers>> = {
  en: {
    // "The plan is to put it behind the gateway" is a plan; "was going to propose we accept it"
    // is an intention given up, not one still ahead.
    future:
      /\b(?:(?:the |our |my )?(?:plan|idea|goal|intention|aim) (?:is|was) to|will|'ll|shall|(?<!\b(?:was|were) )going to|gonna|plan(?:s|ned|ning)? to|scheduled (?:to|for)|needs? to|needs? (?:it|this|that|them)|wants? (?:it|this|that|them)|have to|has to|must|should|ought to|wants? to|about to|intends? to|aims? to|hopes? to|expect(?:s|ed)? to|(?:is|are) being|in progress)\b/,
    subordinator:
      /\b(?:once|as soon as|when(?:ever)?|after(?! all\b)|if|unless|provided(?: that)?|assuming|in case|the moment)\b/,
    pastInSubordinate:
      /\b(?:was|were|had|did|got|went|came|yesterday|last (?:week|night|sprint))\b|\bwe [a-z]+ed\b/,
    openInSubordinate:
      /\b(?:is|are|'s|gets?|goes|lands?|ships?|becomes?|has been|have been|will|can|comes?|happens?|finish(?:es)?|completes?|merges?|deploys?|rolls?|we (?:deploy|merge|ship|roll|release|upgrade|switch|get|have|move|migrate|cut))\b|^\W*(?:once|when|after|if|as soon as)\s+(?:[a-z]+ed|done|live|approved|needed)\b/,
    proposal:
      /\b(?:i(?: would|'?d)? (?:suggest|propose|recommend)|(?:proposed|suggested|recommended|draft) (?:approach|fix|change|solution|remediation|mitigation|design)|(?<!\b(?:was|were) going to )(?:suggest(?:s|ed|ing)?|propos(?:e|es|ed|ing)|recommend(?:s|ed|ing)?),? (?:that )?we|^\W*(?:suggest|propose|recommend)(?:ing)?\b|\b(?:my|our|the) (?:recommendation|suggestion|proposal|advice) (?:is|would be|here is)\b|we (?:could|might)|let'?s|how about|why not|could we|can we|shall we|maybe we|proposal)\b/,
    doubt:
      /\b(?:i doubt|doubt (?:it|that|this)|not convinced|unconvinced|skeptical|sceptical|i (?:don'?t|do not) (?:think|believe) (?:so|it|this|that)|are (?:we|you) sure|is that (?:right|true)|hold on|wait,|not so fast|doesn'?t add up|does not add up|not sure (?:that|this|it)(?: is|'s| was)? (?:right|true|fixed|correct))\b/,
  },
  de: {
    future:
      /\b(?:wird(?! (?:jetzt|nun|mittlerweile|inzwischen|bereits|schon|seit|nicht mehr|weder|nie|nirgends)\b)|werden(?! (?:jetzt|nun|mittlerweile|inzwischen|bereits|schon|seit|nicht mehr|weder|nie|nirgends)\b)|werde|wirst|soll(?:en|te|ten)?|muss|müssen|geplant|vorgesehen|demnächst|später|nächste[nmrs]? (?:woche|sprint|release|monat))\b/,
    subordinator: /\b(?:sobald|wenn|falls|sofern|nachdem|vorausgesetzt)\b/,
    pastInSubordinate: /\b(?:wurde|wurden|war|waren|hatte|hatten|gestern)\b/,
    openInSubordinate: /\b(?:ist|sind|wird|werden|läuft|laufen|kommt|live|ausgerollt|deployed|gemergt)\b/,
    proposal: /\b(?:ich schlage vor|vorschlag|sollten wir|könnten wir|lass(?:t)? uns)\b/,
    doubt: /\b(?:ich zweifle|bezweifle|nicht überzeugt|sind (?:wir|sie) sicher|wirklich\?|stimmt das|kommt mir (?:komisch|seltsam) vor|passt (?:da )?nicht zusammen)\b/,
  },
  fr: {
    future:
      /\b(?:va|vont|allons|vais|devr(?:a|ait|ons|ont|aient)|doit|doivent|il faut|prévu|planifié|sera|seront|bientôt|prochaine?)\b/,
    futureVerb: /\b\p{L}{3,}(?:era|eront|erons|erez|ira|iront|irons)\b/u,
    subordinator: /\b(?:une fois(?: que)?|dès que|quand|lorsque?|lorsqu'|si|s'il|après que)\b/,
    pastInSubordinate: /\b(?:a été|ont été|avons|avait|était|hier)\b/,
    openInSubordinate: /\b(?:est|sont|sera|seront|soit|soient|déployée?s?|en prod)\b/,
    proposal: /\b(?:je (?:propose|suggère)|proposons|on pourrait|nous pourrions|pourrait-on)\b/,
    doubt: /\b(?:je doute|pas convaincu|êtes-vous sûrs?|vraiment\?|c'est sûr|ça ne colle pas|je ne suis pas sûr|pas sûr que)\b/,
  },
  es: {
    future:
      /\b(?:va a|van a|vamos a|voy a|tenemos que|hay que|debe(?:mos|n|ría|ríamos)?|será|serán|estará|estarán|planeado|previsto|pendiente|próxim[oa])\b/,
    futureVerb: /\b\p{L}{3,}(?:ará|erá|irá|arán|erán|irán|aremos|eremos|iremos)\b/u,
    subordinator: /\b(?:cuando|una vez que|en cuanto|tan pronto como|si|después de que|apenas)\b/,
    pastInSubordinate: /\b(?:fue|fueron|hemos|ha sido|han sido|ayer|estaba)\b/,
    openInSubordinate:
      /\b(?:esté|estén|sea|sean|se despliegue|salga|llegue|tengamos|está|es)\b|\b\p{L}+(?:emos|en|e)\b/u,
    proposal: /\b(?:propongo|sugiero|podríamos|¿y si)\b/,
    doubt: /\b(?:lo dudo|dudo que|no estoy convencid[oa]|¿seguro|¿de verdad|¿realmente|no me cuadra|no me convence|no me queda claro)\b/,
  },
  pt: {
    future:
      /\b(?:vai|vão|vamos|vou|temos que|precisa(?:mos)? (?:de )?|deve(?:mos|ria|ríamos)?|será|serão|estará|estarão|planejado|previsto|pendente|próxim[oa])\b/,
    futureVerb: /\b\p{L}{3,}(?:ará|erá|irá|arão|erão|irão|aremos|eremos|iremos)\b/u,
    subordinator: /\b(?:quando|assim que|logo que|uma vez que|depois que|caso)\b/,
    pastInSubordinate: /\b(?:foi|foram|fizemos|ontem|estava)\b/,
    openInSubordinate:
      /\b(?:for|forem|estiver|estiverem|tiver|tivermos|seja|sejam|está|é)\b|\b\p{L}+(?:armos|ermos|irmos)\b/u,
    proposal: /\b(?:proponho|sugiro|poderíamos|que tal)\b/,
    doubt: /\b(?:duvido|não estou convencid[oa]|tem certeza|de verdade\?|será mesmo|não bate|não me convence|não sei se)\b/,
  },
  nl: {
    future: /\b(?:zal|zullen|wordt|worden|gaan we|we gaan|moet(?:en)?|gepland|volgende (?:week|sprint|release))\b/,
    subordinator: /\b(?:zodra|wanneer|nadat|indien)\b/,
    pastInSubordinate: /\b(?:was|waren|werd|werden|had|hadden|gisteren)\b/,
    openInSubordinate: /\b(?:is|zijn|wordt|worden|staat|live|uitgerold)\b/,
    proposal: /\b(?:ik stel voor|voorstel|zullen we|kunnen we)\b/,
    doubt: /\b(?:ik betwijfel|niet overtuigd|weet je (?:het )?zeker)\b/,
  },
  it: {
    future: /\b(?:verrà|verranno|sarà|saranno|dobbiamo|bisogna|previsto|pianificato|prossim[oa])\b/,
    futureVerb: /\b\p{L}{3,}(?:erà|irà|eranno|iranno|eremo|iremo)\b/u,
    subordinator: /\b(?:quando|appena|non appena|una volta che|dopo che|qualora)\b/,
    pastInSubordinate: /\b(?:è stat[oa]|sono stati|abbiamo|ieri|era)\b/,
    openInSubordinate: /\b(?:sarà|saranno|sia|siano|verrà|viene|vengono|in produzione|rilasciat[oa])\b/,
    proposal: /\b(?:propongo|suggerisco|potremmo|che ne dite)\b/,
    doubt: /\b(?:dubito|non (?:ne )?sono (?:(?:per niente|affatto|del tutto|tanto) )?(?:convint[oa]|sicur[oa])|sei sicur[oa])\b/,
  },
};

function withUnicodeWords(markers: LanguageMarkers): LanguageMarkers {
  return {
    future: unicodeWords(markers.future),
    ...(markers.futureVerb === undefined ? {} : { futureVerb: unicodeWords(markers.futureVerb) }),
    subordinator: unicodeWords(markers.subordinator),
    pastInSubordinate: unicodeWords(markers.pastInSubordinate),
    openInSubordinate: unicodeWords(markers.openInSubordinate),
    proposal: unicodeWords(markers.proposal),
    doubt: unicodeWords(markers.doubt),
  };
}

export const LANGUAGE_MARKERS: Readonly<Record<TriageLanguage, LanguageMarkers>> = {
  en: withUnicodeWords(RAW_MARKERS.en),
  de: withUnicodeWords(RAW_MARKERS.de),
  fr: withUnicodeWords(RAW_MARKERS.fr),
  es: withUnicodeWords(RAW_MARKERS.es),
  pt: withUnicodeWords(RAW_MARKERS.pt),
  nl: withUnicodeWords(RAW_MARKERS.nl),
  it: withUnicodeWords(RAW_MARKERS.it),
};

/** Subordinators that give a reason: what follows is stated as fact, in its own tense. */
const CAUSAL_SUBORDINATOR = unicodeWords(
  /\b(?:since|because|given that|now that|weil|denn|parce que|puisque|porque|ya que|pois|já que|perché|poiché|omdat)\b/gu,
);

/** Subordinators that state a condition rather than a time. */
const CONDITION_ONLY = unicodeWords(
  /^(?:if|unless|provided|assuming|in case|falls|sofern|si|s'il|caso|indien|qualora)\b/u,
);

const LANGUAGES = Object.keys(LANGUAGE_MARKERS) as TriageLanguage[];

export interface ModalityReading {
  modality: Modality;
  /** The marker that set it ("will", "once … is", "sobald"), for the evidence. */
  marker?: string;
  language?: TriageLanguage;
}

/** A sentence is a question when it ends with "?" or opens with "¿" (the whole sentence, not the clause). */
export function isQuestion(sentence: string): boolean {
  return /\?\s*\W*$/u.test(sentence.trim()) || /^\W*¿/u.test(sentence.trim());
}

function lastSubordinate(
  text: string,
  markers: LanguageMarkers,
): { index: number; word: string } | undefined {
  let found: { index: number; word: string } | undefined;
  for (const match of text.matchAll(new RegExp(markers.subordinator.source, 'gu'))) {
    found = { index: match.index, word: match[0] };
  }
  return found;
}

/**
 * Reads the modality of an act found at [start, end) of a lower-cased clause, inside its
 * sentence. Future and proposal markers count only before the act ("fixed, will monitor" is
 * done); a subordinate clause counts anywhere in the clause ("fixed once the gateway is deployed"
 * waits for the gateway), unless its own tense puts it in the past ("once we deployed it").
 */
export function readModality(
  clause: string,
  start: number,
  end: number,
  sentenceIsQuestion: boolean,
): ModalityReading {
  if (sentenceIsQuestion) return { modality: 'asked', marker: '?' };
  // A causal clause states its own fact: in "should close on the next scan since the binary is no
  // longer in the image", "should" belongs to "close", not to what the since-clause reports.
  let before = clause.slice(0, start);
  let cause: RegExpExecArray | null = null;
  for (const match of before.matchAll(CAUSAL_SUBORDINATOR)) cause = match;
  if (cause !== null) before = before.slice(cause.index + cause[0].length);
  const act = clause.slice(start, end);
  for (const language of LANGUAGES) {
    const markers = LANGUAGE_MARKERS[language];
    const proposal = markers.proposal.exec(before);
    if (proposal) return { modality: 'proposed', marker: proposal[0], language };
  }
  for (const language of LANGUAGES) {
    const markers = LANGUAGE_MARKERS[language];
    // Read with the act after it, so a marker can look at what follows: "wird weder gebaut noch
    // ausgeliefert" states what is, "wird entfernt" what will be.
    const future = markers.future.exec(before + act);
    if (future && future.index < before.length) return { modality: 'planned', marker: future[0], language };
    const morphology = markers.futureVerb?.exec(act);
    if (morphology) return { modality: 'planned', marker: morphology[0], language };
  }
  for (const language of LANGUAGES) {
    const markers = LANGUAGE_MARKERS[language];
    const subordinate = lastSubordinate(clause, markers);
    if (subordinate === undefined) continue;
    // The subordinate clause runs from its opener to the act (act after it) or to the end.
    const stop = subordinate.index < start ? start : clause.length;
    const body = clause.slice(subordinate.index, stop);
    // After the act, only a time clause makes it wait ("fixed once X is live"); a condition there
    // is a follow-up ("patched — let me know if it is still flagged").
    if (subordinate.index >= start && CONDITION_ONLY.test(subordinate.word)) continue;
    // "risk accepted, revisit when the SDK update lands": the time clause belongs to the review.
    if (subordinate.index >= end && REVIEW_BEFORE.test(clause.slice(end, subordinate.index))) continue;
    if (markers.pastInSubordinate.test(body)) continue;
    const open = markers.openInSubordinate.exec(body);
    if (open) return { modality: 'conditional', marker: `${subordinate.word} … ${open[0].trim()}`, language };
    // German puts the verb last: in "erst, wenn der Dienstleister umgestellt hat" the act closes
    // the subordinate clause, so its perfect is still ahead of the main clause, not a change made.
    const perfect = language === 'de' && subordinate.index < start ? GERMAN_PERFECT_AFTER_ACT.exec(clause.slice(end)) : null;
    if (perfect && WAITS_FOR.test(subordinate.word))
      return { modality: 'conditional', marker: `${subordinate.word} … ${perfect[0].trim()}`, language };
  }
  return { modality: 'done' };
}

/** The auxiliary that closes a German subordinate clause in the perfect ("… umgestellt hat"). */
const GERMAN_PERFECT_AFTER_ACT = unicodeWords(/^\s*(?:hat|haben)\b/u);

/** Subordinators that make the main clause wait for their event; "nachdem" reports one past. */
const WAITS_FOR = unicodeWords(/^(?:sobald|wenn|falls|sofern|vorausgesetzt)$/u);

/** A later review the acceptance itself schedules. */
const REVIEW_BEFORE = unicodeWords(/\b(?:revisit|review|re-?evaluate|reassess|re-?assess|re-?check|expires?|wiedervorlage|überprüfen|revoir|réévaluer|revisar|reevaluar|reavaliar)\b/u);

/** Words that tie a question to whether something really happened (fix, deploy, scope, certainty). */
const CHALLENGE_TOPIC = unicodeWords(
  /\b(?:fix\w*|patch\w*|deploy\w*|prod\w*|releas\w*|merg\w*|ship\w*|live|sure|really|actually|verif\w*|confirm\w*|test\w*|re-?scan\w*|scan\w*|still|covered|cover|all|other|every|enough|real|exploit\w*|reachable|safe|rotat\w*|revok\w*|accept\w*|approv\w*|sign\w*|false positive|behoben|wirklich|sicher|vraiment|sûr|corrigé|seguro|realmente|corregido|certeza|corrigido|mesmo)\b/u,
);

/**
 * Opening words by which a reply contradicts the comment before it, per language: a bare "no"
 * followed by a pause, "not"/"only"/"except" restricting what was claimed, or "that's not true" in
 * the other languages ("Niet waar helaas.", "Stimmt so nicht", "C'est faux"). Only the comment's
 * opening counts: further in, "– stimmt nicht" usually answers something quoted in the comment.
 */
const CONTRADICTION_OPENER = unicodeWords(
  /^\W*(?:(?:no|nope|nah|nein|non|não|nee|niet)\s*[,.!:;—–-]|not (?:for|in|on|when|if|really|quite|true|so fast|yet|everywhere|all)\b|only (?:for|on|in|when|if|the)\b|except\b|actually,? no\b|niet waar\b|klopt niet\b|stimmt (?:so )?nicht\b|c'est faux\b|pas vrai\b|no es (?:verdad|cierto)\b|não é verdade\b|non è vero\b|pas (?:pour|dans|sur|vraiment|encore|du tout)\b|nicht (?:für|bei|im|in|ganz|wirklich)\b|no (?:para|en|del todo|realmente)\b|não (?:para|no|na|em|realmente)\b|solo (?:para|en)\b|só (?:para|no|na)\b|nur (?:für|bei|im)\b|seulement (?:pour|sur|dans)\b)/u,
);

export function opensWithContradiction(text: string): boolean {
  return CONTRADICTION_OPENER.test(text.toLowerCase());
}

/**
 * A question asking which, where or what exactly: after a claim, it asks for the scope the claim
 * left out ("Which environments?", "deployed what?", "¿dónde?", "welche Umgebungen?").
 */
const SCOPE_QUESTION = unicodeWords(
  /\b(?:which|where|what|when|why|how|who|whom|whose|wer|wessen|qui|quién|quem|chi|wie|warum|wieso|pourquoi|por qué|por que|perché|waarom|welche[nrs]?|wo|wann|was genau|quel(?:le)?s?|où|quand|cuál(?:es)?|dónde|cuándo|qué|qual|quais|onde|quando|quale|dove|welke|waar)\b/u,
);

/**
 * A reply that opens by conceding a point and then holds its line ("Fair, but …", "True, but …",
 * "Stimmt, aber …"): the comment before it argued, so the matter is contested.
 */
export const CONCESSION_OPENER = unicodeWords(
  /^\W*(?:fair(?: enough| point)?|true|granted|good point|you'?re right|ok(?:ay)?|yes|sure|agreed|stimmt|richtig|d'accord|c'est vrai|vale|cierto|es verdad|verdade|é verdade|certo|vero|klopt)\s*[,;:—–-]\s*(?:but|though|however|aber|mais|pero|mas|porém|ma|maar)\b/u,
);

/**
 * True when a comment challenges what came before: a question about whether it really happened
 * ("did this ship to prod?", "is the admin endpoint covered too?") or an explicit doubt ("not
 * convinced"). Thanks, assignments and "can we close?" are not challenges.
 */
export function readChallenge(sentences: readonly string[]): string | undefined {
  for (const [index, sentence] of sentences.entries()) {
    const lower = sentence.toLowerCase();
    // A reply that opens by contradicting ("No, we need to fix it", "Not for DoS purposes",
    // "Only for the public ingress", "Nein, …") takes the other side, whatever follows.
    if (index === 0 && opensWithContradiction(lower)) return sentence.trim();
    for (const language of LANGUAGES) {
      const doubt = LANGUAGE_MARKERS[language].doubt.exec(lower);
      if (doubt) return sentence.trim();
    }
    if (isQuestion(sentence) && (CHALLENGE_TOPIC.test(lower) || SCOPE_QUESTION.test(lower))) return sentence.trim();
  }
  return undefined;
}

/** Someone ran a check against the system: a tool, a proof of concept, a request, a search. */
const CHECK_ACT = unicodeWords(
  /\b(?:ran|re-?ran|re-?run|re-?tested|tested|tried|retried|re-?tried|sent|replayed|fired|curl(?:ed)?|grepped|grep|scanned|re-?scanned|pulled|probed|sqlmap|trivy|grype|nmap|burp|nuclei|interactsh|poc|pocs|repro|exploit|payload|getestet|geprüft|ausprobiert|nachgetestet|testé|re-?testé|essayé|rejoué|lancé|probé|probado|probamos|testeado|testeé|testei|testado|testamos|rodei|rodamos)\b/u,
);
/** …and the attack failed or nothing was found: a 4xx, a rejection, nothing left. */
const ATTACK_FAILED = unicodeWords(
  /\b(?:4\d\d|rejected|refused|blocked|denied|forbidden|fails?|failed|invalid\w*|no longer|anymore|nothing|none|gone|unchanged|no (?:callback|callbacks|hit|hits|dns|match|matches|results?|findings?|header|references?|remaining|trace|output|entries|alert)|abgelehnt|blockiert|verweigert|nicht mehr|nichts|rejeté|refusé|bloqué|plus rien|ne \S+ plus|rien|rechazad[oa]|bloquead[oa]|denegad[oa]|ya no|nada|rejeitad[oa]|recusad[oa]|já não|não \S+ mais)\b/u,
);
/** The check shows the code was never exploitable: an argument against the finding, not a fix. */
const NEVER_EXPLOITABLE = unicodeWords(
  /\b(?:never|scanner|false positive|by design|not (?:reachable|exploitable|vulnerable)|nie|niemals|jamais|faux positif|nunca|falso positivo)\b/u,
);
/** Something is left over or only part was checked: the reply may still challenge the claim. */
export const LEFT_OVER_WORDS = unicodeWords(
  /\b(?:still|only|but|however|except|yet|again|partly|partially|immer noch|noch|nur|aber|jedoch|encore|toujours|seulement|mais|sauf|todavía|aún|sigue|siguen|solo|sólo|pero|excepto|ainda|continua|continuam|só|apenas|porém|exceto)\b/u,
);
/** …or the reply asks something back. */
const LEFT_OVER = new RegExp(`${LEFT_OVER_WORDS.source}|\\?`, LEFT_OVER_WORDS.flags);

/**
 * A reply to a reported fix that ran a check and saw the attack fail ("re-ran the PoC against
 * prod → 403", "curl with a random origin: no ACAO header now", "sqlmap on the sort param:
 * nothing") confirms the fix: its negation is about the attack, not about the claim. Anything
 * left over ("still", "only", "but", a question) keeps it a possible challenge.
 */
export function reportsPassedCheck(text: string): boolean {
  const lower = text.toLowerCase();
  return CHECK_ACT.test(lower) && ATTACK_FAILED.test(lower) && !LEFT_OVER.test(lower) && !NEVER_EXPLOITABLE.test(lower);
}

/** The attack works again or gets past the fix: a regression, a bypass, a rollback. */
const WORKS_AGAIN = unicodeWords(
  /\b(?:again|wieder|erneut|de nuevo|otra vez|de novo|novamente|à nouveau|rollback|revenus? (?:à|sur)|zurück auf|volvimos a|voltamos (?:para|à)|bypass\w*|(?:sails?|gets?|got|slips?|went|goes) (?:right )?(?:past|around|through)|rolled [\w.#-]+ back|rolled back|reverted|is back|came back|back on|regress\w*|umgangen|contourn\w*)\b/u,
);
/** …unless the same sentence says the check now passes ("I test again on prod, now is 401"). */
const NOW_PASSES = unicodeWords(/\b(?:now|closed|clean|lands?|passe[sd]?|jetzt|maintenant|ahora|agora)\b/u);

/**
 * A reply reporting the attack working again or getting past the fix ("feuert wieder auf prod",
 * "gets decoded twice and sails past it", "rolled 4.8.0 back at 03:40") counters the fix, though it
 * need not deny it in so many words. A retest that passes ("re-ran the bypass list: everything
 * lands on /dashboard") does not.
 */
export function reportsWorkingAgain(prose: string): boolean {
  return splitSentences(prose).some((sentence) => {
    const lower = sentence.toLowerCase();
    return WORKS_AGAIN.test(lower) && !ATTACK_FAILED.test(lower) && !NOW_PASSES.test(lower);
  });
}

/** Sentences of a prose block: split after . ! ? and at line breaks. */
export function splitSentences(prose: string): string[] {
  return prose
    .split(/\n+|(?<=[.!?])\s+/u)
    .map((sentence) => sentence.trim())
    .filter((sentence) => /[\p{L}\p{N}]/u.test(sentence));
}

/**
 * Governance around a decision — who approved it, until when, who owns it. A "not a
 * vulnerability" argument wrapped in sign-off and expiry is someone deciding to live with a real
 * exposure (accepted risk), not the scanner being wrong.
 */
export const GOVERNANCE = unicodeWords(
  /\b(?:sign(?:ed)?[- ]off|approved by|approval (?:from|by)|risk owner|ciso|governance|security council|risk committee|review(?:ed)? (?:again )?(?:in|by|on|every)|re-?review|expir(?:es|y|ing)|valid until|genehmigt|freigegeben|freigabe|approuvé|validé par|aprobado|aprobada|aprovado|aprovada)\b/u,
);

/** The choice was made on purpose, knowing what it does. */
export const DELIBERATE = unicodeWords(
  /\b(?:deliberate(?:ly)?|intentional(?:ly)?|on purpose|conscious(?:ly)? (?:choice|decision)|business (?:need|requirement|reasons?)|we chose|chose to|decided to|trade-?off|bewusst|absichtlich|délibéré(?:ment)?|volontaire(?:ment)?|intencional(?:mente)?|deliberad(?:o|a|amente)|de propósito|propositalmente)\b/u,
);

/**
 * Speech-act tables: the verbs and argument markers by which a person reports a change made,
 * argues the finding is not a vulnerability, or decides to live with it. Grammatical forms
 * (participles, first-person past), not sentences; the modality above still decides whether the
 * act happened.
 */
export type SpeechAct = 'change_made' | 'not_vulnerable' | 'lives_with_it';
export type ActLanguage = TriageLanguage;

export const SPEECH_ACTS: Readonly<Record<SpeechAct, Partial<Record<ActLanguage, RegExp>>>> = {
  change_made: {
    en: /\b(?:released|rebuilt|swapped|backported)\b|^(?:turned off|switched off|revoked)\b|\b(?:we|i|they)(?: have|'ve| had)? (?:restricted|disabled|turned off|switched off|blocked|enforced)\b|\b(?:was|were|has been|have been|got) (?:replaced|removed|deleted|dropped|disabled|rotated|revoked|bumped|pulled|flipped|switched off|turned off|restricted)\b|\b(?:went|moved|is now|are now|now) (?:to |on |at )?v?\d+(?:\.\d+)+|\b(?:change|fix|patch|commit)\b[^.;]{0,20}?\b(?:went|got|was merged|landed|shipped) (?:in|into|with) (?:[\w-]+ )?v?\d+(?:\.\d+)+/,
    de: /\b(?:entfernt|ersetzt|deaktiviert|abgeschaltet|ausgebaut|umgestellt|aktualisiert|migriert|gelöscht|gesperrt|eingeschränkt|rotiert|widerrufen|gepatcht|eingespielt)\b/,
    fr: /\b(?:supprimée?s?|remplacée?s?|désactivée?s?|migrée?s?|mise?s? à jour|restreinte?s?|révoquée?s?|retirée?s?|appliquée?s?|mise?s? en production)\b/,
    es: /\b(?:eliminad[oa]s?|eliminamos|reemplazad[oa]s?|reemplazamos|desactivad[oa]s?|desactivamos|migrad[oa]s?|migramos|actualizad[oa]s?|actualizamos|actualicé|revocad[oa]s?|revocamos|rotamos|quitamos|cambiamos|desplegamos|aplicamos|corregimos|corrigió|arreglamos|arregló|parcheamos|parcheó|solucionamos|solucionó)\b/,
    pt: /\b(?:removid[oa]s?|removemos|removi|substituíd[oa]s?|substituímos|troquei|trocamos|desativad[oa]s?|desativamos|desativei|migramos|migrei|atualizad[oa]s?|atualizamos|atualizei|revogad[oa]s?|revogamos|rotacionad[oa]s?|rotacionamos|aplicamos|apliquei|corrigimos|corrigi|corrigiu|consertamos|consertei|consertou)\b/,
    nl: /\b(?:verwijderd|vervangen|uitgeschakeld|bijgewerkt|geüpgraded|uitgerold|gepatcht|opgelost|gemigreerd|ingetrokken)\b/,
    it: /\b(?:rimoss[oa]|sostituit[oa]|disattivat[oa]|aggiornat[oa]|rilasciat[oa]|corrett[oa]|risolt[oa]|migrat[oa]|revocat[oa])\b/,
  },
  not_vulnerable: {
    en: /\bno (?:external|user|untrusted|attacker) (?:input|data)\b|\bhard-?coded (?:tuple|list|constant|value|table|dictionary|map|array)s?\b|\bfixed (?:table|dictionary|map|list|set) of\b|\b(?:is|are|gets|was) generated (?:by|from|during)\b|\bgenerated (?:test )?(?:code|output|file|client|report|dtos?|class)\b|\b(?:only|just) (?:in|at|during) (?:the )?(?:build|compile|ci)\b|\bbuild[- ]time only\b|\b(?:isn'?t|is not|not|never) (?:part of|included in|shipped in|compiled into|served|instantiated|bundled)\b|\b(?:isn'?t|is not|never|never gets|is never) started\b|\bnot (?:a |an )?(?:signature|password|security (?:control|boundary|check))\b|\bnot used for (?:security|auth\w*|crypto\w*|signing|passwords?)\b|\bscanner (?:only )?(?:looks?|saw|sees|assumed|assumes|missed|ignores|doesn'?t see|can'?t see)\b|\b(?:check|validation) (?:isn'?t|is not) needed\b|\bexample (?:program|file|code|key)\b|\bdev laptops?\b|\b(?:framework|template engine|templating|orm|driver|react|jinja2?|django|rails|angular|vue|serializer|query builder)\b[^.;]{0,40}?\b(?:escapes|encodes|sanitizes|sanitises|parameteri[sz]es|quotes|binds)\b|\bused (?:only )?(?:for|as) (?:an? |the )?(?:cache[- ]?keys?|checksums?|etags?|content hash(?:es)?|object ids?|dedup\w*|fingerprints?|non-security)\b|\bnot (?:used )?for (?:security|auth\w*|crypto\w*|signing|password\w*)\b|\b(?:scanner|tool|rule|finding|alert)\b[^.;]{0,40}?\b(?:wrong|different|stale|outdated) (?:file|place|path|branch|repo\w*|line|function|commit|copy)\b|\bbuild[- ]time\b[^.;]{0,20}?\bonly\b|\bonly\b[^.;]{0,20}?\bbuild[- ]time\b|\b(?:builder|build) stage\b|\bnot in the (?:final|runtime|production|shipped) image\b/,
    de: /\bkein(?:e|en)? (?:laufzeitcode|externen? eingabe|benutzereingabe)\b|\bnicht (?:im|in unserem) (?:laufzeitpfad|produktivcode|artefakt)\b|\bnur (?:im|beim) (?:build|test)\b|\bgenerierte[rns]? (?:code|client|klasse)\b|\bfalscher alarm\b/,
    fr: /\baucune (?:entrée|donnée) (?:utilisateur|externe)\b|\bcode généré\b|\buniquement (?:au|en|pour le) (?:build|test|développement)\b|\bn'est pas (?:livré|déployé|servi|compilé|inclus)\b|\bfausse alerte\b/,
    es: /\bningún dato (?:llega )?(?:del|de) (?:usuario|exterior)\b|\bno hay (?:forma|manera) de\b|\bcódigo generado\b|\bsolo (?:en|durante) (?:el )?(?:build|compilación|pruebas)\b|\bfalsa alarma\b/,
    pt: /\bnenhum dado (?:vem|chega) (?:do|de) (?:usuário|fora)\b|\bnão (?:há|tem) como\b|\bcódigo gerado\b|\bapenas (?:no|em|durante o) (?:build|teste|desenvolvimento)\b|\bnão é da nossa conta\b|\bexemplo da documentação\b|\bfalso alarme\b/,
    nl: /\bvals alarm\b|\bgegenereerde code\b|\balleen (?:tijdens|in) de build\b/,
    it: /\bnessun dato arriva\b|\bfalso allarme\b|\bnon c'è modo\b|\bsolo da costanti\b|\bcodice generato\b/,
  },
  lives_with_it: {
    en: /\bgrant(?:ing|ed)? (?:the |an |this )?exception\b|\b(?:risk|exception|waiver|deviation|it|this)(?: is| was| has been| been)? (?:ack'?d|acknowledged) by\b|\baccepted for (?:the )?[\w-]+(?: [\w-]+){0,3} (?:until|till)\b|\bdocumented as accepted\b|\bleaving [^.;]{0,60}? (?:till|until)\b/,
    de: /\brisiko (?:wird |ist )?(?:getragen|akzeptiert|übernommen)\b|\bausnahme (?:genehmigt|erteilt|unterschrieben)\b|\bwir leben damit\b/,
    fr: /\b(?:dérogation|exception) (?:signée|accordée|validée)\b|\brisque (?:accepté|assumé)\b|\b(?:nous assumons|on assume)\b/,
    es: /\blo asumimos\b|\basumimos el riesgo\b|\bexcepción (?:firmada|aprobada|concedida)\b|\briesgo (?:aceptado|asumido)\b/,
    pt: /\bassumimos o risco\b|\bexceção (?:assinada|aprovada|concedida)\b|\brisco (?:aceito|assumido)\b/,
    nl: /\brisico (?:is )?geaccepteerd\b|\buitzondering (?:goedgekeurd|verleend)\b/,
    it: /\brischio accettato\b|\baccettiamo il rischio\b|\beccezione (?:approvata|firmata)\b/,
  },
};

/** One pattern per act, all languages joined (a comment may mix them). */
export function actPattern(act: SpeechAct): RegExp {
  const sources = Object.values(SPEECH_ACTS[act]).map((pattern) => `(?:${pattern.source})`);
  return new RegExp(sources.join('|'));
}

/**
 * After an act, a verdict on the act itself: "calling this a false positive is wrong" mentions the
 * outcome to deny it; "accepting this risk would be fine by me" weighs it without deciding.
 */
export const DENIED_AFTER = unicodeWords(
  /^\W*(?:[\w-]+ ){0,2}?(?:is|was|would be|seems|sounds) (?:wrong|incorrect|not right|mistaken|inaccurate|a mistake)\b/u,
);
/**
 * After an act or event, a verb that undoes it: "decommission got cancelled", "the exception was
 * withdrawn", "die Ausnahme wurde zurückgezogen". The event named did not (or no longer) happen.
 */
export const CANCELLED_AFTER = unicodeWords(
  /^\W*(?:[\w-]+ ){0,2}?(?:got|was|were|has been|have been|is|are|is now|been)\s+(?:cancell?ed|called off|dropped|scrapped|abandoned|postponed|delayed|rejected|withdrawn|rescinded|revoked|reverted|undone|overruled|vetoed|pulled)\b|^\W*(?:[\p{L}-]+ ){0,2}?(?:wurde|wurden|ist|fue|foi|a été|est|è stat[oa])\s+(?:abgesagt|gestoppt|zurückgezogen|verschoben|abgelehnt|cancelad[oa]|cancelad[oa]|anulad[oa]|rechazad[oa]|retirad[oa]|adiad[oa]|annulée?|rejetée?|retirée?|reportée?|annullat[oa]|rifiutat[oa])\b/u,
);

export const HYPOTHETICAL_AFTER = unicodeWords(
  /^\W*(?:[\w-]+ ){0,2}?(?:would|could|might)\b|^\W*(?:[\p{L}-]+ ){0,2}?(?:wäre|würde|könnte|serait|pourrait|sería|podría|seria|poderia)\b/u,
);

/** A speaker's stance against something that follows ("not comfortable with", "I object to"). */
const STANCE_AGAINST = unicodeWords(
  /\b(?:not (?:comfortable|ok|okay|happy|fine|convinced)|uncomfortable|(?:don'?t|do not) (?:agree|accept|support)|disagree|object(?:ing)? to|oppose|against|nicht einverstanden|pas d'accord|no estoy de acuerdo|não concordo|non sono d'accordo)\b/u,
);

/** Before a resolution's name: words that question it ("why", "not", "no sé por qué quedó como …"). */
const QUESTIONS_THE_RESOLUTION = unicodeWords(
  /\b(?:why|not|can'?t|cannot|shouldn'?t|should not|isn'?t|is not|wasn'?t|wrong|por qu[eé]|pourquoi|warum|wieso|weshalb|perch[eé]|waarom)\b/u,
);

/**
 * A comment that names the specific resolution to object to it ("not sure why this is Won't
 * Fix", "we can't decline this one"): the people disagree with how the issue was closed.
 */
export function objectsToResolution(prose: string, resolution: string): string | undefined {
  const words = resolution
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .split(/\s+/)
    .filter((word) => word.length > 0);
  if (words.length === 0) return undefined;
  // "Declined" → "declin": the verb and the resolution share a stem.
  const stems = words.map((word, index) =>
    index === words.length - 1 && word.length > 5 ? word.slice(0, Math.max(5, word.length - 2)) : word,
  );
  const mention = new RegExp(
    stems.map((stem) => stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'),
    'u',
  );
  // The resolution's key word alone ("accepted" for Risk Accepted, "declined" for Declined), for a
  // sentence that takes a stance against it ("I'm not comfortable with this being accepted").
  const key = stems[stems.length - 1];
  const keyMention = key !== undefined && key.length >= 5 ? new RegExp(`${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'u') : undefined;
  for (const sentence of splitSentences(prose)) {
    const lower = sentence.toLowerCase().replace(/[\u2018\u2019]/g, "'");
    if (keyMention !== undefined) {
      const keyAt = lower.search(keyMention);
      if (keyAt >= 0 && STANCE_AGAINST.test(lower.slice(0, keyAt))) return sentence.trim();
    }
    const at = lower.search(mention);
    if (at < 0) continue;
    const before = lower.slice(0, at);
    if (
      QUESTIONS_THE_RESOLUTION.test(before) ||
      isQuestion(sentence)
    )
      return sentence.trim();
  }
  return undefined;
}
