/**
 * JavaScript's `\b` knows only ASCII letters, so `\bcorrigé\b` never matches "corrigé," and
 * `\bnão\b` never matches "não". Triage reads German, French, Spanish and Portuguese, so every
 * pattern's `\b` is rewritten to a letter-aware boundary (Unicode letters, digits, underscore).
 */
const WORD = String.raw`[\p{L}\p{N}_]`;
const BOUNDARY = String.raw`(?:(?<!${WORD})(?=${WORD})|(?<=${WORD})(?!${WORD}))`;

/** Same pattern with Unicode-aware word boundaries; flags keep their meaning, `u` is added. */
export function unicodeWords(pattern: RegExp, flags: string = pattern.flags): RegExp {
  let source = '';
  let inClass = false;
  for (let i = 0; i < pattern.source.length; i += 1) {
    const char = pattern.source[i];
    if (char === '\\') {
      const next = pattern.source[i + 1];
      source += next === 'b' && !inClass ? BOUNDARY : `\\${next ?? ''}`;
      i += 1;
      continue;
    }
    if (char === '[') inClass = true;
    else if (char === ']') inClass = false;
    source += char;
  }
  return new WordPattern(source, flags.includes('u') ? flags : `${flags}u`);
}

/**
 * A letter-aware pattern that first asks a cheaper one whether it can match at all.
 *
 * Why: V8 skips ahead quickly only through text that cannot start a match, and it can tell that
 * only when a pattern opens with characters. Every alternative here opens with the look-around
 * boundary above, so the pattern is tried at every position of the text, each try testing Unicode
 * classes on both sides: about fifteen times slower than the same patterns with ASCII `\b` on the
 * triage cue lexicon (`npm run bench -- triage`). The prefilter is the same pattern with its
 * boundaries dropped. A boundary only ever narrows where a pattern matches, so wherever the
 * pattern matches the prefilter matches too; when the prefilter finds nothing in the text, the
 * pattern cannot either, and most patterns find nothing in most clauses. A boundary inside a
 * negative look-around stays: dropping it there would widen what the look-around forbids.
 *
 * Every way of matching a RegExp (`test`, `exec`, `match`, `matchAll`, `replace`, `split`,
 * `search`) goes through `exec`, and `matchAll`/`split` copy the pattern through this constructor
 * (`Symbol.species`), so the prefilter holds on every path; results are exactly the pattern's own.
 */
export class WordPattern extends RegExp {
  private readonly prefilter: RegExp;
  private checkedText: string | undefined;
  private checkedResult = false;

  constructor(pattern: string | RegExp, flags?: string) {
    super(pattern, flags);
    this.prefilter =
      pattern instanceof WordPattern &&
      pattern.source === this.source &&
      withoutStateFlags(pattern.flags) === withoutStateFlags(this.flags)
        ? pattern.prefilter
        : new RegExp(withoutBoundaries(this.source), withoutStateFlags(this.flags));
  }

  override exec(text: string): RegExpExecArray | null {
    if (!this.mayMatch(String(text))) {
      if (this.global || this.sticky) this.lastIndex = 0;
      return null;
    }
    return super.exec(text);
  }

  /** `matchAll` copies the pattern before its first `exec`: when nothing can match, skip the copy. */
  override [Symbol.matchAll](text: string): RegExpStringIterator<RegExpMatchArray> {
    return this.mayMatch(String(text)) ? super[Symbol.matchAll](text) : NO_MATCHES[Symbol.iterator]();
  }

  /** `matchAll` and `replace` call `exec` once per match on the same text: ask the prefilter once. */
  private mayMatch(text: string): boolean {
    if (text !== this.checkedText) {
      this.checkedText = text;
      this.checkedResult = this.prefilter.test(text);
    }
    return this.checkedResult;
  }
}

/** The prefilter answers for the whole text, so it drops the flags that make a RegExp resume at `lastIndex`. */
function withoutStateFlags(flags: string): string {
  return flags.replace(/[gy]/g, '');
}

const NO_MATCHES: readonly RegExpMatchArray[] = [];

const QUANTIFIER = /^[?*+{]/;

/**
 * The pattern source with every letter-aware boundary removed, except inside a negative
 * look-around (where removing it would forbid more) or under a quantifier (which would be left
 * dangling). The result matches a superset of what the source matches.
 */
export function withoutBoundaries(source: string): string {
  let result = '';
  let inClass = false;
  // One entry per open group: whether it, or a group around it, is a negative look-around.
  const negated: boolean[] = [];
  for (let i = 0; i < source.length; i += 1) {
    if (!inClass && source.startsWith(BOUNDARY, i)) {
      const quantified = QUANTIFIER.test(source.slice(i + BOUNDARY.length));
      if (negated.at(-1) === true || quantified) result += BOUNDARY;
      i += BOUNDARY.length - 1;
      continue;
    }
    const char = source[i];
    if (char === '\\') {
      result += source.slice(i, i + 2);
      i += 1;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
    } else if (char === '[') {
      inClass = true;
    } else if (char === '(') {
      const negative = source.startsWith('(?!', i) || source.startsWith('(?<!', i);
      negated.push(negative || negated.at(-1) === true);
    } else if (char === ')') {
      negated.pop();
    }
    result += char;
  }
  return result;
}
