import type { AdfNode } from '../templates/adf-node';
import { findSecretSpans, REDACTED } from './redact-secrets';
import type { TextSpan } from './text-span';

/**
 * Redacts the text of an ADF tree in place of its nodes. A block's inline text is read as one
 * string, so a credential split across marks (`sk_live_` plain, the rest bold) or across two
 * template variables is still one credential; each text node then loses the part of a span that
 * fell inside it, the first one showing `[REDACTED]`. Marks, links and structure are kept.
 */
export function redactAdfNodes(nodes: readonly AdfNode[]): AdfNode[] {
  return redactInline(nodes.map(redactNode));
}

function redactNode(node: AdfNode): AdfNode {
  if (node.content === undefined) return node;
  return { ...node, content: redactAdfNodes(node.content) };
}

function redactInline(nodes: AdfNode[]): AdfNode[] {
  const texts = nodes.map((node) =>
    node.type === 'text' && typeof node.text === 'string' ? node.text : null,
  );
  if (texts.every((t) => t === null)) return nodes;
  // Non-text inline nodes (hard breaks, mentions) become a line break in the joined text.
  const joined = texts.map((t) => t ?? '\n').join('');
  const spans = spansOf(joined);
  if (spans.length === 0) return nodes;
  const out: AdfNode[] = [];
  let offset = 0;
  nodes.forEach((node, index) => {
    const text = texts[index] ?? null;
    const start = offset;
    offset += text === null ? 1 : text.length;
    if (text === null) {
      out.push(node);
      return;
    }
    const rewritten = cutSpans(text, start, spans);
    if (rewritten.length > 0) out.push({ ...node, text: rewritten });
  });
  return out;
}

function spansOf(text: string): TextSpan[] {
  return findSecretSpans(text, { mode: 'detect' });
}

/** The node's text without the parts inside `spans`; `[REDACTED]` where a span starts in it. */
function cutSpans(text: string, start: number, spans: readonly TextSpan[]): string {
  const end = start + text.length;
  let out = '';
  let cursor = start;
  for (const span of spans) {
    if (span.end <= start || span.start >= end) continue;
    const from = Math.max(span.start, start);
    out += text.slice(cursor - start, from - start);
    if (span.start >= start) out += REDACTED;
    cursor = Math.min(span.end, end);
  }
  return out + text.slice(cursor - start);
}
