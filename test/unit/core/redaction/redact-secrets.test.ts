import { redactSecrets, REDACTED } from '../../../../src/core/redaction/redact-secrets';
import { isIdentifierLike, shannonEntropy } from '../../../../src/core/redaction/entropy-detector';
import {
  AWS_EXAMPLE_ACCESS_KEY_ID,
  AWS_EXAMPLE_SECRET_ACCESS_KEY,
  F2_SNIPPET,
} from '../../../fixtures/findings/finding-builder';

const detect = (text: string) => redactSecrets(text, { mode: 'detect' });
const secretsFinding = (text: string) => redactSecrets(text, { mode: 'secrets-finding' });

// Synthetic tokens with the right shapes; none is a live credential.
const GITHUB_PAT = `ghp_${'A1b2C3d4E5'.repeat(3)}a1b2c3`;
const GITHUB_FINE_GRAINED = `github_pat_11ABCDEFG0${'x1Y2z3'.repeat(10)}`;
const GITLAB = 'glpat-Zx8Yw7Vu6Ts5Rq4Po3Nm';
const SLACK = 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx';
const STRIPE = `sk_live_${'51HqLyjWDarjtT1zdp7dc'}`;
const GOOGLE = 'AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY';
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

describe('redactSecrets — fixture F2 (AWS documentation example keys)', () => {
  it('replaces every value in a secrets finding, keeping names and structure', () => {
    const result = secretsFinding(F2_SNIPPET);
    expect(result.text).toBe(
      'AWS_ACCESS_KEY_ID = "[REDACTED]"\nAWS_SECRET_ACCESS_KEY = "[REDACTED]"\nAWS_REGION = "[REDACTED]"',
    );
    expect(result.redactions).toBe(3);
  });

  it('still catches both AWS keys in detect mode, leaving the region readable', () => {
    const result = detect(F2_SNIPPET);
    expect(result.text).not.toContain(AWS_EXAMPLE_ACCESS_KEY_ID);
    expect(result.text).not.toContain(AWS_EXAMPLE_SECRET_ACCESS_KEY);
    expect(result.text).toContain('AWS_REGION = "us-east-1"');
    expect(result.redactions).toBe(2);
  });

  it('catches a bare 40-character AWS secret by entropy', () => {
    expect(detect(`aws configure set ${AWS_EXAMPLE_SECRET_ACCESS_KEY}`).text).toBe(`aws configure set ${REDACTED}`);
  });
});

describe('redactSecrets — known formats (detect mode)', () => {
  it.each([
    ['AWS access key id', `key id ${AWS_EXAMPLE_ACCESS_KEY_ID} in use`, AWS_EXAMPLE_ACCESS_KEY_ID],
    ['AWS session key id', 'ASIAY34FZKBOKMUTVV7A was issued', 'ASIAY34FZKBOKMUTVV7A'],
    ['GitHub classic token', `export GH=${GITHUB_PAT}`, GITHUB_PAT],
    ['GitHub app token', `gho_${'Z9y8X7w6V5'.repeat(3)}u4t3s2`, `gho_${'Z9y8X7w6V5'.repeat(3)}u4t3s2`],
    ['GitHub server token', `ghs_${'Q1w2E3r4T5'.repeat(3)}y6u7i8`, `ghs_${'Q1w2E3r4T5'.repeat(3)}y6u7i8`],
    ['GitHub fine-grained token', `uses ${GITHUB_FINE_GRAINED}`, GITHUB_FINE_GRAINED],
    ['GitLab token', `gitlab ${GITLAB}`, GITLAB],
    ['Slack token', `slack(${SLACK})`, SLACK],
    ['Stripe live key', `stripe.api_key = ${STRIPE}`, STRIPE],
    ['Stripe restricted key', 'rk_live_51HqLyjWDarjtT1zdp7dcXYZ', 'rk_live_51HqLyjWDarjtT1zdp7dcXYZ'],
    ['Google API key', `?key=${GOOGLE}&q=1`, GOOGLE],
    ['JWT', `cookie value ${JWT}`, JWT],
    ['bearer token', 'Authorization: Bearer abcDEF123456ghiJKL789', 'abcDEF123456ghiJKL789'],
    ['password in URL', 'postgres://admin:Sup3rS3cret@db.internal:5432/app', 'Sup3rS3cret'],
    ['secret in URL query', 'https://api.example.com/v1?access_token=opensesame42&page=2', 'opensesame42'],
    ['generic password', "db_password = 'hunter2'", 'hunter2'],
    ['generic api key (JSON)', '{"apiKey": "abc123"}', 'abc123'],
    ['generic token (arrow)', "'auth_token' => \"letmein\"", 'letmein'],
    ['env file password', 'DB_PASSWORD=hunter2', 'hunter2'],
    ['YAML secret', 'client_secret: plain-words-here', 'plain-words-here'],
    ['connection string password', 'Server=db;User Id=app;Password=Pa55word;', 'Pa55word'],
  ])('redacts a %s', (_name, text, secret) => {
    const result = detect(text);
    expect(result.text).not.toContain(secret);
    expect(result.text).toContain(REDACTED);
    expect(result.redactions).toBeGreaterThanOrEqual(1);
  });

  it('keeps key names, quotes and scheme/host around the redacted value', () => {
    expect(detect("db_password = 'hunter2'").text).toBe(`db_password = '${REDACTED}'`);
    expect(detect('postgres://admin:Sup3rS3cret@db.internal:5432/app').text).toBe(
      `postgres://admin:${REDACTED}@db.internal:5432/app`,
    );
    expect(detect('Authorization: Bearer abcDEF123456ghiJKL789').text).toBe(`Authorization: Bearer ${REDACTED}`);
  });

  it('redacts a PEM private key body but keeps the armour lines', () => {
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAx4nQ\nq1w2e3r4t5y6\n-----END RSA PRIVATE KEY-----';
    const result = detect(`key = """${pem}"""`);
    expect(result.text).toContain(`-----BEGIN RSA PRIVATE KEY-----\n${REDACTED}\n-----END RSA PRIVATE KEY-----`);
    expect(result.text).not.toContain('MIIEpAIBAAKCAQEAx4nQ');
  });

  it('redacts an unterminated PEM block (snippet cut mid-key) to the end', () => {
    const result = detect('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\nAAAABG5vbmU');
    expect(result.text).toBe(`-----BEGIN OPENSSH PRIVATE KEY-----\n${REDACTED}`);
  });

  it('counts two rules hitting the same secret once', () => {
    // The AWS id rule and the keyword rule both match this value.
    expect(detect(`aws_access_key = "${AWS_EXAMPLE_ACCESS_KEY_ID}"`).redactions).toBe(1);
  });

  it('is idempotent: redacted text has nothing left to redact', () => {
    const once = secretsFinding(`${F2_SNIPPET}\ntoken: ${GITHUB_PAT}\n${JWT}`);
    const twice = secretsFinding(once.text);
    expect(twice.text).toBe(once.text);
    expect(twice.redactions).toBe(0);
  });
});

describe('redactSecrets — false-positive guards', () => {
  it.each([
    ['code identifiers', 'const invoice = getUserInvoiceByCustomerIdentifier(customerAccountNumber);'],
    ['constants and acronyms', 'if retries > MAX_RETRY_BACKOFF_SECONDS: HTTPSConnectionPoolManager.reset()'],
    ['UUIDs', 'finding 3f6c2a1e-8d4b-4c7a-9e21-5b0d7f3a9c10 in repo a1b2c3d4-0000-4e5f-8a9b-112233445566'],
    ['git SHAs after "commit"', 'Fixed in commit 9f2d4c1b7a6e5d4c3b2a19080706050403020100'],
    ['git SHAs as scanTargetBranchCommitSha', '"scanTargetBranchCommitSha": "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d"'],
    ['file paths', 'See src/components/ErrorBoundary.tsx and terraform/modules/s3_bucket_logging/main.tf'],
    ['URL paths', 'https://github.com/acme/payments-api/blob/main/app/api/Xk9pQ2rT7vLmN3sB8wYz.py#L41'],
    ['references to secrets in code', 'password = config.password\ntoken: getToken()\nsecret = os.environ["AWS_SECRET"]'],
    ['prose', 'An attacker with any valid session can enumerate invoice ids and download invoices.'],
    ['kebab-case names', 'uses the aws-s3-bucket-server-side-encryption-configuration resource'],
  ])('leaves %s alone', (_name, text) => {
    expect(detect(text)).toEqual({ text, redactions: 0 });
  });

  it('does flag a random token with no known format', () => {
    expect(detect('key = Xk9pQ2rT7vLmN3sB8wYzA1bC2dE3').text).toBe(`key = ${REDACTED}`);
  });

  it('does flag a 40-hex token when nothing says it is a hash', () => {
    expect(detect('X-Api-Key: 9f2d4c1b7a6e5d4c3b2a19080706050403020100').redactions).toBe(1);
  });
});

describe('redactSecrets — secrets-finding mode structure', () => {
  it('keeps JSON keys and subscript names but redacts every value', () => {
    expect(secretsFinding('{"aws_key": "abc", "region": "eu-west-1"}').text).toBe(
      `{"aws_key": "${REDACTED}", "region": "${REDACTED}"}`,
    );
    expect(secretsFinding('secret = os.environ["AWS_SECRET"]').text).toBe('secret = os.environ["AWS_SECRET"]');
  });

  it('redacts unquoted env and YAML values and URL userinfo', () => {
    const text = 'STRIPE_KEY=abc\nsettings:\n  api_url: https://deploy:pw@example.com/x\nDEBUG=true';
    expect(secretsFinding(text).text).toBe(`STRIPE_KEY=${REDACTED}\nsettings:\n  api_url: ${REDACTED}\nDEBUG=true`);
  });

  it('redacts a token used as URL userinfo', () => {
    expect(secretsFinding('git clone https://x-access-token@github.com/acme/app.git').text).toBe(
      `git clone https://${REDACTED}@github.com/acme/app.git`,
    );
  });
});

describe('redactSecrets — input checks', () => {
  it('returns empty text unchanged', () => {
    expect(detect('')).toEqual({ text: '', redactions: 0 });
  });

  it('rejects an unknown mode with a clear error', () => {
    expect(() => redactSecrets('x', { mode: 'loose' as 'detect' })).toThrow('Unknown redaction mode: loose');
  });

  it('rejects a non-string', () => {
    expect(() => redactSecrets(42 as unknown as string, { mode: 'detect' })).toThrow('expects a string');
  });
});

describe('entropy helpers', () => {
  it('scores uniform text at zero and varied text higher', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
  });

  it('tells identifiers from random tokens', () => {
    expect(isIdentifierLike('getUserInvoiceByCustomerId')).toBe(true);
    expect(isIdentifierLike('Xk9pQ2rT7vLmN3sB8wYz')).toBe(false);
    expect(isIdentifierLike('JBSWY3DPEHPK3PXPQRST')).toBe(false);
  });
});
