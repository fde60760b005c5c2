import { findGroupSpans, type TextSpan } from './text-span';

/**
 * The app's own pattern rules, next to secretlint's maintained preset (`maintained-rules.ts`): the
 * keyword-named values secretlint leaves to configuration, URL passwords and query secrets, bearer
 * and basic credentials, webhook URLs and a few token formats the preset does not know. Each names
 * the capture group that is the secret itself so key names, quotes, `Bearer `, and URL hosts stay
 * readable around `[REDACTED]`.
 *
 * Linear time, by construction: every quantifier is bounded (`{0,64}`, `{1,1024}`…), no two
 * adjacent quantified parts can match the same characters unboundedly, and the caller hands the
 * rules bounded windows of text. A pattern's cost per starting position is therefore a constant and
 * a text's cost is proportional to its length. The unit test `linear-time` feeds each rule 1 MB of
 * adversarial input; `npm run bench` prints the worst time.
 */
interface SecretRule {
  name: string;
  pattern: RegExp;
  group: number;
  accept?: (value: string) => boolean;
}

const KEY_WORDS =
  'password|passwd|pwd|passphrase|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|client[_-]?secret|credentials?|auth[_-]?key';

const NON_SECRET_LITERALS = new Set(['true', 'false', 'null', 'none', 'nil', 'undefined', 'yes', 'no']);

/**
 * A dependency version (`"jsonwebtoken": "8.5.1"`, `requests==2.31.0`, `^4.17.21`) is what an SCA
 * finding is about: redacting it would hide the one fact the ticket exists to show.
 */
const VERSION_PIN =
  /^(?:[~^]|[<>]=?|==?|~=)?[ \t]?v?\d{1,9}(?:\.(?:\d{1,9}|x|\*)){0,3}(?:-[0-9A-Za-z.-]{1,64})?(?:\+[0-9A-Za-z.-]{1,64})?$/;

export function isVersionPin(value: string): boolean {
  return value.length <= 160 && VERSION_PIN.test(value.trim());
}

const notVersionPin = (value: string): boolean => !isVersionPin(value);

/**
 * An unquoted right-hand side that is code (`config.password`, `getToken()`, `os.environ[...]`) is a
 * reference to a secret, not the secret; redacting it would only make the snippet unreadable.
 */
function isLiteralValue(value: string): boolean {
  const v = value.replace(/[,;]$/, '');
  if (v.length === 0 || NON_SECRET_LITERALS.has(v.toLowerCase())) return false;
  if (/[()[\]{}]/.test(v) || v.startsWith('$')) return false;
  if (isVersionPin(v)) return false;
  return !/^[A-Za-z_$][\w$]{0,127}(?:\.[A-Za-z_$][\w$]{0,127}){1,32}$/.test(v);
}

/** Known credential formats and keyword-named values: applied in every mode. */
const DETECT_RULES: readonly SecretRule[] = [
  {
    name: 'aws-access-key-id',
    pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASCA|A3T[A-Z0-9])[A-Z0-9]{16}\b/dg,
    group: 0,
  },
  { name: 'github-token', pattern: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}\b/dg, group: 0 },
  { name: 'github-fine-grained-pat', pattern: /\bgithub_pat_[A-Za-z0-9_]{22,255}\b/dg, group: 0 },
  {
    name: 'gitlab-token',
    pattern: /\b(?:glpat|gldt|glptt|glrt|glsoat|glcbt|glffct|glimt|glagent|gloas|glft)-[A-Za-z0-9_-]{20,255}/dg,
    group: 0,
  },
  { name: 'slack-token', pattern: /\b(?:xox[abposre]|xapp)-[A-Za-z0-9-]{10,255}/dg, group: 0 },
  { name: 'slack-webhook', pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/([A-Za-z0-9/_-]{1,255})/dg, group: 1 },
  {
    name: 'discord-webhook',
    pattern: /\bdiscord(?:app)?\.com\/api\/(?:v\d{1,2}\/)?webhooks\/(\d{5,30}\/[A-Za-z0-9_-]{20,255})/dgi,
    group: 1,
  },
  { name: 'teams-webhook', pattern: /\.webhook\.office\.com\/webhookb2\/([A-Za-z0-9@/_-]{20,512})/dgi, group: 1 },
  { name: 'stripe-key', pattern: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,255}\b/dg, group: 0 },
  { name: 'stripe-webhook-secret', pattern: /\bwhsec_[A-Za-z0-9]{24,255}\b/dg, group: 0 },
  { name: 'google-api-key', pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/dg, group: 0 },
  { name: 'google-oauth-secret', pattern: /\bGOCSPX-[A-Za-z0-9_-]{28}(?![A-Za-z0-9_-])/dg, group: 0 },
  { name: 'mailgun-key', pattern: /\bkey-[0-9a-zA-Z]{32}\b/dg, group: 0 },
  { name: 'twilio-api-key', pattern: /\bSK[0-9a-fA-F]{32}\b/dg, group: 0 },
  { name: 'sendgrid-key', pattern: /\bSG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{16,64}/dg, group: 0 },
  { name: 'square-token', pattern: /\b(?:sq0atp|sq0csp|EAAA)[A-Za-z0-9_-]{22,100}/dg, group: 0 },
  { name: 'telegram-bot-token', pattern: /\b\d{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/dg, group: 0 },
  { name: 'pypi-token', pattern: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,255}/dg, group: 0 },
  { name: 'digitalocean-token', pattern: /\bdo[opr]_v1_[a-f0-9]{64}\b/dg, group: 0 },
  { name: 'atlassian-api-token', pattern: /\bATATT3[A-Za-z0-9_=-]{50,300}/dg, group: 0 },
  { name: 'npm-token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/dg, group: 0 },
  { name: 'openai-key', pattern: /\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,255}/dg, group: 0 },
  { name: 'azure-storage-key', pattern: /\bAccountKey=([A-Za-z0-9+/]{40,255}={0,2})/dg, group: 1 },
  {
    name: 'jwt',
    pattern: /\beyJ[A-Za-z0-9_-]{5,4096}\.eyJ[A-Za-z0-9_-]{5,4096}\.[A-Za-z0-9_-]{0,4096}/dg,
    group: 0,
  },
  { name: 'bearer-token', pattern: /\bbearer[ \t]{1,16}([A-Za-z0-9\-._~+/]{16,4096}={0,4})/dgi, group: 1 },
  {
    name: 'basic-auth',
    pattern: /\bauthorization["']?[ \t]{0,16}[:=][ \t]{0,16}["']?basic[ \t]{1,16}([A-Za-z0-9+/]{8,4096}={0,2})/dgi,
    group: 1,
  },
  {
    name: 'url-password',
    pattern: /\b[a-z][a-z0-9+.-]{0,31}:\/\/[^\s:/?#@'"`<>]{0,256}:([^\s/?#@'"`<>]{1,256})@/dgi,
    group: 1,
  },
  {
    name: 'url-query-secret',
    pattern: new RegExp(`[?&;][\\w.-]{0,64}?(?:${KEY_WORDS}|signature|sig)[\\w.-]{0,64}=([^&#\\s'"\`<>]{1,1024})`, 'dgi'),
    group: 1,
  },
  {
    name: 'url-encoded-keyword-value',
    // `token%3Dabc`, `%22secret%22%3A%22abc%22`: an encoded form in an error body or a URL.
    pattern: new RegExp(`(?:${KEY_WORDS})[\\w.-]{0,64}(?:%22)?(?:%3D|%3A)(?:%20|\\+){0,4}(?:%22)?([A-Za-z0-9._~+-]{4,1024})`, 'dgi'),
    group: 1,
  },
  {
    name: 'connection-string-password',
    // `Server=db;User Id=app;Password=…;`: no spaces around `=`, which keeps `password = x` code out.
    pattern: /(?:^|[;"'])[ \t]{0,16}(?:password|pwd)=([^;'"\s]{1,512})/dgim,
    group: 1,
    accept: isLiteralValue,
  },
  {
    name: 'keyword-quoted-value',
    // `DB_PASSWORD = "…"`, `"apiKey": '…'`, `secret => "…"`, `token := "…"`; Python string prefixes allowed.
    // The key's leading characters are not matched: they change nothing and would cost a scan per start.
    pattern: new RegExp(
      `(?:${KEY_WORDS})[A-Za-z0-9_.-]{0,64}["']?[ \\t]{0,16}(?::=|=>|[:=])[ \\t]{0,16}[rbuf]{0,2}(["'\`])((?:\\\\.|(?!\\1)[^\\\\\\n]){1,1024})\\1`,
      'dgi',
    ),
    group: 2,
    accept: notVersionPin,
  },
  {
    name: 'keyword-inline-assignment',
    // `DB_PASSWORD=hunter2#x` inside prose or a command line: no spaces around `=` (code has them).
    pattern: new RegExp(`(?:${KEY_WORDS})[A-Za-z0-9_.-]{0,64}=([^\\s'"\`<>&;=()][^\\s'"\`<>&;()]{3,511})(?![(\\w.$])`, 'dgi'),
    group: 1,
    accept: isLiteralValue,
  },
  {
    name: 'keyword-unquoted-value',
    // env files (`DB_PASSWORD=hunter2`, `#` inside a value included) and YAML (`password: hunter2`).
    pattern: new RegExp(
      `^[ \\t]{0,16}(?:export[ \\t]{1,16})?-?[ \\t]{0,16}[A-Za-z0-9_.-]{0,64}(?:${KEY_WORDS})[A-Za-z0-9_.-]{0,64}(?:=|:[ \\t]{1,16})([^\\s'"\`#|>&*!][^\\s]{0,511})[ \\t]{0,64}(?:[ \\t]#[^\\n]{0,512})?$`,
      'dgim',
    ),
    group: 1,
    accept: isLiteralValue,
  },
];

/** Extra rules for a secrets finding: every value goes, whatever its key is called. */
const SECRETS_FINDING_RULES: readonly SecretRule[] = [
  {
    name: 'any-string-literal',
    pattern: /(["'`])((?:\\.|(?!\1)[^\\\n]){1,1024})\1/dg,
    group: 2,
    accept: notVersionPin,
  },
  {
    name: 'any-unquoted-assignment',
    pattern: /^[ \t]{0,16}(?:export[ \t]{1,16})?-?[ \t]{0,16}["']?[A-Za-z_][\w.-]{0,128}["']?[ \t]{0,16}(?:=|:(?=[ \t]))[ \t]{0,16}([^\s'"`#|>&*!{[][^\n#]{0,1023}?)[ \t]{0,64}[,;]?[ \t]{0,64}$/dgm,
    group: 1,
    accept: isLiteralValue,
  },
  {
    name: 'url-userinfo',
    pattern: /\b[a-z][a-z0-9+.-]{0,31}:\/\/([^\s/?#@'"`<>]{1,256})@/dgi,
    group: 1,
  },
];

export const OWN_RULE_NAMES: readonly string[] = [...DETECT_RULES, ...SECRETS_FINDING_RULES].map((r) => r.name);

function isMappingKeyOrSubscript(text: string, span: TextSpan): boolean {
  const before = text.slice(Math.max(0, span.start - 65), span.start - 1).trimEnd();
  const after = text.slice(span.end + 1, span.end + 65).trimStart();
  // `{"AWS_KEY": …}` and `os.environ["AWS_KEY"]` name a secret; they are not one.
  return after.startsWith(':') || (before.endsWith('[') && after.startsWith(']'));
}

export function findRuleSpans(text: string, includeSecretsFindingRules: boolean): TextSpan[] {
  const spans: TextSpan[] = [];
  for (const rule of DETECT_RULES) spans.push(...findGroupSpans(text, rule.pattern, rule.group, rule.accept));
  if (!includeSecretsFindingRules) return spans;
  for (const rule of SECRETS_FINDING_RULES) {
    const found = findGroupSpans(text, rule.pattern, rule.group, rule.accept);
    spans.push(...(rule.name === 'any-string-literal' ? found.filter((s) => !isMappingKeyOrSubscript(text, s)) : found));
  }
  return spans;
}

const PEM_BEGIN = /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/y;
const PEM_END = '-----END ';

/**
 * PEM private keys, by a forward scan rather than a pattern: a 4096-bit key body is longer than a
 * detection window, and `indexOf` from the current position keeps the whole scan linear. Only the
 * body goes, so the armour lines still say what was there; an unterminated block (a snippet cut
 * mid-key) is redacted to the end of the text.
 */
export function findPrivateKeySpans(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  let from = 0;
  for (;;) {
    const begin = text.indexOf('-----BEGIN ', from);
    if (begin < 0) return spans;
    PEM_BEGIN.lastIndex = begin;
    const header = PEM_BEGIN.exec(text);
    if (header === null) {
      from = begin + 1;
      continue;
    }
    let bodyStart = begin + header[0].length;
    while (bodyStart < text.length && /\s/.test(text.charAt(bodyStart))) bodyStart += 1;
    const end = text.indexOf(PEM_END, bodyStart);
    let bodyEnd = end < 0 ? text.length : end;
    while (bodyEnd > bodyStart && /\s/.test(text.charAt(bodyEnd - 1))) bodyEnd -= 1;
    if (bodyEnd > bodyStart) spans.push({ start: bodyStart, end: bodyEnd });
    if (end < 0) return spans;
    from = end + PEM_END.length;
  }
}
