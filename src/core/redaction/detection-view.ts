import type { TextSpan } from './text-span';

/**
 * What the detectors read: the text with everything removed that a person reading the ticket would
 * not see between two characters of a credential. Redaction used to run on the raw text and the
 * control-character clean-up ran after it, so `AKIA\u0000…` hid a key from every rule and the
 * clean-up then rebuilt it in Jira. Detection now runs on this view and each span found is mapped
 * back to the original text, where it covers the hidden characters too.
 *
 * Removed (never replaced, so the view only ever shrinks and the mapping stays monotonic):
 * - C0 control characters other than tab and newline, DEL, and a CR before LF;
 * - zero-width and invisible formatting characters (ZWSP/ZWNJ/ZWJ, word joiner, BOM, soft hyphen,
 *   bidi embeddings and isolates);
 * - inline markup that splits a token without showing: HTML tags (`AKIA<b></b>…`) and markdown
 *   emphasis runs `**`, `__`, `~~`.
 * A lone CR is read as a line break.
 *
 * Linear: one pass; a tag is matched with a bounded sticky pattern at `<` only.
 */
export interface DetectionView {
  text: string;
  /** `origin[i]` is the index in the original text of the view's character `i`. */
  origin: Int32Array;
  /** True when nothing was removed: the view is the original. */
  identical: boolean;
}

const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- removing control characters from the view is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;
/** An HTML-ish tag: bounded so a `<` followed by a megabyte of text costs a constant. */
const TAG = /<\/?[A-Za-z][A-Za-z0-9-]{0,15}(?:\s[^<>\n]{0,200})?\/?>/y;
const MARKUP_PAIRS = new Set(['**', '__', '~~']);

export function detectionView(original: string): DetectionView {
  const origin = new Int32Array(original.length);
  const kept: string[] = [];
  let length = 0;
  let i = 0;
  while (i < original.length) {
    const ch = original.charAt(i);
    if (ch === '\r') {
      if (original.charAt(i + 1) !== '\n') {
        origin[length++] = i;
        kept.push('\n');
      }
      i += 1;
      continue;
    }
    if (INVISIBLE.test(ch)) {
      i += 1;
      continue;
    }
    if (ch === '<') {
      TAG.lastIndex = i;
      const tag = TAG.exec(original);
      if (tag !== null) {
        i += tag[0].length;
        continue;
      }
    }
    if (MARKUP_PAIRS.has(original.slice(i, i + 2))) {
      i += 2;
      continue;
    }
    origin[length++] = i;
    kept.push(ch);
    i += 1;
  }
  const text = kept.join('');
  return { text, origin: origin.subarray(0, length), identical: text === original };
}

/** The original text's range for a span of the view; hidden characters inside it go with it. */
export function toOriginalSpan(view: DetectionView, span: TextSpan): TextSpan {
  if (view.identical) return span;
  const start = view.origin[span.start];
  const last = view.origin[span.end - 1];
  if (start === undefined || last === undefined) throw new RangeError('Span outside the detection view');
  return { start, end: last + 1 };
}
