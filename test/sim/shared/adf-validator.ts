/**
 * Test-only ADF validation with @atlaskit/adf-utils' validator (jira-rest-api.md §5.4), shared by
 * unit tests and simulators. It runs in *throwing* mode on purpose: with an error callback the
 * validator also reports the candidate specs it tries and discards, so a valid `code` mark shows up
 * as "code: unsupported mark." — the callback count is not a validity signal.
 */
import { validator } from '@atlaskit/adf-utils/validator';

/** What Jira renders (§5.4 item 4, plus `status` and `date`); Confluence-only nodes are refused. */
export const JIRA_ADF_NODES = [
  'doc', 'paragraph', 'text', 'heading', 'codeBlock', 'table', 'tableRow', 'tableHeader', 'tableCell', 'panel',
  'bulletList', 'orderedList', 'listItem', 'hardBreak', 'rule', 'blockquote', 'mention', 'inlineCard', 'emoji',
  'status', 'date',
];
export const JIRA_ADF_MARKS = ['link', 'strong', 'em', 'code', 'strike', 'underline', 'textColor', 'subsup'];

type Validate = ReturnType<typeof validator>;
let fullValidator: Validate | undefined;
let jiraValidator: Validate | undefined;

export type AdfValidation = { valid: true } | { valid: false; error: string };

/** The validator logs a harmless feature-gate warning once (§5.4 caveat); keep test output clean. */
function withoutFeatureGateNoise<T>(run: () => T): T {
  const { warn, error } = console;
  const filter =
    (original: (...args: unknown[]) => void) =>
    (...args: unknown[]): void => {
      const first: unknown = args[0];
      if (typeof first === 'object' && first !== null && 'gateName' in first) return;
      original(...args);
    };
  console.warn = filter(warn);
  console.error = filter(error);
  try {
    return run();
  } finally {
    console.warn = warn;
    console.error = error;
  }
}

/** `jiraOnly` (default) also refuses nodes the ADF schema allows but Jira does not render. */
export function validateAdf(document: unknown, options: { jiraOnly?: boolean } = {}): AdfValidation {
  if (typeof document !== 'object' || document === null || (document as { type?: unknown }).type !== 'doc') {
    return { valid: false, error: 'not an ADF document (expected an object with type "doc")' };
  }
  return withoutFeatureGateNoise(() => {
    fullValidator ??= validator();
    jiraValidator ??= validator(JIRA_ADF_NODES, JIRA_ADF_MARKS);
    const validate = options.jiraOnly === false ? fullValidator : jiraValidator;
    try {
      validate(document as Parameters<Validate>[0]);
      return { valid: true } as const;
    } catch (error) {
      return { valid: false, error: error instanceof Error ? error.message : String(error) };
    }
  });
}

export function assertValidAdf(document: unknown): void {
  const result = validateAdf(document);
  if (!result.valid) {
    throw new Error(`Invalid ADF: ${result.error}\n${JSON.stringify(document).slice(0, 2000)}`);
  }
}
