import { type AdfMark, type AdfNode } from '../templates/adf-node';
import { toAdfCodeLanguage } from './code-language';
import { toSafeHref } from './safe-link';
import { cleanText } from './safe-text';

/**
 * Whitelist sanitiser for ADF produced from untrusted markdown. marklassian emits nodes Jira
 * rejects (empty list items, tables inside lists, headings inside quotes, `javascript:` links) and
 * passes `<adf>` HTML blocks through verbatim, so its output is rebuilt node by node: what Jira
 * accepts is kept, what can be repaired is repaired, the rest is reduced to its plain text or
 * dropped. It never throws on bad input.
 */

// ADF as it arrives from the converter has the shape the app writes, but is read defensively here.
export type { AdfMark, AdfNode };

type BlockContext = 'top' | 'listItem' | 'blockquote' | 'tableCell';

export interface SanitiseOptions {
  /** Added to markdown heading levels so the description nests under the ticket's own headings. */
  headingOffset: number;
}

const SIMPLE_MARKS = new Set(['strong', 'em', 'strike', 'underline', 'code']);
const MAX_LIST_DEPTH = 6;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function childrenOf(node: unknown): unknown[] {
  return isRecord(node) && Array.isArray(node.content) ? (node.content as unknown[]) : [];
}

function typeOf(node: unknown): string | undefined {
  return isRecord(node) && typeof node.type === 'string' ? node.type : undefined;
}

function attrsOf(node: unknown): Record<string, unknown> {
  return isRecord(node) && isRecord(node.attrs) ? node.attrs : {};
}

/** Every text string under a node, for reducing an unsupported node to something readable. */
function plainTextOf(node: unknown): string {
  if (!isRecord(node)) return '';
  if (typeof node.text === 'string') return node.text;
  const attrs = attrsOf(node);
  if (typeOf(node) === 'mention' || typeOf(node) === 'emoji') {
    return typeof attrs.text === 'string' ? attrs.text : typeof attrs.shortName === 'string' ? attrs.shortName : '';
  }
  return childrenOf(node).map(plainTextOf).join(typeOf(node) === 'paragraph' ? '' : ' ');
}

function textNode(text: string, marks: AdfMark[] = []): AdfNode | undefined {
  const cleaned = cleanText(text);
  if (cleaned.length === 0) return undefined;
  return marks.length > 0 ? { type: 'text', text: cleaned, marks } : { type: 'text', text: cleaned };
}

function paragraphOf(text: string): AdfNode {
  const node = textNode(text.trim());
  return node === undefined ? { type: 'paragraph', content: [] } : { type: 'paragraph', content: [node] };
}

function sanitiseMarks(raw: unknown): AdfMark[] {
  if (!Array.isArray(raw)) return [];
  const byType = new Map<string, AdfMark>();
  for (const mark of raw as unknown[]) {
    const type = typeOf(mark);
    if (type === undefined || byType.has(type)) continue;
    if (SIMPLE_MARKS.has(type)) byType.set(type, { type });
    if (type === 'link') {
      const href = toSafeHref(typeof attrsOf(mark).href === 'string' ? (attrsOf(mark).href as string) : undefined);
      if (href !== undefined) byType.set(type, { type: 'link', attrs: { href } });
    }
  }
  // ADF allows the `code` mark only alongside `link`.
  if (byType.has('code')) return [...byType.values()].filter((m) => m.type === 'code' || m.type === 'link');
  return [...byType.values()];
}

export function sanitiseInlines(nodes: readonly unknown[]): AdfNode[] {
  const out: AdfNode[] = [];
  for (const node of nodes) {
    const type = typeOf(node);
    if (type === 'text' && isRecord(node) && typeof node.text === 'string') {
      const text = textNode(node.text, sanitiseMarks(node.marks));
      if (text !== undefined) out.push(text);
    } else if (type === 'hardBreak') {
      out.push({ type: 'hardBreak' });
    } else if (type === 'inlineCard') {
      const href = toSafeHref(typeof attrsOf(node).url === 'string' ? (attrsOf(node).url as string) : undefined);
      const text = href === undefined ? undefined : textNode(href, [{ type: 'link', attrs: { href } }]);
      if (text !== undefined) out.push(text);
    } else {
      // Mentions, emoji, status, dates…: kept as inert text so nobody is notified by ZeroPath prose.
      const text = textNode(plainTextOf(node));
      if (text !== undefined) out.push(text);
    }
  }
  return out;
}

function sanitiseListItem(node: unknown, depth: number): AdfNode {
  const blocks = sanitiseBlocks(childrenOf(node), 'listItem', { headingOffset: 0 }, depth);
  const first = blocks[0];
  // A list item must open with a paragraph (or code block); an empty `- ` line has nothing at all.
  if (first === undefined || (first.type !== 'paragraph' && first.type !== 'codeBlock')) {
    blocks.unshift({ type: 'paragraph', content: [] });
  }
  return { type: 'listItem', content: blocks };
}

function sanitiseList(node: unknown, ordered: boolean, depth: number): AdfNode[] {
  if (depth >= MAX_LIST_DEPTH) return [paragraphOf(plainTextOf(node))];
  const items = childrenOf(node).map((item) =>
    typeOf(item) === 'taskItem'
      ? { type: 'listItem', content: [paragraphOf(`${attrsOf(item).state === 'DONE' ? '☑' : '☐'} ${plainTextOf(item)}`)] }
      : sanitiseListItem(item, depth + 1),
  );
  if (items.length === 0) return [];
  if (!ordered) return [{ type: 'bulletList', content: items }];
  const order = attrsOf(node).order;
  const list: AdfNode = { type: 'orderedList', content: items };
  if (typeof order === 'number' && Number.isInteger(order) && order >= 0) list.attrs = { order };
  return [list];
}

function sanitiseTable(node: unknown, depth: number): AdfNode[] {
  const rows: AdfNode[] = [];
  for (const row of childrenOf(node)) {
    if (typeOf(row) !== 'tableRow') continue;
    const cells: AdfNode[] = [];
    for (const cell of childrenOf(row)) {
      const cellType = typeOf(cell);
      if (cellType !== 'tableCell' && cellType !== 'tableHeader') continue;
      const blocks = sanitiseBlocks(childrenOf(cell), 'tableCell', { headingOffset: 0 }, depth);
      cells.push({ type: cellType, content: blocks.length > 0 ? blocks : [{ type: 'paragraph', content: [] }] });
    }
    if (cells.length > 0) rows.push({ type: 'tableRow', content: cells });
  }
  return rows.length > 0 ? [{ type: 'table', content: rows }] : [];
}

function sanitiseCodeBlock(node: unknown): AdfNode[] {
  const code = cleanText(childrenOf(node).map(plainTextOf).join(''));
  if (code.length === 0) return [];
  const language = toAdfCodeLanguage(typeof attrsOf(node).language === 'string' ? (attrsOf(node).language as string) : undefined);
  const block: AdfNode = { type: 'codeBlock', content: [{ type: 'text', text: code }] };
  if (language !== undefined) block.attrs = { language };
  return [block];
}

/** Images become links: an external image in a ticket is a tracking pixel for whoever opens it. */
function sanitiseMedia(node: unknown): AdfNode[] {
  const media = typeOf(node) === 'media' ? node : childrenOf(node).find((child) => typeOf(child) === 'media');
  const attrs = attrsOf(media);
  const href = toSafeHref(typeof attrs.url === 'string' ? attrs.url : undefined);
  const alt = typeof attrs.alt === 'string' && attrs.alt.trim().length > 0 ? attrs.alt.trim() : 'image';
  if (href === undefined) return [paragraphOf(alt)];
  const link = textNode(`Image: ${alt}`, [{ type: 'link', attrs: { href } }]);
  return link === undefined ? [] : [{ type: 'paragraph', content: [link] }];
}

function sanitiseBlock(node: unknown, context: BlockContext, options: SanitiseOptions, depth: number): AdfNode[] {
  switch (typeOf(node)) {
    case 'paragraph':
      return [{ type: 'paragraph', content: sanitiseInlines(childrenOf(node)) }];
    case 'heading': {
      const inlines = sanitiseInlines(childrenOf(node));
      // Jira accepts headings only at the top level and in table cells; elsewhere they become bold text.
      if (context !== 'top' && context !== 'tableCell') {
        return [{ type: 'paragraph', content: inlines.map((n) => (n.type === 'text' ? { ...n, marks: sanitiseMarks([...(n.marks ?? []), { type: 'strong' }]) } : n)) }];
      }
      const raw = attrsOf(node).level;
      const level = typeof raw === 'number' && Number.isInteger(raw) ? raw : 1;
      return [{ type: 'heading', attrs: { level: Math.min(6, Math.max(1, level + options.headingOffset)) }, content: inlines }];
    }
    case 'bulletList':
    case 'taskList':
      return sanitiseList(node, false, depth);
    case 'orderedList':
      return sanitiseList(node, true, depth);
    case 'codeBlock':
      return sanitiseCodeBlock(node);
    case 'blockquote': {
      if (context !== 'top' && context !== 'tableCell') return sanitiseBlocks(childrenOf(node), context, options, depth);
      const inner = sanitiseBlocks(childrenOf(node), 'blockquote', options, depth);
      return inner.length > 0 ? [{ type: 'blockquote', content: inner }] : [];
    }
    case 'rule':
      return context === 'top' ? [{ type: 'rule' }] : [];
    case 'table':
      // Tables cannot nest in lists, quotes, panels or other tables: flatten their cells instead.
      if (context === 'top') return sanitiseTable(node, depth);
      return childrenOf(node).flatMap((row) => childrenOf(row).flatMap((cell) => sanitiseBlocks(childrenOf(cell), context, options, depth)));
    case 'mediaSingle':
    case 'mediaGroup':
    case 'media':
      return sanitiseMedia(node);
    case 'text':
    case 'hardBreak':
    case 'mention':
    case 'emoji':
    case 'inlineCard': {
      const inlines = sanitiseInlines([node]);
      return inlines.length > 0 ? [{ type: 'paragraph', content: inlines }] : [];
    }
    default: {
      const text = plainTextOf(node).trim();
      return text.length > 0 ? [paragraphOf(text)] : [];
    }
  }
}

export function sanitiseBlocks(nodes: readonly unknown[], context: BlockContext, options: SanitiseOptions, depth = 0): AdfNode[] {
  return nodes.flatMap((node) => sanitiseBlock(node, context, options, depth));
}
