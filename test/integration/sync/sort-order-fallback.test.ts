// The harness must be imported first: it loads the local Forge runtime before @forge/api.
import { startHarness, type Harness } from '../harness';
import { adminEndpoints } from '../../../src/contract/admin';
import { STATUS } from '../../sim/jira/jira-seed-builder';
import { expectValue } from '../admin/admin-test-kit';
import { aRule, startAutoTicketWorld, type AutoTicketWorld } from '../auto-ticket/auto-ticket-world';
import { givenLinkedIssue, givenSyncConfig } from './sync-test-helpers';

/**
 * ZeroPath documents `sortBy` for issue search only as `score` and `createdAt`. When the simulator
 * ignores the `updatedAt` order the change readers ask for (answering by score), the status sweep
 * and auto-ticketing must still see every change, and Health must say what happened.
 */
describe('status sweep with sortBy ignored', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ runtime: { retryDelayScale: 0.0001 } });
    givenSyncConfig(h);
  });
  afterEach(async () => {
    await h.close();
  });

  const sweep = async () => {
    await h.runtime.runScheduledTrigger('zp-status-sweep');
    await h.runtime.settle();
  };

  it('moves every linked issue whose finding changed, though older findings come first', async () => {
    const linked = [await givenLinkedIssue(h), await givenLinkedIssue(h), await givenLinkedIssue(h)];
    // Low scores: in ZeroPath's score order they sit behind 300 older findings.
    for (const l of linked) h.zeropath.control.updateFinding(l.findingId, { score: 3 });
    await sweep();

    h.zeropath.control.setApiVariant({ ignoreSortBy: true });
    h.zeropath.control.advanceTime(60_000);
    for (const l of linked) h.zeropath.control.setFindingStatus(l.findingId, 'RESOLVED');
    await sweep();

    for (const l of linked) {
      expect(h.jira.state.issuesByKey.get(l.issueKey)?.statusId).toBe(STATUS.done);
    }
    const health = await expectValue(h, adminEndpoints.getHealth, {});
    expect(health.ordering).toEqual([
      expect.objectContaining({
        job: 'zeropath-sweep',
        honoured: false,
        detail: expect.stringMatching(/did not return findings in the order asked/),
      }),
    ]);

    // The next run, with the order still ignored, neither misses a new change nor repeats old ones.
    const [first] = linked;
    if (first === undefined) throw new Error('no linked issue');
    h.zeropath.control.advanceTime(60_000);
    h.zeropath.control.setFindingStatus(first.findingId, 'REVIEWING');
    await sweep();
    expect(h.jira.state.issuesByKey.get(first.issueKey)?.statusId).not.toBe(STATUS.done);
  });

  it('when the order is honoured, reads one page and records that in Health', async () => {
    const linked = await givenLinkedIssue(h);
    await sweep();
    h.zeropath.requestLog.clear();
    h.zeropath.control.advanceTime(60_000);
    h.zeropath.control.setFindingStatus(linked.findingId, 'RESOLVED');
    await sweep();
    expect(h.zeropath.requestLog.entries.filter((e) => e.path === '/api/v1/issues/search')).toHaveLength(1);
    const health = await expectValue(h, adminEndpoints.getHealth, {});
    expect(health.ordering?.[0]).toMatchObject({ job: 'zeropath-sweep', honoured: true });
  });
});

describe('auto-ticketing with sortBy ignored', () => {
  let w: AutoTicketWorld;
  beforeEach(async () => {
    w = await startAutoTicketWorld();
  });
  afterEach(async () => {
    await w.close();
  });

  it('tickets a new low-score finding that the score order puts behind older ones', async () => {
    w.configure({ autoTicketing: { rules: [aRule({ scoreThreshold: 0 })] } });
    const older = w.addFinding({ repositoryId: w.repos.web, score: 99 });
    w.h.zeropath.control.advanceTime(1_000);
    const before = w.addFinding({ repositoryId: w.repos.web, score: 95 });
    await w.run();
    expect(w.issueOf(older)).toBeDefined();
    expect(w.issueOf(before)).toBeDefined();

    w.h.zeropath.control.setApiVariant({ ignoreSortBy: true });
    w.h.zeropath.control.advanceTime(60_000);
    const fresh = [
      w.addFinding({ repositoryId: w.repos.web, score: 20 }),
      w.addFinding({ repositoryId: w.repos.plain, score: 15 }),
    ];
    await w.run();
    for (const id of fresh) expect(w.issueOf(id)).toBeDefined();
    expect(w.ticketCount()).toBe(4);
  });
});
