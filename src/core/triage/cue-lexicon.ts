import { actPattern } from './clause-structure';
import { completedFormsSource } from './verb-morphology';
import { unicodeWords } from './unicode-words';

/**
 * Families of lexical cues for closure triage. Each pattern is a stem or a construction
 * (verb + object class, "not" + adjective class), never a whole sentence, so it carries over to
 * phrasings the dev set never showed. Patterns run on lower-cased clause text with quoted spans
 * blanked out. Weights: 1.0 states the outcome outright, ~0.6 is good evidence, ~0.3 only
 * colours a comment that says more.
 */
export type CueFamily = 'fix' | 'false_positive' | 'accepted_risk' | 'dispute';
export type OutcomeCueFamily = Exclude<CueFamily, 'dispute'>;

/** Every outcome: what a dispute contradicts when it says nothing narrower. */
export const ALL_OUTCOMES: readonly OutcomeCueFamily[] = ['fix', 'false_positive', 'accepted_risk'];

export interface CuePattern {
  family: CueFamily;
  weight: number;
  pattern: RegExp;
  /** Short name shown in the evidence ("risk accepted", "upgraded to version"). */
  label: string;
  /** Names a future event that is itself the reason (a decommission date): intent words do not void it. */
  futureByNature: boolean;
  /**
   * Disputes only: the outcomes this one contradicts. "Reverted" says the fix is gone, not that
   * the risk was never accepted; "it is real" denies a false positive and fits an accepted risk.
   */
  denies: readonly OutcomeCueFamily[];
}

const cue = (family: CueFamily, weight: number, label: string, pattern: RegExp, futureByNature = false): CuePattern => ({
  family,
  weight,
  label,
  pattern: unicodeWords(pattern, 'g'),
  futureByNature,
  denies: family === 'dispute' ? ALL_OUTCOMES : [],
});

const dispute = (weight: number, label: string, pattern: RegExp, denies: readonly OutcomeCueFamily[]): CuePattern => ({
  ...cue('dispute', weight, label, pattern),
  denies,
});

const VERSION = String.raw`v?\d+(?:\.\d+)+[\w.-]*`;
const VULN_NOUN = String.raw`(?:issue|vuln\w*|finding|problem|bug|risk|leak|secret|key|credential|injection|exploit|threat|concern)`;
const VULN_CLASS = String.raw`(?:sqli|sql injection|xss|ssti|ssrf|xxe|rce|idor|csrf|injection|traversal|path traversal|redos|deserialization|vulnerability|vuln|exploit|leak|exposure|attack (?:path|vector|surface)|(?:open )?redirect|prototype pollution|request forgery|(?:information|info) disclosure|privilege escalation|auth(?:entication|orization)? bypass)`;
/** Qualifiers people put between a negation and the vulnerability class ("no real exposure"). */
const VULN_QUALIFIER = String.raw`(?:(?:real|actual|practical|meaningful|exploitable|genuine|valid|true|open|stored|reflected|blind|server-side|client-side|sql|command|path|prototype) )?`;
const ATTACKER_STATE = String.raw`(?:exploitable|reachable|injectable|vulnerable|affected|impacted|susceptible|attacker[- ]controll?ed|user[- ]controll?ed|externally reachable|abusable|(?:network[- ]|internet[- ]|publicly )?exposed)`;

/**
 * Other languages, by structure rather than phrase: the completed forms of verb classes come from
 * `verb-morphology.ts`; negators and nouns below are the closed word classes each rule needs.
 */
const FIX_DONE = completedFormsSource('fix');
const CHANGE_DONE = completedFormsSource('change');
const ACCEPT_DONE = completedFormsSource('accept');
const USE_FORMS = completedFormsSource('use');
/** Negators of German, French, Spanish, Portuguese, Italian and Dutch (English has its own rules). */
const FOREIGN_NEGATOR = String.raw`(?:nicht|nie|niemals|nirgends|kein\w*|weder|pas|jamais|no (?:es|está|son|fue|era|resulta|sería|se)|nunca|jamás|ni|não|nem|non(?!-)|mai|niet|nooit|geen|nergens|no (?:puede|pueden|podemos|consigue|controla|controlan)|não (?:pode|podem|consegue|controla)|ne peut|ne peuvent|kann nicht|können nicht|non può|non possono|kan niet|kunnen niet)`;
const FOREIGN_RISK_NOUN = String.raw`(?:risikoakzeptanz|risikoübernahme|risiko|restrisiko|risque|risques|riesgo|riesgos|risco|riscos|rischio|risico|ausnahme|dérogation|excepción|exceção|excepção|eccezione|uitzondering)`;
const FOREIGN_EXPLOITABLE = String.raw`(?:explotable|explorável|exploitable|vulnérable|vulnerable|vulnerável|ausnutzbar|verwundbar|angreifbar|sfruttabile|vulnerabile|alcanzable|alcançável|atteignable|erreichbar|raggiungibile|misbruikbaar|kwetsbaar|aprovechable|explotad[oa]|explorad[oa]|exploitée?)`;
/** What ships: the artifact people run, as opposed to the repository or the build machine. */
const ARTIFACT = String.raw`(?:classpath|bundle|image|container|jar|war|wheel|artifact|artefact|binary|build output|package|release|runtime|deploy(?:ment|ed (?:code|app))|dist|app|application)`;
const SHIPPED = String.raw`(?:published|shipped|runtime|production|prod|final|deployed|released|shaded|application'?s?)`;
/** The people who would control the value, in each language. */
const USER_NOUN = String.raw`(?:benutzer|nutzer|anwender|angreifer|utilisateurs?|attaquants?|usuarios?|usuários?|atacantes?|utenti|utente|gebruikers?|aanvaller)`;
const SCANNER_NOUN = String.raw`(?:escáner|escaner|herramienta|ferramenta|outil|analyseur|werkzeug|strumento|scanner|zeropath)`;
/** A deliberate choice, said in any supported language. */
const DELIBERATE_WORD = String.raw`(?:bewusst|absichtlich|délibérément|volontairement|sciemment|deliberadamente|intencionalmente|conscientemente|de propósito|propositalmente|deliberatamente|volutamente|bewust|deliberately|intentionally|on purpose|consciously)`;
/** Stems of "fix/change/touch" verbs in any tense, for "deliberately not fixing". */
const ANY_FIX_VERB = String.raw`(?:beheb|behob|fix|patch|corrig|correg|arregl|consert|répar|repar|chang|änder|modifi|cambi|alter|mud|touch|upgrad|aktualis|actualiz|atualiz|aggiorn|updat|address|remedi|korrigier)\w*`;

/** The label of a fix announced in so many words: under "Won't Fix" it contradicts the resolution. */
export const FIX_ANNOUNCED = 'fix announced';

/**
 * Ordered by precedence: a later pattern never fires on text an earlier one already matched, so
 * "won't be fixed" is accepted risk and not "fixed", and "not exploitable" is a false positive
 * and not a negated something.
 */
export const CUE_PATTERNS: readonly CuePattern[] = [
  // ── accepted risk ─────────────────────────────────────────────────────────────────────────
  // Before the fix cues, whose "fizemos"/"hicimos" (we did) would take the verb: "fizemos rollback
  // para a versão anterior", "hicimos rollback", "on a fait un rollback" undo the fix.
  dispute(0.8, 'rolled back (translated)', /\b(?:fizemos|fez|fizeram|hicimos|hizo|hicieron|(?:on|ils|nous) (?:a|ont|avons) fait|abbiamo fatto|hanno fatto|ha fatto|haben|hat|machten) (?:um |uma |un |una |o |el |le |il |lo |einen |den )?roll-?back\b/, ['fix']),
  // Before the fix cues, whose "changée" would take the verb: a leaked credential purged from
  // history but "a pas encore été changée", "still valid" or "der alte Key noch aktiv" still opens
  // the door, so the remediation is not done.
  dispute(0.6, 'credential not rotated', /\b(?:key|secret|token|password|credential|clé|jeton|mot de passe|schlüssel|passwort|kennwort|zugangsdaten|anmeldedaten|identifiants|credenciales|credenciais|credenziali|inloggegevens|clave|secreto|contraseña|chave|segredo|senha|sleutel|wachtwoord|chiave|segreto)s?\b[^.;]{0,30}?(?:\b(?:are|is|sind|ist|sont|est|son|es|são|é|sono|è|zijn) (?:still|noch|immer noch|toujours|encore|todavía|aún|ainda|ancora|nog) (?:the same|unchanged|dieselben|dieselbe|derselbe|die gleichen|die selben|unverändert|les mêmes|la même|le même|inchangée?s?|los mismos|las mismas|el mismo|la misma|os mesmos|as mesmas|o mesmo|a mesma|gli stessi|le stesse|lo stesso|la stessa|dezelfde|ongewijzigd)\b|\b(?:is|are) still (?:valid|active|live|usable)\b|\b(?:remains?|stays?) (?:valid|active|live|usable)\b|\b(?:est|sont|reste|restent) (?:encore|toujours) (?:valide|active?|actif)s?\b|\bpas encore (?:été )?(?:changée?s?|remplacée?s?|renouvelée?s?|révoquée?s?|régénérée?s?|tournée?s?)|\bnoch nicht (?:rotiert|geändert|getauscht|ausgetauscht|ersetzt|widerrufen|erneuert)\b|\b(?:todavía|aún) no (?:se )?(?:ha |han |fue )?(?:sido )?(?:rotad|cambiad|revocad|reemplazad|regenerad)[oa]s?\b|\bainda não (?:foi |foram )?(?:rotacionad|trocad|alterad|revogad|substituíd|regenerad)[oa]s?\b|\bnog niet (?:geroteerd|gewijzigd|vervangen|ingetrokken|vernieuwd)\b|\bnon (?:è|sono) ancora stat[oaie] (?:ruotat|cambiat|revocat|sostituit|rigenerat)[oaie]\b|\bsigue siendo válid[oa]|\bainda (?:é|está) válid[oa]|\bist (?:noch|weiterhin) gültig|\bis nog (?:steeds )?geldig|\bè ancora valid[oa]|\b(?:noch|weiterhin|still|toujours|encore|todavía|aún|ainda|nog|ancora) (?:aktiv|gültig|active?|actif|valid|activ[oa]|ativ[oa]|válid[oa]|geldig|actief|attiv[oa]|valid[oa])\b)/u, ['fix']),
  // Before every acceptance cue, so "Risiko NICHT akzeptiert" is read whole: an acceptance refused
  // ("QA does not approve exception request EXC-…", "exception denied", "no hemos aceptado el
  // riesgo") denies an accepted risk, whoever closed the ticket as one (README rule 6).
  dispute(
    0.8,
    'acceptance refused',
    new RegExp(
      String.raw`\b(?:do(?:es)?|did|will|would|can|could)(?: not|n'?t) (?:approve|accept|sign(?: off)?|grant|endorse|support)\b[^.;]{0,30}?\b(?:exception|waiver|risk|acceptance|deviation)\b|\b(?:exception|waiver|acceptance|deviation)(?: request)?(?: [\w-]+)?\s+(?:was |is |has been |got )?(?:rejected|denied|declined|refused|not approved|turned down)\b|\b(?:rejected|denied|declined|refused|turned down)\b (?:the |this |our |my |your )?(?:[\w-]+ )?(?:exception|waiver|risk acceptance)\b|\brisk (?:was |is |has )?(?:not|never) (?:been )?(?:accepted|approved|signed off)\b|\b${FOREIGN_RISK_NOUN}\b(?:\s+[\p{L}'-]+){0,3}?\s+${FOREIGN_NEGATOR}\s+(?:[\p{L}'-]+\s+){0,2}?${ACCEPT_DONE}|\b${FOREIGN_NEGATOR}\s+(?:[\p{L}'-]+\s+){0,2}?${ACCEPT_DONE}(?:\s+[\p{L}'-]+){0,3}?\s+${FOREIGN_RISK_NOUN}\b|\b${FOREIGN_RISK_NOUN}\w*(?:\s+[\p{L}'-]+){0,3}?\s+(?:abgelehnt|refusée?s?|rejetée?s?|rechazad[oa]s?|denegad[oa]s?|recusad[oa]s?|rejeitad[oa]s?|negad[oa]s?|respint[oa]|rifiutat[oa])\b|\b(?:abgelehnt|refusée?s?|rejetée?s?|rechazad[oa]s?|denegad[oa]s?|recusad[oa]s?|rejeitad[oa]s?|respint[oa]|rifiutat[oa])\s+(?:[\p{L}'-]+\s+){0,2}?${FOREIGN_RISK_NOUN}\b|\b[a-z]+-[\w-]*\d+ (?:was|has been|got|is) (?:rejected|denied|declined|refused|turned down)\b(?=[^.;]{0,40}?\b(?:risk|security|exception|governance|committee|board|ciso|council|forum))|\b(?:hasn'?t|hasnt|haven'?t|havent|has not|have not|never) (?:yet )?signed\b|\b(?:this|it|that)(?: is|'s) (?:not|no longer) (?:yet )?accepted\b|\b(?:ohne|sans|sin|sem|senza|zonder|without) (?:(?:a|an|the|eine?|une|una|uma|la|el|o)\s+)?(?:[\p{L}-]+\s+)?(?:risk acceptance|risikoakzeptanz|acceptation du risque|aceptación del riesgo|aceitação do risco|accettazione del rischio)\b|\bno exceptions? (?:on|for|in|to)\b|\b(?:aucune|keine|ninguna|nenhuma|nessuna)\s+(?:acceptation|akzeptanz|risikoakzeptanz|aceptación|aceitação|accettazione|dérogation|ausnahme|excepción|exceção|excepção|eccezione)\b[^.;:,]{0,40}|\b(?:there is|there's|theres|we have) no (?:formal |signed |approved )?(?:risk acceptance|acceptance|exception|waiver)\b|\bno (?:risk acceptance|acceptance|exception|waiver) (?:yet|at all|for now|in place|on file)\b|\b(?:não há|nao ha|no hay|il n'y a (?:pas|aucune)|es gibt (?:noch )?keine|non c'è|er is (?:nog )?geen)\s+(?:d'|de |una |uma |nessuna )?(?:aceitação|aceptación|acceptation|akzeptanz|risikoakzeptanz|accettazione|acceptatie|exceção|excepção|excepción|exception|dérogation|ausnahme|eccezione|uitzondering)\b`,
      'u',
    ),
    ['accepted_risk'],
  ),
  // "Not comfortable closing this as fp", "not happy calling it accepted": a reluctance about the outcome
  // is an objection to it. Before the outcome cues, so it takes their words.
  dispute(0.8, 'reluctant to close', /\bnot (?:comfortable|happy|ok|okay|fine|keen) (?:with )?(?:closing|calling|marking|treating|resolving|accepting|signing off)(?: (?:this|it|that)(?: one)?)?(?: (?:as|off as) (?:an? )?(?:[\w'-]+ ){0,2}?[\w'-]+)?/, ALL_OUTCOMES),
  // "Won't Fix is the wrong label, there is no risk here to accept": the comment objects to the
  // resolution it names. Before the outcome cues, so it takes their words.
  dispute(0.8, 'wrong resolution', /(?:\b[\w'’-]+ ){0,3}?(?:is|was|feels|seems|looks) (?:like )?(?:the |a )?(?:wrong|incorrect|misleading) (?:label|resolution|status|close reason|bucket)\b|\bwrong (?:resolution|close reason)\b/, ALL_OUTCOMES),
  // Before the "closed as …" cues, which would take the words: "Closed as Cannot Reproduce only because QA is down", "marcado como inválido apenas porque foi aberto no projeto errado":
  // the resolution records an administrative reason, not the outcome.
  dispute(0.8, 'closed as a formality', /\b(?:clos(?:ed|ing)|mark(?:ed|ing)|resolv(?:ed|ing)|set) (?:it |this |this one )?as\b[^.;]{1,40}?\b(?:only|just|solely|purely|simply) because\b|\b(?:fechei|fechad[oa]|fechamos|marcad[oa]|marquei|cerré|cerrad[oa]|cerramos|fermée?|fermé|clos|marquée?|geschlossen|markiert|chius[oa]|segnat[oa]|gesloten)\b[^.;]{0,40}?\b(?:só|apenas|somente|solo|sólo|solamente|únicamente|seulement|uniquement|juste|nur|bloß|lediglich|soltanto|alleen)\s+(?:porque|porquê|parce que|parce qu'|weil|perché|omdat)/, ALL_OUTCOMES),
  cue('accepted_risk', 1, 'risk accepted', /\b(?:accept(?:ed|ing|s)?|acknowledg(?:ed|ing)|tak(?:e|ing)|took|tolerat(?:e|ed|es|ing)|own(?:ed|ing)?) (?:the |this |that |our |a )?(?:[\w-]+ ){0,3}risks?\b/),
  cue('accepted_risk', 1, 'risk accepted', /\brisks? (?:is |was |has been |formally |been )?(?:accepted|acknowledged|signed off|approved|tolerated)\b/),
  // "we're fixing this in Q2, not accepting it": the acceptance refused. Only the refusal is read:
  // "accepting this" alone is as often a leaning ("I'd lean towards accepting this") or the object
  // of an objection ("I object to accepting this") as a decision.
  // "decomm slipped to 2027, we cant sit on this for a year. needs patching": the finding still
  // needs a fix, so it is neither fixed nor accepted.
  dispute(0.8, 'still needs a fix', /\b(?:still )?(?:needs?|requires?) (?:patching|fixing|a (?:real |proper )?fix|to be (?:fixed|patched|remediated))\b|\b(?:can'?t|cannot) (?:just )?(?:sit on|leave|ignore|park) (?:this|it|that)\b/, ['accepted_risk', 'fix']),
  // "der Kunde verlangt im Audit einen Fix bis Ende Q2. Wir machen das doch": the same, in the
  // other languages the rules read.
  dispute(0.8, 'still needs a fix (translated)', /\b(?:verlangt|verlangen|fordert|fordern|braucht|brauchen|erfordert|benötigt|exige|exigent|réclame|nécessite|pide|piden|requiere|necesita|pede|requer|precisa de|esige|richiede|eist|vereist)\b[^.;]{0,30}?\b(?:einen?|un|une|uno|una|um|uma|een) (?:echten |richtigen |vrai |verdadero |real |vero )?(?:fix|patch|behebung|korrektur|correctif|parche|arreglo|corrección|correção|correzione)\b|\bwir (?:machen|fixen|beheben|patchen) (?:das|es) doch\b/u, ['accepted_risk', 'fix']),
  dispute(0.8, 'not accepting it', /\b(?:not|never|(?:aren|isn|wasn|weren)'?t) (?:be )?accepting (?:it|this|that)\b(?! (?:pr|mr|change|patch|commit|merge|request|suggestion|proposal|answer|review|invite|invitation)\b)/, ['accepted_risk']),
  cue('accepted_risk', 0.8, 'fine with the risk', /\b(?:ok|okay|fine|comfortable|happy) (?:with|to live with) (?:this|the|that) (?:[\w-]+ )?(?:risk|exposure|weakness|trade-?off)\b|\b(?:we|security|ciso|cto|cio|management|leadership|legal|compliance|appsec|(?:the )?business|the (?:security )?team|(?:risk |product |business )?owner)\b (?:formally |have |has |have formally |has formally )?(?:accept(?:s|ed)?|agreed to accept) (?:this|it|that|the finding)\b|\bagreed to (?:accept|keep|leave|live with)\b/),
  cue('accepted_risk', 1, 'risk acceptance', /\brisk[- ]acceptance\b|\b(?:accepted|tolerated)[- ]risk\b|\b(?:risikoakzeptanz|risikoübernahme|acceptation (?:du|des) risques?|aceptación del riesgo|aceitação do risco|accettazione del rischio|akzeptierte[sn]? risiko|risque accepté|riesgo aceptado|risco aceito|rischio accettato|geaccepteerd risico)\b/u),
  cue('accepted_risk', 1, 'closed as accepted', /\b(?:clos(?:e|ed|ing)|mark(?:ed|ing)?|resolv(?:e|ed|ing)) (?:it |this |this one )?as (?:an? )?(?:accepted|risk accepted|won'?t fix|wont fix|exception)\b/),
  cue('accepted_risk', 0.8, 'accepted with terms', /\baccept(?:ed|ing)? (?:it |this |this one |that )?(?:until|till|through|for now|for the time being|with|as[- ]is|as it is|as an? (?:exception|known)|by (?:the )?(?:ciso|security|management|vp|cto|risk))\b/),
  cue('accepted_risk', 1, "won't fix", /\b(?:won'?t|wont|will not|shall not)[ -]?(?:be )?(?:fix(?:ed)?|patch(?:ed)?|remediat(?:e|ed)|address(?:ed)?|upgrad(?:e|ed)|chang(?:e|ed)|do)\b|\b(?:won'?t|wont|will not) (?:get|receive|be getting) (?:the |this |that |any )?(?:patch|fix|update|upgrade)\b/),
  cue('accepted_risk', 1, 'not fixing', /\bnot (?:going to|gonna|planning to|planning on) (?:fix|patch|remediate|address|upgrade|change|touch)\w*\b|\bnot (?:fixing|patching|remediating|touching|upgrading)\b|\bnot (?:investing|spending (?:any |more |much )?(?:time|effort)|prioriti[sz]ing) (?:in|on)\b|\bno plans? (?:to|for) (?:fix|patch|remediat|upgrad)\w*|\b(?:decided?|agreed?|chose|choose|opted?) (?:not to|to not|against) (?:fix|patch|remediat|upgrad|chang|touch|address)\w*|\bnot worth (?:fixing|patching|upgrading|rebuilding|the effort)/),
  cue('accepted_risk', 1, 'exception', /\bexception\b[^.;]{0,40}?\b(?:approved|granted|valid|until|till|through|expires|signed|accepted|filed|raised|logged|registered|recorded|documented)\b|\b(?:approved|granted|signed(?: off)?|filed|raised|registered|logged)\b[^.;]{0,25}?\bexception\b|\brisk owner (?:has )?(?:signed|approved|accepted|agreed)\b|\bexception (?:id |ticket |number )?#?[a-z]+-[a-z0-9-]*\d+/),
  // "Exception approuvée au comité sécu", "Ausnahme genehmigt": the acceptance in the other languages.
  cue('accepted_risk', 0.8, 'exception approved (translated)', /\b(?:exception|dérogation) (?:a été |est )?(?:approuvée|accordée|validée|signée)\b|\bexcepción (?:fue |ha sido )?(?:aprobada|concedida|firmada)\b|\bexceção (?:foi )?(?:aprovada|concedida|assinada)\b|\bausnahme (?:wurde |ist )?(?:genehmigt|erteilt|unterschrieben|freigegeben)\b|\beccezione (?:è stata )?(?:approvata|concessa|firmata)\b|\buitzondering (?:is )?(?:goedgekeurd|verleend|getekend)\b/u),
  // "on investit pas dans un patch", "no invertimos en": declining the fix in the other languages.
  cue('accepted_risk', 0.8, 'not investing (translated)', /\b(?:n')?investi(?:t|ssons|ra) pas (?:dans|sur|de temps|d'effort)\b|\bno (?:vamos a )?invert(?:imos|ir) (?:en|tiempo)\b|\bnão (?:vamos )?invest(?:imos|ir) (?:em|tempo)\b|\binvestieren (?:wir )?(?:nicht|keine zeit) (?:in|mehr)\b|\bnon investiamo (?:in|tempo)\b|\binvesteren (?:we )?niet (?:in|meer)\b/u),
  cue('accepted_risk', 1, 'exception (translated)', /\b(?:ausnahme|ausnahmegenehmigung|dérogation|excepción|exceção|eccezione)\b[^.;]{0,40}?\b(?:genehmigt|erteilt|freigegeben|gültig bis|accordée|validée|valable jusqu|aprobada|concedida|válida hasta|aprovada|válida até|approvata|concessa|valida fino)/u),
  cue('accepted_risk', 1, 'waiver', /\bwaiver\b[^.;]{0,40}?\b(?:approved|granted|valid|until|till|through|signed)\b|\b(?:approved|granted|signed)\b[^.;]{0,25}?\bwaiver\b/),
  cue('accepted_risk', 0.8, 'carried as a risk', /\b(?:carried|held|recorded|registered|documented) as (?:an? )?(?:known |accepted |open |residual )?risk\b/),
  cue('accepted_risk', 1, 'known and accepted', /\b(?:known|acknowledged|understood) (?:and|&) accepted\b/),
  cue('accepted_risk', 0.8, 'risk register', /\b(?:in|on|into|to) (?:the |our )?risk (?:register|registry|log)\b|\b(?:documented|recorded|logged|tracked|entered|added|listed|registered|noted|filed)\b[^.;]{0,20}?\brisk (?:register|registry|log)\b|\b(?:agreed|approved|decided|signed off|accepted|confirmed)\b[^.;]{0,20}?\brisk (?:review|committee|board|council|forum|meeting)\b/),
  cue('accepted_risk', 0.8, 'compensating control', /\b(?:compensating|mitigating) controls?\b/),
  // QA, UAT or a code reviewer signs off a change, not a risk ("QA sign-off is recorded in CC-2026-0188").
  cue('accepted_risk', 0.7, 'signed off', /(?<!\b(?:qa|uat|test|testing|code|pr|release|validation|deployment|go-live) )\bsign(?:ed)?[- ]off\b(?! (?:on|for) (?:the |this )?(?:fix|pr|patch|change|release|merge|deploy))/),
  cue('accepted_risk', 0.8, 'approved to keep', /\bapproved (?:by [^.;,]{1,30}? )?(?:until|till|through)\b|\bapproved (?:keeping|leaving|to keep|to leave|to remain|to stay|continuing)\b/),
  cue('accepted_risk', 0.6, 'decommission', /\bd[eé]commission\w*|\bbeing retired\b|\bretir(?:e|ed|ing) (?:the|this|it)\b|\bsunset(?:ting|ted)?\b|\bend[- ]of[- ]life\b|\bgoes away with\b|\bgoing away\b/, true),
  cue('accepted_risk', 0.6, 'out of scope', /\bout of scope\b/),
  cue('accepted_risk', 0.5, 'tech debt', /\btech(?:nical)? debt\b/),
  cue('accepted_risk', 0.6, 'business decision', /\b(?:business|product|management) (?:decision|decided|reasons?)\b|\bdecided to (?:keep|accept|leave|live with)\b/),
  // "we'll live with it" is the decision itself, so intent words do not turn it into a plan.
  cue('accepted_risk', 0.6, 'live with it', /\b(?:live|living|lived) with (?:it|this|that|the risk)\b/, true),
  cue('accepted_risk', 0.4, 'deprioritised', /\bde-?prioriti[sz](?:ed|ing)\b/),
  cue('accepted_risk', 0.8, 'no fix planned', /\bno (?:code )?(?:changes?|fix(?:es)?|patch(?:es)?|remediation) (?:will be (?:made|done|applied|shipped)|(?:is |are )?(?:planned|scheduled|intended|coming|forthcoming))\b/),
  cue('accepted_risk', 0.4, 'mitigated by a control', /\b(?:mitigated|covered|protected|blocked|shielded) (?:by|via|with|at|behind) (?:the |a |an |our )?(?:waf|web application firewall|firewall|network ?polic\w*|feature[- ]?(?:flag|toggle)|ip allow-?list|vpn|gateway|reverse proxy|cloudflare|akamai)\b/),
  cue('accepted_risk', 0.8, 'acceptable risk', /\brisks? (?:is|are|was|were|deemed|considered|judged) (?:(?!not\b|un)[\w-]+ )?acceptable\b|\bacceptable (?:residual )?risk\b/),
  cue('accepted_risk', 1, "won't fix (translated)", /\bwird nicht (?:behoben|gefixt|korrigiert|gepatcht)|\bne sera pas (?:corrig|résolu|patch)|\bno se (?:va a )?(?:corregir|arreglar|solucionar)|\bnão (?:será|vamos) corrig|\bnon (?:verrà|sarà) (?:corrett|risolt)|\bon ne (?:le |la |les )?(?:corrige|corrigera|patche|fixe|touche) pas\b|\bno (?:lo |la )?(?:corregimos|arreglamos|parcheamos|tocamos)\b(?! (?:en |la )?(?:producción|prod)\b)|\bnão (?:o |a )?(?:corrigimos|consertamos|mexemos)\b(?! (?:em|na|no) (?:produção|prod)\b)|\bnon (?:lo |la )?(?:correggiamo|sistemiamo|fixiamo|tocchiamo)\b|\bwir (?:beheben|fixen|patchen|korrigieren) (?:das |es |dies )?nicht\b|\b(?:beheben|fixen|patchen|korrigieren|ändern|fassen|rühren) wir (?:[\p{L}-]+ ){0,2}?nicht(?: an)?\b(?! mehr)|\bwir (?:fassen|rühren) (?:[\p{L}-]+ ){0,3}?nicht an\b/u),
  cue('accepted_risk', 1, 'accepted risk (translated)', /\brisiko (?:akzeptiert|übernommen)|\briesgo aceptado|\brisque accepté|\brisco aceit[oa]|\baceitamos o risco|\baceptamos el riesgo/),
  cue('accepted_risk', 1, 'risk accepted (conjugated)', new RegExp(String.raw`\b${FOREIGN_RISK_NOUN}\b(?:\s+[\p{L}'-]+){0,5}?\s+${ACCEPT_DONE}|${ACCEPT_DONE}(?:\s+[\p{L}'-]+){0,3}?\s+${FOREIGN_RISK_NOUN}\b`, 'u')),
  cue('accepted_risk', 1, 'decided to accept (translated)', /\b(?:decidimos|decidieron|decidió|decidiu|decidi|décidé|décidons|entschieden|beschlossen|deciso|besloten)\b[^.;]{0,25}?\b(?:asumir|aceptar|assumir|aceitar|accepter|assumer|akzeptieren|hinzunehmen|zu tragen|accettare|accepteren|vivir con|conviver com|vivre avec|mantener|manter|garder|behalten|mantenere)\b/),
  cue('accepted_risk', 0.6, 'we accept it (conjugated)', /\b(?:lo |la |los |las |o |a |os |as |es |das )?(?:aceptamos|asumimos|aceitamos|aceitámos|assumimos|accettiamo|acceptons|assumons|akzeptieren wir|wir akzeptieren|nehmen (?:wir )?(?:das|dieses|dies) (?:rest)?risiko(?: [\p{L}\d-]+){0,4}? in kauf|(?:tragen|übernehmen|akzeptieren) wir das (?:rest)?risiko|wir (?:tragen|übernehmen) das (?:rest)?risiko|se aceptan?|se asumen?|se aceitam?|se assumem?|on accepte|nehmen wir (?:es |das )?in kauf|accepteren we|on (?:l'|les )?(?:accepte|assume|garde))\b(?! (?:solo|soltanto|solamente|sólo|nur|noch|seulement|uniquement|only|apenas|somente|alleen)\b)/u),
  cue('accepted_risk', 0.6, 'live with it (translated)', /\b(?:on vit avec|nous vivons avec|vivre avec|vivimos con|convivimos con|vivir con|convivir con|vivemos com|convivemos com|conviver com|viver com|leben (?:wir )?damit|damit leben|conviviamo con|convivere con|leven (?:we )?ermee|ermee leven)\b/, true),
  cue('accepted_risk', 0.8, 'deliberately not fixed', new RegExp(String.raw`\b${DELIBERATE_WORD}\b[^.;]{0,30}?\b(?:nicht|pas|no|não|non|niet|not|never)\b[^.;]{0,40}?\b${ANY_FIX_VERB}|\b${ANY_FIX_VERB}[^.;]{0,30}?\b${DELIBERATE_WORD}\b[^.;]{0,10}?\b(?:nicht|pas|no|não|non|niet|not|never)\b|\b(?:nicht|pas|no|não|non|niet|not|never)\b[^.;]{0,10}?\b${DELIBERATE_WORD}\b[^.;]{0,30}?\b${ANY_FIX_VERB}`, 'u')),
  // A status label opening the comment ("accepted: internal wiki, SSO-only, owner …").
  // "accepted, same as last year", "accepted from sec side"; not a merge ("accepted, merging now").
  cue('accepted_risk', 0.8, 'status: accepted', /^\W*(?:(?:ok|okay)\W+)?(?:risk )?accepted\s*(?:[:—–]|-\s|\W*$|,(?!\s*(?:merg|approv|will|pending|once|if|but|pr\b))|\s(?=(?:from|by|on behalf of) (?:the )?(?:sec|security|appsec|infosec|risk|ciso|product|our|my|me)\b))/),
  cue('accepted_risk', 0.6, 'kept until', /\b(?:we|they|it) (?:will |'ll )?(?:keep|retain|continue to use|stay on) [^.;]{0,40}?\buntil\b/, true),
  cue('accepted_risk', 0.4, 'left as is', /\b(?:leav(?:e|ing)|keep(?:ing)?|kept) (?:it|this|that|the [\w-]+(?: [\w-]+)?) (?:as is|as-is|for now|in place|alone|unchanged)\b/),
  cue('accepted_risk', 0.8, 'decides to live with it', actPattern('lives_with_it')),
  cue('accepted_risk', 0.3, 'deferred', /\bdefer(?:red|ring)?\b|\bpostpon(?:e|ed|ing)\b|\bpark(?:ed|ing)\b/),

  // ── false positive ────────────────────────────────────────────────────────────────────────
  cue('false_positive', 1, 'false positive', /\bfalse[- ]positives?\b|^fp\b|(?<=\b(?:a|an|is|it'?s|that'?s) )fp\b|\bfp\W*$|\bfalse alarm\b|\bfals[oe] positiv[oe]\b|\bfaux positif\b|\bfalsch[- ]?positiv\b|\bfehlalarm\b/),
  cue('false_positive', 1, 'not a real issue', new RegExp(String.raw`\bnot (?:a |an )?(?:real|valid|actual|genuine|true|live|working)(?: [\w-]+)? ${VULN_NOUN}s?\b`)),
  cue('false_positive', 1, 'not a security issue', /\bnot (?:a |an )?(?:real )?security(?: |-)(?:issue|concern|problem|bug|risk|vulnerability|relevant)\b|\bno security (?:impact|issue|risk|relevance|implications?)\b|\bnot security[- ]relevant\b|\bnot a vulnerability\b/),
  cue('false_positive', 1, 'not a bug', /\bnot (?:a |an )?(?:security )?(?:bug|vulnerability|vuln)\b|\bclos(?:e|ed|ing) (?:it |this )?as (?:not a bug|invalid|fp|false[- ]positive|cannot reproduce|works as (?:intended|designed))\b/),
  cue('false_positive', 0.8, 'not that vulnerability', new RegExp(String.raw`\b(?:not|isn'?t|aren'?t|wasn'?t|can'?t be|cannot be|can not be|couldn'?t be|never (?:was|been))\s+(?:a |an )?${VULN_QUALIFIER}${VULN_CLASS}\b`)),
  cue('false_positive', 0.6, 'not real', /^(?:it'?s |this is |that'?s |these are |those are |they'?re )?(?:not real|fake)\W*$/),
  cue('false_positive', 0.6, 'not an issue', /^(?:this is |it'?s |that'?s |is )?not (?:an? )?(?:issue|problem)\b/),
  cue('false_positive', 0.8, 'not a credential', /\bno (?:secret|sensitive|credential|key) (?:material|data|values?)\b|\bnot (?:a |an )?(?:[\w-]+ )?(?:credential|secret|password|api key|token|private key)s?\b/),
  // "C'est pas un secret", "no es un secreto", "kein Geheimnis"; not the idiom "ce n'est pas un secret que …".
  cue('false_positive', 0.8, 'not a credential (translated)', /\b(?:n'est |c'est )?pas (?:un |une )?(?:secret|mot de passe|identifiant)s?\b(?! (?:que|pour)\b)|\bno es (?:un |una )?(?:secreto|contraseña|credencial)\b(?! que\b)|\bnão é (?:um |uma )?(?:segredo|senha|credencial)\b(?! que\b)|\bkein(?:e|en)? (?:geheimnis|passwort|secret|zugangsdaten)\b(?!,? dass\b)|\bgeen (?:geheim|wachtwoord|secret)\b(?! dat\b)|\bnon è (?:un |una )?(?:segreto|password|credenziale)\b(?! che\b)/u),
  cue('false_positive', 0.8, 'disagree with the finding', /\b(?:disagree|don'?t agree|do not agree) with (?:the |this )?(?:finding|scanner|report|result|alert|detection)\b/),
  cue('false_positive', 0.6, 'noise', /\b(?:this is|it'?s|that'?s|just|pure) (?:just )?noise\b|\bscanner (?:sees|saw|sees only|reads) [^.;]{0,30}?\bin (?:a |the )?(?:variable|function|field|column|file) name\b/),
  cue('false_positive', 0.6, 'matched a comment', /\b(?:is|it'?s|sits|lives) (?:inside|in|within) (?:a |the )?(?:code |doc )?(?:comment|docstring)\b/),
  cue('false_positive', 0.6, 'cannot reproduce', /\b(?:can'?t|cannot|can not|couldn'?t|could not|unable to|failed to) (?:reproduce|repro|exploit|trigger)\b/),
  cue('false_positive', 1, 'scanner is wrong', /\b(?:scanner|tool|zeropath|rule|detector|sast|analy[sz]er|finding|check|bot|report)\b[^.,;]{0,20}?\b(?:is|was|got (?:it|this|that)(?: one)?|seems) (?:wrong|mistaken|incorrect|confused|not (?:correct|right|accurate|valid))\b|\b(?:scanner|tool|rule|detector|regex|pattern|bot)\b (?:just |only )?(?:misread|misunderstood|tripped on|(?:matched|flagged|picked up) (?:on )?(?:the |a |an )?(?:literal|string|comment|name|keyword|word|text|identifier|variable name|docstring|test|example))\b|\b(?:rule|scanner|detector|detection|tool|sast)[- ]bug\b|\b(?:mis-?flagged|misidentified|misclassified|mis-?detected|wrongly (?:flagged|reported|detected)|incorrectly (?:flagged|reported|detected))\b/),
  // "lo scanner ha scambiato un blocco commentato per codice attivo", "the rule mistook a comment for
  // code": the scanner took one thing for another.
  cue('false_positive', 0.8, 'scanner mistook it', new RegExp(String.raw`\b(?:${SCANNER_NOUN}|rule|detector|sast|regla|règle|regel|regola)\b(?:\s+[\p{L}'-]+){0,2}?\s+(?:mistook|mistakes|mistaking|(?:has |had )?confused|ha scambiato|ha confuso|a confondu|a pris|confundió|confunde|tomó|confundiu|confunde|tomou|hat (?:[\p{L}'-]+\s+){0,4}?(?:verwechselt|gehalten)|verwechselt|heeft (?:[\p{L}'-]+\s+){0,4}?(?:verward|aangezien))\b`, 'u')),
  cue('false_positive', 1, 'never exploitable', new RegExp(String.raw`\bnever (?:was |been |were )?${ATTACKER_STATE}`)),
  cue('false_positive', 1, 'not exploitable', new RegExp(String.raw`\b(?:not|isn'?t|aren'?t|wasn'?t|weren'?t|cannot be|can'?t be|could not be|couldn'?t be|never)\s+(?:\w+\s+)?${ATTACKER_STATE}`)),
  // "The deployed buckets were encrypted throughout": the protection was there all along, so the
  // finding never was real; the participle states a state, not a change made.
  cue('false_positive', 0.8, 'protected all along', /\b(?:was|were|has been|have been|is|are) (?:always )?(?:encrypted|protected|private|disabled|restricted|escaped|sanitized|sanitised|validated|authenticated|parameteri[sz]ed|locked down) (?:throughout|all along|from the start|from day one|the whole time|since (?:creation|day one|launch))\b/),
  // "Withdrawing the report, sorry for the noise": the reporter takes the finding back.
  cue('false_positive', 0.8, 'report withdrawn', /\b(?:withdraw(?:ing|n|s)?|withdrew|retract(?:ing|ed|s)?) (?:the |my |this |our |his |her |their )?(?:report|finding|submission|claim)\b/),
  cue('false_positive', 0.8, 'unreachable code', /\bunreachable\b|\bdead code\b|\bnever (?:been )?(?:called|used|invoked|imported|reached|executed|applied|deployed|shipped|compiled|built|bundled|packaged|evaluated|enabled|turned on|run|runs|ships|executes|loaded|rendered|exposed|reaches|gets (?:called|used|run|shipped|deployed))\b|\bnothing (?:calls|imports|uses|reaches|references|invokes|loads|executes|runs|evaluates)\b|\b(?:not|n't) (?:called|used|invoked|imported|reached|executed|loaded|shipped|deployed|compiled|built|bundled|packaged) (?:anywhere|at all|in prod\w*|by anything|by any|into)\b|\b(?:not|never) (?:use|call|import|invoke|load|execute|reach)d? anywhere\b|\b(?:is|are|was|were|gets?) never (?:call|use|invoke|import|load|execute|reach|run)\b|\b(?:code|function|method|endpoint|route|handler|branch|module|class|feature)(?: [\w.()-]+)? (?:is|are|was|has been|have been) (?:now )?dead\b|\bno (?:route|path|code path|callers?|call sites?|entry ?points?) (?:to|into|reaches|reach|for) (?:it|this|that|them|the (?:function|code|method|endpoint|sink|handler))\b|\bexcluded from (?:the |our |every )?(?:build|bundle|binary|image|release|package|artifact|deploy\w*)\b/),
  cue('false_positive', 0.8, 'never valid', /\bnever (?:was |been )?(?:valid|active|live|real|in use|worked)\b/),
  cue('false_positive', 0.6, 'not applicable', /\bnot applicable\b|\b(?:doesn'?t|does not|don'?t|do not) apply (?:to us|here|to this)\b/),
  cue('false_positive', 0.8, 'vulnerable code unused', /\b(?:don'?t|do not|doesn'?t|does not|never) (?:even )?(?:call|use|import|invoke|load|expose|enable)\b (?:the |that )?(?:vulnerable|affected|flagged)\b/),
  cue('false_positive', 0.6, 'never called', /\b(?:don'?t|do not|doesn'?t|does not|never) (?:even )?(?:call|use|import|invoke|load|expose|ship|deploy|reach|execute)\b[^.;]{0,40}?\b(?:anywhere|at all|in prod\w*|in production|from (?:outside|the internet))\b/),
  cue('false_positive', 0.8, 'no vulnerability', new RegExp(String.raw`\bno ${VULN_QUALIFIER}${VULN_CLASS}s?\b(?: (?:is |was )?(?:possible|here|in practice|risk|at all))?`)),
  cue('false_positive', 0.8, 'cannot be reached', /\b(?:no|nothing|none)\b[^.;]{0,25}?\b(?:can|could) (?:get through|reach|escape|be injected|survive|get in)\b|\b(?:can'?t|cannot|can not|could not|couldn'?t) (?:touch|reach|access|escape|be exploited|be abused|be triggered|be reached|get through)\b|\bno way (?:to|for)\b[^.;]{0,30}?\b(?:exploit|reach|inject|control|trigger)|\bno (?:path|way|route|code path) (?:by which|through which|for|where|in which)\b[^.;]{0,40}?\b(?:can|could)\b[^.;]{0,15}?\b(?:inject|reach|control|exploit|trigger|supply|influence)|\b(?:no|nothing|none)\b(?: [\w-]+){0,3} (?:reaches|gets (?:to|into)|flows (?:in)?to|ends up in)\b/),
  cue('false_positive', 0.8, 'not exploitable', /\b(?:not|never|isn'?t|is not|wasn'?t) (?:possible|feasible|practical) to (?:exploit|reach|trigger|abuse|inject|control)\b|\bimpossible to (?:exploit|reach|trigger|abuse|inject)\b/),
  cue('false_positive', 0.8, 'not exploitable', /\bno (?:exploitable|reachable|viable|feasible|realistic|practical) (?:path|route|vector|attack|scenario|way|sink)s?\b/),
  // Code that exists only in lab or debug builds, and is absent from what ships ("exists only for bring-up on FPGA
  // prototypes", "the shipped silicon does not contain it"): never reachable where it runs.
  cue('false_positive', 0.8, 'only in lab builds', /\b(?:exists?|lives?|is|are|used|compiled|built|enabled) only (?:for|in|on) (?:the )?(?:[\w-]+ ){0,3}?(?:bring-?up|lab|prototypes?|debug builds?|dev(?:elopment)? builds?|test rigs?|emulators?)\b|\b(?:shipped|released|production|product|customer)\b (?:[\w-]+ ){0,3}?(?:do|does|did)(?:n'?t| not) (?:contain|include) (?:it|them|that code|the (?:block|routine|code|function|bypass|debug [\w-]+|flagged [\w-]+))\b/),
  cue('false_positive', 0.6, 'dev dependency', /\b(?:only|just|merely|is an?|it'?s an?)\s+(?:a |an )?(?:transitive |indirect )?(?:dev|development|test|build)[- ]?(?:only )?dependenc(?:y|ies)\b/),
  cue('false_positive', 1, 'not a vulnerability (translated)', /\bkeine? (?:sicherheits(?:problem|lücke|risiko)|schwachstelle)\b|\bnicht (?:ausnutzbar|verwundbar|angreifbar|betroffen)\b|\bno es (?:un problema de seguridad|una vulnerabilidad|vulnerable|explotable)\b|\bpas (?:une |de )?(?:vuln[ée]rabilit[ée]|faille\b(?! (?:critique|grave|majeure|prioritaire|urgente|importante|sérieuse|exploitable)))|\bn'est pas (?:exploitable|vulnérable)\b|\bnão é (?:uma vulnerabilidade|vulnerável|explorável)\b|\b(?:nem|não) (?:é|era|chega a ser) (?:uma )?(?:vuln|vulnerabilidade|falha|brecha)\b|\bni (?:siquiera )?es (?:una )?(?:vuln|vulnerabilidad)\b|\bnon è (?:una )?vuln\b|\bnon è (?:una vulnerabilità|vulnerabile|sfruttabile)\b|\bgeen (?:kwetsbaarheid|beveiligingsprobleem)\b/),
  cue('false_positive', 0.8, 'not exploitable (translated)', new RegExp(String.raw`\b${FOREIGN_NEGATOR}\b(?:\s+[\p{L}'-]+){0,3}?\s+${FOREIGN_EXPLOITABLE}\b`, 'u')),
  cue('false_positive', 0.8, 'never used (translated)', new RegExp(String.raw`\b${FOREIGN_NEGATOR}\b(?:\s+[\p{L}'-]+){0,3}?\s+${USE_FORMS}`, 'u')),
  cue('false_positive', 0.6, 'scanner missed (translated)', new RegExp(String.raw`\b${SCANNER_NOUN}\b(?:\s+[\p{L}'-]+){0,2}?\s+(?:no (?:ve|vio|detecta|detectó|sigue|siguió|entiende|entendió|sabe|considera|reconoce|tiene en cuenta)|não|ne|n'\p{L}+|nicht|non|niet|kann nicht|hat nicht)\b`, 'u')),
  cue('false_positive', 0.6, 'test code (translated)', /\b(?:código de (?:teste|testes|prueba|pruebas|ejemplo|exemplo)|code (?:de test|d'exemple|de démonstration)|testcode|beispielcode|codice di (?:test|esempio)|voorbeeldcode)\b/),
  cue('false_positive', 0.6, 'never in production (translated)', /\b(?:nunca|jamás|jamais|nie|niemals|mai|nooit)\b(?:\s+[\p{L}'-]+){0,3}?\s+(?:produção|producción|production|produktion|produzione|productie|ausgelieferte[mn]? artefakt|artefakt|artefact|artefacto|artefato|artefatto|livrable)\b/u),
  cue('false_positive', 1, 'not a real problem (translated)', new RegExp(String.raw`\b${FOREIGN_NEGATOR}\b(?:\s+[\p{L}'-]+){0,2}?\s+(?:echte[sn]?|echt|vraie?s?|véritables?|réelle?s?|verdadeir[oa]|verdader[oa]|reale|real)\s+(?:problem|problème|problema|probleem|sicherheitsproblem|risiko|risque|riesgo|risco|rischio|schwachstelle|faille|vulnérabilité|vulnerabilidad|vulnerabilidade|vulnerabilità|kwetsbaarheid|lücke)\b|\b${FOREIGN_NEGATOR}\b(?:\s+[\p{L}'-]+){0,2}?\s+(?:problema|risco|riesgo|rischio|fallo|falla|falha|vulnerabilidad|vulnerabilidade|bug|error|erro) real\b`, 'u')),
  cue('false_positive', 0.6, 'no user control (translated)', new RegExp(String.raw`\b${USER_NOUN}\b(?:\s+[\p{L}'-]+){0,3}?\s+${FOREIGN_NEGATOR}\b|\b${FOREIGN_NEGATOR}\b(?:\s+[\p{L}'-]+){0,3}?\s+(?:del|de|do|da|du|vom|von|dal|van|par|por|pelo|pela|dall')\s+(?:l'|le |la |el |o |a |der |dem |den |il |lo |de )?${USER_NOUN}\b`, 'u')),
  cue('false_positive', 0.8, 'no vulnerability (translated)', /\b(?:aucune?|ninguna?|nenhuma?|keine?|nessuna?|geen)\s+(?:injection|inyección|injeção|injektion|iniezione|injectie|vulnérabilité|vulnerabilidad|vulnerabilidade|schwachstelle|vulnerabilità|kwetsbaarheid|faille|lücke|fallo|falha|exploitation|explotación|exploração|ausnutzung)\b/),
  cue('false_positive', 0.6, 'already sanitised (translated)', /\b(?:est|sont|es|son|está|están|é|são|wird|werden|ist|sind|è|viene|vengono|wordt|is)\s+(?:déjà |ya |já |bereits |schon |già |al )?(?:échappée?s?|escapad[oa]s?|sanitisée?s?|sanead[oa]s?|sanitizad[oa]s?|validée?s?|validad[oa]s?|validiert|maskiert|escaped|codificad[oa]s?|encodée?s?|gefiltert|filtrée?s?|filtrad[oa]s?|geëscaped|gevalideerd)\b/),
  cue('false_positive', 0.6, 'not applicable (translated)', /\b(?:no aplica|no se aplica|não se aplica|não aplica|ne s'applique pas|trifft nicht zu|nicht anwendbar|nicht relevant|non applicabile|non si applica|niet van toepassing|no forma parte|não faz parte|ne fait pas partie|ist nicht teil|non fa parte|maakt geen deel uit)\b/),
  // "nunca ha habido ahí una versión vulnerable", "we never ran an affected release": the version the finding names was never installed.
  cue('false_positive', 0.8, 'never a vulnerable version', /\bnever (?:been|had|ran|run|shipped|deployed|installed|used|was) (?:a |an |any )?(?:vulnerable|affected) (?:version|release|build)\b|\b(?:has|have|had) never (?:contained|included|shipped|installed|run|had|pulled in) (?:the )?(?:vulnerable |affected )?(?:[\w.-]+ )?v?\d+\.\d+(?:\.\d+)*\b|\b(?:nunca|jamás|jamais|nie|niemals|mai|nooit)\b(?:\s+[\p{L}'-]+){0,5}?\s+(?:versión|version|versão|versione|versie)\s+(?:vulnerable|vulnérable|vulnerável|vulnerabile|verwundbare|kwetsbare|afectada|affectée|afetada|interessata|betroffene)\b|\b(?:nie|niemals|nooit)\b(?:\s+[\p{L}'-]+){0,5}?\s+(?:verwundbare|betroffene|kwetsbare) (?:version|versie)\b/u),
  // "Da ist kein Geheimnis drin", "aucun mot de passe là-dedans", "no es ninguna credencial" (the negation that goes with it
  // is part of the phrase): not "keine Passwörter mehr im Code", which reports one removed.
  cue('false_positive', 0.8, 'not a credential (translated)', /(?:\b(?:no (?:es|hay|tiene|contiene)|não (?:é|há|tem)|non (?:è|c'è|ha)|ce n'est|il n'y a)\s+)?\b(?:kein(?:e|en)?|aucun(?:e)?|ningun[ao]?|nenhum[a]?|nessun[ao]?|geen)\s+(?:echtes?\s+|vrai\s+|real\s+|vero\s+)?(?:geheimnis|secret|passwort|kennwort|zugangsdaten|mot de passe|secreto|contraseña|credencial(?:es)?|segredo|senha|credenciais|segreto|credenziali|geheim|wachtwoord)\b(?![^.;]{0,20}\b(?:mehr|plus|más|mais|più|meer)\b)/u),
  // German puts the negation after the verb: "verwendet die betroffene Funktion gar nicht" (not "nicht mehr", which reports a change).
  cue('false_positive', 0.6, 'never used (translated)', /\b(?:verwendet|verwenden|nutzt|nutzen|benutzt|benutzen|ruft|rufen|lädt|laden|importiert|importieren)\b(?:\s+[\p{L}'-]+){0,4}?\s+(?:gar |überhaupt )?nicht\b(?! mehr\b)/u),
  // "Nessun input esterno ci arriva", "ningún dato del usuario llega ahí": nothing from outside reaches the sink.
  cue('false_positive', 0.8, 'cannot be reached (translated)', /\b(?:nessun|ningún|ningun|nenhum|aucune?|kein(?:e)?|geen)\s+(?:input|dato|entrada|donnée|eingabe|invoer)\b[^.;]{0,30}?\b(?:arriva|llega|chega|arrive|ankommt|kommt|gelangt|bereikt|komt)\b/u),
  cue('false_positive', 0.8, 'never valid (translated)', /\b(?:nie|niemals|jamais|nunca|mai|nooit)\b(?:\s+[\p{L}'-]+){0,2}?\s+(?:gültig|aktiv|valide|actif|active|válid[oa]|valid[oa]|activ[oa]|attiv[oa]|geldig|actief)\b/u),
  cue('false_positive', 0.8, 'placeholder credential (translated)', /\b(?:platzhalter|beispiel|dummy|exemple|factice|ejemplo|ficticio|exemplo|fictício|esempio|fittizio|voorbeeld|nep)\w*\b(?:\s+[\p{L}'-]+){0,3}?\s+(?:schlüssel|passwort|token|clé|mot de passe|jeton|clave|contraseña|chave|senha|chiave|sleutel|wachtwoord)\b|\b(?:schlüssel|passwort|token|clé|mot de passe|jeton|clave|contraseña|chave|senha|chiave|sleutel|wachtwoord)\b(?:\s+[\p{L}'-]+){0,6}?\s+(?:ein |un |una |uno |um |uma |een )?(?:platzhalter|exemple|ejemplo|exemplo|esempio|voorbeeld)\b/u),
  cue('false_positive', 0.6, 'nothing to do (translated)', /\b(?:rien à (?:faire|corriger)|nada (?:que|a) (?:hacer|fazer|corregir|corrigir)|nichts zu (?:tun|beheben|machen)|niente da (?:fare|correggere)|niets te (?:doen|fixen))\b/),
  cue('false_positive', 0.6, 'build or test only (translated)', /(?:\bn'\p{L}+ (?:\p{L}+ )?que\b|\bne \p{L}+ (?:\p{L}+ )?que\b|\b(?:solo|sólo|solamente|únicamente|só|somente|apenas|seulement|uniquement|nur|soltanto|alleen)\b)[^.;]{0,40}?\b(?:build|builds|scripts? de build|compilación|compilação|compilation|compilazione|bouw|pruebas|testes|tests|entwicklung|desarrollo|desenvolvimento|développement|sviluppo)\b|\b(?:solo|sólo|solamente|só|somente|apenas|seulement|uniquement|nur|soltanto|alleen)\s+(?:in|en|na|no|dans|im|in der|nella|nel|op|em)\s+(?:la |le |el |a |o |de )?(?:pipeline|ci)\b/u),
  cue('false_positive', 0.8, 'invalid finding', /\b(?:bogus|invalid|inaccurate|incorrect|spurious|erroneous|mistaken|wrong) (?:finding|detection|alert|result|flag|match|hit|warning)s?\b/),
  cue('false_positive', 0.6, 'irrelevant', /^(?:this (?:finding )?is |it'?s |that'?s )?(?:irrelevant|not relevant)\W*$/),
  // Not "payload": a test payload is what a retest sends ("the XXE test payload now returns 422").
  cue('false_positive', 0.8, 'dummy credential', /\b(?:test|testing|dummy|fake|example|sample|placeholder|made[- ]up|mock|fixture|demo|sandbox|documentation|docs?|public|well[- ]known|throwaway|bogus)\b(?:[ -](?!(?:with|for|of|on|in|to|against|using|and|or|that|which|from|by)\b)[\w-]+){0,2}?[ -](?:key|value|secret|credential|cred|password|passwd|token|string|cert|certificate|api key|account|data)s?\b/),
  cue('false_positive', 0.6, 'test-only code', /(?<!\b(?:point|pointed|mention|mentioned|document|documented|note|noted|warn|warned|explain|explained|call|called)(?: (?:this|that|it|them))?(?: out)? )\b(?:it'?s|its|is|are|in|from|inside|within|only|just|lives in)\s+(?:a |an |the |our |their )?(?:(?!(?:not|never|no)\b)[\w-]+ )?(?:unit |integration |e2e |smoke )?(?:test|tests|test suite|test fixture|fixtures?|test code|test file|test helper|examples?|sample code|documentation|docs|readme)\b(?!\s+(?:for|that|covering|with|to|tenant|tenants|account|accounts|environment|env|instance|server|cluster|user|users|run|runs|case|cases|payload|request|requests)\b)|\b(?:test|dev|development|ci|build)(?:[- ]?(?:deps?|dependenc(?:y|ies)|tooling|tools?|scripts?|environment|env))?[- ]only\b|\b(?:used |runs |exists |loaded )?only (?:by|in|for|from|within) (?:the |our |a )?(?:[\w-]+ ){0,2}(?:tests?|test harness|test suite|ci|fixtures?|e2e|mocks?|mock \w+|stubs?|emulators?|sandbox|local dev\w*|build scripts?|(?:dev |developer |internal )?tooling|ci pipeline|local scripts?|dev(?:elopment)? (?:environment|database|setup|machines?|laptops?))\b|\bonly (?:used |runs |exists )?in (?:tests|ci|the test)|\bonly\b[^.;]{0,40}?\b(?:at|during|in) (?:the )?build(?:[- ]time)?\b|\bused (?:by|in|for) (?:our |the )?(?:[\w-]+ )?(?:tests|test suite|specs|unit tests)\b|\b(?:spec|test|tests)\/fixtures\//),
  cue('false_positive', 0.6, 'already sanitised', /\b(?:already|is|are|gets|get|was|were|being|is always|are always)\s+(?:properly |correctly |strictly |fully |safely )?(?:sanitized|sanitised|escaped|encoded|validated|parameteri[sz]ed|allow-?listed|white-?listed|type[- ]checked|auto-?escaped|filtered|normali[sz]ed|quoted|bound)\b|(?<!\b(?:no|without|disabled?|disabling|turn(?:ed|ing)? off|switch(?:ed|ing)? off)\s+(?:the\s+)?(?:[\w-]+\s+)?)\bauto-?escap\w+(?![^.;]{0,25}?\b(?:off|disabled|false|turned off|switched off)\b)|(?<!\b(?:now|new|patched|fixed|updated|upgraded|after)\b[^.;]{0,40})\balready (?:skips|rejects|filters(?: out)?|escapes|encodes|sanitizes|sanitises|validates|guards against|blocks|ignores|strips|drops|refuses|allowlists|whitelists)\b(?![^.;]{0,30}\bnow\b)/),
  cue('false_positive', 0.6, 'validated first', /\b(?:validated|sanitized|sanitised|escaped|checked|rejected|filtered) (?:by|before|upstream|at the edge|earlier)\b/),
  cue('false_positive', 0.6, 'only trusted input', /\bonly (?:ever )?(?:receives?|gets?|sees?|takes?|handles?|accepts?|contains?|reads?) (?:our own|constants?|hard-?coded|static|internal|trusted|enum|server-?generated|fixed)\b|\bonly ever (?:called|run|runs|used|sees|receives|gets|contains|reads|processes|takes)\b|\bonly (?:called|used|invoked|run) (?:with|on|from) (?:our own|a constant|constants?|trusted|internal|static|hard-?coded)\b/),
  cue('false_positive', 0.8, 'no attacker control', /\b(?:users?|attackers?|clients?|customers?)\b[^.;,]{0,10}?\b(?:never|can'?t|cannot|can not|doesn'?t|don'?t|do not|does not)\s+(?:\w+\s+)?(?:control|influence|reach|supply|set|forge|tamper with|bypass|modify|spoof|touch|touches|choose|pick)\b|\b(?:never|not|no) (?:user|attacker|client|externally)[- ](?:controll?ed|supplied|provided)\b|\bno (?:user|attacker|untrusted|external)(?:[- ](?:controll?ed|supplied|provided))? (?:input|data|value)\b|\b(?:not|never|no|without|isn'?t|aren'?t)\b[^.;]{0,25}?\b(?:(?:untrusted|user[- ]supplied|user[- ]controll?ed|attacker[- ]controll?ed) (?:input|data|values?|content)|(?:tenant|external) (?:input|values?))\b/),
  cue('false_positive', 0.6, 'nothing to fix', /\bnothing (?:to|we need to|that needs to) (?:rotate|fix|patch|revoke|remediate|change|update|do)\b|\bno (?:fix|patch|code change|change|action|remediation|rotation) (?:was |is |were )?(?:ever )?(?:needed|required|necessary)\b|\b(?:didn'?t|did not|doesn'?t|does not|don'?t|do not|never) (?:need|needed|require|required) (?:a |any )?(?:fix|fixing|patch|patching|code change|rotation|remediation)\b/),
  cue('false_positive', 0.6, 'by design', /\b(?:works?|working) as (?:intended|designed|expected)\b|\bby design\b|\bsafe by (?:construction|design|default)\b|\b(?:intended|expected) behaviou?r\b/),
  cue('false_positive', 0.6, 'argues not vulnerable', actPattern('not_vulnerable')),
  // The scanner is the subject and its failure to follow the code is the verb: the finding rests on a misreading.
  cue('false_positive', 0.8, 'scanner misread the code', /\b(?:scanner|tool|analy[sz]er|sast|rule|zeropath|detector|taint (?:analysis|tracking))\b[^.;]{0,40}?\b(?:doesn'?t|does not|didn'?t|did not|can'?t|cannot|fails? to|failed to|never)\s+(?:\w+\s+)?(?:see|follow|track|resolve|understand|know|account for|recogni[sz]e|model|handle|notice|trace|detect|evaluate|consider)\b/),
  // The speaker reports what the scanner believes in order to say it is a belief.
  cue('false_positive', 0.6, 'scanner assumes', /\b(?:scanner|tool|rule|analy[sz]er|sast|zeropath|detector)\b (?:just |only |simply )?(?:thinks|assumes|treats|considers|believes|takes|reads)\b/),
  // Absent from what ships: the flagged code or package is not in the artifact people run.
  cue('false_positive', 0.8, 'not in the shipped artifact', new RegExp(String.raw`\b(?:not|never|neither|none|isn'?t|aren'?t|doesn'?t|does not|don'?t)\b[^.;]{0,40}?\b(?:in|into|inside|part of|lands? in|ends? up in|make it into|included in) (?:the |our |any |a )?(?:${SHIPPED}\s+)?${ARTIFACT}\b|\b(?:${SHIPPED}\s+)?${ARTIFACT}\b[^.;]{0,40}?\b(?:doesn'?t|does not|don'?t|do not|never) (?:contain|include|ship|bundle|list|pull in|load)\b`)),
  cue('false_positive', 0.6, 'non-security use', /\b(?:is|are|it'?s) (?:just|only|merely|purely) (?:an? |the )?(?:[\w-]+ )?(?:etags?|checksums?|cache[- ]?keys?|fingerprints?|content hash(?:es)?|dedup(?:lication)? keys?|identifiers?|ids?)\b|\bfor (?:cache[- ]?busting|de-?duplication|dedup|caching|etags?)\b/),
  // "Le MD5 sert juste à générer l'ETag", "Y'a aucun usage crypto là", "dient nur als Cache-Schlüssel".
  cue('false_positive', 0.6, 'non-security use (translated)', /\b(?:sert|servent|sirve|sirven|serve|servem|servono|dient|dienen)\b[^.;]{0,40}?\b(?:etags?|checksums?|somme de contrôle|prüfsumme|empreinte|clés? de cache|cache-?schlüssel|clave de caché|chave de cache|chiave di cache|caches?|caché|dédoublonn\p{L}*|deduplica\p{L}*|deduplizier\p{L}*)\b|\b(?:aucun|ningún|nenhum|kein|nessun)\s+(?:usage|uso|einsatz|utilizzo|utilisation)\s+(?:crypto\p{L}*|de sécurité|de seguridad|de segurança|sicherheitsrelevant\p{L}*|di sicurezza)/u),
  cue('false_positive', 0.3, 'trusted source', /\b(?:our own|server-?generated|module constant|a constant|constants?|trusted (?:input|source|config)|admin-?only|internal-?only)\b/),

  // ── fix ───────────────────────────────────────────────────────────────────────────────────
  // A fix only announced ("we're going to fix this properly in the next minor"): the modality rules
  // read it as planned, so it says the finding is live and decides nothing.
  cue('fix', 0.6, FIX_ANNOUNCED, /(?<=\b(?:will|'ll|going to|gonna|plan(?:s|ning)? to|intend(?:s|ing)? to)\s+(?:[\w-]+\s+)?)(?:fix|patch|remediate)\b(?!-)/),
  // "I was running my own patched copy": a copy someone patched for themselves, not a fix made here.
  cue('fix', 1, 'fixed', /(?<!\b(?:own|local|private) )\b(?:fixed|patched|remediated|hot-?fixed|resolved the (?:issue|vuln\w*|finding))\b(?! (?:version|release|build|price|size|width|length|set|list|point|format|string|strings|value|values|port|number|numbers|ip|address|key|salt|iv|nonce|seed|interval|window|delay|offset|schedule|path|name|command|order|rate|amount|term|cost|height|timeout|header|literal|constant|width|duration|pattern|prefix|suffix|ttl|limit|size|format|range|width)\b)/),
  cue('fix', 0.8, 'resolved by a change', /\bresolved (?:in|by|with|via|through) (?:pr\b|mr\b|!\d|#|v?\d|commit|(?:the |a |an )?(?:latest |new |recent |last )?(?:fix|patch|upgrade|update|change|release|version|build|hotfix)\b|upgrading|patching|switching|removing|replacing|bumping)/),
  cue('fix', 0.8, 'addressed by a change', /\b(?:addressed|handled|dealt with|tackled|solved|sorted|took care of|taken care of)(?: it| this| that)? (?:in|by|with|via) (?:pr\b|mr\b|!\d|#|v?\d|commit|the (?:fix|patch|upgrade|change|release))/),
  cue('fix', 0.8, 'exploit stopped working', /\b(?:exploit|payload|poc|proof of concept|attack|repro|reproduction)s?(?: [\w-]+){0,4}? (?:no longer|doesn'?t|does not|fails? to|stopped) (?:works?|working|reproduces?|succeed\w*)\b/),
  cue('fix', 0.8, 'hole closed', /\b(?:closed|plugged|sealed) (?:the |this |that )?(?:hole|gap|loophole|vuln\w*|attack vector)\b|\b(?:upgrade|update|migration|remediation|rotation|fix|patching|hardening|deploy|deployment|rollout|roll-?out|release|change)s? (?:is |was |are |were |has been |have been )?(?:now )?(?:complete|completed|done|finished|delivered)\b/),
  cue('fix', 1, 'fix shipped', /\bfix(?:es)? (?:(?:from|in|for|of) (?:pr |mr )?#?[\w.-]+ )?(?:is |was |has been |got |have been |are )?(?:now |back )?(?:merged|deployed|released|shipped|live|landed|rolled out|out|confirmed|verified|validated|in (?:pr|mr|!\d|merge request|pull request|prod\w*|#|v?\d|release|main|master|the (?:release|build|image)))\b|\b(?:confirmed|verified|validated) (?:the )?fix\b/),
  cue('fix', 0.8, 're-landed', /\b(?:reverted|rolled back|backed out|undid|undone) (?:the )?(?:revert|rollback|roll-?back)\b|\bre-?(?:landed|applied|merged)\b/),
  cue('fix', 1, 'ended up fixing', /\b(?:ended up|finished|managed to|went ahead and|got around to|done) (?:patching|fixing|upgrading|bumping|removing|rotating|deploying)\b/),
  cue('fix', 1, 'upgraded to version', new RegExp(String.raw`\b(?:upgraded|bumped|updated|(?<!\b(?:is|are|still|stays|remains) )pinned|moved|forced|upgrade of|update of|bump of|atualizamos|actualizamos|aktualisiert|mis à jour|aggiornato)\b[^.;]{0,60}?\b(?:to|para|auf|à|a|->|→)\s+${VERSION}`)),
  cue('fix', 0.8, 'fixed (tense slip)', /\b(?:has been|have been|had been|was|were|got) (?:fix|patch|correct|deploy|upgrade|merge|remove|rotate|revoke|solve|resolve|remediate)\b/),
  cue('fix', 0.7, 'merged', /\b(?:merge|merging|deployment|deploy|release|rollout) of (?:pr\b|mr\b|!\d|#\d|the (?:fix|patch|pr|mr|change|pull request|merge request))/),
  cue('fix', 0.8, 'corrected', /\b(?:corrected|rectified|repaired|solved)\b/),
  cue('fix', 0.8, 'patch applied', /\b(?:applied|installed|rolled out|deployed) (?:the |a |an |our )?(?:[\w-]+ ){0,2}(?:patch|fix|hotfix|security update)(?:es)?\b|\b(?:patch|fix|hotfix|update|upgrade|security update)(?:es|s)? (?:has been |have been |was |were |is |are )?(?:now )?(?:applied|installed)\b/),
  cue('fix', 0.8, 'change is live', /\b(?:change|changes|fix|fixes|patch|patches|hotfix|update|it)\b (?:is |are |went |has gone |have gone )(?:now )?(?:live|in prod(?:uction)?)\b|\bit'?s (?:now )?(?:live|in prod(?:uction)?)\b/),
  cue('fix', 0.6, 'production on a new version', /\b(?:prod|production|everything|all (?:envs|environments|services|nodes|pods|clusters)) (?:is |are )?(?:now )?(?:on|running) v?\d+(?:\.\d+)+ now\b|\b(?:prod|production) (?:is |are )?now (?:on|running) v?\d+(?:\.\d+)+/),
  cue('fix', 0.6, 'safeguard in place', /\b(?:escaping|encoding|validation|sanitisation|sanitization|parameteri[sz]ation|ownership check|authori[sz]ation check|auth check|fix|patch)\b (?:is |are )?(?:now )?in place\b/),
  cue('fix', 0.6, 'hardened', /\b(?:hardened|locked down|tightened)\b/),
  cue('fix', 0.6, 'upgraded', /\b(?:upgraded|bumped|updated the dependency|(?<!\b(?:the|our|its|their|this|that|a) )pinned)\b/),
  cue('fix', 0.7, 'merged', /\b(?:merged|landed)\b(?! (?:into|with) (?:[a-z][a-z0-9_]{1,9}-\d+|another|the other|this one|a different))/),
  cue('fix', 0.8, 'reached production', /\b(?:reached|hit|made it (?:in)?to|landed (?:in|on)) (?:prod|production)\b/),
  cue('fix', 0.8, 'live in production', /\b(?:applied|deployed|redeployed|released|rolled out|pushed|shipped|live|running|enabled|disabled|turned off|blocked|enforced|ran|merged|migrated|set(?! up\b)|configured|changed|flipped|switched|reloaded|restarted)\b(?:(?!\b(?:nothing|no|not|never)\b)[^.,;]){0,50}?\b(?:(?:in|on|to|across) (?:the )?(?:prod|production|all (?:envs|environments|nodes|regions|clusters|tenants))|everywhere)\b|\blive since\b|\bin prod(?:uction)? (?:since|with|now|as of)\b/),
  cue('fix', 0.6, 'release published', new RegExp(String.raw`\b${VERSION} (?:is|was|has been) (?:now )?(?:out|live|released|published|tagged)\b|\b(?:cut|tagged|published|shipped) (?:a|the) (?:new )?(?:release|version|build)\b`)),
  // "We escape the album title in the meta tags now": a protection the code applies now that it
  // did not before.
  cue('fix', 0.6, 'protects now', /\bwe (?:now )?(?:escape|sanitize|sanitise|encode|validate|reject|strip|block|filter|enforce|parameteri[sz]e|hash|verify)\b[^.;?]{0,80}?\bnow\b|\bwe now (?:escape|sanitize|sanitise|encode|validate|reject|strip|block|filter|enforce|parameteri[sz]e|hash|verify)\b/),
  cue('fix', 0.6, 'deployed', /(?<!\b(?:the|our|every|each|any) )\b(?:re-?deployed|deployed|shipped|released (?:in|as|with|it|this|that|the fix|the patch)|rolled out|went (?:out|live))\b(?! (?:in|with|by|as part of) (?:the |a |an )?(?:vendor|upstream|supplier|third[- ]party)\b)/),
  cue('fix', 0.8, 'vulnerable code removed', new RegExp(String.raw`\b(?:code|function|module|endpoint|file|dependency|package|route|handler|call|secret|key|line|finding|alert|issue|problem|risk|exposure|${VULN_CLASS})s? (?:is |are |was |were |has been )?(?:now )?gone\b|\bgone from (?:the )?(?:\w+ )?(?:scan|main|master|code|repo|image|prod\w*|history)\b`)),
  cue('fix', 0.6, 'removed', /\b(?:deleted|removed|ripped out|took out|taken out|pulled out|got rid of|eliminated|stripped out)\b/),
  cue('fix', 0.8, 'credential revoked', /\b(?:rotated|revoked|rolled|deactivated|invalidated|re-?issued|regenerated)\b(?!\s+(?:[\w.#-]+\s+){0,3}back)/),
  cue('fix', 0.8, 'history purged', /\b(?:purged|scrubbed|rewrote|rewritten|cleaned|removed|erased)\b[^.;]{0,40}?\bhistory\b|\bhistory (?:was |has been )?(?:scrubbed|purged|rewritten|cleaned)\b|\bfilter-repo\b|\bbfg\b/),
  cue('fix', 0.6, 'replaced', /\b(?:replaced|switched|migrated|swapped|converted|refactored)\b[^.;]{0,80}?(?:\b(?:to|with|over to|for)\b|\s(?:->|→|=>)\s)|\bmoved\b(?! (?:this |it )?(?:over )?(?:to|into|onto) (?:the |our |another |a )?(?:[\w-]+ ){0,2}?(?:board|project|backlog|queue|team|ticket|epic|tracker|jira|sprint)\b)[^.;]{0,40}?\s(?:->|→|=>)\s|\bmoved\b[^.;]{0,60}?\bfrom\b[^.;]{0,40}?\bto\b/),
  cue('fix', 0.6, 'now safe', /\bnow (?:uses?|goes through|call|calls|validates|escapes|encodes|sanitizes|sanitises|rejects|requires|checks|strips|enforces|returns|runs|hash(?:es)?|verif(?:y|ies)|blocks|limits)\b|\b(?:we|it|they) now [a-z]+(?:s|es)?\b(?<!\b(?:know|knows|think|thinks|believe|believes|need|needs|want|wants|have|has|plan|plans|track|tracks|see|sees|wait|waits|own|owns|consider|considers|discuss|agree|understand|assume|expect|hope|suspect|suspects))|\b(?:is|are) now (?:[\w-]+ed)\b|\bnow (?!(?:planned|scheduled|assigned|needed|required|tracked|blocked|queued|expected|owned|prioriti[sz]ed|deprioriti[sz]ed|reopened|escalated|flagged|reported)\b)[a-z-]{3,}ed\b/),
  cue('fix', 0.8, 'verified fixed', /\b(?:verified|confirmed|validated|re-?tested)\b[^.;]{0,30}?\b(?:fix|fixed|on prod\w*|in prod\w*|gone|clean|resolved|no longer)\b|\b(?:re-?scan|scan|re-?test|re-?run)\b[^.;]{0,15}?\b(?:is |came back |comes back )?(?:clean|green|pass(?:es|ed)?)\b|\b(?:re-?ran|re-?scanned|rescanned)\b[^.;]{0,40}?\b(?:clean|green|pass(?:es|ed)?)\b|\bno (?:longer|more) (?:flagged|reported|detected|present|vulnerable|exploitable|reproducible|reproduces|injectable|reachable|exposed)\b|\bno longer (?:in|part of|listed in|pulled into) (?:the |our )?(?:sbom|scan|report|lockfile|lock file|image|build|bundle|dependency tree|deps|classpath|code(?:base)?)\b/),
  cue('fix', 1, 'fixed (translated)', /\b(?:gefixt|behoben|repariert|corrigé|corrigée|corrigido|corrigida|corregido|arreglado|solucionado|risolto|resuelto|resolvido|résolu|gelöst|corretto|opgelost|naprawione)\b/),
  cue('fix', 1, 'fixed (conjugated)', new RegExp(FIX_DONE, 'u')),
  cue('fix', 0.8, 'fixed (tense slip)', /\b(?:we|i|they|he|she|team|dev|devs) (?:have|has|had|'ve|are|did) (?:fix|patch|upgrade|update|remove|rotate|revoke|deploy|merge|replace|disable|apply|correct|solve|change|set|move|block|restrict|migrate|rewrite|delete|drop)\b (?:it|this|that|them|the|now|already)\b/),
  cue('fix', 0.6, 'applied (tense slip)', /\b(?:is|are) (?:apply|deploy|install|merge|release|rollout|roll out)\b (?:on|in|to|for|across)\b/),
  cue('fix', 0.8, 'live in production (translated)', /\bproduktiv seit\b|\b(?:seit|desde|depuis|sinds)\b[^.;]{0,25}?\b(?:in produktion|in betrieb|en producción|em produção|en production|in produzione|in esercizio|in productie)\b|\b(?:ist|sind|está|están|est|sont|è|sono|is|zijn)\s+(?:(?:seit|desde|depuis|da|sinds)\s+\S+\s+)?(?:in produktion|in betrieb|en producción|em produção|en production|in produzione|in esercizio|in productie)\s+(?:seit|desde|depuis|da|sinds)\b/),
  cue('fix', 0.6, 'change made (conjugated)', new RegExp(CHANGE_DONE, 'u')),
  cue('fix', 0.6, 'deployed (translated)', /\bfizemos o deploy\b|\bdesplegad[oa]\b|\bdéployé\b|\bausgerollt\b|\bimplantad[oa]\b/),
  cue('fix', 0.6, 'change made', actPattern('change_made')),
  // "Pushed 5.2 through the pump server to all 612 LVPs": a release or firmware pushed to devices. Not
  // a bare "pushed the fix", which is as often a git push to a branch.
  cue('fix', 0.6, 'release pushed', new RegExp(String.raw`\bpushed (?:out )?(?:${VERSION}|(?:the |a )?(?:new |patched )?firmware)(?![\w.-])(?! (?:to|into) (?:a |the |my |our )?(?:branch|repo|origin|github|gitlab|review))`)),
  cue('fix', 0.6, 'setting changed', /\b(?:flipped|switched|set|toggled|changed|turned)\b (?:[\w.-]+ ){0,3}?(?:to|=) ?(?:false|true|off|on|disabled|enabled|0|1|none|strict|deny)\b/),
  // A clause that is only a status word, after a change ("added the check. live"): terse for "it is done".
  cue('fix', 0.6, 'status: live', /(?:^|,\s*|\(\s*)(?:now |all |and )?(?:live|deployed|shipped|rolled out|in prod(?:uction)?|done and deployed)\W*$/),
  // "auth-svc 2.9.1 in prod", "order-service 8.4.0 is in prod": a release named with its version, live.
  cue('fix', 0.6, 'release in production', /(?:^|\b(?:and|now|so|yes|yep|ok)\W+)(?!(?:on|at|to|back|still|only|from|until|till|before|after|with|in|since|v|version|staging|stage|dev)\b)[a-z][\w.-]* v?\d+(?:\.\d+)+ (?:is |are )?(?:now )?(?:live|(?:in|on) prod(?:uction)?)\b(?! (?:until|till|next|tomorrow|tonight|later))/),
  cue('fix', 0.8, 'clean since a release', new RegExp(String.raw`\b(?:clean|green|gone|not flagged) (?:since|as of|from|in|with) (?:v|version |release |build )?\d+(?:\.\d+)+`)),
  cue('fix', 0.4, 'protection added', /\b(?:added|implemented|introduced|enforced|turned on|put in)\b/),

  // ── dispute: someone says the previous claim is wrong, without deciding anything ──────────────
  // The same undo in the languages the rules read: "revertata", "revertimos", "revertiert", "reverté",
  // "zurückgerollt", "retour arrière"; and production said to run "sans le correctif".
  dispute(
    0.8,
    'reverted',
    /\b(?:revert(?:ed|ing)|(?:roll(?:ed|ing)|(?:had|needed) to roll) (?:[\w.-]+ )?back|back(?:ed|ing) (?:[\w-]+ )?out)\b|\brevert(?:id[oa]s?|irlo|imos|ieron|ei|amos|at[oa]|it[oa]|iert|ierte|ée?s?)(?![a-z])|\bzur(?:ü|u)ckgerollt|\bterug(?:gedraaid|gezet|gerold)\b|\br(?:ü|u)ckg(?:ä|a)ngig gemacht|\b(?:retour (?:arrière|en arrière)|revenus? en arrière|marcha atrás|vuelta atrás|volt(?:amos|ou) atrás)\b|\brollback(?:é|ée|és|ées|eado|eada|eamos|ado|ada|ato|ata|t)\b|\b(?:sans le correctif|sin (?:el parche|la corrección|el fix)|sem (?:a correção|o patch|o fix)|ohne (?:den|das) (?:fix|patch))\b/,
    ['fix'],
  ),
  dispute(0.8, 'still vulnerable', /\bstill (?:has|have|contains?|ships?|includes?|uses?|shows?|reports?|flags?|pulls? in|runs?) (?:the |an? )?(?:old |same )?(?:vulnerable|affected|unpatched|bug|issue|finding)\b|\b(?:vulnerability|issue|bug|finding) is back\b|\bstill (?:the default|present|there|vulnerable|exploitable|reproducible|reproduces|open|an issue|flagged|reported|failing|in (?:the )?(?:scan|code|prod\w*|main))\b|\bstill (?:serves?|exposes?|leaks?|answers?) (?:it|them|the|this|that|an?)\b/, ['fix', 'false_positive']),
  // And in the other languages the rules read: "bitte wieder öffnen", "à rouvrir", "reabrir", "riaprire";
  // not a future ("on rouvrira un ticket" if something changes).
  dispute(0.8, 'reopened', /\breopen(?:ed|ing)?\b|\bwieder (?:zu )?(?:öffnen|eröffnen|aufmachen|geöffnet)\b|\bwiedereröffne\w*|\b(?:rouvr|réouvr|reabr|riapr|heropen)(?!\w*(?:ira|irai|irons|iront|irá|irão|iremos|irà|iremo|iranno)\b)\w*/, ALL_OUTCOMES),
  // An acceptance overtaken by events: "last year's accepted risk is obsolete: the upgrade went live", "nothing left to accept".
  dispute(0.8, 'acceptance obsolete', /(?<!\b(?:if|unless|when|once|otherwise)\b[^.;]{0,80})\b(?:accepted risk|risk acceptance|acceptance|exception|waiver)\b[^.;:]{0,30}?\b(?:is|was|has been|are|becomes?|became) (?:now )?(?:obsolete|void|moot|no longer (?:needed|valid|required|relevant|applicable))\b/, ['accepted_risk']),
  dispute(0.6, 'still happening', /\bstill (?!(?:needs|seems|looks|wants|thinks|makes|counts|stands|matters|is|has|does|was)\b)[a-z]{3,}(?:s|es)\b/, ['fix']),
  dispute(0.8, 'it is real', /\b(?:it|this|that)(?:'s| is| was) (?:a |an )?real\b|\b(?:issue|finding|vulnerability|weakness|bug|problem|flaw) (?:is|was) (?:genuine|real|legitimate|valid)\b|\b(?:is|it'?s) (?:a |an )?real (?:[\w-]+ ){0,2}(?:issue|vuln\w*|bug|problem|idor|xss|sqli|injection|leak|finding)\b|\blooks real\b|\bconfirmed (?:exploitable|vulnerable|real)\b|\b(?:comes?|flows?|is taken|is read|arrives?) (?:straight |directly )?(?:from|out of) (?:the )?(?:user|request|client|browser|upload|multipart|query|form|url|header|body|payload|attacker|caller|input)\b/, ['false_positive']),
  // Present tense only: "was exploitable before the patch" is history, not a dispute.
  // "ok yeah, that's reachable" concedes it too; "I'd assume that's injectable" only guesses.
  dispute(0.6, 'affirmed exploitable', new RegExp(String.raw`(?:\b(?:is|are|it'?s|we'?re|remains?|stays?)|(?<!\b(?:assume|guess|suppose|presume|think|bet|if|whether|unless|maybe|probably|until) )\b(?:that'?s|this'?s)) (?:still |clearly |definitely |actually |very much )?${ATTACKER_STATE}\b|\bcan (?:still |easily )?be (?:exploited|triggered|abused|reached|injected)\b`), ['false_positive']),
  dispute(0.8, 'it is real (translated)', /\b(?:es|está|é|est|ist|è|c'est)\s+(?:una?\s+|uma?\s+|une?\s+|eine?\s+|een\s+)?(?:real|reale|réel(?:le)?|vraie?|echte?|echt|verdader[oa]|verdadeir[oa])\b|\b(?:continua|continúa|sigue(?: siendo)?|reste|demeure|bleibt|resta|rimane|blijft)\s+(?:válid[oa]|valide|gültig|valid[oa]|geldig|real|reale|réel(?:le)?)\b|\b(?:vraie|véritable|echte|verdadera|verdadeira|vera|reale) (?:faiblesse|faille|vulnérabilité|schwachstelle|lücke|vulnerabilidad|vulnerabilidade|vulnerabilità|falla|fallo|falha|problema|problème|problem)\b/, ['false_positive']),
  // "Não quer dizer que a falha não exista", "doesn't mean the flaw isn't there": the closure proves nothing.
  dispute(0.8, 'not disproved', /\b(?:doesn'?t|does not|didn'?t|did not) (?:mean|prove|show) (?:that )?(?:the |it |this |there )[^.;]{0,30}?\b(?:isn'?t|is not|wasn'?t|was not|doesn'?t exist|does not exist|is no|is gone|is fixed|is absent)\b|\b(?:(?:isso |esto |ça |cela |das )?(?:não|no) (?:quer dizer|significa|prova)|ne (?:veut pas dire|signifie pas|prouve pas)|heißt nicht|bedeutet nicht|beweist nicht|non (?:vuol dire|significa|dimostra)|betekent niet)\s+(?:que|qu'|dass|che|dat)\b/, ['false_positive']),
  // "Should not have been closed as accepted": the closure itself is challenged.
  dispute(0.8, 'closure challenged', /\bshould(?:n'?t| not) have been (?:closed|resolved|marked)\b/, ALL_OUTCOMES),
  // "I see no CRLF escaping there", "exactly what this rule is about": the protection argued is absent.
  dispute(0.8, 'protection absent', /\b(?:i|we) (?:can )?(?:see|saw|found|find) no (?:[\w-]+ )?(?:escaping|sanitiz\w*|sanitis\w*|validation|encoding|filtering|check(?:ing)?)\b|\bexactly what (?:this|the) (?:rule|finding|check|scanner|alert) (?:is about|flags|looks for|describes)\b/, ['false_positive']),
  dispute(0.8, 'still seen', /\b(?:i|we|you|they|it|scanner|scan|alert|finding) (?:can |could )?still (?:get|gets|see|sees|hit|hits|reproduce|trigger|find|receive|observe|fire|fires|show|shows|flag|flags|report|reports)\b/, ['fix', 'false_positive']),
  dispute(0.8, 'still happening (translated)', /\b(?:todavía|aún|sigue|sigue siendo|ainda|continua|continúa|encore|toujours|immer noch|noch immer|weiterhin|nach wie vor|ancora|tuttora|nog steeds|nog altijd)\b[^.;]{0,20}?\b(?:se reproduce|reproducible|reproduz|reproduzível|se reproduit|reproductible|reproduzierbar|tritt auf|si riproduce|riproducibile|reproduceerbaar|vulnerable|vulnerável|vulnérable|verwundbar|explotable|explorável|exploitable|ausnutzbar|sfruttabile)\b/, ['fix', 'false_positive']),
  dispute(0.8, 'comes from user input (translated)', /\b(?:vient|viennent|viene|vienen|vem|vêm|kommt|kommen|arriva|arrivano|komt|komen)\s+(?:directement\s+|directamente\s+|diretamente\s+|direkt\s+|direttamente\s+|rechtstreeks\s+)?(?:de|du|des|del|de la|do|da|dos|das|aus|vom|von|dal|dalla|uit|van)\s+(?:l'|la\s+|el\s+|los\s+|o\s+|a\s+|der\s+|dem\s+|den\s+|il\s+|lo\s+|de\s+|het\s+)?(?:url|requête|request|petición|solicitud|requisição|usuarios?|usuários?|utilisateurs?|benutzern?|nutzern?|utenti|utente|gebruikers?|query|query string|formulario|formulaire|formulário|formular|client|cliente)\b/, ['false_positive']),
  // "Op productie zie ik nog altijd sharp 0.32.1", "je vois toujours l'alerte": the same sighting in the languages the rules read.
  dispute(0.8, 'still seen (translated)', /\b(?:zie|zien) (?:ik|we|wij) (?:nog steeds|nog altijd)|\bsehen? (?:ich|wir) (?:immer noch|noch immer|weiterhin)|\b(?:je|on) (?:vois|voit) (?:toujours|encore)|\b(?:sigo|seguimos) viendo|\b(?:ainda|continuo a|continuamos a) (?:vejo|vemos|ver)\b|\bcontinu(?:o|amos) vendo|\b(?:vedo|vediamo) ancora\b/u, ['fix', 'false_positive']),
  // "the same helper generates the one-time pin": the primitive argued harmless has a security use.
  dispute(0.6, 'security use', /\b(?:generates?|generating|creates?|creating|produces?|derives?|issues?|mints?|used (?:for|to (?:generate|create|derive|mint|sign)))\b[^.;]{0,30}?\b(?:one-time (?:pins?|passwords?|codes?)|otps?|passwords?|session (?:ids?|keys?|tokens?|cookies?)|(?:api|auth|access|reset|csrf|refresh) tokens?|nonces?|private keys?|(?:encryption|signing) keys?|password reset (?:links?|codes?))\b/, ['false_positive']),
  // "Productie draait nog op 4.12.0", "läuft noch auf 2.3.1": the old version still runs, in the other languages.
  dispute(0.6, 'still on the old version (translated)', /\b(?:draait|staat|zit|läuft|steht|corre|roda|tourne|gira)\s+(?:nog|noch|ainda|todavía|aún|toujours|encore|ancora)\s+(?:op|auf|mit|en|em|com|sur|avec|con|su|na|no)\s+(?:de |la |el |a |o |der |le |il )?(?:versie |version |versión |versão |versione )?v?\d+(?:\.\d+)+/u, ['fix']),
  dispute(0.6, 'still on the old version', /\bstill (?:shows?|has|have|lists?|contains?|on|at|pins?|uses?|resolves?) (?:the |version )?v?\d+(?:\.\d+)+/, ['fix']),
  // "c'est l'ancienne version qui roule en prod", "the old build is still running in production":
  // whatever was merged, what runs is the old code.
  dispute(0.6, 'old version in production', /\b(?:the old|l'ancienne|l'ancien|la vieja|la versión (?:vieja|anterior)|a versão (?:antiga|anterior)|die alte|de oude|la vecchia|la versione (?:vecchia|precedente))(?: (?:version|versión|versão|versione|versie|build|code|image|release|binary|binaire))?\s+(?:qui |que |die |che |is |está |esta |ist )?(?:still |encore |toujours |todavía |ainda |noch |nog |ancora )?(?:running|runs|roule|tourne|corre|roda|läuft|draait|gira|live)\s+(?:still |encore |toujours |noch |nog |ainda |ancora )?(?:in|en|em|auf|op|on)\s+(?:prod|production|produção|producción|produktion|productie|produzione)\b/u, ['fix']),
  // "bis dahin läuft noch die alte Version", "draait nog de oude versie": the same, verb first.
  dispute(0.6, 'old version still running (verb first)', /\b(?:läuft|laufen|draait|draaien|roule|tourne|corre|roda|gira) (?:noch|nog|encore|toujours|todavía|aún|ainda|ancora) (?:die alte|das alte|der alte|de oude|het oude|l'ancienne|l'ancien|la vieja|a antiga|o antigo|la vecchia|il vecchio) (?:version|versie|versión|versão|versione|build|release|code|image|stand)\b/u, ['fix']),
  // "There is nothing to accept here", "no risk to accept in the first place": the argument is
  // that there is no risk at all, which is a false positive (and contradicts "Risk Accepted").
  cue('false_positive', 0.6, 'nothing to accept', /\b(?:nothing|no risk|no (?:real )?exposure) (?:here |really )?to accept\b|\brien à accepter\b|\bnada que aceptar\b|\bnada a aceitar\b|\bnichts zu akzeptieren\b|\bniente da accettare\b|\bniets te accepteren\b/u),
  dispute(0.6, 'not done', /\b(?:is|are|it'?s|still) not (?:closed|done|finished|complete|completed|over)\b/, ['fix']),
  dispute(0.8, 'reproduced', /\b(?:i|we) (?:can|could|was able to|were able to) (?:still )?(?:fetch|reproduce|exploit|read|access|trigger|pop|bypass|inject|see|find|hit)\b(?! (?:v?\d|(?:the |a |an )?(?:new|fixed|patched|updated|latest|release|version|tag|build|package|fix|patch|change|commit)\b))|\breproduced\b|\b(?:riprodott[oa]|reproducid[oa]|reproduzid[oa]|reproduit(?:e)?|reproduziert)\b|\bgot an? [\w()]+ to (?:pop|fire|execute|run)\b|\b(?:alert\(\)|alert|payload|charge utile|carga útil|script)\S*\s+(?:[\p{L}'’]+\s+){0,3}?(?:s'exécute|s'execute|se déclenche|se ejecuta|se dispara|é executad[oa]|executa|dispara|wird ausgeführt|löst aus|viene eseguit[oa]|si attiva|scatta)(?!\p{L})/u, ['fix', 'false_positive']),
  // Chat shorthand, said of the flaw: it contradicts Cannot Reproduce, not a fix that comes later.
  dispute(0.8, 'reproduced', /\brepro'?d\b|\b(?:poc|proof[- ]of[- ]concept) (?:repo|attached|here|link|works|fires|succeeds|in the gist)\b|\bpoc (?:repo|page)?:|\b(?:here'?s|attached|wrote|built|pushed) (?:a |the |my )?(?:poc|proof[- ]of[- ]concept)\b/, ['false_positive']),
  dispute(0.6, 'not included', /\bdropped from (?:the )?(?:release|branch|build|deploy\w*)|\b(?:was|were|got|been) pulled (?:from|off)\b|\bbuilt from (?:the |a )?(?:branch|commit|tag|code|snapshot) (?:from )?before\b|\bpredates? the (?:fix|bump|patch|upgrade|change)\b|\b(?:doesn'?t|does not|didn'?t|did not) (?:include|contain|have|make it|go in|ship|land)\b|(?<!\b(?:i|i'?d|i had|i have|i've|we|must have|(?:ah|oh|ok)(?: \w+)?,?) )\bmissed\b(?! (?:that|it|this)\b)/, ['fix']),
  dispute(0.6, 'that is wrong', /\bnot quite\b|\b(?:you'?re|you are|that'?s|it'?s|this is|that is) (?:wrong|incorrect|not right|not true|not accurate)\b|\bit (?:isn'?t|is not|doesn'?t|does not|wasn'?t)\s*(?:$|[,;:—–-]|\p{Extended_Pictographic})|\bscratch that\b|^correction\b|\bnever ?mind\b|\bi was wrong\b|\b(?:i |we )?(?:strongly |respectfully )?(?:disagree|don'?t agree|do not agree)\b|\b(?:does|did)(?:n'?t| not) agree\b|\bdisagrees\b|\b(?:i |we )?changed (?:my|our) minds?\b|\b(?:pas d'accord|no estoy de acuerdo|no estamos de acuerdo|não concordo|discordo|nicht einverstanden|sehe ich anders|non sono d'accordo|niet mee eens|je me suis trompé|me equivoqué|eu estava errado|ich habe mich geirrt)\b/u, ALL_OUTCOMES),
];

/** Words that put a cue under negation when they sit shortly before it in the same clause. */
export const NEGATION = unicodeWords(/\b(?:not|no|never|nicht|niemals|kein\w*|pas|jamais|nunca|jamás|ni|não|nao|nem|niet|nooit|geen|nie|non(?!-)|nothing|nobody|no one|niemand|personne|nadie|ninguém|nessuno|none|without|nor|cannot|can'?t|didn'?t|don'?t|doesn'?t|isn'?t|wasn'?t|aren'?t|weren'?t|haven'?t|hasn'?t|hadn'?t|won'?t|wouldn'?t|couldn'?t|yet to|failed to|instead of|rather than)\b/);

/**
 * Before a cue, "nothing" and "nowhere" in the other languages deny the act as "nothing was
 * changed" does ("Hier hoefde niets aangepast te worden", "es wurde nichts geändert", "nergens
 * anders aangepast"). Kept out of NEGATION,
 * which also reads whole replies to a fix: there "plus rien ne passe" or "nada executa" reports
 * the fix working.
 */
export const NEGATION_BEFORE_CUE = new RegExp(
  `${NEGATION.source}|${unicodeWords(/\b(?:nichts|nix|rien|nada|niente|nulla|niets|niks|nirgends|nergens|nulle part)\b/).source}`,
  'u',
);

/**
 * Said anywhere in a comment, these make the whole comment doubtful: "patched upstream, can't
 * verify" is a rumour, whatever the clause boundaries.
 */
export const COMMENT_DOUBT =
  unicodeWords(/\b(?:no|não|nao|pas|nicht|non|niet)\b(?:\s+[\p{L}'-]+){0,4}?\s+(?:comprobado|verificado|confirmado|probado|testado|vérifié|confirmé|testé|geprüft|verifiziert|bestätigt|getestet|verificato|confermato|testato|gecontroleerd|geverifieerd|getest|comprobar|verificar|confirmar|probar|testar|vérifier|confirmer|tester|prüfen|überprüfen|verifizieren|bestätigen|testen|verificare|confermare|controllare|testare|controleren|verifiëren)\b|\b(?:no|not had|haven'?t had|hadn'?t|didn'?t have|did not have) (?:the |any )?time to (?:verify|check|confirm|test)\b|\b(?:can'?t|cannot|could not|couldn'?t|unable to) (?:verify|confirm|tell|check)\b|\bnot (?:sure|certain|verified|confirmed)\b|\bno idea\b|\bunverified\b|\b(?:don'?t|do not) know\b|\bhaven'?t (?:checked|verified|tested|confirmed)\b|\bunclear\b/u);

/** Speaker hedges: the clause reports a guess or a question, not an outcome. */
export const HEDGE =
  unicodeWords(/\b(?:könnte|könnten|dürfte|möglicherweise|eventuell|pourrait|pourraient|podría|podrían|poderia|poderiam|potrebbe|potrebbero|zou kunnen|creo que|creemos que|supongo|quizás?|tal vez|probablemente|parece que|acho que|achamos que|talvez|provavelmente|parece|je pense que|je crois que|peut-être|probablement|il semble|ich glaube|ich denke|vielleicht|wahrscheinlich|vermutlich|scheint|penso che|credo che|credo sia|penso sia|forse|probabilmente|sembra|ik denk|misschien|waarschijnlijk|might|maybe|perhaps|probably|possibly|presumably|apparently|supposedly|i think|i believe|i guess|i suppose|we think|we believe|(?:i|we) (?:don'?t|do not) (?:think|believe)|not sure|unsure|no idea|can'?t confirm|cannot confirm|unclear|could (?:it|this|that) be|is (?:it|this|that) (?:really |actually )?(?:fixed|resolved|patched|a|an|still)|seems?|seemingly|looks like|pretty sure|hopefully|should be|in theory|afaik|iirc|not certain|looks? (?:fixed|resolved|good|fine|ok|okay)|i heard|heard that|reportedly|allegedly|rumou?r(?:ed)?)\b/);

/** Conditions and requests: "if it's a false positive, close it", "please confirm it's patched". */
export const CONDITIONAL_BEFORE =
  unicodeWords(/\b(?:if|unless|whether|in case|assuming|once|as soon as|please|pls|can you|could you|can someone|would you|let me know|confirm (?:that|whether|if|it|where|when|what|how|which))\b/);

/** Before a fix cue: the change covered part of the problem ("only fixed the GET handler"). */
export const PARTIAL_BEFORE = unicodeWords(/\b(?:only|partially|partly|half|some of|one of)\b/);

/** After a "not deployed / not used" state: it has not happened yet, it is not a property of the code. */
export const NOT_YET_AFTER = unicodeWords(/\byet\b|\bso far\b/);

/** Intent for outcomes that are decisions rather than changes ("will accept the risk"). */
export const INTENT_BEFORE =
  unicodeWords(/\b(?:will|'ll|shall|going to|gonna|plan(?:ning|s)? to|need(?:s)? to|have to|has to|want(?:s)? to|trying to|about to|intend to|should|would|let'?s|hope to|aim to)\b/);

/**
 * Reported speech: a non-first-person subject saying something; what follows is theirs. In the
 * other languages, a third-person verb of saying before "that" ("il bot dice che è un falso
 * positivo", "der Bot sagt, dass …") or "according to".
 */
export const ATTRIBUTION =
  unicodeWords(/\b(?!(?:i|we|scanner|tool|rule|analy[sz]er|sast|detector)\b)[\w@'-]+\s+(?:says?|said|claims?|claimed|thinks|thought|suggests?|suggested|reckons|believes|insists|argues|argued|mentioned|mentions|told (?:me|us)|wrote|posted|reported that)\b|\baccording to\b|\b(?:dice|dicono|diceva|sostiene|sagt|sagte|meint|behauptet|dit|disait|prétend|affirme|dijo|afirma|diz|disse|zegt|zei|beweert),?\s+(?:che|dass|que|qu'|dat)\b|\b(?:secondo (?:il|la|lo|l')|selon (?:le|la|l')|según (?:el|la)|laut (?:dem|der)|volgens (?:de|het))\b/);

/** Intent or plan: a fix that will happen has not happened. */
export const FUTURE_BEFORE =
  unicodeWords(/\b(?:will|'ll|shall|going to|gonna|plan(?:ning|s)? to|need(?:s)? to|have to|has to|want(?:s)? to|trying to|try to|about to|intend to|should|would|could|let'?s|until|before|to be|hope to|aim to|needs? (?:the|it|them|this|that|these|those|our|their|its|all))\b/);
export const FUTURE_ANYWHERE =
  unicodeWords(/\b(?:next (?:sprint|week|release|month|quarter|cycle|iteration)|tomorrow|later this|eventually|in a follow-?up|to track (?:it|this|the fix)|todo|not yet|pending|(?:fica|ficou|deixamos|deixo) para (?:outra altura|outro dia|depois|mais tarde)|(?:queda|quedó|dejamos|lo dejo) para (?:otro momento|otro día|después|más tarde)|ein ander(?:mal|es mal)|une autre fois|un'altra volta|een andere keer)\b|(?:^|[.!?]\s+)(?:ainda não|ainda nao|todavía no|aún no|noch nicht|pas encore|non ancora|nog niet)(?=\s*(?:[,.!:;—–-]|$))/u);

/**
 * A change dated years back ("the cron entry was removed in 2021", "dropped years ago") is history
 * an argument rests on, not a change made for this finding. A calendar version ("in 2026.05.1") or
 * a day ("live since 2026-05-12") is not such a date.
 */
export const DATED_HISTORY_AFTER = unicodeWords(
  /^[^.;,]{0,30}?\b(?:(?:in|back in|en|em|nel) (?:19|20)\d\d\b(?![-./]?\d)|years ago|long ago|ages ago|il y a des années|hace años|há anos|vor jahren)/u,
);
/** A fix cue followed closely by one of these is housekeeping on the ticket, not the vulnerability. */
export const NON_SECURITY_OBJECT =
  unicodeWords(/^\W*(?:up )?to (?:the |our |this |next |[\w'-]+'s )?(?:p[0-4]|sev ?[0-4]|priority|top priority|highest|critical|blocker|urgent|agenda|backlog|sprint|board|queue|watch ?list|roadmap)\b|^\W*(?:the |a |an |some |my |our )?(?:[\w-]+ )?(?:myself|me|watchers?|typo|typos|link|links|description|title|summary|formatting|wording|spelling|labels?|assignee|components?|ticket|jira|comment|board|sprint|fields?|epic|priority|due date)\b/);

/** Pull requests, merge requests and commits: corroborate a fix stated elsewhere in the comment. */
export const CHANGE_REFERENCE =
  unicodeWords(/\b(?:pr|mr|pull request|merge request)\s*#?\d+\b|\b(?:merged|commit|sha|as|at|in)\s+[0-9a-f]{7,40}\b|(?:^|\s|\()#\d{2,}\b|\/pull\/\d+|\/merge_requests\/\d+|\bcommit [0-9a-f]{7,40}\b|\b[0-9a-f]{10,40}\b/);

/** Another Jira issue key (PROJ-123). */
export const ISSUE_KEY = unicodeWords(/\b[a-z][a-z0-9_]{1,9}-\d+\b/g);

/** Past-tense verbs worth recovering from a single adjacent-letter swap ("upgarded"). */
export const TYPO_CANONICAL_WORDS = [
  'upgraded',
  'deployed',
  'redeployed',
  'patched',
  'rotated',
  'removed',
  'released',
  'merged',
  'revoked',
  'replaced',
  'bumped',
  'fixed',
  'verified',
  'applied',
  'disabled',
  'deleted',
] as const;
