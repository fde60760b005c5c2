/**
 * The simulator driven by a real client: jira.js 6, whose response schemas are built from
 * Atlassian's OpenAPI spec, with schema mismatches thrown (`onSchemaMismatch: 'throw'`). Every
 * endpoint the app calls (src/infra/jira/jira-client.ts) plus the neighbours a client touches
 * (user search, resolution by id, bulkfetch, expand, repeated query parameters). A mismatch or a
 * 404/405 on a documented route fails here, in `npm test`.
 */
import { createCloudClient, isApiError, type ClientConfig } from 'jira.js';
import { createClient } from 'jira.js/core';
import { PageResolutionJsonSchema } from 'jira.js/cloud/models/pageResolutionJson';
import { type JiraSim } from './jira-sim-server';
import { DEMO_USERS } from './jira-seed-builder';
import { adf, startTestJiraSim, type ManualClock } from './jira-sim-test-helpers';
import { principalHeaders, type Principal, APP_ACCOUNT_ID } from '../shared/principal';

type Cloud = ReturnType<typeof createCloudClient>;

function clientFor(sim: JiraSim, principal: Principal): { cloud: Cloud; config: ClientConfig } {
  const config: ClientConfig = { host: sim.url, headers: principalHeaders(principal), onSchemaMismatch: 'throw', retry: { maxAttempts: 1 } };
  return { cloud: createCloudClient(config), config };
}

async function apiErrorOf(promise: Promise<unknown>): Promise<{ status: number; body: unknown }> {
  try {
    await promise;
  } catch (error) {
    if (isApiError(error)) return { status: error.status, body: error.body };
    throw error;
  }
  throw new Error('expected the call to fail');
}

const ZEROPATH_PROPERTY = { propertyKey: 'zeropath', values: [{ path: 'findingId', type: 'string' as const, searchAlias: 'zeropathFindingId' }] };

describe('Jira simulator through jira.js 6 with response-schema validation on', () => {
  let sim: JiraSim;
  let clock: ManualClock;
  let jira: Cloud;
  let config: ClientConfig;
  beforeEach(async () => {
    ({ sim, clock } = await startTestJiraSim({ entityProperties: [ZEROPATH_PROPERTY] }));
    ({ cloud: jira, config } = clientFor(sim, { kind: 'app' }));
  });
  afterEach(() => sim.close());

  it('identity and permissions: myself, mypermissions (admin check as a user), user search', async () => {
    expect(await jira.myself.getCurrentUser()).toMatchObject({ accountId: APP_ACCOUNT_ID, accountType: 'app' });
    const admin = clientFor(sim, { kind: 'user', accountId: DEMO_USERS.admin, viaApp: true }).cloud;
    const perms = await admin.permissions.getMyPermissions({ permissions: 'ADMINISTER,BROWSE_PROJECTS', projectKey: 'SEC' });
    expect(perms.permissions?.['ADMINISTER']?.havePermission).toBe(true);
    const found = await jira.userSearch.findUsers({ query: 'Bob' });
    expect(found.map((u) => u.displayName)).toEqual(['Bob Developer']);
    const assignable = await jira.userSearch.findAssignableUsers({ project: 'SEC', query: 'b' });
    expect(assignable.map((u) => u.displayName)).toEqual(['Bob Developer']);
  });

  it('catalogues: projects, createmeta, statuses, status categories, resolutions (list, search, by id)', async () => {
    const projects = await jira.projects.searchProjects({ action: 'create', expand: 'issueTypes' });
    expect(projects.values.map((p) => p.key)).toEqual(['APP', 'OPS', 'SEC']);
    expect((await jira.projects.getProject({ projectIdOrKey: 'SEC' })).issueTypes?.length).toBeGreaterThan(0);
    const types = await jira.issues.getCreateIssueMetaIssueTypes({ projectIdOrKey: 'SEC' });
    expect(types.issueTypes?.map((t) => t.name)).toContain('Bug');
    const fields = await jira.issues.getCreateIssueMetaIssueTypeId({ projectIdOrKey: 'SEC', issueTypeId: '10002' });
    expect(fields.fields?.map((f) => f.fieldId)).toContain('summary');
    expect((await jira.workflowStatuses.getStatus({ idOrName: 'Done' })).statusCategory?.key).toBe('done');
    expect((await jira.workflowStatusCategories.getStatusCategories()).map((c) => c.key)).toEqual(['new', 'indeterminate', 'done']);
    const resolutions = await createClient(config).sendRequest({ url: '/rest/api/3/resolution/search', method: 'GET', searchParams: {}, schema: PageResolutionJsonSchema });
    const first = resolutions.values?.[0];
    expect(first?.id).toBeDefined();
    expect(await jira.issueResolutions.getResolution({ id: first?.id ?? '' })).toMatchObject({ id: first?.id, name: first?.name });
    expect((await apiErrorOf(jira.issueResolutions.getResolution({ id: '999999' }))).status).toBe(404);
  });

  it('create, bulk create, read with every default field, repeated fields params, properties and expand', async () => {
    const created = await jira.issues.createIssue({
      fields: { project: { key: 'SEC' }, issuetype: { id: '10002' }, summary: 'SQL injection', description: adf('Found by ZeroPath'), labels: ['zeropath'] },
      properties: [{ key: 'zeropath', value: { findingId: 'F-1' } }],
    });
    const bulk = await jira.issues.createIssues({
      issueUpdates: [
        { fields: { project: { key: 'SEC' }, issuetype: { id: '10002' }, summary: 'XSS' } },
        { fields: { project: { key: 'SEC' }, issuetype: { id: '10002' }, summary: 'x'.repeat(300) } },
      ],
    });
    expect(bulk.issues?.length).toBe(1);
    expect(bulk.errors?.[0]?.failedElementNumber).toBe(1);

    const full = await jira.issues.getIssue({ issueIdOrKey: created.key });
    for (const field of ['creator', 'reporter', 'issuelinks', 'subtasks', 'attachment', 'components', 'fixVersions', 'versions', 'watches', 'votes', 'worklog', 'timetracking', 'progress', 'aggregateprogress', 'statuscategorychangedate', 'resolutiondate', 'environment', 'priority', 'lastViewed']) {
      expect(full.fields).toHaveProperty(field);
    }
    expect(full.fields?.['creator']?.accountId).toBe(APP_ACCOUNT_ID);

    // jira.js sends `fields=summary&fields=status` (the spec's repeated form): both must come back.
    const two = await jira.issues.getIssue({ issueIdOrKey: created.key, fields: ['summary', 'status'], properties: ['zeropath'] });
    expect(Object.keys(two.fields ?? {}).sort()).toEqual(['status', 'summary']);
    expect(two.properties).toEqual({ zeropath: { findingId: 'F-1' } });

    await jira.issues.editIssue({ issueIdOrKey: created.key, fields: { summary: 'SQL injection in /login' } });
    const expanded = await jira.issues.getIssue({ issueIdOrKey: created.key, fields: ['summary', 'description'], expand: ['changelog', 'renderedFields', 'names'] });
    expect(expanded.changelog?.histories?.[0]?.items?.[0]).toMatchObject({ field: 'summary', fromString: 'SQL injection', toString: 'SQL injection in /login' });
    expect(expanded.renderedFields?.['description']).toBe('<p>Found by ZeroPath</p>');
    expect(expanded.names).toMatchObject({ summary: 'Summary', description: 'Description' });

    const fetched = await jira.issues.bulkFetchIssues({ issueIdsOrKeys: [created.key, 'SEC-999'], fields: ['summary'] });
    // Issues that do not exist (or are invisible) are left out silently; issueErrors is for retriable errors.
    expect(fetched.issues?.map((i) => i.key)).toEqual([created.key]);
    expect(fetched.issueErrors).toEqual([]);
  });

  it('properties, remote links, transitions, comments and delete', async () => {
    const { key } = await jira.issues.createIssue({ fields: { project: { key: 'SEC' }, issuetype: { id: '10002' }, summary: 'Finding' } });
    await jira.issueProperties.setIssueProperty({ issueIdOrKey: key, propertyKey: 'zeropath', body: { findingId: 'F-9' } });
    expect((await jira.issueProperties.getIssueProperty({ issueIdOrKey: key, propertyKey: 'zeropath' })).value).toEqual({ findingId: 'F-9' });
    expect((await jira.issueProperties.getIssuePropertyKeys({ issueIdOrKey: key })).keys?.map((k) => k.key)).toEqual(['zeropath']);

    const link = await jira.issueRemoteLinks.createOrUpdateRemoteIssueLink({
      issueIdOrKey: key,
      globalId: 'zeropath:finding:F-9',
      object: { url: 'https://zeropath.com/app/issues/F-9', title: 'F-9' },
    });
    expect(typeof link.id).toBe('number');
    expect((await jira.issueRemoteLinks.getRemoteIssueLinks({ issueIdOrKey: key }))).toHaveLength(1);

    const transitions = await jira.issues.getTransitions({ issueIdOrKey: key, expand: 'transitions.fields' });
    const done = transitions.transitions?.find((t) => t.name === 'Done');
    await jira.issues.doTransition({ issueIdOrKey: key, transition: { id: done?.id ?? '' }, fields: { resolution: { name: 'Done' } } });
    const after = await jira.issues.getIssue({ issueIdOrKey: key, fields: ['status', 'resolution', 'resolutiondate'] });
    expect(after.fields?.['status']?.statusCategory?.key).toBe('done');
    expect(after.fields?.['resolutiondate']).toBeDefined();

    const comment = await jira.issueComments.addComment({ issueIdOrKey: key, body: adf('Fixed upstream') });
    clock.advance(1000);
    await jira.issueComments.updateComment({ issueIdOrKey: key, id: comment.id ?? '', body: { body: adf('Fixed upstream (edited)') } });
    expect((await jira.issueComments.getComment({ issueIdOrKey: key, id: comment.id ?? '' })).body).toEqual(adf('Fixed upstream (edited)'));
    expect((await jira.issueComments.getComments({ issueIdOrKey: key, orderBy: '-created' })).total).toBe(1);
    await jira.issueComments.deleteComment({ issueIdOrKey: key, id: comment.id ?? '' });

    await jira.issueProperties.deleteIssueProperty({ issueIdOrKey: key, propertyKey: 'zeropath' });
    await jira.issues.deleteIssue({ issueIdOrKey: key });
    expect((await apiErrorOf(jira.issues.getIssue({ issueIdOrKey: key }))).status).toBe(404);
  });

  it('refuses a plain-string comment body on v3 with Jira’s own message', async () => {
    // jira.js routes string bodies to v2 (which the app never uses); send the v3 call the app would.
    const refused = await apiErrorOf(createClient(config).sendRequest({ url: '/rest/api/3/issue/SEC-2/comment', method: 'POST', body: { body: 'plain text' } }));
    expect(refused).toEqual({ status: 400, body: { errorMessages: [], errors: { comment: 'Comment body is not valid!' } } });
  });

  it('searches by declared property path and alias (GET with repeated params and POST), with reconcileIssues', async () => {
    const { id, key } = await jira.issues.createIssue({
      fields: { project: { key: 'SEC' }, issuetype: { id: '10002' }, summary: 'Indexed' },
      properties: [{ key: 'zeropath', value: { findingId: 'F-7', severity: 'high' } }],
    });
    const byAlias = await jira.issueSearch.searchAndReconsileIssuesUsingJqlPost({ jql: 'zeropathFindingId = "F-7"', fields: ['summary', 'status'], properties: ['zeropath'] });
    expect(byAlias.issues?.map((i) => [i.key, Object.keys(i.fields ?? {}).sort()])).toEqual([[key, ['status', 'summary']]]);
    const byPath = await jira.issueSearch.searchAndReconsileIssuesUsingJql({ jql: 'issue.property[zeropath].findingId = "F-7"', fields: ['summary', 'status'], reconcileIssues: [Number(id)] });
    expect(byPath.issues?.map((i) => Object.keys(i.fields ?? {}).sort())).toEqual([['status', 'summary']]);
    // `severity` is stored but not declared by any jira:entityProperty module: Jira never indexed it.
    const undeclared = await jira.issueSearch.searchAndReconsileIssuesUsingJqlPost({ jql: 'project = SEC AND issue.property[zeropath].severity = "high"' });
    expect(undeclared.issues).toEqual([]);
    const expandedSearch = await jira.issueSearch.searchAndReconsileIssuesUsingJqlPost({ jql: `key = ${key}`, fields: ['summary'], expand: 'names,changelog' });
    expect(expandedSearch.issues?.[0]?.names).toEqual({ summary: 'Summary' });
  });
});
