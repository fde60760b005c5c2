import { parseTemplate, positionOf } from '../../../../src/core/templates/template-parser';

describe('parseTemplate', () => {
  it('splits text and known variables, ignoring comments and surrounding spaces in tags', () => {
    const parsed = parseTemplate('[{{severity}}] {{ issueTitle }}{{! internal note }}!');
    expect(parsed).toEqual({
      ok: true,
      value: [
        { kind: 'text', text: '[' },
        { kind: 'variable', name: 'severity' },
        { kind: 'text', text: '] ' },
        { kind: 'variable', name: 'issueTitle' },
        { kind: 'text', text: '!' },
      ],
    });
  });

  it('rejects unknown variables, naming the tag and its position', () => {
    const parsed = parseTemplate('Title\n  {{severty}} and {{a.b}}');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual([
      expect.objectContaining({
        token: '{{severty}}',
        line: 2,
        column: 3,
        message: expect.stringContaining('unknown variable "severty"'),
      }),
      expect.objectContaining({ token: '{{a.b}}', line: 2, column: 19 }),
    ]);
  });

  it.each([
    ['{{{issueTitle}}}', 'unescaped output'],
    ['{{&issueTitle}}', 'unescaped output'],
    ['{{#cwes}}x{{/cwes}}', 'sections'],
    ['{{^cwes}}none{{/cwes}}', 'inverted sections'],
    ['{{>footer}}', 'partials'],
    ['{{=<% %>=}}', 'changing delimiters'],
  ])('refuses %s (%s)', (source, reason) => {
    const parsed = parseTemplate(source);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems[0]?.message).toContain(reason);
    expect(parsed.problems[0]?.line).toBe(1);
    expect(parsed.problems[0]?.column).toBe(1);
  });

  it('reports syntax errors with a line and column', () => {
    const parsed = parseTemplate('ok\nbroken {{severity');
    expect(parsed).toEqual({
      ok: false,
      problems: [{ message: 'Template syntax error at line 2, column 8: Unclosed tag', line: 2, column: 8 }],
    });
  });

  it('reports an unclosed section as a syntax error', () => {
    const parsed = parseTemplate('{{#cwes}}');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems[0]?.message).toContain('Unclosed section');
  });

  it('does not let a previous delimiter change leak into later parses', () => {
    expect(parseTemplate('{{=<% %>=}}').ok).toBe(false);
    expect(parseTemplate('<%severity%> {{severity}}')).toEqual({
      ok: true,
      value: [
        { kind: 'text', text: '<%severity%> ' },
        { kind: 'variable', name: 'severity' },
      ],
    });
  });

  it('computes 1-based positions', () => {
    expect(positionOf('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(positionOf('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
