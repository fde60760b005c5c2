/**
 * The CQL the app sends to Confluence, built from data, never by pasting user text into a query:
 * every value is quoted and escaped (CQL string literals escape `"` and `\` with a backslash).
 */

export interface DocsScope {
  readonly spaceKeys: readonly string[];
  readonly labels: readonly string[];
}

export interface FindingDocsTerms {
  /** e.g. `CWE-89` */
  readonly cwe?: string | undefined;
  /** e.g. `SQL Injection` */
  readonly vulnClass?: string | undefined;
  /** e.g. `acme/payments-api` */
  readonly repository?: string | undefined;
}

/** A CQL string literal. */
export function cqlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const list = (values: readonly string[]) => `(${values.map(cqlString).join(', ')})`;

/** "In these spaces or with these labels"; undefined when nothing is chosen (then the app does not search). */
export function scopeClause(scope: DocsScope): string | undefined {
  const parts = [
    ...(scope.spaceKeys.length > 0 ? [`space in ${list(scope.spaceKeys)}`] : []),
    ...(scope.labels.length > 0 ? [`label in ${list(scope.labels)}`] : []),
  ];
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`;
}

/** Search terms of a finding: any of its CWE, vulnerability class or repository. */
export function findingTerms(terms: FindingDocsTerms): string[] {
  return [terms.cwe, terms.vulnClass, terms.repository]
    .map((t) => t?.trim() ?? '')
    .filter((t) => /[\p{L}\p{N}]/u.test(t))
    .filter((t, i, all) => all.indexOf(t) === i);
}

/**
 * Pages related to a finding within the chosen scope, or undefined when there is nothing to search
 * with (no scope chosen, or a finding without CWE, class and repository).
 */
export function relatedDocsCql(scope: DocsScope, terms: FindingDocsTerms): string | undefined {
  const where = scopeClause(scope);
  const words = findingTerms(terms);
  if (where === undefined || words.length === 0) return undefined;
  const text = words.map((w) => `text ~ ${cqlString(w)}`).join(' OR ');
  return `type = page AND ${where} AND (${text})`;
}

/** Free-text search confined to spaces (the assistant's search): undefined when no space is chosen. */
export function spaceTextCql(spaceKeys: readonly string[], query: string): string | undefined {
  if (spaceKeys.length === 0 || !/[\p{L}\p{N}]/u.test(query)) return undefined;
  return `type = page AND space in ${list(spaceKeys)} AND text ~ ${cqlString(query.trim())}`;
}

/**
 * A link to Confluence's own search page for the query: each reader sees only the pages Confluence
 * lets them see, and the link itself names no page.
 */
export function confluenceSearchUrl(siteUrl: string, cql: string): string {
  const base = siteUrl.replace(/\/+$/, '');
  return `${base}/wiki/search?cql=${encodeURIComponent(cql)}`;
}
