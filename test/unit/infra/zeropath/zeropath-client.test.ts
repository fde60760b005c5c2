import { inspect } from 'node:util';
import { ExternalEndpointNotAllowedError } from '@forge/api';
import { createZeroPathClient, type ZeroPathClient } from '../../../../src/infra/zeropath/zeropath-client';
import {
  ZeroPathAuthError,
  ZeroPathEgressError,
  ZeroPathError,
  ZeroPathForbiddenError,
  ZeroPathNotFoundError,
  ZeroPathRateLimitedError,
  ZeroPathRequestError,
  ZeroPathResponseError,
  ZeroPathUnavailableError,
} from '../../../../src/infra/zeropath/zeropath-errors';
import { parseRetryAfterSeconds, type FetchLike } from '../../../../src/infra/zeropath/zeropath-http';
import { DEFAULT_REASON, ZeroPathUnsupportedError } from '../../../../src/infra/zeropath/v2-actions';
import { type CachedCapabilities } from '../../../../src/infra/zeropath/zeropath-capabilities';
import { ZeroPathSchemaRejectedError } from '../../../../src/infra/zeropath/zeropath-manifest';
import { RENAMED_PATHS, renderManifest } from '../../../sim/zeropath/zeropath-v2-routes';
import fixture from '../../../fixtures/zeropath/search-v1.json';
import {
  BASE_URL,
  ORG_ID,
  TOKEN_ID,
  TOKEN_SECRET,
  anIssue,
  fakeFetch,
  searchHandler,
  type FakeReply,
  type RecordedCall,
  type WireIssue,
} from './zeropath-fakes';

function clientWith(
  handler: (call: RecordedCall) => FakeReply | Promise<FakeReply>,
  organizationId: string | null = ORG_ID,
) {
  const fake = fakeFetch(handler);
  const client = createZeroPathClient({
    baseUrl: `${BASE_URL}/`,
    tokenId: TOKEN_ID,
    tokenSecret: TOKEN_SECRET,
    fetch: fake.fetch,
    ...(organizationId === null ? {} : { organizationId }),
  });
  return { client, calls: fake.calls };
}

function clientWithFetch(fetch: FetchLike): ZeroPathClient {
  return createZeroPathClient({
    baseUrl: BASE_URL,
    tokenId: TOKEN_ID,
    tokenSecret: TOKEN_SECRET,
    organizationId: ORG_ID,
    fetch,
  });
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

function expectNoSecret(error: unknown): void {
  const views = [String(error), JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })];
  for (const view of views) expect(view).not.toContain(TOKEN_SECRET);
}

describe('requests', () => {
  it('sends the auth, content-type and client headers to the V1 path on the configured base URL', async () => {
    const { client, calls } = clientWith(() => ({ body: [{ id: ORG_ID, name: 'Acme', role: 'admin' }] }));
    await expect(client.listOrganizations()).resolves.toEqual([{ id: ORG_ID, name: 'Acme', role: 'admin' }]);
    expect(calls[0]?.url).toBe(`${BASE_URL}/api/v1/orgs/list`);
    expect(calls[0]?.init.method).toBe('POST');
    expect(calls[0]?.init.headers).toMatchObject({
      'X-ZeroPath-API-Token-Id': TOKEN_ID,
      'X-ZeroPath-API-Token-Secret': TOKEN_SECRET,
      'Content-Type': 'application/json',
      'X-ZeroPath-Client': 'zeropath-for-jira',
    });
    expect(calls[0]?.body).toEqual({});
  });

  it('translates domain filters into the V1 search body', async () => {
    const { client, calls } = clientWith(() => ({ body: { issues: [], totalCount: 0 } }));
    await client.searchFindings({
      repositoryIds: ['r1'],
      statuses: ['resolved', 'accepted_risk'],
      scanTypes: ['FullScan'],
      severities: ['High', 'Critical'],
      searchQuery: 'sql',
      sortBy: 'score',
      sortOrder: 'desc',
      page: 2,
      pageSize: 25,
    });
    expect(calls[0]?.path).toBe('/api/v1/issues/search');
    expect(calls[0]?.body).toEqual({
      organizationId: ORG_ID,
      repositoryIds: ['r1'],
      types: ['patched', 'closed', 'archived', 'silenced'],
      codeScanTypes: ['FullScan'],
      searchQuery: 'sql',
      sortBy: 'score',
      sortOrder: 'desc',
      page: 2,
      pageSize: 25,
      getCounts: false,
    });
  });

  it('parses the recorded fixture and reports a bad finding without losing the page', async () => {
    const bad = anIssue({ id: 'bad-1', status: 'exploded' });
    const { client } = clientWith(() => ({
      body: { ...fixture, issues: [...fixture.issues.slice(0, 2), bad, ...fixture.issues.slice(2)] },
    }));
    const page = await client.searchFindings({ page: 1, pageSize: 50 });
    expect(page.findings).toHaveLength(5);
    expect(page.totalCount).toBe(5);
    expect(page.received).toBe(6);
    expect(page.skipped).toEqual([{ id: 'bad-1', reason: expect.stringContaining('status') }]);
  });

  it('drops findings outside the requested buckets even if the server ignores scoreRange', async () => {
    const { client } = clientWith(() => ({ body: fixture }));
    const page = await client.searchFindings({ severities: ['Critical', 'Low'], page: 1, pageSize: 50 });
    expect(page.findings.map((f) => f.severity)).toEqual(['Critical', 'Low']);
  });

  it('posts V1 actions with issueId and organizationId', async () => {
    const { client, calls } = clientWith(() => ({ status: 200, raw: '' }));
    await client.markFalsePositive('f1');
    await client.markTruePositive('f2');
    await client.archive('f3');
    await client.unarchive('f4');
    expect(calls.map((c) => [c.path, c.body])).toEqual([
      ['/api/v1/issues/mark-false-positive', { issueId: 'f1', organizationId: ORG_ID }],
      ['/api/v1/issues/mark-true-positive', { issueId: 'f2', organizationId: ORG_ID }],
      ['/api/v1/issues/archive', { issueId: 'f3', organizationId: ORG_ID }],
      ['/api/v1/issues/unarchive', { issueId: 'f4', organizationId: ORG_ID }],
    ]);
  });

  it('gets one finding and maps it', async () => {
    const { client, calls } = clientWith(() => ({ body: anIssue({ id: 'one' }) }));
    await expect(client.getFinding('one')).resolves.toMatchObject({ id: 'one', severity: 'High' });
    expect(calls[0]?.body).toEqual({ issueId: 'one', organizationId: ORG_ID });
  });

  it('treats an empty getFinding answer as not found and a malformed one as a response error', async () => {
    await expect(clientWith(() => ({ body: {} })).client.getFinding('x')).rejects.toBeInstanceOf(
      ZeroPathNotFoundError,
    );
    await expect(
      clientWith(() => ({ body: anIssue({ score: 'n/a' }) })).client.getFinding('x'),
    ).rejects.toBeInstanceOf(ZeroPathResponseError);
  });

  it('lists repositories with tags, reporting unusable rows', async () => {
    const { client, calls } = clientWith(() => ({
      body: [{ id: 'r1', repositoryName: 'acme/api', tags: ['pci', 'tier-1'] }, { repositoryName: 'no id' }],
    }));
    const result = await client.listRepositories();
    expect(result.repositories).toEqual([{ id: 'r1', name: 'acme/api', tags: ['pci', 'tier-1'] }]);
    expect(result.skipped).toHaveLength(1);
    expect(calls[0]?.body).toEqual({ organizationId: ORG_ID });
  });
});

describe('V2 writes through the operations the manifest publishes', () => {
  type Variant = Parameters<typeof renderManifest>[0];
  /** A ZeroPath that publishes `variant`'s manifest and answers every other call with `reply`. */
  function zeroPath(
    variant: Variant | object,
    reply: (call: RecordedCall) => FakeReply = () => ({ body: {} }),
  ) {
    return clientWith((call) => {
      if (call.path !== '/mcp-manifest.json') return reply(call);
      const manifest =
        typeof variant === 'string' ? renderManifest(variant, '2026-06-01T00:00:00.000Z') : variant;
      return manifest === undefined ? { status: 404, raw: 'Not Found' } : { body: manifest };
    });
  }
  const posts = (calls: RecordedCall[]) => calls.filter((c) => c.path !== '/mcp-manifest.json');

  it('reads the manifest once (GET, token headers, no body) and sends the status to the path it names', async () => {
    const { client, calls } = zeroPath('standard');
    await expect(client.updateStatus(['a', 'b'], 'ACCEPTED_RISK', 'Risk accepted in SEC-4')).resolves.toEqual(
      {
        via: 'v2',
        operation: 'issues.updateStatus',
        recordedAs: 'ACCEPTED_RISK',
        reasonSent: true,
      },
    );
    await client.updateStatus(['c'], 'RESOLVED');
    expect(calls[0]?.path).toBe('/mcp-manifest.json');
    expect(calls[0]?.init.method).toBe('GET');
    expect(calls[0]?.init.body).toBeUndefined();
    expect(calls[0]?.init.headers).toMatchObject({ 'X-ZeroPath-API-Token-Id': TOKEN_ID });
    expect(calls.filter((c) => c.path === '/mcp-manifest.json')).toHaveLength(1);
    expect(posts(calls).map((c) => c.path)).toEqual([
      '/api/v2/issues/updateStatus',
      '/api/v2/issues/updateStatus',
    ]);
    expect(posts(calls)[0]?.body).toEqual({
      organizationId: ORG_ID,
      issueIds: ['a', 'b'],
      status: 'ACCEPTED_RISK',
      reason: 'Risk accepted in SEC-4',
    });
  });

  it('follows a renamed path', async () => {
    const { client, calls } = zeroPath('renamed-path');
    await client.updateStatus(['a'], 'RESOLVED');
    expect(posts(calls)[0]?.path).toBe(RENAMED_PATHS.updateStatus);
  });

  it('honours a stricter schema: batches of its maxItems, a reason when required, cut to its maxLength', async () => {
    const { client, calls } = zeroPath('strict-schema');
    const ids = Array.from({ length: 23 }, (_, i) => `id-${i}`);
    await client.updateStatus(ids, 'RESOLVED');
    expect(posts(calls).map((c) => (c.body.issueIds as string[]).length)).toEqual([10, 10, 3]);
    expect(posts(calls)[0]?.body.reason).toBe(DEFAULT_REASON);
    await client.updateStatus(['a'], 'RESOLVED', 'x'.repeat(900));
    expect((posts(calls)[3]?.body.reason as string).length).toBe(500);
    await client.updateNotes('a', 'n'.repeat(1500));
    expect((posts(calls)[4]?.body.notes as string).length).toBe(1000);
  });

  it('never sends a body its schema rejects', async () => {
    const manifest = {
      version: 2,
      tools: [
        {
          name: 'issues.updateStatus',
          httpMethod: 'POST',
          httpPath: '/api/v2/issues/updateStatus',
          orgIdBehavior: 'required',
          inputSchema: {
            type: 'object',
            properties: {
              organizationId: { type: 'string' },
              issueIds: { type: 'array', items: { type: 'string', pattern: '^[0-9a-f-]{36}$' } },
              status: { type: 'string', enum: ['RESOLVED'] },
            },
            required: ['organizationId', 'issueIds', 'status'],
            additionalProperties: false,
          },
        },
      ],
    };
    const { client, calls } = zeroPath(manifest);
    const error = await caught(client.updateStatus(['not-a-uuid'], 'RESOLVED'));
    expect(error).toBeInstanceOf(ZeroPathSchemaRejectedError);
    expect(String(error)).toMatch(/issueIds\/0/);
    // No `reason` property in this schema: the reason stays in Jira rather than failing the body.
    await client.updateStatus(['3f6c2a1e-8d4b-4c7a-9e21-5b0d7f3a9c10'], 'RESOLVED', 'why');
    expect(posts(calls)).toHaveLength(1);
    expect(posts(calls)[0]?.body).toEqual({
      organizationId: ORG_ID,
      issueIds: ['3f6c2a1e-8d4b-4c7a-9e21-5b0d7f3a9c10'],
      status: 'RESOLVED',
    });
    await expect(client.updateStatus([], 'RESOLVED')).rejects.toThrow(/at least one/);
    await expect(client.updateStatus(['a'], 'DONE' as never)).rejects.toThrow(/not a ZeroPath V2 status/);
    expect(posts(calls)).toHaveLength(1);
  });

  it('without a status operation: V1 actions where one fits, otherwise refused without a request', async () => {
    const { client, calls } = zeroPath('no-status-operation');
    await expect(client.updateStatus(['a'], 'FALSE_POSITIVE', 'why')).resolves.toMatchObject({
      via: 'v1',
      operation: 'mark-false-positive',
      reasonSent: false,
    });
    await expect(client.updateStatus(['a'], 'REVIEWING')).resolves.toMatchObject({
      via: 'v1',
      operation: 'mark-true-positive',
    });
    // Accepted risk goes through the published archive operation, reason included.
    await expect(client.updateStatus(['a'], 'ACCEPTED_RISK', 'until Q3')).resolves.toMatchObject({
      via: 'v2',
      operation: 'issues.archive',
      reasonSent: true,
    });
    const refused = await caught(client.updateStatus(['a'], 'RESOLVED'));
    expect(refused).toBeInstanceOf(ZeroPathUnsupportedError);
    expect(String(refused)).toMatch(/publishes no status operation/);
    expect(posts(calls).map((c) => c.path)).toEqual([
      '/api/v1/issues/mark-false-positive',
      '/api/v1/issues/mark-true-positive',
      '/api/v2/issues/archive',
    ]);
    expect(posts(calls)[2]?.body).toEqual({ organizationId: ORG_ID, issueIds: ['a'], reason: 'until Q3' });
  });

  it('manifest unreachable: everything V2 is off; accepted risk becomes a V1 archive, notes are refused', async () => {
    const { client, calls } = zeroPath('unreachable');
    await expect(client.updateStatus(['a'], 'ACCEPTED_RISK')).resolves.toMatchObject({
      via: 'v1',
      operation: 'archive',
    });
    await expect(client.updateNotes('a', 'x')).rejects.toBeInstanceOf(ZeroPathUnsupportedError);
    expect((await client.capabilities()).problem).toMatch(/HTTP 404/);
    expect(posts(calls).map((c) => c.path)).toEqual(['/api/v1/issues/archive']);
  });

  it('V2 down: a status with a V1 action still reaches ZeroPath; one without stays retryable', async () => {
    const { client, calls } = zeroPath('standard', (call) =>
      call.path.startsWith('/api/v2/')
        ? {
            status: 503,
            body: { error: { message: 'down', code: 'SERVICE_UNAVAILABLE', requestId: 'req_9' } },
          }
        : { body: {} },
    );
    await expect(client.updateStatus(['a'], 'FALSE_POSITIVE')).resolves.toMatchObject({ via: 'v1' });
    await expect(client.updateStatus(['a'], 'RESOLVED')).rejects.toBeInstanceOf(ZeroPathUnavailableError);
    expect(posts(calls).map((c) => c.path)).toEqual([
      '/api/v2/issues/updateStatus',
      '/api/v1/issues/mark-false-positive',
      '/api/v2/issues/updateStatus',
    ]);
  });

  it('keeps discovered capabilities in the cache it is given, so the next client reads no manifest', async () => {
    let stored: CachedCapabilities | undefined;
    const cache = {
      read: () => Promise.resolve(stored),
      write: (v: CachedCapabilities) => Promise.resolve(void (stored = v)),
    };
    const fake = fakeFetch((call) =>
      call.path === '/mcp-manifest.json' ? { body: renderManifest('standard', 'now') ?? {} } : { body: {} },
    );
    const make = () =>
      createZeroPathClient({
        baseUrl: BASE_URL,
        tokenId: TOKEN_ID,
        tokenSecret: TOKEN_SECRET,
        organizationId: ORG_ID,
        fetch: fake.fetch,
        capabilityCache: cache,
      });
    await make().updateNotes('a', 'first');
    await make().updateNotes('a', 'second');
    expect(fake.calls.map((c) => c.path)).toEqual([
      '/mcp-manifest.json',
      '/api/v2/issues/updateNotes',
      '/api/v2/issues/updateNotes',
    ]);
    expect(stored?.operations.map((o) => o.name).sort()).toEqual([
      'issues.archive',
      'issues.list',
      'issues.updateNotes',
      'issues.updateStatus',
    ]);
  });

  it('orgIdBehavior none never sends organizationId; a bad manifest tool is dropped and named', async () => {
    const manifest = {
      version: 2,
      tools: [
        {
          name: 'issues.updateNotes',
          httpMethod: 'post',
          httpPath: '/api/v2/notes',
          orgIdBehavior: 'none',
          inputSchema: {
            type: 'object',
            properties: { issueId: { type: 'string' }, notes: { type: 'string' } },
            required: ['issueId', 'notes'],
          },
        },
        {
          name: 'issues.evil',
          httpMethod: 'POST',
          httpPath: 'https://elsewhere.example/api',
          inputSchema: {},
          orgIdBehavior: 'none',
        },
      ],
    };
    const { client, calls } = zeroPath(manifest);
    await client.updateNotes('a', 'hello');
    expect(posts(calls)[0]?.body).toEqual({ issueId: 'a', notes: 'hello' });
    expect((await client.capabilities()).rejected).toEqual(['issues.evil']);
  });
});

describe('error mapping', () => {
  const cases: [string, FakeReply, new (...args: never[]) => ZeroPathError, Record<string, unknown>][] = [
    [
      '401 with an expired token',
      { status: 401, body: { error: { message: 'JWT expired', code: 'UNAUTHORIZED' } } },
      ZeroPathAuthError,
      { expired: true },
    ],
    [
      '401 with bad credentials',
      { status: 401, body: { error: 'Unauthorized' } },
      ZeroPathAuthError,
      { expired: false },
    ],
    ['403', { status: 403, body: { message: 'No access to organization' } }, ZeroPathForbiddenError, {}],
    ['404', { status: 404, raw: 'Not Found' }, ZeroPathNotFoundError, {}],
    [
      '429 with Retry-After',
      { status: 429, headers: { 'Retry-After': '12' } },
      ZeroPathRateLimitedError,
      { retryAfterSeconds: 12 },
    ],
    ['429 without Retry-After', { status: 429 }, ZeroPathRateLimitedError, { retryAfterSeconds: 30 }],
    [
      '500 with an empty error',
      { status: 500, body: { error: '' } },
      ZeroPathUnavailableError,
      { status: 500 },
    ],
    ['503', { status: 503, raw: '<html>bad gateway</html>' }, ZeroPathUnavailableError, { status: 503 }],
    ['400', { status: 400, body: { error: 'pageSize too large' } }, ZeroPathRequestError, { status: 400 }],
    [
      'a 200 HTML page',
      { status: 200, raw: '<html><body>Sign in with Cloudflare Access</body></html>' },
      ZeroPathResponseError,
      {},
    ],
    ['a 200 with the wrong shape', { status: 200, body: { results: [] } }, ZeroPathResponseError, {}],
    ['a 302', { status: 302, raw: '' }, ZeroPathResponseError, {}],
  ];

  it.each(cases)('maps %s', async (_label, reply, type, fields) => {
    const { client } = clientWith(() => reply);
    const error = await caught(client.searchFindings({ page: 1, pageSize: 10 }));
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject(fields);
    expect((error as Error).message.length).toBeGreaterThan(20);
  });

  it('includes a short body snippet on a response error', async () => {
    const { client } = clientWith(() => ({ raw: `<html>${'x'.repeat(1000)}</html>` }));
    const error = (await caught(client.searchFindings({ page: 1, pageSize: 10 }))) as ZeroPathResponseError;
    expect(error.bodySnippet.startsWith('<html>')).toBe(true);
    expect(error.bodySnippet.length).toBeLessThanOrEqual(201);
    expect(error.message).toContain('not JSON');
  });

  it('maps the Forge egress refusal to ZeroPathEgressError naming the host', async () => {
    const client = clientWithFetch((url) => Promise.reject(new ExternalEndpointNotAllowedError(url)));
    const error = await caught(client.listOrganizations());
    expect(error).toBeInstanceOf(ZeroPathEgressError);
    expect(error).toMatchObject({ host: 'acme.branch.zeropath.com' });
  });

  it('maps network failures and timeouts to ZeroPathUnavailableError', async () => {
    const refused = clientWithFetch(() => Promise.reject(new TypeError('fetch failed: ECONNREFUSED')));
    await expect(refused.listOrganizations()).rejects.toThrow(/network error.*ECONNREFUSED/);
    const timeout = Object.assign(new Error('The operation was aborted due to timeout'), {
      name: 'TimeoutError',
    });
    const slow = clientWithFetch(() => Promise.reject(timeout));
    await expect(slow.listOrganizations()).rejects.toThrow(/within 15 s/);
  });

  it('aborts a request that exceeds the timeout', async () => {
    const hang: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error));
      });
    const client = createZeroPathClient({
      baseUrl: BASE_URL,
      tokenId: TOKEN_ID,
      tokenSecret: TOKEN_SECRET,
      fetch: hang,
      timeoutMs: 20,
    });
    await expect(client.listOrganizations()).rejects.toBeInstanceOf(ZeroPathUnavailableError);
  });

  it('parses Retry-After given as an HTTP date', () => {
    const now = Date.parse('2026-05-01T10:00:00Z');
    expect(parseRetryAfterSeconds('Fri, 01 May 2026 10:00:45 GMT', now)).toBe(45);
    expect(parseRetryAfterSeconds('soon', now)).toBeUndefined();
  });
});

describe('the token secret never leaks', () => {
  const echo = (status: number): FakeReply => ({
    status,
    raw: `{"error":"bad secret ${TOKEN_SECRET}"} X-ZeroPath-API-Token-Secret: ${TOKEN_SECRET}`,
  });

  it.each([401, 403, 400, 404, 429, 500, 200])(
    'not in the error for HTTP %i even when the body echoes it',
    async (status) => {
      const { client } = clientWith(() => echo(status));
      const error = await caught(client.searchFindings({ page: 1, pageSize: 10 }));
      expect(error).toBeInstanceOf(ZeroPathError);
      expectNoSecret(error);
    },
  );

  it('not in a network error that quotes it', async () => {
    const client = clientWithFetch(() =>
      Promise.reject(new Error(`socket hang up (header ${TOKEN_SECRET})`)),
    );
    const error = await caught(client.listOrganizations());
    expect(error).toBeInstanceOf(ZeroPathUnavailableError);
    expectNoSecret(error);
  });

  it('not in a configuration error', () => {
    let error: unknown;
    try {
      createZeroPathClient({
        baseUrl: 'ftp://zeropath.com',
        tokenId: TOKEN_ID,
        tokenSecret: TOKEN_SECRET,
        fetch: () => Promise.reject(new Error('unused')),
      });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ZeroPathRequestError);
    expect((error as Error).message).toContain('baseUrl');
    expectNoSecret(error);
  });

  it('is not logged', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      jest.spyOn(console, level).mockImplementation(() => undefined),
    );
    const { client } = clientWith(() => echo(401));
    await caught(client.listOrganizations());
    for (const spy of spies) {
      for (const args of spy.mock.calls) expect(inspect(args)).not.toContain(TOKEN_SECRET);
      spy.mockRestore();
    }
  });
});

describe('configuration', () => {
  it('allows plain http only on loopback (the local simulators)', () => {
    const make = (baseUrl: string) => () =>
      createZeroPathClient({
        baseUrl,
        tokenId: TOKEN_ID,
        tokenSecret: TOKEN_SECRET,
        fetch: () => Promise.reject(new Error('unused')),
      });
    expect(make('http://127.0.0.1:4010')).not.toThrow();
    expect(make('http://zeropath.com')).toThrow(ZeroPathRequestError);
    expect(make('not a url')).toThrow(/baseUrl/);
  });

  it('refuses organization-scoped calls without an organization', async () => {
    const { client, calls } = clientWith(() => ({ body: [] }), null);
    await expect(client.listRepositories()).rejects.toThrow(/No ZeroPath organization/);
    await expect(client.updateStatus(['a'], 'RESOLVED')).rejects.toThrow(/No ZeroPath organization/);
    await expect(client.listOrganizations()).resolves.toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it('validates paging and empty filters', async () => {
    const { client, calls } = clientWith(() => ({ body: { issues: [], totalCount: 0 } }));
    await expect(client.searchFindings({ page: 0, pageSize: 10 })).rejects.toThrow(/page must/);
    await expect(client.searchFindings({ page: 1, pageSize: 501 })).rejects.toThrow(/pageSize/);
    await expect(client.searchFindings({ page: 1, pageSize: 10, statuses: [] })).rejects.toThrow(
      /statuses filter is empty/,
    );
    await expect(
      client.searchFindings({ page: 1, pageSize: 10, scoreRange: { min: 50, max: 10 } }),
    ).rejects.toThrow(/scoreRange/);
    expect(calls).toHaveLength(0);
  });
});

describe('paging', () => {
  const many = (count: number): WireIssue[] =>
    Array.from({ length: count }, (_, i) =>
      anIssue({
        id: `f-${String(i).padStart(3, '0')}`,
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
      }),
    );

  it('searchAll reads every page and stops at totalCount', async () => {
    const issues = many(7);
    const { client, calls } = clientWith(searchHandler(() => issues));
    const ids: string[] = [];
    for await (const page of client.searchAll({ pageSize: 3, sortBy: 'createdAt', sortOrder: 'asc' })) {
      ids.push(...page.findings.map((f) => f.id));
    }
    expect(ids).toEqual(issues.map((i) => i.id));
    expect(calls.map((c) => c.body.page)).toEqual([1, 2, 3]);
  });

  it('searchAll stops on a short page even if totalCount overstates', async () => {
    const { client, calls } = clientWith(() => ({ body: { issues: many(2), totalCount: 100 } }));
    const pages = [];
    for await (const page of client.searchAll({ pageSize: 3 })) pages.push(page);
    expect(pages).toHaveLength(1);
    expect(calls).toHaveLength(1);
  });
});

describe('readChangesSince', () => {
  const at = (minute: number, second = 0): string =>
    new Date(Date.UTC(2026, 4, 1, 12, minute, second)).toISOString();
  const issue = (id: string, updatedAt: string): WireIssue => anIssue({ id, updatedAt, createdAt: at(0) });

  it('returns everything and a cursor on the first run', async () => {
    const issues = [issue('a', at(1)), issue('b', at(2)), issue('c', at(2))];
    const { client } = clientWith(searchHandler(() => issues));
    const result = await client.readChangesSince(null, { pageSize: 2 });
    expect(result.changes.map((f) => f.id).sort()).toEqual(['a', 'b', 'c']);
    expect(result.cursor).toEqual({ updatedAt: at(2), idsAtUpdatedAt: expect.arrayContaining(['b', 'c']) });
    expect(result.cursor?.idsAtUpdatedAt).toHaveLength(2);
  });

  it('reads only until it passes the cursor, so cost follows the number of changes', async () => {
    const issues = Array.from({ length: 50 }, (_, i) => issue(`old-${i}`, at(1)));
    issues.push(issue('new-1', at(5)), issue('new-2', at(6)));
    const { client, calls } = clientWith(searchHandler(() => issues));
    const result = await client.readChangesSince({ updatedAt: at(4), idsAtUpdatedAt: [] }, { pageSize: 5 });
    expect(result.changes.map((f) => f.id)).toEqual(['new-2', 'new-1']);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.body).toMatchObject({ sortBy: 'updatedAt', sortOrder: 'desc', page: 1, pageSize: 5 });
    expect(result.cursor).toEqual({ updatedAt: at(6), idsAtUpdatedAt: ['new-2'] });
  });

  it('handles equal timestamps at the cursor with the id tie-break set', async () => {
    // b and c share a timestamp; only b was processed last time. d arrives later with the same timestamp.
    const issues = [issue('a', at(1)), issue('b', at(2)), issue('c', at(2)), issue('d', at(2))];
    const { client } = clientWith(searchHandler(() => issues));
    const result = await client.readChangesSince(
      { updatedAt: at(2), idsAtUpdatedAt: ['b'] },
      { pageSize: 1 },
    );
    expect(result.changes.map((f) => f.id).sort()).toEqual(['c', 'd']);
    expect(result.cursor?.updatedAt).toBe(at(2));
    expect([...(result.cursor?.idsAtUpdatedAt ?? [])].sort()).toEqual(['b', 'c', 'd']);

    const again = await client.readChangesSince(result.cursor, { pageSize: 1 });
    expect(again.changes).toEqual([]);
    expect(again.cursor).toEqual(result.cursor);
  });

  it('compares timestamps as instants, not strings', async () => {
    const issues = [anIssue({ id: 'z', updatedAt: '2026-05-01T14:00:00+02:00' })];
    const { client } = clientWith(searchHandler(() => issues));
    const result = await client.readChangesSince({
      updatedAt: '2026-05-01T12:00:00.000Z',
      idsAtUpdatedAt: ['z'],
    });
    expect(result.changes).toEqual([]);
  });

  it('reports skipped findings and still advances over the good ones', async () => {
    const issues = [issue('good', at(3)), anIssue({ id: 'bad', updatedAt: at(4), score: null })];
    const { client } = clientWith(searchHandler(() => issues));
    const result = await client.readChangesSince({ updatedAt: at(1), idsAtUpdatedAt: [] });
    expect(result.changes.map((f) => f.id)).toEqual(['good']);
    expect(result.skipped).toEqual([{ id: 'bad', reason: expect.stringContaining('score') }]);
    expect(result.cursor?.updatedAt).toBe(at(3));
  });
});
