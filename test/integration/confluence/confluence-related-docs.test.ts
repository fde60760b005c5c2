// "Related security docs" on the panel are searched as the viewing user (no title leaks), the
// tickets' "Related docs" name no page, and with access off not one Confluence request is made.
import { startExportWorld, type ExportWorld } from '../export/export-world';
import { confluenceAdminEndpoints } from '../../../src/contract/confluence';
import { MODULE_KEYS } from '../../../src/contract/modules';
import { panelEndpoints, relatedDocsViewSchema, type RelatedDocsView } from '../../../src/contract/panel';
import { storeKeys } from '../../../src/infra/store/store-keys';
import { expectValue } from '../admin/admin-test-kit';
import { DEMO_USERS, ISSUE_TYPE } from '../../sim/jira/jira-seed-builder';
import { demoConfluenceSeed } from '../../sim/confluence/confluence-seed';

const SEC_TASK = { projectKey: 'SEC', issueTypeId: ISSUE_TYPE.task };
const ALL_TITLES = demoConfluenceSeed().pages.map((p) => p.title);
const PLAYBOOK = 'Incident playbook: exploited sql injection in payments';
const ARCHITECTURE = 'acme/payments-api architecture';

describe('related security docs', () => {
  let world: ExportWorld;
  let issue: { id: string; key: string };

  const confluenceLog = () => world.harness.confluence?.requestLog.entries ?? [];
  const relatedDocsFor = async (accountId: string): Promise<RelatedDocsView> => {
    const answer = (await world.harness.runtime.invokeUi(
      MODULE_KEYS.issuePanel,
      panelEndpoints.relatedDocs.key,
      {},
      {
        accountId,
        extension: { issue, project: { id: '10000', key: 'SEC' } },
      },
    )) as { ok: boolean; value?: unknown; error?: unknown };
    if (!answer.ok) throw new Error(`relatedDocs failed: ${JSON.stringify(answer.error)}`);
    return relatedDocsViewSchema.parse(answer.value);
  };
  const titles = (view: RelatedDocsView) => (view.state === 'ok' ? view.docs.map((d) => d.title).sort() : []);
  const turnOn = (ticketLinks = false) =>
    expectValue(world.harness, confluenceAdminEndpoints.save, {
      enabled: true,
      spaceKeys: ['SECDOCS', 'ARCH'],
      labels: [],
      ticketLinks,
    });

  /** Exports one finding and points its stored snapshot at the demo Confluence content. */
  let exportedCount = 0;
  async function exportSqlInjectionFinding(): Promise<{ id: string; key: string; description: unknown }> {
    const findingId = world.findingIds((f) => f.vulnCategory === 'SAST')[exportedCount++];
    const answer = await world.call('findings.exportOne', { findingId, target: SEC_TASK });
    expect(answer).toMatchObject({ ok: true, value: { outcome: 'created' } });
    const stored = world.issueByKey(answer.value.issueKey);
    const key = storeKeys.linkByFinding(findingId!);
    const link = world.harness.runtime.kvs.get(key) as { snapshot: Record<string, unknown> };
    world.harness.runtime.kvs.set(key, {
      ...link,
      snapshot: {
        ...link.snapshot,
        cwes: ['CWE-89'],
        vulnClass: 'SQL Injection',
        repository: { ...(link.snapshot['repository'] as object), name: 'acme/payments-api' },
      },
    });
    return { id: stored.id, key: stored.key, description: stored.fields.description };
  }

  beforeEach(async () => {
    exportedCount = 0;
    world = await startExportWorld({ confluence: { connected: true } });
  });
  afterEach(() => world.close());

  it('lists for each viewer only the pages they may open, searched as that viewer', async () => {
    await turnOn();
    issue = await exportSqlInjectionFinding();
    world.harness.confluence?.requestLog.clear();

    const bob = await relatedDocsFor(DEMO_USERS.dev2);
    const alice = await relatedDocsFor(DEMO_USERS.dev1);
    const admin = await relatedDocsFor(DEMO_USERS.admin);

    expect(titles(bob)).toEqual(
      ['Runbook: fixing SQL injection (CWE-89)', 'Secure coding standard: injection'].sort(),
    );
    expect(titles(alice)).toEqual([...titles(bob), ARCHITECTURE].sort());
    expect(titles(admin)).toContain(PLAYBOOK);
    // Bob's answer carries no trace of what he may not open.
    expect(JSON.stringify(bob)).not.toContain(PLAYBOOK);
    expect(JSON.stringify(bob)).not.toContain(ARCHITECTURE);
    expect(JSON.stringify(bob)).not.toContain('Salary');
    expect(confluenceLog().map((e) => e.principal)).toEqual([
      { kind: 'user', accountId: DEMO_USERS.dev2, viaApp: true },
      { kind: 'user', accountId: DEMO_USERS.dev1, viaApp: true },
      { kind: 'user', accountId: DEMO_USERS.admin, viaApp: true },
    ]);
    expect(bob.state === 'ok' && bob.docs[0]?.url).toMatch(
      /^https:\/\/zeropath-dev\.atlassian\.net\/wiki\/spaces\/SECDOCS\/pages\/\d+$/,
    );
    // The search stays within the chosen spaces (HR is readable by every licensed user, but not chosen).
    expect(String(confluenceLog()[0]?.query['cql'])).toMatch(/space in \("SECDOCS", "ARCH"\)/);
  });

  it('exported tickets link to a Confluence search and name no page', async () => {
    await turnOn(true);
    world.harness.confluence?.requestLog.clear();
    const exported = await exportSqlInjectionFinding();
    const description = JSON.stringify(exported.description);
    expect(description).toContain('Related docs');
    expect(description).toContain('Search related security docs in Confluence');
    expect(description).toMatch(/https:\/\/zeropath-dev\.atlassian\.net\/wiki\/search\?cql=[^"]*SECDOCS/);
    for (const title of ALL_TITLES) expect(description).not.toContain(title);
    // Building the link asks Confluence nothing.
    expect(confluenceLog()).toHaveLength(0);
  });

  it('with access off: no related docs, no ticket section, and not one Confluence request', async () => {
    issue = await exportSqlInjectionFinding();
    expect(JSON.stringify(issue)).not.toContain('Related docs');
    expect(await relatedDocsFor(DEMO_USERS.admin)).toEqual({ state: 'off' });
    await turnOn();
    world.harness.confluence?.requestLog.clear();
    await expectValue(world.harness, confluenceAdminEndpoints.save, {
      enabled: false,
      spaceKeys: ['SECDOCS'],
      labels: [],
      ticketLinks: true,
    });
    expect(await relatedDocsFor(DEMO_USERS.dev1)).toEqual({ state: 'off' });
    const again = await exportSqlInjectionFinding();
    expect(JSON.stringify(again.description)).not.toContain('Related docs');
    expect(confluenceLog()).toHaveLength(0);
  });

  it('a user who cannot browse the issue gets no docs at all', async () => {
    await turnOn();
    issue = await exportSqlInjectionFinding();
    world.harness.confluence?.requestLog.clear();
    const answer = (await world.harness.runtime.invokeUi(
      MODULE_KEYS.issuePanel,
      panelEndpoints.relatedDocs.key,
      {},
      {
        accountId: '557058:nobody',
        extension: { issue, project: { id: '10000', key: 'SEC' } },
      },
    )) as { ok: boolean; error?: { kind: string } };
    expect(answer).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(confluenceLog()).toHaveLength(0);
  });
});
