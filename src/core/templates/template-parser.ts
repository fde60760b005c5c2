import Mustache from 'mustache';
import { isTemplateVariableName, type TemplateVariableName } from './template-variables';
import { errorMessage } from '../error-message';

/**
 * Templates use Mustache syntax so admins get a documented, maintained grammar, but only its
 * logic-less core: plain `{{name}}` variables (and `{{! comments }}`). Sections, partials,
 * unescaped output and delimiter changes are refused at save, because each one either adds
 * logic we would have to reason about or lets a value escape its text position.
 */
export type TemplatePart = { kind: 'text'; text: string } | { kind: 'variable'; name: TemplateVariableName };

export interface TemplateProblem {
  message: string;
  /** The offending tag as written, e.g. `{{{title}}}`. */
  token?: string;
  /** 1-based position of the tag in the template. */
  line?: number;
  column?: number;
}

export type TemplateOutcome<T> = { ok: true; value: T } | { ok: false; problems: TemplateProblem[] };

type MustacheSpan = [string, string, number, number, ...unknown[]];

const REFUSED_TAGS: Record<string, string> = {
  '&': 'unescaped output is not allowed; use {{name}}',
  '#': 'sections ({{#…}}) are not allowed; templates are logic-less',
  '^': 'inverted sections ({{^…}}) are not allowed; templates are logic-less',
  '/': 'section ends ({{/…}}) are not allowed; templates are logic-less',
  '>': 'partials ({{>…}}) are not allowed',
  '=': 'changing delimiters ({{=…=}}) is not allowed',
};

export function positionOf(source: string, index: number): { line: number; column: number } {
  const before = source.slice(0, index);
  const line = before.split('\n').length;
  const column = index - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}

function describeAt(source: string, start: number, end: number, message: string): TemplateProblem {
  const token = source.slice(start, end);
  const { line, column } = positionOf(source, start);
  return { message: `${token} at line ${line}, column ${column}: ${message}`, token, line, column };
}

/** Splits a template into literal text and known variables, or explains every refused tag. */
export function parseTemplate(source: string): TemplateOutcome<TemplatePart[]> {
  let spans: MustacheSpan[];
  try {
    // A fresh tag pair each time: Mustache.parse otherwise reuses the global (mutable) tags.
    spans = Mustache.parse(source, ['{{', '}}']);
  } catch (error) {
    return { ok: false, problems: [syntaxProblem(source, error)] };
  }
  const parts: TemplatePart[] = [];
  const problems: TemplateProblem[] = [];
  for (const [type, value, start, end] of spans) {
    if (type === 'text') {
      parts.push({ kind: 'text', text: value });
    } else if (type === 'name') {
      if (isTemplateVariableName(value)) parts.push({ kind: 'variable', name: value });
      else problems.push(describeAt(source, start, end, `unknown variable "${value}"`));
    } else if (type !== '!') {
      problems.push(
        describeAt(source, start, end, REFUSED_TAGS[type] ?? `tag type "${type}" is not allowed`),
      );
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: parts };
}

function syntaxProblem(source: string, error: unknown): TemplateProblem {
  const message = errorMessage(error);
  // Mustache reports e.g. `Unclosed tag at 12`; turn the offset into a line and column.
  const offset = /at (\d+)\s*$/.exec(message)?.[1];
  if (offset === undefined) return { message: `Template syntax error: ${message}` };
  const what = message.replace(/\s*at \d+\s*$/, '');
  // Mustache points past the unclosed tag (at the end of the text); the tag's opening is more useful.
  const opening = what === 'Unclosed tag' ? source.lastIndexOf('{{', Number(offset)) : -1;
  const { line, column } = positionOf(source, opening >= 0 ? opening : Number(offset));
  return { message: `Template syntax error at line ${line}, column ${column}: ${what}`, line, column };
}
