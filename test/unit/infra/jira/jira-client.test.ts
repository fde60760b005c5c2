import { createJiraClient } from '../../../../src/infra/jira/jira-client';
import {
  JiraApiError,
  JiraForbiddenError,
  JiraInvalidRequestError,
  JiraNotFoundError,
  JiraRateLimitedError,
  JiraResponseError,
  JiraUnavailableError,
} from '../../../../src/infra/jira/jira-errors';
import { processJiraQuota } from '../../../../src/infra/jira/jira-quota';
import { aComment, adf, fakeRequester, scripted, type JiraCallRecord, type JiraReply } from './jira-fakes';

// Each test is a fresh Jira: a burst 429 in one must not leave its endpoint shut for the next.
beforeEach(() => processJiraQuota.forget());

function clientWith(handler: (call: JiraCallRecord) => JiraReply) {
  const { requester, calls } = fakeRequester(handler);
  return { client: createJiraClient(requester), calls };
}

const status = (key: string) => ({ id: '10002', name: 'Done', statusCategory: { id: 3, key, name: 'Done' } });

describe('identity and permissions', () => {
  it('reads myself', async () => {
    const { client, calls } = clientWith(() => ({ body: { accountId: 'u1', displayName: 'Mia', accountType: 'atlassian', extra: 1 } }));
    await expect(client.myself()).resolves.toEqual({ accountId: 'u1', displayName: 'Mia', accountType: 'atlassian' });
    expect(calls[0]).toMatchObject({ method: 'GET', path: '/rest/api/3/myself' });
    expect(calls[0]?.init.headers).toMatchObject({ Accept: 'application/json' });
  });

  it('asks mypermissions with context and fails closed on keys Jira omits', async () => {
    const { client, calls } = clientWith(() => ({ body: { permissions: { EDIT_ISSUES: { havePermission: true, key: 'EDIT_ISSUES' } } } }));
    await expect(client.myPermissions(['EDIT_ISSUES', 'BROWSE_PROJECTS'], { issueKey: 'SEC-1' })).resolves.toEqual({
      EDIT_ISSUES: true,
      BROWSE_PROJECTS: false,
    });
    expect(calls[0]?.path).toBe('/rest/api/3/mypermissions');
    expect(calls[0]?.query.get('permissions')).toBe('EDIT_ISSUES,BROWSE_PROJECTS');
    expect(calls[0]?.query.get('issueKey')).toBe('SEC-1');
  });

  it('rejects bad permission keys before calling Jira', async () => {
    const { client, calls } = clientWith(() => ({ body: {} }));
    await expect(client.myPermissions([])).rejects.toBeInstanceOf(JiraInvalidRequestError);
    await expect(client.myPermissions(['ADMINISTER&x=1'])).rejects.toThrow(/Not Jira permission keys/);
    expect(calls).toHaveLength(0);
  });

  it.each([
    [{ permissions: { ADMINISTER: { havePermission: true } } }, true],
    [{ permissions: { ADMINISTER: { havePermission: false } } }, false],
    [{ permissions: {} }, false],
  ])('isJiraAdmin(%j) is %p', async (body, expected) => {
    const { client, calls } = clientWith(() => ({ body }));
    await expect(client.isJiraAdmin()).resolves.toBe(expected);
    expect(calls[0]?.query.get('permissions')).toBe('ADMINISTER');
  });

  it('fails closed when the permissions body is malformed', async () => {
    const { client } = clientWith(() => ({ body: { permissions: { ADMINISTER: { havePermission: 'yes' } } } }));
    await expect(client.isJiraAdmin()).rejects.toBeInstanceOf(JiraResponseError);
  });
});

describe('projects, create metadata, users', () => {
  it('searches projects the caller can create in', async () => {
    const { client, calls } = clientWith(() => ({
      body: { startAt: 50, maxResults: 50, total: 51, isLast: true, values: [{ id: '10000', key: 'SEC', name: 'Security', simplified: false }] },
    }));
    await expect(client.searchProjects('sec', 50)).resolves.toEqual({
      projects: [{ id: '10000', key: 'SEC', name: 'Security', simplified: false }],
      total: 51,
      isLast: true,
    });
    expect(Object.fromEntries(calls[0]?.query ?? [])).toMatchObject({ query: 'sec', startAt: '50', action: 'create' });
  });

  it('pages create-metadata issue types', async () => {
    const { client, calls } = clientWith(
      scripted(
        { body: { startAt: 0, total: 3, issueTypes: [{ id: '1', name: 'Task', hierarchyLevel: 0 }, { id: 2, name: 'Epic', hierarchyLevel: 1 }] } },
        { body: { startAt: 2, total: 3, issueTypes: [{ id: '3', name: 'Subtask', subtask: true, hierarchyLevel: -1 }] } },
      ),
    );
    const types = await client.getCreateMetaIssueTypes('SEC');
    expect(types.map((t) => t.id)).toEqual(['1', '2', '3']);
    expect(calls.map((c) => [c.path, c.query.get('startAt')])).toEqual([
      ['/rest/api/3/issue/createmeta/SEC/issuetypes', '0'],
      ['/rest/api/3/issue/createmeta/SEC/issuetypes', '2'],
    ]);
  });

  it('caches create fields per project + type, and forgets on request', async () => {
    const field = { fieldId: 'duedate', name: 'Due date', required: false, schema: { type: 'date', system: 'duedate' }, operations: ['set'] };
    const { client, calls } = clientWith(() => ({ body: { startAt: 0, total: 1, fields: [field] } }));
    const [a, b] = await Promise.all([client.getCreateMetaFields('SEC', '10001'), client.getCreateMetaFields('SEC', '10001')]);
    expect(a).toEqual([field]);
    expect(b).toBe(a);
    await client.getCreateMetaFields('SEC', '10002');
    expect(calls).toHaveLength(2);
    client.forgetCreateMetaFields('SEC', '10001');
    await client.getCreateMetaFields('SEC', '10001');
    expect(calls).toHaveLength(3);
    expect(calls[0]?.path).toBe('/rest/api/3/issue/createmeta/SEC/issuetypes/10001');
  });

  it('does not cache a failed create-fields load', async () => {
    const { client, calls } = clientWith(
      scripted({ status: 503, body: { errorMessages: ['busy'], errors: {} } }, { body: { total: 0, fields: [] } }),
    );
    await expect(client.getCreateMetaFields('SEC', '1')).rejects.toBeInstanceOf(JiraUnavailableError);
    await expect(client.getCreateMetaFields('SEC', '1')).resolves.toEqual([]);
    expect(calls).toHaveLength(2);
  });

  it('refuses path manipulation in interpolated ids', async () => {
    const { client, calls } = clientWith(() => ({ body: {} }));
    await expect(client.getCreateMetaFields('../../admin', '1')).rejects.toThrow(/path manipulation/);
    await expect(client.getIssue('SEC-1/../../x', [])).rejects.toThrow(/path manipulation/);
    expect(calls).toHaveLength(0);
  });

  it('finds assignable users (a bare array)', async () => {
    const { client, calls } = clientWith(() => ({ body: [{ accountId: 'u1', displayName: 'Mia', active: true }] }));
    await expect(client.findAssignableUsers('mi', 'SEC')).resolves.toEqual([{ accountId: 'u1', displayName: 'Mia', active: true }]);
    expect(Object.fromEntries(calls[0]?.query ?? [])).toMatchObject({ query: 'mi', project: 'SEC' });
  });
});

describe('creating issues', () => {
  const body = { fields: { project: { key: 'SEC' }, issuetype: { id: '10001' }, summary: 'x' } };

  it('creates one issue', async () => {
    const { client, calls } = clientWith(() => ({ status: 201, body: { id: 10000, key: 'SEC-24', self: 'https://x' } }));
    await expect(client.createIssue(body)).resolves.toEqual({ id: '10000', key: 'SEC-24', self: 'https://x' });
    expect(calls[0]).toMatchObject({ method: 'POST', path: '/rest/api/3/issue', body });
    expect(calls[0]?.init.headers).toMatchObject({ 'Content-Type': 'application/json' });
  });

  it('surfaces Jira field errors on a 400', async () => {
    const { client } = clientWith(() => ({
      status: 400,
      body: { errorMessages: [], errors: { duedate: "Field 'duedate' cannot be set. It is not on the appropriate screen, or unknown." } },
    }));
    const error = await client.createIssue(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JiraApiError);
    expect(error).toMatchObject({ status: 400, errors: { duedate: expect.stringContaining('cannot be set') } });
    expect((error as Error).message).toContain('duedate');
  });

  it('bulk-creates and maps partial failures back to request indexes', async () => {
    const { client, calls } = clientWith(() => ({
      status: 201,
      body: {
        issues: [
          { id: '1', key: 'SEC-1' },
          { id: '3', key: 'SEC-2' },
        ],
        errors: [{ status: 400, failedElementNumber: 1, elementErrors: { errorMessages: [], errors: { issuetype: 'The issue type selected is invalid.' } } }],
      },
    }));
    const result = await client.bulkCreate([body, body, body]);
    expect(result.issues).toEqual([
      { id: '1', key: 'SEC-1', index: 0 },
      { id: '3', key: 'SEC-2', index: 2 },
    ]);
    expect(result.errors).toEqual([{ index: 1, status: 400, errorMessages: [], errors: { issuetype: 'The issue type selected is invalid.' } }]);
    expect(calls[0]?.body).toEqual({ issueUpdates: [body, body, body] });
  });

  it('treats an all-failed 400 as a result', async () => {
    const { client } = clientWith(() => ({
      status: 400,
      body: { issues: [], errors: [{ status: 400, failedElementNumber: 0, elementErrors: { errorMessages: ['nope'], errors: {} } }] },
    }));
    await expect(client.bulkCreate([body])).resolves.toEqual({ issues: [], errors: [{ index: 0, status: 400, errorMessages: ['nope'], errors: {} }] });
  });

  it('throws for a 400 that is a plain ErrorCollection', async () => {
    const { client } = clientWith(() => ({ status: 400, body: { errorMessages: ['Bad request'], errors: {} } }));
    await expect(client.bulkCreate([body])).rejects.toMatchObject({ status: 400, errorMessages: ['Bad request'] });
  });

  it('refuses more than 50 or no issues', async () => {
    const { client, calls } = clientWith(() => ({ body: {} }));
    await expect(client.bulkCreate(Array.from({ length: 51 }, () => body))).rejects.toThrow(/1–50.*got 51/);
    await expect(client.bulkCreate([])).rejects.toBeInstanceOf(JiraInvalidRequestError);
    expect(calls).toHaveLength(0);
  });
});

describe('issues, properties, links', () => {
  it('gets an issue with a fields list', async () => {
    const { client, calls } = clientWith(() => ({ body: { id: '10', key: 'SEC-1', fields: { summary: 's', status: status('done') } } }));
    const issue = await client.getIssue('SEC-1', ['summary', 'status'], { properties: ['zeropath'] });
    expect(issue).toEqual({ id: '10', key: 'SEC-1', fields: { summary: 's', status: status('done') } });
    expect(calls[0]?.path).toBe('/rest/api/3/issue/SEC-1');
    expect(calls[0]?.query.get('fields')).toBe('summary,status');
    expect(calls[0]?.query.get('properties')).toBe('zeropath');
  });

  it('sets a property and tells created from updated', async () => {
    const { client, calls } = clientWith(scripted({ status: 201, raw: '' }, { status: 200, raw: '' }));
    await expect(client.setIssueProperty('SEC-1', 'zeropath', { findingId: 'f1' })).resolves.toBe('created');
    await expect(client.setIssueProperty('SEC-1', 'zeropath', { findingId: 'f1' })).resolves.toBe('updated');
    expect(calls[0]).toMatchObject({ method: 'PUT', path: '/rest/api/3/issue/SEC-1/properties/zeropath', body: { findingId: 'f1' } });
  });

  it('reads a property, undefined when missing', async () => {
    const { client } = clientWith(
      scripted({ body: { key: 'zeropath', value: { findingId: 'f1' } } }, { status: 404, body: { errorMessages: ['The property does not exist.'], errors: {} } }),
    );
    await expect(client.getIssueProperty('SEC-1', 'zeropath')).resolves.toEqual({ findingId: 'f1' });
    await expect(client.getIssueProperty('SEC-1', 'zeropath')).resolves.toBeUndefined();
  });

  it('deletes a property idempotently but surfaces other errors', async () => {
    const { client, calls } = clientWith(scripted({ status: 204 }, { status: 404 }, { status: 403, body: { errorMessages: ['no'], errors: {} } }));
    await client.deleteIssueProperty('SEC-1', 'zeropath');
    await client.deleteIssueProperty('SEC-1', 'zeropath');
    await expect(client.deleteIssueProperty('SEC-1', 'zeropath')).rejects.toBeInstanceOf(JiraForbiddenError);
    expect(calls[0]?.method).toBe('DELETE');
  });

  it('upserts a remote link by globalId', async () => {
    const { client, calls } = clientWith(scripted({ status: 201, body: { id: 10000, self: 'x' } }, { status: 200, body: { id: 10000 } }));
    const link = { object: { url: 'https://zeropath.com/app/issues/f1', title: 'ZeroPath finding' }, relationship: 'tracks finding' };
    await expect(client.upsertRemoteLink('SEC-1', 'zeropath:finding:f1', link)).resolves.toEqual({ id: '10000', created: true });
    await expect(client.upsertRemoteLink('SEC-1', 'zeropath:finding:f1', link)).resolves.toEqual({ id: '10000', created: false });
    expect(calls[0]).toMatchObject({ method: 'POST', path: '/rest/api/3/issue/SEC-1/remotelink', body: { globalId: 'zeropath:finding:f1', ...link } });
    await expect(client.upsertRemoteLink('SEC-1', '', link)).rejects.toBeInstanceOf(JiraInvalidRequestError);
  });
});

describe('transitions, comments, statuses', () => {
  const transition = {
    id: '31',
    name: 'Done',
    to: status('done'),
    hasScreen: true,
    isAvailable: true,
    fields: { resolution: { required: true, name: 'Resolution', allowedValues: [{ id: '10000', name: 'Done' }] } },
  };

  it('lists transitions with and without expanded fields', async () => {
    const { client, calls } = clientWith(() => ({ body: { expand: 'transitions', transitions: [transition] } }));
    await expect(client.getTransitions('SEC-1', true)).resolves.toEqual([{ ...transition, to: { ...status('done'), statusCategory: { id: '3', key: 'done', name: 'Done' } } }]);
    await client.getTransitions('SEC-1', false);
    expect(calls[0]?.query.get('expand')).toBe('transitions.fields');
    expect(calls[1]?.query.has('expand')).toBe(false);
  });

  it('transitions with fields and reports an invalid transition', async () => {
    const { client, calls } = clientWith(
      scripted({ status: 204 }, { status: 400, body: { errorMessages: ["Transition id '99' is not valid for this issue."], errors: {} } }),
    );
    await client.transitionIssue('SEC-1', '31', { resolution: { id: '10000' } });
    expect(calls[0]?.body).toEqual({ transition: { id: '31' }, fields: { resolution: { id: '10000' } } });
    await expect(client.transitionIssue('SEC-1', '99')).rejects.toThrow(/Transition id '99' is not valid/);
  });

  it('adds, updates and pages comments', async () => {
    const { client, calls } = clientWith(
      scripted(
        { status: 201, body: aComment('100', 'synced') },
        { body: aComment('100', 'edited') },
        { body: { startAt: 100, maxResults: 100, total: 101, comments: [aComment('7')] } },
      ),
    );
    await expect(client.addComment('SEC-1', adf('synced'))).resolves.toMatchObject({ id: '100' });
    await expect(client.updateComment('SEC-1', '100', adf('edited'))).resolves.toMatchObject({ id: '100' });
    await expect(client.getComments('SEC-1', 100)).resolves.toMatchObject({ startAt: 100, total: 101, comments: [{ id: '7' }] });
    expect(calls.map((c) => [c.method, c.path])).toEqual([
      ['POST', '/rest/api/3/issue/SEC-1/comment'],
      ['PUT', '/rest/api/3/issue/SEC-1/comment/100'],
      ['GET', '/rest/api/3/issue/SEC-1/comment'],
    ]);
    expect(calls[0]?.body).toEqual({ body: adf('synced') });
    expect(Object.fromEntries(calls[2]?.query ?? [])).toEqual({ startAt: '100', maxResults: '100', orderBy: 'created' });
  });

  it('searches with JQL through POST /search/jql and hides the token on the last page', async () => {
    const { client, calls } = clientWith(
      scripted(
        { body: { issues: [{ id: '1', key: 'SEC-1', fields: { status: status('new') } }], nextPageToken: 'tok', isLast: false } },
        { body: { issues: [], isLast: true } },
      ),
    );
    const first = await client.searchJql('project = SEC', ['status'], undefined, { reconcileIssues: [1] });
    expect(first.nextPageToken).toBe('tok');
    const last = await client.searchJql('project = SEC', ['status'], 'tok');
    expect(last).toEqual({ issues: [] });
    expect(calls[0]).toMatchObject({ method: 'POST', path: '/rest/api/3/search/jql', body: { jql: 'project = SEC', fields: ['status'], reconcileIssues: [1] } });
    expect(calls[1]?.body).toMatchObject({ nextPageToken: 'tok' });
  });

  it('reads a status and pages resolutions', async () => {
    const { client } = clientWith(
      scripted(
        { body: status('done') },
        { body: { startAt: 0, isLast: false, values: [{ id: '10000', name: 'Done', isDefault: true }] } },
        { body: { startAt: 1, isLast: true, values: [{ id: '10001', name: "Won't Do" }] } },
      ),
    );
    await expect(client.getStatus('10002')).resolves.toMatchObject({ statusCategory: { key: 'done' } });
    await expect(client.listResolutions()).resolves.toEqual([
      { id: '10000', name: 'Done', isDefault: true },
      { id: '10001', name: "Won't Do" },
    ]);
  });
});

describe('error mapping', () => {
  const call = (reply: JiraReply) => clientWith(() => reply).client.getIssue('SEC-1', ['status']).catch((e: unknown) => e);

  it('maps 404 and 403 with Jira messages', async () => {
    const notFound = await call({ status: 404, body: { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} } });
    expect(notFound).toBeInstanceOf(JiraNotFoundError);
    expect(notFound).toMatchObject({ status: 404, operation: 'GET /rest/api/3/issue/SEC-1' });
    expect((notFound as Error).message).toContain('Issue does not exist');
    expect(await call({ status: 403, body: { errorMessages: ['Forbidden'], errors: {} } })).toBeInstanceOf(JiraForbiddenError);
  });

  it.each([
    ['jira-burst-based', '2'],
    ['jira-per-issue-on-write', '1'],
    ['jira-quota-global-based', '1847'],
    ['jira-quota-tenant-based', '600'],
  ])('maps a 429 with RateLimit-Reason %s', async (reason, retryAfter) => {
    const error = await call({ status: 429, headers: { 'Retry-After': retryAfter, 'RateLimit-Reason': reason } });
    expect(error).toBeInstanceOf(JiraRateLimitedError);
    expect(error).toMatchObject({ reason, retryAfterSeconds: Number(retryAfter), isQuotaExhausted: reason.startsWith('jira-quota') });
  });

  it('gives a header-less 429 a default wait and an unknown reason', async () => {
    expect(await call({ status: 429, raw: 'Too Many Requests' })).toMatchObject({ reason: 'unknown', retryAfterSeconds: 5 });
  });

  it('falls back to X-RateLimit-Reset when Retry-After is missing', async () => {
    const reset = new Date(Date.now() + 60_000).toISOString();
    const error = (await call({ status: 429, headers: { 'X-RateLimit-Reset': reset, 'RateLimit-Reason': 'jira-cost-based' } })) as JiraRateLimitedError;
    expect(error.reason).toBe('unknown');
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(59);
    expect(error.retryAfterSeconds).toBeLessThanOrEqual(61);
  });

  it('maps 5xx with and without Retry-After', async () => {
    expect(await call({ status: 503, headers: { 'Retry-After': '3' } })).toMatchObject({ status: 503, retryAfterSeconds: 3 });
    const plain = await call({ status: 500, raw: '<html>oops</html>' });
    expect(plain).toBeInstanceOf(JiraUnavailableError);
    expect(plain).toMatchObject({ retryAfterSeconds: undefined, errorMessages: ['<html>oops</html>'] });
  });

  it('maps other statuses to JiraApiError and bad bodies to JiraResponseError', async () => {
    expect(await call({ status: 409, body: { errorMessages: ['conflict'], errors: {} } })).toMatchObject({ status: 409, name: 'JiraApiError' });
    expect(await call({ status: 200, raw: 'not json' })).toBeInstanceOf(JiraResponseError);
    expect(await call({ status: 200, body: { key: 'SEC-1' } })).toBeInstanceOf(JiraResponseError);
  });
});

describe('retry option', () => {
  it('retries a burst 429 within the budget when configured', async () => {
    const { requester, calls } = fakeRequester(
      scripted({ status: 429, headers: { 'Retry-After': '1', 'RateLimit-Reason': 'jira-burst-based' } }, { body: { accountId: 'u1' } }),
    );
    const sleeps: number[] = [];
    const client = createJiraClient(requester, {
      retry: () => ({ budgetMs: 10_000, random: () => 0.5, sleep: (ms) => Promise.resolve(void sleeps.push(ms)) }),
    });
    await expect(client.myself()).resolves.toEqual({ accountId: 'u1' });
    expect(calls).toHaveLength(2);
    expect(sleeps).toEqual([2000]);
  });
});
