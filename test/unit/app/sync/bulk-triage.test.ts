import { bulkTriage, JIRA_CONCURRENCY, type BulkTriageDeps } from '../../../../src/app/sync/bulk-triage';
import { type FindingLink, type AuditEntry } from '../../../../src/core/link/finding-link';
import { type JiraClient } from '../../../../src/infra/jira/jira-client';
import { JiraRateLimitedError } from '../../../../src/infra/jira/jira-errors';
import { type LinkStore } from '../../../../src/infra/store/link-store';
import { type ZeroPathClient } from '../../../../src/infra/zeropath/zeropath-client';

/** Bulk triage with in-memory fakes: how it schedules work, not what the simulators answer. */
function aLink(n: number): FindingLink {
  return {
    findingId: `f-${n}`,
    issueId: String(10_000 + n),
    issueKey: `SEC-${n}`,
    projectKey: 'SEC',
    createdAt: '2026-01-01T00:00:00.000Z',
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
      url: `https://zeropath.com/app/issues/f-${n}`,
      updatedAt: '2026-01-01T00:00:00.000Z',
    },
    snapshotAt: '2026-01-01T00:00:00.000Z',
    lastWritten: {},
  };
}

const doneTransition = {
  id: '31',
  name: 'Done',
  to: { id: '10001', name: 'Done', statusCategory: { key: 'done' } },
};

function fakes(count: number, failOn: Set<string>) {
  const links = new Map(Array.from({ length: count }, (_, i) => aLink(i)).map((l) => [l.findingId, l]));
  const audit: AuditEntry[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const tick = () => new Promise((resolve) => setTimeout(resolve, 2));
  const jira = {
    async getIssue(id: string) {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await tick();
      return {
        id,
        key: id,
        fields: { status: { id: '10000', name: 'To Do', statusCategory: { key: 'new' } } },
      };
    },
    async getTransitions() {
      await tick();
      return [doneTransition];
    },
    async transitionIssue(id: string) {
      await tick();
      inFlight -= 1;
      if (failOn.has(id))
        throw new JiraRateLimitedError(
          `POST /rest/api/3/issue/${id}/transitions`,
          30,
          'jira-per-issue-on-write',
        );
    },
  } as unknown as JiraClient;
  const zeroPath = { updateStatus: jest.fn(() => Promise.resolve([])) } as unknown as ZeroPathClient;
  const store = {
    getByFinding: (id: string) => Promise.resolve(links.get(id)),
    save(link: FindingLink) {
      links.set(link.findingId, link);
      return Promise.resolve();
    },
    appendAudit(entry: AuditEntry) {
      audit.push(entry);
      return Promise.resolve();
    },
  } as unknown as LinkStore;
  const deps: BulkTriageDeps = {
    zeroPath,
    jira,
    links: store,
    now: () => new Date('2026-02-01T00:00:00.000Z'),
  };
  return { deps, links, audit, maxInFlight: () => maxInFlight };
}

describe('bulkTriage scheduling', () => {
  it(`moves at most ${JIRA_CONCURRENCY} issues at a time, and one failure does not stop the rest`, async () => {
    const world = fakes(30, new Set(['10007']));
    const ids = Array.from({ length: 30 }, (_, i) => `f-${i}`);
    const summary = await bulkTriage(
      world.deps,
      { findingIds: ids, outcome: 'resolved', reason: 'patched' },
      { accountId: 'admin' },
    );

    expect(world.maxInFlight()).toBeLessThanOrEqual(JIRA_CONCURRENCY);
    expect(world.maxInFlight()).toBeGreaterThan(1);
    expect(summary).toEqual({
      requested: 30,
      zeropathUpdated: 30,
      jiraTransitioned: 29,
      jiraAlreadyThere: 0,
      notLinked: 0,
      failures: [
        {
          findingId: 'f-7',
          issueKey: 'SEC-7',
          stage: 'jira',
          reason: expect.stringMatching(/429.*retry in 30 s/),
        },
      ],
    });
    // The failed issue still records that ZeroPath now holds what the app wrote (the sweep must not bounce it).
    expect(world.links.get('f-7')?.lastWritten).toEqual({
      zeropathStatus: 'resolved',
      at: '2026-02-01T00:00:00.000Z',
    });
    expect(world.audit.filter((e) => e.action === 'bulk-triage')).toHaveLength(30);
    expect(world.audit.filter((e) => e.action === 'jira-transitioned')).toHaveLength(29);
    expect(world.links.get('f-8')?.lastWritten).toMatchObject({
      zeropathStatus: 'resolved',
      jiraStatusId: '10001',
    });
  });
});
