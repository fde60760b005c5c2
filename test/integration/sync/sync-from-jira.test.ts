// The harness must be imported first: it loads the local Forge runtime before @forge/api.
import { startHarness, type Harness } from '../harness';
import { DEMO_USERS } from '../../sim/jira/jira-seed-builder';
import { storeKeys } from '../../../src/infra/store/store-keys';
import {
  adfText,
  auditOf,
  givenLinkedIssue,
  givenSyncConfig,
  linkOf,
  zeroPathStatus,
} from './sync-test-helpers';

let h: Harness;

beforeEach(async () => {
  h = await startHarness({ runtime: { retryDelayScale: 0.0001 } });
  givenSyncConfig(h);
});
afterEach(async () => {
  await h.close();
});

const { dev1, dev2 } = DEMO_USERS;

function statusWrites(findingId: string) {
  return h.zeropath.requestLog.entries.filter(
    (e) =>
      e.path === '/api/v2/issues/updateStatus' &&
      JSON.stringify(e.body).includes(findingId) &&
      e.status === 200,
  );
}

describe('closure: a linked issue entering done sets the finding in ZeroPath', () => {
  it.each([
    [
      'resolved',
      'Fixed in PR #412: the query now uses bound parameters, deployed to production.',
      'Done',
      'RESOLVED',
    ],
    [
      'false_positive',
      'This is a false positive: the input is validated by the framework before it reaches the query.',
      'Done',
      'FALSE_POSITIVE',
    ],
    [
      'accepted_risk',
      'We accept the risk here; the service is internal only and compensating controls are in place.',
      "Won't Do",
      'ACCEPTED_RISK',
    ],
  ])(
    '%s from a human comment, with the reason naming the issue and the evidence',
    async (decision, comment, target, v2) => {
      const linked = await givenLinkedIssue(h);
      h.jira.control.commentAs(dev1, linked.issueKey, adfText(comment));
      h.jira.control.transitionAs(dev1, linked.issueKey, target, {
        resolution: target === 'Done' ? 'Done' : "Won't Do",
      });
      await h.runtime.settle();

      expect(zeroPathStatus(h, linked.findingId)).toBe(v2);
      const [write] = statusWrites(linked.findingId);
      const reason = (write?.body as { reason?: string }).reason ?? '';
      expect(reason).toContain(linked.issueKey);
      expect(reason).toContain('Evidence:');

      const link = linkOf(h, linked.findingId);
      expect(link?.lastClosure?.decision).toBe(decision);
      expect(link?.lastWritten.zeropathStatus).toBe(decision);
      expect(link?.snapshot.status).toBe(decision);
      const audit = auditOf(h, linked.findingId);
      expect(audit).toEqual([
        expect.objectContaining({
          action: 'closure-applied',
          actor: dev1,
          source: 'jira',
          from: 'open',
          to: decision,
          issueKey: linked.issueKey,
        }),
      ]);
      expect(audit[0]?.evidence).toContain('phrase');
    },
  );

  it('skips with evidence when nothing says what happened, and changes nothing in ZeroPath', async () => {
    const linked = await givenLinkedIssue(h);
    h.jira.control.commentAs(dev1, linked.issueKey, adfText('Looked at it with the team.'));
    h.jira.control.transitionAs(dev1, linked.issueKey, 'Done', { resolution: 'Done' });
    await h.runtime.settle();

    expect(zeroPathStatus(h, linked.findingId)).toBe('PENDING_REVIEW');
    expect(statusWrites(linked.findingId)).toHaveLength(0);
    expect(linkOf(h, linked.findingId)?.lastClosure).toMatchObject({ decision: 'skip', resolution: 'Done' });
    const [entry] = auditOf(h, linked.findingId);
    expect(entry).toMatchObject({ action: 'closure-skipped', actor: dev1 });
    expect(entry?.detail).toMatch(/ZeroPath left unchanged.*not specific enough/);
  });

  it('with comment triage off, the resolution mapping alone decides (comments are not even read)', async () => {
    givenSyncConfig(h, { commentTriage: false });
    const linked = await givenLinkedIssue(h);
    h.jira.control.commentAs(
      dev1,
      linked.issueKey,
      adfText('This is a false positive: the input is validated.'),
    );
    h.jira.requestLog.clear();
    h.jira.control.transitionAs(dev1, linked.issueKey, "Won't Do", { resolution: "Won't Do" });
    await h.runtime.settle();

    expect(zeroPathStatus(h, linked.findingId)).toBe('ACCEPTED_RISK');
    expect(linkOf(h, linked.findingId)?.lastClosure).toMatchObject({
      decision: 'accepted_risk',
      resolution: "Won't Do",
    });
    expect(h.jira.requestLog.entries.some((e) => e.path.endsWith('/comment'))).toBe(false);
  });

  it('with comment triage off, an unmapped-to-outcome resolution (Duplicate) skips', async () => {
    givenSyncConfig(h, { commentTriage: false });
    const linked = await givenLinkedIssue(h);
    h.jira.control.transitionAs(dev1, linked.issueKey, "Won't Do", { resolution: 'Duplicate' });
    await h.runtime.settle();
    expect(zeroPathStatus(h, linked.findingId)).toBe('PENDING_REVIEW');
    expect(auditOf(h, linked.findingId)[0]).toMatchObject({ action: 'closure-skipped' });
  });

  it('a later human comment on a closed issue re-triages what the app wrote', async () => {
    const linked = await givenLinkedIssue(h);
    h.jira.control.transitionAs(dev1, linked.issueKey, 'Done', { resolution: 'Done' });
    await h.runtime.settle();
    expect(zeroPathStatus(h, linked.findingId)).toBe('RESOLVED');

    h.jira.control.commentAs(
      dev2,
      linked.issueKey,
      // A rationale the rules and the learned reader both read as a false positive: this test is
      // about re-triage, not about where the reader's bar sits on a one-line claim.
      adfText('This is a false positive: the flagged query only runs in the unit test fixtures and never ships.'),
    );
    await h.runtime.settle();
    expect(zeroPathStatus(h, linked.findingId)).toBe('FALSE_POSITIVE');
    expect(auditOf(h, linked.findingId).map((e) => e.action)).toEqual([
      'closure-applied',
      'closure-retriaged',
    ]);
  });

  it('does not override a status ZeroPath itself set', async () => {
    const linked = await givenLinkedIssue(h);
    h.zeropath.control.setFindingStatus(linked.findingId, 'NON_EXPLOITABLE', { by: 'someone in ZeroPath' });
    h.jira.control.transitionAs(dev1, linked.issueKey, 'Done', { resolution: 'Done' });
    await h.runtime.settle();
    expect(zeroPathStatus(h, linked.findingId)).toBe('NON_EXPLOITABLE');
    expect(auditOf(h, linked.findingId)[0]).toMatchObject({
      action: 'closure-not-applied',
      from: 'non_exploitable',
    });
  });
});

describe('reopen and delete', () => {
  it('an issue leaving done reopens the finding', async () => {
    const linked = await givenLinkedIssue(h);
    h.jira.control.transitionAs(dev1, linked.issueKey, 'Done', { resolution: 'Done' });
    await h.runtime.settle();
    h.jira.control.transitionAs(dev2, linked.issueKey, 'To Do');
    await h.runtime.settle();

    expect(zeroPathStatus(h, linked.findingId)).toBe('REVIEWING');
    expect(linkOf(h, linked.findingId)?.lastWritten.zeropathStatus).toBe('open');
    expect(auditOf(h, linked.findingId).at(-1)).toMatchObject({
      action: 'reopened',
      actor: dev2,
      from: 'resolved',
      to: 'open',
    });
  });

  it('moves within not-done change nothing in ZeroPath', async () => {
    const linked = await givenLinkedIssue(h);
    h.jira.control.transitionAs(dev1, linked.issueKey, 'In Progress');
    await h.runtime.settle();
    expect(statusWrites(linked.findingId)).toHaveLength(0);
    expect(auditOf(h, linked.findingId)).toHaveLength(0);
  });

  it('a deleted issue removes the link and records it', async () => {
    const linked = await givenLinkedIssue(h);
    h.jira.control.deleteIssueAs(DEMO_USERS.admin, linked.issueKey);
    await h.runtime.settle();
    expect(linkOf(h, linked.findingId)).toBeUndefined();
    expect(h.runtime.kvs.get(storeKeys.linkByIssue(linked.issueId))).toBeUndefined();
    expect(auditOf(h, linked.findingId)).toEqual([
      expect.objectContaining({ action: 'unlinked', actor: DEMO_USERS.admin, issueKey: linked.issueKey }),
    ]);
  });

  it('comments are mirrored to the finding note, attributed, only when the admin enabled it', async () => {
    const linked = await givenLinkedIssue(h);
    h.jira.control.commentAs(dev1, linked.issueKey, adfText('Looking into it today.'));
    await h.runtime.settle();
    expect(h.zeropath.state.notes(linked.findingId) ?? '').toBe('');

    givenSyncConfig(h, { mirrorComments: true });
    const { id } = h.jira.control.commentAs(dev1, linked.issueKey, adfText('Patch is in review.'));
    await h.runtime.settle();
    expect(h.zeropath.state.notes(linked.findingId)).toMatch(
      new RegExp(`^Jira ${linked.issueKey} — comment by Alice Developer.*\\nPatch is in review\\.$`),
    );

    h.jira.control.editCommentAs(dev1, linked.issueKey, id, adfText('Patch merged.'));
    await h.runtime.settle();
    expect(h.zeropath.state.notes(linked.findingId)).toMatch(/\(edited\).*\nPatch merged\.$/);
  });
});

describe('delivery: duplicates, order and outages', () => {
  it('duplicate deliveries of the same events write once', async () => {
    h.runtime.queueOptions({ duplicateDeliveries: true });
    const linked = await givenLinkedIssue(h);
    h.jira.control.transitionAs(dev1, linked.issueKey, 'Done', { resolution: 'Done' });
    await h.runtime.settle();
    expect(
      h.runtime.log.filter((r) => r.key === 'zp-issue-events' && r.eventType === 'avi:jira:updated:issue'),
    ).toHaveLength(2);
    expect(statusWrites(linked.findingId)).toHaveLength(1);
    expect(auditOf(h, linked.findingId)).toHaveLength(1);
  });

  it('out-of-order events end in the state Jira is in now', async () => {
    const linked = await givenLinkedIssue(h);
    h.runtime.queueOptions({ shuffle: true, seed: 7 });
    // Done, then back to To Do: whichever arrives first, the finding must end open.
    h.jira.control.transitionAs(dev1, linked.issueKey, 'Done', { resolution: 'Done' });
    h.jira.control.transitionAs(dev1, linked.issueKey, 'To Do');
    await h.runtime.settle();
    expect(['PENDING_REVIEW', 'REVIEWING']).toContain(zeroPathStatus(h, linked.findingId));

    const other = await givenLinkedIssue(h);
    const before = h.jira.events.length;
    h.jira.control.transitionAs(dev1, other.issueKey, 'Done', { resolution: 'Done' });
    h.jira.control.transitionAs(dev1, other.issueKey, 'To Do');
    await h.runtime.settle();
    const [doneEvent, reopenEvent] = h.jira.events.slice(before);
    // Re-deliver the stale "entered done" event after the fact, with a fresh changelog id.
    h.runtime.emitProductEvent({
      ...(doneEvent as Record<string, unknown>),
      changelog: { ...(doneEvent as { changelog: object }).changelog, id: '999999' },
    });
    await h.runtime.settle();
    expect(reopenEvent).toBeDefined();
    expect(['PENDING_REVIEW', 'REVIEWING']).toContain(zeroPathStatus(h, other.findingId));
  });

  it.each([
    [429 as const, 7],
    [503 as const, undefined],
  ])(
    'ZeroPath answering %s is retried through InvocationError and nothing is lost',
    async (status, retryAfter) => {
      const linked = await givenLinkedIssue(h);
      h.zeropath.control.injectFault('/api/v2/issues/updateStatus', {
        status,
        times: 2,
        ...(retryAfter === undefined ? {} : { retryAfter }),
      });
      h.jira.control.transitionAs(dev1, linked.issueKey, 'Done', { resolution: 'Done' });
      await h.runtime.settle();

      // The trigger only queued the work; the queue consumer asked for redelivery twice.
      expect(h.runtime.log.filter((r) => r.key === 'zp-issue-events').map((r) => r.outcome)).toEqual(['ok']);
      const deliveries = h.runtime.log.filter((r) => r.key === 'zp-jobs-consumer');
      expect(deliveries.map((d) => d.outcome)).toEqual(['retry', 'retry', 'ok']);
      expect(deliveries[0]?.retryAfterSeconds).toBe(retryAfter ?? 60);
      expect(zeroPathStatus(h, linked.findingId)).toBe('RESOLVED');
      expect(auditOf(h, linked.findingId)).toHaveLength(1);
    },
  );
});
