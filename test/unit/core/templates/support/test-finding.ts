import { type Finding } from '../../../../../src/core/finding/finding';

/**
 * Minimal finding for the core decision modules' tests, until the shared `aFinding()` builder
 * lands in test/fixtures; every field a test does not care about has a realistic default.
 */
export function aTestFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    id: '3f1c2a9e-8d7b-4c55-9e21-0a6b7c8d9e10',
    title: 'SQL injection in login handler',
    description: 'User input reaches `db.query` **unsanitised**.\n\nSee [OWASP](https://owasp.org).',
    status: 'open',
    score: 82,
    severity: 'High',
    cwes: ['CWE-89'],
    vulnClass: 'SQL Injection',
    category: 'SAST',
    scanType: 'FullScan',
    language: 'typescript',
    repository: { id: 'repo-1', name: 'acme/web', url: 'https://github.com/acme/web' },
    location: { file: 'src/auth/login.ts', startLine: 42, endLine: 48 },
    url: 'https://zeropath.com/app/issues/3f1c2a9e-8d7b-4c55-9e21-0a6b7c8d9e10',
    createdAt: '2026-03-01T10:00:00.000Z',
    updatedAt: '2026-03-02T10:00:00.000Z',
    ...overrides,
  };
}
