import { findGroupSpans, type TextSpan } from './text-span';

/**
 * Pattern rules. Each names the capture group that is the secret itself so key names, quotes,
 * `Bearer `, PEM armour lines and URL hosts stay readable around `[REDACTED]`.
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
 * An unquoted right-hand side that is code (`config.password`, `getToken()`, `os.environ[...]`) is a
 * reference to a secret, not the secret; redacting it would only make the snippet unreadable.
 */
function isLiteralValue(value: string): boolean {
  const v = value.replace(/[,;]$/, '');
  if (v.length === 0 || NON_SECRET_LITERALS.has(v.toLowerCase())) return false;
  if (/[()[\]{}]/.test(v) || v.startsWith('$')) return false;
  return !/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)+$/.test(v);
}

/** Known credential formats and keyword-named values: applied in every mode. */
const DETECT_RULES: readonly SecretRule[] = [
  {
    name: 'private-key-pem',
    // Body only, so the armour lines still say what was there; an unterminated block (a snippet cut
    // mid-key) is redacted to the end of the text.
    pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----\s*([\s\S]*?)\s*(?=-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|$(?![\s\S]))/dg,
    group: 1,
    accept: (body) => body.trim().length > 0,
  },
  {
    name: 'aws-access-key-id',
    pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASCA|A3T[A-Z0-9])[A-Z0-9]{16}\b/dg,
    group: 0,
  },
  { name: 'github-token', pattern: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}\b/dg, group: 0 },
  { name: 'github-fine-grained-pat', pattern: /\bgithub_pat_[A-Za-z0-9_]{22,255}\b/dg, group: 0 },
  { name: 'gitlab-token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}/dg, group: 0 },
  { name: 'slack-token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/dg, group: 0 },
  { name: 'slack-webhook', pattern: /hooks\.slack\.com\/services\/([A-Za-z0-9/_-]+)/dg, group: 1 },
  { name: 'stripe-key', pattern: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}\b/dg, group: 0 },
  { name: 'google-api-key', pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/dg, group: 0 },
  { name: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/dg, group: 0 },
  { name: 'bearer-token', pattern: /\bbearer\s+([A-Za-z0-9\-._~+/]{16,}=*)/dgi, group: 1 },
  { name: 'basic-auth', pattern: /\bauthorization["']?\s*[:=]\s*["']?basic\s+([A-Za-z0-9+/]{8,}=*)/dgi, group: 1 },
  { name: 'url-password', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/?#@'"`<>]*:([^\s/?#@'"`<>]+)@/dgi, group: 1 },
  {
    name: 'url-query-secret',
    pattern: new RegExp(`[?&][\\w.-]*(?:${KEY_WORDS}|signature|sig)[\\w.-]*=([^&#\\s'"\`<>]+)`, 'dgi'),
    group: 1,
  },
  {
    name: 'connection-string-password',
    // `Server=db;User Id=app;Password=…;`: no spaces around `=`, which keeps `password = x` code out.
    pattern: /(?:^|[;"'])[ \t]*(?:password|pwd)=([^;'"\s]+)/dgim,
    group: 1,
    accept: isLiteralValue,
  },
  {
    name: 'keyword-quoted-value',
    // `DB_PASSWORD = "…"`, `"apiKey": '…'`, `secret => "…"`, `token := "…"`; Python string prefixes allowed.
    pattern: new RegExp(
      `["']?[A-Za-z0-9_.-]*(?:${KEY_WORDS})[A-Za-z0-9_.-]*["']?\\s*(?::=|=>|[:=])\\s*[rbuf]{0,2}(["'\`])((?:\\\\.|(?!\\1)[^\\\\\\n])+)\\1`,
      'dgi',
    ),
    group: 2,
  },
  {
    name: 'keyword-unquoted-value',
    // env files (`DB_PASSWORD=hunter2`) and YAML (`password: hunter2`).
    pattern: new RegExp(
      `^[ \\t]*(?:export[ \\t]+)?-?[ \\t]*[A-Za-z0-9_.-]*(?:${KEY_WORDS})[A-Za-z0-9_.-]*(?:=|:[ \\t]+)([^\\s'"\`#|>&*!][^\\s#]*)[ \\t]*$`,
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
    pattern: /(["'`])((?:\\.|(?!\1)[^\\\n])+)\1/dg,
    group: 2,
  },
  {
    name: 'any-unquoted-assignment',
    pattern: /^[ \t]*(?:export[ \t]+)?-?[ \t]*["']?[A-Za-z_][\w.-]*["']?[ \t]*(?:=|:(?=[ \t]))[ \t]*([^\s'"`#|>&*!{[][^\n#]*?)[ \t]*[,;]?[ \t]*$/dgm,
    group: 1,
    accept: isLiteralValue,
  },
  {
    name: 'url-userinfo',
    pattern: /\b[a-z][a-z0-9+.-]*:\/\/([^\s/?#@'"`<>]+)@/dgi,
    group: 1,
  },
];

function isMappingKeyOrSubscript(text: string, span: TextSpan): boolean {
  const before = text.slice(0, span.start - 1).trimEnd();
  const after = text.slice(span.end + 1).trimStart();
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
