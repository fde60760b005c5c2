/**
 * The CQL subset the Confluence simulator understands (docs/confluence.md "CQL search"):
 * fields `text`, `title`, `label`, `space` (also `space.key`), `type`, `id`; operators `=`, `!=`,
 * `~`, `!~`, `in`, `not in`; `AND`, `OR`, `NOT`, parentheses. Anything else is refused with a 400,
 * as Confluence refuses CQL it cannot parse: the app must not rely on a field the simulator only
 * pretends to know.
 *
 * `~` is a word search: every word of the value must occur (case-insensitive) as a word of the
 * field. Confluence's real text search stems and ranks; this is stricter (exact words only), so a
 * query that finds a page here also finds it in Confluence.
 */

export type CqlOperator = '=' | '!=' | '~' | '!~' | 'in' | 'not in';
export type CqlNode =
  | { readonly kind: 'and' | 'or'; readonly left: CqlNode; readonly right: CqlNode }
  | { readonly kind: 'not'; readonly inner: CqlNode }
  | {
      readonly kind: 'clause';
      readonly field: CqlField;
      readonly op: CqlOperator;
      readonly values: readonly string[];
    };

export type CqlField = 'text' | 'title' | 'label' | 'space' | 'type' | 'id';
const FIELDS: Readonly<Record<string, CqlField>> = {
  text: 'text',
  title: 'title',
  label: 'label',
  space: 'space',
  'space.key': 'space',
  type: 'type',
  id: 'id',
};
/** Which operators each field supports (Confluence: `~` only on text fields, `=`/`in` on the rest). */
const FIELD_OPERATORS: Readonly<Record<CqlField, ReadonlySet<CqlOperator>>> = {
  text: new Set(['~', '!~']),
  title: new Set(['~', '!~', '=', '!=', 'in', 'not in']),
  label: new Set(['=', '!=', 'in', 'not in']),
  space: new Set(['=', '!=', 'in', 'not in']),
  type: new Set(['=', '!=', 'in', 'not in']),
  id: new Set(['=', '!=', 'in', 'not in']),
};

export class CqlError extends Error {}

export interface CqlDocument {
  readonly id: string;
  readonly type: 'page';
  readonly title: string;
  /** Plain text of the body (storage markup stripped). */
  readonly text: string;
  readonly labels: readonly string[];
  readonly spaceKey: string;
}

type Token = { kind: 'word' | 'string' | 'op' | 'lparen' | 'rparen' | 'comma'; text: string };

function tokenize(cql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < cql.length) {
    const ch = cql[i] as string;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: ch === '(' ? 'lparen' : ch === ')' ? 'rparen' : 'comma', text: ch });
      i++;
    } else if (ch === '"' || ch === "'") {
      let j = i + 1;
      let text = '';
      while (j < cql.length && cql[j] !== ch) {
        if (cql[j] === '\\' && j + 1 < cql.length) j++;
        text += cql[j];
        j++;
      }
      if (j >= cql.length) throw new CqlError(`Could not parse cql : ${cql} (unterminated string)`);
      tokens.push({ kind: 'string', text });
      i = j + 1;
    } else if (ch === '!' || ch === '=' || ch === '~') {
      const two = cql.slice(i, i + 2);
      const op = two === '!=' || two === '!~' ? two : ch;
      if (op === '!') throw new CqlError(`Could not parse cql : ${cql} (unexpected '!')`);
      tokens.push({ kind: 'op', text: op });
      i += op.length;
    } else {
      let j = i;
      while (j < cql.length && !/[\s(),"'=!~]/.test(cql[j] as string)) j++;
      tokens.push({ kind: 'word', text: cql.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}

export function parseCql(cql: string): CqlNode {
  const tokens = tokenize(cql);
  let pos = 0;
  const peek = () => tokens[pos];
  const fail = (why: string): never => {
    throw new CqlError(`Could not parse cql : ${cql} (${why})`);
  };
  const isKeyword = (token: Token | undefined, word: string) =>
    token?.kind === 'word' && token.text.toLowerCase() === word;

  const parseOr = (): CqlNode => {
    let left = parseAnd();
    while (isKeyword(peek(), 'or')) {
      pos++;
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): CqlNode => {
    let left = parseNot();
    while (isKeyword(peek(), 'and')) {
      pos++;
      left = { kind: 'and', left, right: parseNot() };
    }
    return left;
  };
  const parseNot = (): CqlNode => {
    if (isKeyword(peek(), 'not')) {
      pos++;
      return { kind: 'not', inner: parseNot() };
    }
    if (peek()?.kind === 'lparen') {
      pos++;
      const inner = parseOr();
      if (peek()?.kind !== 'rparen') fail('missing )');
      pos++;
      return inner;
    }
    return parseClause();
  };
  const parseValue = (): string => {
    const token = peek();
    if (token === undefined || (token.kind !== 'word' && token.kind !== 'string'))
      return fail('value expected');
    pos++;
    return token.text;
  };
  const parseClause = (): CqlNode => {
    const fieldToken = peek();
    if (fieldToken?.kind !== 'word') return fail('field expected');
    pos++;
    const field = FIELDS[fieldToken.text.toLowerCase()];
    if (field === undefined) return fail(`unsupported field '${fieldToken.text}'`);
    let op: CqlOperator;
    const opToken = peek();
    if (opToken?.kind === 'op') {
      op = opToken.text as CqlOperator;
      pos++;
    } else if (isKeyword(opToken, 'in')) {
      op = 'in';
      pos++;
    } else if (isKeyword(opToken, 'not') && isKeyword(tokens[pos + 1], 'in')) {
      op = 'not in';
      pos += 2;
    } else {
      return fail(`operator expected after '${fieldToken.text}'`);
    }
    if (!FIELD_OPERATORS[field].has(op)) fail(`operator '${op}' is not supported on '${field}'`);
    const values: string[] = [];
    if (op === 'in' || op === 'not in') {
      if (peek()?.kind !== 'lparen') fail(`'${op}' needs a list`);
      pos++;
      values.push(parseValue());
      while (peek()?.kind === 'comma') {
        pos++;
        values.push(parseValue());
      }
      if (peek()?.kind !== 'rparen') fail('missing ) after list');
      pos++;
    } else {
      values.push(parseValue());
    }
    return { kind: 'clause', field, op, values };
  };

  if (tokens.length === 0) fail('empty query');
  const node = parseOr();
  if (pos < tokens.length) fail(`unexpected '${tokens[pos]?.text ?? ''}'`);
  return node;
}

const wordsOf = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);

function containsWords(haystack: string, needle: string): boolean {
  const words = new Set(wordsOf(haystack));
  const wanted = wordsOf(needle);
  return wanted.length > 0 && wanted.every((w) => words.has(w));
}

function matchClause(doc: CqlDocument, field: CqlField, op: CqlOperator, values: readonly string[]): boolean {
  if (op === '~' || op === '!~') {
    const haystack = field === 'text' ? `${doc.title} ${doc.text}` : doc.title;
    const hit = containsWords(haystack, values[0] ?? '');
    return op === '~' ? hit : !hit;
  }
  const actual: readonly string[] =
    field === 'label'
      ? doc.labels
      : field === 'space'
        ? [doc.spaceKey]
        : field === 'type'
          ? [doc.type]
          : field === 'id'
            ? [doc.id]
            : [doc.title];
  // Space keys are case-sensitive in Confluence; labels are stored lower-case.
  const norm = (v: string) => (field === 'label' ? v.toLowerCase() : v);
  const hit = values.some((v) => actual.some((a) => norm(a) === norm(v)));
  return op === '=' || op === 'in' ? hit : !hit;
}

export function matchesCql(node: CqlNode, doc: CqlDocument): boolean {
  switch (node.kind) {
    case 'and':
      return matchesCql(node.left, doc) && matchesCql(node.right, doc);
    case 'or':
      return matchesCql(node.left, doc) || matchesCql(node.right, doc);
    case 'not':
      return !matchesCql(node.inner, doc);
    case 'clause':
      return matchClause(doc, node.field, node.op, node.values);
  }
}
