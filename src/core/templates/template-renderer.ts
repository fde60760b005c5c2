import { redactAdfNodes } from '../redaction/redact-adf';
import { withoutSecrets } from '../redaction/redact-secrets';
import { markdownToAdf } from 'marklassian';
import { type AdfDoc, type AdfMark, type AdfNode, toInlineTextNodes } from './adf-node';
import {
  parseTemplate,
  type TemplateOutcome,
  type TemplatePart,
  type TemplateProblem,
} from './template-parser';
import { type TemplateVariableName, type TemplateVariables } from './template-variables';

export type TemplateKind = 'summary' | 'description';

/** Jira's summary limit. */
export const SUMMARY_MAX_LENGTH = 255;
export const TEMPLATE_MAX_LENGTH: Record<TemplateKind, number> = { summary: 1_000, description: 20_000 };

/**
 * What the template's own markdown may produce. Anything else (images become external media,
 * `- [ ]` becomes task lists, raw `<adf>` blocks become arbitrary nodes) is refused at save:
 * Jira rejects some of it and the rest is not ours to write.
 */
const ALLOWED_NODES: ReadonlySet<string> = new Set([
  'doc',
  'paragraph',
  'text',
  'heading',
  'bulletList',
  'orderedList',
  'listItem',
  'codeBlock',
  'blockquote',
  'rule',
  'table',
  'tableRow',
  'tableHeader',
  'tableCell',
  'hardBreak',
]);
const ALLOWED_MARKS: ReadonlySet<string> = new Set(['strong', 'em', 'strike', 'code', 'link', 'underline']);
const ALLOWED_LINK_SCHEMES = /^(?:https?:|mailto:)/i;

/** Validates a template for saving: every problem, with the tag and its position where known. */
export function validateTemplate(kind: TemplateKind, source: string): TemplateProblem[] {
  const max = TEMPLATE_MAX_LENGTH[kind];
  if (source.length > max)
    return [{ message: `Template is ${source.length} characters long; the limit is ${max}.` }];
  if (kind === 'summary' && source.trim().length === 0) return [{ message: 'Summary template is empty.' }];
  const parsed = parseTemplate(source);
  if (!parsed.ok) return parsed.problems;
  if (kind === 'summary') return [];
  const converted = convertWithSentinels(source, parsed.value);
  return [...structureProblems(converted), ...attributeProblems(converted)];
}

/**
 * Renders a summary: plain text on one line, at most 255 characters. An empty result would be
 * refused by Jira, so it falls back to the finding title.
 */
export function renderSummaryTemplate(source: string, variables: TemplateVariables): TemplateOutcome<string> {
  const parsed = parseTemplate(source);
  if (!parsed.ok) return parsed;
  const joined = parsed.value
    .map((part) => (part.kind === 'text' ? part.text : variables[part.name]))
    .join('');
  // Two variables side by side can spell one credential: the joined line is checked as a whole.
  const summary = toSummaryLine(withoutSecrets(joined));
  return {
    ok: true,
    value: summary.length > 0 ? summary : toSummaryLine(variables.issueTitle) || 'ZeroPath finding',
  };
}

export function toSummaryLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= SUMMARY_MAX_LENGTH) return line;
  let cut = SUMMARY_MAX_LENGTH - 1;
  if (/[\uD800-\uDBFF]/.test(line.charAt(cut - 1))) cut -= 1;
  return `${line.slice(0, cut)}…`;
}

/**
 * Renders a description to ADF. The template's markdown is converted with opaque placeholders
 * where the variables go; only then are the placeholders inside text replaced by the values as
 * plain text. A value therefore never passes through the markdown parser and cannot create
 * structure, links or mentions. Placeholders that landed in attributes (a link target, a code
 * language) are removed, and a link whose target held one loses its link mark.
 */
export function renderDescriptionTemplate(
  source: string,
  variables: TemplateVariables,
): TemplateOutcome<AdfDoc> {
  const parsed = parseTemplate(source);
  if (!parsed.ok) return parsed;
  const converted = convertWithSentinels(source, parsed.value);
  // Variables in attributes are refused at save but tolerated here (they are stripped below), so
  // a template saved under older rules still renders; unsupported structure never does.
  const problems = structureProblems(converted);
  if (problems.length > 0) return { ok: false, problems };
  const values = converted.order.map((name) => variables[name]);
  const content = redactAdfNodes(substituteAll(converted.doc.content, converted.pattern, values, false));
  return { ok: true, value: { type: 'doc', version: 1, content } };
}

interface Converted {
  doc: AdfDoc;
  /** Matches one placeholder; group 1 is the index into `order`. */
  pattern: RegExp;
  order: TemplateVariableName[];
}

function convertWithSentinels(source: string, parts: TemplatePart[]): Converted {
  const prefix = pickSentinelPrefix(source);
  const order: TemplateVariableName[] = [];
  const markdown = parts
    .map((part) => {
      if (part.kind === 'text') return part.text;
      order.push(part.name);
      // Letters and digits only: markdown gives them no meaning, so they survive conversion.
      return `${prefix}${order.length - 1}z`;
    })
    .join('');
  const doc = markdownToAdf(markdown);
  return { doc, pattern: new RegExp(`${prefix}(\\d+)z`, 'g'), order };
}

/** A prefix that cannot occur in the template's own text, so every match is ours. */
function pickSentinelPrefix(source: string): string {
  const lower = source.toLowerCase();
  for (let attempt = 0; ; attempt += 1) {
    const prefix = `zpvar${attempt === 0 ? '' : `${attempt}q`}x`;
    if (!lower.includes(prefix)) return prefix;
  }
}

function structureProblems({ doc, pattern }: Converted): TemplateProblem[] {
  const problems = new Map<string, TemplateProblem>();
  const visit = (node: AdfNode): void => {
    if (!ALLOWED_NODES.has(node.type)) {
      problems.set(`node:${node.type}`, {
        message: `The template's markdown produces "${node.type}", which is not supported (images, task lists and raw ADF are not allowed).`,
      });
    }
    for (const mark of node.marks ?? []) {
      if (!ALLOWED_MARKS.has(mark.type)) {
        problems.set(`mark:${mark.type}`, {
          message: `The template's markdown produces a "${mark.type}" mark, which is not supported.`,
        });
      }
      const href = mark.type === 'link' ? mark.attrs?.['href'] : undefined;
      if (typeof href === 'string' && !ALLOWED_LINK_SCHEMES.test(href) && !hasMatch(href, pattern)) {
        problems.set(`href:${href}`, {
          message: `Link target "${href}" is not allowed; links must be http, https or mailto.`,
        });
      }
    }
    node.content?.forEach(visit);
  };
  doc.content.forEach(visit);
  return [...problems.values()];
}

/** Variables that markdown put into an attribute would silently vanish at render: say so now. */
function attributeProblems({ doc, pattern, order }: Converted): TemplateProblem[] {
  const misplaced = new Set<TemplateVariableName>();
  const scan = (attrs: Record<string, unknown> | undefined): void => {
    for (const value of Object.values(attrs ?? {})) {
      if (typeof value !== 'string') continue;
      for (const match of value.matchAll(pattern)) {
        const name = order[Number(match[1])];
        if (name !== undefined) misplaced.add(name);
      }
    }
  };
  const visit = (node: AdfNode): void => {
    scan(node.attrs);
    node.marks?.forEach((mark) => scan(mark.attrs));
    node.content?.forEach(visit);
  };
  doc.content.forEach(visit);
  return [...misplaced].map((name) => ({
    token: `{{${name}}}`,
    message: `{{${name}}} is used inside a link target or code-block language; variables may only appear in text (values are never turned into links).`,
  }));
}

function substituteAll(nodes: AdfNode[], pattern: RegExp, values: string[], inCode: boolean): AdfNode[] {
  return mergeAdjacentText(nodes.flatMap((node) => substituteNode(node, pattern, values, inCode)));
}

/** Substitution splits text around each value; rejoin runs that carry the same marks. */
function mergeAdjacentText(nodes: AdfNode[]): AdfNode[] {
  const merged: AdfNode[] = [];
  for (const node of nodes) {
    const previous = merged[merged.length - 1];
    if (
      previous?.type === 'text' &&
      node.type === 'text' &&
      JSON.stringify(previous.marks ?? []) === JSON.stringify(node.marks ?? [])
    ) {
      merged[merged.length - 1] = { ...previous, text: `${previous.text ?? ''}${node.text ?? ''}` };
    } else {
      merged.push(node);
    }
  }
  return merged;
}

function substituteNode(node: AdfNode, pattern: RegExp, values: string[], inCode: boolean): AdfNode[] {
  if (node.type === 'text')
    return substituteText(node.text ?? '', cleanMarks(node.marks, pattern), pattern, values, inCode);
  const result: AdfNode = { ...node };
  if (node.attrs) {
    const attrs = cleanAttrs(node.attrs, pattern);
    if (attrs) result.attrs = attrs;
    else delete result.attrs;
  }
  if (node.content)
    result.content = substituteAll(node.content, pattern, values, inCode || node.type === 'codeBlock');
  return [result];
}

function substituteText(
  text: string,
  marks: AdfMark[],
  pattern: RegExp,
  values: string[],
  inCode: boolean,
): AdfNode[] {
  const nodes: AdfNode[] = [];
  const pushLiteral = (literal: string): void => {
    if (literal.length === 0) return;
    nodes.push(marks.length > 0 ? { type: 'text', text: literal, marks } : { type: 'text', text: literal });
  };
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    pushLiteral(text.slice(last, match.index));
    const value = values[Number(match[1])] ?? '';
    // A code block holds bare text only (no hardBreak), and keeps newlines as they are.
    if (inCode) pushLiteral(value);
    else nodes.push(...toInlineTextNodes(value, marks));
    last = match.index + match[0].length;
  }
  pushLiteral(text.slice(last));
  return nodes;
}

/** Drops link marks whose target came from a variable; strips placeholders from other attrs. */
function cleanMarks(marks: AdfMark[] | undefined, pattern: RegExp): AdfMark[] {
  return (marks ?? []).flatMap((mark): AdfMark[] => {
    if (!mark.attrs) return [mark];
    const href = mark.attrs['href'];
    if (mark.type === 'link' && typeof href === 'string' && hasMatch(href, pattern)) return [];
    const attrs = cleanAttrs(mark.attrs, pattern);
    return [attrs ? { ...mark, attrs } : { type: mark.type }];
  });
}

function cleanAttrs(attrs: Record<string, unknown>, pattern: RegExp): Record<string, unknown> | undefined {
  const cleaned: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attrs)) {
    if (typeof value !== 'string' || !hasMatch(value, pattern)) {
      cleaned[key] = value;
      continue;
    }
    const stripped = value.replace(pattern, '').trim();
    if (stripped.length > 0) cleaned[key] = stripped;
  }
  return Object.keys(cleaned).length > 0 ? cleaned : undefined;
}

function hasMatch(value: string, pattern: RegExp): boolean {
  return new RegExp(pattern.source).test(value);
}
