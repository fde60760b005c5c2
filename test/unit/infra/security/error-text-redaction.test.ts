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

async function failureOf(reply: FakeReply): Promise<Error> {
  const fake = fakeFetch(() => reply);
  const client = createZeroPathClient({
    baseUrl: BASE_URL,
    tokenId: TOKEN_ID,
    tokenSecret: TOKEN_SECRET,
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
});
