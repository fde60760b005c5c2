import {
  MAX_VARIABLE_LENGTH,
  TEMPLATE_VARIABLES,
  sanitizeVariableValue,
  templateVariablesOf,
} from '../../../../src/core/templates/template-variables';
import { aTestFinding } from './support/test-finding';

describe('templateVariablesOf', () => {
  it('maps every documented variable from a complete finding', () => {
    const finding = aTestFinding({
      cvss: { score: 9.8, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
      cwes: ['CWE-89', 'CWE-20'],
      patch: { prUrl: 'https://github.com/acme/web/pull/7' },
      status: 'false_positive',
    });
    expect(templateVariablesOf(finding, { dueDate: '2026-03-15' })).toEqual({
      severity: 'High',
      score: '82',
      issueTitle: 'SQL injection in login handler',
      description: finding.description,
      repositoryName: 'acme/web',
      affectedFile: 'src/auth/login.ts',
      startLine: '42',
      endLine: '48',
      vulnClass: 'SQL Injection',
      cwes: 'CWE-89, CWE-20',
      cvss: '9.8 (CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H)',
      category: 'SAST',
      // The name people use, from the file's extension.
      language: 'TypeScript',
      findingUrl: finding.url,
      patchUrl: 'https://github.com/acme/web/pull/7',
      status: 'False positive',
      dueDate: '2026-03-15',
    });
  });

  it('renders missing data as empty strings and falls back to the repository id', () => {
    const finding = aTestFinding({ repository: { id: 'repo-9' }, location: {}, cwes: [] });
    delete finding.vulnClass;
    delete finding.language;
    const vars = templateVariablesOf(finding);
    expect(vars).toMatchObject({
      repositoryName: 'repo-9',
      affectedFile: '',
      startLine: '',
      endLine: '',
      vulnClass: '',
      cwes: '',
      cvss: '',
      language: '',
      patchUrl: '',
      dueDate: '',
    });
    expect(templateVariablesOf(finding, { dueDate: null }).dueDate).toBe('');
  });

  it('renders a CVSS with only a score or only a vector', () => {
    expect(templateVariablesOf(aTestFinding({ cvss: { score: 7.5 } })).cvss).toBe('7.5');
    expect(templateVariablesOf(aTestFinding({ cvss: { vector: 'CVSS:3.1/AV:N' } })).cvss).toBe(
      'CVSS:3.1/AV:N',
    );
  });

  it('exposes a name and a description for every variable, names unique', () => {
    const names = TEMPLATE_VARIABLES.map((v) => v.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining([
        'severity',
        'issueTitle',
        'repositoryName',
        'affectedFile',
        'vulnClass',
        'dueDate',
      ]),
    );
    for (const v of TEMPLATE_VARIABLES) expect(v.description.length).toBeGreaterThan(5);
  });
});

describe('sanitizeVariableValue', () => {
  it('strips control characters but keeps tabs and newlines', () => {
    expect(sanitizeVariableValue('a\u0000b\u0007c\td\ne\u007f')).toBe('abc\td\ne');
  });

  it('replaces lone surrogates and keeps valid pairs', () => {
    expect(sanitizeVariableValue('x\uD800y\uDC00z 😀')).toBe('x\uFFFDy\uFFFDz 😀');
  });

  it('truncates oversized values with a visible mark, without splitting a surrogate pair', () => {
    const long = 'a'.repeat(100_000);
    const out = sanitizeVariableValue(long);
    expect(out.length).toBe(MAX_VARIABLE_LENGTH);
    expect(out.endsWith('… [truncated]')).toBe(true);
    const emoji = '😀'.repeat(MAX_VARIABLE_LENGTH);
    const cut = sanitizeVariableValue(emoji);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
