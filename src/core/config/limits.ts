/**
 * Size limits of what the admin page can save, stated once so the UI can show them next to the
 * field and the backend's refusal names the same number. Each keeps one configuration section well
 * under the KVS value limit (240 KiB, counted as JSON) with room for the others; before they were
 * stated, schema-valid but oversized input (50 × 20,000-character templates, 10,000 assignee
 * mappings, a 1 MB tag) failed at the store with "Something went wrong".
 */
export const LIMITS = {
  /** Auto-ticketing rules. */
  rules: 50,
  /** Repositories in one rule's or SLA policy's scope. */
  scopeRepositories: 200,
  /** Tags in one scope. */
  scopeTags: 50,
  /** Characters of one tag. */
  tagLength: 100,
  /** Repository and tag → assignee rows of one rule. */
  assigneeMappings: 200,
  /** Characters of a summary template. */
  templateSummary: 1_000,
  /** Characters of a description template. */
  templateDescription: 20_000,
  /** Templates in the library. */
  templateLibrary: 50,
  /** Characters of every template together (site templates, library, rules' own). */
  templatesTotal: 120_000,
  /** Field mappings of one project + issue type. */
  fieldMappings: 50,
  /** Characters of one static text value (Jira's own limit for a paragraph field). */
  staticText: 32_767,
  /** Items of one static list value. */
  staticListItems: 100,
  /** Characters of one static list item (Jira's limit for a label). */
  staticListItem: 255,
  /** Characters of every static value of every mapping together. */
  staticValuesTotal: 100_000,
  /** Markdown block nesting (quotes, lists) of a template; deeper nesting is refused, not rendered. */
  templateNesting: 20,
  /** Characters of an account id (Atlassian ids are at most 128). */
  accountId: 128,
} as const;

/** "at most N …" — the wording every refusal uses, so the UI and the error name the same limit. */
export function atMost(limit: number, what: string): string {
  return `At most ${limit.toLocaleString('en-US')} ${what}.`;
}

/**
 * The deepest block nesting of a markdown text: quote markers (`>`) and list indentation (two
 * spaces a level) at a line start. Linear: one pass over each line's leading characters.
 */
export function markdownNestingDepth(markdown: string): number {
  let deepest = 0;
  for (const line of markdown.split('\n')) {
    let quotes = 0;
    let indent = 0;
    let list = 0;
    for (const ch of line) {
      if (ch === '>') quotes += 1;
      else if (ch === ' ') indent += 1;
      else if (ch === '\t') indent += 4;
      else {
        if (ch === '-' || ch === '*' || ch === '+') list = 1;
        break;
      }
    }
    deepest = Math.max(deepest, quotes + (list === 1 ? 1 + Math.floor(indent / 2) : 0));
  }
  return deepest;
}
