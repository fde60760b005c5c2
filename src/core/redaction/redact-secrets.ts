import { findHighEntropySpans } from './entropy-detector';
import { findRuleSpans } from './secret-rules';
import { mergeSpans, replaceSpans } from './text-span';

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

export function redactSecrets(text: string, options: { mode: RedactionMode }): RedactionResult {
  if (typeof text !== 'string') {
    throw new TypeError(`redactSecrets expects a string, got ${typeof text}`);
  }
  if (options.mode !== 'secrets-finding' && options.mode !== 'detect') {
    throw new RangeError(`Unknown redaction mode: ${String(options.mode)}`);
  }
  if (text.length === 0) return { text, redactions: 0 };
  const spans = mergeSpans([
    ...findRuleSpans(text, options.mode === 'secrets-finding'),
    ...findHighEntropySpans(text),
  ]);
  return { text: replaceSpans(text, spans), redactions: spans.length };
}
