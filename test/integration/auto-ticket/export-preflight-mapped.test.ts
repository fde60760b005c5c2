import { startAutoTicketWorld, type AutoTicketWorld } from './auto-ticket-world';
import { callAdmin, expectValue } from '../admin/admin-test-kit';
import { DEMO_USERS, ISSUE_TYPE } from '../../sim/jira/jira-seed-builder';
import { autoTicketEndpoints } from '../../../src/contract/auto-ticket';
import {
  exportBulkEndpoint,
  exportJobStatusEndpoint,
  exportOneEndpoint,
  preflightEndpoint,
} from '../../../src/contract/findings';
import { MODULE_KEYS } from '../../../src/contract/modules';
import { type Endpoint, type PayloadOf } from '../../../src/contract/endpoint';
import { type z } from 'zod';

/** OPS's Task create screen (seed) requires "Security Team" (customfield_10050), a select with no default. */
const TARGET = { projectKey: 'OPS', issueTypeId: ISSUE_TYPE.task };

describe('manual and bulk export: preflight counts required fields mapped under Custom fields as filled', () => {
  let w: AutoTicketWorld;
  beforeEach(async () => {
    w = await startAutoTicketWorld();
  });
  afterEach(async () => {
    await w.close();
  });

  const asFindingsPage = async <P extends z.ZodType, R extends z.ZodType>(
    endpoint: Endpoint<P, R>,
    payload: PayloadOf<Endpoint<P, R>>,
  ): Promise<z.output<R>> => {
    const result = await callAdmin(w.h, endpoint, payload, DEMO_USERS.admin, MODULE_KEYS.findingsPage);
    if (!result.ok) throw new Error(`${endpoint.key} failed: ${result.error.message}`);
    return result.value;
  };

  const mapSecurityTeam = () =>
    expectValue(w.h, autoTicketEndpoints.saveFieldMappings, {
      ...TARGET,
      mappings: [{ fieldId: 'customfield_10050', source: { type: 'static', value: 'AppSec' } }],
    });

  it('refuses while the required field is unmapped, then exports one finding with the mapped value set', async () => {
    const id = w.addFinding({ repositoryId: w.repos.web, score: 80 });
    const before = await asFindingsPage(preflightEndpoint, { target: TARGET });
    expect(before.missingRequiredFields.map((f) => f.name)).toEqual(['Security Team']);
    const refused = await callAdmin(
      w.h,
      exportOneEndpoint,
      { findingId: id, target: TARGET },
      DEMO_USERS.admin,
      MODULE_KEYS.findingsPage,
    );
    expect(refused.ok ? 'exported' : refused.error.kind).toBe('invalid_input');

    await mapSecurityTeam();
    const after = await asFindingsPage(preflightEndpoint, { target: TARGET });
    expect(after.missingRequiredFields).toEqual([]);

    const exported = await asFindingsPage(exportOneEndpoint, { findingId: id, target: TARGET });
    expect(exported.outcome).toBe('created');
    const issue = w.h.jira.state.findIssue(exported.issueKey);
    expect(issue?.key).toMatch(/^OPS-/);
    // The select option "AppSec" by its id, as Jira stores it.
    expect(issue?.fields['customfield_10050']).toBe('100500');
  });

  it('bulk export to a target whose required field is mapped creates every issue with the field set', async () => {
    await mapSecurityTeam();
    const ids = [1, 2, 3].map(() => w.addFinding({ repositoryId: w.repos.payments, score: 75 }));
    const started = await asFindingsPage(exportBulkEndpoint, { findingIds: ids, target: TARGET });
    await w.h.runtime.settle();
    const job = await asFindingsPage(exportJobStatusEndpoint, { jobId: started.jobId });
    expect({ state: job.state, exported: job.exported.length, failed: job.failed }).toEqual({
      state: 'done',
      exported: 3,
      failed: [],
    });
    for (const { issueKey } of job.exported) {
      expect(w.h.jira.state.findIssue(issueKey)?.fields['customfield_10050']).toBe('100500');
    }
  });
});
