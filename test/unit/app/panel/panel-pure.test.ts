import { aFinding } from '../../../fixtures/findings/finding-builder';
import { parseFindingReference } from '../../../../src/app/panel/finding-reference';
import { snapshotFromFinding } from '../../../../src/app/panel/finding-snapshot';
import { findingView } from '../../../../src/app/panel/panel-view';

describe('parseFindingReference', () => {
  const base = 'https://zeropath.com';
  it.each([
    ['f0a1b2c3-d4e5-4f60-8a9b-000000000001', 'f0a1b2c3-d4e5-4f60-8a9b-000000000001'],
    ['https://zeropath.com/app/issues/abc-123?tab=code#x', 'abc-123'],
    ['https://acme.branch.zeropath.com/app/issues/abc-123', 'abc-123'],
  ])('reads %s', (input, id) => {
    expect(parseFindingReference(input, base)).toEqual({ ok: true, findingId: id });
  });
  it.each(['https://evil.example.com/app/issues/abc-123', 'http://zeropath.com/app/issues/abc-123', 'https://zeropath.com/app/repos', 'not a finding!'])(
    'refuses %s',
    (input) => {
      expect(parseFindingReference(input, base).ok).toBe(false);
    },
  );
});

describe('snapshotFromFinding', () => {
  it('stores the code snippet of a secrets finding redacted, never the secret', () => {
    const secret = 'AKIAIOSFODNN7EXAMPLE';
    const snapshot = snapshotFromFinding(aFinding({ category: 'SECRETS', codeSnippet: `const key = "${secret}";` }));
    expect(snapshot.codeSnippet).toBeDefined();
    expect(JSON.stringify(snapshot)).not.toContain(secret);
  });
});

describe('findingView words', () => {
  it('names the category in words and labels code by its file (a Go file is Go)', () => {
    const finding = aFinding({
      category: 'SMART_CONTRACT',
      language: 'python',
      location: { file: 'cmd/api/main.go', startLine: 3 },
      codeSnippet: 'func main() {}',
    });
    const view = findingView({
      findingId: finding.id,
      issueId: '10001',
      issueKey: 'SEC-1',
      projectKey: 'SEC',
      createdAt: '2026-01-01T00:00:00.000Z',
      createdBy: 'u-1',
      snapshot: snapshotFromFinding(finding),
      snapshotAt: '2026-01-01T00:00:00.000Z',
      lastWritten: {},
    });
    expect(view.category).toBe('Smart contract');
    expect(view.code?.language).toBe('go');
  });
});
