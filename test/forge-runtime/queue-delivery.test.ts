import { createForgeRuntime, DELIVERY_RULES, type ForgeRuntime } from './index';
import path from 'node:path';
import { InvocationError, InvocationErrorCode, Queue, TooManyEventsError, PayloadTooBigError, RateLimitError, NoEventsToPushError } from '@forge/events';
import * as handlers from './fixtures/fixture-app-handlers';

const MANIFEST = path.join(__dirname, 'fixtures', 'manifest.yml');
const queue = new Queue({ key: 'fixture-jobs' });
let now = Date.parse('2026-01-01T00:00:00Z');
let runtime: ForgeRuntime;

async function start(overrides: Record<string, unknown> = {}): Promise<void> {
  runtime = await createForgeRuntime({
    manifest: MANIFEST,
    handlers: { ...handlers, ...overrides },
    jiraBaseUrl: 'http://127.0.0.1:9',
    clock: { now: () => now },
    retryDelayScale: 0.0001,
  });
}
afterEach(() => runtime.close());

describe('queue push limits (SDK errors)', () => {
  beforeEach(() => start());

  it('accepts 50 events and rejects 51 with TooManyEventsError', async () => {
    await queue.push(Array.from({ length: 50 }, (_, i) => ({ body: { findingId: `f${i}` } })));
    await expect(queue.push(Array.from({ length: 51 }, (_, i) => ({ body: { findingId: `f${i}` } })))).rejects.toBeInstanceOf(TooManyEventsError);
    expect(runtime.pendingDeliveries).toBe(50);
  });

  it('rejects a push over 200 KB with PayloadTooBigError', async () => {
    const big = 'x'.repeat(101 * 1024);
    await expect(queue.push([{ body: { findingId: 'a', big } }, { body: { findingId: 'b', big } }])).rejects.toBeInstanceOf(PayloadTooBigError);
    await expect(queue.push([])).rejects.toBeInstanceOf(NoEventsToPushError);
    expect(runtime.pendingDeliveries).toBe(0);
  });

  it('answers RateLimitError past 500 events a minute, and accepts again a minute later', async () => {
    for (let i = 0; i < 10; i += 1) await queue.push(Array.from({ length: 50 }, () => ({ body: { findingId: 'x' } })));
    await expect(queue.push({ body: { findingId: 'one-more' } })).rejects.toBeInstanceOf(RateLimitError);
    now += 60_001;
    await expect(queue.push({ body: { findingId: 'one-more' } })).resolves.toEqual({ jobId: expect.any(String) });
  });
});

describe('queue delivery', () => {
  it('delivers each event to the consumer and reports job stats', async () => {
    await start();
    const { jobId } = (await runtime.invokeUi('fixture-panel', 'enqueueJobs', { findingIds: ['1', '2'] }, {
      accountId: 'u1',
      extension: { issue: { key: 'SEC-9', id: '10009' }, project: { key: 'SEC', id: '1' } },
    })) as { jobId: string };
    await runtime.settle();
    expect(runtime.kvs.entries('link:finding:')).toHaveLength(2);
    const stats = await runtime.invokeUi('fixture-panel', 'jobStats', { jobId }, {
      accountId: 'u1',
      extension: { issue: { key: 'SEC-9', id: '10009' }, project: { key: 'SEC', id: '1' } },
    });
    expect(stats).toEqual({ success: 2, inProgress: 0, failed: 0 });
  });

  it('honours InvocationError retryAfter on a compressed clock with retryContext', async () => {
    await start();
    runtime.kvs.set('fail-times:r1', 2);
    await queue.push({ body: { findingId: 'r1' } });
    const started = Date.now();
    await runtime.settle();
    // 2 retries × 60 s × 0.0001 = 12 ms of real waiting, at least.
    expect(Date.now() - started).toBeGreaterThanOrEqual(12);
    const consumer = runtime.log.filter((r) => r.kind === 'consumer');
    expect(consumer.map((r) => [r.outcome, r.retryCount, r.retryAfterSeconds])).toEqual([
      ['retry', 0, 60],
      ['retry', 1, 60],
      ['ok', 2, undefined],
    ]);
    expect(runtime.kvs.get('link:finding:r1')).toEqual({ issueKey: 'SEC-r1' });
  });

  it('lowers a retryAfter above 900 s to 900, as Forge does, and records what was asked', async () => {
    await start({
      jobConsumer: () => new InvocationError({ retryAfter: 3600, retryReason: InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED }),
    });
    await queue.push({ body: { findingId: 'slow' } });
    await runtime.settle();
    const [first] = runtime.log.filter((r) => r.kind === 'consumer');
    expect(first).toMatchObject({ outcome: 'retry', retryAfterSeconds: 900, requestedRetryAfterSeconds: 3600 });
  });

  it('stops after 4 retries and counts the event as failed', async () => {
    await start();
    runtime.kvs.set('fail-times:never', 99);
    const { jobId } = await queue.push({ body: { findingId: 'never' } });
    await runtime.settle();
    expect(runtime.kvs.get('deliveries:never')).toBe(1 + DELIVERY_RULES.maxRetries);
    expect(runtime.log.at(-1)).toMatchObject({ outcome: 'retry-cap-reached', retryCount: 4 });
    expect(runtime.kvs.get('link:finding:never')).toBeUndefined();
    expect(await queue.getJob(jobId).getStats()).toEqual({ success: 0, inProgress: 0, failed: 1 });
  });

  it('retries a consumer that throws, with the hosted-code reason', async () => {
    await start();
    await queue.push({ body: { findingId: 'explode' } });
    await runtime.settle();
    const outcomes = runtime.log.filter((r) => r.kind === 'consumer').map((r) => r.outcome);
    expect(outcomes).toEqual(['retry', 'retry', 'retry', 'retry', 'retry-cap-reached']);
    expect(runtime.log[0]?.error).toContain('consumer exploded');
  });

  it('can deliver duplicates, and the consumer stays idempotent', async () => {
    await start();
    runtime.queueOptions({ duplicateDeliveries: true });
    await queue.push({ body: { findingId: 'd1' } });
    await runtime.settle();
    expect(runtime.kvs.get('deliveries:d1')).toBe(2);
    expect(runtime.kvs.entries('link:')).toHaveLength(2);
  });

  it('can deliver out of order, reproducibly for a seed', async () => {
    const orderFor = async (seed: number | undefined): Promise<string[]> => {
      await start({
        jobConsumer: async (event: { body: { findingId: string } }) => {
          order.push(event.body.findingId);
          return Promise.resolve(undefined);
        },
      });
      const order: string[] = [];
      if (seed !== undefined) runtime.queueOptions({ shuffle: true, seed });
      await queue.push(Array.from({ length: 8 }, (_, i) => ({ body: { findingId: String(i) } })));
      await runtime.settle();
      runtime.close();
      return order;
    };
    const fifo = await orderFor(undefined);
    const shuffled = await orderFor(7);
    expect(fifo).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
    expect([...shuffled].sort()).toEqual(fifo);
    expect(shuffled).not.toEqual(fifo);
    expect(await orderFor(7)).toEqual(shuffled);
    await start();
  });

  it('rejects settle() on a runaway loop', async () => {
    await start({
      jobConsumer: async () => {
        now += 1_000; // stay under the 500 events/minute push limit
        await queue.push({ body: { findingId: 'again' } });
      },
    });
    await queue.push({ body: { findingId: 'first' } });
    await expect(runtime.settle()).rejects.toThrow(/settle\(\) stopped after 1000 deliveries/);
  });

  it('drops pending events of a cancelled job', async () => {
    await start();
    const { jobId } = await queue.push([{ body: { findingId: 'c1' } }, { body: { findingId: 'c2' } }]);
    await queue.getJob(jobId).cancel();
    await runtime.settle();
    expect(runtime.kvs.entries('link:')).toEqual([]);
    expect(runtime.log.map((r) => r.outcome)).toEqual(['cancelled', 'cancelled']);
  });
});
