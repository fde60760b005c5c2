import {
  createForgeRuntime,
  InvocationTimedOutError,
  KVS_QUOTAS,
  type ForgeRuntime,
  type ForgeRuntimeOptions,
} from './index';
import path from 'node:path';
import { kvs, ForgeKvsAPIError } from '@forge/kvs';
import * as handlers from './fixtures/fixture-app-handlers';

/**
 * The limits that make the local platform as strict as Forge (README, "Strict by default"): KVS
 * quotas in 10 KB units with the SDK's own 429, invocation time limits with cut-off and the
 * documented redelivery, and the virtual clock that lets tests reach them without waiting.
 */
const MANIFEST = path.join(__dirname, 'fixtures', 'manifest.yml');
const PANEL = {
  issue: { id: '10001', key: 'SEC-1', type: 'Bug', typeId: '10004' },
  project: { id: '10000', key: 'SEC', type: 'software' },
};

const now = Date.parse('2026-01-01T00:00:00Z');
let runtime: ForgeRuntime | undefined;

async function start(options: Partial<ForgeRuntimeOptions> = {}): Promise<ForgeRuntime> {
  runtime = await createForgeRuntime({
    manifest: MANIFEST,
    handlers,
    jiraBaseUrl: 'http://127.0.0.1:9',
    clock: { now: () => now },
    ...options,
  });
  return runtime;
}
afterEach(() => {
  runtime?.close();
  runtime = undefined;
});

async function kvsError(promise: Promise<unknown>): Promise<ForgeKvsAPIError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ForgeKvsAPIError))
    throw new Error(`expected ForgeKvsAPIError, got ${String(error)}`);
  return error;
}

describe('KVS quotas per installation', () => {
  const value65KB = 'x'.repeat(65_000);

  it('counts a 65 KB write as 7 units and a small one as 1', async () => {
    const rt = await start();
    await kvs.set('small', 1);
    expect(rt.kvs.usage().writeUnits).toBe(1);
    await kvs.set('big', value65KB);
    expect(rt.kvs.usage().writeUnits).toBe(8);
    await kvs.get('big');
    expect(rt.kvs.usage().readUnits).toBe(7);
  });

  it('answers the SDK its 429 RATE_LIMIT_EXCEEDED past 4,000 write units a minute, and again accepts a minute later', async () => {
    const rt = await start();
    const fits = Math.floor(KVS_QUOTAS.writeUnitsPerMinute / 7); // 571 writes of 7 units
    for (let i = 0; i < fits; i += 1) await kvs.set(`w${i}`, value65KB);
    const error = await kvsError(kvs.set('one-more', value65KB));
    expect(error.code).toBe('RATE_LIMIT_EXCEEDED');
    expect(error.responseDetails.status).toBe(429);
    expect(rt.kvs.get('one-more')).toBeUndefined();
    // A small write still fits in what is left (3,997 + 1 ≤ 4,000).
    await kvs.set('tiny', 1);
    rt.advance(60_000);
    await kvs.set('one-more', value65KB);
    expect(rt.kvs.usage().rateLimited).toBe(1);
  });

  it('limits reads to 4,000 units a minute, sized by what they return', async () => {
    const rt = await start();
    rt.kvs.set('big', value65KB); // seeded: inspection is not app traffic
    for (let i = 0; i < Math.floor(KVS_QUOTAS.readUnitsPerMinute / 7); i += 1) await kvs.get('big');
    expect((await kvsError(kvs.get('big'))).code).toBe('RATE_LIMIT_EXCEEDED');
    rt.advance(60_001);
    expect(await kvs.get('big')).toBe(value65KB);
  });

  it('limits the request rate to 1,000 a second', async () => {
    const rt = await start();
    await Promise.all(Array.from({ length: KVS_QUOTAS.requestsPerSecond }, (_, i) => kvs.get(`missing${i}`)));
    expect((await kvsError(kvs.get('one-too-many'))).code).toBe('RATE_LIMIT_EXCEEDED');
    rt.advance(1_000);
    expect(await kvs.get('missing')).toBeUndefined();
  });

  it('enforces nothing in relaxed mode (debugging only) but still counts', async () => {
    const rt = await start({ strict: false });
    await Promise.all(Array.from({ length: KVS_QUOTAS.requestsPerSecond + 5 }, (_, i) => kvs.get(`m${i}`)));
    expect(rt.kvs.usage()).toMatchObject({ requests: KVS_QUOTAS.requestsPerSecond + 5, rateLimited: 0 });
  });
});

describe('invocation time limits', () => {
  it('cuts a resolver off at 25 s of elapsed time, refuses its later calls and fails the call', async () => {
    const rt = await start({ latencyMs: { kvs: 1_000 } });
    const error: unknown = await rt
      .invokeUi('fixture-panel', 'writeMany', { count: 40 }, { accountId: 'u1', extension: PANEL })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvocationTimedOutError);
    // 25 calls of 1 s fit in 25 s; the 26th passed the limit and was refused.
    const written = rt.kvs.entries('many:').length;
    expect(written).toBe(25);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(rt.kvs.entries('many:').length).toBe(written);
    expect(rt.log.at(-1)).toMatchObject({ kind: 'resolver', outcome: 'timeout' });
  });

  it('reports the time left through getAppContext().invocationRemainingTimeInMillis', async () => {
    const rt = await start({ latencyMs: { kvs: 1_000 } });
    const answer = (await rt.invokeUi(
      'fixture-panel',
      'writeMany',
      { count: 3 },
      { accountId: 'u1', extension: PANEL },
    )) as { remainingMs: number };
    expect(answer.remainingMs).toBeLessThanOrEqual(22_000);
    expect(answer.remainingMs).toBeGreaterThan(15_000);
  });

  it('redelivers a consumer cut off at its limit (FUNCTION_TIME_OUT) and fails the event after 4 retries', async () => {
    // job-consumer asks for 600 s in the manifest; the test shortens it to force the cut-off.
    const rt = await start({ latencyMs: { kvs: 1_000 }, functionTimeoutSeconds: { 'job-consumer': 2 } });
    const { jobId } = (await rt.invokeUi(
      'fixture-panel',
      'enqueueJobs',
      { findingIds: ['f1'] },
      { accountId: 'u1', extension: PANEL },
    )) as { jobId: string };
    await rt.settle();
    const consumer = rt.log.filter((r) => r.kind === 'consumer');
    expect(consumer.map((r) => r.outcome)).toEqual([
      'timeout',
      'timeout',
      'timeout',
      'timeout',
      'timeout',
      'retry-cap-reached',
    ]);
    expect(rt.kvs.get('link:finding:f1')).toBeUndefined();
    const stats = await rt.invokeUi(
      'fixture-panel',
      'jobStats',
      { jobId },
      { accountId: 'u1', extension: PANEL },
    );
    expect(stats).toMatchObject({ failed: 1, success: 0 });
  });

  it('discards a scheduled run cut off at its limit and does not retry it', async () => {
    const rt = await start({ latencyMs: { kvs: 700 }, functionTimeoutSeconds: { sweep: 1 } });
    rt.kvs.set('finding:a', 1);
    rt.kvs.set('finding:b', 1);
    rt.kvs.set('finding:c', 1);
    expect(await rt.runScheduledTrigger('fixture-sweep')).toBe('timeout');
    expect(rt.kvs.get('cursor:sweep')).toBeUndefined();
    expect(rt.log.filter((r) => r.kind === 'scheduled').map((r) => r.outcome)).toEqual(['timeout']);
    expect(rt.pendingDeliveries).toBe(0);
  });

  it('refuses a function limit longer than the documented one', async () => {
    await expect(start({ functionTimeoutSeconds: { 'job-consumer': 601 } })).rejects.toThrow(
      /may only shorten/,
    );
  });
});

describe('virtual clock', () => {
  it('skips most of a retry delay: 60 s retryAfter costs 60 ms of real time and a minute of virtual time', async () => {
    const rt = await start();
    rt.kvs.set('fail-times:f2', 1);
    const before = rt.now();
    const startedReal = Date.now();
    await rt.invokeUi(
      'fixture-panel',
      'enqueueJobs',
      { findingIds: ['f2'] },
      { accountId: 'u1', extension: PANEL },
    );
    await rt.settle();
    expect(rt.kvs.get('link:finding:f2')).toEqual({ issueKey: 'SEC-f2' });
    expect(rt.now() - before).toBeGreaterThanOrEqual(60_000);
    expect(Date.now() - startedReal).toBeLessThan(30_000);
  });

  it('delivers in parallel when asked, each event once', async () => {
    const rt = await start();
    rt.queueOptions({ parallel: 4 });
    await rt.invokeUi(
      'fixture-panel',
      'enqueueJobs',
      { findingIds: ['p1', 'p2', 'p3', 'p4', 'p5'] },
      { accountId: 'u1', extension: PANEL },
    );
    await rt.settle();
    expect(rt.kvs.entries('link:finding:').map((e) => e.key)).toEqual(
      ['p1', 'p2', 'p3', 'p4', 'p5'].map((id) => `link:finding:${id}`),
    );
  });
});
