import { callZeroPath } from './zeropath-test-client';
import { DEMO_TOKEN_ID, DEMO_TOKEN_SECRET, startZeroPathSim, type ZeroPathSim } from './zeropath-sim';

describe('ZeroPath simulator: auth, organisations, org scoping (reference §1.1, §1.3, §1.4)', () => {
  let zp: ZeroPathSim;
  let otherOrgId: string;

  beforeAll(async () => {
    zp = await startZeroPathSim({ findings: 20, now: '2026-06-10T12:00:00.000Z' });
    otherOrgId = zp.control.addOrg({ name: 'Globex' }).id;
    zp.control.addToken({
      id: 'expiring',
      secret: 's3cret-expiring',
      expiresAt: '2026-06-11T00:00:00.000Z',
      orgIds: [zp.organizationId],
    });
    zp.control.addToken({ id: 'globex-only', secret: 's3cret-globex', orgIds: [otherOrgId] });
  });
  afterAll(() => zp.close());
  beforeEach(() => zp.requestLog.clear());

  const unauthorized = { error: 'Unauthorized' };

  it.each([
    ['no headers', 'none' as const],
    ['wrong secret', { id: DEMO_TOKEN_ID, secret: 'nope' }],
    ['unknown token id', { id: 'who', secret: DEMO_TOKEN_SECRET }],
  ])('answers 401 {"error":"Unauthorized"} for %s', async (_name, credentials) => {
    const res = await callZeroPath(zp.url, '/api/v1/orgs/list', {}, { credentials });
    expect(res.status).toBe(401);
    expect(res.json).toEqual(unauthorized);
  });

  it('answers 401 when only one of the two headers is sent', async () => {
    const res = await callZeroPath(
      zp.url,
      '/api/v1/issues/search',
      { organizationId: zp.organizationId },
      {
        credentials: 'none',
        headers: { 'X-ZeroPath-API-Token-Id': DEMO_TOKEN_ID },
      },
    );
    expect(res.status).toBe(401);
    expect(res.json).toEqual(unauthorized);
  });

  it('answers a distinct 401 TOKEN_EXPIRED once the token has expired', async () => {
    const credentials = { id: 'expiring', secret: 's3cret-expiring' };
    expect((await callZeroPath(zp.url, '/api/v1/orgs/list', {}, { credentials })).status).toBe(200);
    zp.control.advanceTime(24 * 3_600_000);
    const res = await callZeroPath(zp.url, '/api/v1/orgs/list', {}, { credentials });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error: { message: 'API token expired', code: 'TOKEN_EXPIRED' } });
    zp.control.setTime('2026-06-10T12:00:00.000Z');
  });

  it('lists only the organisations the token can see, as a bare array, with searchQuery', async () => {
    const demo = await callZeroPath(zp.url, '/api/v1/orgs/list', {});
    expect(demo.json).toEqual([{ id: zp.organizationId, name: 'Acme Corp', role: 'admin' }]);
    const globex = await callZeroPath(
      zp.url,
      '/api/v1/orgs/list',
      {},
      { credentials: { id: 'globex-only', secret: 's3cret-globex' } },
    );
    expect(globex.json).toEqual([{ id: otherOrgId, name: 'Globex' }]);
    expect((await callZeroPath(zp.url, '/api/v1/orgs/list', { searchQuery: 'acme' })).json).toHaveLength(1);
    expect((await callZeroPath(zp.url, '/api/v1/orgs/list', { searchQuery: 'initech' })).json).toEqual([]);
  });

  it('answers 403 when the token has no access to organizationId (known or not)', async () => {
    for (const organizationId of [otherOrgId, 'no-such-org']) {
      const res = await callZeroPath(zp.url, '/api/v1/issues/search', { organizationId });
      expect(res.status).toBe(403);
      expect(res.json).toEqual({
        error: `Forbidden: this API token has no access to organization ${organizationId}`,
      });
    }
    const globex = await callZeroPath(
      zp.url,
      '/api/v1/repositories/list',
      { organizationId: zp.organizationId },
      {
        credentials: { id: 'globex-only', secret: 's3cret-globex' },
      },
    );
    expect(globex.status).toBe(403);
  });

  it('answers 400 naming the field when organizationId is missing', async () => {
    const res = await callZeroPath(zp.url, '/api/v1/issues/search', {});
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: expect.stringMatching(/^Invalid request: organizationId: /) });
  });

  it('answers 400 for a non-JSON body, 404 for unknown paths, 405 for GET on a POST route', async () => {
    const bad = await callZeroPath(zp.url, '/api/v1/issues/search', undefined, { rawBody: '{not json' });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ error: 'Invalid JSON body' });
    expect((await callZeroPath(zp.url, '/api/v1/nothing', {})).status).toBe(404);
    expect((await callZeroPath(zp.url, '/api/v1/issues/search', undefined, { method: 'GET' })).status).toBe(
      405,
    );
  });

  it('logs method, path, body, status and token id, never the secret', async () => {
    await callZeroPath(zp.url, '/api/v1/orgs/list', { searchQuery: 'acme' });
    await callZeroPath(
      zp.url,
      '/api/v1/orgs/list',
      {},
      { credentials: { id: DEMO_TOKEN_ID, secret: 'wrong-secret-value' } },
    );
    expect(zp.requestLog.entries).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/api/v1/orgs/list',
        body: { searchQuery: 'acme' },
        tokenId: DEMO_TOKEN_ID,
        status: 200,
        at: Date.parse('2026-06-10T12:00:00.000Z'),
      }),
      expect.objectContaining({ tokenId: DEMO_TOKEN_ID, status: 401 }),
    ]);
    const logged = JSON.stringify(zp.requestLog.entries);
    expect(logged).not.toContain(DEMO_TOKEN_SECRET);
    expect(logged).not.toContain('wrong-secret-value');
    zp.requestLog.clear();
    expect(zp.requestLog.entries).toHaveLength(0);
  });
});
