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

function fakes(count: number, failOn: Set<string>, commentFailsOn = new Set<string>()) {
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
  const comments: Array<{ issueId: string; body: unknown }> = [];
  const jiraAsApp = {
    async addComment(issueId: string, body: unknown) {
      await tick();
      if (commentFailsOn.has(issueId))
        throw new Error('Jira answered HTTP 500 to POST /rest/api/3/issue/x/comment.');
      comments.push({ issueId, body });
      return { id: String(comments.length) };
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
    jiraAsApp,
    links: store,
    now: () => new Date('2026-02-01T00:00:00.000Z'),
  };
  return { deps, links, audit, comments, maxInFlight: () => maxInFlight };
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

  it('explains each move in a comment written as the app; a lost comment is reported, the move still counts', async () => {
    const world = fakes(3, new Set(), new Set(['10001']));
    const summary = await bulkTriage(
      world.deps,
      { findingIds: ['f-0', 'f-1', 'f-2'], outcome: 'accepted_risk', reason: 'Behind the VPN' },
      { accountId: 'admin-1' },
    );

    expect(world.comments.map((c) => c.issueId).sort()).toEqual(['10000', '10002']);
    expect(JSON.stringify(world.comments[0]?.body)).toContain('Reason: Behind the VPN');
    expect(JSON.stringify(world.comments[0]?.body)).toContain('"id":"admin-1"');
    expect(summary).toMatchObject({ jiraTransitioned: 3 });
    expect(summary.failures).toEqual([
      {
        findingId: 'f-1',
        issueKey: 'SEC-1',
        stage: 'jira',
        reason: expect.stringMatching(
          /^The issue moved, but the app's comment explaining why could not be added: .*HTTP 500/,
        ),
      },
    ]);
    expect(world.audit.filter((e) => e.action === 'jira-transitioned')).toHaveLength(3);
  });
});
