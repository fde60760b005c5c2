import { aRule, startAutoTicketWorld, type AutoTicketWorld } from './auto-ticket-world';
import { storeKeys } from '../../../src/infra/store/store-keys';
import { healthRecordSchema } from '../../../src/infra/store/health-store';
import { RUN_LOCK_TTL_SECONDS } from '../../../src/app/auto-ticket/run-auto-ticketing';

/**
 * Auto-ticketing under Forge's time limit (manifest: timeoutSeconds 240): a run that is cut off
 * cannot release its lock, so the lock must lapse before the next five-minute tick; a run that sees
 * its time running out stops before queuing, releases the lock and leaves the cursor where it was.
 */
describe('auto-ticketing within its time limit', () => {
  let w: AutoTicketWorld;
  beforeEach(async () => {
    w = await startAutoTicketWorld();
  });
  afterEach(async () => {
    await w.close();
  });
  const lock = () => w.h.runtime.kvs.get(storeKeys.lock('auto-ticket'));

  it('a run cut off at its limit leaves a lock that lapses before the next tick, which files every finding once', async () => {
    expect(RUN_LOCK_TTL_SECONDS).toBeLessThan(5 * 60);
    w.configure({ autoTicketing: { rules: [aRule()] } });
    const ids = [80, 85, 90].map((score) => w.addFinding({ repositoryId: w.repos.web, score }));

    // ZeroPath answers so slowly that the first call passes the 240 s limit.
    w.h.runtime.setLatency({ egress: 250_000 });
    expect(await w.h.runtime.runScheduledTrigger('zp-auto-ticket')).toBe('timeout');
    expect(lock()).toBeDefined();
    expect(w.state().cursor).toBeNull();

    // A tick while the lock lives leaves at once; the tick five minutes later runs.
    w.h.runtime.setLatency({ egress: 200 });
    await w.run();
    expect(w.ticketCount()).toBe(0);
    w.h.runtime.advance(5 * 60_000);
    await w.run();
    for (const id of ids) expect(w.issueOf(id)).toBeDefined();
    expect(w.ticketCount()).toBe(3);
    expect(lock()).toBeUndefined();

    await w.run();
    expect(w.ticketCount()).toBe(3);
  });

  it('stops before queuing when too little time is left: nothing queued, cursor unmoved, lock released, Health says why', async () => {
    w.configure({ autoTicketing: { rules: [aRule()] } });
    w.addFinding({ repositoryId: w.repos.web, score: 80 });
    // Reading the changes leaves less than the run's reserve.
    w.h.runtime.setLatency({ egress: 225_000 });
    expect(await w.h.runtime.runScheduledTrigger('zp-auto-ticket')).toEqual({ statusCode: 204 });
    await w.h.runtime.settle();
    expect(w.ticketCount()).toBe(0);
    expect(w.state().cursor).toBeNull();
    expect(lock()).toBeUndefined();
    const health = healthRecordSchema.parse(w.h.runtime.kvs.get(storeKeys.health('auto-ticket')));
    expect(health.lastError?.message).toMatch(/ran out of time/);

    w.h.runtime.setLatency({ egress: 200 });
    await w.run();
    expect(w.ticketCount()).toBe(1);
  });
});
