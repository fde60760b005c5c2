import { rules as secretlintRecommendedRules } from '@secretlint/secretlint-rule-preset-recommend';
import type { TextSpan } from './text-span';

/**
 * secretlint's recommended preset (AWS, GitHub, GitLab, Slack, Stripe, SendGrid, npm, OpenAI,
 * Anthropic, Shopify, Grafana, Hugging Face, Linear, Notion, 1Password, Vault, Vercel, Databricks,
 * Docker, Figma, Cloudflare, Tailscale, database connection strings, basic auth, private keys…)
 * is the maintained rule set: token formats change, and a package that tracks them beats a list
 * this app would have to keep by hand. The app's own rules (`secret-rules.ts`) add what secretlint
 * leaves to configuration (keyword-named values, URL passwords, bearer tokens, webhook URLs).
 *
 * The preset's rules are plain scanners: `create(context).file(source)` runs synchronously and
 * calls `context.report({ range })`. Only the text rules are run; the GCP rule parses whole JSON or
 * p12 files by extension, and the comment filter only matters to secretlint's own CLI.
 *
 * Linear time: their patterns are written with bounded quantifiers, and the caller only ever hands
 * them a bounded window of text (`redact-secrets.ts`), so the cost per window is a constant.
 */
interface SecretlintReport {
  range: readonly [number, number];
}

interface SecretlintRule {
  meta: { id: string; supportedContentTypes?: readonly string[] };
  create(
    context: {
      createTranslator: () => (messageId: string) => string;
      report: (descriptor: SecretlintReport) => void;
      ignore: () => void;
      sharedOptions: Record<string, never>;
    },
    options: Record<string, unknown>,
  ): { file?: (source: { content: string; filePath: string; ext: string; contentType: 'text' }) => unknown };
}

const SKIPPED_RULES = new Set([
  '@secretlint/secretlint-rule-gcp',
  '@secretlint/secretlint-rule-filter-comments',
]);

/** The AWS access key id scan is off by default in secretlint; an access key id is a credential here. */
const RULE_OPTIONS: Record<string, Record<string, unknown>> = {
  '@secretlint/secretlint-rule-aws': { enableIDScanRule: true },
};

const RULES = (secretlintRecommendedRules as unknown as readonly SecretlintRule[]).filter(
  (rule) => !SKIPPED_RULES.has(rule.meta.id),
);

export const MAINTAINED_RULE_IDS: readonly string[] = RULES.map((rule) => rule.meta.id);

export function findMaintainedRuleSpans(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  const context = {
    createTranslator: () => (messageId: string) => messageId,
    report: ({ range }: SecretlintReport) => {
      const [start, end] = range;
      if (end > start) spans.push({ start, end });
    },
    ignore: () => undefined,
    sharedOptions: {},
  };
  const source = { content: text, filePath: 'finding.txt', ext: '.txt', contentType: 'text' as const };
  for (const rule of RULES) {
    const handlers = rule.create(context, { ...(RULE_OPTIONS[rule.meta.id] ?? {}) });
    const outcome = handlers.file?.(source);
    // A rule that went asynchronous would report after this returns: its findings would be lost.
    if (outcome instanceof Promise) throw new Error(`secretlint rule ${rule.meta.id} is asynchronous`);
  }
  return spans;
}

const TOKEN_CHAR = /[A-Za-z0-9+/=_.~-]/;
const URL_WITH_USERINFO = /^[a-z][a-z0-9+.-]{0,31}:\/\/([^\s/?#@]{1,256})@/i;
const URL_AUTHORITY = /^[a-z][a-z0-9+.-]{0,31}:\/\/[^\s/?#]{1,256}/i;
const LAST_TOKEN_RUN = /[A-Za-z0-9+/=_.~-]+$/;
const MAX_EXTENSION = 512;

/**
 * secretlint reports what its CLI wants to underline, which is not always the credential: a whole
 * connection-string URL, a Slack webhook URL, or (its AWS secret rule) the key name plus as many
 * characters as the value has. Redaction keeps scheme, host and key names readable, so each report
 * is narrowed to the credential: the userinfo password of a URL, the path of a webhook URL, or the
 * last token of a `name = value` range carried forward to the token's real end.
 */
export function refineReportedSpan(text: string, span: TextSpan): TextSpan {
  const reported = text.slice(span.start, span.end);
  const userinfo = URL_WITH_USERINFO.exec(reported);
  if (userinfo?.[1] !== undefined) {
    const info = userinfo[1];
    const colon = info.indexOf(':');
    const infoStart = span.start + userinfo[0].length - 1 - info.length;
    return colon >= 0 && colon < info.length - 1
      ? { start: infoStart + colon + 1, end: infoStart + info.length }
      : { start: infoStart, end: infoStart + info.length };
  }
  const authority = URL_AUTHORITY.exec(reported);
  if (authority !== null) {
    return authority[0].length < reported.length
      ? { start: span.start + authority[0].length, end: span.end }
      : span;
  }
  if (!/[\s"'`=:,;]/.test(reported)) return span;
  const run = LAST_TOKEN_RUN.exec(reported);
  if (run === null) return span;
  let end = span.end;
  const limit = Math.min(text.length, end + MAX_EXTENSION);
  while (end < limit && TOKEN_CHAR.test(text.charAt(end))) end += 1;
  return { start: span.start + run.index, end };
}
