/**
 * Where the simulator used to follow the app rather than Jira (issue 15): ADF acceptance, search
 * index lag for every kind of write, entity-property indexing limited to declared paths, and
 * comment error strings. Each case here failed against the simulator before the fix.
 */
import { sanitiseBlocks } from '../../../src/core/ticket/adf-sanitiser';
import { extractAdfText } from './adf-validation';
import { type JiraSim } from './jira-sim-server';
import { DEMO_USERS } from './jira-seed-builder';
import { adf, asUser, createBody, startTestJiraSim, type ManualClock, type createJiraClient } from './jira-sim-test-helpers';

const text = (value: string) => ({ type: 'text', text: value });
const para = (value: string) => ({ type: 'paragraph', content: [text(value)] });

/** Schema-valid ADF that Jira stores although the app's sanitiser whitelist does not produce it. */
const RICH_BLOCKS: Record<string, unknown> = {
  taskList: { type: 'taskList', attrs: { localId: 'tl-1' }, content: [{ type: 'taskItem', attrs: { localId: 'ti-1', state: 'TODO' }, content: [text('rotate the leaked key')] }] },
  decisionList: { type: 'decisionList', attrs: { localId: 'dl-1' }, content: [{ type: 'decisionItem', attrs: { localId: 'di-1', state: 'DECIDED' }, content: [text('accept the risk until Q3')] }] },
  expand: { type: 'expand', attrs: { title: 'Stack trace' }, content: [para('at login.ts:42')] },
  blockCard: { type: 'blockCard', attrs: { url: 'https://zeropath.com/app/issues/F-1' } },
  layoutSection: {
    type: 'layoutSection',
    content: [
      { type: 'layoutColumn', attrs: { width: 50 }, content: [para('left column')] },
      { type: 'layoutColumn', attrs: { width: 50 }, content: [para('right column')] },
    ],
  },
  externalMedia: { type: 'mediaSingle', attrs: { layout: 'center' }, content: [{ type: 'media', attrs: { type: 'external', url: 'https://zeropath.com/diagram.png' } }] },
  backgroundColor: { type: 'paragraph', content: [{ type: 'text', text: 'highlighted', marks: [{ type: 'backgroundColor', attrs: { color: '#fedec8' } }] }] },
};
const doc = (...content: unknown[]) => ({ type: 'doc', version: 1, content });

describe('Jira simulator fidelity', () => {
  let sim: JiraSim;
  let clock: ManualClock;
  let call: ReturnType<typeof createJiraClient>;
  afterEach(() => sim.close());

  describe('ADF: what Jira accepts is the full ADF schema, not the app’s whitelist', () => {
    beforeEach(async () => ({ sim, call } = await startTestJiraSim()));

    it.each(Object.entries(RICH_BLOCKS))('stores %s in a description and a comment', async (_name, block) => {
      const created = await call('POST', '/rest/api/3/issue', undefined, createBody({ description: doc(block) }));
      expect(created.status).toBe(201);
      expect(sim.state.findIssue(created.body.key)?.fields['description']).toEqual(doc(block));
      const comment = await call('POST', `/rest/api/3/issue/${created.body.key}/comment`, undefined, { body: doc(block) });
      expect(comment.status).toBe(201);
    });

    it('still refuses schema-invalid ADF', async () => {
      const bad = await call('POST', '/rest/api/3/issue', undefined, createBody({ description: doc({ type: 'taskList', content: [] }) }));
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual({ description: 'INVALID_INPUT' });
    });

    it('the app’s sanitiser output is accepted and keeps the text of every block Jira would have kept', async () => {
      const raw = doc(...Object.values(RICH_BLOCKS));
      expect((await call('POST', '/rest/api/3/issue', undefined, createBody({ description: raw }))).status).toBe(201);
      const sanitised = doc(...sanitiseBlocks(raw.content, 'top', { headingOffset: 0 }));
      expect((await call('POST', '/rest/api/3/issue', undefined, createBody({ description: sanitised }))).status).toBe(201);
      const kept = extractAdfText(sanitised);
      for (const words of ['rotate the leaked key', 'accept the risk until Q3', 'at login.ts:42', 'left column', 'right column', 'highlighted']) {
        expect(kept).toContain(words);
      }
    });
  });

  describe('comments', () => {
    beforeEach(async () => ({ sim, call } = await startTestJiraSim()));

    it('answers a plain-string comment body with "Comment body is not valid!"', async () => {
      const add = await call('POST', '/rest/api/3/issue/SEC-2/comment', undefined, { body: 'plain text' });
      expect(add).toMatchObject({ status: 400, body: { errorMessages: [], errors: { comment: 'Comment body is not valid!' } } });
      const created = await call('POST', '/rest/api/3/issue/SEC-2/comment', undefined, { body: adf('ok') });
      const edit = await call('PUT', `/rest/api/3/issue/SEC-2/comment/${created.body.id}`, undefined, { body: 'plain text' });
      expect(edit).toMatchObject({ status: 400, body: { errors: { comment: 'Comment body is not valid!' } } });
    });
  });

  describe('search index: declared entity properties only, and every write lags', () => {
    const LAG_MS = 5_000;
    const search = async (jql: string, reconcileIssues: number[] = []) =>
      (await call('POST', '/rest/api/3/search/jql', undefined, { jql, fields: ['status'], reconcileIssues })).body as { issues: { key: string; fields: { status: { statusCategory: { key: string } } } }[] };
    const keys = (result: { issues: { key: string }[] }) => result.issues.map((i) => i.key);

    beforeEach(async () => {
      ({ sim, clock, call } = await startTestJiraSim({
        searchIndexLagMs: LAG_MS,
        entityProperties: [{ propertyKey: 'zeropath', values: [{ path: 'findingId', type: 'string', searchAlias: 'zeropathFindingId' }, { path: 'title', type: 'text' }] }],
      }));
    });

    it('answers only declared paths; aliases work; an undeclared path matches nothing', async () => {
      await call('POST', '/rest/api/3/issue', undefined, createBody({}, { properties: [{ key: 'zeropath', value: { findingId: 'F-1', severity: 'high', title: 'SQL injection in login' } }] }));
      clock.advance(LAG_MS);
      expect(keys(await search('zeropathFindingId = "F-1"'))).toEqual(['SEC-3']);
      expect(keys(await search('issue.property[zeropath].findingId = "F-1"'))).toEqual(['SEC-3']);
      expect(keys(await search('project = SEC AND issue.property[zeropath].severity = "high"'))).toEqual([]);
      expect(keys(await search('issue.property[zeropath].title ~ "injection"'))).toEqual(['SEC-3']);
      const exactOnText = await call('POST', '/rest/api/3/search/jql', undefined, { jql: 'issue.property[zeropath].title = "SQL injection in login"' });
      expect(exactOnText.status).toBe(400);
      const unknownAlias = await call('POST', '/rest/api/3/search/jql', undefined, { jql: 'zeropathSeverity = "high"' });
      expect(unknownAlias.status).toBe(400);
    });

    it('a property update reaches JQL only after the lag, unless the issue is reconciled', async () => {
      await call('PUT', '/rest/api/3/issue/SEC-2/properties/zeropath', undefined, { findingId: 'F-2' });
      expect(keys(await search('zeropathFindingId = "F-2"'))).toEqual([]);
      const issueId = Number(sim.state.findIssue('SEC-2')?.id);
      expect(keys(await search('zeropathFindingId = "F-2"', [issueId]))).toEqual(['SEC-2']);
      clock.advance(LAG_MS);
      expect(keys(await search('zeropathFindingId = "F-2"'))).toEqual(['SEC-2']);
      await call('DELETE', '/rest/api/3/issue/SEC-2/properties/zeropath');
      expect(keys(await search('zeropathFindingId = "F-2"'))).toEqual(['SEC-2']);
      clock.advance(LAG_MS);
      expect(keys(await search('zeropathFindingId = "F-2"'))).toEqual([]);
    });

    it('a transition reaches JQL only after the lag (results render the live issue)', async () => {
      const res = await call('POST', '/rest/api/3/issue/SEC-2/transitions', undefined, { transition: { id: '31' }, fields: { resolution: { name: 'Done' } } });
      expect(res.status).toBe(204);
      const stale = await search('key = SEC-2 AND statusCategory != done');
      expect(keys(stale)).toEqual(['SEC-2']);
      expect(stale.issues[0]?.fields.status.statusCategory.key).toBe('done');
      expect(keys(await search('key = SEC-2 AND statusCategory = done'))).toEqual([]);
      clock.advance(LAG_MS);
      expect(keys(await search('key = SEC-2 AND statusCategory = done'))).toEqual(['SEC-2']);
    });

    it('a deleted issue keeps matching until its delete is indexed', async () => {
      sim.control.deleteIssueAs(DEMO_USERS.admin, 'SEC-2');
      expect(keys(await search('project = SEC AND issuetype = Task'))).toEqual(['SEC-2']);
      clock.advance(LAG_MS);
      expect(keys(await search('project = SEC AND issuetype = Task'))).toEqual([]);
      expect((await call('GET', '/rest/api/3/issue/SEC-2', asUser(DEMO_USERS.admin))).status).toBe(404);
    });
  });
});
