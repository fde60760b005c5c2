/**
 * ADF validation as the simulator's stand-in for Jira's: the full @atlaskit/adf-schema validator
 * (`../shared/adf-validator.ts` with `jiraOnly: false`). Jira stores any schema-valid document —
 * taskList, decisionList, expand, blockCard, layoutSection, external media, backgroundColor… —
 * even where its own renderer shows less, so the simulator must not refuse them: otherwise no test
 * could show the app's sanitiser dropping content Jira would have kept. It runs the validator in
 * throwing mode: in callback mode it also reports candidate specs it tried and discarded.
 */
import { validateAdf } from '../shared/adf-validator';

export type AdfCheck = { kind: 'ok' } | { kind: 'not-a-document' } | { kind: 'invalid'; problems: string[] };

/** Distinguishes "not ADF at all" (a string, no `type: doc`) from "ADF that fails the schema". */
export function checkAdf(value: unknown): AdfCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { kind: 'not-a-document' };
  if ((value as { type?: unknown }).type !== 'doc') return { kind: 'not-a-document' };
  const result = validateAdf(value, { jiraOnly: false });
  return result.valid ? { kind: 'ok' } : { kind: 'invalid', problems: [result.error] };
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
