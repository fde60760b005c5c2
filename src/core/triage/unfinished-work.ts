import { splitSentences } from './clause-structure';
import { unicodeWords } from './unicode-words';

/**
 * Work said to be unfinished: a fix that has not reached production or left part as it was, a
 * change still waiting for review, an acceptance still waiting for its approval. The classifier
 * asks these of the deciding comment and, when it only closes the ticket, of the comments since
 * the outcome was last reported (README rule 3: a ticket closed early decides nothing).
 */

/** Waiting for something: the outcome has not happened yet. */
export const PENDING = unicodeWords(
  /\b(?:falta|faltan|fehlt noch|steht noch aus|reste à|il reste à|manca|mancano|resta da|nog te|(?:encore |reste )?à (?:confirmer|valider|faire valider)|(?:pendiente de |por |a )confirmar|da confermare|(?:noch )?zu bestätigen|te bevestigen|to be confirmed|pending|awaiting|waiting (?:for|on)|not yet|to be (?:approved|signed|reviewed|merged|deployed|released))\b|\b(?:not|isn'?t|aren'?t|hasn'?t|haven'?t|wasn'?t|weren'?t)\b[^.;,]{0,40}?\byet\b/,
);

/** Where a fix must arrive to count: production, or the rollout that takes it there. */
const PRODUCTION = unicodeWords(
  /\b(?:prod|prd|production|rollout|roll(?:ing)? (?:it |this )?out|release (?:train|branch)|go-?live|produktion|produktiv|producción|produção|produzione|mep|mise en prod\w*)\b/u,
);
/**
 * …still ahead: a promise, a later train or window, a hold or freeze, a wait, put off, or not
 * applied yet ("La prod va suivre … à cause du gel", "Production needs to wait for Tuesday's
 * maintenance window", "the release train 2026.05.4, which was postponed").
 */
const STILL_AHEAD = unicodeWords(
  /\b(?:will|'ll|next (?:release|train|window|sprint|week|deploy\w*)|follows?|go(?:es)? (?:out |in )?with|wait (?:for|until|till)|not (?:yet )?(?:applied|deployed|rolled out|live|merged)|still (?:pending|waiting)|waiting (?:for|on)|pending|scheduled|freeze|frozen|holding|gets? it (?:on )?(?:mon|tue|wed|thu|fri|sat|sun|tomorrow|tmrw|next)\w*|release calendar|week of|folgt|kommt (?:mit|im|in)|noch nicht|nog niet|hängt noch|fica para|ficou para|queda para|quedó para|reste pour|resta per|noch am|nächste[nrms]? (?:release|woche|sprint|version)|suivra|pas encore|prochaine? (?:release|mise|semaine|version|mep)|seguirá|todavía no|aún no|siguiente (?:release|versión|semana|sprint)|va en (?:el|la) próxim[oa]|ainda não|vai junto|vai no|próxim[oa] (?:release|versão|semana|janela|sprint)|sale con el release|toca esperar|hay que esperar|postponed|delayed|deferred|pushed (?:back|out)|rescheduled|verschoben|report[ée]e?s?|aplazad[oa]s?|pospuest[oa]s?|adiad[oa]s?|rinviat[oa]|va(?:nt)? suivre|va(?:n)? a (?:salir|ir|subir|desplegarse|aplicarse)|v(?:ai|ão) (?:subir|entrar|sair|seguir)|gel|congelamento|congelación|congelamiento)\b/u,
);

/** …or planned for a date ("MEP prévue jeudi soir", "prod rollout planned for the 12th"), unless it went as (or faster than) planned. */
const PLANNED = unicodeWords(
  /(?<!\b(?:as|than|wie|als|comme|que|como|conforme|lo|o) )\b(?:planned|geplant|eingeplant|ingepland|prévue?s?|planifiée?s?|programad[oa]s?|previst[oa]s?|planead[oa]s?|agendad[oa]s?|planejad[oa]s?)\b/u,
);
/**
 * …or booked into a change window or change request with nothing saying it went ("PROD deployment
 * is part of CR-2026-0703, MW-2026-06A (06/13)", "Prod apply needs a maintenance window"). Change
 * records name the window before and after it runs, so a sentence with a completed verb
 * ("Deployed to PROD under CR-2026-0614 during MW-2026-05C", "Wartungsfenster ist gut gegangen,
 * Prod läuft jetzt") does not put production ahead.
 */
const CHANGE_SLOT = unicodeWords(
  /\b(?:mw-[\w-]+|cr-?\d+|chg\d+|crq\d+|cab|change (?:advisory )?board|change (?:request|ticket|record)|(?:maintenance|change|release|patch|deploy(?:ment)?) window|release train|wartungsfenster|release-?fenster|fenêtre de (?:maintenance|changement|mise en production)|ventana de (?:mantenimiento|cambios?)|janela de (?:manuten\w+|mudança)|finestra di (?:manutenzione|rilascio|cambio)|wijzigingsvenster|onderhoudsvenster)\b/u,
);
/** "store rollout is booked for the 12th": booked for a date, with nothing saying it went. */
const BOOKED = unicodeWords(/\bbooked (?:for|in|into)\b/u);
/** A completed verb: English -ed except words that book or hold a change, and the other languages' participles. */
const WENT = unicodeWords(
  /\b(?!(?:scheduled|planned|postponed|delayed|deferred|drafted|booked|needed|required|blocked|approved|raised|submitted|requested|queued|tracked|proposed|slotted|reserved|aligned|bundled|attached|linked|included|expected|targeted|pencilled|penciled|handed)\b)\p{L}+ed\b|\bsince (?:chg|cr-?\d|mw-|yesterday|today|this morning|last|\d)|\b(?:yesterday|last night|gestern|gisteren|ayer|anoche|ontem|ieri|stanotte|hier soir)\b|\b(?:went|gone|done|now|live|ran|läuft|gelaufen|gegangen|erfolgt|durchgeführt|ausgerollt|eingespielt|déployée?s?|appliquée?s?|passée?s?|livrée?s?|effectuée?s?|desplegad[oa]s?|aplicad[oa]s?|realizad[oa]s?|implantad[oa]s?|executad[oa]s?|feito|hecho|fait)\b/u,
);
/**
 * A sentence that puts production still ahead ("Prod will follow with the train", "Prod: not
 * applied", "holding the merge until the release branch is cut"): a fix said before or with it
 * has not reached what runs.
 */
/**
 * Not out yet, with no word for production needed: "Not deployed yet.", "pas encore déployé".
 * "Yet" (or its equivalents) makes it a wait, not an argument that the code never ships.
 */
const NOT_OUT_YET = unicodeWords(
  /\bnot (?:yet )?(?:deployed|released|rolled out|live|shipped|installed|applied)\b[^.;,]{0,12}\byet\b|\bnot yet (?:deployed|released|rolled out|live|shipped|installed|applied)\b|\bpas encore (?:déployée?s?|livrée?s?|en prod\w*|installée?s?|appliquée?s?)\b|\bnoch nicht (?:deployed|ausgerollt|eingespielt|installiert|live|produktiv)\b|\b(?:todavía|aún) no (?:(?:se ha |está |ha sido |fue )?(?:desplegad[oa]|instalad[oa]|aplicad[oa]|publicad[oa])|se (?:ha )?desplegado)\b|\bainda não (?:(?:foi |está |entrou )?(?:implantad[oa]|instalad[oa]|aplicad[oa]|publicad[oa]|em produção)|subiu)\b/u,
);

function productionStillAhead(prose: string): string | undefined {
  return splitSentences(prose).find((sentence) => {
    const lower = sentence.toLowerCase();
    if (NOT_OUT_YET.test(lower)) return true;
    if (!PRODUCTION.test(lower)) return false;
    return STILL_AHEAD.test(lower) || PLANNED.test(lower) || ((CHANGE_SLOT.test(lower) || BOOKED.test(lower)) && !WENT.test(lower));
  });
}

/**
 * Part of what was flagged left as it was, said in the present: "invoice-worker still on the old
 * one", "billing-sync still has verify=False", "ainda usa a versão velha". Said in the past ("the
 * image was still on buster") it explains the finding; after a modal ("must still have dest as
 * prefix") it describes the fix.
 */
const STILL_AS_IT_WAS = unicodeWords(
  /(?<!\b(?:was|were|had|must|should|will|can|to|would|could) )\bstill (?:on|has|have|uses?|using|pins?|pinned|vulnerable|exposed|open|affected|accepts?|allows?|runs?|running|ships?|sends?|returns?|disables?|behaves|needs?|unpatched|missing|lacks?|active|enabled)\b|\b(?:stays? on (?:v?\d|the (?:old|previous|legacy))|noch auf|immer noch|sigue(?:n)? (?:en|con|usando|expuest\w*|activ\w*)|todav[ií]a (?:usa|est[aá]|tiene|corre)|a[uú]n (?:usa|est[aá]|tiene|corre)|ainda (?:est[aá]|usa|tem|roda)|continua(?:m)? (?:em|com|usando|expost\w*)|toujours (?:sur|en|vuln\w*|expos\w*|actif)|encore sur|(?:gira|girano|resta|restano|rimane|rimangono|è|sono) ancora (?:su|sulla|sul|con|la versione|il vecchio|la vecchia|vulnerabil\w*|espost\w*)|(?:de nouveau|à nouveau) sur l'ancienne)\b|\b(?:remains?|stays?|is still|are still|still sits?) (?:\w+ )?in (?:the )?(?:git |repo(?:sitory)? |commit )?history\b|:\s*(?:unchanged|not (?:yet )?(?:fixed|changed|done|started|patched|touched))\b/u,
);
/**
 * A sentence that opens with what is still missing ("Falta el registro vacunal y el portal",
 * "Fehlt noch das Portal", "Il reste le portail", "Mancano ancora i batch"): part is still to do.
 * Not housekeeping on the ticket or its documentation ("falta cerrar el ticket").
 */
const STILL_MISSING = unicodeWords(
  /^\W*(?:(?:todavía|aún|ainda|noch) )?(?:faltan?|faltam?|fehlt noch|fehlen noch|il reste|reste|mancano|manca)\b(?: (?:todavía|aún|ainda|ancora|encore|noch))? (?:el|la|los|las|lo|o|a|os|as|le|les|l'|il|i|gli|der|die|das|den|un|una|um|uma|une)\b(?![^.;]{0,30}\b(?:ticket|jira|documentaci[oó]n|documentação|documentation|dokumentation|doku|wiki|changelog|release notes?)\b)/u,
);

/** "14 of the 31 repositories", "3 von 5 Clustern": a count that stops short of the whole. */
const PART_OF_WHOLE =
  /\b(\d+) (?:of|out of|von|de|sur|dos|das|del) (?:the |los |las |os |as |les |den )?(\d+)\b/u;

/**
 * A backport or follow-up still to come ("5.0 follow-up whenever Mateo gets to it", "pinned to
 * 2.8.x for now, will open a follow-up"); not one ruled out or only conditional ("will not
 * backport", "if upstream doesn't backport I'll do it").
 */
const FOLLOW_UP = /\b(?:backport\w*|follow-?up)\b/u;
const FOLLOW_UP_AHEAD = unicodeWords(/\b(?:coming|will|'ll|next (?:week|sprint|release)|whenever|pending|to ?do|tbd|planned|scheduled)\b/u);
const NOT_AHEAD = /\b(?:not|if|unless|no)\b/u;
/** "purge not done yet" says the work is ahead; its "not" rules nothing out. */
const NOT_DONE_YET = /\bnot (?:done |started )?yet\b/gu;

/**
 * A sentence saying part of what was flagged is left as it was ("invoice-worker still on the old
 * one", "14 of the 31 repositories are migrated") or still to come (FOLLOW_UP): a fix said before
 * or with it covers only part.
 */
function partLeftAsItWas(prose: string): string | undefined {
  return splitSentences(prose).find((sentence) => {
    const lower = sentence.toLowerCase();
    if (STILL_AS_IT_WAS.test(lower) || STILL_MISSING.test(lower)) return true;
    if (FOLLOW_UP.test(lower) && FOLLOW_UP_AHEAD.test(lower) && !NOT_AHEAD.test(lower)) return true;
    const count = PART_OF_WHOLE.exec(lower);
    return count !== null && Number(count[1]) < Number(count[2]) && Number(count[2]) < 1000;
  });
}

/**
 * The change made so far is a stopgap and the real one is still to come ("Real fix (check entry
 * names) will be in release 5.3", "proper fix tbd", "the actual fix is planned for R2026.07").
 */
const REAL_FIX = unicodeWords(/\b(?:real|proper|actual|permanent|long[- ]term|full|definitive|structural) fix\b/u);
const REAL_FIX_AHEAD = unicodeWords(
  /\b(?:will|'ll|is (?:still )?(?:to ?do|tbd|open|pending)|tbd|todo|to do|planned|scheduled|tracked|comes?|coming|later|next|follow-?up|needs?|requires?|means|would|after|once|when|moving|moved)\b/u,
);
const REAL_FIX_DONE = unicodeWords(/\b(?:is|was|now|already|has been|got) (?:\w+ )?(?:merged|deployed|live|shipped|in prod\w*|released|done|applied|rolled out)\b|\bnot a stopgap\b|\b(?:is|was|are|were) (?:the |a |our )?(?:real|proper|actual|permanent|long[- ]term|full|definitive|structural) fix\b/u);
function realFixStillAhead(prose: string): string | undefined {
  return splitSentences(prose).find((sentence) => {
    const lower = sentence.toLowerCase();
    return REAL_FIX.test(lower) && REAL_FIX_AHEAD.test(lower) && !REAL_FIX_DONE.test(lower);
  });
}

export interface Unfinished {
  what: string;
  phrase: string;
}

/**
 * A secret removed but its rotation or revocation still to come ("rotation needs a coordinated swap
 * with the player team, booked for the 12th", "Rotating the account itself needs downtime"): the
 * exposed value still works. Not a rotation schedule that is part of the fix ("next rotation in 90
 * days", "rotation every quarter").
 */
const ROTATION_AHEAD = unicodeWords(
  /(?<!\bnext )\b(?:rotation|revocation|rotating(?: [\w-]+){1,3}?)\b (?:still )?(?:needs|requires|is (?:still )?(?:booked|pending|scheduled|planned|blocked|open)|booked|pending|scheduled|planned|tbd|to follow|waits|depends)\b(?![^.;]{0,40}\b(?:every|automatic\w*|from now on|going forward)\b)/u,
);

/** The exposed value still works: "Until then the value that was committed remains the live credential." */
const SECRET_STILL_LIVE = unicodeWords(
  /\b(?:remains?|is still|are still|stays?) (?:the |a |our )?(?:live|active|current|valid|working|production) (?:credential|password|key|secret|token|api key)s?\b|\b(?:old|exposed|leaked|committed|compromised) (?:credential|password|key|secret|token|value|api key)s? (?:is |are )?(?:still|remains?|stays?) (?:valid|works?|active|live|in use|usable)\b/u,
);

/**
 * A leaked secret counts as fixed once rotated and purged (triage README): a sentence that leaves
 * the purge from history still to come ("Limpiar el historial queda pendiente", "history rewrite
 * is next week", "still in git history, purge not done yet") leaves the fix unfinished.
 */
const HISTORY_NOUN = unicodeWords(/\b(?:history|historial|histórico|historique|historie|verlauf|git-historie|storia|cronologia|geschiedenis|historia|historii|historię)\b/u);
const PURGE_VERB = unicodeWords(/\b(?:purg\w*|clean\w*|scrub\w*|rewrit\w*|filter-repo|bfg|limpi\w*|limpa\w*|limpe\w*|nettoy\w*|réécri\w*|bereinig\w*|säuber\w*|umschreib\w*|pulir\w*|pulizi\w*|opschon\w*|herschrijv\w*)/u);
const STILL_TO_COME = unicodeWords(
  /\b(?:pending|still to|to do|tbd|not (?:done |started )?yet|next|plus tard|on verra|más tarde|mais tarde|später|più tardi|tomorrow|will|'ll|later|pendiente|pendientes|pendente|pendentes|falta|faltan|en attente|reste à|à faire|noch|steht (?:noch )?aus|ausstehend|da fare|ancora da|in sospeso|nog|później|potem|jeszcze nie|zrobimy|zostaje na)\b/u,
);

export function fixUnfinished(prose: string): Unfinished | undefined {
  const rotation = splitSentences(prose).find((sentence) => {
    const lower = sentence.toLowerCase();
    return ROTATION_AHEAD.test(lower) || SECRET_STILL_LIVE.test(lower);
  });
  if (rotation !== undefined) return { what: 'the secret is still to be rotated', phrase: rotation };
  const purge = splitSentences(prose).find((sentence) => {
    const lower = sentence.toLowerCase();
    return HISTORY_NOUN.test(lower) && PURGE_VERB.test(lower) && STILL_TO_COME.test(lower) && !NOT_AHEAD.test(lower.replace(NOT_DONE_YET, ''));
  });
  if (purge !== undefined) return { what: 'the secret is still to be purged from history', phrase: purge };
  const ahead = productionStillAhead(prose);
  if (ahead !== undefined) return { what: 'production is still ahead', phrase: ahead };
  const part = partLeftAsItWas(prose);
  if (part !== undefined) return { what: 'part is left as it was', phrase: part };
  const realFix = realFixStillAhead(prose);
  if (realFix !== undefined) return { what: 'the real fix is still ahead', phrase: realFix };
  const review = splitSentences(prose).find((sentence) => AWAITS_REVIEW.test(sentence.toLowerCase()));
  return review === undefined ? undefined : { what: 'the change still awaits review', phrase: review };
}

/** The change itself still waits for a reviewer ("blocked waiting for a code owner's approval"). */
const AWAITS_REVIEW =
  /\b(?:waiting|awaiting|esperando|aguardando|wartet auf|en attente d[e'])\s+(?:\S+\s+){0,3}?(?:review|approval|aprobación|aprovação|revisión|revisão|freigabe|validation|relecture)\b/u;
/**
 * A pending marker counts against an acceptance only in a sentence about its approval ("pending
 * sign-off from the CISO"): "I'm OK waiting for the org trail" is the acceptance itself.
 */
const ABOUT_APPROVAL =
  /\b(?:approv\w*|sign-?off|signature|sign\w*|decision|ciso|committee|council|board|forum|genehmig\w*|freigabe|aprob\w*|aprova\w*|validation|comit\w*)\b/u;

/**
 * An acceptance still waiting for whoever must approve it. A review date ("to be reviewed in six
 * months") is part of an acceptance, not a wait for one.
 */
const AWAITS_APPROVAL =
  /\b(?:for (?:approval|sign-?off)|(?:still )?needs (?:the |a |an )?(?:[\p{L}'’-]+ ){0,4}?(?:signature|sign-?off|approval)|(?<=(?:^|[.;!?]\s*)@?[\p{L}-]+ )to (?:sign(?:-| )off|approve)(?: (?:on )?(?:this|it|that))?(?=\s*(?:[.!]|$))|to sign (?:off )?(?:the |this |our |that )?(?:exception|waiver|acceptance|risk)|(?:until|once) (?:it'?s|it is|they|he|she|it gets|we get) (?:approved|signed)|(?:approved|accepted) or not|en attente d[e'] ?(?:validation|approbation|signature)|pendiente de (?:aprobación|firma)|aguardando (?:aprovação|assinatura)|wartet auf (?:freigabe|genehmigung)|zur (?:freigabe|genehmigung))\b/u;

/**
 * The decision itself is still to be made ("Decision next Tuesday once procurement comes back",
 * "whether we fix this or raise an exception is a decision for the ARB on 12 May"), or the
 * acceptance was only asked for ("has been requested", "on the agenda for RC", "in the queue for
 * the April risk committee"): an acceptance offered or requested is not taken yet. Rounds 15 and
 * 16 (docs/triage.md): four wrong acceptances fewer over the spent sets, nothing right lost.
 */
const DECISION_AHEAD = unicodeWords(
  /\b(?:decision (?:next|on (?:the )?\d|at the next|by (?:the )?(?:end|next)|due|tbd|to follow|will be (?:made|taken))|(?:is|are) (?:a|the) decision for|decision (?:belongs to|lies with|rests with|sits with|is up to) (?:the )?|(?:asked|requested|applied) (?:[\p{L}-]+ ){0,2}for (?:an? |the )?(?:risk )?(?:exception|waiver|acceptance|deviation)\b(?![^.;]{0,60}\b(?:approved|signed|granted)\b)|while (?:that|it|this|the (?:exception|waiver|request)) (?:goes|is going) through|(?:has been|have been|was|is) (?:requested|submitted)(?! and (?:approved|signed))|submitted, not approved|on the agenda (?:for|of|at)|in the queue for|(?:submitting|requesting|raising|filing|sending|escalating) (?:a |an |the )?(?:risk )?(?:exception|waiver|acceptance|deviation)\b(?![^.;]{0,60}\b(?:approved|signed|granted)\b)|(?:is|are|sits?|lies|now) with the (?:[\w-]+ ){0,3}(?:committee|board|council|cab|arb|forum)\b|to be decided|(?:will|'ll|going to) decide|(?:escalat(?:e|ed|ing)|eskalier\p{L}*|escalad[oa]|escalo|escalei|escalamos|escalé|escalade|scalo|scalato) (?:this |it |that |das |es |dies |ça |cela |esto |eso |isto |questo )?(?:to|an|ans|zum|zur|au|à|al|a la|ao|alla) (?![^.;]{0,110}\b(?:approved|signed|granted|accepted|genehmigt|akzeptiert|aprobad|aprovad|approuvé|accepté))\p{L}+|(?:antrag auf|demande d[e'] ?|solicitud de|pedido de|richiesta di) ?(?:\p{L}+ )?(?:risikoakzeptanz|risikoübernahme|ausnahme\w*|dérogation|acceptation|excepción|aceptación|exceção|aceitação|eccezione|accettazione)|(?:risikoakzeptanz|ausnahme\w*) (?:ist |wurde )?(?:beantragt|angefragt)|entscheidung (?:folgt|steht (?:noch )?aus|fällt|nächste)|wird (?:im|am|in der) \S+ entschieden|décision (?:à venir|attendue|sera prise|lors)|(?:on |nous )?attend(?:ons)? (?:la |une )?décision|en attente de (?:la )?décision|(?:esperamos|esperando|a la espera de) (?:la )?decisión|(?:aguardamos|aguardando|esperando) (?:a )?decisão|warten (?:noch )?auf die entscheidung|in attesa della decisione|aspettiamo la decisione|wachten op (?:het|de) (?:besluit|beslissing)|waiting (?:for|on) (?:the )?(?:[\w-]+ ){0,2}decision|decisión (?:pendiente|se tomará)|decisão (?:pendente|será tomada))\b/u,
);

export function acceptanceAwaited(prose: string): Unfinished | undefined {
  const lower = prose.toLowerCase();
  const everyPending = new RegExp(PENDING.source, `${PENDING.flags.replace('g', '')}g`);
  const pending = splitSentences(lower)
    .filter((sentence) => ABOUT_APPROVAL.test(sentence))
    .flatMap((sentence) => [...sentence.matchAll(everyPending)])
    .find(([marker]) => !/review/u.test(marker));
  const awaited = pending?.[0] ?? AWAITS_APPROVAL.exec(lower)?.[0] ?? DECISION_AHEAD.exec(lower)?.[0];
  if (awaited === undefined) return undefined;
  const sentence =
    splitSentences(prose).find((candidate) => candidate.toLowerCase().includes(awaited)) ?? awaited;
  return { what: 'the acceptance still awaits a decision', phrase: sentence };
}
