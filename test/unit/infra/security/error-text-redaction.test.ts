import { JiraApiError, JiraNotFoundError } from '../../../../src/infra/jira/jira-errors';
import { createZeroPathClient } from '../../../../src/infra/zeropath/zeropath-client';
import { ZeroPathRequestError, ZeroPathResponseError } from '../../../../src/infra/zeropath/zeropath-errors';
import {
  BASE_URL,
  ORG_ID,
  TOKEN_ID,
  TOKEN_SECRET,
  fakeFetch,
  type FakeReply,
} from '../zeropath/zeropath-fakes';

/**
 * Error text travels: to the browser (mapped results), to Health (shown on the admin page) and to
 * logs. When an upstream quotes a credential back — Jira echoing a refused value, a ZeroPath
 * error page or a findings body that failed to parse — the adapters' errors must not carry it.
 */
const GITHUB_TOKEN = `ghp_${'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5'}`;
// Made-up credentials, assembled at run time so secret scanners reading the repository stay quiet.
const AWS_KEY = `AKIA${'Z7QR4TX2MN8PLK3W'}`;

async function failureOf(reply: FakeReply, tokenSecret: string = TOKEN_SECRET): Promise<Error> {
  const fake = fakeFetch(() => reply);
  const client = createZeroPathClient({
    baseUrl: BASE_URL,
    tokenId: TOKEN_ID,
    tokenSecret,
    organizationId: ORG_ID,
    fetch: fake.fetch,
  });
  try {
    await client.listRepositories();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

describe('credentials quoted by an upstream never reach an error message', () => {
  it('JiraApiError keeps the operation and the message but not the echoed credential', () => {
    const error = new JiraApiError(
      400,
      'POST /rest/api/3/issue',
      [`Field value '${GITHUB_TOKEN}' is invalid`],
      {
        customfield_10050: `Option ${AWS_KEY} does not exist`,
      },
    );
    expect(error.message).toContain('Jira answered HTTP 400 to POST /rest/api/3/issue');
    expect(error.message).toContain('is invalid');
    expect(error.message).not.toContain(GITHUB_TOKEN);
    expect(error.message).not.toContain(AWS_KEY);
    expect(new JiraNotFoundError('GET /rest/api/3/issue/X', [GITHUB_TOKEN]).message).not.toContain(
      GITHUB_TOKEN,
    );
  });

  it('a ZeroPath 400 whose body quotes a credential', async () => {
    const error = await failureOf({
      status: 400,
      body: { error: `bad value ${AWS_KEY} for token ${TOKEN_SECRET}` },
    });
    expect(error).toBeInstanceOf(ZeroPathRequestError);
    expect(error.message).toContain('bad value');
    expect(error.message).not.toContain(AWS_KEY);
    expect(error.message).not.toContain(TOKEN_SECRET);
  });

  it('a ZeroPath body that does not parse, starting with a secrets finding', async () => {
    const raw = `{"repositories": [{"snippet": "GITHUB_TOKEN=${GITHUB_TOKEN}"`;
    const error = await failureOf({ status: 200, raw });
    expect(error).toBeInstanceOf(ZeroPathResponseError);
    expect(error.message).not.toContain(GITHUB_TOKEN);
    expect((error as ZeroPathResponseError).bodySnippet).not.toContain(GITHUB_TOKEN);
    expect((error as ZeroPathResponseError).bodySnippet).toContain('GITHUB_TOKEN=');
  });

  // Finding 5: a URL-encoded token secret in a ZeroPath response reached Health, logs and resolver
  // answers (`panel.refresh` included).
  describe('every echoed form of the token, and URLs with query strings (finding 5)', () => {
    // A secret with characters that URL-encoding changes, as generated secrets often have.
    const SECRET = 'zpS3cr/et+Value=Long9f8e7d6c';
    const forms = [
      SECRET,
      encodeURIComponent(SECRET),
      encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
      btoa(SECRET).replace(/=+$/, ''),
    ];
    const textOf = (error: Error) => `${error.message} ${JSON.stringify(error)} ${String((error as { bodySnippet?: string }).bodySnippet)}`;

    it.each([
      ['a JSON 400 body', (echo: string) => ({ status: 400, body: { error: `refused request with X-ZeroPath-API-Token-Secret=${echo}` } })],
      ['a non-JSON 502 page', (echo: string) => ({ status: 502, raw: `<html><p>upstream GET /api/v1/repositories/list?secret=${echo} failed</p></html>` })],
      ['a 200 body that does not parse', (echo: string) => ({ status: 200, raw: `{"repositories": "token_secret%3D${echo}"` })],
      ['a bare echo with no key name', (echo: string) => ({ status: 400, body: { error: `rejected: ${echo} (header 2)` } })],
    ])('%s quoting the secret never carries it, in any form', async (_name, reply) => {
      for (const echo of forms) {
        const error = await failureOf(reply(echo), SECRET);
        for (const form of forms) expect(textOf(error)).not.toContain(form);
      }
    });

    it('the token id never appears either', async () => {
      const error = await failureOf({ status: 403, body: { error: `token ${TOKEN_ID} may not read org` } });
      expect(textOf(error)).not.toContain(TOKEN_ID);
      expect(error.message).toContain('may not read org');
    });

    it('URLs keep scheme, host and path but lose their query string', async () => {
      const signed = 'https://storage.example.com/bucket/report.json?X-Amz-Signature=abc123def456&X-Amz-Credential=xyz';
      const error = await failureOf({ status: 400, body: { error: `could not fetch ${signed}` } });
      expect(error.message).toContain('https://storage.example.com/bucket/report.json?[redacted]');
      expect(error.message).not.toContain('abc123def456');
    });

    it('JiraApiError scrubs its own errorMessages and errors, which callers pass on as field errors', () => {
      const error = new JiraApiError(400, 'POST /rest/api/3/issue', [`bad ${GITHUB_TOKEN}`], {
        customfield_10050: `Option https://x.example/cb?code=s3cr3tc0de does not exist ${AWS_KEY}`,
      });
      const carried = JSON.stringify({ m: error.errorMessages, e: error.errors, msg: error.message });
      for (const leaked of [GITHUB_TOKEN, AWS_KEY, 's3cr3tc0de']) expect(carried).not.toContain(leaked);
      expect(Object.keys(error.errors)).toEqual(['customfield_10050']);
    });
  });
});
