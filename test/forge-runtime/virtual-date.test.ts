import { createForgeRuntime, type ForgeRuntime } from './index';
import path from 'node:path';
import { Queue, type AsyncEvent } from '@forge/events';
import * as handlers from './fixtures/fixture-app-handlers';

/**
 * `virtualDate` (README, "Virtual clock"): on Forge the app's clock and the platform's delays are one
 * real clock. Here the runtime skips the time it compresses, and with this option the app's `Date`
 * sees that time pass too.
 */
const MANIFEST = path.join(__dirname, 'fixtures', 'manifest.yml');
const START = Date.parse('2026-01-01T00:00:00Z');
const ProcessDate = Date;
let runtime: ForgeRuntime | undefined;

async function start(virtualDate: boolean, consumer?: (event: AsyncEvent) => undefined): Promise<ForgeRuntime> {
  runtime = await createForgeRuntime({
    manifest: MANIFEST,
    handlers: consumer === undefined ? handlers : { ...handlers, jobConsumer: consumer },
    jiraBaseUrl: 'http://127.0.0.1:9',
    clock: { now: () => START },
    virtualDate,
  });
  return runtime;
}
afterEach(() => {
  runtime?.close();
  runtime = undefined;
});

describe('virtualDate', () => {
  it("makes Date read the runtime's clock, advance() included, and leaves the rest of Date as it is", async () => {
    const rt = await start(true);
    expect(Date.now()).toBe(START);
    rt.advance(90_000);
    expect(Date.now()).toBe(START + 90_000);
    expect(new Date().toISOString()).toBe('2026-01-01T00:01:30.000Z');
    expect(Date()).toBe(new ProcessDate(START + 90_000).toString());
    expect(new Date(0).getTime()).toBe(0);
    expect(new Date(2026, 0, 2).getDate()).toBe(2);
    expect(Date.parse('2026-01-01T00:00:00Z')).toBe(START);
    expect(Date.UTC(2026, 0, 1)).toBe(START);
    expect(new Date()).toBeInstanceOf(ProcessDate);
    expect(new ProcessDate(1)).toBeInstanceOf(Date);
  });

  it('lets a delivery delayed on the queue see its delay pass on its own clock', async () => {
    const seen: number[] = [];
    await start(true, () => {
      seen.push(new Date().getTime());
      return undefined;
    });
    await new Queue({ key: 'fixture-jobs' }).push({ body: { findingId: 'f1' }, delayInSeconds: 600 });
    await runtime!.settle();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeGreaterThanOrEqual(START + 600_000);
  });

  it("reads a clock option that itself reads Date.now as the process's clock", async () => {
    let offset = 0;
    runtime = await createForgeRuntime({
      manifest: MANIFEST,
      handlers,
      jiraBaseUrl: 'http://127.0.0.1:9',
      clock: { now: () => Date.now() + offset },
      virtualDate: true,
    });
    const before = Date.now();
    offset = 60_000;
    runtime.advance(30_000);
    const after = Date.now();
    expect(after - before).toBeGreaterThanOrEqual(90_000);
    expect(after - before).toBeLessThan(90_000 + 60_000);
  });

  it("gives the process its own Date back on close, and is off unless asked for", async () => {
    (await start(true)).close();
    expect(globalThis.Date).toBe(ProcessDate);
    const rt = await start(false);
    rt.advance(3_600_000);
    expect(globalThis.Date).toBe(ProcessDate);
    expect(rt.now()).toBe(START + 3_600_000);
  });
});
