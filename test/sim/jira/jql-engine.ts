/**
 * The JQL subset the simulator understands (jira-rest-api.md §7.2, §9.1): clauses on project,
 * issuetype, status, statusCategory, resolution, key/issuekey, id, parent, labels, summary (~),
 * and `issue.property[<key>].<path>` (plus registered search aliases); operators = != in "not in"
 * ~ is "is not" (EMPTY/null); AND, OR, NOT, parentheses; ORDER BY created|updated|key|id|priority.
 * A query without any clause is "unbounded" and rejected as Jira does.
 */

export type JqlValue = string | { readonly empty: true };

export type JqlNode =
  | { readonly kind: 'and' | 'or'; readonly left: JqlNode; readonly right: JqlNode }
  | { readonly kind: 'not'; readonly inner: JqlNode }
  | { readonly kind: 'clause'; readonly field: string; readonly op: JqlOperator; readonly values: readonly JqlValue[] };

export type JqlOperator = '=' | '!=' | 'in' | 'not in' | '~' | '!~' | 'is' | 'is not';

export interface JqlOrder {
  readonly field: string;
  readonly direction: 'asc' | 'desc';
}

export interface ParsedJql {
  readonly where: JqlNode | undefined;
  readonly orderBy: readonly JqlOrder[];
}

export class JqlError extends Error {}

type Token = { kind: 'word' | 'string' | 'op' | 'lparen' | 'rparen' | 'comma'; text: string };

function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < jql.length) {
    const ch = jql[i] as string;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: ch === '(' ? 'lparen' : ch === ')' ? 'rparen' : 'comma', text: ch });
      i++;
    } else if (ch === '"' || ch === "'") {
      let j = i + 1;
      let text = '';
      while (j < jql.length && jql[j] !== ch) {
        if (jql[j] === '\\' && j + 1 < jql.length) j++;
        text += jql[j];
        j++;
      }
      if (j >= jql.length) throw new JqlError(`Error in the JQL Query: The quoted string '${text}' has not been completed.`);
      tokens.push({ kind: 'string', text });
      i = j + 1;
    } else if (ch === '!' || ch === '=' || ch === '~') {
      const two = jql.slice(i, i + 2);
      const op = two === '!=' || two === '!~' ? two : ch;
      if (op === '!') throw new JqlError("Error in the JQL Query: The character '!' is a reserved JQL character.");
      tokens.push({ kind: 'op', text: op });
      i += op.length;
    } else {
      // Words include dots, brackets and quotes inside brackets for issue.property['key'].path.
      let j = i;
      let depth = 0;
      while (j < jql.length) {
        const c = jql[j] as string;
        if (c === '[') depth++;
        else if (c === ']') depth--;
        else if (depth === 0 && (/\s/.test(c) || '(),=!~"'.includes(c) || (c === "'" && j === i))) break;
        j++;
      }
      tokens.push({ kind: 'word', text: jql.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}

class Parser {
  #pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): ParsedJql {
    let where: JqlNode | undefined;
    if (!this.#isKeyword('order')) where = this.#parseOr();
    const orderBy: JqlOrder[] = [];
    if (this.#isKeyword('order')) {
      this.#pos++;
      if (!this.#isKeyword('by')) throw new JqlError("Error in the JQL Query: Expecting 'by' after 'order'.");
      this.#pos++;
      do {
        const field = this.#next('word').text.toLowerCase();
        let direction: 'asc' | 'desc' = 'asc';
        if (this.#isKeyword('asc') || this.#isKeyword('desc')) direction = this.#next('word').text.toLowerCase() as 'asc' | 'desc';
        orderBy.push({ field, direction });
      } while (this.#peek()?.kind === 'comma' && ++this.#pos);
      if (orderBy.length > 7) throw new JqlError('Error in the JQL Query: At most 7 ORDER BY fields are allowed.');
    }
    const rest = this.#peek();
    if (rest !== undefined) throw new JqlError(`Error in the JQL Query: Expecting either 'OR' or 'AND' but got '${rest.text}'.`);
    return { where, orderBy };
  }

  #parseOr(): JqlNode {
    let node = this.#parseAnd();
    while (this.#isKeyword('or')) {
      this.#pos++;
      node = { kind: 'or', left: node, right: this.#parseAnd() };
    }
    return node;
  }

  #parseAnd(): JqlNode {
    let node = this.#parseUnary();
    while (this.#isKeyword('and')) {
      this.#pos++;
      node = { kind: 'and', left: node, right: this.#parseUnary() };
    }
    return node;
  }

  #parseUnary(): JqlNode {
    if (this.#isKeyword('not')) {
      this.#pos++;
      return { kind: 'not', inner: this.#parseUnary() };
    }
    if (this.#peek()?.kind === 'lparen') {
      this.#pos++;
      const inner = this.#parseOr();
      this.#next('rparen');
      return inner;
    }
    return this.#parseClause();
  }

  #parseClause(): JqlNode {
    const field = this.#next('word').text;
    const token = this.#peek();
    let op: JqlOperator;
    if (token?.kind === 'op') {
      op = token.text as JqlOperator;
      this.#pos++;
    } else if (this.#isKeyword('in')) {
      op = 'in';
      this.#pos++;
    } else if (this.#isKeyword('not')) {
      this.#pos++;
      if (!this.#isKeyword('in')) throw new JqlError("Error in the JQL Query: Expecting 'in' after 'not'.");
      this.#pos++;
      op = 'not in';
    } else if (this.#isKeyword('is')) {
      this.#pos++;
      op = 'is';
      if (this.#isKeyword('not')) {
        this.#pos++;
        op = 'is not';
      }
    } else {
      throw new JqlError(`Error in the JQL Query: Expecting operator but got '${token?.text ?? 'end of query'}'.`);
    }
    const values: JqlValue[] = [];
    if (op === 'in' || op === 'not in') {
      this.#next('lparen');
      do values.push(this.#parseValue());
      while (this.#peek()?.kind === 'comma' && ++this.#pos);
      this.#next('rparen');
    } else {
      values.push(this.#parseValue());
    }
    return { kind: 'clause', field, op, values };
  }

  #parseValue(): JqlValue {
    const token = this.#peek();
    if (token === undefined || (token.kind !== 'word' && token.kind !== 'string')) {
      throw new JqlError(`Error in the JQL Query: Expecting a value but got '${token?.text ?? 'end of query'}'.`);
    }
    this.#pos++;
    if (token.kind === 'word' && (token.text.toLowerCase() === 'empty' || token.text.toLowerCase() === 'null')) return { empty: true };
    return token.text;
  }

  #peek(): Token | undefined {
    return this.tokens[this.#pos];
  }

  #isKeyword(word: string): boolean {
    const token = this.#peek();
    return token?.kind === 'word' && token.text.toLowerCase() === word;
  }

  #next(kind: Token['kind']): Token {
    const token = this.#peek();
    if (token?.kind !== kind) throw new JqlError(`Error in the JQL Query: Expecting '${kind}' but got '${token?.text ?? 'end of query'}'.`);
    this.#pos++;
    return token;
  }
}

export function parseJql(jql: string): ParsedJql {
  return new Parser(tokenize(jql)).parse();
}

/** `issue.property[zeropath].findingId` / `issue.property['zeropath'].findingId` → { key, path }. */
export function parsePropertyField(field: string): { key: string; path: string } | undefined {
  const match = /^issue\.property\[\s*['"]?([^'"\]]+)['"]?\s*\]\.(.+)$/i.exec(field);
  if (match === null) return undefined;
  return { key: match[1] as string, path: match[2] as string };
}

/** Reads a dot path out of a property value; arrays yield all their elements' values. */
export function readPropertyPath(value: unknown, path: string): unknown[] {
  let current: unknown[] = [value];
  for (const segment of path.split('.')) {
    const next: unknown[] = [];
    for (const item of current) {
      const items = Array.isArray(item) ? item : [item];
      for (const element of items) {
        if (typeof element === 'object' && element !== null && segment in element) {
          next.push((element as Record<string, unknown>)[segment]);
        }
      }
    }
    current = next;
  }
  return current.flatMap((v): unknown[] => (Array.isArray(v) ? (v as unknown[]) : [v]));
}
