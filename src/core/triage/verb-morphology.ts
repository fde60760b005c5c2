/**
 * Verb morphology for closure triage in German, French, Spanish, Portuguese, Italian and Dutch.
 *
 * The speech acts ("reports a change made", "decides to live with it", "argues it is not
 * reachable") are the same in every language; what differs is how a verb says it happened. So
 * instead of sentences, each language lists verb *stems* by meaning, and one function per
 * language generates the forms that report a completed act: past participles in every gender and
 * number (which also carry the passive and the compound past: "foi revogada", "on a patché", "se
 * ha eliminado"), the simple past in the first persons and the third singular ("eliminamos",
 * "limpámos", "quitó", "corrigiu"). Present and future forms are deliberately absent: "corrige",
 * "corregirá" name an act that has not happened. Whether a generated form is still a plan ("será
 * eliminado", "wird entfernt") is decided by the modality tables in `clause-structure.ts`.
 */

export type MorphologyLanguage = 'de' | 'fr' | 'es' | 'pt' | 'it' | 'nl';

/** Verb classes by meaning. Stems only; forms come from the generators below. */
export type VerbClass = 'fix' | 'change' | 'accept' | 'use';

interface RomanceStems {
  /** First conjugation (-ar / -er in French / -are): stem before the ending. */
  first: readonly string[];
  /** Second and third conjugations (-er/-ir, -ere/-ire): stem before the ending. */
  other: readonly string[];
  /** Irregular completed forms, written out. */
  irregular: readonly string[];
}

const ES: Readonly<Record<VerbClass, RomanceStems>> = {
  fix: {
    first: ['arregl', 'solucion', 'parche', 'remedi', 'subsan'],
    other: ['correg', 'corrig', 'resolv'],
    irregular: ['corregido', 'corregida', 'corregidos', 'corregidas', 'corrigió', 'corregí', 'corrigieron', 'resuelto', 'resuelta', 'resueltos', 'resueltas', 'resolvimos', 'resolvió', 'arreglé', 'parcheé', 'solucioné'],
  },
  change: {
    first: ['elimin', 'quit', 'retroport', 'public', 'merge', 'reemplaz', 'desactiv', 'deshabilit', 'actualiz', 'migr', 'revoc', 'rot', 'limpi', 'borr', 'aplic', 'cambi', 'retir', 'purg', 'regener', 'renov', 'endurec', 'despleg', 'sac', 'fij'],
    other: ['sustitu', 'endurec', 'sub'],
    irregular: ['actualicé', 'apliqué', 'revoqué', 'desplegué', 'saqué', 'puesto', 'puesta', 'pusimos', 'hecho', 'hicimos', 'desplegamos', 'reemplacé'],
  },
  accept: {
    first: ['acept', 'toler', 'aprob'],
    other: ['asum'],
    irregular: ['asumimos', 'firmado', 'firmada', 'firmó', 'firmamos'],
  },
  use: {
    first: ['us', 'utiliz', 'llam', 'invoc', 'ejecut', 'carg', 'alcanz', 'expon', 'entreg', 'despleg', 'empaquet'],
    other: [],
    irregular: ['usa', 'utiliza', 'llama', 'ejecuta', 'llega', 'carga', 'expuesto', 'expuesta', 'alcanza'],
  },
};

const PT: Readonly<Record<VerbClass, RomanceStems>> = {
  fix: {
    first: ['consert', 'solucion', 'remedi', 'arrum'],
    other: ['corrig', 'resolv'],
    irregular: ['corrigi', 'corrigiu', 'corrigimos', 'resolvemos', 'resolveu', 'resolvi', 'corrigido', 'corrigida', 'corrigidos', 'corrigidas', 'resolvido', 'resolvida', 'consertei'],
  },
  change: {
    first: ['troc', 'retroport', 'public', 'merge', 'desativ', 'desabilit', 'atualiz', 'migr', 'revog', 'rotacion', 'limp', 'apag', 'aplic', 'alter', 'mud', 'retir', 'implant', 'elimin', 'regener', 'renov', 'purg', 'fix'],
    other: ['remov', 'substitu', 'reconstru'],
    irregular: ['substituído', 'substituída', 'substituídos', 'substituídas', 'substituímos', 'removi', 'removeu', 'removemos', 'limpo', 'limpa', 'apliquei', 'atualizei', 'troquei', 'posto', 'posta', 'pusemos', 'feito', 'fizemos', 'subimos', 'subiu'],
  },
  accept: {
    first: ['aceit', 'toler', 'aprov', 'assin'],
    other: ['assum'],
    irregular: ['aceite', 'aceito', 'assumimos', 'assumido', 'assumida'],
  },
  use: {
    first: ['us', 'utiliz', 'cham', 'invoc', 'execut', 'carreg', 'alcanç', 'entreg', 'implant', 'empacot'],
    other: [],
    irregular: ['usa', 'utiliza', 'chama', 'executa', 'chega', 'carrega', 'exposto', 'exposta', 'alcança'],
  },
};

const FR: Readonly<Record<VerbClass, RomanceStems>> = {
  fix: {
    first: ['corrig', 'patch', 'répar', 'résorb', 'fix', 'régl'],
    other: [],
    irregular: ['résolu', 'résolue', 'résolus', 'résolues', 'corrigeons', 'avons corrigé'],
  },
  change: {
    first: ['supprim', 'remplac', 'déploy', 'migr', 'désactiv', 'révoqu', 'retir', 'appliqu', 'nettoy', 'purg', 'chang', 'modifi', 'upgrad', 'régénér', 'renouvel', 'livr', 'bascul', 'mont', 'enlev', 'effac', 'rétroport', 'backport', 'publi', 'merg'],
    other: [],
    irregular: ['mis à jour', 'mise à jour', 'mises à jour', 'mis en place', 'mise en place', 'mis en prod', 'restreint', 'restreinte', 'durci', 'durcie', 'faite?(?! pour)', 'reconstruit', 'reconstruite'],
  },
  accept: {
    first: ['accept', 'assum', 'toler', 'approuv', 'sign', 'valid'],
    other: [],
    irregular: ['on vit avec', 'nous vivons avec', 'vivre avec'],
  },
  use: {
    first: ['utilis', 'appel', 'invoqu', 'exécut', 'charg', 'expos', 'atteint', 'livr', 'déploy', 'embarqu', 'packag'],
    other: [],
    irregular: ['utilise', 'appelle', 'exécute', 'arrive', 'charge', 'atteint'],
  },
};

const IT: Readonly<Record<VerbClass, RomanceStems>> = {
  fix: {
    first: ['sistem', 'ripar', 'fix'],
    other: [],
    irregular: ['corretto', 'corretta', 'corretti', 'corrette', 'risolto', 'risolta', 'risolti', 'risolte', 'abbiamo corretto', 'abbiamo risolto'],
  },
  change: {
    first: ['disattiv', 'aggiorn', 'migr', 'revoc', 'applic', 'rilasci', 'ruot', 'elimin', 'cambi', 'sostitu', 'rimpiazz', 'cancell', 'disabilit', 'deploy', 'patch'],
    other: ['pul', 'sostitu'],
    irregular: ['rimosso', 'rimossa', 'rimossi', 'rimosse', 'messo', 'messa', 'fatto', 'tolto', 'tolta', 'tolti', 'tolte', 'spento', 'spenta', 'spenti', 'spente', 'distrutto', 'distrutta', 'distrutti', 'distrutte', 'mergiato', 'mergiata', 'deployato', 'deployata'],
  },
  accept: {
    first: ['accett', 'toller', 'approv', 'firm'],
    other: [],
    irregular: ['conviviamo con', 'conviviamo'],
  },
  use: {
    first: ['us', 'utilizz', 'chiam', 'invoc', 'esegu', 'caric', 'raggiung', 'rilasci', 'distribu'],
    other: ['esegu'],
    irregular: ['usa', 'chiama', 'esegue', 'arriva', 'carica'],
  },
};

/** German and Dutch: participles are irregular enough to list; the -iert family is generated. */
const DE: Readonly<Record<VerbClass, readonly string[]>> = {
  fix: ['behoben', 'gefixt', 'gefixed', 'gepatcht', 'repariert', 'korrigiert', 'beseitigt', 'gelöst'],
  change: ['entfernt', 'ersetzt', 'ausgetauscht', 'getauscht', 'deaktiviert', 'abgeschaltet', 'ausgeschaltet', 'abgestellt', 'aktualisiert', 'migriert', 'gelöscht', 'ausgerollt', 'deployt', 'deployed', 'eingespielt', 'rotiert', 'widerrufen', 'bereinigt', 'umgestellt', 'gesperrt', 'eingeschränkt', 'angehoben', 'hochgezogen', 'upgegradet', 'geupgradet', 'gehärtet', 'abgesichert', 'ausgebaut', 'rausgenommen', 'herausgenommen', 'geändert', 'angepasst', 'erneuert', 'neu ausgestellt', 'gebumpt', 'zurückportiert', 'backportiert', 'veröffentlicht', 'gemergt', 'gemerged', 'ergänzt', 'hinzugefügt', 'nachgerüstet', 'umgesetzt', 'implementiert', 'eingebaut'],
  accept: ['akzeptiert', 'hingenommen', 'in kauf genommen', 'nehmen (?:es|das|dies) in kauf', 'leben damit', 'damit leben', 'toleriert', 'genehmigt', 'freigegeben', 'unterschrieben', 'abgezeichnet', 'abgenommen'],
  use: ['verwendet', 'benutzt', 'genutzt', 'aufgerufen', 'ausgeführt', 'geladen', 'erreicht', 'erreichbar', 'eingebunden', 'ausgeliefert', 'deployt', 'paketiert'],
};

const NL: Readonly<Record<VerbClass, readonly string[]>> = {
  fix: ['opgelost', 'gefixt', 'gerepareerd', 'gepatcht', 'verholpen', 'gecorrigeerd'],
  change: ['verwijderd', 'vervangen', 'uitgeschakeld', 'bijgewerkt', 'geüpgraded', 'geüpgradet', 'uitgerold', 'gemigreerd', 'ingetrokken', 'aangepast', 'geroteerd', 'gewijzigd'],
  accept: ['geaccepteerd', 'aanvaard', 'goedgekeurd', 'getekend'],
  use: ['gebruikt', 'aangeroepen', 'uitgevoerd', 'geladen', 'bereikt', 'uitgeleverd', 'uitgerold'],
};

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Completed forms of Spanish and Portuguese verbs: participles in all genders and numbers, preterite 1sg/1pl/3sg/3pl. */
function iberianForms(stems: RomanceStems, language: 'es' | 'pt'): string[] {
  const firstEndings =
    language === 'es' ? ['ado', 'ada', 'ados', 'adas', 'amos', 'ó', 'é', 'aron'] : ['ado', 'ada', 'ados', 'adas', 'amos', 'ámos', 'ei', 'ou', 'aram'];
  const otherEndings =
    language === 'es' ? ['ido', 'ida', 'idos', 'idas', 'imos', 'ió', 'í', 'ieron'] : ['ido', 'ida', 'idos', 'idas', 'emos', 'imos', 'i', 'eu', 'iu', 'eram', 'iram'];
  return [
    ...stems.first.flatMap((stem) => firstEndings.map((ending) => stem + ending)),
    ...stems.other.flatMap((stem) => otherEndings.map((ending) => stem + ending)),
    ...stems.irregular,
  ];
}

/** French: past participles of -er verbs (the compound past carries them: "on a patché"). */
function frenchForms(stems: RomanceStems): string[] {
  return [...stems.first.flatMap((stem) => ['é', 'ée', 'és', 'ées'].map((ending) => stem + ending)), ...stems.irregular];
}

/**
 * Italian participles that are also English verbs in the present ("when we migrate in January",
 * "to eliminate the copy"): read as Italian they would turn an English plan into a change made.
 */
const ENGLISH_HOMOGRAPHS: ReadonlySet<string> = new Set(['migrate', 'eliminate', 'fixate', 'revocate']);

/** Italian: participles of -are and -ire verbs, passato remoto 1pl. */
function italianForms(stems: RomanceStems): string[] {
  return [
    ...stems.first.flatMap((stem) => ['ato', 'ata', 'ati', 'ate', 'ammo'].map((ending) => stem + ending)),
    ...stems.other.flatMap((stem) => ['ito', 'ita', 'iti', 'ite', 'immo'].map((ending) => stem + ending)),
    ...stems.irregular,
  ].filter((form) => !ENGLISH_HOMOGRAPHS.has(form));
}

/** Every completed form of a verb class in one language. */
export function completedForms(verbClass: VerbClass, language: MorphologyLanguage): string[] {
  switch (language) {
    case 'es':
      return iberianForms(ES[verbClass], 'es');
    case 'pt':
      return iberianForms(PT[verbClass], 'pt');
    case 'fr':
      return frenchForms(FR[verbClass]);
    case 'it':
      return italianForms(IT[verbClass]);
    case 'de':
      return [...DE[verbClass]];
    case 'nl':
      return [...NL[verbClass]];
  }
}

const LANGUAGES: readonly MorphologyLanguage[] = ['de', 'fr', 'es', 'pt', 'it', 'nl'];

/**
 * A word-bounded alternation of the completed forms of a verb class across the languages
 * (longest first, so "desactivadas" wins over "desactivada"). `\b` here is rewritten to a
 * Unicode-aware boundary by `unicodeWords` in the caller. Forms already written as patterns
 * ("nehmen (?:es|das) in kauf") are kept as they are.
 */
export function completedFormsSource(verbClass: VerbClass, languages: readonly MorphologyLanguage[] = LANGUAGES): string {
  const forms = [...new Set(languages.flatMap((language) => completedForms(verbClass, language)))];
  forms.sort((a, b) => b.length - a.length);
  const alternatives = forms.map((form) => (/[(?:|]/.test(form) ? form : escape(form)).replace(/ /g, '\\s+'));
  return String.raw`\b(?:${alternatives.join('|')})\b`;
}
