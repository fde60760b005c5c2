// The harness must load first: it installs the local Forge platform before @forge/api loads.
import { startHarness, type Harness } from '../harness';
import { givenDevelopersAreTheSecurityTeam } from '../stored-config';
import * as appHandlers from '../../../src/index';
import { pollWith } from '../../../src/entry/scheduled/poll';
import { MODULE_KEYS } from '../../../src/contract/modules';
import { actionResultSchema, panelEndpoints, type ActionResult } from '../../../src/contract/panel';
import { storeKeys } from '../../../src/infra/store/store-keys';
import { DEMO_USERS, STATUS } from '../../sim/jira/jira-seed-builder';
import { APP_ACCOUNT_ID } from '../../sim/shared/principal';
import {
  auditOf,
  givenLinkedIssue,
  givenSyncConfig,
  linkOf,
  zeroPathStatus,
  type LinkedIssue,
} from './sync-test-helpers';

/**
 * A time-limited accepted-risk exception ends on its date: the scheduled sweep reopens the finding
 * in ZeroPath, moves the Jira issue back to To Do with the app's comment and audits it, exactly
 * once. The app's clock is the one the poll handler is given (pollWith({ now })), moved forward
 * here; the panel action runs on the real date, so the dates below are relative to today.
 */
const DAY_MS = 86_400_000;
const SWEEP = 'zp-status-sweep';

let h: Harness;
/** What the poll handler takes for "now". */
let appNow = Date.now();

beforeEach(async () => {
  appNow = Date.now();
  h = await startHarness({
    runtime: { retryDelayScale: 0.0001 },
    handlers: { ...appHandlers, poll: pollWith({ now: () => new Date(appNow) }) },
  });
  givenSyncConfig(h);
  givenDevelopersAreTheSecurityTeam(h.runtime.kvs);
});
afterEach(async () => {
  await h.close();
});

const dayFromToday = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);

type Answer = { ok: boolean; value?: unknown; error?: { kind: string; message: string } };

async function acceptRisk(linked: LinkedIssue, until?: string): Promise<ActionResult> {
  const answer = (await h.runtime.invokeUi(
    MODULE_KEYS.issuePanel,
    panelEndpoints.acceptRisk.key,
    until === undefined ? { reason: 'Internal tool only' } : { reason: 'Internal tool only', until },
    {
      accountId: DEMO_USERS.dev1,
      extension: { issue: { id: linked.issueId, key: linked.issueKey }, project: { id: '1', key: 'SEC' } },
    },
  )) as Answer;
  if (!answer.ok) throw new Error(`acceptRisk failed: ${answer.error?.kind} ${answer.error?.message}`);
  return actionResultSchema.parse(answer.value);
}

function issue(key: string) {
  const stored = h.jira.state.issuesByKey.get(key);
  if (stored === undefined) throw new Error(`no issue ${key}`);
  return stored;
}

function textOf(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  const node = body as { text?: unknown; content?: unknown[] };
  return (typeof node.text === 'string' ? node.text : '') + (node.content ?? []).map(textOf).join('');
}

/** Every write either side received (JQL search is a read). */
function writes(): string[] {
  const jira = h.jira.requestLog.entries
    .filter((e) => e.method !== 'GET' && !e.path.startsWith('/rest/api/3/search'))
    .map((e) => `jira ${e.method} ${e.path}`);
  const zeropath = h.zeropath.requestLog.entries
    .filter((e) => e.path.startsWith('/api/v2/') || /mark-|archive/.test(e.path))
    .map((e) => `zeropath ${e.path}`);
  return [...jira, ...zeropath];
}

async function sweep(): Promise<void> {
  await h.runtime.runScheduledTrigger(SWEEP);
  await h.runtime.settle();
}

const indexKeys = () => h.runtime.kvs.entries(storeKeys.riskExpiryPrefix).map((e) => e.key);

/** Accepts the risk until `until` from the panel and lets its echoes settle. */
async function givenAcceptedUntil(until: string | undefined): Promise<LinkedIssue> {
  const linked = await givenLinkedIssue(h);
  const accepted = await acceptRisk(linked, until);
  expect(accepted.warnings).toEqual([]);
  expect(zeroPathStatus(h, linked.findingId)).toBe('ACCEPTED_RISK');
  expect(issue(linked.issueKey).statusId).toBe(STATUS.wontDo);
  await sweep();
  return linked;
}

describe('accepted risk with an end date', () => {
  it('is recorded on the link, indexed by date and shown on the panel', async () => {
    const until = dayFromToday(10);
    const linked = await givenLinkedIssue(h);

    const accepted = await acceptRisk(linked, until);

    expect(linkOf(h, linked.findingId)?.acceptedRisk).toEqual({
      until,
      acceptedAt: expect.stringMatching(new RegExp(`^${today()}`)),
      acceptedBy: DEMO_USERS.dev1,
    });
    expect(indexKeys()).toEqual([storeKeys.riskExpiry(until, linked.findingId)]);
    expect(accepted.view).toMatchObject({ state: 'linked', acceptedRisk: { until, daysLeft: 10 } });
  });

  it('ends on its date: reopened in ZeroPath, back in To Do with a comment, audited; a second sweep writes nothing', async () => {
    const until = dayFromToday(3);
    const linked = await givenAcceptedUntil(until);
    const acceptedOn = today();
    const commentsBefore = issue(linked.issueKey).comments.length;

    // The day before: still in force, and the sweep writes nothing.
    appNow = Date.now() + 2 * DAY_MS;
    let before = writes();
    await sweep();
    expect(writes()).toEqual(before);
    expect(zeroPathStatus(h, linked.findingId)).toBe('ACCEPTED_RISK');

    appNow = Date.now() + 3 * DAY_MS;
    // From here on: the panel's acceptance (made asUser, so delivered under the strict ignoreSelf
    // reading and answered by the idempotency check) is behind us.
    const logFrom = h.runtime.log.length;
    h.jira.requestLog.clear();
    h.zeropath.requestLog.clear();
    await sweep();

    expect(zeroPathStatus(h, linked.findingId)).toBe('PENDING_REVIEW');
    expect(issue(linked.issueKey)).toMatchObject({ statusId: STATUS.todo, resolutionId: null });
    // One ZeroPath write, one Jira write: the comment rides on the app's transition.
    expect(writes()).toEqual([
      `jira POST /rest/api/3/issue/${linked.issueId}/transitions`,
      'zeropath /api/v2/issues/updateStatus',
    ]);
    const transition = h.jira.requestLog.entries.find((e) => e.method === 'POST');
    expect(transition?.principal).toMatchObject({ kind: 'app' });
    const comments = issue(linked.issueKey).comments;
    expect(comments).toHaveLength(commentsBefore + 1);
    expect(comments.at(-1)?.authorId).toBe(APP_ACCOUNT_ID);
    expect(textOf(comments.at(-1)?.body)).toContain(
      `the risk acceptance of ${acceptedOn} expired on ${until}.`,
    );
    expect(auditOf(h, linked.findingId).at(-1)).toMatchObject({
      action: 'risk-acceptance-expired',
      actor: 'app',
      from: 'accepted_risk',
      to: 'open',
      detail: expect.stringContaining(`The risk acceptance of ${acceptedOn} expired on ${until}`),
    });
    const link = linkOf(h, linked.findingId);
    expect(link?.acceptedRisk).toBeUndefined();
    expect(link?.snapshot.status).toBe('open');
    expect(link?.lastWritten).toMatchObject({ zeropathStatus: 'open', jiraStatusId: STATUS.todo });
    expect(indexKeys()).toEqual([]);

    // Nothing echoes: the trigger ignored the app's own transition, and further sweeps (the
    // change feed now carries the reopen) write nothing and audit nothing.
    const trail = auditOf(h, linked.findingId).length;
    before = writes();
    await sweep();
    await sweep();
    expect(writes()).toEqual(before);
    expect(auditOf(h, linked.findingId)).toHaveLength(trail);
    expect(
      h.runtime.log
        .slice(logFrom)
        .filter((r) => r.key === 'zp-issue-events' && r.outcome !== 'filtered-self'),
    ).toEqual([]);
  });

  it('resumes after a run cut short between ZeroPath and Jira, writing each side once', async () => {
    const until = dayFromToday(2);
    const linked = await givenAcceptedUntil(until);
    appNow = Date.now() + 5 * DAY_MS;
    // Jira asks for a wait longer than the sweep's retry budget: the run stops after ZeroPath.
    h.jira.control.injectFault('POST /rest/api/3/issue/:issueIdOrKey/transitions', {
      errorRate: 1,
      errorStatus: 429,
      retryAfterSeconds: 120,
    });
    await sweep();
    expect(zeroPathStatus(h, linked.findingId)).toBe('PENDING_REVIEW');
    expect(issue(linked.issueKey).statusId).toBe(STATUS.wontDo);
    expect(linkOf(h, linked.findingId)?.acceptedRisk?.expiry?.stage).toBe('zeropath_reopened');
    expect(indexKeys()).toHaveLength(1);

    h.jira.control.clearFaults();
    h.zeropath.requestLog.clear();
    await sweep();

    expect(h.zeropath.requestLog.entries.filter((e) => e.path.startsWith('/api/v2/'))).toEqual([]);
    expect(issue(linked.issueKey).statusId).toBe(STATUS.todo);
    expect(
      issue(linked.issueKey).comments.filter((c) => textOf(c.body).includes('the risk acceptance of')),
    ).toHaveLength(1);
    expect(auditOf(h, linked.findingId).filter((e) => e.action === 'risk-acceptance-expired')).toHaveLength(
      1,
    );
    expect(indexKeys()).toEqual([]);
  });

  it('changed in ZeroPath before its date: dropped on the day without a write, and audited', async () => {
    const until = dayFromToday(2);
    const linked = await givenAcceptedUntil(until);
    // Someone in ZeroPath resolves the finding while the exception runs; the sweep mirrors it.
    h.zeropath.control.setFindingStatus(linked.findingId, 'RESOLVED', { by: 'security-lead' });
    await sweep();
    // Won't Do is already a done status: the sweep only records the change.
    expect(linkOf(h, linked.findingId)?.snapshot.status).toBe('resolved');
    expect(linkOf(h, linked.findingId)?.acceptedRisk).toBeUndefined();

    appNow = Date.now() + 2 * DAY_MS;
    const before = writes();
    await sweep();

    expect(writes()).toEqual(before);
    expect(zeroPathStatus(h, linked.findingId)).toBe('RESOLVED');
    expect(auditOf(h, linked.findingId).at(-1)).toMatchObject({
      action: 'risk-acceptance-dropped',
      detail: expect.stringContaining(`until ${until} was no longer in force`),
    });
    expect(indexKeys()).toEqual([]);
  });

  it('changed in ZeroPath and not yet seen by the sweep: ZeroPath is read on the day, nothing written', async () => {
    const until = dayFromToday(2);
    const linked = await givenAcceptedUntil(until);
    // The status sweep is off, so only the expiry step ever looks at this finding again.
    givenSyncConfig(h, { sweepEnabled: false });
    h.zeropath.control.setFindingStatus(linked.findingId, 'FALSE_POSITIVE', { by: 'security-lead' });

    appNow = Date.now() + 2 * DAY_MS;
    const before = writes();
    await sweep();

    expect(writes()).toEqual(before);
    expect(zeroPathStatus(h, linked.findingId)).toBe('FALSE_POSITIVE');
    expect(auditOf(h, linked.findingId).at(-1)).toMatchObject({
      action: 'risk-acceptance-dropped',
      from: 'accepted_risk',
      to: 'false_positive',
      detail: expect.stringContaining('was changed in ZeroPath before it expired'),
    });
    expect(linkOf(h, linked.findingId)?.acceptedRisk).toBeUndefined();
    expect(indexKeys()).toEqual([]);
  });

  it('without a date never expires', async () => {
    const linked = await givenAcceptedUntil(undefined);
    expect(linkOf(h, linked.findingId)?.acceptedRisk).toBeUndefined();
    expect(indexKeys()).toEqual([]);

    appNow = Date.now() + 3650 * DAY_MS;
    const before = writes();
    const trail = auditOf(h, linked.findingId).length;
    await sweep();

    expect(writes()).toEqual(before);
    expect(zeroPathStatus(h, linked.findingId)).toBe('ACCEPTED_RISK');
    expect(auditOf(h, linked.findingId)).toHaveLength(trail);
  });
});
