import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractProse } from '../../../../src/core/triage/adf-text';
import { segmentClauses } from '../../../../src/core/triage/clause-analyzer';
import { CUE_PATTERNS } from '../../../../src/core/triage/cue-lexicon';
import type { AdfNode } from '../../../../src/core/triage/triage-types';
import { unicodeWords, withoutBoundaries, WordPattern } from '../../../../src/core/triage/unicode-words';

/** The same pattern without the prefilter: what every result must equal. */
const plain = (pattern: RegExp): RegExp => new RegExp(pattern.source, pattern.flags);

const matchesOf = (text: string, pattern: RegExp): [number, string][] =>
  [...text.matchAll(pattern)].map((match) => [match.index, match[0]]);

describe('letter-aware word boundaries', () => {
  it('treats accented letters as letters ("corrigé," and "não" are whole words)', () => {
    expect(unicodeWords(/\bcorrigé\b/).test('le bug est corrigé, merci')).toBe(true);
    expect(unicodeWords(/\bnão\b/).test('não foi corrigido')).toBe(true);
    expect(unicodeWords(/\bfix\b/).test('préfix')).toBe(false);
    expect(unicodeWords(/\bfix\b/).test('fixé')).toBe(false);
  });

  it('keeps a boundary escaped inside a character class as the backspace it means there', () => {
    expect(unicodeWords(/[\b]/).test('\b')).toBe(true);
  });
});

describe('the prefilter (the same pattern without its boundaries)', () => {
  const boundary = unicodeWords(/\b/).source;

  it('drops boundaries where they only narrow a match', () => {
    expect(withoutBoundaries(unicodeWords(/\bfixed\b|\bpatched\b/).source)).toBe('fixed|patched');
    expect(withoutBoundaries(unicodeWords(/(?=\bfix)\w+/).source)).toBe('(?=fix)\\w+');
  });

  it('keeps them inside a negative look-around, where dropping one would forbid more', () => {
    const source = unicodeWords(/(?<!\bnot )\bfixed\b(?! \bin\b)/).source;
    expect(withoutBoundaries(source)).toBe(`(?<!${boundary}not )fixed(?! ${boundary}in${boundary})`);
    // "cannot fixed" matches: "not" there is not a word; a prefilter without that boundary would miss it.
    const pattern = unicodeWords(/(?<!\bnot )\bfixed\b/);
    expect(pattern.test('cannot fixed')).toBe(true);
    expect(pattern.test('not fixed')).toBe(false);
  });

  it('keeps a quantified boundary and reads escapes and classes as themselves', () => {
    expect(withoutBoundaries(`a${boundary}?b`)).toBe(`a${boundary}?b`);
    expect(withoutBoundaries(String.raw`\(${boundary}[(\]]`)).toBe(String.raw`\([(\]]`);
  });
});

describe('a WordPattern behaves as the plain RegExp on every path', () => {
  const texts = ['nothing here', 'fixed it; not fixed; fixed again', 'préfixed fixé fixed', ''];

  it('exec, test, match, matchAll, replace, search and split', () => {
    for (const flags of ['', 'g', 'y', 'gi']) {
      const word = unicodeWords(/\bfixed\b/, flags);
      const reference = plain(word);
      expect(word).toBeInstanceOf(WordPattern);
      for (const text of texts) {
        word.lastIndex = 0;
        reference.lastIndex = 0;
        expect([word.exec(text)?.index, word.lastIndex]).toEqual([
          reference.exec(text)?.index,
          reference.lastIndex,
        ]);
        expect([word.test(text), word.lastIndex]).toEqual([reference.test(text), reference.lastIndex]);
        expect(text.match(word)).toEqual(text.match(reference));
        expect(text.replace(word, '<$&>')).toBe(text.replace(reference, '<$&>'));
        expect(text.search(word)).toBe(text.search(reference));
        expect(text.split(word)).toEqual(text.split(reference));
        if (flags.includes('g')) expect(matchesOf(text, word)).toEqual(matchesOf(text, reference));
      }
    }
  });

  it('resets lastIndex when a global pattern finds nothing, as RegExp does', () => {
    const word = unicodeWords(/\bfixed\b/, 'g');
    word.lastIndex = 3;
    expect(word.exec('nothing here')).toBeNull();
    expect(word.lastIndex).toBe(0);
  });

  it('answers for each text, not for the one asked before', () => {
    const word = unicodeWords(/\bfixed\b/);
    expect(word.test('nothing')).toBe(false);
    expect(word.test('it is fixed')).toBe(true);
    expect(word.test('nothing')).toBe(false);
  });
});

describe('the cue lexicon with and without the prefilter', () => {
  // Real closure comments in four languages, cut into clauses as triage reads them.
  const texts = ['dev.jsonl', 'blind30-multilingual30.jsonl', 'blind31-threads31.jsonl'].flatMap((name) =>
    readFileSync(join(__dirname, '../../../fixtures/triage', name), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .flatMap((line) => (JSON.parse(line) as { comments: { body: AdfNode }[] }).comments)
      .flatMap((comment) => segmentClauses(extractProse(comment.body)).map((clause) => clause.normalized)),
  );

  it('finds exactly the same matches in real comments', () => {
    expect(texts.length).toBeGreaterThan(300);
    let matches = 0;
    for (const { label, pattern } of CUE_PATTERNS) {
      const reference = plain(pattern);
      for (const text of texts) {
        const found = matchesOf(text, pattern);
        matches += found.length;
        if (JSON.stringify(found) !== JSON.stringify(matchesOf(text, reference))) {
          expect({ label, text, found }).toEqual({ label, text, found: matchesOf(text, reference) });
        }
      }
    }
    // The comparison means something only if the lexicon does match these texts.
    expect(matches).toBeGreaterThan(300);
  });
});
