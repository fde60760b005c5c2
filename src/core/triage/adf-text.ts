import { type AdfNode } from './triage-types';

/** A run of comment text; only `prose` is the author's own words about the issue. */
export interface TextBlock {
  kind: 'prose' | 'quote' | 'code';
  text: string;
}

const BLOCK_NODES = new Set([
  'paragraph',
  'heading',
  'listItem',
  'bulletList',
  'orderedList',
  'panel',
  'tableCell',
  'tableHeader',
  'tableRow',
  'table',
  'expand',
  'nestedExpand',
  'decisionItem',
  'taskItem',
  'mediaSingle',
]);

function readStringAttr(node: AdfNode, name: string): string | undefined {
  const value = node.attrs?.[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function renderInline(node: AdfNode): string {
  switch (node.type) {
    case 'text':
      return node.text ?? '';
    case 'hardBreak':
      return '\n';
    case 'mention':
      return readStringAttr(node, 'text') ?? '@someone';
    case 'emoji':
      return readStringAttr(node, 'text') ?? readStringAttr(node, 'shortName') ?? '';
    case 'inlineCard':
    case 'blockCard':
    case 'embedCard':
      return ` ${readStringAttr(node, 'url') ?? ''} `;
    case 'status':
      return readStringAttr(node, 'text') ?? '';
    case 'date':
      return readStringAttr(node, 'timestamp') ?? '';
    default:
      return (node.content ?? []).map(renderInline).join('');
  }
}

function pushText(blocks: TextBlock[], kind: TextBlock['kind'], text: string): void {
  if (text.trim().length === 0) return;
  if (kind !== 'prose') {
    blocks.push({ kind, text });
    return;
  }
  // Email-style quoting inside a paragraph: "> they said" is someone else's words (rule 3).
  let prose: string[] = [];
  const flush = (): void => {
    if (prose.length > 0) blocks.push({ kind: 'prose', text: prose.join('\n') });
    prose = [];
  };
  for (const line of text.split('\n')) {
    if (/^\s*>/.test(line)) {
      flush();
      blocks.push({ kind: 'quote', text: line.replace(/^\s*>+\s?/, '') });
    } else {
      prose.push(line);
    }
  }
  flush();
}

function walk(node: AdfNode, inherited: TextBlock['kind'], blocks: TextBlock[]): void {
  const kind: TextBlock['kind'] =
    node.type === 'blockquote' ? 'quote' : node.type === 'codeBlock' ? 'code' : inherited;
  const children = node.content ?? [];
  const hasBlockChildren = children.some(
    (child) => BLOCK_NODES.has(child.type) || child.type === 'blockquote' || child.type === 'codeBlock',
  );
  if (node.type === 'doc' || hasBlockChildren) {
    for (const child of children) walk(child, kind, blocks);
    return;
  }
  pushText(blocks, kind, renderInline(node));
}

/**
 * Flattens an ADF comment body into blocks of plain text, one per paragraph-like node, keeping
 * quotes and code apart from the author's prose. Pure and total: unknown node types contribute
 * their children's text.
 */
export function extractAdfText(body: AdfNode): TextBlock[] {
  const blocks: TextBlock[] = [];
  walk(body, 'prose', blocks);
  return blocks;
}

/** The author's own prose only, blocks separated by newlines. */
export function extractProse(body: AdfNode): string {
  return extractAdfText(body)
    .filter((block) => block.kind === 'prose')
    .map((block) => block.text)
    .join('\n');
}
