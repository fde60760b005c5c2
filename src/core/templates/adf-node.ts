/**
 * The slice of the Atlassian Document Format this app writes. Deliberately local and structural:
 * `@atlaskit/adf-schema` is a dev dependency (tests validate against it), so production code
 * must not depend on its types.
 */
export interface AdfMark {
  type: string;
  attrs?: Record<string, unknown>;
}

export interface AdfNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: AdfNode[];
  marks?: AdfMark[];
  text?: string;
}

export interface AdfDoc {
  type: 'doc';
  version: 1;
  content: AdfNode[];
}

/**
 * Turns untrusted text into inline ADF: text nodes with the given marks, line breaks as
 * `hardBreak`. Nothing in the text is interpreted, so it can never become structure, a link or
 * a mention. ADF forbids empty text nodes, so empty lines produce no node.
 */
export function toInlineTextNodes(text: string, marks: readonly AdfMark[] = []): AdfNode[] {
  const nodes: AdfNode[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    if (index > 0) nodes.push({ type: 'hardBreak' });
    if (line.length > 0)
      nodes.push(
        marks.length > 0 ? { type: 'text', text: line, marks: [...marks] } : { type: 'text', text: line },
      );
  });
  return nodes;
}

/** A whole document holding untrusted text as plain paragraphs (blank lines separate them). */
export function plainTextToAdfDoc(text: string): AdfDoc {
  const paragraphs = text
    .split(/(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)/)
    .map((block) => block.replace(/^(?:\r\n|\r|\n)+|(?:\r\n|\r|\n)+$/g, ''))
    .filter((block) => block.trim().length > 0)
    .map((block): AdfNode => ({ type: 'paragraph', content: toInlineTextNodes(block) }));
  return { type: 'doc', version: 1, content: paragraphs };
}
