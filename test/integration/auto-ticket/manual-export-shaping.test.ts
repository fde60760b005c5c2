import { startAutoTicketWorld, type AutoTicketWorld } from './auto-ticket-world';
import { callAdmin, expectValue } from '../admin/admin-test-kit';
import { DEMO_USERS, ISSUE_TYPE } from '../../sim/jira/jira-seed-builder';
import { autoTicketEndpoints } from '../../../src/contract/auto-ticket';
import { exportOneEndpoint } from '../../../src/contract/findings';
import { MODULE_KEYS } from '../../../src/contract/modules';

describe('manual exports: "Use Jira template" and SLA due dates', () => {
  let w: AutoTicketWorld;
  beforeEach(async () => {
    w = await startAutoTicketWorld();
  });
  afterEach(async () => {
    await w.close();
  });

  const exportOne = async (findingId: string) => {
    const target = { projectKey: 'SEC', issueTypeId: ISSUE_TYPE.task };
    const result = await callAdmin(
      w.h,
      exportOneEndpoint,
      { findingId, target },
      DEMO_USERS.admin,
      MODULE_KEYS.findingsPage,
    );
    if (!result.ok) throw new Error(`export failed: ${result.error.message}`);
    return result.value;
  };

  it('uses the site template only with the toggle on, and stamps the SLA due date either way', async () => {
    await expectValue(w.h, autoTicketEndpoints.saveSla, {
      enabled: true,
      policies: [{ id: 'p1', name: 'All', enabled: true, days: { High: 4 }, scope: { type: 'all' } }],
    });
    await expectValue(w.h, autoTicketEndpoints.saveTemplates, {
      summary: 'Fix {{vulnClass}} by {{dueDate}}',
      useForManualExport: false,
      library: [],
    });
    const plain = w.addFinding({
      repositoryId: w.repos.web,
      score: 80,
      vulnClass: 'XSS',
      generatedTitle: 'Reflected XSS',
    });
    const first = await exportOne(plain);
    const plainIssue = w.h.jira.state.findIssue(first.issueKey);
    expect(plainIssue?.fields['summary']).toBe('[ZeroPath][High] Reflected XSS');
    const created = w.h.zeropath.state.finding(plain)?.createdAt ?? '';
    const due = new Date(Date.parse(created) + 4 * 86_400_000).toISOString().slice(0, 10);
    expect(plainIssue?.fields['duedate']).toBe(due);

    await expectValue(w.h, autoTicketEndpoints.saveTemplates, {
      summary: 'Fix {{vulnClass}} by {{dueDate}}',
      useForManualExport: true,
      library: [],
    });
    const templated = w.addFinding({ repositoryId: w.repos.web, score: 80, vulnClass: 'XSS' });
    const second = await exportOne(templated);
    const dueTemplated = new Date(
      Date.parse(w.h.zeropath.state.finding(templated)?.createdAt ?? '') + 4 * 86_400_000,
    )
      .toISOString()
      .slice(0, 10);
    expect(w.h.jira.state.findIssue(second.issueKey)?.fields['summary']).toBe(`Fix XSS by ${dueTemplated}`);
  });
});
