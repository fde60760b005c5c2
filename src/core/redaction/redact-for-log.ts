import { REDACTED, redactSecrets } from './redact-secrets';

export type LogValue = string | number | boolean | null | LogValue[] | { [key: string]: LogValue };

/** Keys whose value is a credential by name: replaced whole, never inspected. */
const SENSITIVE_KEY = /pass(word|wd|phrase)?$|secret|token|api[_-]?key|authorization|cookie|credential|private[_-]?key/i;
/** Keys that carry scanned code: treated as a secrets finding's snippet, since a log line cannot tell. */
const CODE_KEY = /^(codeSnippet|sastCodeSegment|gitDiff|snippet)$/i;

const MAX_DEPTH = 8;

/**
 * A JSON-safe copy of a structured log object with secrets removed. Logs follow the same rule as
 * Jira: a credential that reaches a log aggregator has leaked.
 */
export function redactForLog(value: unknown): LogValue {
  return redactValue(value, new WeakSet<object>(), 0);
}

function redactValue(value: unknown, seen: WeakSet<object>, depth: number): LogValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return redactSecrets(value, { mode: 'detect' }).text;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'symbol' || typeof value === 'function') return `[${typeof value}]`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (typeof value !== 'object') return null;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Truncated]';
  seen.add(value);
  if (value instanceof Error) {
    const out: { [key: string]: LogValue } = {
      name: value.name,
      message: redactSecrets(value.message, { mode: 'detect' }).text,
    };
    if (value.stack !== undefined) out.stack = redactSecrets(value.stack, { mode: 'detect' }).text;
    return out;
  }
  if (Array.isArray(value)) return value.map((item) => redactValue(item, seen, depth + 1));
  const out: { [key: string]: LogValue } = {};
  for (const [key, item] of Object.entries(value)) {
    // Flags and counts under a sensitive name (`tokenConfigured: true`) carry no secret.
    if (SENSITIVE_KEY.test(key) && (typeof item === 'string' ? item !== '' : typeof item === 'object' && item !== null)) {
      out[key] = REDACTED;
    } else if (CODE_KEY.test(key) && typeof item === 'string') {
      out[key] = redactSecrets(item, { mode: 'secrets-finding' }).text;
    } else {
      out[key] = redactValue(item, seen, depth + 1);
    }
  }
  return out;
}
