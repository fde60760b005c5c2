// The harness must be imported first: it loads the local Forge runtime before @forge/api.
import { startHarness, type Harness } from '../harness';
import { DEMO_USERS, RESOLUTION, STATUS } from '../../sim/jira/jira-seed-builder';
import { APP_ACCOUNT_ID } from '../../sim/shared/principal';
import { storeKeys } from '../../../src/infra/store/store-keys';
import { validateAdf } from '../../sim/shared/adf-validator';
import { auditOf, givenLinkedIssue, givenSyncConfig, linkOf, zeroPathStatus } from './sync-test-helpers';

let h: Harness;

beforeEach(async () => {
  h = await startHarness({ runtime: { retryDelayScale: 0.0001 } });
  givenSyncConfig(h);
});
afterEach(async () => {
  await h.close();
});

const SWEEP = 'zp-status-sweep';

async function sweep(): Promise<void> {
  await h.runtime.runScheduledTrigger(SWEEP);
  await h.runtime.settle();
}

function issue(key: string) {
  const stored = h.jira.state.issuesByKey.get(key);
  if (stored === undefined) throw new Error(`no issue ${key}`);
  return stored;
}

function appComments(key: string) {
  return issue(key).comments.filter((c) => c.authorId === APP_ACCOUNT_ID);
}

/** The words of an ADF comment, as a reader sees them. */
function commentText(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const node = body as { text?: unknown; content?: unknown[] };
  const own = typeof node.text === 'string' ? node.text : '';
  return own + (node.content ?? []).map(commentText).join(' ');
}

function health(kind: string): { lastError?: { message: string } } | undefined {
  return h.runtime.kvs.get(storeKeys.health(kind)) as { lastError?: { message: string } } | undefined;
}

describe('ZeroPath → Jira: each transition choice, with and without resolution screens', () => {
  it.each([
    // SEC: company-managed, Done and Won't Do both carry a required Resolution screen.
    ['SEC', 'RESOLVED', STATUS.done, RESOLUTION.done, /Closed through "Done" \(to Done\), the workflow's step for finished work/],
    [
      'SEC',
      'FALSE_POSITIVE',
      STATUS.wontDo,
      RESOLUTION.cannotReproduce,
      /Closed through "Won't Do" \(to Won't Do\), the workflow's step for work that will not be done/,
    ],
    ['SEC', 'ACCEPTED_RISK', STATUS.wontDo, RESOLUTION.wontDo, /Closed through "Won't Do" \(to Won't Do\), the workflow's step for work that will not be done/],
    // APP: team-managed, no screens, only "Done" into done: false positive falls back to it.
    ['APP', 'RESOLVED', STATUS.done, RESOLUTION.done, /the workflow sets the resolution itself/],
    [
      'APP',
      'FALSE_POSITIVE',
      STATUS.done,
      RESOLUTION.done,
      /no step for work that will not be done, so it was closed through "Done"/,
    ],
  ] as const)(
    '%s: ZeroPath %s moves the issue to status %s with resolution %s',
    async (project, v2, statusId, resolutionId, why) => {
      const linked = await givenLinkedIssue(h, { projectKey: project });
      await sweep(); // establishes the cursor; nothing changed yet
      expect(appComments(linked.issueKey)).toHaveLength(0);

      h.zeropath.control.setFindingStatus(linked.findingId, v2, { by: 'someone in ZeroPath' });
      await sweep();

      expect(issue(linked.issueKey).statusId).toBe(statusId);
      expect(issue(linked.issueKey).resolutionId).toBe(resolutionId);
      const [comment] = appComments(linked.issueKey);
      expect(validateAdf(comment?.body)).toEqual({ valid: true });
      expect(commentText(comment?.body)).toMatch(why);
      const link = linkOf(h, linked.findingId);
      expect(link?.lastWritten.jiraStatusId).toBe(statusId);
      expect(auditOf(h, linked.findingId)).toEqual([
        expect.objectContaining({
          actor: 'zeropath',
          source: 'zeropath',
          action: 'jira-transitioned',
          from: 'open',
        }),
      ]);
      // The app's own transition never comes back as work: ignoreSelf filters it.
      expect(
        h.runtime.log.filter((r) => r.key === 'zp-issue-events' && r.outcome !== 'filtered-self'),
      ).toHaveLength(0);
      expect(zeroPathStatus(h, linked.findingId)).toBe(v2);
    },
  );

  it('moves nothing while the Sync tab\'s status-sweep switch is off, and catches up once it is on', async () => {
    const linked = await givenLinkedIssue(h);
    await sweep();
    givenSyncConfig(h, { sweepEnabled: false });
    h.zeropath.control.setFindingStatus(linked.findingId, 'RESOLVED');
    await sweep();
    expect(issue(linked.issueKey).statusId).toBe(STATUS.todo);
    givenSyncConfig(h, { sweepEnabled: true });
    await sweep();
    expect(issue(linked.issueKey).statusId).toBe(STATUS.done);
  });

  it('reopened in ZeroPath moves a done issue back to a to-do status', async () => {
    const linked = await givenLinkedIssue(h);
    await sweep();
    h.zeropath.control.setFindingStatus(linked.findingId, 'RESOLVED');
    await sweep();
    h.zeropath.control.setFindingStatus(linked.findingId, 'PENDING_REVIEW');
    await sweep();
    expect(issue(linked.issueKey).statusId).toBe(STATUS.todo);
    expect(issue(linked.issueKey).resolutionId).toBeNull();
    expect(commentText(appComments(linked.issueKey)[1]?.body)).toMatch(/Reopened through "To Do"/);
  });

  it('no fitting transition: a comment on the issue and a health error, not silence', async () => {
    h.jira.control.setWorkflow('APP', {
      initialStatusId: STATUS.todo,
      statusIds: [STATUS.todo, STATUS.inProgress, STATUS.wontDo],
      transitions: [
        { id: '11', name: 'To Do', to: STATUS.todo, from: [] },
        { id: '21', name: 'In Progress', to: STATUS.inProgress, from: [] },
        { id: '41', name: "Won't Do", to: STATUS.wontDo, from: [] },
      ],
    });
    const linked = await givenLinkedIssue(h, { projectKey: 'APP' });
    await sweep();
    h.zeropath.control.setFindingStatus(linked.findingId, 'RESOLVED');
    await sweep();

    expect(issue(linked.issueKey).statusId).toBe(STATUS.todo);
    const [comment] = appComments(linked.issueKey);
    expect(commentText(comment?.body)).toMatch(/In ZeroPath, this finding changed from\s+open\s+to\s+resolved\s*, but ZeroPath for Jira could not move this issue/);
    expect(commentText(comment?.body)).toMatch(/steps for work that will not be done are never used for fixed findings/);
    // Plain words, not the program's: no "cancellation-like transition" jargon.
    expect(commentText(comment?.body)).not.toMatch(/cancellation-like|transition into done|fits/i);
    expect(health('zeropath-sweep')?.lastError?.message).toContain(linked.issueKey);
    expect(auditOf(h, linked.findingId)[0]).toMatchObject({ action: 'jira-transition-missing' });
    // Said once: the next sweep does not repeat the comment.
    await sweep();
    expect(appComments(linked.issueKey)).toHaveLength(1);
  });

  it('reads only what changed since the cursor', async () => {
    const linked = await givenLinkedIssue(h);
    await sweep();
    h.zeropath.requestLog.clear();
    await sweep();
    const searches = h.zeropath.requestLog.entries.filter((e) => e.path === '/api/v1/issues/search');
    expect(searches).toHaveLength(1);
    expect(h.runtime.kvs.get(storeKeys.cursor('zeropath-status-sweep'))).toMatchObject({
      idsAtUpdatedAt: [linked.findingId],
    });
  });

  it('a Jira 429 stops the run without moving the cursor; the next run finishes the work', async () => {
    const linked = await givenLinkedIssue(h);
    await sweep();
    h.zeropath.control.setFindingStatus(linked.findingId, 'RESOLVED');
    h.jira.control.injectFault('POST /rest/api/3/issue/:issueIdOrKey/transitions', {
      errorRate: 1,
      errorStatus: 429,
      retryAfterSeconds: 120,
    });
    await sweep();
    expect(issue(linked.issueKey).statusId).toBe(STATUS.todo);
    expect(health('zeropath-sweep')?.lastError?.message).toMatch(/429/);

    h.jira.control.clearFaults();
    await sweep();
    expect(issue(linked.issueKey).statusId).toBe(STATUS.done);
  });
  it('a move Jira refuses outright is recorded once, not retried every five minutes', async () => {
    const linked = await givenLinkedIssue(h);
    const other = await givenLinkedIssue(h);
    await sweep();
    h.zeropath.control.setFindingStatus(linked.findingId, 'RESOLVED');
    h.jira.control.injectFault('POST /rest/api/3/issue/:issueIdOrKey/transitions', {
      errorRate: 1,
      errorStatus: 400,
    });
    await sweep();
    expect(health('zeropath-sweep')?.lastError?.message).toMatch(new RegExp(`${linked.issueKey}: .*400`));
    expect(auditOf(h, linked.findingId).map((e) => e.action)).toEqual(['jira-sync-failed']);

    // The cursor moved on: a later change elsewhere is handled, and the refused move is not re-attempted.
    h.jira.control.clearFaults();
    h.jira.requestLog.clear();
    h.zeropath.control.setFindingStatus(other.findingId, 'RESOLVED');
    await sweep();
    expect(issue(other.issueKey).statusId).toBe(STATUS.done);
    expect(issue(linked.issueKey).statusId).toBe(STATUS.todo);
    expect(
      h.jira.requestLog.entries.filter((e) => e.path.includes(`/issue/${linked.issueId}/`)),
    ).toHaveLength(0);
  });
});

describe('no loops', () => {
  it('both sides changed at once settle: no write after the pair agrees', async () => {
    const a = await givenLinkedIssue(h);
    const b = await givenLinkedIssue(h);
    await sweep();

    // a: a developer closes as Done while ZeroPath accepts the risk; b: a developer starts work
    // while ZeroPath resolves the finding.
    h.zeropath.control.setFindingStatus(a.findingId, 'ACCEPTED_RISK');
    h.jira.control.transitionAs(DEMO_USERS.dev1, a.issueKey, 'Done', { resolution: 'Done' });
    h.zeropath.control.setFindingStatus(b.findingId, 'RESOLVED');
    h.jira.control.transitionAs(DEMO_USERS.dev1, b.issueKey, 'In Progress');
    // Sweep first, then the queued Jira events, then sweep again.
    await h.runtime.runScheduledTrigger(SWEEP);
    await h.runtime.settle();
    await sweep();
    await sweep();

    const writes = () =>
      h.jira.requestLog.entries.filter((e) => e.method !== 'GET' && !e.path.startsWith('/rest/api/3/search'))
        .length + h.zeropath.requestLog.entries.filter((e) => e.path.startsWith('/api/v2/')).length;
    const writesBefore = writes();
    for (let round = 0; round < 3; round += 1) await sweep();
    expect(writes()).toBe(writesBefore);

    // a: Jira done, ZeroPath keeps its own (more specific) accepted risk; b: both closed.
    expect(h.jira.state.statusOf(issue(a.issueKey)).category).toBe('done');
    expect(zeroPathStatus(h, a.findingId)).toBe('ACCEPTED_RISK');
    expect(h.jira.state.statusOf(issue(b.issueKey)).category).toBe('done');
    expect(zeroPathStatus(h, b.findingId)).toBe('RESOLVED');
    // Every change either side made is on the trail.
    expect(
      auditOf(h, a.findingId)
        .map((e) => e.source)
        .sort(),
    ).toEqual(['jira', 'zeropath']);
  });

  it('events first, then the sweep: the pair settles the other way round too', async () => {
    const a = await givenLinkedIssue(h);
    await sweep();
    h.jira.control.transitionAs(DEMO_USERS.dev1, a.issueKey, 'Done', { resolution: 'Done' });
    h.zeropath.control.setFindingStatus(a.findingId, 'PENDING_REVIEW', { by: 'rescan' });
    h.zeropath.control.setFindingStatus(a.findingId, 'REVIEWING', { by: 'rescan' });
    await h.runtime.settle();
    await sweep();
    const status = zeroPathStatus(h, a.findingId);
    const jiraStatus = issue(a.issueKey).statusId;
    for (let round = 0; round < 3; round += 1) await sweep();
    expect(zeroPathStatus(h, a.findingId)).toBe(status);
    expect(issue(a.issueKey).statusId).toBe(jiraStatus);
    expect(status).toBe('RESOLVED');
    expect(jiraStatus).toBe(STATUS.done);
  });
});
