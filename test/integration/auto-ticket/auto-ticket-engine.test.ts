import {
  aRule,
  APP_PROJECT_ID,
  OPS_PROJECT_ID,
  startAutoTicketWorld,
  type AutoTicketWorld,
} from './auto-ticket-world';
import { DEMO_USERS, ISSUE_TYPE } from '../../sim/jira/jira-seed-builder';
import { storeKeys } from '../../../src/infra/store/store-keys';
import { healthRecordSchema } from '../../../src/infra/store/health-store';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const scan = (codeScanType: 'FullScan' | 'PrScan' | 'SCAScan') => ({
  id: 'scan-1',
  scanTargetBranchCommitSha: 'abc123',
  codeScanType,
});

describe('auto-ticketing engine (scheduled run → queue → export path)', () => {
  let w: AutoTicketWorld;
  // The runtime's clock drives KVS TTLs; moving it forward ages the run lock.
  let clockOffset = 0;
  beforeEach(async () => {
    clockOffset = 0;
    w = await startAutoTicketWorld({ runtime: { clock: { now: () => Date.now() + clockOffset } } });
  });
  afterEach(async () => {
    await w.close();
  });

  it('files each finding under the rule whose scope covers it: chosen repositories, tags (read live), all', async () => {
    const byRepo = aRule({
      scope: { type: 'repositories', repositoryIds: [w.repos.web] },
      issueTypeId: ISSUE_TYPE.bug,
    });
    const byTag = aRule({ scope: { type: 'tags', tags: ['pci'] }, jiraProjectId: APP_PROJECT_ID });
    const everything = aRule({ scope: { type: 'all' } });
    w.configure({ autoTicketing: { rules: [byRepo, byTag, everything] } });
    const web = w.addFinding({ repositoryId: w.repos.web, score: 80 });
    const pci = w.addFinding({ repositoryId: w.repos.payments, score: 80 });
    const other = w.addFinding({ repositoryId: w.repos.plain, score: 80 });

    await w.run();

    expect(w.issueOf(web)?.key).toMatch(/^SEC-/);
    expect(w.issueOf(web)?.issueTypeId).toBe(ISSUE_TYPE.bug);
    expect(w.issueOf(pci)?.key).toMatch(/^APP-/);
    expect(w.issueOf(other)?.key).toMatch(/^SEC-/);
    expect(w.issueOf(other)?.issueTypeId).toBe(ISSUE_TYPE.task);

    // Tag membership is read at run time: tagging `tools` with pci moves its next finding to APP.
    w.h.zeropath.control.setRepositoryTags(w.repos.plain, ['pci']);
    const retagged = w.addFinding({ repositoryId: w.repos.plain, score: 80 });
    await w.run();
    expect(w.issueOf(retagged)?.key).toMatch(/^APP-/);
  });

  it('applies the score threshold (inclusive) and the scan-type and category filters', async () => {
    const rule = aRule({ scoreThreshold: 70, scanTypes: ['PrScan'], categories: ['SAST'] });
    w.configure({ autoTicketing: { rules: [rule] } });
    const match = w.addFinding({
      repositoryId: w.repos.web,
      score: 70,
      vulnCategory: 'SAST',
      codeScan: scan('PrScan'),
    });
    const low = w.addFinding({
      repositoryId: w.repos.web,
      score: 69,
      vulnCategory: 'SAST',
      codeScan: scan('PrScan'),
    });
    const fullScan = w.addFinding({
      repositoryId: w.repos.web,
      score: 95,
      vulnCategory: 'SAST',
      codeScan: scan('FullScan'),
    });
    const sca = w.addFinding({
      repositoryId: w.repos.web,
      score: 95,
      vulnCategory: 'SCA',
      codeScan: scan('PrScan'),
    });

    await w.run();

    expect(w.issueOf(match)).toBeDefined();
    expect(w.issueOf(low)).toBeUndefined();
    expect(w.issueOf(fullScan)).toBeUndefined();
    expect(w.issueOf(sca)).toBeUndefined();
    expect(w.ticketCount()).toBe(1);
  });

  it('gives a finding matching several rules one ticket, from the first rule in the admin order', async () => {
    const first = aRule({ scope: { type: 'tags', tags: ['team-web'] }, jiraProjectId: APP_PROJECT_ID });
    const second = aRule({ scope: { type: 'all' } });
    w.configure({ autoTicketing: { rules: [first, second] } });
    const id = w.addFinding({ repositoryId: w.repos.web, score: 90 });

    await w.run();
    await w.run();

    expect(w.ticketCount()).toBe(1);
    expect(w.issueOf(id)?.key).toMatch(/^APP-/);
  });

  it('stops at the daily cap and keeps the rest for a later run instead of dropping them', async () => {
    const rule = aRule({ dailyCap: 2 });
    w.configure({ autoTicketing: { rules: [rule] } });
    for (let i = 0; i < 5; i += 1) w.addFinding({ repositoryId: w.repos.web, score: 80 });

    await w.run();
    expect(w.ticketCount()).toBe(2);
    expect(w.state().deferred).toHaveLength(3);
    expect(w.state().lastRun?.byRule).toEqual({ [rule.id]: 2 });

    // Same UTC day: the cap is used up, nothing more is created, nothing is lost, and the held
    // findings are not even re-read.
    w.h.zeropath.requestLog.clear();
    await w.run();
    expect(w.ticketCount()).toBe(2);
    expect(w.state().deferred).toHaveLength(3);
    expect(w.h.zeropath.requestLog.entries.filter((e) => e.path === '/api/v1/issues/get')).toEqual([]);

    // A new day (the counter for today starts empty): the held findings come first.
    w.h.runtime.kvs.set(storeKeys.autoTicketDaily(rule.id), {});
    await w.run();
    expect(w.ticketCount()).toBe(4);
    expect(w.state().deferred).toHaveLength(1);
  });

  it('creates tickets without the epic when the configured epic no longer exists, and warns on the rule', async () => {
    const rule = aRule({ epicKey: 'SEC-999' });
    w.configure({ autoTicketing: { rules: [rule] } });
    const id = w.addFinding({ repositoryId: w.repos.web, score: 80 });

    await w.run();

    const issue = w.issueOf(id);
    expect(issue).toBeDefined();
    expect(issue?.parentId).toBeNull();
    expect(w.state().ruleWarnings[rule.id]?.join(' ')).toMatch(/SEC-999 no longer exists/);
  });

  it('files under the epic when it exists', async () => {
    const rule = aRule({ epicKey: 'SEC-1' });
    w.configure({ autoTicketing: { rules: [rule] } });
    const id = w.addFinding({ repositoryId: w.repos.web, score: 80 });
    await w.run();
    expect(w.issueOf(id)?.parentId).toBe(w.h.jira.state.findIssue('SEC-1')?.id);
    expect(w.state().ruleWarnings[rule.id]).toBeUndefined();
  });

  it('guards against overlapping runs with a TTL lock that a stuck run cannot hold for ever', async () => {
    w.configure({ autoTicketing: { rules: [aRule()] } });
    w.addFinding({ repositoryId: w.repos.web, score: 80 });
    const searches = () =>
      w.h.zeropath.requestLog.entries.filter((e) => e.path === '/api/v1/issues/search').length;

    // The first run is slow to hear from ZeroPath; a second tick meanwhile finds the lock and leaves.
    w.h.zeropath.control.injectFault('/api/v1/issues/search', { latencyMs: 400 });
    const first = w.h.runtime.runScheduledTrigger('zp-auto-ticket');
    await sleep(150);
    await w.h.runtime.runScheduledTrigger('zp-auto-ticket');
    await first;
    await w.h.runtime.settle();
    expect(searches()).toBe(1);
    expect(w.ticketCount()).toBe(1);
    expect(w.h.runtime.kvs.get(storeKeys.lock('auto-ticket'))).toBeUndefined();

    // A run that outlives the lock's TTL no longer blocks the schedule.
    w.h.zeropath.control.injectFault('/api/v1/issues/search', { latencyMs: 400 });
    const stuck = w.h.runtime.runScheduledTrigger('zp-auto-ticket');
    await sleep(150);
    clockOffset += 16 * 60 * 1000;
    await w.h.runtime.runScheduledTrigger('zp-auto-ticket');
    await stuck;
    expect(searches()).toBe(3);

    const health = healthRecordSchema.parse(w.h.runtime.kvs.get(storeKeys.health('auto-ticket')));
    expect(health.lastOkAt).toBeDefined();
  });

  it('records a failed run in Health with its reason', async () => {
    w.configure({ autoTicketing: { rules: [aRule()] } });
    w.addFinding({ repositoryId: w.repos.web, score: 80 });
    w.h.zeropath.control.injectFault('/api/v1/issues/search', { status: 503, times: 'always' });

    await expect(w.run()).rejects.toThrow();

    const health = healthRecordSchema.parse(w.h.runtime.kvs.get(storeKeys.health('auto-ticket')));
    expect(health.lastError?.message).toMatch(/503|unavailable|ZeroPath/i);
    expect(w.h.runtime.kvs.get(storeKeys.lock('auto-ticket'))).toBeUndefined();
  });

  it('holds findings back while the target needs an unmapped required field, and files them once it is mapped', async () => {
    const rule = aRule({ jiraProjectId: OPS_PROJECT_ID });
    w.configure({ autoTicketing: { rules: [rule] } });
    const id = w.addFinding({ repositoryId: w.repos.web, score: 80 });

    await w.run();
    expect(w.issueOf(id)).toBeUndefined();
    expect(w.state().deferred).toEqual([id]);
    expect(w.state().ruleWarnings[rule.id]?.join(' ')).toMatch(/OPS requires "Security Team"/);

    w.configure({
      fieldMappings: [
        {
          projectKey: 'OPS',
          issueTypeId: ISSUE_TYPE.task,
          mappings: [{ fieldId: 'customfield_10050', source: { type: 'static', value: 'AppSec' } }],
        },
      ],
    });
    await w.run();
    expect(w.issueOf(id)?.key).toMatch(/^OPS-/);
    expect(w.issueOf(id)?.fields['customfield_10050']).toBe('100500');
    expect(w.state().deferred).toEqual([]);
  });

  it('assigns by repository, then by tag, then the fallback user', async () => {
    const rule = aRule({
      assignee: {
        type: 'mapping',
        byRepository: [{ repositoryId: w.repos.web, accountId: DEMO_USERS.dev1 }],
        byTag: [{ tag: 'pci', accountId: DEMO_USERS.dev2 }],
        fallbackAccountId: DEMO_USERS.admin,
      },
    });
    w.configure({ autoTicketing: { rules: [rule] } });
    const web = w.addFinding({ repositoryId: w.repos.web, score: 80 });
    const pci = w.addFinding({ repositoryId: w.repos.payments, score: 80 });
    const other = w.addFinding({ repositoryId: w.repos.plain, score: 80 });

    await w.run();

    expect(w.issueOf(web)?.fields['assignee']).toBe(DEMO_USERS.dev1);
    expect(w.issueOf(pci)?.fields['assignee']).toBe(DEMO_USERS.dev2);
    expect(w.issueOf(other)?.fields['assignee']).toBe(DEMO_USERS.admin);
  });

  it('never writes a secret finding’s cleartext value into Jira', async () => {
    w.configure({ autoTicketing: { rules: [aRule()] } });
    const id = w.addFinding({ repositoryId: w.repos.web, score: 95, vulnCategory: 'SECRETS' });
    await w.run();
    const issue = w.issueOf(id);
    expect(issue).toBeDefined();
    const written = JSON.stringify(issue?.fields);
    for (const secret of w.h.zeropath.state.secretValues()) expect(written).not.toContain(secret);
  });
});
