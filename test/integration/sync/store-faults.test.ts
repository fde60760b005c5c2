// The harness must be imported first: it loads the local Forge runtime before @forge/api.
import { startHarness, type Harness } from '../harness';
import { kvs, ForgeKvsAPIError } from '@forge/kvs';
import { DEMO_USERS } from '../../sim/jira/jira-seed-builder';
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
});
