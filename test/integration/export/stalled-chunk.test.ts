import { startExportWorld, type ExportWorld } from './export-world';
import { ISSUE_TYPE } from '../../sim/jira/jira-seed-builder';
import { storeKeys } from '../../../src/infra/store/store-keys';
import { CHUNK_STALLED_AFTER_MS, EXPORT_INTERRUPTED_REASON, MAX_STALL_RECOVERIES } from '../../../src/core/export/stalled-chunk';

const SEC_TASK = { projectKey: 'SEC', issueTypeId: ISSUE_TYPE.task };
const BULK_CREATE = 'POST /rest/api/3/issue/bulk';
interface JobView {
  state: string;
  exported: { findingId: string; issueKey: string }[];
  skipped: { findingId: string; issueKey?: string; reason: string }[];
  failed: { findingId: string; issueKey?: string; reason: string }[];
}
const SWEEP_EVERY_MS = 5 * 60_000;
/**
 * Past the jobs consumer's 300 s limit on its first platform call: the local runtime cuts the
 * invocation off there, as Forge kills one over its time limit (README, "Invocation time limits"),
 * and delivers it again with FUNCTION_TIME_OUT until the 4 retries are spent.
 */
const CUT_OFF_KVS_LATENCY_MS = 301_000;

/**
 * A bulk export whose chunks are cut off at the time limit on every delivery, the last retry
 * included, before they save anything: no further delivery comes, and without the status sweep's
 * stalled-chunk step the job read "running" for its whole week. The app is on the platform's
 * clock (`virtualDate`), so the sweep's 105-minute bound passes as the test advances time.
 */
describe('bulk export chunk cut off before it saves, on its last retry', () => {
  let world: ExportWorld;
  afterEach(async () => {
    await world.close();
  });

  async function sweepUntilDone(jobId: string) {
    const h = world.harness;
    let status = await world.call('findings.jobStatus', { jobId });
    const maxRounds = (MAX_STALL_RECOVERIES + 1) * (Math.ceil(CHUNK_STALLED_AFTER_MS / SWEEP_EVERY_MS) + 2);
    for (let round = 0; status.value.state !== 'done' && round < maxRounds; round += 1) {
      h.runtime.advance(SWEEP_EVERY_MS);
      await h.runtime.runScheduledTrigger('zp-status-sweep');
      await h.runtime.settle();
      status = await world.call('findings.jobStatus', { jobId });
    }
    // One more run: it sees every chunk done and forgets them.
    await h.runtime.runScheduledTrigger('zp-status-sweep');
    return status.value as JobView;
  }

  function cutOffsOfJobsConsumer() {
    const log = world.harness.runtime.log.filter((r) => r.key === 'zp-jobs-consumer');
    return { timeouts: log.filter((r) => r.outcome === 'timeout').length, capped: log.filter((r) => r.outcome === 'retry-cap-reached').length };
  }

  function expectNothingLeftBehind(): void {
    const kvs = world.harness.runtime.kvs;
    expect(kvs.entries(storeKeys.exportPendingPrefix)).toEqual([]);
    expect(kvs.entries('claim:')).toEqual([]);
    expect(kvs.entries(storeKeys.openExportChunkPrefix)).toEqual([]);
  }

  it('with nothing saved and nothing created: the sweep queues the chunks again and each finding is exported once', async () => {
    world = await startExportWorld({ zeropath: { findings: 200, seed: 3 }, runtime: { virtualDate: true } });
    const h = world.harness;
    const ids = world.findingIds().slice(0, 60);
    expect(ids).toHaveLength(60);
    const started = await world.call('findings.exportBulk', { findingIds: ids, target: SEC_TASK });
    expect(started.ok).toBe(true);

    h.runtime.setLatency({ kvs: CUT_OFF_KVS_LATENCY_MS });
    await h.runtime.settle();
    h.runtime.setLatency({ kvs: 15 });
    // Both chunks (50 + 10): five deliveries each, all cut off, then the platform gave up.
    expect(cutOffsOfJobsConsumer()).toEqual({ timeouts: 10, capped: 2 });
    const stuck = await world.call('findings.jobStatus', { jobId: started.value.jobId });
    expect(stuck.value).toMatchObject({ state: 'running', processed: 0 });
    expect(h.runtime.kvs.entries(storeKeys.jobChunkPrefix(started.value.jobId))).toEqual([]);

    const status = await sweepUntilDone(started.value.jobId);
    expect(status).toMatchObject({ state: 'done', total: 60, processed: 60, failed: [], skipped: [] });
    expect(status.exported).toHaveLength(60);
    for (const id of ids) expect(world.issuesForFinding(id)).toHaveLength(1);
    expect(h.jira.requestLog.filter((e) => e.routeKey === BULK_CREATE)).toHaveLength(2);
    expectNothingLeftBehind();
  });

  it('with the issues created but the links not stored: they are adopted, not created again', async () => {
    world = await startExportWorld({ zeropath: { findings: 200, seed: 3 }, runtime: { virtualDate: true } });
    const h = world.harness;
    const ids = world.findingIds().slice(0, 60);
    const started = await world.call('findings.exportBulk', { findingIds: ids, target: SEC_TASK });
    expect(started.ok).toBe(true);
    // The first issue Jira creates cuts the consumer off: its answer reaches an invocation that
    // is past its limit, so neither the links nor the chunk's record are written, now or later.
    const stop = h.jira.onProductEvent(() => h.runtime.setLatency({ kvs: CUT_OFF_KVS_LATENCY_MS }));
    await h.runtime.settle();
    stop();
    h.runtime.setLatency({ kvs: 15 });
    expect(cutOffsOfJobsConsumer().capped).toBe(2);
    const created = ids.filter((id) => world.issuesForFinding(id).length > 0);
    expect(created).toHaveLength(50);
    expect(h.runtime.kvs.entries(storeKeys.linkByFindingPrefix)).toEqual([]);

    const status = await sweepUntilDone(started.value.jobId);
    expect(status).toMatchObject({ state: 'done', total: 60, processed: 60, failed: [] });
    for (const id of ids) expect(world.issuesForFinding(id)).toHaveLength(1);
    // The 50 were created once (the cut-off round) and adopted; only the other chunk created more.
    expect(h.jira.requestLog.filter((e) => e.routeKey === BULK_CREATE && e.status === 201)).toHaveLength(2);
    // The sweep's orphan recovery adopted the 50 before the chunk ran again (their markers were
    // older than the index-lag allowance long before the chunk counted as stalled); the re-run
    // found them linked. Nothing recorded that this job created them, so they read "already in
    // Jira", each with its one issue; the other 10 were exported.
    expect(status.exported).toHaveLength(10);
    expect(status.skipped).toHaveLength(50);
    for (const item of status.skipped) expect(item.issueKey).toBe(world.issuesForFinding(item.findingId)[0]?.key);
    expectNothingLeftBehind();
  });

  it('with every re-run cut off too: after the last re-queue the findings are reported failed, "export interrupted", not dropped', async () => {
    // A limit no chunk of 50 findings can finish in (its ZeroPath reads alone take longer).
    world = await startExportWorld({
      zeropath: { findings: 200, seed: 3 },
      runtime: { virtualDate: true, functionTimeoutSeconds: { 'jobs-consumer': 1 } },
    });
    const h = world.harness;
    const ids = world.findingIds().slice(0, 50);
    const started = await world.call('findings.exportBulk', { findingIds: ids, target: SEC_TASK });
    expect(started.ok).toBe(true);
    await h.runtime.settle();

    const status = await sweepUntilDone(started.value.jobId);
    expect(status.state).toBe('done');
    expect(status.exported).toEqual([]);
    expect(status.failed).toHaveLength(50);
    for (const item of status.failed) expect(item.reason).toBe(EXPORT_INTERRUPTED_REASON);
    // The first run and three re-queues, each with its four retries, then no more.
    expect(cutOffsOfJobsConsumer().capped).toBe(1 + MAX_STALL_RECOVERIES);
    for (const id of ids) expect(world.issuesForFinding(id)).toHaveLength(0);
    expectNothingLeftBehind();
  });
});
