// The living security report macro: counts for a repository or tag, SLA breaches, and linked Jira
// issues named only to viewers who can browse them (Jira asked as the viewer).
import { startExportWorld, type ExportWorld } from '../export/export-world';
import {
  confluenceAdminEndpoints,
  reportEndpoints,
  securityReportSchema,
  type SecurityReportView,
} from '../../../src/contract/confluence';
import { MODULE_KEYS } from '../../../src/contract/modules';
import { resultSchema } from '../../../src/contract/result';
import { expectValue } from '../admin/admin-test-kit';
import { storeConfigSections } from '../stored-config';
import { aJiraUser, ALL_PROJECT_PERMISSIONS, DEMO_USERS, ISSUE_TYPE } from '../../sim/jira/jira-seed-builder';

const OUTSIDER = '557058:report-outsider';
const MACRO = { content: { id: '9001', type: 'page' }, space: { id: '100', key: 'SECDOCS' } };

describe('security report macro', () => {
  let world: ExportWorld;
  const load = async (
    accountId: string,
    scope: { repository: string } | { tag: string },
  ): Promise<SecurityReportView> => {
    const raw = await world.harness.runtime.invokeUi(
      MODULE_KEYS.securityReport,
      reportEndpoints.load.key,
      { scope },
      { accountId, extension: MACRO },
    );
    const result = resultSchema(securityReportSchema).parse(raw);
    if (!result.ok) throw new Error(`report failed: ${JSON.stringify(result.error)}`);
    return result.value;
  };

  beforeEach(async () => {
    world = await startExportWorld({ confluence: { connected: true } });
    world.harness.jira.control.addUser(
      aJiraUser({ accountId: OUTSIDER, projectPermissions: { APP: ALL_PROJECT_PERMISSIONS } }),
    );
  });
  afterEach(() => world.close());

  it('counts open findings by severity and names a linked issue only to viewers who may browse it', async () => {
    await expectValue(world.harness, confluenceAdminEndpoints.save, {
      enabled: true,
      spaceKeys: ['SECDOCS'],
      labels: [],
      ticketLinks: false,
    });
    const [findingId] = world.findingIds(
      (f) => f.vulnCategory === 'SAST' && ['PENDING_REVIEW', 'REVIEWING'].includes(f.v2Status),
    );
    const finding = world.harness.zeropath.state.finding(findingId!)!;
    const exported = await world.call('findings.exportOne', {
      findingId,
      target: { projectKey: 'SEC', issueTypeId: ISSUE_TYPE.task },
    });
    expect(exported.ok).toBe(true);
    const issueKey = exported.value.issueKey as string;
    const summary = String(world.issueByKey(issueKey).fields.summary);

    const admin = await load(DEMO_USERS.admin, { repository: finding.repositoryName });
    if (admin.state !== 'ok') throw new Error(`expected a report, got ${admin.state}`);
    expect(admin.openTotal).toBeGreaterThan(0);
    expect(Object.values(admin.openBySeverity).reduce((a, b) => a + b, 0)).toBe(admin.openTotal);
    expect(admin.linkedVisible.map((i) => i.key)).toContain(issueKey);
    expect(admin.linkedHidden).toBe(0);

    world.harness.jira.requestLog.clear();
    const outsider = await load(OUTSIDER, { repository: finding.repositoryName });
    if (outsider.state !== 'ok') throw new Error(`expected a report, got ${outsider.state}`);
    expect(outsider.openBySeverity).toEqual(admin.openBySeverity);
    expect(outsider.linkedVisible).toEqual([]);
    expect(outsider.linkedHidden).toBe(admin.linkedVisible.length);
    expect(JSON.stringify(outsider)).not.toContain(issueKey);
    expect(JSON.stringify(outsider)).not.toContain(summary);
    // Jira was asked as the viewer.
    const searches = world.harness.jira.requestLog.entries.filter((e) => e.path === '/rest/api/3/search/jql');
    expect(searches.length).toBeGreaterThan(0);
    expect(searches.every((e) => e.principal.kind === 'user' && e.principal.accountId === OUTSIDER)).toBe(
      true,
    );
  });

  it('counts SLA breaches from the mirrored policies', async () => {
    await expectValue(world.harness, confluenceAdminEndpoints.save, {
      enabled: true,
      spaceKeys: ['SECDOCS'],
      labels: [],
      ticketLinks: false,
    });
    const [findingId] = world.findingIds(
      (f) => f.vulnCategory === 'SAST' && ['PENDING_REVIEW', 'REVIEWING'].includes(f.v2Status),
    );
    const repository = world.harness.zeropath.state.finding(findingId!)!.repositoryName;
    const before = await load(DEMO_USERS.admin, { repository });
    expect(before.state === 'ok' && before.slaBreaches).toBe(0);
    storeConfigSections(world.harness.runtime.kvs, {
      sla: {
        enabled: true,
        policies: [
          {
            id: 'p',
            name: 'Tight',
            enabled: true,
            days: { Critical: 1, High: 1, Medium: 1, Low: 1 },
            scope: { type: 'all' },
          },
        ],
      },
    });
    const after = await load(DEMO_USERS.admin, { repository });
    if (after.state !== 'ok') throw new Error('expected a report');
    const eligible = after.openTotal - after.openBySeverity.Info;
    expect(after.slaBreaches).toBeGreaterThan(0);
    expect(after.slaBreaches).toBeLessThanOrEqual(eligible);
  });

  it('shows nothing but "off" while Confluence access is off, asking neither ZeroPath nor Jira', async () => {
    world.harness.zeropath.requestLog.clear();
    world.harness.jira.requestLog.clear();
    expect(await load(DEMO_USERS.admin, { tag: 'production' })).toEqual({ state: 'off' });
    expect(world.harness.zeropath.requestLog.entries).toHaveLength(0);
    expect(world.harness.jira.requestLog.entries).toHaveLength(0);
    expect(world.harness.confluence?.requestLog.entries).toHaveLength(0);
  });

  it('says when no repository matches, and refuses a scope that is neither repository nor tag', async () => {
    await expectValue(world.harness, confluenceAdminEndpoints.save, {
      enabled: true,
      spaceKeys: ['SECDOCS'],
      labels: [],
      ticketLinks: false,
    });
    expect(await load(DEMO_USERS.admin, { repository: 'no/such-repo' })).toEqual({
      state: 'no_repositories',
      scopeLabel: 'Repository no/such-repo',
    });
    const raw = await world.harness.runtime.invokeUi(
      MODULE_KEYS.securityReport,
      reportEndpoints.load.key,
      { scope: { repository: 'a', tag: 'b' } },
      { accountId: DEMO_USERS.admin, extension: MACRO },
    );
    expect(resultSchema(securityReportSchema).parse(raw)).toMatchObject({
      ok: false,
      error: { kind: 'invalid_input' },
    });
  });
});
