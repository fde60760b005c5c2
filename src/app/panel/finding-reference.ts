/**
 * Reads what a developer pastes into "Link a ZeroPath finding": a bare finding id, or the finding's
 * URL from ZeroPath's dashboard (`…/app/issues/<id>`, possibly with a query or fragment). Only
 * ZeroPath hosts are accepted, so a look-alike link cannot make the app fetch something else — the
 * id is what goes to ZeroPath, never the URL.
 */
export type FindingReference = { ok: true; findingId: string } | { ok: false; message: string };

const FINDING_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{2,127}$/;

function isZeroPathHost(hostname: string, configuredBaseUrl: string): boolean {
  let configuredHost: string | undefined;
  try {
    configuredHost = new URL(configuredBaseUrl).hostname;
  } catch {
    configuredHost = undefined;
  }
  return hostname === configuredHost || hostname === 'zeropath.com' || hostname.endsWith('.zeropath.com');
}

export function parseFindingReference(input: string, configuredBaseUrl: string): FindingReference {
  const text = input.trim();
  if (FINDING_ID.test(text)) return { ok: true, findingId: text };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: 'Paste a ZeroPath finding id or the finding’s URL from ZeroPath.' };
  }
  if (url.protocol !== 'https:' || !isZeroPathHost(url.hostname, configuredBaseUrl)) {
    return { ok: false, message: 'That link is not a ZeroPath finding URL (it should start with https://zeropath.com).' };
  }
  const segments = url.pathname.split('/').filter((s) => s !== '');
  const at = segments.lastIndexOf('issues');
  const candidate = at >= 0 ? segments[at + 1] : undefined;
  const id = candidate === undefined ? undefined : decodeURIComponent(candidate);
  if (id === undefined || !FINDING_ID.test(id)) {
    return { ok: false, message: 'That ZeroPath URL does not point at a finding (…/issues/<finding id>).' };
  }
  return { ok: true, findingId: id };
}
