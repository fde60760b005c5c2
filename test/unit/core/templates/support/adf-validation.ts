import { validator } from '@atlaskit/adf-utils/validator';

/** The node and mark set Jira accepts in a description (jira-rest-api.md §5.4, point 4). */
const JIRA_NODES = [
  'doc',
  'paragraph',
  'text',
  'heading',
  'codeBlock',
  'table',
  'tableRow',
  'tableHeader',
  'tableCell',
  'panel',
  'bulletList',
  'orderedList',
  'listItem',
  'hardBreak',
  'rule',
  'blockquote',
  'mention',
  'inlineCard',
  'emoji',
];
const JIRA_MARKS = ['link', 'strong', 'em', 'code', 'strike', 'underline', 'textColor', 'subsup'];

let validate: ReturnType<typeof validator> | undefined;

/**
 * The validator's first problem, or none. Throwing mode on purpose: with an error callback the
 * validator also reports alternatives it tried and discarded (a `code` mark is reported as
 * unsupported while it tests the formatted-text variant first), so callbacks are not a clean signal.
 */
export function adfProblemsOf(doc: unknown): string[] {
  const warn = console.warn;
  // The validator logs a one-time feature-gate warning (no gate client in Node); it is noise here.
  console.warn = (...args: unknown[]) => {
    if (!JSON.stringify(args).includes('feature gate')) warn(...args);
  };
  try {
    validate ??= validator(JIRA_NODES, JIRA_MARKS);
    validate(doc as Parameters<typeof validate>[0]);
    return [];
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  } finally {
    console.warn = warn;
  }
}
