// The harness must be imported first: it loads the local Forge runtime before @forge/api.
import { startHarness, type Harness } from '../harness';
import { randomUUID } from 'node:crypto';
import { DEMO_USERS, STATUS } from '../../sim/jira/jira-seed-builder';
import { APP_ACCOUNT_ID } from '../../sim/shared/principal';
import { MODULE_KEYS } from '../../../src/contract/modules';
import { bulkTriageEndpoint, type BulkTriageSummary } from '../../../src/contract/triage';
import { type Result } from '../../../src/contract/result';
import {
  auditOf,
  givenLinkedIssue,
  givenSyncConfig,
  linkOf,
  zeroPathStatus,
  type LinkedIssue,
} from './sync-test-helpers';

let h: Harness;

beforeEach(async () => {
  h = await startHarness({ runtime: { retryDelayScale: 0.0001 } });
  givenSyncConfig(h);
});
afterEach(async () => {
  await h.close();
});

function triage(payload: unknown, accountId: string = DEMO_USERS.admin): Promise<Result<BulkTriageSummary>> {
  return h.runtime.invokeUi(MODULE_KEYS.findingsPage, bulkTriageEndpoint.key, payload, {
    accountId,
  }) as Promise<Result<BulkTriageSummary>>;
}

/** The words of an ADF comment, as a reader sees them (mentions by their account id). */
function commentText(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const node = body as { text?: unknown; attrs?: { id?: unknown }; content?: unknown[] };
  const own =
    typeof node.text === 'string' ? node.text : typeof node.attrs?.id === 'string' ? `@${node.attrs.id}` : '';
  return own + (node.content ?? []).map(commentText).join(' ');
}

/** Jira writes on one issue, by who made them. */
function writesOn(issueId: string): string[] {
  return h.jira.requestLog.entries
    .filter((e) => e.method !== 'GET' && e.path.startsWith(`/rest/api/3/issue/${issueId}/`))
    .map((e) => `${e.principal.kind} ${e.method} ${e.path.split('/').pop()}`);
}

function jiraWrites(): number {
  return h.jira.requestLog.entries.filter(
    (e) => e.method !== 'GET' && !e.path.startsWith('/rest/api/3/search'),
  ).length;
}

describe('bulk triage from the findings page', () => {
  it('60 findings with injected failures: ZeroPath updated, issues moved, exact summary, no loop', async () => {
    // The APP project's workflow has no way into done: those issues cannot follow.
    h.jira.control.setWorkflow('APP', {
      initialStatusId: STATUS.todo,
      statusIds: [STATUS.todo, STATUS.inProgress],
      transitions: [
        { id: '11', name: 'To Do', to: STATUS.todo, from: [] },
        { id: '21', name: 'In Progress', to: STATUS.inProgress, from: [] },
      ],
    });
    const sec: LinkedIssue[] = [];
    for (let i = 0; i < 50; i += 1) sec.push(await givenLinkedIssue(h));
    const app: LinkedIssue[] = [];
    for (let i = 0; i < 4; i += 1) app.push(await givenLinkedIssue(h, { projectKey: 'APP' }));
    const unlinked = h.zeropath.control.addFindings(3).map((f) => f.id);
    const unknown = [randomUUID(), randomUUID(), randomUUID()];
    // Five issues deleted in Jira before their delete events are delivered: the links still point at them.
    const deleted = sec.slice(10, 15);
    for (const d of deleted) h.jira.control.deleteIssueAs(DEMO_USERS.admin, d.issueKey);
    const moved = sec.filter((s) => !deleted.includes(s));

    const findingIds = [
      ...sec.map((s) => s.findingId),
      ...app.map((a) => a.findingId),
      ...unlinked,
      ...unknown,
    ];
    expect(findingIds).toHaveLength(60);
    h.jira.requestLog.clear();
    const result = await triage({
      findingIds,
      outcome: 'false_positive',
      reason: 'Input is validated by the gateway',
    });

    if (!result.ok) throw new Error(result.error.message);
    const summary = result.value;
    expect({ ...summary, failures: [] }).toEqual({
      requested: 60,
      zeropathUpdated: 57,
      jiraTransitioned: 45,
      jiraAlreadyThere: 0,
      notLinked: 3,
      failures: [],
    });
    expect(summary.failures).toEqual([
      ...deleted.map((d) => ({
        findingId: d.findingId,
        issueKey: d.issueKey,
        stage: 'jira',
        reason: expect.stringMatching(/404/),
      })),
      ...app.map((a) => ({
        findingId: a.findingId,
        issueKey: a.issueKey,
        stage: 'jira',
        reason: 'The workflow offers no transition into a done-category status from here.',
      })),
      ...unknown.map((id) => ({
        findingId: id,
        stage: 'zeropath',
        reason: expect.stringMatching(/ZeroPath has no/),
      })),
    ]);

    for (const m of moved) {
      const issue = h.jira.state.issuesByKey.get(m.issueKey);
      expect(issue?.statusId).toBe(STATUS.wontDo);
      expect(zeroPathStatus(h, m.findingId)).toBe('FALSE_POSITIVE');
      // The admin moved the issue (Jira checked their permission); the explanation is the app's own
      // comment, so closure triage can never read it as the admin's words. Two writes per issue.
      expect(writesOn(m.issueId)).toEqual(['user POST transitions', 'app POST comment']);
      expect(issue?.comments.map((c) => c.authorId)).toEqual([APP_ACCOUNT_ID]);
      const said = commentText(issue?.comments[0]?.body);
      expect(said).toContain('Input is validated by the gateway');
      expect(said).toContain(`@${DEMO_USERS.admin}`);
      expect(said).toMatch(/Closed through "Won't Do" \(to Won't Do\), the workflow's step for work that will not be done/);
    }
    for (const a of app) expect(h.jira.state.issuesByKey.get(a.issueKey)?.comments).toEqual([]);
    for (const a of app) expect(zeroPathStatus(h, a.findingId)).toBe('FALSE_POSITIVE');
    // Polite: every move stayed inside Jira's burst and per-issue limits (no 429 at all).
    expect(h.jira.requestLog.entries.filter((e) => e.status === 429)).toHaveLength(0);
    const first = moved[0];
    expect(first && linkOf(h, first.findingId)?.lastWritten).toMatchObject({
      zeropathStatus: 'false_positive',
      jiraStatusId: STATUS.wontDo,
    });
    expect(first && auditOf(h, first.findingId).map((e) => [e.action, e.actor])).toEqual([
      ['bulk-triage', DEMO_USERS.admin],
      ['jira-transitioned', DEMO_USERS.admin],
    ]);

    // The app's writes on both sides are echoes: the trigger ignores them and the sweep moves nothing.
    await h.runtime.settle();
    const writes = jiraWrites();
    await h.runtime.runScheduledTrigger('zp-status-sweep');
    await h.runtime.settle();
    expect(jiraWrites()).toBe(writes);
    expect(
      h.zeropath.requestLog.entries.filter((e) => e.path === '/api/v2/issues/updateStatus'),
    ).toHaveLength(
      1 + 60, // the refused batch, then one call per finding
    );
  });

  it('refuses bad input with a clear error and changes nothing', async () => {
    const linked = await givenLinkedIssue(h);
    const result = await triage({
      findingIds: [linked.findingId, linked.findingId],
      outcome: 'fixed',
      reason: ' ',
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
    if (!result.ok) {
      expect(result.error.fieldErrors).toEqual({
        findingIds: 'A finding is selected twice',
        outcome: expect.any(String),
        reason: 'Say why: the reason goes to ZeroPath and to each Jira issue',
      });
    }
    expect(zeroPathStatus(h, linked.findingId)).toBe('PENDING_REVIEW');
  });

  it('is refused to users who are not Jira administrators', async () => {
    const linked = await givenLinkedIssue(h);
    const result = await triage(
      { findingIds: [linked.findingId], outcome: 'resolved', reason: 'Fixed' },
      DEMO_USERS.dev1,
    );
    expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(zeroPathStatus(h, linked.findingId)).toBe('PENDING_REVIEW');
  });
});
