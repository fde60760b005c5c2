import { startExportWorld, type ExportWorld } from './export-world';
import { kvs } from '@forge/kvs';
import { ISSUE_TYPE } from '../../sim/jira/jira-seed-builder';

const SEC_TASK = { projectKey: 'SEC', issueTypeId: ISSUE_TYPE.task };

/**
 * Jira's search is eventually consistent for every write (jira-rest-api.md §9.1): an issue the app
 * created a moment ago is not yet found by its property. The lost-link recovery must still adopt
 * it rather than create a second issue for the same finding.
 */
describe('lost-link adoption while Jira’s search index lags', () => {
  let world: ExportWorld;
  beforeEach(async () => {
    world = await startExportWorld({ jira: { searchIndexLagMs: 10 * 60_000 } });
  });
  afterEach(async () => {
    await world.close();
  });

  it('a bulk export interrupted between create and link adopts its issues, not duplicates', async () => {
    const ids = world.findingIds().slice(0, 5);
    const transact = jest.spyOn(kvs, 'transact').mockImplementationOnce(() => {
      throw new Error('simulated crash before the link was stored');
    });
    try {
      const started = await world.call('findings.exportBulk', { findingIds: ids, target: SEC_TASK });
      await world.harness.runtime.settle();
      for (const id of ids) expect(world.issuesForFinding(id)).toHaveLength(1);
      const status = await world.call('findings.jobStatus', { jobId: started.value.jobId });
      expect(status.value).toMatchObject({ state: 'done', failed: [] });
      expect(status.value.exported).toHaveLength(5);
    } finally {
      transact.mockRestore();
    }
  });

  it('a single export retried after such a crash adopts the issue', async () => {
    const [id] = world.findingIds().slice(10);
    const transact = jest.spyOn(kvs, 'transact').mockImplementationOnce(() => {
      throw new Error('simulated crash before the link was stored');
    });
    try {
      expect((await world.call('findings.exportOne', { findingId: id, target: SEC_TASK })).ok).toBe(false);
      const retry = await world.call('findings.exportOne', { findingId: id, target: SEC_TASK });
      expect(world.issuesForFinding(id!)).toHaveLength(1);
      expect(retry).toMatchObject({ ok: true, value: { issueKey: world.issuesForFinding(id!)[0]!.key } });
    } finally {
      transact.mockRestore();
    }
  });

  it('a bulk create whose answer is lost (503 after Jira created the issues) is not created again while the search cannot see them yet, and adopts them once it does', async () => {
    // On the platform's clock, so Jira's 10-minute lag and the app's wait are the same minutes.
    await world.close();
    world = await startExportWorld({ jira: { searchIndexLagMs: 10 * 60_000 }, runtime: { virtualDate: true } });
    const ids = world.findingIds().slice(20, 23);
    world.harness.jira.control.injectFault('POST /rest/api/3/issue/bulk', { errorRate: 1, errorStatus: 503, afterHandling: true });
    const started = await world.call('findings.exportBulk', { findingIds: ids, target: SEC_TASK });
    await world.harness.runtime.settle();
    world.harness.jira.control.clearFaults();
    for (const id of ids) expect(world.issuesForFinding(id)).toHaveLength(1);
    const status = await world.call('findings.jobStatus', { jobId: started.value.jobId });
    expect(status.value).toMatchObject({ state: 'done', failed: [], skipped: [] });
    expect(status.value.exported.map((e: { issueKey: string }) => e.issueKey).sort()).toEqual(
      ids.map((id) => world.issuesForFinding(id)[0]!.key).sort(),
    );
  });
});
