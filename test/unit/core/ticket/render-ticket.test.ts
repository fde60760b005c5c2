import type { DocNode } from '@atlaskit/adf-schema';
import {
  MAX_DESCRIPTION_LENGTH,
  renderTicket,
  TicketRenderError,
  type RenderTicketOptions,
} from '../../../../src/core/ticket/render-ticket';
import { DEFAULT_SEVERITY_PRIORITY } from '../../../../src/core/ticket/severity-priority';
import { zeropathIssuePropertySchema } from '../../../../src/core/ticket/zeropath-issue-property';
import {
  aFinding,
  aSecretsFinding,
  AWS_EXAMPLE_ACCESS_KEY_ID,
  AWS_EXAMPLE_SECRET_ACCESS_KEY,
  F1_ID,
  F2_ID,
} from '../../../fixtures/findings/finding-builder';
import { validateAdf } from '../../../sim/shared/adf-validator';

const options: RenderTicketOptions = { zeroPathBaseUrl: 'https://zeropath.com', priorityFieldAvailable: true };

interface Node {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
  content?: Node[];
}

function allNodes(doc: DocNode): Node[] {
  const out: Node[] = [];
  const walk = (node: Node): void => {
    out.push(node);
    node.content?.forEach(walk);
  };
  walk(doc as unknown as Node);
  return out;
}

const plainText = (doc: DocNode): string =>
  allNodes(doc)
    .map((n) => n.text ?? '')
    .join('');
const hrefs = (doc: DocNode): string[] =>
  allNodes(doc).flatMap((n) => (n.marks ?? []).filter((m) => m.type === 'link').map((m) => String(m.attrs?.href)));
/** The text of the list item whose bold label is `label`. */
function detail(doc: DocNode, label: string): string | undefined {
  const item = allNodes(doc).find(
    (n) => n.type === 'listItem' && n.content?.[0]?.content?.[0]?.text === `${label}: `,
  );
  return item?.content?.[0]?.content?.map((n) => n.text ?? '').join('');
}

function expectValid(doc: DocNode): void {
  expect(validateAdf(doc)).toEqual({ valid: true });
  expect(JSON.stringify(doc).length).toBeLessThanOrEqual(MAX_DESCRIPTION_LENGTH);
}

describe('renderTicket — fields (fixture F1)', () => {
  const ticket = renderTicket(aFinding({ cvss: { score: 8.1, vector: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N' } }), options);
  const doc = ticket.description;

  it('produces a valid Jira ADF document', () => {
    expectValid(doc);
  });

  it('prefixes the summary with product and severity', () => {
    expect(ticket.summary).toBe("[ZeroPath][High] IDOR: any authenticated user can read another customer's invoices");
  });

  it('shows severity bucket and score, CVSS, CWE, class, category, repository and location', () => {
    expect(detail(doc, 'Severity')).toBe('Severity: High (score 82)');
    expect(detail(doc, 'CVSS')).toBe('CVSS: 8.1 CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N');
    expect(detail(doc, 'CWE')).toBe('CWE: CWE-639');
    expect(detail(doc, 'Vulnerability class')).toBe('Vulnerability class: Insecure Direct Object Reference');
    expect(detail(doc, 'Category')).toBe('Category: Code (SAST), found by a full scan');
    expect(detail(doc, 'Repository')).toBe('Repository: acme/payments-api');
    expect(detail(doc, 'Location')).toBe('Location: app/api/invoices.py, lines 41–44');
  });

  it('links CWEs to MITRE, the fix PR and the finding in ZeroPath', () => {
    expect(hrefs(doc)).toEqual(
      expect.arrayContaining([
        'https://cwe.mitre.org/data/definitions/639.html',
        'https://github.com/acme/payments-api/pull/412',
        `https://zeropath.com/app/issues/${F1_ID}`,
      ]),
    );
    expect(plainText(doc)).toContain('fix(security): enforce invoice ownership check (OPEN)');
  });

  it('puts the snippet in a code block in its language', () => {
    const block = allNodes(doc).find((n) => n.type === 'codeBlock');
    expect(block?.attrs).toEqual({ language: 'python' });
    expect(block?.content?.[0]?.text).toContain('def get_invoice(invoice_id: int');
  });

  it("includes ZeroPath's description", () => {
    expect(plainText(doc)).toContain('An attacker with any valid session can enumerate invoice ids');
  });

  it('ends with a plain "ZP-ID: <uuid>" paragraph', () => {
    const last = (doc.content as unknown as Node[]).at(-1);
    expect(last).toEqual({ type: 'paragraph', content: [{ type: 'text', text: `ZP-ID: ${F1_ID}` }] });
  });

  it('labels by product, severity and category', () => {
    expect(ticket.labels).toEqual(['zeropath', 'zeropath-high', 'zeropath-sast']);
  });

  it('maps severity to a priority name when the field is on the screen', () => {
    expect(ticket.priorityName).toBe('High');
    expect(renderTicket(aFinding(), { ...options, priorityFieldAvailable: false })).not.toHaveProperty('priorityName');
  });

  it('builds the JQL-searchable issue property', () => {
    expect(ticket.property).toEqual({
      findingId: F1_ID,
      severity: 'High',
      score: 82,
      status: 'open',
      repository: 'acme/payments-api',
      vulnClass: 'Insecure Direct Object Reference',
      category: 'SAST',
    });
    expect(zeropathIssuePropertySchema.parse(ticket.property)).toEqual(ticket.property);
  });
});

describe('renderTicket — variants', () => {
  it.each([
    ['Critical', 'Highest'],
    ['High', 'High'],
    ['Medium', 'Medium'],
    ['Low', 'Low'],
    ['Info', 'Lowest'],
  ] as const)('maps %s to priority %s', (severity, priority) => {
    expect(DEFAULT_SEVERITY_PRIORITY[severity]).toBe(priority);
    expect(renderTicket(aFinding({ severity }), options).priorityName).toBe(priority);
  });

  it('honours an admin priority override and label prefix', () => {
    const ticket = renderTicket(aFinding({ category: 'SMART_CONTRACT' }), {
      ...options,
      labelPrefix: 'sec',
      priorityBySeverity: { High: 'P1' },
    });
    expect(ticket.priorityName).toBe('P1');
    expect(ticket.labels).toEqual(['sec', 'sec-high', 'sec-smart-contract']);
  });

  it('omits CVSS, fix and code sections when the finding has none, and stays valid', () => {
    const finding = aFinding({ cwes: [] });
    delete finding.patch;
    delete finding.codeSnippet;
    const doc = renderTicket(finding, options).description;
    expectValid(doc);
    expect(detail(doc, 'CVSS')).toBeUndefined();
    expect(detail(doc, 'CWE')).toBeUndefined();
    expect(allNodes(doc).some((n) => n.type === 'codeBlock')).toBe(false);
    expect(plainText(doc)).not.toContain('Pull request');
  });

  it.each([
    ['hcl', 'terraform'],
    ['typescript', 'typescript'],
    ['Go', 'go'],
  ])('maps ZeroPath language %s to code block language %s', (language, adf) => {
    // A file with no extension: ZeroPath's language is all there is to go on.
    const block = allNodes(renderTicket(aFinding({ language, location: { file: 'Dockerfile', startLine: 1 } }), options).description).find((n) => n.type === 'codeBlock');
    expect(block?.attrs).toEqual({ language: adf });
  });

  it('labels code by its file, not by the scan: a Go file in a Python repository is Go', () => {
    const finding = aFinding({ language: 'python', location: { file: 'cmd/server/main.go', startLine: 10 } });
    const block = allNodes(renderTicket(finding, options).description).find((n) => n.type === 'codeBlock');
    expect(block?.attrs).toEqual({ language: 'go' });
  });

  it('names the category and scan type in words, never ZeroPath codes', () => {
    const doc = renderTicket(aFinding({ category: 'SMART_CONTRACT', scanType: 'PrScan' }), options).description;
    expect(detail(doc, 'Category')).toBe('Category: Smart contract, found by a pull request scan');
  });

  it('leaves the language off for one Jira does not know', () => {
    const doc = renderTicket(aFinding({ language: 'cobol-85', location: { file: 'batch/PAYROLL', startLine: 1 } }), options).description;
    expectValid(doc);
    expect(allNodes(doc).find((n) => n.type === 'codeBlock')?.attrs?.language).toBeUndefined();
  });

  it('links several CWEs and keeps a malformed one as text', () => {
    const doc = renderTicket(aFinding({ cwes: ['CWE-79', 'CWE-80', 'not-a-cwe'] }), options).description;
    expect(detail(doc, 'CWEs')).toBe('CWEs: CWE-79, CWE-80, not-a-cwe');
    expect(hrefs(doc)).toContain('https://cwe.mitre.org/data/definitions/80.html');
  });
});

describe('renderTicket — secrets never reach Jira', () => {
  it('redacts fixture F2 in the description and keeps the names readable', () => {
    const ticket = renderTicket(aSecretsFinding(), options);
    const serialised = JSON.stringify(ticket);
    expect(serialised).not.toContain(AWS_EXAMPLE_ACCESS_KEY_ID);
    expect(serialised).not.toContain(AWS_EXAMPLE_SECRET_ACCESS_KEY);
    const block = allNodes(ticket.description).find((n) => n.type === 'codeBlock');
    expect(block?.content?.[0]?.text).toBe(
      'AWS_ACCESS_KEY_ID = "[REDACTED]"\nAWS_SECRET_ACCESS_KEY = "[REDACTED]"\nAWS_REGION = "[REDACTED]"',
    );
    expect(ticket.summary).toBe('[ZeroPath][Critical] Hardcoded AWS credentials in settings module');
    expect(ticket.labels).toContain('zeropath-secrets');
    expect(ticket.property.findingId).toBe(F2_ID);
    expectValid(ticket.description);
  });

  it('redacts secrets a mislabelled finding carries in title, description, snippet and PR title', () => {
    const token = `ghp_${'A1b2C3d4E5'.repeat(3)}a1b2c3`;
    const ticket = renderTicket(
      aFinding({
        title: `Token ${token} leaked`,
        description: `The code sets \`token = "${token}"\` in:\n\n\`\`\`\napi_key = "${AWS_EXAMPLE_SECRET_ACCESS_KEY}"\n\`\`\``,
        codeSnippet: `client = Github("${token}")`,
        patch: { prUrl: 'https://github.com/acme/app/pull/1', prTitle: `Remove ${token}` },
      }),
      options,
    );
    const serialised = JSON.stringify(ticket);
    expect(serialised).not.toContain(token);
    expect(serialised).not.toContain(AWS_EXAMPLE_SECRET_ACCESS_KEY);
    expectValid(ticket.description);
  });
});

describe('renderTicket — hostile text stays inert', () => {
  it('drops javascript: and other non-http links from markdown', () => {
    const doc = renderTicket(
      aFinding({
        description:
          'Click [here](javascript:alert(document.cookie)) or [there](data:text/html,x) or <javascript:alert(1)> or [ok](https://example.com/a).',
      }),
      options,
    ).description;
    expectValid(doc);
    expect(hrefs(doc).filter((h) => !/^https?:\/\//.test(h))).toEqual([]);
    expect(hrefs(doc)).toContain('https://example.com/a');
    expect(plainText(doc)).toContain('here');
  });

  it('never produces mention nodes, from @names, wiki syntax or injected <adf> blocks', () => {
    const doc = renderTicket(
      aFinding({
        description:
          'Ping @here and [~accountid:5b10a2844c20165700ede21g].\n\n<adf>\n{"type":"mention","attrs":{"id":"5b10a2844c20165700ede21g","text":"@admin"}}\n</adf>\n\n<adf>\nnot json\n</adf>',
      }),
      options,
    ).description;
    expectValid(doc);
    expect(allNodes(doc).some((n) => n.type === 'mention')).toBe(false);
    expect(plainText(doc)).toContain('@here');
  });

  it('repairs markdown that marklassian turns into invalid ADF', () => {
    const description = [
      '# Title',
      '- first',
      '- ',
      '- nested:\n\n  | a | b |\n  |---|---|\n  | 1 | 2 |',
      '> # heading in quote\n> ```js\n> x()\n> ```',
      '- [ ] open task\n- [x] done task',
      '![tracking pixel](https://evil.example/p.png)',
      '| h1 | h2 |\n|----|----|\n| c1 |    |',
      '`inline code` and **bold `code`** and ~~gone~~',
      '***',
      '<script>alert(1)</script>',
    ].join('\n\n');
    const doc = renderTicket(aFinding({ description }), options).description;
    expectValid(doc);
    expect(allNodes(doc).some((n) => n.type.startsWith('media') || n.type.startsWith('task'))).toBe(false);
    expect(plainText(doc)).toContain('Image: tracking pixel');
    expect(plainText(doc)).toContain('☑ done task');
    // Markdown h1 nests under the ticket's own h2 sections.
    expect(allNodes(doc).find((n) => n.type === 'heading' && n.content?.[0]?.text === 'Title')?.attrs).toEqual({ level: 3 });
  });

  it('strips control characters and repairs lone surrogates', () => {
    const ticket = renderTicket(aFinding({ title: 'Bad\u0000title\uD800', description: 'a\u0007b \uDC00c' }), options);
    expect(ticket.summary).toBe('[ZeroPath][High] Badtitle\uFFFD');
    expectValid(ticket.description);
    expect(plainText(ticket.description)).toContain('ab \uFFFDc');
  });

  it('truncates a huge description and snippet to fit Jira, saying so', () => {
    const description = Array.from({ length: 4000 }, (_, i) => `Paragraph ${i} with **bold** and [a link](https://example.com/${i}).`).join('\n\n');
    const codeSnippet = 'x = 1\n'.repeat(20_000);
    const doc = renderTicket(aFinding({ description, codeSnippet }), options).description;
    expectValid(doc);
    expect(plainText(doc)).toContain('Description truncated; the full text is in ZeroPath.');
    expect(plainText(doc)).toContain(`ZP-ID: ${F1_ID}`);
  });

  it('ignores unsafe repository and PR URLs', () => {
    const doc = renderTicket(
      aFinding({
        repository: { id: 'r1', name: 'acme/app', url: 'javascript:alert(1)' },
        patch: { prUrl: 'javascript:alert(1)', prTitle: 'x' },
      }),
      options,
    ).description;
    expectValid(doc);
    expect(hrefs(doc).every((h) => h.startsWith('https://'))).toBe(true);
    expect(plainText(doc)).not.toContain('Pull request');
  });
});

describe('renderTicket — summary', () => {
  it('truncates to 255 characters without splitting a surrogate pair', () => {
    const prefix = '[ZeroPath][High] ';
    // Place an emoji (two code units) across the cut point.
    const title = `${'a'.repeat(255 - prefix.length - 2)}😀tail`;
    const summary = renderTicket(aFinding({ title }), options).summary;
    expect(summary.length).toBeLessThanOrEqual(255);
    expect(summary.endsWith('…')).toBe(true);
    expect(summary).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('collapses newlines into spaces', () => {
    expect(renderTicket(aFinding({ title: 'SQL\ninjection\r\n in  login' }), options).summary).toBe(
      '[ZeroPath][High] SQL injection in login',
    );
  });

  it('falls back to the vulnerability class when the title is blank', () => {
    expect(renderTicket(aFinding({ title: '  ' }), options).summary).toBe('[ZeroPath][High] Insecure Direct Object Reference');
  });
});

describe('renderTicket — bad input', () => {
  it('rejects a non-http base URL with a clear error', () => {
    expect(() => renderTicket(aFinding(), { ...options, zeroPathBaseUrl: 'javascript:alert(1)' })).toThrow(TicketRenderError);
    expect(() => renderTicket(aFinding(), { ...options, zeroPathBaseUrl: 'nope' })).toThrow(/zeroPathBaseUrl/);
  });

  it('rejects a label prefix with spaces', () => {
    expect(() => renderTicket(aFinding(), { ...options, labelPrefix: 'zero path' })).toThrow(/labelPrefix/);
  });

  it('rejects a finding id that is not an id', () => {
    expect(() => renderTicket(aFinding({ id: 'x y\nz' }), options)).toThrow(/Invalid finding id/);
  });
});
