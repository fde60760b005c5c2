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
  return new RegExp(source, flags.includes('u') ? flags : `${flags}u`);
}
