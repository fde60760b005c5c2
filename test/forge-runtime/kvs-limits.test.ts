import { createForgeRuntime, KVS_LIMITS, type ForgeRuntime } from './index';
import path from 'node:path';
import { kvs, WhereConditions, ForgeKvsAPIError } from '@forge/kvs';
import * as handlers from './fixtures/fixture-app-handlers';

const MANIFEST = path.join(__dirname, 'fixtures', 'manifest.yml');

let now = Date.parse('2026-01-01T00:00:00Z');
let runtime: ForgeRuntime;

beforeEach(async () => {
  runtime = await createForgeRuntime({ manifest: MANIFEST, handlers, jiraBaseUrl: 'http://127.0.0.1:9', clock: { now: () => now } });
});
afterEach(() => runtime.close());

async function kvsError(promise: Promise<unknown>): Promise<ForgeKvsAPIError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ForgeKvsAPIError)) throw new Error(`expected ForgeKvsAPIError, got ${String(error)}`);
  return error;
}

describe('KVS keys', () => {
  it('accepts a 500-character key and rejects 501 with KEY_TOO_LONG', async () => {
    await kvs.set('k'.repeat(KVS_LIMITS.keyMaxLength), 1);
    const error = await kvsError(kvs.set('k'.repeat(KVS_LIMITS.keyMaxLength + 1), 1));
    expect(error.code).toBe('KEY_TOO_LONG');
    expect(error.responseDetails.status).toBe(400);
  });

  it.each(['a/b', 'user@x', 'k=v', '   '])('rejects %j with INVALID_KEY', async (key) => {
    expect((await kvsError(kvs.set(key, 1))).code).toBe('INVALID_KEY');
  });

  it('allows the documented characters', async () => {
    await kvs.set('link:finding:a-1_b.c #2', true);
    expect(await kvs.get('link:finding:a-1_b.c #2')).toBe(true);
  });
});

describe('KVS values and secrets', () => {
  const ofKiB = (kib: number) => 'x'.repeat(kib * 1024 - 2); // JSON string adds two quotes

  it('stores exactly 240 KiB and rejects one byte more with MAX_SIZE', async () => {
    await kvs.set('big', ofKiB(240));
    const error = await kvsError(kvs.set('bigger', `${ofKiB(240)}y`));
    expect(error.code).toBe('MAX_SIZE');
    expect(runtime.kvs.get('bigger')).toBeUndefined();
  });

  it('limits secrets to 128 KiB', async () => {
    await kvs.setSecret('token', ofKiB(128));
    expect((await kvsError(kvs.setSecret('token2', `${ofKiB(128)}y`))).code).toBe('MAX_SIZE');
    expect(runtime.kvs.secretKeys()).toEqual(['token']);
  });

  it('keeps secrets apart from values and out of queries', async () => {
    await kvs.setSecret('zeropath:token', { id: 'id', secret: 's' });
    expect(await kvs.get('zeropath:token')).toBeUndefined();
    expect(await kvs.getSecret('zeropath:token')).toEqual({ id: 'id', secret: 's' });
    expect((await kvs.query().where('key', WhereConditions.beginsWith('zeropath')).getMany()).results).toEqual([]);
    await kvs.deleteSecret('zeropath:token');
    expect(await kvs.getSecret('zeropath:token')).toBeUndefined();
  });

  it('rejects values nested deeper than the documented depth with MAX_DEPTH', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < KVS_LIMITS.maxDepth + 1; i += 1) deep = { d: deep };
    expect((await kvsError(kvs.set('deep', deep))).code).toBe('MAX_DEPTH');
  });
});

describe('KVS TTL and key policy', () => {
  it('expires a key after its TTL', async () => {
    await kvs.set('lock', 1, { ttl: { value: 10, unit: 'MINUTES' } });
    const withMeta = await kvs.get('lock', { metadataFields: [] });
    expect(withMeta).toMatchObject({ key: 'lock', value: 1 });
    now += 9 * 60_000;
    expect(await kvs.get('lock')).toBe(1);
    now += 60_000;
    expect(await kvs.get('lock')).toBeUndefined();
  });

  it('FAIL_IF_EXISTS fails on a live key and succeeds once the TTL lapsed', async () => {
    await kvs.set('lock:sweep', 'a', { ttl: { value: 30, unit: 'SECONDS' }, keyPolicy: 'FAIL_IF_EXISTS' });
    const error = await kvsError(kvs.set('lock:sweep', 'b', { keyPolicy: 'FAIL_IF_EXISTS' }));
    expect(error.code).toBe('KEY_CONFLICT');
    expect(error.responseDetails.status).toBe(409);
    now += 31_000;
    await kvs.set('lock:sweep', 'c', { keyPolicy: 'FAIL_IF_EXISTS' });
    expect(runtime.kvs.get('lock:sweep')).toBe('c');
  });

  it('returns the previous value with returnValue PREVIOUS', async () => {
    await kvs.set('counter', 1);
    const previous = await kvs.set('counter', 2, { keyPolicy: 'OVERRIDE', returnValue: 'PREVIOUS' });
    expect(previous).toMatchObject({ key: 'counter', value: 1 });
  });
});

describe('KVS transactions', () => {
  it('writes nothing when one operation is invalid', async () => {
    await kvs.set('keep', 'old');
    const error = await kvsError(kvs.transact().set('a', 1).delete('keep').set('bad/key', 2).execute());
    expect(error.code).toBe('INVALID_KEY');
    expect(runtime.kvs.entries()).toEqual([{ key: 'keep', value: 'old' }]);
  });

  it('applies every operation together', async () => {
    await kvs.set('gone', 1);
    await kvs.transact().set('link:finding:f1', 'SEC-1').set('link:issue:SEC-1', 'f1').delete('gone').execute();
    expect(runtime.kvs.entries('link:')).toEqual([
      { key: 'link:finding:f1', value: 'SEC-1' },
      { key: 'link:issue:SEC-1', value: 'f1' },
    ]);
    expect(runtime.kvs.get('gone')).toBeUndefined();
  });

  it('refuses more than 25 operations and a key used twice', async () => {
    let tx = kvs.transact();
    for (let i = 0; i < 26; i += 1) tx = tx.set(`k${i}`, i);
    expect((await kvsError(tx.execute())).code).toBe('TOO_MANY_OPERATIONS');
    expect((await kvsError(kvs.transact().set('x', 1).delete('x').execute())).code).toBe('DUPLICATE_KEYS');
    expect(runtime.kvs.size).toBe(0);
  });
});

describe('KVS prefix queries', () => {
  it('pages a prefix in key order with cursors', async () => {
    for (const id of ['c', 'a', 'e', 'b', 'd']) await kvs.set(`finding:${id}`, id);
    await kvs.set('other:z', 'z');
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const q = kvs.query().where('key', WhereConditions.beginsWith('finding:')).limit(2);
      const page = await (cursor === undefined ? q : q.cursor(cursor)).getMany<string>();
      seen.push(...page.results.map((r) => r.value));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== undefined);
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(pages).toBe(3);
  });

  it('accepts a limit of 20 and rejects 21 (query reference: "up to a maximum of 20")', async () => {
    for (let i = 0; i < 25; i += 1) await kvs.set(`q:${String(i).padStart(2, '0')}`, i);
    const page = await kvs.query().where('key', WhereConditions.beginsWith('q:')).limit(KVS_LIMITS.queryMaxLimit).getMany();
    expect(page.results).toHaveLength(20);
    expect(page.nextCursor).toBeDefined();
    expect((await kvsError(kvs.query().limit(21).getMany())).code).toBe('INVALID_LIMIT');
  });
});

describe('KVS batches', () => {
  const items = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `b${i}`, value: i }));

  it('accepts 25 keys and rejects 26 as a whole', async () => {
    const ok = await kvs.batchSet(items(25));
    expect(ok.successfulKeys).toHaveLength(25);
    expect((await kvsError(kvs.batchSet(items(26).map((i) => ({ ...i, key: `c${i.key}` }))))).code).toBe('BATCH_SIZE_EXCEEDED');
    expect(runtime.kvs.entries('cb')).toEqual([]);
    expect((await kvsError(kvs.batchGet(items(26)))).code).toBe('BATCH_SIZE_EXCEEDED');
    expect((await kvsError(kvs.batchDelete(items(26)))).code).toBe('BATCH_SIZE_EXCEEDED');
  });

  it('reports per-item failures without failing the batch', async () => {
    const result = await kvs.batchSet([
      { key: 'fine', value: 1 },
      { key: 'not/fine', value: 2 },
    ]);
    expect(result.successfulKeys).toEqual([{ key: 'fine' }]);
    expect(result.failedKeys).toEqual([{ key: 'not/fine', error: expect.objectContaining({ code: 'INVALID_KEY' }) }]);
    const got = await kvs.batchGet([{ key: 'fine' }, { key: 'missing' }]);
    expect(got.successfulKeys).toEqual([expect.objectContaining({ key: 'fine', value: 1 })]);
    expect(got.failedKeys).toEqual([expect.objectContaining({ key: 'missing' })]);
  });
});
