/**
 * Replies that check a fix and find everything healthy say "still" and "no" about ordinary use
 * ("valid shares still download", "no drop in detections"); read as objections, they would
 * question the very fix they confirm. These helpers take such words out before a reply is weighed.
 */
import { NEGATION } from './cue-lexicon';
import { unicodeWords } from './unicode-words';

/** Ordinary use carries on: "Valid replay shares still download", "contest uploads still work". */
const STILL_SERVES = unicodeWords(
  /\bstill (?:work|works|working|function|functions|functioning|process|processes|processing|ingest\w*|return|returns|returning|load|loads|loading|render|renders|rendering|download|downloads|downloading|succeed|succeeds|pass|passes|passing|run|runs|running|fine|green|healthy|ok|okay|intact)\b/u,
);
/** …unless the subject is the attack or the flaw, or the sentence restricts or negates. */
const ATTACK_OR_RESTRICTION = unicodeWords(
  /\b(?:it|this|that|exploit\w*|payload\w*|attack\w*|poc|bypass\w*|inject\w*|traversal|xss|sqli|ssrf|rce|csrf|vuln\w*|bug|issue|finding|flag\w*|scanner|alert\w*|leak\w*|expos\w*|old|legacy|vulnerable|unpatched|malicious|crafted|evil|attacker|forged|unsigned|expired|revoked|without|even|also|too|anyway|except|but|only|however|although)\b/u,
);

/**
 * A check that says ordinary use carries on after the fix ("Normal contest maps still process and
 * show thumbnails") reports no regression; its "still" is not something left over. Sentences of
 * that kind are dropped before a reply to a fix is weighed. Anything naming the attack, the flaw,
 * an old version, or restricting or negating keeps the sentence.
 */
/** …or a sentence whose subject is the legitimate path ("Real signing flow end to end still moves the application to SIGNED"). */
const LEGITIMATE_SUBJECT = unicodeWords(
  /^\W*(?:the |and |but )?(?:normal|valid|legit\w*|regular|ordinary|genuine|real|existing|everyday|signed|authori[sz]ed|authenticated|allowlisted|happy[- ]path)\b[^.!?]{0,60}\bstill [a-z]+/u,
);

export function withoutOrdinaryUseCarryingOn(prose: string): string {
  return prose
    .split(/(?<=\n)|(?<=[.!?])(?=\s)/u)
    .filter((sentence) => {
      const lower = sentence.toLowerCase();
      const carriesOn = STILL_SERVES.test(lower) || LEGITIMATE_SUBJECT.test(lower);
      return !(carriesOn && !ATTACK_OR_RESTRICTION.test(lower) && !NEGATION.test(lower));
    })
    .join('');
}

/** Signs of health after a change: "no drop", "no matchmaking errors", "no timing differences". */
const HEALTHY_NEGATION = unicodeWords(
  /\b(?:no|zero) (?:[\w-]+ ){0,2}?(?:errors?|drops?|regressions?|complaints?|alerts?|impact|breakage|incidents?|5xx|failures|timing differences?|differences?|problems?|issues|loss|downtime|outages?|disruption)\b|\bnothing (?:broke|broken)\b|\b(?:non|nicht|ne|no|não)\b (?:[\p{L}'-]+ ){0,2}?(?:trova|rileva|segnala|vede|findet|meldet|zeigt|trouve|détecte|signale|encuentra|detecta|marca|encontra|deteta)\w* (?:[\p{L}'-]+ ){0,2}?(?:più|mehr|plus|más|mais)\b/gu,
);

/** The prose without its signs of health, for a negation test that should only see objections. */
export function withoutHealthySigns(lower: string): string {
  return lower.replace(HEALTHY_NEGATION, ' ');
}
