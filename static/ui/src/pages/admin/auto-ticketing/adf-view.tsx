import { type ReactNode } from 'react';

/**
 * A read-only rendering of an ADF document as plain React elements, for previews on the admin page:
 * paragraphs, headings, code blocks, lists, quotes and rules keep their shape; text marks become
 * strong/em/code; links, cards and mentions are shown as their text only. Nothing is ever rendered
 * as HTML or as a clickable link: the document holds finding data, and a preview should not be a
 * way to open whatever URL a scanner reported.
 */
export function AdfView({ doc, label }: { doc: unknown; label?: string }) {
  return (
    <div className="zp-adf-view" aria-label={label}>
      {childrenOf(doc).map((node, index) => renderBlock(node, index))}
    </div>
  );
}

interface AdfNode {
  type?: unknown;
  text?: unknown;
  attrs?: Record<string, unknown>;
  marks?: unknown;
  content?: unknown;
}

function asNode(value: unknown): AdfNode {
  return typeof value === 'object' && value !== null ? value : {};
}

function childrenOf(value: unknown): unknown[] {
  const content = asNode(value).content;
  return Array.isArray(content) ? content : [];
}

function attr(node: AdfNode, name: string): unknown {
  return node.attrs?.[name];
}

function inline(node: unknown): ReactNode[] {
  return childrenOf(node).map((child, index) => renderInline(child, index));
}

function renderBlock(value: unknown, key: number): ReactNode {
  const node = asNode(value);
  switch (node.type) {
    case 'paragraph':
      return <p key={key}>{inline(node)}</p>;
    case 'heading': {
      // The admin page's own headings are h1–h2 (section h2); the preview's start one level below.
      const level = Math.min(6, Math.max(3, Number(attr(node, 'level') ?? 1) + 2));
      const Tag = `h${level}` as 'h3' | 'h4' | 'h5' | 'h6';
      return <Tag key={key}>{inline(node)}</Tag>;
    }
    case 'codeBlock':
      return (
        <pre key={key}>
          <code>{childrenOf(node).map(textOf).join('')}</code>
        </pre>
      );
    case 'bulletList':
      return <ul key={key}>{childrenOf(node).map((item, i) => renderBlock(item, i))}</ul>;
    case 'orderedList':
      return <ol key={key}>{childrenOf(node).map((item, i) => renderBlock(item, i))}</ol>;
    case 'listItem':
      return <li key={key}>{childrenOf(node).map((child, i) => renderBlock(child, i))}</li>;
    case 'blockquote':
      return <blockquote key={key}>{childrenOf(node).map((child, i) => renderBlock(child, i))}</blockquote>;
    case 'rule':
      return <hr key={key} />;
    case 'text':
    case 'hardBreak':
    case 'mention':
    case 'emoji':
    case 'inlineCard':
    case 'date':
    case 'status':
      // Inline content where a block was expected (lenient, like Jira's renderer).
      return <p key={key}>{renderInline(node, 0)}</p>;
    default:
      // Panels, expands, tables, media groups…: their content, without the frame.
      return <div key={key}>{childrenOf(node).map((child, i) => renderBlock(child, i))}</div>;
  }
}

function renderInline(value: unknown, key: number): ReactNode {
  const node = asNode(value);
  switch (node.type) {
    case 'text':
      return <Marked key={key} text={typeof node.text === 'string' ? node.text : ''} marks={node.marks} />;
    case 'hardBreak':
      return <br key={key} />;
    default: {
      const text = textOf(node);
      return text === '' ? null : <span key={key}>{text}</span>;
    }
  }
}

/**
 * strong / em / code / strike keep their look; a link mark shows its text, and its address as
 * text after it when that differs, never an anchor.
 */
function Marked({ text, marks }: { text: string; marks: unknown }) {
  const list = Array.isArray(marks) ? marks.map(asNode) : [];
  const types = list.map((m) => m.type);
  const link = list.find((m) => m.type === 'link');
  const href = link === undefined ? undefined : attr(link, 'href');
  let out: ReactNode = link === undefined ? text : <span>{text}</span>;
  if (typeof href === 'string' && href !== text) {
    out = (
      <>
        {out}
        <span>{` (${href})`}</span>
      </>
    );
  }
  if (types.includes('code')) out = <code>{out}</code>;
  if (types.includes('strong')) out = <strong>{out}</strong>;
  if (types.includes('em')) out = <em>{out}</em>;
  if (types.includes('strike')) out = <s>{out}</s>;
  return <>{out}</>;
}

/** The readable text of any node: its text, a mention's name, a card's or date's value, or its children's. */
function textOf(value: unknown): string {
  const node = asNode(value);
  if (typeof node.text === 'string') return node.text;
  switch (node.type) {
    case 'hardBreak':
      return '\n';
    case 'mention': {
      const name = attr(node, 'text');
      return typeof name === 'string' ? name : '@user';
    }
    case 'emoji': {
      const shortName = attr(node, 'text') ?? attr(node, 'shortName');
      return typeof shortName === 'string' ? shortName : '';
    }
    case 'inlineCard': {
      const url = attr(node, 'url');
      return typeof url === 'string' ? url : '';
    }
    case 'status': {
      const text = attr(node, 'text');
      return typeof text === 'string' ? text : '';
    }
    case 'date': {
      const timestamp = Number(attr(node, 'timestamp'));
      return Number.isFinite(timestamp) ? new Date(timestamp).toISOString().slice(0, 10) : '';
    }
    default:
      return childrenOf(node).map(textOf).join('');
  }
}
