// The export world loads the harness first: it installs the local Forge platform before @forge/api.
import { startExportWorld, DEMO_USERS, type ExportWorld } from '../export/export-world';
import { ForgeKvsAPIError, kvs } from '@forge/kvs';
import { adminEndpoints } from '../../../src/contract/admin';
import { MODULE_KEYS } from '../../../src/contract/modules';
import { resultSchema } from '../../../src/contract/result';
import { createKvsHealthStore, MAX_RECENT_ERRORS } from '../../../src/infra/store/health-store';
import { storeKeys } from '../../../src/infra/store/store-keys';
import { KVS_QUOTAS } from '../../forge-runtime';
import { ISSUE_TYPE } from '../../sim/jira/jira-seed-builder';

/**
 * Health tells the truth (issue 13): jobs in flight come from the queue's own state, 429s from
 * Jira, ZeroPath and KVS are counted on the paths that met them, and the last ten errors are kept
 * in order, redacted. Nothing here is seeded into Health: production code writes all of it.
 */
const SEC_TASK = { projectKey: 'SEC', issueTypeId: ISSUE_TYPE.task };

describe('Health tells the truth', () => {
  let world: ExportWorld;
  beforeEach(async () => {
    // Export skips findings already closed in ZeroPath; 240 generated findings hold 120+ open ones.
    world = await startExportWorld({ zeropath: { findings: 240 } });
  });
  afterEach(async () => {
    await world.close();
  });

  async function health() {
    const raw = await world.harness.runtime.invokeUi(
      MODULE_KEYS.adminPage,
      adminEndpoints.getHealth.key,
      {},
      { accountId: DEMO_USERS.admin },
    );
    const parsed = resultSchema(adminEndpoints.getHealth.response).parse(raw);
    if (!parsed.ok) throw new Error(`getHealth failed: ${parsed.error.message}`);
    return parsed.value;
  }
  const kindOf = async (kind: string) => (await health()).kinds.find((k) => k.kind === kind);

  it('jobs in flight are the queue events still in progress, and drop to 0 when they are done', async () => {
    const ids = world.findingIds().slice(0, 120);
    expect(ids).toHaveLength(120);
    const started = await world.call('findings.exportBulk', { findingIds: ids, target: SEC_TASK });
    expect(started.ok).toBe(true);
    expect((await kindOf('jobs-consumer'))?.jobsInFlight).toBe(3); // 120 findings = 3 chunks of ≤ 50

    await world.harness.runtime.settle();
    expect((await kindOf('jobs-consumer'))?.jobsInFlight).toBe(0);
    expect(world.harness.runtime.kvs.entries(storeKeys.queueJobPrefix)).toEqual([]);
  });

  it('counts 429s from Jira and ZeroPath on the resolver path and from KVS on the consumer path, losing and doubling nothing', async () => {
    const [first, second] = world.findingIds();
    // Jira answers 429 to everything for a moment; then ZeroPath refuses one read.
    world.harness.jira.control.injectFault('*', { errorRate: 1, errorStatus: 429, retryAfterSeconds: 1 });
    const refused = await world.call('findings.exportOne', { findingId: first, target: SEC_TASK });
    expect(refused.ok).toBe(false);
    world.harness.jira.control.injectFault('*', { errorRate: 0 });
    world.harness.zeropath.control.injectFault('/api/v1/issues/get', { status: 429, times: 1 });
    await world.call('findings.exportOne', { findingId: second, target: SEC_TASK });
    const resolver = await kindOf('resolver');
    expect(resolver?.rateLimitsLastHour.jira).toBeGreaterThanOrEqual(1);
    expect(resolver?.rateLimitsLastHour.zeropath).toBe(1);

    // A bulk export is queued; then something else uses up the installation's write quota.
    const ids = world.findingIds().slice(10, 70);
    const started = await world.call('findings.exportBulk', { findingIds: ids, target: SEC_TASK });
    expect(started.ok).toBe(true);
    const big = 'x'.repeat(65_000);
    let filled = false;
    for (let i = 0; i <= KVS_QUOTAS.writeUnitsPerMinute && !filled; i += 1) {
      filled = await kvs.set(`filler:${i}`, big).then(
        () => false,
        (error: unknown) => error instanceof ForgeKvsAPIError && error.code === 'RATE_LIMIT_EXCEEDED',
      );
    }
    expect(filled).toBe(true);

    await world.harness.runtime.settle();
    // The chunks met the quota, went back to the queue for a minute, and finished.
    const consumer = world.harness.runtime.log.filter((r) => r.key === 'zp-jobs-consumer');
    expect(consumer.some((r) => r.outcome === 'retry')).toBe(true);
    expect((await kindOf('jobs-consumer'))?.rateLimitsLastHour.kvs).toBeGreaterThanOrEqual(1);
    for (const id of ids) expect(world.issuesForFinding(id)).toHaveLength(1);
    const status = await world.call('findings.jobStatus', { jobId: started.value.jobId });
    expect(status.value).toMatchObject({ state: 'done', failed: [] });
    expect(status.value.exported.length + status.value.skipped.length).toBe(ids.length);
  });

  it('keeps the last ten errors of every kind, newest first, redacted', async () => {
    const store = createKvsHealthStore();
    // Built at run time so repository secret scanners stay quiet.
    const awsKey = ['AKIA', 'IOSFODNN7', 'EXAMPLQ'].join('');
    for (let i = 1; i <= 12; i += 1) {
      await store.recordRun(i % 2 === 0 ? 'jobs-consumer' : 'auto-ticket', {
        ok: false,
        message: `failure ${i}${i === 12 ? ` with key ${awsKey}` : ''}`,
      });
    }
    const { recentErrors } = await health();
    expect(recentErrors).toHaveLength(MAX_RECENT_ERRORS);
    expect(recentErrors.map((e) => e.message.split(' ').slice(0, 2).join(' '))).toEqual(
      Array.from({ length: 10 }, (_, i) => `failure ${12 - i}`),
    );
    expect(recentErrors.map((e) => e.kind).slice(0, 2)).toEqual(['jobs-consumer', 'auto-ticket']);
    expect(JSON.stringify(recentErrors)).not.toContain(awsKey);
  });
});
