import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { severityFromScore } from '../../../src/core/finding/finding';
import { generateZeroPathData, secretValuesOf } from './zeropath-data-generator';

describe('generateZeroPathData', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = generateZeroPathData({ seed: 7, findings: 200 });
    const b = generateZeroPathData({ seed: 7, findings: 200 });
    const c = generateZeroPathData({ seed: 8, findings: 200 });
    expect(b).toEqual(a);
    expect(c.findings.map((f) => f.id)).not.toEqual(a.findings.map((f) => f.id));
  });

  it('builds the demo tenant: Acme Corp, 8 tagged repositories', () => {
    const data = generateZeroPathData({ seed: 1, findings: 10 });
    expect(data.organizations).toEqual([expect.objectContaining({ name: 'Acme Corp' })]);
    expect(data.repositories).toHaveLength(8);
    const tags = new Set(data.repositories.flatMap((r) => r.tags));
    for (const tag of ['team-payments', 'team-web', 'pci', 'internal']) expect(tags).toContain(tag);
    expect(data.repositories.every((r) => r.tags.length > 0)).toBe(true);
  });

  describe('10,000 findings', () => {
    const data = generateZeroPathData({ seed: 2026, findings: 10_000, repositories: 12 });
    const share = (predicate: (f: (typeof data.findings)[number]) => boolean): number =>
      data.findings.filter(predicate).length / data.findings.length;

    it('has the requested counts and unique ids on every repository', () => {
      expect(data.findings).toHaveLength(10_000);
      expect(data.repositories).toHaveLength(12);
      expect(new Set(data.findings.map((f) => f.id)).size).toBe(10_000);
      const repoIds = new Set(data.repositories.map((r) => r.id));
      expect(data.findings.every((f) => repoIds.has(f.repositoryId))).toBe(true);
      expect(new Set(data.findings.map((f) => f.repositoryId)).size).toBe(12);
    });

    it('spreads categories SAST > SCA > SECRETS ≈ IAC', () => {
      expect(share((f) => f.vulnCategory === 'SAST')).toBeGreaterThan(0.5);
      expect(share((f) => f.vulnCategory === 'SAST')).toBeLessThan(0.6);
      expect(share((f) => f.vulnCategory === 'SCA')).toBeGreaterThan(0.2);
      expect(share((f) => f.vulnCategory === 'SECRETS')).toBeGreaterThan(0.07);
      expect(share((f) => f.vulnCategory === 'IAC')).toBeGreaterThan(0.07);
    });

    it('has a backlog-shaped score distribution: medium most common, critical and info rare', () => {
      const bucket = (name: string) => share((f) => severityFromScore(f.score) === name);
      expect(bucket('Medium')).toBeGreaterThan(bucket('High'));
      expect(bucket('High')).toBeGreaterThan(bucket('Critical'));
      expect(bucket('Critical')).toBeGreaterThan(0.05);
      expect(bucket('Critical')).toBeLessThan(0.2);
      expect(bucket('Info')).toBeGreaterThan(0.03);
      expect(
        data.findings.every((f) => f.score >= 0 && f.score <= 100 && f.severity >= 0 && f.severity <= 10),
      ).toBe(true);
    });

    it('covers every stored status, CWE ids, scan types and consistent timestamps', () => {
      expect(new Set(data.findings.map((f) => f.v2Status)).size).toBe(8);
      expect(data.findings.every((f) => f.cwes.every((cwe) => /^CWE-\d+$/.test(cwe)))).toBe(true);
      expect(new Set(data.findings.map((f) => f.codeScan.codeScanType))).toEqual(
        new Set(['FullScan', 'PrScan', 'SCAScan']),
      );
      const anchor = Date.parse('2026-06-01T00:00:00.000Z');
      expect(
        data.findings.every(
          (f) => Date.parse(f.createdAt) <= Date.parse(f.updatedAt) && Date.parse(f.updatedAt) <= anchor,
        ),
      ).toBe(true);
      expect(data.findings.every((f) => f.url === `https://zeropath.com/app/issues/${f.id}`)).toBe(true);
    });

    it('gives patches with PR links to many resolved findings and none to secrets', () => {
      const resolved = data.findings.filter((f) => f.v2Status === 'RESOLVED');
      const withPr = resolved.filter((f) => f.patch?.prLink?.startsWith('https://github.com/acme/') === true);
      expect(withPr.length / resolved.length).toBeGreaterThan(0.5);
      expect(withPr.every((f) => f.patch?.pullRequestStatus === 'MERGED')).toBe(true);
      expect(data.findings.filter((f) => f.vulnCategory === 'SECRETS').every((f) => f.patch === null)).toBe(
        true,
      );
    });

    it('plants cleartext test credentials in secrets snippets and reports every one of them', () => {
      const secrets = secretValuesOf(data);
      const byId = new Map(data.findings.map((f) => [f.id, f]));
      for (const { findingId, value } of data.plantedSecrets) {
        const finding = byId.get(findingId);
        expect(finding?.vulnCategory).toBe('SECRETS');
        expect(finding?.sastCodeSegment).toContain(value);
      }
      expect(secrets).toContain(['AKIA', 'IOSFODNN7EXAMPLE'].join(''));
      expect(secrets.some((s) => /^ghp_[A-Za-z0-9]{36}$/.test(s))).toBe(true);
      expect(secrets.some((s) => /^sk_live_[A-Za-z0-9]{24}$/.test(s))).toBe(true);
      const pemFindings = data.findings.filter((f) => f.sastCodeSegment.includes('PRIVATE KEY-----'));
      expect(pemFindings.length).toBeGreaterThan(0);
      const connection = data.findings.find((f) => f.sastCodeSegment.includes('postgres://'));
      expect(secrets.some((s) => connection?.sastCodeSegment.includes(`:${s}@`) === true)).toBe(true);
      // Only secrets findings carry planted values.
      const nonSecretText = data.findings
        .filter((f) => f.vulnCategory !== 'SECRETS')
        .map((f) => f.sastCodeSegment)
        .join('\n');
      expect(secrets.filter((s) => nonSecretText.includes(s))).toEqual([]);
    });
  });

  it('keeps credentials out of its own source text, so repository scanners stay quiet', () => {
    const source = readFileSync(join(__dirname, 'zeropath-data-generator.ts'), 'utf8');
    expect(source).not.toContain(['AKIA', 'IOSFODNN7EXAMPLE'].join(''));
    expect(source).not.toMatch(new RegExp(['sk', 'live', ''].join('_')));
    expect(source).not.toMatch(new RegExp(['-----BEGIN', 'RSA'].join(' ')));
  });

  it('rejects bad sizes with a clear error', () => {
    expect(() => generateZeroPathData({ seed: 1, findings: -1 })).toThrow(
      /findings must be a non-negative integer/,
    );
    expect(() => generateZeroPathData({ seed: 1, findings: 1, repositories: 0 })).toThrow(
      /repositories must be ≥ 1/,
    );
    expect(() => generateZeroPathData({ seed: 1, findings: 1, anchor: 'yesterday' })).toThrow(
      /anchor must be an ISO date/,
    );
  });
});
