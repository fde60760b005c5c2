// The harness must be imported first: it loads the local Forge runtime before @forge/api.
import { startHarness, type Harness } from '../harness';
import { Validator, type Schema } from '@cfworker/json-schema';
import { adminEndpoints, type ZeroPathSupport } from '../../../src/contract/admin';
import { DEMO_USERS } from '../../sim/jira/jira-seed-builder';
import { RENAMED_PATHS, type ApiVariant } from '../../sim/zeropath/zeropath-sim';
import { renderManifest } from '../../sim/zeropath/zeropath-v2-routes';
import { expectValue } from '../admin/admin-test-kit';
import { adfText, auditOf, givenLinkedIssue, givenSyncConfig, zeroPathStatus } from './sync-test-helpers';

/**
 * The app against each ZeroPath the simulator can be: what it sends, what it refuses to send, and
 * what the Connection tab and Health tell the admin. Every V2 request it made is checked against
 * the published inputSchema of the operation it called.
 */
let h: Harness;
let variant: ApiVariant['manifest'] = 'standard';

beforeEach(async () => {
  h = await startHarness({ runtime: { retryDelayScale: 0.0001 } });
  givenSyncConfig(h);
});
afterEach(async () => {
  expectEveryV2RequestMatchedItsSchema();
  await h.close();
});

const { dev1 } = DEMO_USERS;

function expectEveryV2RequestMatchedItsSchema(): void {
  const manifest = renderManifest(variant === 'unreachable' ? 'standard' : variant, 'now') as
    { tools: Array<{ httpPath: string; inputSchema: Schema }> } | undefined;
  for (const entry of h.zeropath.requestLog.entries.filter((e) => e.path.startsWith('/api/v2/'))) {
    const tool = manifest?.tools.find((t) => t.httpPath === entry.path);
    expect(tool).toBeDefined();
    const result = new Validator(tool?.inputSchema ?? {}, '2020-12', false).validate(entry.body);
    expect({ path: entry.path, valid: result.valid }).toEqual({ path: entry.path, valid: true });
  }
}

async function useVariant(change: Partial<ApiVariant>): Promise<ZeroPathSupport> {
  variant = change.manifest ?? 'standard';
  h.zeropath.control.setApiVariant(change);
  h.connectZeroPath();
  const tested = await expectValue(h, adminEndpoints.testConnection, {});
  if (tested.support === undefined) throw new Error('test connection reported no support');
  const connection = await expectValue(h, adminEndpoints.getConnection, {});
  const health = await expectValue(h, adminEndpoints.getHealth, {});
  // The Connection tab and Health show the same discovery the test produced, without calling ZeroPath.
  expect(connection.support?.lines).toEqual(tested.support.lines);
  expect(health.zeropath?.lines).toEqual(tested.support.lines);
  return tested.support;
}

const line = (support: ZeroPathSupport, need: string) => support.lines.find((l) => l.need === need);

async function closeWith(comment: string, target: 'Done' | "Won't Do") {
  const linked = await givenLinkedIssue(h);
  h.jira.control.commentAs(dev1, linked.issueKey, adfText(comment));
  h.jira.control.transitionAs(dev1, linked.issueKey, target, { resolution: target });
  await h.runtime.settle();
  return linked;
}

const RESOLVED_COMMENT = 'Fixed in PR #412: the query now uses bound parameters, deployed to production.';
/**
 * A long, ordinary account of the fix (the reason must be cut to a stricter schema's maximum). Real
 * prose, not padding: closure triage reads it as a person would, and a wall of "Details." is not a
 * comment anyone writes.
 */
const LONG_FIX_DETAILS =
  'The report search, the export filter and the saved-view loader all went through the same string-built WHERE clause; each of them now passes the user-supplied values as bound parameters through the query builder, and the raw concatenation helper was deleted from the data layer. Integration tests cover quotes, comment markers and stacked statements for every one of the three paths, and the release notes for 5.8.2 list the change. The deploy went out to production on Tuesday, the scanner is clean on the new build, and the support team confirmed that saved views created before the change still load with the same results as before.';
const FALSE_POSITIVE_COMMENT =
  'This is a false positive: the input is validated by the framework before it reaches the query.';
const ACCEPTED_COMMENT =
  'We accept the risk here; the service is internal only and compensating controls are in place.';

describe('capability discovery: the app follows what the connected ZeroPath publishes', () => {
  it('standard manifest: every need is supported and the status goes through the published operation', async () => {
    const support = await useVariant({ manifest: 'standard' });
    expect(support.manifest).toBe('found');
    expect(support.lines.filter((l) => l.support === 'missing')).toEqual([]);
    expect(line(support, 'resolve')?.detail).toMatch(/issues\.updateStatus with the reason/);
    const linked = await closeWith(RESOLVED_COMMENT, 'Done');
    expect(zeroPathStatus(h, linked.findingId)).toBe('RESOLVED');
  });

  it('no status operation: false positive and accepted risk fall back, resolved is skipped and audited', async () => {
    const support = await useVariant({ manifest: 'no-status-operation' });
    expect(line(support, 'resolve')).toMatchObject({ support: 'missing' });
    expect(line(support, 'resolve')?.detail).toMatch(/Not sent to ZeroPath/);
    expect(line(support, 'false-positive')).toMatchObject({
      support: 'fallback',
      detail: expect.stringMatching(/mark-false-positive/),
    });
    expect(line(support, 'accepted-risk')?.detail).toMatch(
      /Accepted risk will be recorded as archived: .*issues\.archive/,
    );

    const resolved = await closeWith(RESOLVED_COMMENT, 'Done');
    expect(zeroPathStatus(h, resolved.findingId)).toBe('PENDING_REVIEW');
    expect(auditOf(h, resolved.findingId)).toEqual([
      expect.objectContaining({
        action: 'closure-unsupported',
        detail: expect.stringMatching(/publishes no status operation/),
      }),
    ]);
    expect(h.zeropath.requestLog.entries.some((e) => e.path.includes('updateStatus'))).toBe(false);

    const falsePositive = await closeWith(FALSE_POSITIVE_COMMENT, 'Done');
    expect(zeroPathStatus(h, falsePositive.findingId)).toBe('FALSE_POSITIVE');
    expect(auditOf(h, falsePositive.findingId)[0]?.detail).toMatch(/V1 mark-false-positive/);

    const accepted = await closeWith(ACCEPTED_COMMENT, "Won't Do");
    expect(zeroPathStatus(h, accepted.findingId)).toBe('ACCEPTED_RISK');
    expect(h.zeropath.state.statusHistory(accepted.findingId).at(-1)?.reason).toContain(accepted.issueKey);
  });

  it('renamed path: the app calls the new path and never the old one', async () => {
    const support = await useVariant({ manifest: 'renamed-path' });
    expect(line(support, 'resolve')?.support).toBe('zeropath');
    const linked = await closeWith(RESOLVED_COMMENT, 'Done');
    expect(zeroPathStatus(h, linked.findingId)).toBe('RESOLVED');
    const paths = h.zeropath.requestLog.entries.map((e) => e.path);
    expect(paths).toContain(RENAMED_PATHS.updateStatus);
    expect(paths).not.toContain('/api/v2/issues/updateStatus');
  });

  it('stricter schema: the reason is cut to the published maximum and the body passes', async () => {
    await useVariant({ manifest: 'strict-schema' });
    const linked = await closeWith(`${RESOLVED_COMMENT} ${LONG_FIX_DETAILS}`, 'Done');
    expect(zeroPathStatus(h, linked.findingId)).toBe('RESOLVED');
    const write = h.zeropath.requestLog.entries.find((e) => e.path === '/api/v2/issues/updateStatus');
    expect(write?.status).toBe(200);
    expect((write?.body as { reason: string }).reason.length).toBeLessThanOrEqual(500);
  });

  it('manifest unreachable: Connection and Health say so; V1 actions carry what they can, nothing V2 is sent', async () => {
    const support = await useVariant({ manifest: 'unreachable' });
    expect(support.manifest).toBe('unavailable');
    expect(support.problem).toMatch(/does not publish a tool manifest.*404/);
    expect(line(support, 'notes')?.support).toBe('missing');
    expect(line(support, 'accepted-risk')?.detail).toMatch(/V1 archive action/);
    const falsePositive = await closeWith(FALSE_POSITIVE_COMMENT, 'Done');
    expect(zeroPathStatus(h, falsePositive.findingId)).toBe('FALSE_POSITIVE');
    const resolved = await closeWith(RESOLVED_COMMENT, 'Done');
    expect(zeroPathStatus(h, resolved.findingId)).toBe('PENDING_REVIEW');
    expect(auditOf(h, resolved.findingId)[0]?.detail).toMatch(/tool manifest could not be read/);
    expect(h.zeropath.requestLog.entries.some((e) => e.path.startsWith('/api/v2/'))).toBe(false);
  });

  it('V2 down: a false positive still reaches ZeroPath over V1; a resolve fails retryably and stays unapplied', async () => {
    const support = await useVariant({ v2Down: true });
    expect(support.manifest).toBe('found');
    const falsePositive = await closeWith(FALSE_POSITIVE_COMMENT, 'Done');
    expect(zeroPathStatus(h, falsePositive.findingId)).toBe('FALSE_POSITIVE');
    const resolved = await closeWith(RESOLVED_COMMENT, 'Done');
    expect(zeroPathStatus(h, resolved.findingId)).toBe('PENDING_REVIEW');
    expect(auditOf(h, resolved.findingId).some((a) => a.action === 'closure-applied')).toBe(false);
    const v2 = h.zeropath.requestLog.entries.filter((e) => e.path.startsWith('/api/v2/'));
    expect(v2.length).toBeGreaterThan(0);
    expect(v2.every((e) => e.status === 503)).toBe(true);
  });
});
