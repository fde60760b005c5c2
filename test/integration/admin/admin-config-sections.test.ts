// The harness must be imported first: it loads the local Forge runtime before anything loads @forge/api.
import { startHarness, type Harness } from '../harness';
import { adminEndpoints } from '../../../src/contract/admin';
import { CONFIG_SECTIONS, CONFIG_VERSION, defaultConfig } from '../../../src/core/config/app-config';
import { storeKeys } from '../../../src/infra/store/store-keys';
import { storedConfig } from '../stored-config';
import { callAdmin, expectError, expectValue, kvsSnapshot } from './admin-test-kit';

/**
 * The configuration is stored one record per section (plus a version header), so saves of different
 * sections never overwrite each other, and the version 1 single record moves to that layout on the
 * first read, surviving a crash at any step.
 */

type KvsHook = (context: { type: string }, path: string, init: { body?: unknown }) => Promise<Response>;
interface ForgeGlobals {
  __forge_fetch__: KvsHook;
}
const forgeGlobals = globalThis as unknown as ForgeGlobals;

const KVS_WRITES = new Set(['/api/v1/set', '/api/v1/transaction', '/api/v1/batch/set', '/api/v1/delete', '/api/v1/batch/delete']);

/**
 * Wraps the platform's KVS hook (the real @forge/kvs SDK calls it for every operation) for the
 * duration of a test; `intercept` may answer a request itself or return undefined to pass it on.
 */
function interceptKvs(
  intercept: (path: string, body: Record<string, unknown>, pass: () => Promise<Response>) => Promise<Response> | undefined,
): () => void {
  const original = forgeGlobals.__forge_fetch__;
  forgeGlobals.__forge_fetch__ = (context, path, init) => {
    const pass = () => original(context, path, init);
    if (context.type !== 'kvs') return pass();
    const body = (typeof init.body === 'string' ? JSON.parse(init.body) : {}) as Record<string, unknown>;
    return intercept(path, body, pass) ?? pass();
  };
  return () => {
    forgeGlobals.__forge_fetch__ = original;
  };
}

function kvsFailure(): Response {
  return Response.json({ code: 'INTERNAL_SERVER_ERROR', message: 'simulated KVS outage' }, { status: 500 });
}

/** What the version 1 app stored: everything in the one `config` record. */
function versionOneRecord(harness: Harness) {
  return {
    version: 1,
    connection: {
      baseUrl: 'https://zeropath.com',
      organizationId: harness.zeropath.organizationId,
      organizationName: 'Acme Corp',
      tokenIdHint: 'n-id',
    },
    defaults: { projectKey: 'SEC', labels: ['zeropath', 'security'], priorityFromSeverity: false },
    sync: { commentTriage: false, mirrorComments: true, resolutionMapping: { Done: 'resolved' }, sweepEnabled: false },
    templates: { summary: '[{{severity}}] {{title}}', useForManualExport: true, library: [] },
    sla: { enabled: true, policies: [] },
  };
}

describe('configuration stored by section', () => {
  let harness: Harness;
  let restoreKvs: (() => void) | undefined;

  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    restoreKvs?.();
    restoreKvs = undefined;
    await harness.close();
  });

  it('keeps both of two section saves whose invocations both read before either wrote', async () => {
    harness.connectZeroPath();
    // Hold the first KVS write until a second one arrives: both admin invocations have done all
    // their reading by then, which is exactly when a read-modify-write of one record loses a save.
    let held: (() => void) | undefined;
    let heldWrites = 0;
    restoreKvs = interceptKvs((path, _body, pass) => {
      if (!KVS_WRITES.has(path) || heldWrites >= 2) return undefined;
      heldWrites += 1;
      if (held === undefined) {
        return new Promise<void>((resolve) => {
          held = resolve;
        }).then(pass);
      }
      held();
      return pass();
    });

    const [defaults, sync] = await Promise.all([
      callAdmin(harness, adminEndpoints.saveDefaults, { labels: ['zeropath', 'appsec'], priorityFromSeverity: false }),
      callAdmin(harness, adminEndpoints.saveSync, {
        commentTriage: false,
        mirrorComments: true,
        resolutionMapping: { Done: 'resolved' },
        sweepEnabled: false,
      }),
    ]);
    expect(defaults.ok && sync.ok).toBe(true);
    expect(heldWrites).toBe(2);

    const settings = await expectValue(harness, adminEndpoints.getSettings, {});
    expect(settings.defaults).toMatchObject({ labels: ['zeropath', 'appsec'], priorityFromSeverity: false });
    expect(settings.sync).toMatchObject({ commentTriage: false, mirrorComments: true, sweepEnabled: false });
    expect(storedConfig(harness.runtime.kvs).connection.organizationId).toBe(harness.zeropath.organizationId);
  });

  it('moves a stored version 1 record to one record per section on the first read, once', async () => {
    const v1 = versionOneRecord(harness);
    harness.runtime.kvs.set(storeKeys.config, v1);

    const settings = await expectValue(harness, adminEndpoints.getSettings, {});
    expect(settings.defaults).toEqual(v1.defaults);
    // A version 1 record predates the AI assist: it reads back with the assist off (the default).
    expect(settings.sync).toEqual({ ...v1.sync, aiAssist: { enabled: false, dailyCap: 50 } });

    const kvs = harness.runtime.kvs;
    expect(kvs.get(storeKeys.config)).toBeUndefined();
    expect(kvs.get(storeKeys.configHeader)).toEqual({ version: CONFIG_VERSION });
    expect(CONFIG_SECTIONS.filter((s) => kvs.get(storeKeys.configSection(s)) === undefined)).toEqual([]);
    expect(kvs.get(storeKeys.configSection('templates'))).toMatchObject(v1.templates);
    expect(kvs.get(storeKeys.configSection('sla'))).toEqual(v1.sla);
    expect(kvs.get(storeKeys.configSection('autoTicketing'))).toEqual(defaultConfig().autoTicketing);

    // Idempotent: reading again writes nothing and answers the same.
    const after = kvsSnapshot(harness);
    const connection = await expectValue(harness, adminEndpoints.getConnection, {});
    expect(connection.organization).toEqual({ id: harness.zeropath.organizationId, name: 'Acme Corp' });
    expect(await expectValue(harness, adminEndpoints.getSettings, {})).toEqual(settings);
    expect(kvsSnapshot(harness)).toEqual(after);
  });

  it('reads correctly after a crash between writing the sections and deleting the old record', async () => {
    harness.runtime.kvs.set(storeKeys.config, versionOneRecord(harness));
    // Every delete of the old record fails during the first read, as if the invocation died there.
    let deletesFail = true;
    let failedDeletes = 0;
    restoreKvs = interceptKvs((path, body) => {
      if (path !== '/api/v1/delete' || body['key'] !== storeKeys.config || !deletesFail) return undefined;
      failedDeletes += 1;
      return Promise.resolve(kvsFailure());
    });

    const first = await expectValue(harness, adminEndpoints.getSettings, {});
    deletesFail = false;
    expect(failedDeletes).toBeGreaterThan(0);
    expect(first.sync.commentTriage).toBe(false);
    // The old record is still there, but the header makes the sections authoritative.
    expect(harness.runtime.kvs.get(storeKeys.config)).toBeDefined();
    expect(harness.runtime.kvs.get(storeKeys.configHeader)).toEqual({ version: CONFIG_VERSION });

    const saved = await expectValue(harness, adminEndpoints.saveSync, { commentTriage: true });
    expect(saved.sync.commentTriage).toBe(true);
    const settings = await expectValue(harness, adminEndpoints.getSettings, {});
    expect(settings.sync.commentTriage).toBe(true);
    expect(settings.defaults.projectKey).toBe('SEC');
    expect(harness.runtime.kvs.get(storeKeys.config)).toBeUndefined();
  });

  it('resumes a migration that crashed before the header: the old record stays in charge until then', async () => {
    const v1 = versionOneRecord(harness);
    harness.runtime.kvs.set(storeKeys.config, v1);
    let failedHeaders = 0;
    restoreKvs = interceptKvs((path, body) => {
      if (path !== '/api/v1/set' || body['key'] !== storeKeys.configHeader || failedHeaders > 0) return undefined;
      failedHeaders += 1;
      return Promise.resolve(kvsFailure());
    });

    const crashed = await callAdmin(harness, adminEndpoints.getSettings, {});
    expect(crashed.ok).toBe(false);
    expect(failedHeaders).toBe(1);
    expect(harness.runtime.kvs.get(storeKeys.configHeader)).toBeUndefined();
    expect(harness.runtime.kvs.get(storeKeys.config)).toEqual(v1);

    const settings = await expectValue(harness, adminEndpoints.getSettings, {});
    expect(settings.defaults).toEqual(v1.defaults);
    // A version 1 record predates the AI assist: it reads back with the assist off (the default).
    expect(settings.sync).toEqual({ ...v1.sync, aiAssist: { enabled: false, dailyCap: 50 } });
    expect(harness.runtime.kvs.get(storeKeys.config)).toBeUndefined();
  });

  it('refuses an invalid save and changes nothing, sections or old record', async () => {
    harness.runtime.kvs.set(storeKeys.config, versionOneRecord(harness));
    await expectValue(harness, adminEndpoints.getSettings, {});
    const before = kvsSnapshot(harness);

    const refused = await expectError(harness, adminEndpoints.saveDefaults, { labels: ['has space'] });
    expect(refused.kind).toBe('invalid_input');
    expect(Object.keys(refused.fieldErrors ?? {})).toEqual([expect.stringMatching(/^labels/)]);
    expect(kvsSnapshot(harness)).toEqual(before);
  });

  it('leaves an old record the schema refuses exactly as it is and writes no section', async () => {
    const broken = { ...versionOneRecord(harness), defaults: { projectKey: 'not a key' } };
    harness.runtime.kvs.set(storeKeys.config, broken);

    const read = await callAdmin(harness, adminEndpoints.getSettings, {});
    expect(read.ok).toBe(false);
    expect(harness.runtime.kvs.get(storeKeys.config)).toEqual(broken);
    expect(harness.runtime.kvs.entries('config:')).toEqual([]);
  });
});
