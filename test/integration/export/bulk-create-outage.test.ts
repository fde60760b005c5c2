import { startExportWorld, type ExportWorld } from './export-world';
import { ISSUE_TYPE } from '../../sim/jira/jira-seed-builder';
import { storeKeys } from '../../../src/infra/store/store-keys';
import { INDEX_LAG_ALLOWANCE_MS } from '../../../src/app/export/export-findings';

const SEC_TASK = { projectKey: 'SEC', issueTypeId: ISSUE_TYPE.task };
const BULK_CREATE = 'POST /rest/api/3/issue/bulk';

/**
 * A bulk export whose first round of bulk creates fails entirely (Jira answers 5xx to each chunk's
 * create, then recovers). The app cannot tell a 5xx before the write from one after it (Jira
 * promises nothing; the simulator's README), so it waits for Jira's search or the index-lag
 * allowance before creating again — and then must finish the job: every finding exported exactly
 * once, the job 'done' with a true summary, no marker or claim left. The app's clock is the
 * platform's virtual clock (`virtualDate`), so the queue's retry delays pass for the app too.
 */
describe('bulk export after a first round of failed bulk creates', () => {
  let world: ExportWorld;
  afterEach(async () => {
    await world.close();
  });

  async function exportSixtyThroughOutage(afterHandling: boolean) {
    const h = world.harness;
    const ids = world.findingIds().slice(0, 60);
    expect(ids).toHaveLength(60);
    // Two chunks (50 + 10): each one's first bulk create fails; later ones pass.
    h.jira.control.injectFault(BULK_CREATE, { errorRate: 1, errorStatus: 503, afterHandling, times: 2 });
    const started = await world.call('findings.exportBulk', { findingIds: ids, target: SEC_TASK });
    expect(started.ok).toBe(true);
    await h.runtime.settle();
    const status = await world.call('findings.jobStatus', { jobId: started.value.jobId });
    return { ids, status: status.value };
  }

  function expectNothingLeftBehind(): void {
    const kvs = world.harness.runtime.kvs;
    expect(kvs.entries(storeKeys.exportPendingPrefix)).toEqual([]);
    expect(kvs.entries('claim:')).toEqual([]);
  }

  it('with nothing created (503 before the write): each finding is created once after the allowance, and the job ends done', async () => {
    world = await startExportWorld({ zeropath: { findings: 200, seed: 3 }, runtime: { virtualDate: true } });
    const { ids, status } = await exportSixtyThroughOutage(false);

    expect(status).toMatchObject({ state: 'done', total: 60, processed: 60, failed: [], skipped: [] });
    expect(status.exported).toHaveLength(60);
    for (const id of ids) expect(world.issuesForFinding(id)).toHaveLength(1);
    for (const item of status.exported as { findingId: string; issueKey: string }[])
      expect(world.issuesForFinding(item.findingId)[0]?.key).toBe(item.issueKey);
    expectNothingLeftBehind();

    // No second create while Jira's search might still be catching up with the first.
    const creates = world.harness.jira.requestLog.filter((e) => e.routeKey === BULK_CREATE);
    expect(creates.map((e) => e.status)).toEqual([503, 503, 201, 201]);
    const [firstFailed, , firstRetried] = creates;
    expect(firstRetried!.at - firstFailed!.at).toBeGreaterThanOrEqual(INDEX_LAG_ALLOWANCE_MS);
  });

  it('with an outage outlasting the chunk’s retries: the chunk is parked, the status sweep queues it again, and once Jira answers each finding is created once', async () => {
    world = await startExportWorld({ zeropath: { findings: 200, seed: 3 }, runtime: { virtualDate: true } });
    const h = world.harness;
    const ids = world.findingIds().slice(0, 60);
    h.jira.control.injectFault(BULK_CREATE, { errorRate: 1, errorStatus: 503 });
    const started = await world.call('findings.exportBulk', { findingIds: ids, target: SEC_TASK });
    await h.runtime.settle();
    const during = await world.call('findings.jobStatus', { jobId: started.value.jobId });
    // Still Jira's outage: nothing given up, nothing created, and the summary says what happens next.
    expect(during.value).toMatchObject({ state: 'running', exported: [], failed: [], skipped: [] });
    expect(during.value.notes).toEqual(expect.arrayContaining([expect.stringContaining('the status sweep tries them again')]));
    expect(h.runtime.kvs.entries(storeKeys.parkedSyncPrefix)).toHaveLength(2);

    h.jira.control.clearFaults();
    let status = during;
    for (let round = 0; status.value.state !== 'done' && round < 12; round += 1) {
      h.runtime.advance(5 * 60_000);
      await h.runtime.runScheduledTrigger('zp-status-sweep');
      await h.runtime.settle();
      status = await world.call('findings.jobStatus', { jobId: started.value.jobId });
    }
    expect(status.value).toMatchObject({ state: 'done', total: 60, processed: 60, failed: [], skipped: [] });
    expect(status.value.exported).toHaveLength(60);
    expect(status.value.notes.filter((n: string) => n.includes('the status sweep tries them again'))).toEqual([]);
    for (const id of ids) expect(world.issuesForFinding(id)).toHaveLength(1);
    expectNothingLeftBehind();
    expect(h.runtime.kvs.entries(storeKeys.parkedSyncPrefix)).toEqual([]);
  });

  it('with the issues created but the answers lost (5xx after the write): they are adopted once search shows them, not created again', async () => {
    // Search shows a new issue 10 minutes after it is written: within the app's allowance.
    world = await startExportWorld({
      zeropath: { findings: 200, seed: 3 },
      jira: { searchIndexLagMs: 10 * 60_000 },
      runtime: { virtualDate: true },
    });
    const { ids, status } = await exportSixtyThroughOutage(true);

    expect(status).toMatchObject({ state: 'done', total: 60, processed: 60, failed: [], skipped: [] });
    expect(status.exported).toHaveLength(60);
    for (const id of ids) expect(world.issuesForFinding(id)).toHaveLength(1);
    expectNothingLeftBehind();
    // Only the two lost creates: everything was adopted.
    expect(world.harness.jira.requestLog.filter((e) => e.routeKey === BULK_CREATE)).toHaveLength(2);
  });
});
