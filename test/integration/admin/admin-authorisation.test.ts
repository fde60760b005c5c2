import * as path from 'node:path';
import { startHarness, type Harness } from '../harness';
import { type z } from 'zod';
import { adminEndpoints } from '../../../src/contract/admin';
import { type Endpoint } from '../../../src/contract/endpoint';
import { MODULE_KEYS } from '../../../src/contract/modules';
import { DEMO_USERS } from '../../sim/jira/jira-seed-builder';
import { callAdmin, examplePayloads, kvsSnapshot } from './admin-test-kit';

// Widened to the common endpoint type so one loop can call each (payloads come from examplePayloads).
const ENDPOINTS = Object.entries(adminEndpoints) as [keyof typeof adminEndpoints, Endpoint<z.ZodType, z.ZodType>][];

describe('admin handlers: authorisation', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness();
    harness.connectZeroPath();
  });
  afterEach(async () => {
    await harness.close();
  });

  it.each([
    ['a developer', DEMO_USERS.dev1],
    ['a contractor', DEMO_USERS.restricted],
  ])('refuses %s on every admin endpoint and changes nothing in KVS', async (_who, accountId) => {
    const payloads = examplePayloads(harness);
    const before = kvsSnapshot(harness);
    for (const [name, endpoint] of ENDPOINTS) {
      const result = await callAdmin(harness, endpoint, payloads[name] as never, accountId);
      expect({ name, result }).toEqual({
        name,
        result: { ok: false, error: { kind: 'forbidden', message: expect.stringMatching(/Only Jira administrators/) } },
      });
    }
    expect(kvsSnapshot(harness)).toEqual(before);
    // Every refusal came from Jira answering for the caller, not from a guess.
    const checks = harness.jira.requestLog.entries.filter((e) => e.path === '/rest/api/3/mypermissions');
    expect(checks.length).toBe(ENDPOINTS.length);
  });

  it('lets a Jira admin use every endpoint (the example payloads are valid)', async () => {
    const payloads = examplePayloads(harness);
    for (const [name, endpoint] of ENDPOINTS) {
      const result = await callAdmin(harness, endpoint, payloads[name] as never);
      expect({ name, ok: result.ok, error: result.ok ? undefined : result.error }).toEqual({ name, ok: true, error: undefined });
    }
  });

  it('fails closed when Jira cannot confirm the permission', async () => {
    harness.jira.control.injectFault('GET /rest/api/3/mypermissions', { errorRate: 1, errorStatus: 503 });
    const before = kvsSnapshot(harness);
    const result = await callAdmin(harness, adminEndpoints.saveSync, { commentTriage: false });
    expect(result).toEqual({
      ok: false,
      error: { kind: 'forbidden', message: expect.stringMatching(/could not be verified/) },
    });
    expect(kvsSnapshot(harness)).toEqual(before);
  });

  it('validates the payload only after authorising, and refuses invalid input with field errors', async () => {
    const result = await callAdmin(harness, adminEndpoints.connect, { tokenId: '', tokenSecret: ' padded ' });
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'invalid_input',
        message: expect.any(String),
        fieldErrors: { tokenId: 'Enter the token id', tokenSecret: 'Remove the spaces around the token secret' },
      },
    });
  });

  it('cannot be reached from any other module of the real manifest', async () => {
    const others = Object.values(MODULE_KEYS).filter((key) => key !== MODULE_KEYS.adminPage);
    const extension = { issue: { id: '10001', key: 'SEC-1' }, project: { id: '10000', key: 'SEC' } };
    const before = kvsSnapshot(harness);
    for (const moduleKey of others) {
      for (const endpoint of [adminEndpoints.getConnection, adminEndpoints.disconnect]) {
        // A module that is not (yet) in the manifest, or whose own resolver has no admin key, throws;
        // one wired to the admin resolver by mistake is refused by the module check.
        const reached = await harness.runtime
          .invokeUi(moduleKey, endpoint.key, {}, { accountId: DEMO_USERS.admin, extension })
          .then(
            (answer) => ({ answer }),
            (error: unknown) => ({ thrown: error instanceof Error ? error.message : String(error) }),
          );
        expect([
          { thrown: expect.stringMatching(/no UI module|has no definition for/) },
          { answer: { ok: false, error: expect.objectContaining({ kind: 'forbidden' }) } },
        ]).toContainEqual(reached);
      }
    }
    expect(kvsSnapshot(harness)).toEqual(before);
  });
});

describe('admin handlers: module isolation even if another module were wired to them', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness({ manifest: path.join(__dirname, 'fixtures/cross-module-manifest.yml') });
    harness.connectZeroPath();
  });
  afterEach(async () => {
    await harness.close();
  });

  it.each([
    [MODULE_KEYS.issuePanel, { issue: { id: '10001', key: 'SEC-1' }, project: { id: '10000', key: 'SEC' } }],
    [MODULE_KEYS.findingsPage, { project: { id: '10000', key: 'SEC' } }],
  ])('refuses a Jira admin calling through %s', async (moduleKey, extension) => {
    const before = kvsSnapshot(harness);
    for (const endpoint of [adminEndpoints.getConnection, adminEndpoints.disconnect, adminEndpoints.saveSync]) {
      const raw = await harness.runtime.invokeUi(moduleKey, endpoint.key, {}, { accountId: DEMO_USERS.admin, extension });
      expect(raw).toEqual({ ok: false, error: { kind: 'forbidden', message: 'This action is not available from here.' } });
    }
    expect(kvsSnapshot(harness)).toEqual(before);
  });
});

describe('secret-leak guard', () => {
  it('fails any test whose resolver answer carries the stored token secret', async () => {
    const harness = await startHarness({
      manifest: path.join(__dirname, 'fixtures/cross-module-manifest.yml'),
      handlers: await import('./fixtures/leaky-handlers'),
    });
    try {
      harness.connectZeroPath({ tokenSecret: 'a-secret-the-guard-must-see' });
      await expect(
        harness.runtime.invokeUi(MODULE_KEYS.adminPage, 'admin.getConnection', {}, { accountId: DEMO_USERS.admin }),
      ).rejects.toThrow(/leaked a ZeroPath token secret/);
    } finally {
      await harness.close();
    }
  });
});
