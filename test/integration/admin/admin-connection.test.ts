import { startHarness, type Harness } from '../harness';
import { adminEndpoints } from '../../../src/contract/admin';
import { storeKeys } from '../../../src/infra/store/store-keys';
import { DEMO_TOKEN_ID, DEMO_TOKEN_SECRET } from '../../sim/zeropath/zeropath-sim';
import { callAdmin, expectError, expectValue, kvsSnapshot } from './admin-test-kit';

const DAY_MS = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('admin page: connect ZeroPath', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.close();
  });

  it('connects with a token that sees one organisation and stores the secret only in the secret store', async () => {
    const result = await expectValue(harness, adminEndpoints.connect, {
      tokenId: DEMO_TOKEN_ID,
      tokenSecret: DEMO_TOKEN_SECRET,
    });

    expect(result).toEqual({
      status: 'connected',
      connection: expect.objectContaining({
        configured: true,
        baseUrl: 'https://zeropath.com',
        tokenIdHint: DEMO_TOKEN_ID.slice(-4),
        organization: { id: harness.zeropath.organizationId, name: 'Acme Corp' },
        expiry: { state: 'unknown' },
      }),
    });
    expect(harness.runtime.kvs.getSecret(storeKeys.credentials)).toEqual({
      tokenId: DEMO_TOKEN_ID,
      tokenSecret: DEMO_TOKEN_SECRET,
    });
    expect(JSON.stringify(harness.runtime.kvs.entries())).not.toContain(DEMO_TOKEN_SECRET);
    const view = await expectValue(harness, adminEndpoints.getConnection, {});
    expect(view.configured).toBe(true);
    expect(harness.secretGuard.scanned).toBeGreaterThanOrEqual(2);
  });

  it('shows the expiry the admin entered and warns when it is near', async () => {
    const soon = isoDate(Date.now() + 5 * DAY_MS);
    const result = await expectValue(harness, adminEndpoints.connect, {
      tokenId: DEMO_TOKEN_ID,
      tokenSecret: DEMO_TOKEN_SECRET,
      tokenExpiresOn: soon,
    });
    expect(result.status === 'connected' && result.connection.expiry).toEqual({
      state: 'expiring-soon',
      expiresAt: `${soon}T23:59:59.000Z`,
      daysLeft: expect.any(Number),
    });
  });

  it('asks the admin to pick an organisation when the token sees several, storing nothing until then', async () => {
    const globex = harness.zeropath.control.addOrg({ name: 'Globex' });
    harness.zeropath.control.addToken({
      id: 'multi-org-token',
      secret: 'multi-org-secret-value',
      orgIds: [harness.zeropath.organizationId, globex.id],
    });
    const before = kvsSnapshot(harness);

    const first = await expectValue(harness, adminEndpoints.connect, {
      tokenId: 'multi-org-token',
      tokenSecret: 'multi-org-secret-value',
    });
    expect(first).toEqual({
      status: 'choose-organization',
      organizations: expect.arrayContaining([
        expect.objectContaining({ id: globex.id, name: 'Globex' }),
        expect.objectContaining({ id: harness.zeropath.organizationId, name: 'Acme Corp' }),
      ]),
    });
    expect(kvsSnapshot(harness)).toEqual(before);

    const second = await expectValue(harness, adminEndpoints.connect, {
      tokenId: 'multi-org-token',
      tokenSecret: 'multi-org-secret-value',
      organizationId: globex.id,
    });
    expect(second.status === 'connected' && second.connection.organization).toEqual({ id: globex.id, name: 'Globex' });

    const unknown = await expectError(harness, adminEndpoints.connect, {
      tokenId: 'multi-org-token',
      tokenSecret: 'multi-org-secret-value',
      organizationId: 'not-an-org-of-this-token',
    });
    expect(unknown.fieldErrors?.['organizationId']).toMatch(/cannot see the chosen organisation/);
  });

  it('connects to a single-tenant host the egress allows, and refuses others before any call', async () => {
    const tenant = await expectValue(harness, adminEndpoints.connect, {
      tokenId: DEMO_TOKEN_ID,
      tokenSecret: DEMO_TOKEN_SECRET,
      baseUrl: 'https://acme.branch.zeropath.com/',
    });
    expect(tenant.status === 'connected' && tenant.connection.baseUrl).toBe('https://acme.branch.zeropath.com');

    harness.zeropath.requestLog.clear();
    const before = kvsSnapshot(harness);
    for (const [baseUrl, message] of [
      ['https://zeropath.evil.example', /only call zeropath.com/],
      ['http://zeropath.com', /must start with https/],
      ['https://notzeropath.com', /only call zeropath.com/],
      ['https://zeropath.com/api/v1', /without a path/],
      ['zeropath.com', /full URL/],
    ] as const) {
      const error = await expectError(harness, adminEndpoints.connect, {
        tokenId: DEMO_TOKEN_ID,
        tokenSecret: DEMO_TOKEN_SECRET,
        baseUrl,
      });
      expect(error.kind).toBe('invalid_input');
      expect(error.fieldErrors?.['baseUrl']).toMatch(message);
    }
    expect(harness.zeropath.requestLog.entries).toHaveLength(0);
    expect(kvsSnapshot(harness)).toEqual(before);
  });

  describe('each failure says what happened and what to do, and changes nothing', () => {
    beforeEach(async () => {
      await expectValue(harness, adminEndpoints.connect, { tokenId: DEMO_TOKEN_ID, tokenSecret: DEMO_TOKEN_SECRET });
    });

    async function expectRefusedConnect(payload: Parameters<typeof callAdmin>[2]) {
      const before = kvsSnapshot(harness);
      const result = await callAdmin(harness, adminEndpoints.connect, payload as never);
      expect(result.ok).toBe(false);
      expect(kvsSnapshot(harness)).toEqual(before);
      return (result as { ok: false; error: { kind: string; message: string; fieldErrors?: Record<string, string>; retryAfterSeconds?: number } }).error;
    }

    it('wrong credentials', async () => {
      const error = await expectRefusedConnect({ tokenId: DEMO_TOKEN_ID, tokenSecret: 'not-the-secret' });
      expect(error.kind).toBe('invalid_input');
      expect(error.message).toMatch(/did not accept this token id and secret.*Copy both again/);
      expect(error.fieldErrors).toHaveProperty('tokenSecret');
    });

    it('expired token (ZeroPath answers TOKEN_EXPIRED)', async () => {
      harness.zeropath.control.addToken({
        id: 'old-token',
        secret: 'old-token-secret',
        expiresAt: new Date(Date.now() - DAY_MS).toISOString(),
        orgIds: [harness.zeropath.organizationId],
      });
      const error = await expectRefusedConnect({ tokenId: 'old-token', tokenSecret: 'old-token-secret' });
      expect(error.message).toMatch(/has expired.*Create a new token/);
    });

    it('an expiry date already past', async () => {
      const error = await expectRefusedConnect({
        tokenId: DEMO_TOKEN_ID,
        tokenSecret: DEMO_TOKEN_SECRET,
        tokenExpiresOn: isoDate(Date.now() - 2 * DAY_MS),
      });
      expect(error.fieldErrors?.['tokenExpiresOn']).toMatch(/has expired on \d{4}-\d{2}-\d{2}/);
    });

    it('token without organisation access', async () => {
      harness.zeropath.control.addToken({ id: 'no-org-token', secret: 'no-org-secret', orgIds: [] });
      const error = await expectRefusedConnect({ tokenId: 'no-org-token', tokenSecret: 'no-org-secret' });
      expect(error.message).toMatch(/no access to a ZeroPath organisation.*organisation \(admin\) API token/);
    });

    it('ZeroPath unreachable', async () => {
      harness.zeropath.control.injectFault('/api/v1/orgs/list', { status: 503 });
      const error = await expectRefusedConnect({ tokenId: DEMO_TOKEN_ID, tokenSecret: DEMO_TOKEN_SECRET });
      expect(error.kind).toBe('upstream');
      expect(error.message).toMatch(/could not be reached.*HTTP 503.*try again in a few minutes/);
    });

    it('ZeroPath answering with a sign-in page', async () => {
      harness.zeropath.control.injectFault('/api/v1/orgs/list', { status: 200, nonJson: true });
      const error = await expectRefusedConnect({ tokenId: DEMO_TOKEN_ID, tokenSecret: DEMO_TOKEN_SECRET });
      expect(error.message).toMatch(/did not answer like the ZeroPath API/);
    });

    it('ZeroPath rate limiting', async () => {
      harness.zeropath.control.injectFault('/api/v1/orgs/list', { status: 429, retryAfter: 7 });
      const error = await expectRefusedConnect({ tokenId: DEMO_TOKEN_ID, tokenSecret: DEMO_TOKEN_SECRET });
      expect(error).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 7 });
      expect(error.message).toMatch(/rate limiting.*Wait 7 seconds/);
    });

    it('host not allowed', async () => {
      const error = await expectRefusedConnect({
        tokenId: DEMO_TOKEN_ID,
        tokenSecret: DEMO_TOKEN_SECRET,
        baseUrl: 'https://example.com',
      });
      expect(error.fieldErrors?.['baseUrl']).toMatch(/only call zeropath.com or a <tenant>.branch.zeropath.com host/);
    });
  });

  it('tests the stored connection, and reports an expired token with its known expiry', async () => {
    const expiresAt = new Date(Date.now() + 30 * DAY_MS);
    harness.zeropath.control.addToken({
      id: 'month-token',
      secret: 'month-token-secret',
      expiresAt: expiresAt.toISOString(),
      orgIds: [harness.zeropath.organizationId],
    });
    await expectValue(harness, adminEndpoints.connect, {
      tokenId: 'month-token',
      tokenSecret: 'month-token-secret',
      tokenExpiresOn: isoDate(expiresAt.getTime()),
    });
    const tested = await expectValue(harness, adminEndpoints.testConnection, {});
    expect(tested.organization).toEqual({ id: harness.zeropath.organizationId, name: 'Acme Corp' });

    harness.zeropath.control.advanceTime(31 * DAY_MS);
    const error = await expectError(harness, adminEndpoints.testConnection, {});
    expect(error.message).toMatch(new RegExp(`has expired on ${isoDate(expiresAt.getTime())}`));
  });

  it('says "not connected" when testing before connecting', async () => {
    const error = await expectError(harness, adminEndpoints.testConnection, {});
    expect(error.kind).toBe('not_connected');
  });

  it('rotates the token after validating the new one, keeping the organisation', async () => {
    const globex = harness.zeropath.control.addOrg({ name: 'Globex' });
    harness.zeropath.control.addToken({ id: 'first-token-0001', secret: 'first-secret', orgIds: [globex.id] });
    harness.zeropath.control.addToken({
      id: 'second-token-0002',
      secret: 'second-secret',
      orgIds: [harness.zeropath.organizationId, globex.id],
    });
    harness.zeropath.control.addToken({ id: 'acme-only-token', secret: 'acme-only-secret', orgIds: [harness.zeropath.organizationId] });
    await expectValue(harness, adminEndpoints.connect, { tokenId: 'first-token-0001', tokenSecret: 'first-secret' });

    const wrongOrg = await expectError(harness, adminEndpoints.rotateToken, {
      tokenId: 'acme-only-token',
      tokenSecret: 'acme-only-secret',
    });
    expect(wrongOrg.message).toMatch(/cannot see the chosen organisation/);
    const bad = await expectError(harness, adminEndpoints.rotateToken, { tokenId: 'second-token-0002', tokenSecret: 'nope' });
    expect(bad.message).toMatch(/did not accept/);
    expect(harness.runtime.kvs.getSecret(storeKeys.credentials)).toEqual({ tokenId: 'first-token-0001', tokenSecret: 'first-secret' });

    const rotated = await expectValue(harness, adminEndpoints.rotateToken, {
      tokenId: 'second-token-0002',
      tokenSecret: 'second-secret',
    });
    expect(rotated).toMatchObject({ configured: true, tokenIdHint: '0002', organization: { id: globex.id, name: 'Globex' } });
    expect(harness.runtime.kvs.getSecret(storeKeys.credentials)).toEqual({ tokenId: 'second-token-0002', tokenSecret: 'second-secret' });
  });

  it('disconnects: removes the secret and the organisation, keeps links, history and settings', async () => {
    await expectValue(harness, adminEndpoints.connect, { tokenId: DEMO_TOKEN_ID, tokenSecret: DEMO_TOKEN_SECRET });
    await expectValue(harness, adminEndpoints.saveSync, { commentTriage: false });
    const link = { findingId: 'f-1', issueId: '10001', issueKey: 'SEC-1' };
    harness.runtime.kvs.set(storeKeys.linkByFinding('f-1'), link);
    harness.runtime.kvs.set(storeKeys.audit('f-1', '2026-01-01T00:00:00.000Z', '1'), { what: 'exported' });

    const view = await expectValue(harness, adminEndpoints.disconnect, {});

    expect(view).toEqual({ configured: false, baseUrl: 'https://zeropath.com', expiry: { state: 'unknown' } });
    expect(harness.runtime.kvs.secretKeys()).toEqual([]);
    expect(harness.runtime.kvs.get(storeKeys.linkByFinding('f-1'))).toEqual(link);
    expect(harness.runtime.kvs.entries('audit:f-1:')).toHaveLength(1);
    const settings = await expectValue(harness, adminEndpoints.getSettings, {});
    expect(settings.sync.commentTriage).toBe(false);
  });
});
