/**
 * The only hrefs the app writes into Jira. ZeroPath's text is model-generated and may quote
 * attacker-controlled code, so `javascript:`, `data:`, `file:` and relative links are refused.
 */
export function toSafeHref(candidate: string | undefined): string | undefined {
  if (candidate === undefined) return undefined;
  const trimmed = candidate.trim();
  // eslint-disable-next-line no-control-regex -- control characters hide schemes from naive checks
  if (trimmed.length === 0 || trimmed.length > 2048 || /[\s\u0000-\u001F\u007F]/.test(trimmed)) return undefined;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  return url.href;
}
