import { withoutSecrets } from './redact-secrets';

export const SCRUBBED = '[redacted]';

/**
 * The forms a known credential takes when an upstream echoes it back: as sent, URL-encoded (a
 * proxy quoting the request line or a form body; upper- and lower-case hex), JSON-escaped, and
 * base64 (an echoed `Authorization: Basic` header).
 */
function echoedForms(secret: string): string[] {
  const encoded = encodeURIComponent(secret);
  const forms = new Set([
    secret,
    encoded,
    encoded.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
    encoded.replace(/%20/g, '+'),
    encodeURI(secret),
    JSON.stringify(secret).slice(1, -1),
  ]);
  // Token secrets are ASCII; btoa refuses anything else, and then there is no such echo to find.
  if (/^[\x20-\x7e]+$/.test(secret)) forms.add(btoa(secret).replace(/=+$/, ''));
  return [...forms].filter((form) => form.length >= 4).sort((a, b) => b.length - a.length);
}

/** `https://host/path?query` → the query's values are dropped: signed URLs and tokens live there. */
const URL_QUERY = /\b([a-z][a-z0-9+.-]{0,31}:\/\/[^\s?#'"`<>]{1,2048})\?[^\s#'"`<>]{1,4096}/gi;

/**
 * Text from an upstream error (ZeroPath or Jira body, a network error) before it is stored,
 * logged or returned: the caller's own credentials in every echoed form, the query string of any
 * URL, then every credential the detector knows. The known ones go first: a token id is a UUID the
 * detector would rightly leave alone anywhere else.
 */
export function scrubErrorText(text: string, knownSecrets: readonly string[] = []): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (secret.length < 4) continue;
    for (const form of echoedForms(secret)) out = out.split(form).join(SCRUBBED);
  }
  out = out.replace(URL_QUERY, `$1?${SCRUBBED}`);
  return withoutSecrets(out);
}
