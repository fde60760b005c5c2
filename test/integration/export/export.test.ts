import { descriptionsIn, DEMO_USERS, jiraBodiesSeen, secretValuesSeen, startExportWorld, validateAdf, type ExportWorld } from './export-world';
import { kvs } from '@forge/kvs';
import { ISSUE_TYPE } from '../../sim/jira/jira-seed-builder';
import { storeConfigSections, storedConfig } from '../stored-config';

const SEC_TASK = { projectKey: 'SEC', issueTypeId: ISSUE_TYPE.task };

function adfText(node: unknown): string {
  if (typeof node !== 'object' || node === null) return '';
  const n = node as { text?: string; content?: unknown[]; attrs?: { href?: string }; marks?: { attrs?: { href?: string } }[] };
  const hrefs = (n.marks ?? []).map((m) => m.attrs?.href ?? '').join(' ');
  return `${n.text ?? ''} ${hrefs} ${(n.content ?? []).map(adfText).join(' ')}`;
}

describe('single export', () => {
  let world: ExportWorld;
  beforeAll(async () => {
    world = await startExportWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  it('creates one issue carrying every part of the finding, and answers with its key', async () => {
    const [id] = world.findingIds((f) => f.cwes.length > 0 && f.patch !== null && f.vulnCategory === 'SAST');
    const finding = world.harness.zeropath.state.finding(id!)!;
    const answer = await world.call('findings.exportOne', { findingId: id, target: { ...SEC_TASK, assigneeAccountId: DEMO_USERS.dev1 } });
    expect(answer).toMatchObject({ ok: true, value: { outcome: 'created' } });
    const issue = world.issueByKey(answer.value.issueKey);
    const text = adfText(issue.fields.description);

    expect(String(issue.fields.summary).length).toBeLessThanOrEqual(255);
    expect(issue.fields.summary).toContain(finding.generatedTitle.slice(0, 40));
    expect(text).toContain(`ZP-ID: ${id}`);
    expect(text).toContain(`score ${finding.score}`);
    for (const cwe of finding.cwes) expect(text).toContain(`https://cwe.mitre.org/data/definitions/${cwe.replace(/\D/g, '')}.html`);
    expect(text).toContain(finding.vulnClass);
    expect(text).toContain(finding.repositoryName);
    expect(text).toContain(finding.affectedFile);
    expect(text).toContain(`${finding.startLine}`);
    expect(text).toContain(`/app/issues/${id}`);
    if (finding.patch?.prLink) expect(text).toContain(finding.patch.prLink);
    const codeBlock = (issue.fields.description as { content: { type: string; attrs?: { language?: string } }[] }).content.find((b) => b.type === 'codeBlock');
    expect(codeBlock).toBeDefined();
    expect(issue.fields.labels).toEqual(expect.arrayContaining(['zeropath']));
    expect(issue.fields.priority).toBeDefined();
    expect(issue.fields.assignee).toBe(DEMO_USERS.dev1);
    expect(issue.properties.get('zeropath')).toMatchObject({ findingId: id, score: finding.score });
    expect(validateAdf(issue.fields.description)).toEqual({ valid: true });

    // The property is JQL-searchable, the link is stored both ways.
    const link = world.harness.runtime.kvs.get(`link:f:${id}`) as { issueKey: string };
    expect(link.issueKey).toBe(answer.value.issueKey);
    expect(world.harness.runtime.kvs.get(`link:i:${issue.id}`)).toBe(id);
  });

  it('skips a finding already in Jira, naming its issue', async () => {
    const [id] = world.findingIds((f) => f.vulnCategory === 'SCA');
    const first = await world.call('findings.exportOne', { findingId: id, target: SEC_TASK });
    const second = await world.call('findings.exportOne', { findingId: id, target: SEC_TASK });
    expect(second).toMatchObject({ ok: true, value: { outcome: 'already_linked', issueKey: first.value.issueKey } });
    expect(second.value.notes[0]).toBe(`Already in Jira as ${first.value.issueKey}.`);
    expect(world.issuesForFinding(id!)).toHaveLength(1);
  });

  it('offers and accepts only standard issue types: no Epic, no sub-task', async () => {
    const listed = await world.call('findings.issueTypes', { projectKey: 'SEC' });
    const names = listed.value.issueTypes.map((t: { name: string }) => t.name);
    expect(names).toEqual(expect.arrayContaining(['Task']));
    expect(names).not.toContain('Epic');
    expect(listed.value.issueTypes.every((t: { hierarchyLevel: number }) => t.hierarchyLevel === 0)).toBe(true);
    const preflight = await world.call('findings.preflight', { target: { projectKey: 'SEC', issueTypeId: ISSUE_TYPE.epic } });
    expect(preflight).toMatchObject({ ok: false, error: { kind: 'invalid_input', message: expect.stringMatching(/Epic is not a standard issue type/) } });
    const [id] = world.findingIds().slice(20);
    const before = world.harness.jira.requestLog.entries.filter((e) => e.method === 'POST' && e.path.includes('/issue')).length;
    const answer = await world.call('findings.exportOne', { findingId: id, target: { projectKey: 'SEC', issueTypeId: ISSUE_TYPE.epic } });
    expect(answer.ok).toBe(false);
    expect(world.harness.jira.requestLog.entries.filter((e) => e.method === 'POST' && e.path.includes('/issue')).length).toBe(before);
  });

  it('retries once without the epic when Jira refuses it as parent, and says so', async () => {
    const [id] = world.findingIds((f) => f.vulnCategory === 'SAST').slice(5);
    // Jira refuses the parent for this element (a workflow or hierarchy rule the create screen does not show).
    const state = world.harness.jira.state;
    const create = state.createIssue.bind(state);
    const spy = jest.spyOn(state, 'createIssue').mockImplementation((input, principal) => {
      const fields = (input as { fields?: { parent?: unknown } }).fields;
      if (fields?.parent !== undefined) return { ok: false, status: 400, error: { errorMessages: [], errors: { parent: 'Given parent work item does not belong to appropriate hierarchy.' } } };
      return create(input, principal);
    });
    const answer = await world.call('findings.exportOne', {
      findingId: id,
      target: { ...SEC_TASK, epicKey: 'SEC-1' },
    });
    spy.mockRestore();
    expect(answer.ok).toBe(true);
    expect(answer.value.notes.join(' ')).toMatch(/created without the epic/);
    expect(world.issueByKey(answer.value.issueKey).parentId).toBeNull();
    const creates = world.harness.jira.requestLog.entries.filter((e) => e.routeKey === 'POST /rest/api/3/issue/bulk' && e.status !== 429);
    const lastTwo = creates.slice(-2).map((e) => (e.body as { issueUpdates: { fields: { parent?: unknown } }[] }).issueUpdates[0]?.fields.parent);
    expect(lastTwo).toEqual([{ key: 'SEC-1' }, undefined]);
  });

  it('sets the epic as parent when the issue type can have one', async () => {
    const [id] = world.findingIds((f) => f.vulnCategory === 'SAST').slice(6);
    const answer = await world.call('findings.exportOne', { findingId: id, target: { ...SEC_TASK, epicKey: 'SEC-1' } });
    expect(answer.ok).toBe(true);
    expect(world.issueByKey(answer.value.issueKey).parentId).toBe(world.issueByKey('SEC-1').id);
  });

  it('applies the Defaults tab: its labels on every issue, and no priority when priority from severity is off', async () => {
    const before = storedConfig(world.harness.runtime.kvs).defaults;
    storeConfigSections(world.harness.runtime.kvs, { defaults: { ...before, labels: ['security', 'zeropath'], priorityFromSeverity: false } });
    try {
      const [id] = world.findingIds().slice(30);
      const answer = await world.call('findings.exportOne', { findingId: id, target: SEC_TASK });
      expect(answer.ok).toBe(true);
      const issue = world.issueByKey(answer.value.issueKey);
      expect(issue.fields.labels).toEqual(expect.arrayContaining(['security', 'zeropath']));
      // Jira's own default priority applies; the app sent none.
      const create = world.harness.jira.requestLog.entries.filter((e) => e.routeKey === 'POST /rest/api/3/issue/bulk').at(-1);
      const sent = (create?.body as { issueUpdates: { fields: Record<string, unknown> }[] }).issueUpdates[0]?.fields;
      expect(sent).toBeDefined();
      expect(sent).not.toHaveProperty('priority');
    } finally {
      storeConfigSections(world.harness.runtime.kvs, { defaults: before });
    }
  });

  it('names a required field the app does not fill, before any create', async () => {
    const before = world.harness.jira.requestLog.entries.filter((e) => e.method === 'POST' && e.path.includes('/issue')).length;
    const preflight = await world.call('findings.preflight', { target: { projectKey: 'OPS', issueTypeId: ISSUE_TYPE.task } });
    expect(preflight).toMatchObject({ ok: true, value: { missingRequiredFields: [{ id: 'customfield_10050', name: 'Security Team' }] } });
    const [id] = world.findingIds().slice(10);
    const answer = await world.call('findings.exportOne', { findingId: id, target: { projectKey: 'OPS', issueTypeId: ISSUE_TYPE.task } });
    expect(answer.ok).toBe(false);
    expect(answer.error.kind).toBe('invalid_input');
    expect(answer.error.message).toContain('"Security Team"');
    expect(answer.error.message).toContain('ZeroPath for Jira → Custom fields');
    const after = world.harness.jira.requestLog.entries.filter((e) => e.method === 'POST' && e.path.includes('/issue')).length;
    expect(after).toBe(before);
  });

  it('refuses users who are not Jira admins', async () => {
    const answer = await world.call('findings.search', { page: 1 }, DEMO_USERS.dev1);
    expect(answer).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });

  it('lists findings page by page with their Jira keys, and hides linked ones on request', async () => {
    const all = await world.call('findings.search', { page: 1, pageSize: 50 });
    expect(all.ok).toBe(true);
    expect(all.value.rows).toHaveLength(50);
    const linked = all.value.rows.filter((r: { jiraKey?: string }) => r.jiraKey !== undefined);
    const [id] = all.value.rows.map((r: { id: string }) => r.id);
    if (linked.length === 0) await world.call('findings.exportOne', { findingId: id, target: SEC_TASK });
    const again = await world.call('findings.search', { page: 1, pageSize: 50 });
    const keyed = again.value.rows.filter((r: { jiraKey?: string }) => r.jiraKey !== undefined).length;
    expect(keyed).toBeGreaterThan(0);
    const open = await world.call('findings.search', { page: 1, pageSize: 50, notInJira: true });
    // Filtered across ZeroPath's pages: the page stays full, and none of it is in Jira.
    expect(open.value.rows).toHaveLength(50);
    expect(open.value.rows.filter((r: { jiraKey?: string }) => r.jiraKey !== undefined)).toHaveLength(0);
    expect(open.value.hiddenLinked).toBeGreaterThanOrEqual(keyed);
    const critical = await world.call('findings.search', { page: 1, pageSize: 20, severities: ['Critical'] });
    expect(critical.value.rows.every((r: { severity: string }) => r.severity === 'Critical')).toBe(true);
  });
});

describe('exactly once', () => {
  let world: ExportWorld;
  beforeAll(async () => {
    world = await startExportWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  it('two concurrent exports of one finding produce one issue', async () => {
    const [id] = world.findingIds();
    const answers = await Promise.all([
      world.call('findings.exportOne', { findingId: id, target: SEC_TASK }),
      world.call('findings.exportOne', { findingId: id, target: SEC_TASK }),
    ]);
    expect(world.issuesForFinding(id!)).toHaveLength(1);
    const created = answers.filter((a) => a.ok && a.value.outcome === 'created');
    expect(created).toHaveLength(1);
    const other = answers.find((a) => a !== created[0])!;
    // The loser either saw the link (already in Jira) or the claim (in progress): never a second issue.
    expect(other.ok ? other.value.outcome : other.error.kind).toMatch(/already_linked|conflict/);
  });

  it('the same queue event delivered twice creates no duplicate', async () => {
    world.harness.runtime.queueOptions({ duplicateDeliveries: true });
    const ids = world.findingIds().slice(1, 31);
    const started = await world.call('findings.exportBulk', { findingIds: ids, target: SEC_TASK });
    await world.harness.runtime.settle();
    world.harness.runtime.queueOptions({ duplicateDeliveries: false });
    for (const id of ids) expect(world.issuesForFinding(id)).toHaveLength(1);
    const status = await world.call('findings.jobStatus', { jobId: started.value.jobId });
    expect(status.value).toMatchObject({ state: 'done', total: 30, skipped: [], failed: [] });
    expect(status.value.exported).toHaveLength(30);
  });

  it('recovers from a crash between create and link by adopting the issue, not creating another', async () => {
    const ids = world.findingIds().slice(40, 45);
    const transact = jest.spyOn(kvs, 'transact');
    // The first link write of this job fails, as if the process died right after Jira created the issues.
    transact.mockImplementationOnce(() => {
      throw new Error('simulated crash before the link was stored');
    });
    try {
      const started = await world.call('findings.exportBulk', { findingIds: ids, target: SEC_TASK });
      await world.harness.runtime.settle();
      for (const id of ids) expect(world.issuesForFinding(id)).toHaveLength(1);
      const status = await world.call('findings.jobStatus', { jobId: started.value.jobId });
      expect(status.value.state).toBe('done');
      expect(status.value.exported).toHaveLength(5);
      expect(status.value.failed).toEqual([]);
      const searches = world.harness.jira.requestLog.entries.filter((e) => e.routeKey === 'POST /rest/api/3/search/jql');
      expect(searches.some((e) => JSON.stringify(e.body).includes('issue.property[zeropath].findingId'))).toBe(true);
    } finally {
      transact.mockRestore();
    }
  });

  it('a single export retried after such a crash adopts the issue', async () => {
    const [id] = world.findingIds().slice(50);
    const transact = jest.spyOn(kvs, 'transact').mockImplementationOnce(() => {
      throw new Error('simulated crash before the link was stored');
    });
    try {
      const first = await world.call('findings.exportOne', { findingId: id, target: SEC_TASK });
      expect(first.ok).toBe(false);
      expect(world.issuesForFinding(id!)).toHaveLength(1);
      const retry = await world.call('findings.exportOne', { findingId: id, target: SEC_TASK });
      expect(retry).toMatchObject({ ok: true, value: { outcome: 'created', issueKey: world.issuesForFinding(id!)[0]!.key } });
      expect(world.issuesForFinding(id!)).toHaveLength(1);
    } finally {
      transact.mockRestore();
    }
  });
});

describe('bulk export', () => {
  let world: ExportWorld;
  beforeAll(async () => {
    world = await startExportWorld({ zeropath: { findings: 200 } });
  });
  afterAll(async () => {
    await world.close();
  });

  it('exports 120 in chunks of ≤ 50 through 429s, reporting 3 permanent failures with Jira’s reason', async () => {
    const ids = world.findingIds().slice(0, 120);
    const doomed = new Set([ids[3]!, ids[64]!, ids[110]!]);
    // Three permanent per-element failures: Jira refuses these elements whatever the retry.
    const state = world.harness.jira.state;
    const create = state.createIssue.bind(state);
    jest.spyOn(state, 'createIssue').mockImplementation((input, principal) => {
      const findingId = (input as { properties?: { value?: { findingId?: string } }[] }).properties?.[0]?.value?.findingId;
      if (findingId !== undefined && doomed.has(findingId)) {
        return { ok: false, status: 400, error: { errorMessages: [], errors: { components: 'Component "legacy" is archived.' } } };
      }
      return create(input, principal);
    });
    world.harness.jira.control.injectFault('POST /rest/api/3/issue/bulk', { errorRate: 0.4, errorStatus: 429, retryAfterSeconds: 2, seed: 7 });

    const started = await world.call('findings.exportBulk', { findingIds: ids, target: SEC_TASK });
    expect(started).toMatchObject({ ok: true, value: { total: 120 } });
    await world.harness.runtime.settle();

    const log = world.harness.jira.requestLog.entries.filter((e) => e.routeKey === 'POST /rest/api/3/issue/bulk');
    expect(log.some((e) => e.status === 429)).toBe(true);
    for (const e of log) expect((e.body as { issueUpdates: unknown[] }).issueUpdates.length).toBeLessThanOrEqual(50);

    const status = await world.call('findings.jobStatus', { jobId: started.value.jobId });
    expect(status.value.state).toBe('done');
    expect(status.value.exported).toHaveLength(117);
    expect(status.value.skipped).toEqual([]);
    expect(status.value.failed).toHaveLength(3);
    for (const failure of status.value.failed) {
      expect(doomed.has(failure.findingId)).toBe(true);
      expect(failure.reason).toBe('Jira refused the issue: components: Component "legacy" is archived.');
    }
    for (const id of ids) expect(world.issuesForFinding(id)).toHaveLength(doomed.has(id) ? 0 : 1);
    const keys = new Set(status.value.exported.map((e: { issueKey: string }) => e.issueKey));
    expect(keys.size).toBe(117);
  });

  it('lists recent bulk exports, newest first, with their counts', async () => {
    const history = await world.call('findings.exportHistory', {});
    expect(history.ok).toBe(true);
    expect(history.value.jobs[0]).toMatchObject({ projectKey: 'SEC', state: 'done', total: 120, exported: 117, failed: 3, createdBy: DEMO_USERS.admin });
    const ids = world.findingIds().slice(-2);
    world.harness.jira.control.clearFaults();
    const started = await world.call('findings.exportBulk', { findingIds: ids, target: SEC_TASK });
    expect(started.error).toBeUndefined();
    await world.harness.runtime.settle();
    const after = await world.call('findings.exportHistory', {});
    expect(after.error).toBeUndefined();
    expect(after.value.jobs.map((j: { jobId: string }) => j.jobId).slice(0, 2)).toEqual([started.value.jobId, history.value.jobs[0].jobId]);
    expect(after.value.jobs[0]).toMatchObject({ total: 2, exported: 2 });
  });

  it('skips what is already exported when the same findings are exported again', async () => {
    world.harness.jira.control.clearFaults();
    const ids = world.findingIds().slice(0, 10);
    const started = await world.call('findings.exportBulk', { findingIds: ids, target: SEC_TASK });
    await world.harness.runtime.settle();
    const status = await world.call('findings.jobStatus', { jobId: started.value.jobId });
    expect(status.value.exported).toHaveLength(0);
    expect(status.value.skipped.filter((s: { issueKey?: string }) => s.issueKey !== undefined).length).toBe(
      ids.filter((id) => world.issuesForFinding(id).length === 1).length,
    );
  });
});

describe('secrets and ADF across the export suite', () => {
  let world: ExportWorld;
  beforeAll(async () => {
    world = await startExportWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  it('exports every secrets finding with its values redacted', async () => {
    const ids = world.findingIds((f) => f.vulnCategory === 'SECRETS');
    expect(ids.length).toBeGreaterThan(0);
    const started = await world.call('findings.exportBulk', { findingIds: ids.slice(0, 50), target: SEC_TASK });
    await world.harness.runtime.settle();
    const status = await world.call('findings.jobStatus', { jobId: started.value.jobId });
    expect(status.value.exported.length).toBe(Math.min(50, ids.length));
  });

  it('no request body Jira received in the whole suite holds a seeded secret, and every ADF document validates', async () => {
    await world.close();
    world = await startExportWorld();
    expect(secretValuesSeen.size).toBeGreaterThan(0);
    expect(jiraBodiesSeen.length).toBeGreaterThan(0);
    let documents = 0;
    for (const body of jiraBodiesSeen) {
      const serialised = JSON.stringify(body);
      for (const secret of secretValuesSeen) expect(serialised.includes(secret) ? secret : 'clean').toBe('clean');
      for (const doc of descriptionsIn(body)) {
        documents += 1;
        expect(validateAdf(doc)).toEqual({ valid: true });
      }
    }
    expect(documents).toBeGreaterThan(100);
  });
});

describe('findings already closed in ZeroPath', () => {
  let world: ExportWorld;
  beforeAll(async () => {
    world = await startExportWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  function categoryOf(issueKey: string): string | undefined {
    const issue = world.issueByKey(issueKey);
    return world.harness.jira.state.statuses.get(issue.statusId)?.category;
  }

  it('are skipped by default, each with the reason, and no issue is created for them', async () => {
    const open = world.findingIds().slice(0, 3);
    const closed = world.findingIds().slice(3, 5);
    world.harness.zeropath.control.setFindingStatus(closed[0]!, 'RESOLVED');
    world.harness.zeropath.control.setFindingStatus(closed[1]!, 'FALSE_POSITIVE');
    const started = await world.call('findings.exportBulk', { findingIds: [...open, ...closed], target: SEC_TASK });
    expect(started.ok).toBe(true);
    await world.harness.runtime.settle();
    const status = await world.call('findings.jobStatus', { jobId: started.value.jobId });
    expect(status.value.exported.map((e: { findingId: string }) => e.findingId).sort()).toEqual([...open].sort());
    expect(status.value.skipped).toEqual([
      expect.objectContaining({ findingId: closed[0], reason: expect.stringMatching(/^Already resolved in ZeroPath/) }),
      expect.objectContaining({ findingId: closed[1], reason: expect.stringMatching(/^Already false positive in ZeroPath/) }),
    ]);
    for (const id of closed) expect(world.issuesForFinding(id)).toHaveLength(0);
    for (const e of status.value.exported) expect(categoryOf(e.issueKey)).toBe('new');

    const single = await world.call('findings.exportOne', { findingId: closed[0], target: SEC_TASK });
    expect(single).toMatchObject({ ok: false, error: { kind: 'invalid_input', message: expect.stringMatching(/Already resolved/) } });
  });

  it('on request are created and moved to a done status, with a comment naming who asked', async () => {
    const closed = world.findingIds().slice(5, 7);
    world.harness.zeropath.control.setFindingStatus(closed[0]!, 'RESOLVED');
    world.harness.zeropath.control.setFindingStatus(closed[1]!, 'ACCEPTED_RISK');
    const started = await world.call('findings.exportBulk', { findingIds: closed, target: SEC_TASK, closedFindings: 'export_and_close' });
    await world.harness.runtime.settle();
    const status = await world.call('findings.jobStatus', { jobId: started.value.jobId });
    expect(status.value.exported).toHaveLength(2);
    for (const e of status.value.exported) {
      const issue = world.issueByKey(e.issueKey);
      expect(categoryOf(e.issueKey)).toBe('done');
      const words = JSON.stringify(issue.comments.map((c) => c.body));
      expect(words).toContain(DEMO_USERS.admin);
      expect(words).toMatch(/exported this finding although it is already/);
    }
  });
});
