// The Confluence simulator applies space permissions and page restrictions per principal, parses
// the CQL subset strictly, and hides a page the caller may not see exactly like a missing one.
import { DEMO_USERS } from '../jira/jira-seed-builder';
import { principalHeaders, type Principal } from '../shared/principal';
import { DEMO_CONFLUENCE_PAGES as PAGES, demoConfluenceSeed } from './confluence-seed';
import { startConfluenceSim, type ConfluenceSim } from './confluence-sim';

let sim: ConfluenceSim;
beforeAll(async () => {
  sim = await startConfluenceSim({ seed: demoConfluenceSeed() });
});
afterAll(() => sim.close());

const asUser = (accountId: string): Principal => ({ kind: 'user', accountId, viaApp: true });
const APP: Principal = { kind: 'app' };

async function search(
  principal: Principal,
  cql: string,
  extra = '',
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${sim.url}/wiki/rest/api/search?cql=${encodeURIComponent(cql)}${extra}`, {
    headers: principalHeaders(principal),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
const ids = (body: Record<string, unknown>) =>
  (body['results'] as Array<{ content: { id: string } }>).map((r) => r.content.id).sort();

describe('CQL search', () => {
  it('returns only pages the caller may view: space viewers and page restrictions apply per user', async () => {
    const cql = 'text ~ "sql injection" AND label = "security"';
    expect(ids((await search(asUser(DEMO_USERS.admin), cql)).body)).toEqual(
      [
        PAGES.sqlRunbook,
        PAGES.injectionStandard,
        PAGES.incidentPlaybook,
        PAGES.paymentsArchitecture,
        PAGES.hrNotes,
      ].sort(),
    );
    // Bob: not in ARCH's viewers, not in the playbook's restriction.
    expect(ids((await search(asUser(DEMO_USERS.dev2), cql)).body)).toEqual(
      [PAGES.sqlRunbook, PAGES.injectionStandard, PAGES.hrNotes].sort(),
    );
    // The contractor has no Confluence licence: nothing.
    expect(ids((await search(asUser(DEMO_USERS.restricted), cql)).body)).toEqual([]);
  });

  it('runs as the app user with the app user’s grants (not in HR, named in the playbook restriction)', async () => {
    const { body } = await search(APP, 'text ~ "sql injection"');
    expect(ids(body)).toEqual(
      [PAGES.sqlRunbook, PAGES.injectionStandard, PAGES.incidentPlaybook, PAGES.paymentsArchitecture].sort(),
    );
  });

  it('anonymous sees nothing without anonymous access', async () => {
    expect(ids((await search({ kind: 'anonymous' }, 'type = page')).body)).toEqual([]);
  });

  it('supports space in, label in, title ~, NOT and parentheses', async () => {
    const admin = asUser(DEMO_USERS.admin);
    expect(
      ids(
        (await search(admin, 'space in ("ARCH") OR (label in ("runbook") AND NOT title ~ "standard")')).body,
      ),
    ).toEqual([PAGES.sqlRunbook, PAGES.paymentsArchitecture].sort());
    expect(
      ids((await search(admin, 'space = SECDOCS AND type = page AND label != "incident"')).body),
    ).toEqual([PAGES.sqlRunbook, PAGES.injectionStandard].sort());
  });

  it('refuses CQL outside the subset or malformed with 400, and a missing cql', async () => {
    for (const cql of [
      'creator = "x"',
      'text = "exact"',
      'space in SECDOCS',
      'label = "a" AND',
      '(type = page',
    ]) {
      const { status, body } = await search(APP, cql);
      expect(status).toBe(400);
      expect(String(body['message'])).toMatch(/Could not parse cql/);
    }
    expect((await fetch(`${sim.url}/wiki/rest/api/search`, { headers: principalHeaders(APP) })).status).toBe(
      400,
    );
  });

  it('pages with limit and an opaque cursor; limit is capped at 100', async () => {
    const first = await search(APP, 'type = page', '&limit=2');
    expect(first.body['size']).toBe(2);
    const next = (first.body['_links'] as { next?: string }).next;
    expect(next).toBeDefined();
    const cursor = new URL(`http://x${String(next)}`).searchParams.get('cursor');
    const second = await search(APP, 'type = page', `&limit=2&cursor=${String(cursor)}`);
    expect(ids(second.body).some((id) => ids(first.body).includes(id))).toBe(false);
    expect((await search(APP, 'type = page', '&limit=1000')).body['limit']).toBe(100);
    expect((await search(APP, 'type = page', '&cursor=bogus')).status).toBe(400);
  });
});

describe('page read (v2)', () => {
  const read = (principal: Principal, id: string) =>
    fetch(`${sim.url}/wiki/api/v2/pages/${id}?body-format=storage`, { headers: principalHeaders(principal) });

  it('returns title and storage body to a permitted reader', async () => {
    const res = await read(asUser(DEMO_USERS.dev1), PAGES.paymentsArchitecture);
    expect(res.status).toBe(200);
    const page = (await res.json()) as { title: string; body: { storage: { value: string } } };
    expect(page.title).toBe('acme/payments-api architecture');
    expect(page.body.storage.value).toContain('reporting service');
  });

  it('answers a restricted page exactly like a missing one (404, same body)', async () => {
    const restricted = await read(asUser(DEMO_USERS.dev2), PAGES.incidentPlaybook);
    const missing = await read(asUser(DEMO_USERS.dev2), '424242');
    expect(restricted.status).toBe(404);
    expect(await restricted.json()).toEqual(await missing.json());
    expect((await read(APP, PAGES.hrNotes)).status).toBe(404);
  });

  it('restrictions can change at run time', async () => {
    sim.restrictPage(PAGES.sqlRunbook, [DEMO_USERS.admin]);
    try {
      expect((await read(asUser(DEMO_USERS.dev1), PAGES.sqlRunbook)).status).toBe(404);
      expect((await read(APP, PAGES.sqlRunbook)).status).toBe(404);
    } finally {
      sim.restrictPage(PAGES.sqlRunbook, undefined);
    }
    expect((await read(asUser(DEMO_USERS.dev1), PAGES.sqlRunbook)).status).toBe(200);
  });

  it('logs every request with its principal', () => {
    expect(sim.requestLog.entries.some((e) => e.principal.kind === 'app')).toBe(true);
  });
});
