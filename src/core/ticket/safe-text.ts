/**
 * Text hygiene for anything that ends up in a Jira field. Jira rejects or mangles C0 control
 * characters and lone surrogates, and truncation must never split a surrogate pair (a broken pair
 * is an invalid string that some JSON encoders refuse).
 */

// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export const ELLIPSIS = '…';

export function cleanText(value: string): string {
  return value.replace(CONTROL_CHARS, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** One line: newlines and runs of whitespace collapse to a single space. */
export function cleanLine(value: string): string {
  return cleanText(value).replace(/\s+/g, ' ').trim();
}

/**
 * Cuts `value` to at most `maxUnits` UTF-16 code units (what Jira counts), appending `suffix` when
 * it cut, and backing off one unit rather than leaving half a surrogate pair.
 */
export function truncateText(value: string, maxUnits: number, suffix: string = ELLIPSIS): string {
  if (maxUnits < suffix.length) throw new RangeError(`Cannot truncate to ${maxUnits} units with a ${suffix.length}-unit suffix`);
  if (value.length <= maxUnits) return value;
  let cut = maxUnits - suffix.length;
  const last = value.charCodeAt(cut - 1);
  if (cut > 0 && last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return value.slice(0, cut) + suffix;
}
