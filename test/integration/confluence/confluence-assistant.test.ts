// The assistant's web trigger: per-installation secret shown once and rotatable, refused while
// access is off (with no Confluence request), confined to the chosen spaces, rate limited, audited.
import { startHarness, type Harness } from '../harness';
import { callAdmin, expectValue } from '../admin/admin-test-kit';
import { confluenceAdminEndpoints } from '../../../src/contract/confluence';
import { storeKeys } from '../../../src/infra/store/store-keys';
import { ASSISTANT_RATE_PER_MINUTE } from '../../../src/app/confluence/assistant-service';
import { DEMO_USERS } from '../../sim/jira/jira-seed-builder';
import { DEMO_CONFLUENCE_PAGES as PAGES } from '../../sim/confluence/confluence-seed';

const HOOK = 'zp-confluence-assistant';

describe('Confluence assistant web trigger', () => {
  let h: Harness;
  const confluenceLog = () => h.confluence?.requestLog.entries ?? [];
  const call = async (secret: string | undefined, body: unknown) => {
    const response = await h.runtime.invokeWebTrigger(HOOK, {
      method: 'POST',
      headers: {
        'Content-Type': ['application/json'],
        ...(secret === undefined ? {} : { Authorization: [`Bearer ${secret}`] }),
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return {
      status: response.statusCode,
      body: JSON.parse(response.body) as Record<string, unknown>,
      headers: response.headers,
    };
  };
  const rotate = async () => expectValue(h, confluenceAdminEndpoints.rotateAssistantSecret, {});
  const turnOn = () =>
    expectValue(h, confluenceAdminEndpoints.save, {
      enabled: true,
      spaceKeys: ['SECDOCS'],
      labels: [],
      ticketLinks: false,
    });
  const audit = () =>
    h.runtime.kvs
      .entries(storeKeys.assistantAuditPrefix)
      .map((e) => e.value as { outcome: string; action: string });

  beforeEach(async () => {
    h = await startHarness({ confluence: { connected: true } });
  });
  afterEach(() => h.close());

  it('shows the secret once with the trigger URL, stores only its hash, and answers searches within the chosen spaces', async () => {
    const { secret, url } = await rotate();
    expect(url).toBe(h.runtime.webTriggerUrl(HOOK));
    expect(JSON.stringify(h.runtime.kvs.getSecret(storeKeys.assistantSecret))).not.toContain(secret);
    expect(JSON.stringify(h.runtime.kvs.entries())).not.toContain(secret);
    const view = await expectValue(h, confluenceAdminEndpoints.get, {});
    expect(JSON.stringify(view)).not.toContain(secret);
    expect(view.assistant.configured).toBe(true);

    await turnOn();
    h.confluence?.requestLog.clear();
    const found = await call(secret, { action: 'search', query: 'sql injection' });
    expect(found.status).toBe(200);
    const results = found.body['results'] as Array<{ title: string; spaceKey: string; url: string }>;
    // As the app: the restricted playbook names the app user, so it is found; ARCH and HR are not chosen.
    expect(results.map((r) => r.title).sort()).toEqual(
      [
        'Incident playbook: exploited sql injection in payments',
        'Runbook: fixing SQL injection (CWE-89)',
        'Secure coding standard: injection',
      ].sort(),
    );
    expect(new Set(results.map((r) => r.spaceKey))).toEqual(new Set(['SECDOCS']));
    expect(confluenceLog().map((e) => e.principal.kind)).toEqual(['app']);

    const page = await call(secret, { action: 'read', pageId: PAGES.sqlRunbook });
    expect(page).toMatchObject({
      status: 200,
      body: { title: 'Runbook: fixing SQL injection (CWE-89)', spaceKey: 'SECDOCS' },
    });
    expect(String(page.body['body'])).toContain('parameterised queries');
  });

  it('refuses a missing, wrong or rotated secret before anything else, and audits it', async () => {
    const { secret: old } = await rotate();
    await turnOn();
    h.confluence?.requestLog.clear();
    expect((await call(undefined, { action: 'search', query: 'sql' })).status).toBe(401);
    expect((await call('not-the-secret', { action: 'search', query: 'sql' })).status).toBe(401);
    const { secret: fresh } = await rotate();
    expect(fresh).not.toBe(old);
    expect(await call(old, { action: 'search', query: 'sql' })).toMatchObject({
      status: 401,
      body: { error: 'unauthorized' },
    });
    expect((await call(fresh, { action: 'search', query: 'sql' })).status).toBe(200);
    expect(confluenceLog()).toHaveLength(1);
    expect(
      audit()
        .map((a) => a.outcome)
        .sort(),
    ).toEqual(['ok', 'unauthorized', 'unauthorized', 'unauthorized']);
    expect(JSON.stringify(audit())).not.toContain(fresh);
  });

  it('refuses everything while access is off, without one Confluence request', async () => {
    const { secret } = await rotate();
    h.confluence?.requestLog.clear();
    expect(await call(secret, { action: 'search', query: 'sql' })).toMatchObject({
      status: 403,
      body: { error: 'confluence-off' },
    });
    expect(await call(secret, { action: 'read', pageId: PAGES.sqlRunbook })).toMatchObject({
      status: 403,
      body: { error: 'confluence-off' },
    });
    expect(confluenceLog()).toHaveLength(0);
  });

  it('refuses spaces and pages outside the chosen spaces, without naming the page', async () => {
    const { secret } = await rotate();
    await turnOn();
    h.confluence?.requestLog.clear();
    expect(await call(secret, { action: 'search', query: 'sql', spaceKeys: ['ARCH'] })).toMatchObject({
      status: 403,
      body: { error: 'out-of-scope' },
    });
    expect(
      await call(secret, { action: 'search', query: 'sql', spaceKeys: ['SECDOCS', 'HR'] }),
    ).toMatchObject({ status: 403 });
    // Not searched at all when out of scope.
    expect(confluenceLog().filter((e) => e.path === '/wiki/rest/api/search')).toHaveLength(0);
    const outside = await call(secret, { action: 'read', pageId: PAGES.paymentsArchitecture });
    expect(outside).toMatchObject({ status: 403, body: { error: 'out-of-scope' } });
    expect(JSON.stringify(outside.body)).not.toContain('architecture');
    expect((await call(secret, { action: 'read', pageId: PAGES.hrNotes })).status).toBe(404);
  });

  it('answers 400 to a malformed request and 429 past the per-minute limit, with Retry-After', async () => {
    const { secret } = await rotate();
    await turnOn();
    expect((await call(secret, '{not json')).status).toBe(400);
    expect((await call(secret, { action: 'delete', pageId: '1' })).status).toBe(400);
    expect((await call(secret, { action: 'read', pageId: '../admin' })).status).toBe(400);
    let limited: Awaited<ReturnType<typeof call>> | undefined;
    // Twice the limit: a minute boundary during the loop starts a fresh window once, never twice.
    for (let i = 0; i < 2 * ASSISTANT_RATE_PER_MINUTE + 5 && limited === undefined; i++) {
      const answer = await call(secret, { action: 'search', query: 'sql' });
      if (answer.status === 429) limited = answer;
    }
    expect(limited).toMatchObject({ status: 429, body: { error: 'rate-limited' } });
    expect(Number(limited?.headers['Retry-After']?.[0])).toBeGreaterThan(0);
  });

  it('only a Jira admin may create or rotate the secret', async () => {
    const result = await callAdmin(h, confluenceAdminEndpoints.rotateAssistantSecret, {}, DEMO_USERS.dev1);
    expect(result.ok ? 'ok' : result.error.kind).toBe('forbidden');
    expect(h.runtime.kvs.secretKeys()).not.toContain(storeKeys.assistantSecret);
  });
});
