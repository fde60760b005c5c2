import { type ZeroPathSession } from '../../../../src/app/connection/zeropath-access';
import {
  cursorPast,
  sweepZeroPathChanges,
  type SweepLimits,
  type SweepSummary,
  type ZeroPathSweepDeps,
} from '../../../../src/app/sync/sync-from-zeropath';
import { type Finding } from '../../../../src/core/finding/finding';
import { type FindingLink } from '../../../../src/core/link/finding-link';
import { type JiraClient } from '../../../../src/infra/jira/jira-client';
import { JiraRateLimitedError } from '../../../../src/infra/jira/jira-errors';
import { type HealthStore } from '../../../../src/infra/store/health-store';
import { type LinkStore } from '../../../../src/infra/store/link-store';
import { type SyncStateStore } from '../../../../src/infra/store/sync-state-store';
import { type ChangeCursor, type ZeroPathClient } from '../../../../src/infra/zeropath/zeropath-client';

/**
 * The sweep's per-run bound with in-memory fakes and a fake invocation clock: where it stops, and
 * the cursor it leaves. The integration test (test/integration/sync/sweep-bounds.test.ts) drains a
 * real backlog through the runtime and simulators.
 */
const T = (second: number) => `2026-03-01T10:00:${String(second).padStart(2, '0')}.000Z`;

function aFinding(id: string, second: number, status: Finding['status'] = 'resolved'): Finding {
  return { id, status, updatedAt: T(second), url: `https://zeropath.com/app/issues/${id}` } as Finding;
}

function aLink(findingId: string): FindingLink {
  return {
    findingId,
    issueId: `i-${findingId}`,
    issueKey: `SEC-${findingId}`,
    projectKey: 'SEC',
    createdAt: T(0),
    createdBy: 'u',
    snapshot: {
      title: 't',
      status: 'open',
      score: 80,
      severity: 'High',
      category: 'SAST',
      cwes: [],
      repository: { id: 'r' },
      location: {},
      url: 'https://zeropath.com/app/issues/x',
      updatedAt: T(0),
    },
    snapshotAt: T(0),
    lastWritten: {},
  };
}

function world(input: {
  changes: Finding[];
  linked?: string[];
  limits: SweepLimits;
  jira?: Partial<JiraClient>;
}) {
  const start: ChangeCursor = { updatedAt: T(0), idsAtUpdatedAt: [] };
  let stored: ChangeCursor | null = start;
  const links = new Map((input.linked ?? []).map((id) => [id, aLink(id)]));
  const client = {
    readChangesSince: (cursor: ChangeCursor | null) => {
      const after = input.changes.filter(
        (f) =>
          cursor === null ||
          Date.parse(f.updatedAt) > Date.parse(cursor.updatedAt) ||
          (f.updatedAt === cursor.updatedAt && !cursor.idsAtUpdatedAt.includes(f.id)),
      );
      const newest = after.reduce((a, f) => (f.updatedAt > a ? f.updatedAt : a), '');
      return Promise.resolve({
        changes: after,
        skipped: [],
        cursor:
          after.length === 0
            ? cursor
            : {
                updatedAt: newest,
                idsAtUpdatedAt: after.filter((f) => f.updatedAt === newest).map((f) => f.id),
              },
      });
    },
  } as unknown as ZeroPathClient;
  const deps: ZeroPathSweepDeps = {
    links: {
      getByFinding: (id: string) => Promise.resolve(links.get(id)),
      save: (link: FindingLink) => {
        links.set(link.findingId, link);
        return Promise.resolve();
      },
      appendAudit: () => Promise.resolve(),
    } as unknown as LinkStore,
    health: { recordRun: () => Promise.resolve() } as unknown as HealthStore,
    syncState: {
      readCursor: () => Promise.resolve(stored),
      writeCursor: (_name: string, cursor: ChangeCursor) => {
        stored = cursor;
        return Promise.resolve();
      },
    } as unknown as SyncStateStore,
    jira: (input.jira ?? {}) as JiraClient,
    openZeroPath: () =>
      Promise.resolve({ client, config: { sync: { sweepEnabled: true } } } as unknown as ZeroPathSession),
    now: () => new Date(T(59)),
    limits: input.limits,
  };
  return {
    run: async () => (await sweepZeroPathChanges(deps)) as SweepSummary,
    cursor: () => stored,
  };
}

describe('sweep bound per run', () => {
  it('stops when the invocation has less than the reserve left, and resumes exactly there', async () => {
    // 60 s left at the start, 10 s spent per change, 35 s reserve: three changes fit in a run.
    let remaining = 60_000;
    const changes = ['a', 'b', 'c', 'd', 'e'].map((id, i) => aFinding(id, i + 1));
    const w = world({
      changes,
      limits: { maxChangesPerRun: 100, reserveMs: 35_000, remainingMs: () => (remaining -= 10_000) + 10_000 },
    });

    const first = await w.run();
    expect(first).toMatchObject({ changesRead: 5, deferred: 2, stoppedBy: 'time', cursorAdvanced: true });
    expect(w.cursor()).toEqual({ updatedAt: T(3), idsAtUpdatedAt: ['c'] });

    remaining = 60_000;
    const second = await w.run();
    expect(second).toMatchObject({ changesRead: 2, deferred: 0, cursorAdvanced: true });
    expect(second.stoppedBy).toBeUndefined();
    expect(w.cursor()).toEqual({ updatedAt: T(5), idsAtUpdatedAt: ['e'] });
  });

  it('with no time for one change, keeps the cursor where it was', async () => {
    const w = world({
      changes: [aFinding('a', 1)],
      limits: { maxChangesPerRun: 100, reserveMs: 30_000, remainingMs: () => 29_999 },
    });
    expect(await w.run()).toMatchObject({ deferred: 1, stoppedBy: 'time', cursorAdvanced: false });
    expect(w.cursor()).toEqual({ updatedAt: T(0), idsAtUpdatedAt: [] });
  });

  it('a Jira 429 moves the cursor past the changes finished before it, not past the one that waited', async () => {
    let calls = 0;
    const jira: Partial<JiraClient> = {
      getIssue: () => {
        calls += 1;
        return Promise.reject(new JiraRateLimitedError('get issue', 30, 'jira-burst-based'));
      },
    };
    const w = world({
      changes: [aFinding('u1', 1), aFinding('u2', 2), aFinding('l1', 2), aFinding('u3', 3)],
      linked: ['l1'],
      limits: { maxChangesPerRun: 100, reserveMs: 0 },
      jira,
    });
    const summary = await w.run();
    expect(summary).toMatchObject({ stoppedBy: 'retry-after', retryAfterSeconds: 30, deferred: 2 });
    expect(calls).toBe(1);
    // u2 shares l1's timestamp: the cursor names u2 as done at that time, so l1 is read again.
    expect(w.cursor()).toEqual({ updatedAt: T(2), idsAtUpdatedAt: ['u2'] });
  });
});

describe('cursorPast', () => {
  it('keeps the ids the previous cursor held at the same time', () => {
    const previous = { updatedAt: T(4), idsAtUpdatedAt: ['x'] };
    expect(cursorPast([aFinding('y', 4), aFinding('z', 4)], previous)).toEqual({
      updatedAt: T(4),
      idsAtUpdatedAt: ['x', 'y', 'z'],
    });
    expect(cursorPast([aFinding('y', 4), aFinding('z', 5)], previous)).toEqual({
      updatedAt: T(5),
      idsAtUpdatedAt: ['z'],
    });
    expect(cursorPast([], previous)).toBeNull();
  });
});
