import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { callZeroPath } from './zeropath-test-client';
import { DEMO_TOKEN_ID, startZeroPathSim, type ZeroPathSim } from './zeropath-sim';

const SEARCH = '/api/v1/issues/search';

describe('ZeroPath simulator faults on demand (429 / 5xx / non-JSON / latency)', () => {
  let zp: ZeroPathSim;
  const search = () => callZeroPath(zp.url, SEARCH, { organizationId: zp.organizationId, pageSize: 1 });

  beforeAll(async () => {
    zp = await startZeroPathSim({ findings: 10 });
  });
  afterAll(() => zp.close());
  beforeEach(() => {
    zp.control.clearFaults();
    zp.requestLog.clear();
  });

  it('answers 429 with Retry-After the given number of times, then normally, and logs both', async () => {
    zp.control.injectFault(SEARCH, { status: 429, retryAfter: 3, times: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await search();
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('3');
      expect(res.json).toEqual({ error: 'Too Many Requests' });
    }
    expect((await search()).status).toBe(200);
    expect(zp.requestLog.entries.map((entry) => entry.status)).toEqual([429, 429, 200]);
    expect(zp.requestLog.entries[0]?.tokenId).toBe(DEMO_TOKEN_ID);
  });

  it('answers 500 with the SEEN empty-message body and 503 with a JSON message', async () => {
    zp.control.injectFault(SEARCH, { status: 500 });
    zp.control.injectFault(SEARCH, { status: 503 });
    expect(await search()).toEqual(expect.objectContaining({ status: 500, json: { error: '' } }));
    expect(await search()).toEqual(
      expect.objectContaining({ status: 503, json: { error: 'Service Unavailable' } }),
    );
  });

  it('answers HTML instead of JSON: a 502 proxy page, or a 200 access-gateway page', async () => {
    zp.control.injectFault(SEARCH, { status: 502, nonJson: true });
    zp.control.injectFault(SEARCH, { status: 200, nonJson: true });
    const proxy = await search();
    expect([proxy.status, proxy.json, proxy.headers.get('content-type')]).toEqual([
      502,
      undefined,
      'text/html; charset=utf-8',
    ]);
    expect(proxy.text).toContain('<title>502 Bad Gateway</title>');
    const gateway = await search();
    expect([gateway.status, gateway.json]).toEqual([200, undefined]);
    expect(gateway.text).toContain('Sign in to continue');
  });

  it("'always' faults every path under '*' until cleared; faults do not leak to other paths", async () => {
    zp.control.injectFault('/api/v1/issues/get', { status: 503, times: 'always' });
    expect((await search()).status).toBe(200);
    zp.control.injectFault('*', { status: 502, times: 'always' });
    for (let i = 0; i < 3; i++) expect((await search()).status).toBe(502);
    zp.control.clearFaults();
    expect((await search()).status).toBe(200);
  });

  it('delays the answer by latencyMs and then answers normally', async () => {
    zp.control.injectFault(SEARCH, { latencyMs: 150 });
    const started = Date.now();
    expect((await search()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('rejects a malformed fault with a clear error', () => {
    expect(() => zp.control.injectFault('api/v1/x', { status: 500 })).toThrow(/must start with '\/'/);
    expect(() => zp.control.injectFault(SEARCH, { status: 500, times: 0 })).toThrow(/times must be ≥ 1/);
  });
});

describe('ZeroPath simulator HTTP control API under /__sim/', () => {
  let zp: ZeroPathSim;
  const control = (method: string, path: string, body?: unknown) =>
    callZeroPath(zp.url, `/__sim/${path}`, body, { credentials: 'none', method });

  beforeAll(async () => {
    zp = await startZeroPathSim({ findings: 30, now: '2026-06-05T00:00:00.000Z' });
  });
  afterAll(() => zp.close());

  it('reports state, and adds findings that the API then serves, without logging control calls', async () => {
    zp.requestLog.clear();
    const state = await control('GET', 'state');
    expect(state.json).toEqual(
      expect.objectContaining({ now: '2026-06-05T00:00:00.000Z', findingCount: 30 }),
    );
    const added = await control('POST', 'findings', { count: 2 });
    expect(added.status).toBe(201);
    const newIds = (added.json as { ids: string[] }).ids;
    const search = await callZeroPath(zp.url, SEARCH, {
      organizationId: zp.organizationId,
      sortBy: 'createdAt',
      sortOrder: 'desc',
      pageSize: 2,
    });
    expect((search.json as { issues: Array<{ id: string }> }).issues.map((i) => i.id).sort()).toEqual(
      [...newIds].sort(),
    );
    expect(zp.requestLog.entries.map((entry) => entry.path)).toEqual([SEARCH]);
  });

  it('adds a finding from a partial, triages it, patches it, and shows its history', async () => {
    const repoId = zp.state.repositories()[0]?.id ?? '';
    const added = await control('POST', 'findings', {
      findings: [
        {
          id: '11111111-2222-4333-8444-555555555555',
          repositoryId: repoId,
          score: 97,
          vulnCategory: 'SAST',
          generatedTitle: 'RCE in upload',
        },
      ],
    });
    expect(added.json).toEqual({ ids: ['11111111-2222-4333-8444-555555555555'] });
    const id = '11111111-2222-4333-8444-555555555555';
    // The generated content fits the requested category (no secrets snippet under a SAST label).
    expect(zp.state.finding(id)?.cwes).not.toEqual(['CWE-798']);
    const secret = (await control('POST', 'findings', { findings: [{ vulnCategory: 'SECRETS' }] })).json as {
      ids: string[];
    };
    expect(zp.state.finding(secret.ids[0] ?? '')?.vulnClass).toBe('Hardcoded Secret');
    expect(zp.state.secretValues().length).toBeGreaterThan(0);
    expect(
      (
        await control('POST', `findings/${id}/status`, {
          status: 'FALSE_POSITIVE',
          reason: 'test fixture',
          by: 'alice',
        })
      ).status,
    ).toBe(200);
    expect((await control('PATCH', `findings/${id}`, { sastCodeSegment: 'eval(request.body)' })).status).toBe(
      200,
    );
    const detail = await control('GET', `findings/${id}`);
    expect(detail.json).toEqual({
      issue: expect.objectContaining({
        id,
        status: 'falsePositive',
        score: 97,
        generatedTitle: 'RCE in upload',
        sastCodeSegment: 'eval(request.body)',
        url: `https://zeropath.com/app/issues/${id}`,
      }),
      v2Status: 'FALSE_POSITIVE',
      notes: null,
      statusHistory: [
        expect.objectContaining({
          from: expect.any(String),
          to: 'FALSE_POSITIVE',
          by: 'alice',
          reason: 'test fixture',
        }),
      ],
    });
  });

  it('manages tokens, orgs, repositories with tags, faults, the clock and the request log', async () => {
    const org = (await control('POST', 'orgs', { name: 'Initech' })).json as { id: string };
    expect((await control('POST', 'tokens', { id: 'tok-2', secret: 'sec-2', orgIds: [org.id] })).status).toBe(
      201,
    );
    const orgs = await callZeroPath(
      zp.url,
      '/api/v1/orgs/list',
      {},
      { credentials: { id: 'tok-2', secret: 'sec-2' } },
    );
    expect(orgs.json).toEqual([{ id: org.id, name: 'Initech' }]);
    const repo = (
      await control('POST', 'repositories', { name: 'initech/tps', tags: ['legacy'], organizationId: org.id })
    ).json as { id: string };
    expect(
      (
        (await control('PUT', `repositories/${repo.id}/tags`, { tags: ['legacy', 'pci'] })).json as {
          tags: string[];
        }
      ).tags,
    ).toEqual(['legacy', 'pci']);
    expect((await control('POST', 'faults', { path: SEARCH, status: 429, retryAfter: 1 })).status).toBe(201);
    expect((await callZeroPath(zp.url, SEARCH, { organizationId: zp.organizationId })).status).toBe(429);
    expect((await control('DELETE', 'faults')).status).toBe(204);
    expect(((await control('POST', 'clock', { advanceMs: 60_000 })).json as { now: string }).now).toBe(
      '2026-06-05T00:01:00.000Z',
    );
    const log = (await control('GET', 'requests')).json as Array<{ path: string; status: number }>;
    expect(log.at(-1)).toEqual(expect.objectContaining({ path: SEARCH, status: 429 }));
    expect((await control('DELETE', 'requests')).status).toBe(204);
    expect(zp.requestLog.entries).toHaveLength(0);
  });

  it('answers 400 with the field for bad control input and 404 for unknown findings', async () => {
    const bad = await control('POST', 'findings/whatever/status', { status: 'DONE' });
    expect([bad.status, (bad.json as { error: string }).error]).toEqual([
      400,
      expect.stringMatching(/^status: /),
    ]);
    const unknown = await control('POST', 'findings/nope/status', { status: 'RESOLVED' });
    expect([unknown.status, unknown.json]).toEqual([404, { error: 'Issue not found' }]);
    expect((await control('PATCH', 'findings/nope', { bogusField: 1 })).status).toBe(400);
    expect((await control('POST', 'findings', { count: 1, findings: [] })).status).toBe(400);
    expect((await control('GET', 'findings/nope')).status).toBe(404);
  });
});

describe('standalone: npm run sim:zeropath -- --port N', () => {
  it('starts, prints its URL and demo credentials, and serves the API', async () => {
    const cli = join(__dirname, 'zeropath-sim-cli.ts');
    const tsx = join(__dirname, '..', '..', '..', 'node_modules', '.bin', 'tsx');
    const child = spawn(tsx, [cli, '--port', '0', '--findings', '5'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /listening on (http:\/\/\S+)/.exec(out);
          if (match?.[1] !== undefined && out.includes('Token-Secret')) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`simulator exited early with ${String(code)}`)));
      });
      const orgs = await callZeroPath(url, '/api/v1/orgs/list', {});
      expect(orgs.json).toEqual([expect.objectContaining({ name: 'Acme Corp' })]);
    } finally {
      child.kill('SIGTERM');
    }
  }, 30_000);
});
