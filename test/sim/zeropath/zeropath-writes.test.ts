import fixture from '../../fixtures/zeropath/v1-issues-search-reference.json';
import { callZeroPath } from './zeropath-test-client';
import { DEMO_TOKEN_ID, dataFromV1SearchResponse, startZeroPathSim, type ZeroPathSim } from './zeropath-sim';

const F1 = '3f6c2a1e-8d4b-4c7a-9e21-5b0d7f3a9c10';
const F2 = 'b7e4d2c9-5a31-4f08-a6d2-0c9e8b7a6f54';
const F3 = '0e9d8c7b-6a59-4483-b2a1-f0e9d8c7b6a5';
const F5 = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
const NOW = '2026-06-10T12:00:00.000Z';
const BY_DEMO = `token:${DEMO_TOKEN_ID}`;

describe('ZeroPath simulator writes: V1 actions (§2.4) and inferred V2 status/notes (§2.4, §2.5)', () => {
  let zp: ZeroPathSim;
  let orgId: string;
  let foreignIssue: string;

  beforeEach(async () => {
    zp = await startZeroPathSim({ findings: dataFromV1SearchResponse(fixture), now: NOW });
    orgId = zp.organizationId;
    const globex = zp.control.addOrg({ name: 'Globex' });
    const repo = zp.control.addRepository({ name: 'globex/app', organizationId: globex.id });
    foreignIssue =
      zp.control.addFindings(1, { organizationId: globex.id, repositoryId: repo.id })[0]?.id ?? '';
  });
  afterEach(() => zp.close());

  const v1 = (action: string, issueId: string) =>
    callZeroPath(zp.url, `/api/v1/issues/${action}`, { organizationId: orgId, issueId });
  const v1Status = (id: string) => zp.state.issue(id)?.status;

  it('mark-false-positive: 200, V1 status falsePositive, updatedAt bumped, history records the token', async () => {
    const res = await v1('mark-false-positive', F1);
    expect([res.status, res.json]).toEqual([200, { success: true }]);
    expect(v1Status(F1)).toBe('falsePositive');
    expect(zp.state.issue(F1)?.validated).toBe('DISCONFIRMED');
    expect(zp.state.issue(F1)?.updatedAt).toBe(NOW);
    expect(zp.state.statusHistory(F1)).toEqual([
      { at: NOW, from: 'PENDING_REVIEW', to: 'FALSE_POSITIVE', by: BY_DEMO },
    ]);
  });

  it('mark-true-positive reopens a false positive as open (under review) and clears the reason', async () => {
    await v1('mark-true-positive', F5);
    expect(v1Status(F5)).toBe('open');
    expect(zp.state.finding(F5)?.v2Status).toBe('REVIEWING');
    expect(zp.state.issue(F5)).toEqual(
      expect.objectContaining({ validated: 'CONFIRMED', falsePositiveReason: null }),
    );
  });

  it('archive renders archived; unarchive restores the status held before the archive', async () => {
    await v1('mark-true-positive', F3);
    await v1('archive', F3);
    expect(v1Status(F3)).toBe('archived');
    await v1('unarchive', F3);
    expect(zp.state.finding(F3)?.v2Status).toBe('REVIEWING');
    expect(zp.state.statusHistory(F3).map((change) => change.to)).toEqual([
      'REVIEWING',
      'ACCEPTED_RISK',
      'REVIEWING',
    ]);
  });

  it('unarchive of a finding that is not archived changes nothing, not even updatedAt', async () => {
    const before = zp.state.issue(F1);
    expect((await v1('unarchive', F1)).status).toBe(200);
    expect(zp.state.issue(F1)).toEqual(before);
  });

  it.each(['mark-false-positive', 'mark-true-positive', 'archive', 'unarchive'])(
    "%s: 404 for an unknown id or another org's issue, 400 without issueId",
    async (action) => {
      for (const issueId of ['nope', foreignIssue]) {
        const res = await v1(action, issueId);
        expect([res.status, res.json]).toEqual([404, { error: 'Issue not found' }]);
      }
      const res = await callZeroPath(zp.url, `/api/v1/issues/${action}`, { organizationId: orgId });
      expect(res.status).toBe(400);
    },
  );

  const updateStatus = (body: Record<string, unknown>) =>
    callZeroPath(zp.url, '/api/v2/issues/updateStatus', { organizationId: orgId, ...body });

  it('V2 updateStatus RESOLVED renders V1 patched; ACCEPTED_RISK keeps the reason in the history', async () => {
    const resolved = await updateStatus({ issueIds: [F1, F3], status: 'RESOLVED' });
    expect([resolved.status, resolved.json]).toEqual([
      200,
      {
        updated: [
          { id: F1, status: 'RESOLVED' },
          { id: F3, status: 'RESOLVED' },
        ],
      },
    ]);
    expect([v1Status(F1), v1Status(F3)]).toEqual(['patched', 'patched']);
    await updateStatus({ issueIds: [F2], status: 'ACCEPTED_RISK', reason: 'Key rotated; repo is archived.' });
    expect(v1Status(F2)).toBe('archived');
    expect(zp.state.statusHistory(F2)).toEqual([
      {
        at: NOW,
        from: 'PENDING_REVIEW',
        to: 'ACCEPTED_RISK',
        by: BY_DEMO,
        reason: 'Key rotated; repo is archived.',
      },
    ]);
  });

  it('V2 updateStatus is all-or-nothing: any unknown id → 404 NOT_FOUND and nothing changes', async () => {
    const res = await updateStatus({ issueIds: [F1, 'missing-1', foreignIssue], status: 'RESOLVED' });
    expect(res.status).toBe(404);
    expect(res.json).toEqual({
      error: { message: `Issues not found: missing-1, ${foreignIssue}`, code: 'NOT_FOUND', requestId: expect.stringMatching(/^req_/) },
    });
    expect(v1Status(F1)).toBe('open');
  });

  it.each([
    [{ issueIds: [], status: 'RESOLVED' }, /issueIds/],
    [{ issueIds: Array.from({ length: 101 }, (_, i) => `id-${i}`), status: 'RESOLVED' }, /issueIds/],
    [{ issueIds: [F1], status: 'resolved' }, /status/],
    [{ issueIds: [F1], status: 'INFORMATIONAL' }, /status/],
    [{ issueIds: [F1], status: 'RESOLVED', reason: 'x'.repeat(2001) }, /reason/],
  ])('V2 updateStatus rejects %j with a structured 400', async (body, message) => {
    const res = await updateStatus(body);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ error: { message: expect.stringMatching(message), code: 'BAD_REQUEST', requestId: expect.stringMatching(/^req_/) } });
  });

  it('V2 errors for a foreign organisation are structured 403s', async () => {
    const res = await callZeroPath(zp.url, '/api/v2/issues/updateStatus', {
      organizationId: 'other',
      issueIds: [F1],
      status: 'RESOLVED',
    });
    expect(res.status).toBe(403);
    expect(res.json).toEqual({
      error: { message: expect.stringContaining('no access to organization other'), code: 'FORBIDDEN', requestId: expect.stringMatching(/^req_/) },
    });
  });

  const updateNotes = (body: Record<string, unknown>) =>
    callZeroPath(zp.url, '/api/v2/issues/updateNotes', { organizationId: orgId, ...body });

  it('V2 updateNotes overwrites the single note; whitespace clears it; 5000 chars max', async () => {
    const set = await updateNotes({ issueId: F1, notes: 'Tracked in Jira SEC-12' });
    expect([set.status, set.json]).toEqual([200, { id: F1, notes: 'Tracked in Jira SEC-12' }]);
    expect(zp.state.notes(F1)).toBe('Tracked in Jira SEC-12');
    expect((await updateNotes({ issueId: F1, notes: 'x'.repeat(5000) })).status).toBe(200);
    const cleared = await updateNotes({ issueId: F1, notes: '   ' });
    expect(cleared.json).toEqual({ id: F1, notes: '' });
    expect(zp.state.notes(F1)).toBeUndefined();
    const long = await updateNotes({ issueId: F1, notes: 'x'.repeat(5001) });
    expect([long.status, (long.json as { error: { code: string } }).error.code]).toEqual([
      400,
      'BAD_REQUEST',
    ]);
    const missing = await updateNotes({ issueId: foreignIssue, notes: 'hi' });
    expect(missing.json).toEqual({
      error: { message: `Issue not found: ${foreignIssue}`, code: 'NOT_FOUND', requestId: expect.stringMatching(/^req_/) },
    });
  });

  it('control setFindingStatus and updateFinding bump updatedAt past the previous value, so pollers see them', async () => {
    zp.control.setFindingStatus(F3, 'PATCHING', { reason: 'auto-fix PR opened', by: 'zeropath' });
    expect(v1Status(F3)).toBe('processing');
    expect(zp.state.statusHistory(F3)).toEqual([
      { at: NOW, from: 'PENDING_REVIEW', to: 'PATCHING', by: 'zeropath', reason: 'auto-fix PR opened' },
    ]);
    // Same frozen instant: the second change still gets a strictly later updatedAt.
    zp.control.updateFinding(F3, { score: 91, generatedTitle: 'Critical after rescan' });
    expect(zp.state.issue(F3)).toEqual(
      expect.objectContaining({
        score: 91,
        generatedTitle: 'Critical after rescan',
        updatedAt: '2026-06-10T12:00:00.001Z',
      }),
    );
    const newest = await callZeroPath(zp.url, '/api/v1/issues/search', {
      organizationId: orgId,
      sortBy: 'updatedAt',
      sortOrder: 'desc',
      pageSize: 1,
    });
    expect((newest.json as { issues: Array<{ id: string }> }).issues[0]?.id).toBe(F3);
    expect(() => zp.control.updateFinding(F3, { id: 'x' } as never)).toThrow(/cannot change 'id'/);
    expect(() => zp.control.setFindingStatus('nope', 'RESOLVED')).toThrow(/Issue not found/);
  });
});
