// The harness must be imported first: it loads the local Forge runtime before @forge/api.
import { startHarness, type Harness } from '../harness';
import * as appHandlers from '../../../src/index';
import { pollWith } from '../../../src/entry/scheduled/poll';
import { STATUS } from '../../sim/jira/jira-seed-builder';
import { APP_ACCOUNT_ID } from '../../sim/shared/principal';
import { storeKeys } from '../../../src/infra/store/store-keys';
import { auditOf, givenLinkedIssue, givenSyncConfig, type LinkedIssue } from './sync-test-helpers';

/**
 * Issue 6 gap: one sweep run is bounded (a change cap here; the time left is the other bound) and
 * the next run resumes from the stored cursor, so a backlog of ZeroPath changes drains over a few
 * runs with every change handled exactly once — including changes tied on the same timestamp
 * across the cut, and a change that arrives while the backlog is still draining.
 */
const CAP = 3;
const SWEEP = 'zp-status-sweep';
const CURSOR = storeKeys.cursor('zeropath-status-sweep');

let h: Harness;

afterEach(async () => {
  await h.close();
});

async function startWith(limits: Parameters<typeof pollWith>[0]): Promise<void> {
  // The real manifest and handlers; only the sweep's bound is smaller than production's.
  h = await startHarness({
    runtime: { retryDelayScale: 0.0001 },
    handlers: { ...appHandlers, poll: pollWith(limits) },
  });
  givenSyncConfig(h);
}

function issue(key: string) {
  const stored = h.jira.state.issuesByKey.get(key);
  if (stored === undefined) throw new Error(`no issue ${key}`);
  return stored;
}

const transitionsSoFar = () =>
  h.jira.requestLog.entries.filter((e) => e.method === 'POST' && e.path.endsWith('/transitions')).length;

/** One sweep run; answers how many issues it moved. */
async function sweep(): Promise<number> {
  const before = transitionsSoFar();
  await h.runtime.runScheduledTrigger(SWEEP);
  await h.runtime.settle();
  return transitionsSoFar() - before;
}

describe('the status sweep is bounded per run and resumes from its cursor', () => {
  it(`drains a backlog ${CAP} changes a run, ties across the cut included, losing and repeating nothing`, async () => {
    await startWith({ maxChangesPerRun: CAP });
    const base = Date.now() - 60_000;
    const at = (seconds: number) => new Date(base + seconds * 1000).toISOString();
    h.zeropath.control.setTime(at(0));
    const linked: LinkedIssue[] = [];
    for (let i = 0; i < 7; i += 1) linked.push(await givenLinkedIssue(h));
    const pick = (i: number): LinkedIssue => {
      const l = linked[i];
      if (l === undefined) throw new Error(`no linked issue ${i}`);
      return l;
    };
    const [l1, l2, l3, l4, l5, l6, l7] = [0, 1, 2, 3, 4, 5, 6].map(pick) as [
      LinkedIssue,
      LinkedIssue,
      LinkedIssue,
      LinkedIssue,
      LinkedIssue,
      LinkedIssue,
      LinkedIssue,
    ];
    const [u1, u2] = h.zeropath.control.addFindings(2).map((f) => f.id) as [string, string];
    // Caught up with everything before the backlog (set-up shortcut: the seed is not part of this test).
    h.runtime.kvs.set(CURSOR, {
      updatedAt: at(0),
      idsAtUpdatedAt: [...linked.map((l) => l.findingId), u1, u2],
    });

    // The backlog: nine changes at six times; three linked ones share a timestamp, as do two more.
    const change = (
      seconds: number,
      id: string,
      status: 'RESOLVED' | 'FALSE_POSITIVE' | 'ACCEPTED_RISK' | 'PENDING_REVIEW',
    ) => {
      h.zeropath.control.setTime(at(seconds));
      h.zeropath.control.setFindingStatus(id, status);
    };
    change(1, l1.findingId, 'RESOLVED');
    change(2, u1, 'RESOLVED');
    for (const l of [l2, l3, l4]) change(3, l.findingId, 'FALSE_POSITIVE');
    change(4, u2, 'RESOLVED');
    for (const l of [l5, l6]) change(5, l.findingId, 'ACCEPTED_RISK');
    change(6, l7.findingId, 'RESOLVED');
    h.zeropath.requestLog.clear();

    // Run 1: l1, u1 and one of the three tied at t3 — the cut falls inside the tie.
    expect(await sweep()).toBe(2);
    const cursor = h.runtime.kvs.get(CURSOR) as { updatedAt: string; idsAtUpdatedAt: string[] };
    expect(Date.parse(cursor.updatedAt)).toBe(Date.parse(at(3)));
    expect(cursor.idsAtUpdatedAt).toHaveLength(1);
    expect([l2, l3, l4].map((l) => l.findingId)).toContain(cursor.idsAtUpdatedAt[0]);

    // Run 2: the other two tied at t3, then u2.
    expect(await sweep()).toBe(2);
    // Meanwhile in ZeroPath, l1 is reopened: a newer change behind a backlog that is still draining.
    change(7, l1.findingId, 'PENDING_REVIEW');
    // Run 3: l5, l6 (tied), l7; l1's reopen waits for the next run.
    expect(await sweep()).toBe(3);
    expect(issue(l1.issueKey).statusId).toBe(STATUS.done);
    // Run 4: l1 goes back to To Do. Run 5: nothing left.
    expect(await sweep()).toBe(1);
    expect(await sweep()).toBe(0);

    expect(issue(l1.issueKey).statusId).toBe(STATUS.todo);
    for (const l of [l2, l3, l4]) expect(issue(l.issueKey).statusId).toBe(STATUS.wontDo);
    for (const l of [l5, l6]) expect(issue(l.issueKey).statusId).toBe(STATUS.wontDo);
    expect(issue(l7.issueKey).statusId).toBe(STATUS.done);
    // Exactly once: one explaining comment and one audit entry per change, l1 twice (closed, reopened).
    for (const l of linked) {
      const expected = l === l1 ? 2 : 1;
      expect(issue(l.issueKey).comments.filter((c) => c.authorId === APP_ACCOUNT_ID)).toHaveLength(expected);
      expect(auditOf(h, l.findingId).map((e) => e.action)).toEqual(Array(expected).fill('jira-transitioned'));
    }
    // Each run read ZeroPath's change feed once: resuming costs no extra reads.
    expect(h.zeropath.requestLog.entries.filter((e) => e.path === '/api/v1/issues/search')).toHaveLength(5);
  });

  it('a run with less time left than its reserve starts no change and keeps its cursor', async () => {
    // The poll function has 120 s (manifest): a reserve above that leaves no time for one change,
    // which proves the bound reads the invocation's remaining time. How a cut run resumes is the
    // same cursor logic as the change cap above (and unit-tested with a fake clock).
    await startWith({ reserveMs: 10 * 60_000 });
    const linked = await givenLinkedIssue(h);
    const cursor = { updatedAt: new Date(Date.now() - 1000).toISOString(), idsAtUpdatedAt: [] };
    h.runtime.kvs.set(CURSOR, cursor);
    h.zeropath.control.setFindingStatus(linked.findingId, 'RESOLVED');

    expect(await sweep()).toBe(0);
    expect(h.runtime.kvs.get(CURSOR)).toEqual(cursor);
    expect(issue(linked.issueKey).statusId).toBe(STATUS.todo);
    expect(auditOf(h, linked.findingId)).toEqual([]);
  });
});
