import { render, screen } from '@testing-library/react';
import { AdfView } from './adf-view';

const doc = (...content: unknown[]) => ({ type: 'doc', version: 1, content });
const text = (value: string, marks?: unknown[]) => ({
  type: 'text',
  text: value,
  ...(marks ? { marks } : {}),
});

describe('AdfView', () => {
  it('renders headings, paragraphs, ordered lists, quotes, rules and code as elements', () => {
    const { container } = render(
      <AdfView
        label="doc"
        doc={doc(
          { type: 'heading', attrs: { level: 1 }, content: [text('Title')] },
          {
            type: 'paragraph',
            content: [text('plain '), text('italic', [{ type: 'em' }]), text(' x', [{ type: 'code' }])],
          },
          {
            type: 'orderedList',
            content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [text('first')] }] }],
          },
          { type: 'blockquote', content: [{ type: 'paragraph', content: [text('quoted')] }] },
          { type: 'rule' },
          { type: 'codeBlock', content: [text('line 1\nline 2')] },
        )}
      />,
    );
    // ADF level 1 sits below the admin page's own h1/h2.
    expect(screen.getByRole('heading', { level: 3, name: 'Title' })).toBeInTheDocument();
    expect(screen.getByText('italic').tagName).toBe('EM');
    expect(screen.getByText('x').tagName).toBe('CODE');
    expect(container.querySelector('ol > li')).toHaveTextContent('first');
    expect(container.querySelector('blockquote')).toHaveTextContent('quoted');
    expect(container.querySelector('hr')).not.toBeNull();
    expect(container.querySelector('pre > code')?.textContent).toBe('line 1\nline 2');
  });

  it('shows links, mentions and cards as inert text, and the content of frames it does not draw', () => {
    const { container } = render(
      <AdfView
        doc={doc(
          {
            type: 'paragraph',
            content: [
              text('click me', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }]),
              { type: 'hardBreak' },
              { type: 'mention', attrs: { id: 'acc-1', text: '@Dev One' } },
              { type: 'inlineCard', attrs: { url: 'https://example.test/x' } },
            ],
          },
          {
            type: 'panel',
            attrs: { panelType: 'warning' },
            content: [{ type: 'paragraph', content: [text('inside a panel')] }],
          },
          { type: 'mysteryNode', text: 'ignored' },
        )}
      />,
    );
    expect(container.querySelector('a')).toBeNull();
    expect(screen.getByText('click me')).toBeInTheDocument();
    expect(screen.getByText('(javascript:alert(1))')).toBeInTheDocument();
    expect(screen.getByText('@Dev One')).toBeInTheDocument();
    expect(screen.getByText('https://example.test/x')).toBeInTheDocument();
    expect(screen.getByText('inside a panel')).toBeInTheDocument();
    expect(container.querySelector('br')).not.toBeNull();
    expect(container.innerHTML).not.toMatch(/href|javascript:alert\(1\)"/);
  });

  it('renders nothing for something that is not a document', () => {
    const { container } = render(<AdfView doc={'{"type":"doc"}'} />);
    expect(container.textContent).toBe('');
  });
});
