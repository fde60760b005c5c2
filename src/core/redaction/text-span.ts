/** Half-open range `[start, end)` of UTF-16 code units in a text that must be replaced. */
export interface TextSpan {
  start: number;
  end: number;
}

export const REDACTED = '[REDACTED]';

/**
 * Collects the spans of one capture group (0 = whole match) of a global regex. Rules are written
 * with `d` so the capture's own indices are known: the key name and quotes around a value must
 * survive, only the value goes.
 */
export function findGroupSpans(text: string, pattern: RegExp, group: number, accept?: (value: string) => boolean): TextSpan[] {
  if (!pattern.global || !pattern.hasIndices) {
    throw new Error(`Redaction rule ${String(pattern)} must use the g and d flags`);
  }
  const spans: TextSpan[] = [];
  for (const match of text.matchAll(pattern)) {
    const range = match.indices?.[group];
    const value = match[group];
    if (range === undefined || value === undefined || value.length === 0) continue;
    if (value === REDACTED || (accept !== undefined && !accept(value))) continue;
    spans.push({ start: range[0], end: range[1] });
  }
  return spans;
}

/** Overlapping spans (two rules catching the same secret) count and are replaced once. */
export function mergeSpans(spans: readonly TextSpan[]): TextSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: TextSpan[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && span.start < last.end) {
      last.end = Math.max(last.end, span.end);
    } else {
      merged.push({ ...span });
    }
  }
  return merged;
}

export function replaceSpans(text: string, spans: readonly TextSpan[]): string {
  let out = '';
  let cursor = 0;
  for (const span of spans) {
    out += text.slice(cursor, span.start) + REDACTED;
    cursor = span.end;
  }
  return out + text.slice(cursor);
}
