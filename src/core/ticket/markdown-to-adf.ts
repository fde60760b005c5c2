import { markdownToAdf } from 'marklassian';
import { sanitiseBlocks, type AdfNode } from './adf-sanitiser';
import { cleanText } from './safe-text';

/**
 * marklassian turns an `<adf>…</adf>` HTML block into raw ADF nodes (and throws on bad JSON inside
 * one). ZeroPath's text is not ours to inject nodes with, so the tag is defused with a zero-width
 * space before parsing: it then reads as text, looking the same to a person.
 */
const ADF_TAG = /<(\/?)(adf)(?=[\s>/])/gi;

/** Converts ZeroPath's markdown to ADF blocks Jira accepts; falls back to plain paragraphs. */
export function convertMarkdownToAdfBlocks(markdown: string, headingOffset: number): AdfNode[] {
  const source = cleanText(markdown).replace(ADF_TAG, '<$1\u200B$2');
  if (source.trim().length === 0) return [];
  let converted: unknown;
  try {
    converted = markdownToAdf(source).content;
  } catch {
    // The parser is a third-party library; a crash on odd input must not lose the ticket.
    return plainParagraphs(source);
  }
  return sanitiseBlocks(Array.isArray(converted) ? (converted as unknown[]) : [], 'top', { headingOffset });
}

function plainParagraphs(source: string): AdfNode[] {
  return source
    .split(/\n{2,}/)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk.length > 0)
    .map((chunk) => ({ type: 'paragraph', content: [{ type: 'text', text: chunk }] }));
}
