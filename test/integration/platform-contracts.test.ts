// Handler contracts only the real Forge platform would notice, held through the local platform:
// scheduled triggers answer with a response object (the runtime rejects anything else as Forge's
// 424), and no consumer asks the queue for a retryAfter past Forge's 900 s cap (the harness checks
// every integration test for that; this file provokes the case on purpose).
// The harness must be imported first: it loads the local Forge runtime before @forge/api.
import { startHarness, type Harness } from './harness';
import { DEMO_USERS } from '../sim/jira/jira-seed-builder';
import { storeKeys } from '../../src/infra/store/store-keys';
import { MAX_RETRY_AFTER_SECONDS, retryLater } from '../../src/entry/consumers/retry-later';
import { givenLinkedIssue, givenSyncConfig, zeroPathStatus } from './sync/sync-test-helpers';

let h: Harness;

beforeEach(async () => {
  h = await startHarness({ runtime: { retryDelayScale: 0.0001 } });
});
afterEach(async () => {
  await h.close();
});

describe('scheduled triggers answer Forge with a response', () => {
  it.each(['zp-auto-ticket', 'zp-status-sweep'])(
    '%s answers 204 on a fresh install (nothing connected yet)',
    async (key) => {
      await expect(h.runtime.runScheduledTrigger(key)).resolves.toEqual({ statusCode: 204 });
    },
  );

  it.each(['zp-auto-ticket', 'zp-status-sweep'])('%s answers 204 after a connected run', async (key) => {
    givenSyncConfig(h);
    await expect(h.runtime.runScheduledTrigger(key)).resolves.toEqual({ statusCode: 204 });
    await h.runtime.settle();
  });

  it('the status sweep answers 500 naming the step when ZeroPath is down, and Health says why', async () => {
    givenSyncConfig(h);
    h.zeropath.control.injectFault('*', { status: 503, times: 'always' });
    const response = await h.runtime.runScheduledTrigger('zp-status-sweep');
    expect(response).toMatchObject({ statusCode: 500, statusText: expect.stringContaining('zeropath-sweep') });
    expect(h.runtime.log.at(-1)).toMatchObject({ kind: 'scheduled', outcome: 'error', statusCode: 500 });
    const health = h.runtime.kvs.get(storeKeys.health('zeropath-sweep')) as {
      lastError?: { message: string };
    };
    expect(health.lastError?.message).toMatch(/503|unavailable/i);
  });
});

describe('InvocationError retryAfter stays within Forge’s 900 s cap', () => {
  it('a ZeroPath Retry-After of an hour asks the queue for 900 s, and the job still completes', async () => {
    givenSyncConfig(h);
    const linked = await givenLinkedIssue(h);
    h.zeropath.control.injectFault('/api/v2/issues/updateStatus', {
      status: 429,
      times: 1,
      retryAfter: 3600,
    });
    h.jira.control.transitionAs(DEMO_USERS.dev1, linked.issueKey, 'Done', { resolution: 'Done' });
    await h.runtime.settle();

    const deliveries = h.runtime.log.filter((r) => r.key === 'zp-jobs-consumer');
    expect(deliveries.map((d) => d.outcome)).toEqual(['retry', 'ok']);
    expect(deliveries[0]?.retryAfterSeconds).toBe(MAX_RETRY_AFTER_SECONDS);
    // The app itself asked for 900; the runtime records a request it had to lower.
    expect(deliveries[0]?.requestedRetryAfterSeconds).toBeUndefined();
    expect(zeroPathStatus(h, linked.findingId)).toBe('RESOLVED');
  });

  it.each([
    [3600, 900],
    [900, 900],
    [0.2, 1],
    [0, 1],
    [Number.NaN, 900],
  ])('retryLater(%p) asks for %p s', (asked, sent) => {
    expect(retryLater(asked)).toMatchObject({
      retryOptions: { retryAfter: sent, retryReason: 'FUNCTION_RETRY_REQUEST' },
    });
  });
});
