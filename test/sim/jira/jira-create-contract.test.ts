import { type JiraSim } from './jira-sim-server';
import { DEMO_USERS, ISSUE_TYPE, field } from './jira-seed-builder';
import { adf, asUser, createBody, startTestJiraSim, type createJiraClient } from './jira-sim-test-helpers';

describe('Jira simulator: issue create, bulk create, createmeta', () => {
  let sim: JiraSim;
  let call: ReturnType<typeof createJiraClient>;
  beforeEach(async () => ({ sim, call } = await startTestJiraSim()));
  afterEach(() => sim.close());

  it('creates an issue with ADF description and properties and stores them', async () => {
    const res = await call('POST', '/rest/api/3/issue', undefined, createBody(
      { description: adf('Found by ZeroPath'), labels: ['security'], duedate: '2026-12-31', priority: { name: 'High' } },
      { properties: [{ key: 'zeropath', value: { findingId: 'F-1' } }] },
    ));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), key: 'SEC-3', self: expect.stringContaining('/rest/api/3/issue/') });
    const stored = sim.state.findIssue('SEC-3');
    expect(stored?.fields['description']).toEqual(adf('Found by ZeroPath'));
    expect(stored?.fields['priority']).toBe('2');
    expect(stored?.properties.get('zeropath')).toEqual({ findingId: 'F-1' });
  });

  it('rejects invalid ADF with 400 and a plain string description with Jira’s ADF message', async () => {
    const bad = await call('POST', '/rest/api/3/issue', undefined, createBody({ description: { type: 'doc', version: 1, content: [{ type: 'heading', attrs: { level: 7 }, content: [{ type: 'text', text: 'x' }] }] } }));
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ errorMessages: [], errors: { description: 'INVALID_INPUT' } });
    const str = await call('POST', '/rest/api/3/issue', undefined, createBody({ description: 'plain' }));
    expect(str.status).toBe(400);
    expect(str.body.errors.description).toBe('Operation value must be an Atlassian Document (see the Atlassian Document Format)');
  });

  it('rejects an Epic as parent of an Epic with the parentId hierarchy error', async () => {
    const res = await call('POST', '/rest/api/3/issue', undefined, createBody({ issuetype: { id: ISSUE_TYPE.epic }, parent: { key: 'SEC-1' } }));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ errorMessages: [], errors: { parentId: 'Given parent work item does not belong to appropriate hierarchy.' } });
  });

  it('accepts a Task under an Epic and requires a parent for sub-tasks', async () => {
    expect((await call('POST', '/rest/api/3/issue', undefined, createBody({ parent: { key: 'SEC-1' } }))).status).toBe(201);
    const sub = await call('POST', '/rest/api/3/issue', undefined, createBody({ issuetype: { id: ISSUE_TYPE.subtask } }));
    expect(sub.status).toBe(400);
    expect(sub.body.errors.issuetype).toBe('Issue type is a sub-task but parent issue key or id not specified.');
  });

  it('answers "not on the appropriate screen" for fields missing from the create screen', async () => {
    const res = await call('POST', '/rest/api/3/issue', undefined, createBody({ project: { key: 'APP' }, duedate: '2026-12-31' }));
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual({ duedate: "Field 'duedate' cannot be set. It is not on the appropriate screen, or unknown." });
  });

  it('enforces required custom fields, summary rules and option values', async () => {
    const missing = await call('POST', '/rest/api/3/issue', undefined, createBody({ project: { key: 'OPS' }, summary: 'x'.repeat(256) }));
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual({ summary: 'Summary must be less than 255 characters.', customfield_10050: 'Security Team is required.' });
    const ok = await call('POST', '/rest/api/3/issue', undefined, createBody({ project: { key: 'OPS' }, customfield_10050: { value: 'AppSec' } }));
    expect(ok.status).toBe(201);
    const noSummary = await call('POST', '/rest/api/3/issue', undefined, { fields: { project: { key: 'SEC' }, issuetype: { id: '10002' } } });
    expect(noSummary.body.errors.summary).toBe('You must specify a summary of the issue.');
  });

  it('hides projects the user cannot browse and refuses creation without CREATE_ISSUES', async () => {
    const hidden = await call('POST', '/rest/api/3/issue', asUser(DEMO_USERS.restricted), createBody({ project: { key: 'OPS' }, customfield_10050: { value: 'AppSec' } }));
    expect(hidden.status).toBe(400);
    expect(hidden.body.errors.project).toBe('Specify a valid project ID or key');
    sim.control.setPermissions(DEMO_USERS.dev2, { projectPermissions: { '*': ['BROWSE_PROJECTS'] } });
    const forbidden = await call('POST', '/rest/api/3/issue', asUser(DEMO_USERS.dev2), createBody());
    expect(forbidden.status).toBe(403);
  });

  it('bulk-creates with partial failures reported by 0-based failedElementNumber (201)', async () => {
    const res = await call('POST', '/rest/api/3/issue/bulk', undefined, {
      issueUpdates: [createBody(), createBody({ issuetype: { id: '99999' } }), createBody({ summary: 'third' })],
    });
    expect(res.status).toBe(201);
    expect(res.body.issues).toHaveLength(2);
    expect(res.body.errors).toEqual([{ status: 400, failedElementNumber: 1, elementErrors: { errorMessages: [], errors: { issuetype: 'The issue type selected is invalid.' } } }]);
  });

  it('answers 400 when every bulk element fails and when more than 50 are sent', async () => {
    const allBad = await call('POST', '/rest/api/3/issue/bulk', undefined, { issueUpdates: [createBody({ summary: '' })] });
    expect(allBad.status).toBe(400);
    expect(allBad.body.issues).toEqual([]);
    const tooMany = await call('POST', '/rest/api/3/issue/bulk', undefined, { issueUpdates: Array.from({ length: 51 }, () => createBody()) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errorMessages).toEqual(['Bulk create supports at most 50 issues per request.']);
    expect(sim.state.issuesByProject.get('10000')?.size).toBe(2);
  });

  it('serves createmeta issue types with hierarchy levels and per-screen fields', async () => {
    const types = await call('GET', '/rest/api/3/issue/createmeta/SEC/issuetypes');
    expect(types.status).toBe(200);
    expect(types.body.issueTypes.map((t: { name: string; hierarchyLevel: number }) => [t.name, t.hierarchyLevel])).toEqual([['Epic', 1], ['Bug', 0], ['Task', 0], ['Sub-task', -1]]);
    sim.control.setCreateScreen('SEC', ISSUE_TYPE.task, [field.summary(), field.customText(10060, 'Repo', true)]);
    const fields = await call('GET', `/rest/api/3/issue/createmeta/SEC/issuetypes/${ISSUE_TYPE.task}`);
    expect(fields.body.fields.map((f: { fieldId: string }) => f.fieldId)).toEqual(['project', 'issuetype', 'summary', 'customfield_10060']);
    expect(fields.body.fields[3]).toMatchObject({ required: true, schema: { type: 'string', customId: 10060 } });
    const over = await call('GET', '/rest/api/3/issue/createmeta/SEC/issuetypes?maxResults=201');
    expect(over.body).toEqual({ errorMessages: ["Parameter 'maxResults' must not exceed the limit '200'"], errors: {} });
  });
});
