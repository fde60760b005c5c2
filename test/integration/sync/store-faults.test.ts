// The harness must be imported first: it loads the local Forge runtime before @forge/api.
import { startHarness, type Harness } from '../harness';
import { kvs, ForgeKvsAPIError } from '@forge/kvs';
import { DEMO_USERS } from '../../sim/jira/jira-seed-builder';
import { storeKeys } from '../../../src/infra/store/store-keys';
import { adfText, givenLinkedIssue, givenSyncConfig, linkOf, zeroPathStatus } from './sync-test-helpers';

/**
 * Finding 5 of issue 17 (part): a KVS read error in the trigger or in the sync job left a closure
 * Jira done / ZeroPath open for good (a trigger is never redelivered; the job dropped the error).
 * Now a transient storage error queues the event anyway and makes the job retry: the closure lands.
 */
let h: Harness;
beforeEach(async () => {
  h = await startHarness({ runtime: { retryDelayScale: 0.0001 } });
  givenSyncConfig(h);
});
afterEach(async () => {
  jest.restoreAllMocks();
  await h.close();
});

const storageDown = () =>
  new ForgeKvsAPIError(
    { status: 503, statusText: 'Service Unavailable' },
    { code: 'SERVICE_UNAVAILABLE', message: 'storage is unavailable' },
  );

describe('a KVS failure during Jira → ZeroPath sync becomes a retry, never a lost closure', () => {
  it.each([
    ['the trigger’s relevance check', 1],
    ['the trigger and the first delivery of the sync job', 6],
  ])('KVS fails in %s', async (_where, failures) => {
    const linked = await givenLinkedIssue(h);
    h.jira.control.commentAs(
      DEMO_USERS.dev1,
      linked.issueKey,
      adfText('Fixed in PR #412, deployed to production.'),
    );
    await h.runtime.settle();
    const realGet = kvs.get.bind(kvs);
    let left = failures;
    jest.spyOn(kvs, 'get').mockImplementation(((key: string, options?: unknown) => {
      if (left > 0) {
        left -= 1;
        return Promise.reject(storageDown());
      }
      return (realGet as (k: string, o?: unknown) => Promise<unknown>)(key, options);
    }) as typeof kvs.get);
    h.jira.control.transitionAs(DEMO_USERS.dev1, linked.issueKey, 'Done', { resolution: 'Done' });
    await h.runtime.settle();
    expect(left).toBe(0);
    expect(zeroPathStatus(h, linked.findingId)).toBe('RESOLVED');
    expect(linkOf(h, linked.findingId)?.lastClosure?.decision).toBe('resolved');
  });

  // Found by the chaos test: the job was dropped at the platform's retry cap (1 + 4 deliveries).
  it('KVS down for longer than the platform retries the sync job: the job is queued afresh, the closure lands', async () => {
    const linked = await givenLinkedIssue(h);
    h.jira.control.commentAs(DEMO_USERS.dev1, linked.issueKey, adfText('Fixed in PR #412, deployed to production.'));
    await h.runtime.settle();
    const consumerRuns = () => h.runtime.log.filter((r) => r.kind === 'consumer').length;
    const before = consumerRuns();
    const realGet = kvs.get.bind(kvs);
    // Every read fails until six deliveries of the job have failed (the platform makes five).
    jest.spyOn(kvs, 'get').mockImplementation(((key: string, options?: unknown) => {
      if (consumerRuns() - before < 6) return Promise.reject(storageDown());
      return (realGet as (k: string, o?: unknown) => Promise<unknown>)(key, options);
    }) as typeof kvs.get);
    h.jira.control.transitionAs(DEMO_USERS.dev1, linked.issueKey, 'Done', { resolution: 'Done' });
    await h.runtime.settle();
    // More deliveries than the platform makes of one event: the job was queued afresh.
    expect(consumerRuns() - before).toBeGreaterThan(6);
    expect(zeroPathStatus(h, linked.findingId)).toBe('RESOLVED');
  });

  // Found by the chaos test: an outage longer than every round of retries dropped the job; and with
  // duplicate deliveries each round's copies doubled (settle() stopped at 1,000 deliveries).
  it('ZeroPath down through every round of retries, deliveries duplicated: the job is parked once, and the sweep lands the closure after the outage', async () => {
    h.runtime.queueOptions({ duplicateDeliveries: true });
    const linked = await givenLinkedIssue(h);
    h.jira.control.commentAs(DEMO_USERS.dev1, linked.issueKey, adfText('Fixed in PR #412, deployed to production.'));
    await h.runtime.settle();
    h.zeropath.control.injectFault('*', { status: 503, times: 'always' });
    const before = h.runtime.log.length;
    h.jira.control.transitionAs(DEMO_USERS.dev1, linked.issueKey, 'Done', { resolution: 'Done' });
    await h.runtime.settle();
    const deliveries = h.runtime.log.slice(before).filter((r) => r.kind === 'consumer').length;
    // 9 rounds of 5 deliveries (each round's first one duplicated), not 2^9 copies.
    expect(deliveries).toBeLessThan(120);
    expect(h.runtime.kvs.entries(storeKeys.parkedSyncPrefix)).toHaveLength(1);
    expect(zeroPathStatus(h, linked.findingId)).not.toBe('RESOLVED');

    h.zeropath.control.clearFaults();
    await h.runtime.runScheduledTrigger('zp-status-sweep');
    await h.runtime.settle();
    expect(zeroPathStatus(h, linked.findingId)).toBe('RESOLVED');
    expect(h.runtime.kvs.entries(storeKeys.parkedSyncPrefix)).toEqual([]);
  });

  // Found by the chaos test: with storage failing as the job was parked, the job was dropped.
  it('the park write fails too: the job stays on the queue, parks on a later round, and the closure lands', async () => {
    const linked = await givenLinkedIssue(h);
    h.jira.control.commentAs(DEMO_USERS.dev1, linked.issueKey, adfText('Fixed in PR #412, deployed to production.'));
    await h.runtime.settle();
    h.zeropath.control.injectFault('*', { status: 503, times: 'always' });
    const realSet = kvs.set.bind(kvs);
    let parkFailures = 1;
    jest.spyOn(kvs, 'set').mockImplementation(((key: string, value: unknown, options?: unknown) => {
      if (key.startsWith(storeKeys.parkedSyncPrefix) && parkFailures > 0) {
        parkFailures -= 1;
        return Promise.reject(storageDown());
      }
      return (realSet as (k: string, v: unknown, o?: unknown) => Promise<void>)(key, value, options);
    }) as typeof kvs.set);
    h.jira.control.transitionAs(DEMO_USERS.dev1, linked.issueKey, 'Done', { resolution: 'Done' });
    await h.runtime.settle();
    expect(parkFailures).toBe(0);
    expect(h.runtime.kvs.entries(storeKeys.parkedSyncPrefix)).toHaveLength(1);

    h.zeropath.control.clearFaults();
    await h.runtime.runScheduledTrigger('zp-status-sweep');
    await h.runtime.settle();
    expect(zeroPathStatus(h, linked.findingId)).toBe('RESOLVED');
  });
});
