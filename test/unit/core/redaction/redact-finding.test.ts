import { redactFinding } from '../../../../src/core/redaction/redact-finding';
import { redactForLog } from '../../../../src/core/redaction/redact-for-log';
import {
  aFinding,
  aSecretsFinding,
  AWS_EXAMPLE_ACCESS_KEY_ID,
  AWS_EXAMPLE_SECRET_ACCESS_KEY,
  F2_SNIPPET,
} from '../../../fixtures/findings/finding-builder';

const TOKEN = `ghp_${'A1b2C3d4E5'.repeat(3)}a1b2c3`;

describe('redactFinding', () => {
  it('redacts every value of a secrets finding snippet and leaves the input untouched', () => {
    const finding = aSecretsFinding();
    const safe = redactFinding(finding);
    expect(safe.codeSnippet).toBe('AWS_ACCESS_KEY_ID = "[REDACTED]"\nAWS_SECRET_ACCESS_KEY = "[REDACTED]"\nAWS_REGION = "[REDACTED]"');
    expect(finding.codeSnippet).toBe(F2_SNIPPET);
  });

  it('runs the detector over every text field of other findings', () => {
    const safe = redactFinding(
      aFinding({
        title: `Leak of ${TOKEN}`,
        description: `key ${AWS_EXAMPLE_ACCESS_KEY_ID}`,
        vulnClass: `Secret ${TOKEN}`,
        codeSnippet: `client = Github("${TOKEN}")\nregion = "us-east-1"`,
        patch: { prTitle: `Remove ${TOKEN}`, prUrl: 'https://bot:hunter2pass@github.com/acme/app/pull/1' },
      }),
    );
    expect(JSON.stringify(safe)).not.toContain(TOKEN);
    expect(JSON.stringify(safe)).not.toContain(AWS_EXAMPLE_ACCESS_KEY_ID);
    expect(JSON.stringify(safe)).not.toContain('hunter2pass');
    // Detect mode, not secrets mode: ordinary values stay readable.
    expect(safe.codeSnippet).toContain('region = "us-east-1"');
  });

  it('runs the detector over the repository name, language and PR status too', () => {
    const safe = redactFinding(
      aFinding({
        language: `python ${TOKEN}`,
        repository: { id: 'repo-1', name: `acme/${TOKEN}`, url: 'https://github.com/acme/app' },
        patch: { prStatus: `OPEN ${AWS_EXAMPLE_ACCESS_KEY_ID}` },
      }),
    );
    expect(safe.language).toBe('python [REDACTED]');
    expect(safe.repository.name).toContain('[REDACTED]');
    expect(safe.patch?.prStatus).toBe('OPEN [REDACTED]');
    expect(JSON.stringify(safe)).not.toContain(TOKEN);
    expect(JSON.stringify(safe)).not.toContain(AWS_EXAMPLE_ACCESS_KEY_ID);
  });

  it('keeps a clean finding as it was', () => {
    const finding = aFinding();
    expect(redactFinding(finding)).toEqual(finding);
  });
});

describe('redactForLog', () => {
  it('replaces credential-named values whole and redacts secrets inside strings', () => {
    expect(
      redactForLog({
        apiToken: 'short',
        Authorization: 'Bearer abc',
        tokenConfigured: true,
        message: `called with ${TOKEN}`,
        nested: [{ password: 'p' }],
      }),
    ).toEqual({
      apiToken: '[REDACTED]',
      Authorization: '[REDACTED]',
      tokenConfigured: true,
      message: 'called with [REDACTED]',
      nested: [{ password: '[REDACTED]' }],
    });
  });

  it('treats code fields as a secrets snippet', () => {
    expect(redactForLog({ codeSnippet: F2_SNIPPET })).toEqual({
      codeSnippet: 'AWS_ACCESS_KEY_ID = "[REDACTED]"\nAWS_SECRET_ACCESS_KEY = "[REDACTED]"\nAWS_REGION = "[REDACTED]"',
    });
  });

  it('handles errors, dates, cycles, undefined and bigints as JSON-safe values', () => {
    const cyclic: Record<string, unknown> = { when: new Date('2026-05-01T00:00:00Z'), big: 10n, gone: undefined };
    cyclic.self = cyclic;
    const error = new Error(`failed with ${AWS_EXAMPLE_SECRET_ACCESS_KEY}`);
    const out = redactForLog({ cyclic, error }) as Record<string, Record<string, unknown>>;
    expect(out.cyclic).toEqual({ when: '2026-05-01T00:00:00.000Z', big: '10', gone: null, self: '[Circular]' });
    expect(out.error?.message).toBe('failed with [REDACTED]');
    expect(JSON.stringify(out)).not.toContain(AWS_EXAMPLE_SECRET_ACCESS_KEY);
  });
});
