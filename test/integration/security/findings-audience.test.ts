// The harness must load first: it installs the local Forge platform before @forge/api loads.
import { startHarness, type Harness } from '../harness';
import { adminEndpoints } from '../../../src/contract/admin';
import { type Endpoint } from '../../../src/contract/endpoint';
import {
  exportHistoryEndpoint,
  exportOneEndpoint,
  findingsAccessEndpoint,
  listRepositoriesEndpoint,
  searchFindingsEndpoint,
} from '../../../src/contract/findings';
import { MODULE_KEYS } from '../../../src/contract/modules';
import { resultSchema } from '../../../src/contract/result';
import { bulkTriageEndpoint } from '../../../src/contract/triage';
import { type SecuritySection } from '../../../src/core/config/security-team';
import { DEMO_USERS, ISSUE_TYPE } from '../../sim/jira/jira-seed-builder';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';

/**
 * Who may use the findings page (issue 18 "who uses what", issue 17 "groups or project roles"):
 * Jira administrators always, and the security team as the admin page's Security team setting
 * names it — Jira groups, or project roles in a named project. Every resolver the page uses is
 * checked on the server as the calling user; developers and contractors get `forbidden` from each
 * and a plain "not for you" from `findings.access`, which is all the page shows them.
 */
const PEOPLE = {
  admin: DEMO_USERS.admin,
  securityTeam: DEMO_USERS.security,
  developer: DEMO_USERS.dev1,
  contractor: DEMO_USERS.restricted,
} as const;
type Person = keyof typeof PEOPLE;

let h: Harness;
let findingId: string;

beforeAll(async () => {
  h = await startHarness({ jira: { rateLimits: { enabled: false } } });
  h.connectZeroPath();
  const finding = h.zeropath.state
    .findings()
    .find((f) => f.organizationId === h.zeropath.organizationId && (f.v2Status === 'PENDING_REVIEW' || f.v2Status === 'REVIEWING'));
  if (finding === undefined) throw new Error('the ZeroPath seed has no open finding');
  findingId = finding.id;
});
afterAll(async () => {
  await h.close();
});

async function call<P extends z.ZodType, R extends z.ZodType>(endpoint: Endpoint<P, R>, payload: unknown, who: Person) {
  const raw = await h.runtime.invokeUi(MODULE_KEYS.findingsPage, endpoint.key, payload, { accountId: PEOPLE[who] });
  return resultSchema(endpoint.response).parse(raw);
}

async function setTeam(security: Partial<SecuritySection>): Promise<void> {
  const saved = await h.runtime.invokeUi(
    MODULE_KEYS.adminPage,
    adminEndpoints.saveSecurity.key,
    { teamGroups: [], teamProjectRoles: [], panelTriage: 'security_team', secondApprover: false, ...security },
    { accountId: DEMO_USERS.admin },
  );
  expect(resultSchema(adminEndpoints.saveSecurity.response).parse(saved).ok).toBe(true);
}

/** What each person gets from every read the findings page makes, plus the access answer. */
async function outcomesFor(who: Person) {
  const kind = (r: { ok: boolean; error?: { kind: string } }) => (r.ok ? 'ok' : (r.error?.kind ?? '?'));
  const access = await call(findingsAccessEndpoint, {}, who);
  return {
    access: access.ok ? access.value.allowed : access.error.kind,
    search: kind(await call(searchFindingsEndpoint, { page: 1, pageSize: 5 }, who)),
    repositories: kind(await call(listRepositoriesEndpoint, {}, who)),
    history: kind(await call(exportHistoryEndpoint, {}, who)),
  };
}

type AnyEndpoint = Endpoint<z.ZodType, z.ZodType>;
const CONTRACT_DIR = path.resolve(__dirname, '../../../src/contract');

/** Every `findings.*` endpoint the contract exports: what the findings page's resolver serves. */
function findingsEndpoints(): AnyEndpoint[] {
  const found = new Map<string, AnyEndpoint>();
  for (const file of fs.readdirSync(CONTRACT_DIR).filter((f) => f.endsWith('.ts'))) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(path.join(CONTRACT_DIR, file)) as Record<string, unknown>;
    for (const value of Object.values(exported)) {
      const candidate = value as Partial<AnyEndpoint> | null;
      if (candidate !== null && typeof candidate?.key === 'string' && candidate.key.startsWith('findings.') && candidate.payload instanceof z.ZodType)
        found.set(candidate.key, candidate as AnyEndpoint);
    }
  }
  return [...found.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** A valid payload for each findings endpoint (a new endpoint fails the test below until it has one). */
function examplePayloads(): Record<string, unknown> {
  const target = { projectKey: 'SEC', issueTypeId: ISSUE_TYPE.bug };
  return {
    'findings.access': {},
    'findings.search': { page: 1, pageSize: 5 },
    'findings.repositories': {},
    'findings.projects': { query: 'SE' },
    'findings.issueTypes': { projectKey: 'SEC' },
    'findings.epics': { projectKey: 'SEC', query: 'Q4' },
    'findings.assignees': { projectKey: 'SEC', query: 'ali' },
    'findings.preflight': { target },
    'findings.exportOne': { findingId, target },
    'findings.exportBulk': { findingIds: [findingId], target },
    'findings.jobStatus': { jobId: '6b1f0c52-1d2e-4a3b-9c8d-7e6f5a4b3c2d' },
    'findings.exportHistory': {},
    'findings.bulkTriage': { findingIds: [findingId], outcome: 'false_positive', reason: 'Audience test only' },
  };
}

const ALLOWED = { access: true, search: 'ok', repositories: 'ok', history: 'ok' };
const REFUSED = { access: false, search: 'forbidden', repositories: 'forbidden', history: 'forbidden' };

describe('the findings page’s audience', () => {
  it('with no team configured: Jira administrators only', async () => {
    await setTeam({});
    expect({
      admin: await outcomesFor('admin'),
      securityTeam: await outcomesFor('securityTeam'),
      developer: await outcomesFor('developer'),
      contractor: await outcomesFor('contractor'),
    }).toEqual({ admin: ALLOWED, securityTeam: REFUSED, developer: REFUSED, contractor: REFUSED });
    const access = await call(findingsAccessEndpoint, {}, 'developer');
    expect(access.ok && access.value.audience).toMatch(/^Jira administrators \(an administrator can open it to a security team/);
  });

  it('with the security-team group: its members browse without being Jira admins; developers and contractors do not', async () => {
    await setTeam({ teamGroups: ['security-team'] });
    expect({
      admin: await outcomesFor('admin'),
      securityTeam: await outcomesFor('securityTeam'),
      developer: await outcomesFor('developer'),
      contractor: await outcomesFor('contractor'),
    }).toEqual({ admin: ALLOWED, securityTeam: ALLOWED, developer: REFUSED, contractor: REFUSED });
  });

  it('with a project role: who holds it in that project is on the team, the same role elsewhere is not', async () => {
    // Alice holds Developers in SEC and APP; Bob only in APP; Sam holds Security reviewers in SEC.
    await setTeam({ teamProjectRoles: [{ projectKey: 'SEC', roleName: 'Security reviewers' }] });
    expect(await outcomesFor('securityTeam')).toEqual(ALLOWED);
    expect(await outcomesFor('developer')).toEqual(REFUSED);
    await setTeam({ teamProjectRoles: [{ projectKey: 'SEC', roleName: 'developers' }] });
    expect(await outcomesFor('developer')).toEqual(ALLOWED);
    const bob = await h.runtime.invokeUi(MODULE_KEYS.findingsPage, searchFindingsEndpoint.key, { page: 1, pageSize: 5 }, { accountId: DEMO_USERS.dev2 });
    expect(resultSchema(searchFindingsEndpoint.response).parse(bob)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    // The contractor cannot see OPS: a role named there answers "no role", never an error.
    await setTeam({ teamProjectRoles: [{ projectKey: 'OPS', roleName: 'Developers' }] });
    expect(await outcomesFor('contractor')).toEqual(REFUSED);
  });

  it('the refusal names who the page is for, in words, and the access answer says the same', async () => {
    await setTeam({ teamGroups: ['security-team'], teamProjectRoles: [{ projectKey: 'SEC', roleName: 'Security reviewers' }] });
    const refused = await call(searchFindingsEndpoint, { page: 1, pageSize: 5 }, 'developer');
    const access = await call(findingsAccessEndpoint, {}, 'developer');
    expect(refused.ok).toBe(false);
    expect(access).toEqual({
      ok: true,
      value: {
        allowed: false,
        audience:
          'Jira administrators and the security team (Jira group “security-team” or role “Security reviewers” in project SEC)',
      },
    });
    if (!refused.ok) expect(refused.error.message).toContain(access.ok ? access.value.audience : '');
  });

  it('a security-team member exports; a developer (export) and a contractor (bulk triage) are refused and nothing is created', async () => {
    await setTeam({ teamGroups: ['security-team'] });
    const target = { projectKey: 'SEC', issueTypeId: ISSUE_TYPE.bug };
    const issuesBefore = h.jira.state.issuesByKey.size;
    const refusedExport = await call(exportOneEndpoint, { findingId, target }, 'developer');
    const refusedTriage = await call(bulkTriageEndpoint, { findingIds: [findingId], outcome: 'false_positive', reason: 'Not reachable' }, 'contractor');
    expect([refusedExport.ok, refusedTriage.ok]).toEqual([false, false]);
    expect(h.jira.state.issuesByKey.size).toBe(issuesBefore);

    const exported = await call(exportOneEndpoint, { findingId, target }, 'securityTeam');
    expect(exported).toMatchObject({ ok: true, value: { outcome: 'created' } });
    expect(h.jira.state.issuesByKey.size).toBe(issuesBefore + 1);
  });

  it('every findings endpoint refuses a developer and a contractor, and lets the security team past the check', async () => {
    await setTeam({ teamGroups: ['security-team'] });
    const endpoints = findingsEndpoints();
    const examples = examplePayloads();
    expect(endpoints.map((e) => e.key).filter((key) => !(key in examples))).toEqual([]);
    expect(endpoints.length).toBeGreaterThanOrEqual(13);
    const kindFor = async (endpoint: AnyEndpoint, who: Person) => {
      const raw = await h.runtime.invokeUi(MODULE_KEYS.findingsPage, endpoint.key, examples[endpoint.key], { accountId: PEOPLE[who] });
      const parsed = resultSchema(endpoint.response).parse(raw);
      return parsed.ok ? 'ok' : parsed.error.kind;
    };
    // Refused callers first (nothing may change); then Sam, whose calls may act (the export and
    // triage outcomes are proven in their own tests): here only "past the check" is asserted.
    const outcomes: Record<string, Record<string, string>> = {};
    for (const endpoint of endpoints.filter((e) => e.key !== 'findings.access')) {
      outcomes[endpoint.key] = {
        developer: await kindFor(endpoint, 'developer'),
        contractor: await kindFor(endpoint, 'contractor'),
      };
    }
    expect(outcomes).toEqual(
      Object.fromEntries(
        endpoints.filter((e) => e.key !== 'findings.access').map((e) => [e.key, { developer: 'forbidden', contractor: 'forbidden' }]),
      ),
    );
    const sam: Record<string, boolean> = {};
    for (const endpoint of endpoints) sam[endpoint.key] = (await kindFor(endpoint, 'securityTeam')) !== 'forbidden';
    expect(sam).toEqual(Object.fromEntries(endpoints.map((e) => [e.key, true])));
  });

  it('a person removed from the group in Jira loses the page on their next call (never cached)', async () => {
    await setTeam({ teamGroups: ['security-team'] });
    expect((await call(searchFindingsEndpoint, { page: 1, pageSize: 5 }, 'securityTeam')).ok).toBe(true);
    const sam = h.jira.state.users.get(DEMO_USERS.security);
    if (sam === undefined) throw new Error('the demo seed has no Sam');
    h.jira.control.addUser({ ...sam, groups: [] });
    expect((await call(searchFindingsEndpoint, { page: 1, pageSize: 5 }, 'securityTeam')).ok).toBe(false);
    h.jira.control.addUser(sam);
  });
});
