// The harness must load first: it installs the local Forge platform before @forge/api loads.
import { startHarness, type Harness } from '../harness';
import { givenDevelopersAreTheSecurityTeam } from '../stored-config';
import { DEMO_USERS, RESOLUTION, STATUS } from '../../sim/jira/jira-seed-builder';
import { APP_ACCOUNT_ID } from '../../sim/shared/principal';
import { MODULE_KEYS } from '../../../src/contract/modules';
import { actionResultSchema, panelEndpoints, type ActionResult } from '../../../src/contract/panel';
import {
  auditOf,
  givenLinkedIssue,
  givenSyncConfig,
  linkOf,
  zeroPathStatus,
  type LinkedIssue,
} from '../sync/sync-test-helpers';

/**
 * Issue 7: each panel action is "reflected on the Jira issue where the sync rules say so". The
 * issue moves with the same choice the status sweep makes, as the person who triaged; then the
 * trigger, the queue and the sweep run and must write nothing more on either side.
 */
type Answer = { ok: boolean; value?: unknown; error?: { kind: string; message: string } };

let h: Harness;

beforeEach(async () => {
  h = await startHarness({ runtime: { retryDelayScale: 0.0001 } });
  givenSyncConfig(h);
  givenDevelopersAreTheSecurityTeam(h.runtime.kvs);
});
afterEach(async () => {
  await h.close();
});

async function act(
  linked: LinkedIssue,
  project: string,
  key: string,
  payload: unknown,
): Promise<ActionResult> {
  const answer = (await h.runtime.invokeUi(MODULE_KEYS.issuePanel, key, payload, {
    accountId: DEMO_USERS.dev1,
    extension: { issue: { id: linked.issueId, key: linked.issueKey }, project: { id: '1', key: project } },
  })) as Answer;
  if (!answer.ok) throw new Error(`${key} failed: ${answer.error?.kind} ${answer.error?.message}`);
  return actionResultSchema.parse(answer.value);
}

const markFalsePositive = (l: LinkedIssue, project: string) =>
  act(l, project, panelEndpoints.markFalsePositive.key, { reason: 'Input is validated by the gateway' });
const acceptRisk = (l: LinkedIssue, project: string) =>
  act(l, project, panelEndpoints.acceptRisk.key, { reason: 'Internal tool only' });
const reopen = (l: LinkedIssue, project: string) =>
  act(l, project, panelEndpoints.reopen.key, { reason: 'Exposed publicly now' });

function issue(key: string) {
  const stored = h.jira.state.issuesByKey.get(key);
  if (stored === undefined) throw new Error(`no issue ${key}`);
  return stored;
}

/** The words of an ADF document, as a reader sees them. */
function textOf(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const node = body as { text?: unknown; content?: unknown[] };
  return (typeof node.text === 'string' ? node.text : '') + (node.content ?? []).map(textOf).join(' ');
}

/** Every write either side received: Jira's non-GET requests (JQL search is a read) and ZeroPath's status/note changes. */
function writes(): string[] {
  const jira = h.jira.requestLog.entries
    .filter((e) => e.method !== 'GET' && !e.path.startsWith('/rest/api/3/search'))
    .map((e) => `jira ${e.method} ${e.path}`);
  const zeropath = h.zeropath.requestLog.entries
    .filter((e) => e.path.startsWith('/api/v2/') || /mark-|archive/.test(e.path))
    .map((e) => `zeropath ${e.path}`);
  return [...jira, ...zeropath];
}

/**
 * The echo check of issue 6: queued events settle, the status sweep runs (twice: the first may
 * only set its cursor) and nothing writes anything, nor adds to the audit trail.
 */
async function expectSettled(linked: LinkedIssue): Promise<void> {
  const before = writes();
  const trail = auditOf(h, linked.findingId).length;
  await h.runtime.settle();
  for (let round = 0; round < 2; round += 1) {
    await h.runtime.runScheduledTrigger('zp-status-sweep');
    await h.runtime.settle();
  }
  expect(writes()).toEqual(before);
  expect(auditOf(h, linked.findingId)).toHaveLength(trail);
  // The app's own moves never came back as work. Moves made as the app were filtered by
  // ignoreSelf; moves made as the user (asUser, which the strict runtime does not filter) reached
  // the trigger, which recognised the app's last write and queued nothing.
  const triggerRuns = h.runtime.log.filter((r) => r.key === 'zp-issue-events');
  expect(triggerRuns.every((r) => r.outcome === 'filtered-self' || r.outcome === 'ok')).toBe(true);
  expect(h.runtime.log.filter((r) => r.key === 'zp-jobs-consumer')).toEqual([]);
}

describe('panel actions move the linked Jira issue by the sync rules', () => {
  it.each([
    // SEC: company-managed, "Won't Do" (cancellation-like) and "Done", both with a Resolution screen.
    [
      'SEC',
      STATUS.wontDo,
      RESOLUTION.cannotReproduce,
      STATUS.wontDo,
      RESOLUTION.wontDo,
      /Closed through "Won't Do" \(to Won't Do\), the workflow's step for work that will not be done/,
    ],
    // APP: team-managed, only "Done" into done: false positive and accepted risk fall back to it.
    [
      'APP',
      STATUS.done,
      RESOLUTION.done,
      STATUS.done,
      RESOLUTION.done,
      /no step for work that will not be done, so it was closed through "Done"/,
    ],
  ] as const)(
    '%s: false positive → %s, reopen → To Do, accepted risk → %s; nothing echoes',
    async (project, fpStatus, fpResolution, arStatus, arResolution, why) => {
      const linked = await givenLinkedIssue(h, { projectKey: project });
      h.jira.requestLog.clear();
      h.zeropath.requestLog.clear();

      const fp = await markFalsePositive(linked, project);

      expect(fp.warnings).toEqual([]);
      expect(fp.message).toMatch(why);
      expect(zeroPathStatus(h, linked.findingId)).toBe('FALSE_POSITIVE');
      expect(issue(linked.issueKey)).toMatchObject({ statusId: fpStatus, resolutionId: fpResolution });
      // One move as the person who triaged (Jira checks their right to transition), then the
      // app's property and comment; the comment says how the issue moved.
      const transition = h.jira.requestLog.entries.find(
        (e) => e.method === 'POST' && e.path.endsWith('/transitions'),
      );
      expect(transition?.principal).toEqual({ kind: 'user', accountId: DEMO_USERS.dev1, viaApp: true });
      expect(transition?.body).not.toHaveProperty('update');
      expect(writes()).toEqual([
        `jira POST /rest/api/3/issue/${linked.issueId}/transitions`,
        `jira PUT /rest/api/3/issue/${linked.issueId}/properties/zeropath`,
        `jira POST /rest/api/3/issue/${linked.issueId}/comment`,
        'zeropath /api/v1/issues/mark-false-positive',
      ]);
      const comments = issue(linked.issueKey).comments;
      expect(comments).toHaveLength(1);
      expect(comments[0]?.authorId).toBe(APP_ACCOUNT_ID);
      expect(textOf(comments[0]?.body)).toMatch(why);
      // The comment names who decided (a mention of the person) and their reason, in plain words.
      expect(JSON.stringify(comments[0]?.body)).toMatch(new RegExp(`"type":"mention","attrs":\\{[^}]*"id":"${DEMO_USERS.dev1}"`));
      expect(textOf(comments[0]?.body)).toMatch(/marked the ZeroPath finding as a false positive from this issue's panel\. Reason: Input is validated by the gateway/);
      expect(fp.message).toMatch(
        /^Marked as a false positive in ZeroPath\. Reason: Input is validated by the gateway\. The issue moved: /,
      );
      expect(linkOf(h, linked.findingId)?.lastWritten).toMatchObject({
        zeropathStatus: 'false_positive',
        jiraStatusId: fpStatus,
      });
      expect(auditOf(h, linked.findingId).map((e) => [e.action, e.actor, e.source])).toEqual([
        ['false_positive', DEMO_USERS.dev1, 'jira'],
        ['jira-transitioned', DEMO_USERS.dev1, 'app'],
      ]);
      await expectSettled(linked);

      const reopened = await reopen(linked, project);
      expect(reopened.warnings).toEqual([]);
      expect(zeroPathStatus(h, linked.findingId)).toBe('REVIEWING');
      expect(issue(linked.issueKey)).toMatchObject({ statusId: STATUS.todo, resolutionId: null });
      expect(linkOf(h, linked.findingId)?.lastWritten).toMatchObject({
        zeropathStatus: 'open',
        jiraStatusId: STATUS.todo,
      });
      await expectSettled(linked);

      const accepted = await acceptRisk(linked, project);
      expect(accepted.warnings).toEqual([]);
      expect(zeroPathStatus(h, linked.findingId)).toBe('ACCEPTED_RISK');
      expect(issue(linked.issueKey)).toMatchObject({ statusId: arStatus, resolutionId: arResolution });
      await expectSettled(linked);

      expect(auditOf(h, linked.findingId).map((e) => e.action)).toEqual([
        'false_positive',
        'jira-transitioned',
        'reopened',
        'jira-transitioned',
        'accepted_risk',
        'jira-transitioned',
      ]);
    },
  );

  it('no fitting transition: the action succeeds with a warning, audited, and the issue stays', async () => {
    // A workflow with no way into done at all.
    h.jira.control.setWorkflow('APP', {
      initialStatusId: STATUS.todo,
      statusIds: [STATUS.todo, STATUS.inProgress],
      transitions: [
        { id: '11', name: 'To Do', to: STATUS.todo, from: [] },
        { id: '21', name: 'In Progress', to: STATUS.inProgress, from: [] },
      ],
    });
    const linked = await givenLinkedIssue(h, { projectKey: 'APP' });

    const result = await markFalsePositive(linked, 'APP');

    expect(zeroPathStatus(h, linked.findingId)).toBe('FALSE_POSITIVE');
    expect(issue(linked.issueKey).statusId).toBe(STATUS.todo);
    expect(result.warnings).toEqual([
      expect.stringMatching(/^The issue was not moved: .*no transition into a done-category status/),
    ]);
    expect(auditOf(h, linked.findingId).at(-1)).toMatchObject({
      action: 'jira-transition-missing',
      actor: DEMO_USERS.dev1,
      to: 'false_positive',
    });
    // ZeroPath's new status is still the app's own write: the sweep must not treat it as news.
    expect(linkOf(h, linked.findingId)?.lastWritten).toEqual({
      zeropathStatus: 'false_positive',
      at: expect.any(String),
    });
    await expectSettled(linked);
  });

  it('Jira refuses the move: the action succeeds with a warning, audited, and nothing retries it', async () => {
    const linked = await givenLinkedIssue(h);
    h.jira.control.injectFault('POST /rest/api/3/issue/:issueIdOrKey/transitions', {
      errorRate: 1,
      errorStatus: 400,
    });

    const result = await acceptRisk(linked, 'SEC');

    expect(zeroPathStatus(h, linked.findingId)).toBe('ACCEPTED_RISK');
    expect(issue(linked.issueKey).statusId).toBe(STATUS.todo);
    expect(result.warnings).toEqual([expect.stringMatching(/^Jira did not move the issue \(.*400/)]);
    expect(auditOf(h, linked.findingId).map((e) => e.action)).toEqual(['accepted_risk', 'jira-sync-failed']);
    // The property and the comment still went through.
    expect(textOf(issue(linked.issueKey).comments.at(-1)?.body)).toContain('Internal tool only');
    h.jira.control.clearFaults();
    await expectSettled(linked);
  });
});
