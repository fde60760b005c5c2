// The export world loads the harness first: it installs the local Forge platform before @forge/api.
import { startExportWorld, type ExportWorld } from './export-world';
import { ISSUE_TYPE } from '../../sim/jira/jira-seed-builder';

/**
 * Storage budget of a bulk export (issue 13): per exported finding at most 3 KVS write units and
 * 2 read units (10 KB each, as Forge counts them), so a 1,000-finding export stays far inside the
 * installation's 4,000 writes a minute.
 */
const SEC_TASK = { projectKey: 'SEC', issueTypeId: ISSUE_TYPE.task };

describe('KVS budget per exported finding', () => {
  let world: ExportWorld;
  beforeAll(async () => {
    // Export skips findings already closed in ZeroPath; 400 generated findings hold 200+ open ones.
    world = await startExportWorld({ zeropath: { findings: 400 } });
  });
  afterAll(async () => {
    await world.close();
  });

  it('a 200-finding bulk export costs at most 3 write and 2 read units per finding', async () => {
    const ids = world.findingIds().slice(0, 200);
    expect(ids).toHaveLength(200);
    world.harness.runtime.resetUsage();
    const started = await world.call('findings.exportBulk', { findingIds: ids, target: SEC_TASK });
    expect(started.ok).toBe(true);
    await world.harness.runtime.settle();
    const status = await world.call('findings.jobStatus', { jobId: started.value.jobId });
    expect(status.value.exported).toHaveLength(200);
    const usage = world.harness.runtime.kvs.usage();
    const perFinding = {
      writes: usage.writeUnits / 200,
      reads: usage.readUnits / 200,
      requests: usage.requests / 200,
    };
    console.info('KVS per exported finding', perFinding);
    expect(perFinding.writes).toBeLessThanOrEqual(3);
    expect(perFinding.reads).toBeLessThanOrEqual(2);
  });
});
