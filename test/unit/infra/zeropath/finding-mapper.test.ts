import { mapV1Issue, mapV1Repository, normaliseCwe, mapCategory, mapScanType } from '../../../../src/infra/zeropath/finding-mapper';
import { type Finding } from '../../../../src/core/finding/finding';
import { BASE_URL, anIssue, fixtureIssues } from './zeropath-fakes';

function mapOk(raw: unknown): Finding {
  const result = mapV1Issue(raw, BASE_URL);
  if (!result.ok) throw new Error(`expected a finding, got skipped: ${result.skipped.reason}`);
  return result.value;
}

describe('mapV1Issue on the recorded search fixture', () => {
  const findings = fixtureIssues().map(mapOk);

  it('maps every fixture finding with its severity bucket from the score', () => {
    expect(findings.map((f) => [f.score, f.severity])).toEqual([
      [82, 'High'],
      [95, 'Critical'],
      [55, 'Medium'],
      [24, 'Low'],
      [6, 'Info'],
    ]);
  });

  it('maps status, category, scan type and CWE', () => {
    expect(findings.map((f) => f.status)).toEqual(['open', 'open', 'open', 'open', 'false_positive']);
    expect(findings.map((f) => f.category)).toEqual(['SAST', 'SECRETS', 'SCA', 'IAC', 'SAST']);
    expect(findings.map((f) => f.scanType)).toEqual(['FullScan', 'PrScan', 'SCAScan', 'FullScan', 'PrScan']);
    expect(findings[0]?.cwes).toEqual(['CWE-639']);
  });

  it('keeps the first finding in full, patch included', () => {
    expect(findings[0]).toEqual({
      id: '3f6c2a1e-8d4b-4c7a-9e21-5b0d7f3a9c10',
      title: "IDOR: any authenticated user can read another customer's invoices",
      description: expect.stringContaining('invoice.customer_id'),
      status: 'open',
      score: 82,
      severity: 'High',
      cwes: ['CWE-639'],
      vulnClass: 'Insecure Direct Object Reference',
      category: 'SAST',
      scanType: 'FullScan',
      language: 'python',
      repository: { id: 'a1b2c3d4-0000-4e5f-8a9b-112233445566', name: 'acme/payments-api' },
      location: { file: 'app/api/invoices.py', startLine: 41, endLine: 44 },
      codeSnippet: expect.stringContaining('get_invoice'),
      patch: {
        prUrl: 'https://github.com/acme/payments-api/pull/412',
        prTitle: 'fix(security): enforce invoice ownership check',
        prStatus: 'OPEN',
      },
      url: 'https://zeropath.com/app/issues/3f6c2a1e-8d4b-4c7a-9e21-5b0d7f3a9c10',
      createdAt: '2026-05-02T14:11:08.512Z',
      updatedAt: '2026-05-03T09:20:41.004Z',
    });
  });

  it('leaves the secrets snippet raw (redaction is the renderer’s job) and has no patch for patch: null', () => {
    expect(findings[1]?.codeSnippet).toContain('AKIAIOSFODNN7EXAMPLE');
    expect(findings[1]).not.toHaveProperty('patch');
  });
});

describe('mapV1Issue on odd data', () => {
  it.each([
    ['open', 'open'],
    ['processing', 'in_progress'],
    ['patched', 'resolved'],
    ['closed', 'resolved'],
    ['falsePositive', 'false_positive'],
    ['notExploitable', 'non_exploitable'],
    ['archived', 'accepted_risk'],
    ['silenced', 'accepted_risk'],
  ])('maps V1 status %s to %s', (wire, domain) => {
    expect(mapOk(anIssue({ status: wire })).status).toBe(domain);
  });

  it('accepts nulls where clients saw nulls and falls back sensibly', () => {
    const finding = mapOk(
      anIssue({
        repositoryName: null,
        generatedTitle: null,
        generatedDescription: null,
        language: null,
        cwes: null,
        vulnCategory: null,
        severity: null,
        confidence: null,
        affectedFile: null,
        sastCodeSegment: null,
        startLine: null,
        endLine: null,
        url: null,
        codeScan: null,
        patch: null,
        updatedAt: null,
      }),
    );
    expect(finding.title).toBe('Insecure Direct Object Reference');
    expect(finding.description).toBe('');
    expect(finding.cwes).toEqual([]);
    expect(finding.category).toBe('OTHER');
    expect(finding.repository).toEqual({ id: 'a1b2c3d4-0000-4e5f-8a9b-112233445566' });
    expect(finding.location).toEqual({});
    expect(finding.url).toBe(`${BASE_URL}/app/issues/3f6c2a1e-8d4b-4c7a-9e21-5b0d7f3a9c10`);
    expect(finding.updatedAt).toBe(finding.createdAt);
    for (const key of ['language', 'codeSnippet', 'scanType', 'patch', 'cvss'] as const) {
      expect(finding).not.toHaveProperty(key);
    }
  });

  it('tolerates missing optional fields and unknown extra fields', () => {
    const { vulnClass: _v, generatedTitle: _t, codeScan: _c, ...rest } = anIssue();
    const finding = mapOk({ ...rest, brandNewField: { nested: true } });
    expect(finding.title).toBe('Untitled ZeroPath finding');
    expect(finding).not.toHaveProperty('vulnClass');
  });

  it('accepts numbers sent as strings (severity, score, lines)', () => {
    const finding = mapOk(anIssue({ severity: '9', score: '91', startLine: '3' }));
    expect(finding.score).toBe(91);
    expect(finding.severity).toBe('Critical');
    expect(finding.location.startLine).toBe(3);
  });

  it('clamps the score to 0–100', () => {
    expect(mapOk(anIssue({ score: 140 })).score).toBe(100);
    expect(mapOk(anIssue({ score: -5 })).severity).toBe('Info');
  });

  it('uses the legacy vulnerabilityPatch when patch is absent', () => {
    const finding = mapOk(anIssue({ patch: undefined, vulnerabilityPatch: { prLink: 'https://git.example/pr/1' } }));
    expect(finding.patch).toEqual({ prUrl: 'https://git.example/pr/1' });
  });

  it('reads CVSS from SCA metadata when present', () => {
    const finding = mapOk(anIssue({ metadata: { severityScore: 7.5, cvssVector: 'CVSS:3.1/AV:N' } }));
    expect(finding.cvss).toEqual({ score: 7.5, vector: 'CVSS:3.1/AV:N' });
  });

  it('ignores a url that is not http(s)', () => {
    expect(mapOk(anIssue({ url: 'javascript:alert(1)' })).url).toBe(
      `${BASE_URL}/app/issues/3f6c2a1e-8d4b-4c7a-9e21-5b0d7f3a9c10`,
    );
  });

  it.each([
    ['an unknown status', { status: 'deleted' }, 'status'],
    ['a non-numeric score', { score: 'high' }, 'score'],
    ['a missing score', { score: undefined }, 'score'],
    ['a missing repositoryId', { repositoryId: undefined }, 'repositoryId'],
    ['a bad createdAt', { createdAt: 'yesterday' }, 'createdAt'],
  ])('skips a finding with %s, keeping its id and the reason', (_label, overrides, field) => {
    const result = mapV1Issue(anIssue(overrides), BASE_URL);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.skipped.id).toBe('3f6c2a1e-8d4b-4c7a-9e21-5b0d7f3a9c10');
    expect(result.skipped.reason).toContain(field);
  });

  it('skips a record that is not an object at all', () => {
    const result = mapV1Issue('garbage', BASE_URL);
    expect(result).toEqual({ ok: false, skipped: { reason: expect.stringContaining('(root)') } });
  });
});

describe('normalisers', () => {
  it.each([
    ['CWE-89', 'CWE-89'],
    ['89', 'CWE-89'],
    ['cwe-89', 'CWE-89'],
    [' CWE 0079 ', 'CWE-79'],
    [89, 'CWE-89'],
    ['not a cwe', undefined],
  ])('normalises %p to %p', (raw, expected) => {
    expect(normaliseCwe(raw)).toBe(expected);
  });

  it('dedupes CWEs after normalising', () => {
    expect(mapOk(anIssue({ cwes: ['CWE-89', '89', 'cwe-89', 'junk'] })).cwes).toEqual(['CWE-89']);
  });

  it('maps categories case-insensitively and unknown ones to OTHER', () => {
    expect(mapCategory('iac')).toBe('IAC');
    expect(mapCategory('smart-contract')).toBe('SMART_CONTRACT');
    expect(mapCategory('CICD')).toBe('OTHER');
  });

  it('maps scan types, unknown ones to Other', () => {
    expect(mapScanType('prscan')).toBe('PrScan');
    expect(mapScanType('ScheduledScan')).toBe('Other');
    expect(mapScanType('')).toBeUndefined();
  });

  it('maps repositories with tags and name fallbacks', () => {
    expect(mapV1Repository({ id: 'r1', repositoryName: 'acme/api', tags: ['pci'], url: 'https://github.com/acme/api' })).toEqual({
      ok: true,
      value: { id: 'r1', name: 'acme/api', tags: ['pci'], url: 'https://github.com/acme/api' },
    });
    expect(mapV1Repository({ id: 'r2', name: 'web', tags: null })).toEqual({ ok: true, value: { id: 'r2', name: 'web', tags: [] } });
    expect(mapV1Repository({ name: 'no id' }).ok).toBe(false);
  });
});
