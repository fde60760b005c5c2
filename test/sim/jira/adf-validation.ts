/**
 * ADF validation as the simulator's stand-in for Jira's: the @atlaskit validator restricted to
 * the node/mark subset Jira renders (jira-rest-api.md §5.4 item 4, plus `status` and `date`).
 * Run with an error callback so a bad document is reported, not thrown, and never "repaired".
 */
import { validator } from '@atlaskit/adf-utils/validator';

const JIRA_NODES = [
  'doc', 'paragraph', 'text', 'heading', 'codeBlock', 'table', 'tableRow', 'tableHeader', 'tableCell', 'panel',
  'bulletList', 'orderedList', 'listItem', 'hardBreak', 'rule', 'blockquote', 'mention', 'inlineCard', 'emoji',
  'status', 'date',
];
const JIRA_MARKS = ['link', 'strong', 'em', 'code', 'strike', 'underline', 'textColor', 'subsup'];

// The validator probes an uninitialised Atlassian feature-gate client once and logs a harmless
// warning (jira-rest-api.md §5.4 item 6); silence it so test output stays readable.
const validateJiraAdf = withConsoleSilenced(() => validator(JIRA_NODES, JIRA_MARKS));

function withConsoleSilenced<T>(build: () => T): T {
  const { warn, error, log } = console;
  console.warn = console.error = console.log = () => undefined;
  try {
    return build();
  } finally {
    Object.assign(console, { warn, error, log });
  }
}

export type AdfCheck = { kind: 'ok' } | { kind: 'not-a-document' } | { kind: 'invalid'; problems: string[] };

/** Distinguishes "not ADF at all" (a string, no `type: doc`) from "ADF that fails the schema". */
export function checkAdf(value: unknown): AdfCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { kind: 'not-a-document' };
  if ((value as { type?: unknown }).type !== 'doc') return { kind: 'not-a-document' };
  const problems: string[] = [];
  try {
    validateJiraAdf(value as Parameters<typeof validateJiraAdf>[0], (_entity, error) => {
      problems.push(error.message);
      return undefined;
    });
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  }
  return problems.length === 0 ? { kind: 'ok' } : { kind: 'invalid', problems };
}

/** Plain text of an ADF document (JQL `text ~`, summaries in tests). */
export function extractAdfText(value: unknown): string {
  if (typeof value !== 'object' || value === null) return '';
  const node = value as { text?: unknown; content?: unknown };
  const own = typeof node.text === 'string' ? node.text : '';
  const children = Array.isArray(node.content) ? node.content.map(extractAdfText).join(' ') : '';
  return `${own}${children}`.trim();
}

/** Wraps plain text in a one-paragraph ADF document (control API convenience). */
export function textToAdf(text: string): unknown {
  return { type: 'doc', version: 1, content: [{ type: 'paragraph', content: text.length > 0 ? [{ type: 'text', text }] : [] }] };
}
