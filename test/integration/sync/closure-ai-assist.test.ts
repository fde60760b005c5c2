// The harness must be imported first: it loads the local Forge runtime before @forge/api.
import { startHarness, type Harness } from '../harness';
import { DEMO_USERS } from '../../sim/jira/jira-seed-builder';
import { APP_ACCOUNT_ID, principalHeaders } from '../../sim/shared/principal';
import { storeKeys } from '../../../src/infra/store/store-keys';
import {
  adfText,
  auditOf,
  givenLinkedIssue,
  givenSyncConfig,
  linkOf,
  zeroPathStatus,
} from './sync-test-helpers';

/**
 * The optional AI assist end to end: real @forge/llm SDK, the local platform's Forge LLMs
 * endpoint and its deterministic stand-in model. Neither the rules nor the learned reader can
 * tell what "Sorted with the platform team." means under a generic resolution (the first test
 * checks so), so only the assist could decide it.
 */
let h: Harness;
const { dev1, dev2 } = DEMO_USERS;
const UNDECIDED_BY_RULES = 'Sorted with the platform team.';

beforeEach(async () => {
  h = await startHarness({ runtime: { retryDelayScale: 0.0001 } });
});
afterEach(async () => {
  await h.close();
});

async function closeWith(...comments: [string, string][]): Promise<{ findingId: string; issueKey: string }> {
  const linked = await givenLinkedIssue(h);
  for (const [author, text] of comments) {
    if (author === APP_ACCOUNT_ID) await commentAsApp(linked.issueKey, text);
    else h.jira.control.commentAs(author, linked.issueKey, adfText(text));
  }
  h.jira.control.transitionAs(dev1, linked.issueKey, 'Done', { resolution: 'Done' });
  await h.runtime.settle();
  return linked;
}

/** The app's own comment, written through Jira's REST API as the app (accountType "app"). */
async function commentAsApp(issueKey: string, text: string): Promise<void> {
  const response = await fetch(`${h.jira.url}/rest/api/3/issue/${issueKey}/comment`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...principalHeaders({ kind: 'app' }) },
    body: JSON.stringify({ body: adfText(text) }),
  });
  if (response.status !== 201)
    throw new Error(`app comment failed: ${response.status} ${await response.text()}`);
}

function healthError(): string | undefined {
  const record = h.runtime.kvs.get(storeKeys.health('ai-assist')) as
    { lastError?: { message: string } } | undefined;
  return record?.lastError?.message;
}

describe('closure AI assist', () => {
  it('is off by default: an undecided closure skips and nothing is sent to a model', async () => {
    givenSyncConfig(h);
    const linked = await closeWith([dev1, UNDECIDED_BY_RULES]);
    expect(h.runtime.llm.calls).toHaveLength(0);
    expect(zeroPathStatus(h, linked.findingId)).toBe('PENDING_REVIEW');
    expect(linkOf(h, linked.findingId)?.lastClosure?.decision).toBe('skip');
  });

  it('when on, decides an undecided closure from a verbatim human quote, marked AI-assisted', async () => {
    givenSyncConfig(h, { aiAssist: { enabled: true, dailyCap: 5 } });
    h.runtime.llm.answerWith(() => JSON.stringify({ decision: 'resolved', quote: UNDECIDED_BY_RULES }));
    const linked = await closeWith([dev1, UNDECIDED_BY_RULES]);

    expect(h.runtime.llm.calls).toHaveLength(1);
    expect(h.runtime.llm.calls[0]?.model).toBe('claude-haiku-4-5-20251001');
    expect(zeroPathStatus(h, linked.findingId)).toBe('RESOLVED');
    const closure = linkOf(h, linked.findingId)?.lastClosure;
    expect(closure).toMatchObject({ decision: 'resolved', phrase: UNDECIDED_BY_RULES });
    expect(closure?.explanation).toContain('AI-assisted');
    expect(auditOf(h, linked.findingId)[0]?.detail).toContain('AI-assisted');
  });

  it('skips when the quote is not in any comment', async () => {
    givenSyncConfig(h, { aiAssist: { enabled: true, dailyCap: 5 } });
    h.runtime.llm.answerWith(() =>
      JSON.stringify({ decision: 'resolved', quote: 'The parser was patched and deployed to production.' }),
    );
    const linked = await closeWith([dev1, UNDECIDED_BY_RULES]);

    expect(h.runtime.llm.calls).toHaveLength(1);
    expect(zeroPathStatus(h, linked.findingId)).toBe('PENDING_REVIEW');
    const closure = linkOf(h, linked.findingId)?.lastClosure;
    expect(closure?.decision).toBe('skip');
    expect(closure?.explanation).toContain('the quote is not in any human comment');
  });

  it("skips when the quote is from the app's own comment", async () => {
    givenSyncConfig(h, { aiAssist: { enabled: true, dailyCap: 5 } });
    const appWords = 'Swapped to the patched library version, shipped everywhere.';
    h.runtime.llm.answerWith(() => JSON.stringify({ decision: 'resolved', quote: appWords }));
    const linked = await closeWith(
      [APP_ACCOUNT_ID, appWords],
      [dev1, 'Looked at it with the team, closing.'],
    );

    expect(h.runtime.llm.calls).toHaveLength(1);
    expect(zeroPathStatus(h, linked.findingId)).toBe('PENDING_REVIEW');
    expect(linkOf(h, linked.findingId)?.lastClosure?.explanation).toContain(
      "the quote is from the app's own comment",
    );
  });

  it('skips when the quoted claim is questioned later by someone else (same conflict rules as comments)', async () => {
    givenSyncConfig(h, { aiAssist: { enabled: true, dailyCap: 5 } });
    h.runtime.llm.answerWith(() => JSON.stringify({ decision: 'resolved', quote: UNDECIDED_BY_RULES }));
    const linked = await closeWith(
      [dev1, UNDECIDED_BY_RULES],
      [dev2, 'Did that build actually reach the prod cluster?'],
    );

    expect(zeroPathStatus(h, linked.findingId)).toBe('PENDING_REVIEW');
    expect(linkOf(h, linked.findingId)?.lastClosure?.decision).toBe('skip');
  });

  it('stops at the daily cap: later closures skip without a call and Health says why', async () => {
    givenSyncConfig(h, { aiAssist: { enabled: true, dailyCap: 1 } });
    h.runtime.llm.answerWith(() => JSON.stringify({ decision: 'resolved', quote: UNDECIDED_BY_RULES }));
    const first = await closeWith([dev1, UNDECIDED_BY_RULES]);
    expect(h.runtime.llm.calls).toHaveLength(1);
    expect(zeroPathStatus(h, first.findingId)).toBe('RESOLVED');

    const second = await closeWith([dev2, UNDECIDED_BY_RULES]);
    expect(h.runtime.llm.calls).toHaveLength(1);
    expect(zeroPathStatus(h, second.findingId)).toBe('PENDING_REVIEW');
    expect(linkOf(h, second.findingId)?.lastClosure?.explanation).toContain('daily cap of 1');
    expect(healthError()).toContain('Daily AI-assist cap of 1');
  });

  it('never asks about a closure the rules decided or deliberately skipped', async () => {
    givenSyncConfig(h, { aiAssist: { enabled: true, dailyCap: 5 } });
    await closeWith([dev1, 'Fixed in PR #412, deployed to production.']);
    await closeWith([dev1, 'Will fix once the new gateway is deployed.']);
    expect(h.runtime.llm.calls).toHaveLength(0);
  });
});
