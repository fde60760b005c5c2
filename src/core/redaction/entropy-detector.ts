import { REDACTED, type TextSpan } from './text-span';

/**
 * High-entropy token detection: the backstop for credentials whose format no rule knows. Its cost
 * is false positives, so each guard below exists because real code contains that shape a lot.
 */

/** Base64/base64url runs; `=` only as padding so `key=value` never fuses into one candidate. */
const CANDIDATE = /[A-Za-z0-9+/_-]{20,}={0,2}/g;
/** Path segments of a candidate are judged on their own: a secret can sit in a path or a webhook URL. */
const MIN_SEGMENT_LENGTH = 20;
const HEX = /^[0-9a-f]+$|^[0-9A-F]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const URL_TOKEN = /\b[a-z][a-z0-9+.-]{0,31}:\/\/[^\s'"`<>()[\]{}]{1,8192}/gi;
/** Words that, shortly before a 40/64-hex run, say it is a commit or content hash, not a key. */
const HASH_CONTEXT = /(commit|commits|sha|hash|rev|revision|digest|checksum|integrity|etag|tree|parent)\w{0,32}["']?\s{0,8}[:=(/]?\s{0,8}["']?$/i;

const MIN_BASE64_LENGTH = 20;
const MIN_HEX_LENGTH = 32;
/** Random base64 of 20+ chars scores ~4.0–4.3 bits/char; English-ish identifiers stay below 3.7. */
const BASE64_ENTROPY_THRESHOLD = 3.7;
/** Random hex of 32+ chars scores ~3.6–3.9 of a possible 4. */
const HEX_ENTROPY_THRESHOLD = 3.2;

export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/**
 * Code identifiers (`getUserInvoiceByCustomerId`, `MAX_RETRY_BACKOFF_SECONDS`) are long and varied
 * but built from pronounceable words; random tokens split into many short, vowel-poor chunks.
 */
export function isIdentifierLike(value: string): boolean {
  if (/[+/=]/.test(value)) return false;
  const chunks = value.match(/[A-Z]{2,}(?=[A-Z][a-z]|\d|_|-|$)|[A-Z]?[a-z]+|[A-Z]+|\d+/g) ?? [];
  const alpha = chunks.filter((c) => /^[A-Za-z]+$/.test(c));
  if (alpha.length === 0) return false;
  const digits = value.replace(/\D/g, '').length;
  if (digits / value.length > 0.2) return false;
  const averageLength = alpha.reduce((sum, c) => sum + c.length, 0) / alpha.length;
  if (averageLength < 3.5) return false;
  return alpha.every((chunk) => {
    if (chunk.length < 4) return true;
    // Acronyms (HTTPS, JSON, XML) are vowel-poor but short.
    if (/^[A-Z]+$/.test(chunk) && chunk.length <= 5) return true;
    const vowels = chunk.replace(/[^aeiouyAEIOUY]/g, '').length;
    return vowels / chunk.length >= 0.2;
  });
}

/** `src/components/ErrorBoundary.tsx`, `terraform/modules/s3` — word segments, not a key. */
function isPathLike(candidate: string, following: string): boolean {
  if (!candidate.includes('/')) return false;
  if (/^\.[A-Za-z0-9]{1,6}\b/.test(following)) return true;
  const segments = candidate.split('/').filter((s) => s.length > 0);
  return segments.every((s) => s.length < 4 || isIdentifierLike(s) || /^[a-z0-9_.-]+$/.test(s) && !/\d/.test(s));
}

function isHashInContext(candidate: string, preceding: string): boolean {
  if (!HEX.test(candidate) || (candidate.length !== 40 && candidate.length !== 64)) return false;
  const lineStart = preceding.lastIndexOf('\n') + 1;
  const before = preceding.slice(Math.max(lineStart, preceding.length - 48));
  return HASH_CONTEXT.test(before);
}

function isHighEntropy(candidate: string): boolean {
  const token = candidate.replace(/=+$/, '');
  if (HEX.test(token)) {
    return token.length >= MIN_HEX_LENGTH && shannonEntropy(token) >= HEX_ENTROPY_THRESHOLD;
  }
  if (token.length < MIN_BASE64_LENGTH) return false;
  // A secret almost always mixes in digits or base64 punctuation; long words and kebab names do not.
  if (!/[0-9+/]/.test(token)) return false;
  if (!/[A-Za-z]/.test(token)) return false;
  return shannonEntropy(token) >= BASE64_ENTROPY_THRESHOLD;
}

function urlPathSpans(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  for (const match of text.matchAll(URL_TOKEN)) {
    const url = match[0];
    const authorityStart = url.indexOf('//') + 2;
    const queryStart = url.search(/[?#]/);
    const end = queryStart >= 0 ? queryStart : url.length;
    // Userinfo stays in scope (`https://<token>@host`), and so does the query: `?key=<secret>` is a
    // common leak. Host and path are names, and a candidate may straddle them (`com/app/issues/<uuid>`).
    const at = url.lastIndexOf('@', end);
    const start = at >= authorityStart ? at + 1 : authorityStart;
    spans.push({ start: match.index + start, end: match.index + end });
  }
  return spans;
}

/** Does `token` (at `start` in `text`) look like a credential on its own? */
function isSecretToken(text: string, token: string, start: number): boolean {
  const end = start + token.length;
  if (token === REDACTED) return false;
  if (UUID.test(token)) return false;
  if (isIdentifierLike(token)) return false;
  // Only the 48 characters before are read: slicing the whole prefix per candidate was quadratic.
  if (isHashInContext(token, text.slice(Math.max(0, start - 48), start))) return false;
  // A file name (`Xk9pQ2rT7vLmN3sB8wYz.py`) names a file, whatever its letters.
  if (/^\.[A-Za-z0-9]{1,6}\b/.test(text.slice(end, end + 8))) return false;
  return isHighEntropy(token);
}

/**
 * The segments of a path-like candidate or of a URL path: each is judged alone, so a random
 * segment (`/api/webhooks/123/<token>`, `keys/<token>/id`) is caught without flagging the words
 * around it.
 */
function segmentSpans(text: string, start: number, candidate: string): TextSpan[] {
  const spans: TextSpan[] = [];
  let offset = 0;
  for (const segment of candidate.split('/')) {
    const segmentStart = start + offset;
    offset += segment.length + 1;
    if (segment.length < MIN_SEGMENT_LENGTH) continue;
    if (isSecretToken(text, segment, segmentStart)) spans.push({ start: segmentStart, end: segmentStart + segment.length });
  }
  return spans;
}

export function findHighEntropySpans(text: string): TextSpan[] {
  // Both lists are in text order, so one forward pointer finds the URL a candidate is in: a
  // `some()` over all URLs per candidate was quadratic on a text full of both.
  const urlPaths = urlPathSpans(text);
  let urlIndex = 0;
  const spans: TextSpan[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    const candidate = match[0];
    const start = match.index;
    const end = start + candidate.length;
    while (urlIndex < urlPaths.length && (urlPaths[urlIndex]?.end ?? 0) <= start) urlIndex += 1;
    const url = urlPaths[urlIndex];
    const inUrlPath = url !== undefined && start >= url.start && end <= url.end;
    if (inUrlPath || isPathLike(candidate, text.slice(end, end + 8))) {
      spans.push(...segmentSpans(text, start, candidate));
      continue;
    }
    if (isSecretToken(text, candidate, start)) spans.push({ start, end });
  }
  return spans;
}
