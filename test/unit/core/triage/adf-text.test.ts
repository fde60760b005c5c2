import { extractAdfText, extractProse } from '../../../../src/core/triage/adf-text';
import { aDoc, aParagraph } from './triage-builders';

describe('extractAdfText', () => {
  it('joins text, code marks, mentions, emoji and inline cards of a paragraph', () => {
    const body = aDoc({
      type: 'paragraph',
      content: [
        { type: 'mention', attrs: { id: 'x', text: '@Kenji' } },
        { type: 'text', text: ' fixed in ' },
        { type: 'text', text: 'auth.ts', marks: [{ type: 'code' }] },
        { type: 'text', text: ', see' },
        { type: 'inlineCard', attrs: { url: 'https://github.com/acme/x/pull/9' } },
        { type: 'emoji', attrs: { shortName: ':tada:', text: '🎉' } },
      ],
    });
    expect(extractProse(body)).toBe('@Kenji fixed in auth.ts, see https://github.com/acme/x/pull/9 🎉');
  });

  it('keeps blockquotes and ">" lines apart as quotes, code blocks as code', () => {
    const body = aDoc(
      { type: 'blockquote', content: [aParagraph('this is a false positive')] },
      { type: 'paragraph', content: [{ type: 'text', text: '> fixed in 1.2' }, { type: 'hardBreak' }, { type: 'text', text: 'no it is not' }] },
      { type: 'codeBlock', content: [{ type: 'text', text: 'eval(input) # patched' }] },
    );
    expect(extractAdfText(body)).toEqual([
      { kind: 'quote', text: 'this is a false positive' },
      { kind: 'quote', text: 'fixed in 1.2' },
      { kind: 'prose', text: 'no it is not' },
      { kind: 'code', text: 'eval(input) # patched' },
    ]);
    expect(extractProse(body)).toBe('no it is not');
  });

  it('gives each list item and panel paragraph its own block', () => {
    const body = aDoc(
      { type: 'bulletList', content: [{ type: 'listItem', content: [aParagraph('rotated the key')] }, { type: 'listItem', content: [aParagraph('purged history')] }] },
      { type: 'panel', attrs: { panelType: 'info' }, content: [aParagraph('note')] },
    );
    expect(extractProse(body)).toBe('rotated the key\npurged history\nnote');
  });

  it('returns nothing for an empty document', () => {
    expect(extractAdfText(aDoc())).toEqual([]);
  });
});
