import { startHarness, type Harness } from '../harness';
import { adminEndpoints } from '../../../src/contract/admin';
import { defaultConfig } from '../../../src/core/config/app-config';
import { storeKeys } from '../../../src/infra/store/store-keys';
import { storedConfig } from '../stored-config';
import { expectError, expectValue, kvsSnapshot } from './admin-test-kit';
import { resetSuccessRecordThrottle } from '../../../src/entry/resolvers/define-endpoint';

describe('admin page: configuration and health', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness.close();
  });

  it('migrates an older stored configuration on read', async () => {
    harness.runtime.kvs.set(storeKeys.config, {
      organizationId: harness.zeropath.organizationId,
      organizationName: 'Acme Corp',
      projectKey: 'SEC',
      commentTriage: false,
      resolutionMapping: { Done: 'resolved', "Won't Fix": 'accepted_risk' },
    });
    const settings = await expectValue(harness, adminEndpoints.getSettings, {});
    expect(settings.defaults.projectKey).toBe('SEC');
    expect(settings.sync).toMatchObject({
      commentTriage: false,
      resolutionMapping: { Done: 'resolved', "Won't Fix": 'accepted_risk' },
    });
    const connection = await expectValue(harness, adminEndpoints.getConnection, {});
    expect(connection.organization).toEqual({ id: harness.zeropath.organizationId, name: 'Acme Corp' });
  });

  it('saves a section and leaves the others alone', async () => {
    harness.connectZeroPath();
    const saved = await expectValue(harness, adminEndpoints.saveSync, {
      commentTriage: false,
      resolutionMapping: { Done: 'resolved', Duplicate: 'false_positive' },
    });
    expect(saved.sync).toMatchObject({ commentTriage: false, resolutionMapping: { Duplicate: 'false_positive' } });
    const stored = storedConfig(harness.runtime.kvs);
    expect(stored.connection.organizationId).toBe(harness.zeropath.organizationId);
    expect(stored.defaults).toEqual(defaultConfig().defaults);
  });

  it('refuses an invalid save with field-level errors and changes nothing', async () => {
    await expectValue(harness, adminEndpoints.saveSync, { commentTriage: false });
    const before = kvsSnapshot(harness);

    const badMapping = await expectError(harness, adminEndpoints.saveSync, {
      resolutionMapping: { Done: 'resolved', done: 'skip' },
    });
    expect(badMapping.kind).toBe('invalid_input');
    expect(Object.keys(badMapping.fieldErrors ?? {})).toEqual([expect.stringMatching(/^resolutionMapping/)]);

    const badKey = await expectError(harness, adminEndpoints.saveDefaults, { projectKey: 'not a key' });
    expect(badKey.fieldErrors?.['projectKey']).toMatch(/project key/);

    const wrongType = await expectError(harness, adminEndpoints.saveDefaults, { projectKey: 'SEC', issueTypeId: '999999' });
    expect(wrongType.fieldErrors?.['issueTypeId']).toMatch(/cannot be created in SEC/);

    const noProject = await expectError(harness, adminEndpoints.saveDefaults, { projectKey: 'NOPE' });
    expect(noProject.fieldErrors?.['projectKey']).toMatch(/cannot create issues in NOPE/);

    expect(kvsSnapshot(harness)).toEqual(before);
  });

  it('detects a default project with a Bug-like type and saves the admin\u2019s choice', async () => {
    const options = await expectValue(harness, adminEndpoints.getDefaultsOptions, {});
    expect(options.projects.map((p) => p.key)).toEqual(expect.arrayContaining(['SEC', 'APP', 'OPS']));
    expect(options.suggested).toMatchObject({ issueTypeName: 'Bug' });
    expect(options.forProjectKey).toBe(options.suggested?.projectKey);
    expect(options.issueTypes.map((t) => t.name)).toContain('Bug');
    expect(options.issueTypes.map((t) => t.name)).not.toContain('Sub-task');

    const sec = await expectValue(harness, adminEndpoints.getDefaultsOptions, { projectKey: 'SEC' });
    const task = sec.issueTypes.find((t) => t.name === 'Task');
    expect(task).toBeDefined();
    expect(sec.issueTypes.map((t) => t.name)).not.toContain('Epic');
    const saved = await expectValue(harness, adminEndpoints.saveDefaults, {
      projectKey: 'SEC',
      issueTypeId: task!.id,
      labels: ['zeropath', 'security'],
    });
    expect(saved.defaults).toMatchObject({ projectKey: 'SEC', issueTypeId: task!.id, labels: ['zeropath', 'security'] });
    const again = await expectValue(harness, adminEndpoints.getDefaultsOptions, {});
    expect(again.forProjectKey).toBe('SEC');
  });

  it('shows health records with the 429s of the last hour (jobs in flight and recent errors: health-truth.test.ts)', async () => {
    const now = Date.now();
    const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
    harness.runtime.kvs.set(storeKeys.health('issue-trigger'), {
      kind: 'issue-trigger',
      lastRunAt: at(1),
      lastOkAt: at(30),
      lastError: { at: at(1), message: 'Jira answered HTTP 503' },
      recentRateLimits: { jira: [at(200), at(5), at(4)], zeropath: [] },
    });
    harness.runtime.kvs.set(storeKeys.health('jobs-consumer'), {
      kind: 'jobs-consumer',
      lastRunAt: at(10),
      lastError: { at: at(10), message: 'ZeroPath is rate limiting the app. Retry in 30 s.' },
      recentRateLimits: { jira: [], zeropath: [at(10)], kvs: [at(2)] },
    });
    const health = await expectValue(harness, adminEndpoints.getHealth, {});
    expect(health.kinds.find((k) => k.kind === 'issue-trigger')).toMatchObject({
      label: 'Jira issue events',
      rateLimitsLastHour: { jira: 2, zeropath: 0, kvs: 0 },
    });
    expect(health.kinds.find((k) => k.kind === 'jobs-consumer')).toMatchObject({
      rateLimitsLastHour: { jira: 0, zeropath: 1, kvs: 1 },
      jobsInFlight: 0,
    });
    expect(health.kinds.find((k) => k.kind === 'auto-ticket')).toMatchObject({ jobsInFlight: 0 });
    expect(health.kinds.find((k) => k.kind === 'auto-ticket')?.lastRunAt).toBeUndefined();
  });

  it('shows the pages as used once they have answered, not "Not run yet"', async () => {
    resetSuccessRecordThrottle();
    await expectValue(harness, adminEndpoints.getSettings, {});
    const health = await expectValue(harness, adminEndpoints.getHealth, {});
    const pages = health.kinds.find((k) => k.kind === 'resolver');
    expect(pages?.label).toBe('Admin and issue pages');
    expect(pages?.lastOkAt).toBeDefined();
    expect(pages?.lastRunAt).toBe(pages?.lastOkAt);
  });

  it('lists the site\'s resolutions for the Sync tab to pick from', async () => {
    const { resolutions } = await expectValue(harness, adminEndpoints.listResolutions, {});
    expect(resolutions.map((r) => r.name)).toEqual(expect.arrayContaining(['Done', "Won't Do"]));
  });
});
