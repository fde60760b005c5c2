import { detectionView, toOriginalSpan } from './detection-view';
import { findHighEntropySpans } from './entropy-detector';
import { findMaintainedRuleSpans, refineReportedSpan } from './maintained-rules';
import { findPrivateKeySpans, findRuleSpans } from './secret-rules';
import { mergeSpans, replaceSpans, type TextSpan } from './text-span';

export { REDACTED } from './text-span';

/**
 * - `secrets-finding`: the text is a secrets finding's code; every assigned value is presumed to be
 *   the credential (the scanner said so), plus everything `detect` finds.
 * - `detect`: any other text; only known credential formats and high-entropy tokens go, because
 *   scanners mislabel and descriptions quote code.
 */
export type RedactionMode = 'secrets-finding' | 'detect';

export interface RedactionResult {
  text: string;
  /** Distinct regions replaced; overlapping detections of one secret count once. */
  redactions: number;
}

/**
 * Pattern detectors read the text in windows of this many characters, each overlapping the one
 * before by `WINDOW_OVERLAP`. Whatever a pattern does inside a window, its cost there is bounded,
 * so the cost of a text is proportional to its length (a 12 KB identifier chain used to take
 * 27 s). Any credential up to `WINDOW_OVERLAP` characters long lies whole inside some window; PEM
 * private keys, which can be longer, are found by a linear scan of the whole text instead.
 */
export const DETECTION_WINDOW = 16_384;
export const WINDOW_OVERLAP = 2_048;

function detectInWindow(window: string, secretsFinding: boolean): TextSpan[] {
  return [
    ...findRuleSpans(window, secretsFinding),
    ...findMaintainedRuleSpans(window).map((span) => refineReportedSpan(window, span)),
    ...findHighEntropySpans(window),
  ];
}

function detect(view: string, secretsFinding: boolean): TextSpan[] {
  const spans = findPrivateKeySpans(view);
  const step = DETECTION_WINDOW - WINDOW_OVERLAP;
  for (let start = 0; start < view.length; start += step) {
    const window = view.slice(start, start + DETECTION_WINDOW);
    for (const span of detectInWindow(window, secretsFinding)) {
      spans.push({ start: span.start + start, end: span.end + start });
    }
    if (start + DETECTION_WINDOW >= view.length) break;
  }
  return spans;
}

/** The merged ranges of `text` that hold a secret; `redactSecrets` replaces exactly these. */
export function findSecretSpans(text: string, options: { mode: RedactionMode }): TextSpan[] {
  const view = detectionView(text);
  const found = detect(view.text, options.mode === 'secrets-finding').filter((span) => span.end > span.start);
  return mergeSpans(found.map((span) => toOriginalSpan(view, span)));
}

export function redactSecrets(text: string, options: { mode: RedactionMode }): RedactionResult {
  if (typeof text !== 'string') {
    throw new TypeError(`redactSecrets expects a string, got ${typeof text}`);
  }
  if (options.mode !== 'secrets-finding' && options.mode !== 'detect') {
    throw new RangeError(`Unknown redaction mode: ${String(options.mode)}`);
  }
  if (text.length === 0) return { text, redactions: 0 };
  // Detect on what a reader would see (no control, zero-width or markup characters inside a
  // token), replace in the text as given: the replaced range covers the hidden characters too.
  const spans = findSecretSpans(text, options);
  return { text: replaceSpans(text, spans), redactions: spans.length };
}

/** Detect-mode redaction of a text: the one call every outgoing free-text value goes through. */
export function withoutSecrets(text: string): string {
  return redactSecrets(text, { mode: 'detect' }).text;
}
