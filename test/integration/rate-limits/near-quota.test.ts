// The export world loads the harness first: it installs the Forge platform before @forge/api.
import { startExportWorld, type ExportWorld } from '../export/export-world';
import { expectValue } from '../admin/admin-test-kit';
import { ISSUE_TYPE } from '../../sim/jira/jira-seed-builder';
import { adminEndpoints } from '../../../src/contract/admin';
import { QUOTA_RESERVE_POINTS } from '../../../src/infra/jira/jira-quota';
import { storeKeys } from '../../../src/infra/store/store-keys';

const SEC_TASK = { projectKey: 'SEC', issueTypeId: ISSUE_TYPE.task };
const QUOTA = 1_000;

/**
 * Jira's 2026 points quota, close to spent by the app's other tenants (Tier 1's pool is shared):
 * a bulk export must slow down and stop at its reserve from the headers Jira sends on every
 * response, instead of running into 429s, and Health must say how much is left.
 */
describe('an export near the hourly points quota', () => {
  let world: ExportWorld;
  beforeEach(async () => {
    world = await startExportWorld({
      // Export skips findings already closed in ZeroPath; 400 generated findings hold 200+ open ones.
      zeropath: { findings: 400 },
      jira: { rateLimits: { hourlyPoints: QUOTA } },
    });
    world.harness.jira.control.spendPoints(850);
  });
  afterEach(async () => {
    await world.close();
  });

  it('creates what fits, keeps the reserve and collects no 429', async () => {
    const ids = world.findingIds().slice(0, 200);
    expect(ids).toHaveLength(200);
    const started = await world.call('findings.exportBulk', { findingIds: ids, target: SEC_TASK });
    expect(started.ok).toBe(true);
    await world.harness.runtime.settle();

    const log = world.harness.jira.requestLog.entries;
    expect(log.filter((e) => e.status === 429)).toEqual([]);
    expect(world.harness.jira.control.pointsRemaining()).toBeGreaterThanOrEqual(QUOTA_RESERVE_POINTS);
    const status = await world.call('findings.jobStatus', { jobId: started.value.jobId });
    expect(status.value.exported.length).toBeGreaterThan(0);
    expect(status.value.exported.length).toBeLessThan(200);
    // What did not fit is not lost and not failed: no issue exists for it yet, and its chunks wait
    // for the quota (parked for the status sweep, which queues them again); the job says so.
    expect(status.value).toMatchObject({ state: 'running', failed: [] });
    const exported = new Set(status.value.exported.map((i: { findingId: string }) => i.findingId));
    for (const id of ids.filter((i) => !exported.has(i))) expect(world.issuesForFinding(id)).toHaveLength(0);
    expect(status.value.notes).toEqual(expect.arrayContaining([expect.stringContaining('the status sweep tries them again')]));
    expect(world.harness.runtime.kvs.entries(storeKeys.parkedSyncPrefix).length).toBeGreaterThan(0);
  });

  it('Health shows the points left once Jira reports them, and that they are near the limit', async () => {
    const health = await expectValue(world.harness, adminEndpoints.getHealth, {});
    expect(health.jiraQuota).toMatchObject({
      policy: 'global-app-quota',
      limit: QUOTA,
      nearLimit: true,
      remaining: expect.any(Number),
    });
    expect(health.jiraQuota?.remaining).toBeLessThanOrEqual(150);
    expect(Date.parse(health.jiraQuota?.resetsAt ?? '')).toBeGreaterThan(Date.now());
  });

  it('Health says only "more than 20 % left" while Jira does not report the figure', async () => {
    world.harness.jira.control.resetRateLimits();
    const health = await expectValue(world.harness, adminEndpoints.getHealth, {});
    expect(health.jiraQuota).toMatchObject({ policy: 'global-app-quota', limit: QUOTA, nearLimit: false });
    expect(health.jiraQuota?.remaining).toBeUndefined();
  });
});
