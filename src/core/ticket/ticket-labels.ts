import type { Finding } from '../finding/finding';

export const DEFAULT_LABEL_PREFIX = 'zeropath';
const MAX_LABEL_LENGTH = 255;

/** Jira labels cannot contain whitespace; lower-case keeps JQL `labels = …` predictable. */
export function toLabel(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .slice(0, MAX_LABEL_LENGTH);
}

export function buildLabels(finding: Pick<Finding, 'severity' | 'category'>, prefix: string = DEFAULT_LABEL_PREFIX): string[] {
  const base = toLabel(prefix);
  return [...new Set([base, toLabel(`${base}-${finding.severity}`), toLabel(`${base}-${finding.category}`)])];
}
