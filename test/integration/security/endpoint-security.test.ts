// The harness must load first: it installs the local Forge platform before @forge/api loads.
import { startHarness, type Harness } from '../harness';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { z } from 'zod';
import { type Endpoint } from '../../../src/contract/endpoint';
import { MODULE_KEYS } from '../../../src/contract/modules';
import { resultSchema } from '../../../src/contract/result';
import { aJiraUser, ALL_PROJECT_PERMISSIONS, DEMO_USERS, ISSUE_TYPE } from '../../sim/jira/jira-seed-builder';
import { examplePayloads, kvsSnapshot } from '../admin/admin-test-kit';
import { adminEndpoints } from '../../../src/contract/admin';

/**
 * Every endpoint of every module, discovered from src/contract, called by people who must be
 * refused, from modules that must be refused, and with payloads that must be refused — each time
 * proving that nothing happened: KVS unchanged, Jira asked nothing but the caller's permissions,
 * ZeroPath not called at all.
 *
 * Who may call what (DESIGN.md decision 6, the resolvers' own comments):
 * - admin page (`admin.*`, `autoTicket.*`): Jira administrators (global ADMINISTER, as the user);
 * - findings page (`findings.*`): Jira administrators and the security team (its own file:
 *   findings-audience.test.ts; with no team configured, as here, that is the administrators);
 *   exports also need Create Issues in the target project, as the user. `findings.access` answers
 *   every signed-in user whether the page is theirs and nothing else;
 * - issue panel (`panel.*`): Browse on the issue of the platform context for reads, Edit for
 *   actions; no payload can name another issue.
 *
 * A new contract endpoint fails this file until it has an owner (by key prefix) and an example
 * payload here, and then it is held to the same rules.
 */

type AnyEndpoint = Endpoint<z.ZodType, z.ZodType>;
type Owner = 'admin' | 'findings' | 'panel' | 'report';

const CONTRACT_DIR = path.resolve(__dirname, '../../../src/contract');
const ROOT = path.resolve(__dirname, '../../..');

function isEndpoint(value: unknown): value is AnyEndpoint {
  if (value === null || typeof value !== 'object') return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate['key'] === 'string' &&
    candidate['payload'] instanceof z.ZodType &&
    candidate['response'] instanceof z.ZodType
  );
}

/** Every endpoint any contract module exports, alone or inside an endpoints object. */
function discoverEndpoints(): AnyEndpoint[] {
  const found = new Map<string, AnyEndpoint>();
  for (const file of fs.readdirSync(CONTRACT_DIR)) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(path.join(CONTRACT_DIR, file)) as Record<string, unknown>;
    for (const value of Object.values(exported)) {
      const candidates = isEndpoint(value)
        ? [value]
        : value !== null && typeof value === 'object'
          ? Object.values(value).filter(isEndpoint)
          : [];
      for (const endpoint of candidates) found.set(endpoint.key, endpoint);
    }
  }
  return [...found.values()].sort((a, b) => a.key.localeCompare(b.key));
}

const OWNER_BY_PREFIX: Readonly<Record<string, Owner>> = {
  admin: 'admin',
  autoTicket: 'admin',
  findings: 'findings',
  panel: 'panel',
  report: 'report',
};
const MODULE_OF: Readonly<Record<Owner, string>> = {
  admin: MODULE_KEYS.adminPage,
  findings: MODULE_KEYS.findingsPage,
  panel: MODULE_KEYS.issuePanel,
  report: MODULE_KEYS.securityReport,
};
const TYPE_OF: Readonly<Record<Owner, string>> = {
  admin: 'jira:adminPage',
  findings: 'jira:globalPage',
  panel: 'jira:issuePanel',
  report: 'macro',
};
const FUNCTION_OF: Readonly<Record<Owner, string>> = {
  admin: 'admin-resolver',
  findings: 'findings-resolver',
  panel: 'panel-resolver',
  report: 'report-resolver',
};
/** Panel endpoints that only read: Browse is enough. Everything else on the panel needs Edit. */
const PANEL_READS = new Set(['panel.load', 'panel.refresh', 'panel.relatedDocs']);

function ownerOf(endpoint: AnyEndpoint): Owner | undefined {
  return OWNER_BY_PREFIX[endpoint.key.split('.')[0] ?? ''];
}

/** Answered to every signed-in user: whether the findings page is theirs (findings-audience.test.ts). */
const OPEN_TO_SIGNED_IN = new Set(['findings.access']);

/** Admin page and findings page: Jira administrators only (no security team configured here). */
const isAdminOnly = (endpoint: AnyEndpoint) =>
  (ownerOf(endpoint) === 'admin' || ownerOf(endpoint) === 'findings') && !OPEN_TO_SIGNED_IN.has(endpoint.key);

const ENDPOINTS = discoverEndpoints();

/** People the seed lacks: a SEC reader who may not edit, an outsider, an admin who may not create in SEC. */
const SEC_READER = '557058:security-test-sec-reader';
const OUTSIDER = '557058:security-test-outsider';
const ADMIN_WITHOUT_CREATE = '557058:security-test-admin-no-create';

function examplesFor(h: Harness, findingId: string): Record<string, unknown> {
  const admin = examplePayloads(h) as Record<string, unknown>;
  const rule = {
    id: 'rule-security',
    name: 'Security test rule',
    enabled: true,
    scoreThreshold: 50,
    categories: ['SAST', 'SECRETS'],
    scanTypes: ['FullScan'],
    scope: { type: 'repositories', repositoryIds: ['repo-1'] },
    jiraProjectId: '10000',
    issueTypeId: ISSUE_TYPE.task,
    assignee: { type: 'fixed', accountId: DEMO_USERS.dev1 },
    dailyCap: 10,
  };
  const target = { projectKey: 'SEC', issueTypeId: ISSUE_TYPE.task };
  return {
    ...Object.fromEntries(
      Object.entries(adminEndpoints).map(([name, endpoint]) => [endpoint.key, admin[name]]),
    ),
    'admin.confluence.get': {},
    'admin.confluence.save': {
      enabled: true,
      spaceKeys: ['SECDOCS'],
      labels: ['security'],
      ticketLinks: false,
    },
    'admin.confluence.rotateAssistantSecret': {},
    'admin.listOrphans': {},
    'admin.adoptOrphan': { kind: 'issue', issueId: '10001' },
    'autoTicket.getSettings': {},
    'autoTicket.saveRules': { rules: [rule] },
    'autoTicket.dryRun': { rule },
    'autoTicket.saveTemplates': {
      summary: '{{issueTitle}}',
      description: 'Found in {{repository}}',
      useForManualExport: true,
      library: [{ id: 'tpl-1', name: 'Short', summary: '{{issueTitle}}', description: 'See ZeroPath.' }],
    },
    'autoTicket.previewTemplate': { summary: '{{issueTitle}}', findingId },
    'autoTicket.getFieldOptions': { projectKey: 'SEC', issueTypeId: ISSUE_TYPE.task },
    'autoTicket.saveFieldMappings': {
      projectKey: 'SEC',
      issueTypeId: ISSUE_TYPE.task,
      mappings: [{ fieldId: 'labels', source: { type: 'static', value: ['security'] } }],
    },
    'autoTicket.saveSla': {
      enabled: true,
      policies: [
        {
          id: 'sla-1',
          name: 'Default',
          enabled: true,
          days: { Critical: 7, High: 30 },
          scope: { type: 'all' },
        },
      ],
    },
    'autoTicket.lookupProjects': { query: 'SE' },
    'autoTicket.lookupIssueTypes': { projectId: '10000' },
    'autoTicket.lookupEpics': { projectId: '10000', query: 'Q4' },
    'autoTicket.lookupUsers': { projectId: '10000', query: 'ali' },
    'autoTicket.lookupRepositories': {},
    'findings.access': {},
    'findings.search': { page: 1, pageSize: 25, query: 'sql', severities: ['High'], notInJira: true },
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
    'findings.bulkTriage': {
      findingIds: [findingId],
      outcome: 'false_positive',
      reason: 'Test fixture only',
    },
    'report.load': { scope: { repository: 'acme/web' } },
    'panel.load': {},
    'panel.refresh': {},
    'panel.relatedDocs': {},
    'panel.markFalsePositive': { reason: 'Not reachable from user input' },
    'panel.acceptRisk': { reason: 'Compensating control in place', until: '2031-01-31' },
    'panel.reopen': { reason: 'It came back' },
    'panel.linkFinding': { reference: findingId },
  };
}

describe('endpoint security: every endpoint of every module', () => {
  let h: Harness;
  let examples: Record<string, unknown>;
  let sec2: { id: string; key: string };

  const panelExtension = () => ({
    issue: { id: sec2.id, key: sec2.key },
    project: { id: '10000', key: 'SEC' },
  });

  /** Calls through a module of the real manifest as `accountId`; the panel always gets SEC-2's context. */
  const call = (
    owner: Owner,
    key: string,
    payload: unknown,
    accountId: string,
    moduleKey = MODULE_OF[owner],
  ) =>
    h.runtime.invokeUi(moduleKey, key, payload, {
      accountId,
      ...(owner === 'panel' || moduleKey === MODULE_OF.panel ? { extension: panelExtension() } : {}),
    });

  /**
   * Runs `act` and proves it had no effect: KVS (values and secrets) unchanged, Jira asked only
   * for the caller's permissions, ZeroPath not called.
   */
  const withoutSideEffects = async <T>(
    act: () => Promise<T>,
  ): Promise<{ result: T; sideEffects: string[] }> => {
    const kvsBefore = kvsSnapshot(h);
    const jiraBefore = h.jira.requestLog.entries.length;
    const zeropathBefore = h.zeropath.requestLog.entries.length;
    const result = await act();
    const sideEffects = [
      ...h.jira.requestLog.entries
        .slice(jiraBefore)
        .filter((e) => !(e.method === 'GET' && e.path === '/rest/api/3/mypermissions'))
        .map((e) => `Jira ${e.method} ${e.path}`),
      ...h.zeropath.requestLog.entries.slice(zeropathBefore).map((e) => `ZeroPath ${e.method} ${e.path}`),
    ];
    if (JSON.stringify(kvsSnapshot(h)) !== JSON.stringify(kvsBefore)) sideEffects.push('KVS changed');
    return { result, sideEffects };
  };

  /** The answer, reduced to what the table asserts: the Result's kind, checked against the contract. */
  const kindOf = (endpoint: AnyEndpoint, raw: unknown): string => {
    const parsed = resultSchema(endpoint.response).safeParse(raw);
    if (!parsed.success) return `not a contract Result: ${JSON.stringify(raw).slice(0, 200)}`;
    return parsed.data.ok ? 'ok' : parsed.data.error.kind;
  };

  beforeAll(async () => {
    // Hundreds of permission checks in a few seconds: Jira's burst limits are not under test here
    // (a rate-limited check is refused like any unverifiable one, which would blur the table).
    h = await startHarness({ jira: { rateLimits: { enabled: false } } });
    h.connectZeroPath();
    h.jira.control.addUser(
      aJiraUser({ accountId: SEC_READER, projectPermissions: { SEC: ['BROWSE_PROJECTS'] } }),
    );
    h.jira.control.addUser(
      aJiraUser({ accountId: OUTSIDER, projectPermissions: { APP: ALL_PROJECT_PERMISSIONS } }),
    );
    h.jira.control.addUser(
      aJiraUser({
        accountId: ADMIN_WITHOUT_CREATE,
        globalPermissions: ['ADMINISTER'],
        projectPermissions: { SEC: ['BROWSE_PROJECTS'] },
      }),
    );
    const issue = h.jira.state.issuesByKey.get('SEC-2');
    if (issue === undefined) throw new Error('the demo seed has no SEC-2');
    sec2 = { id: issue.id, key: issue.key };
    const finding = h.zeropath.state.findings().find((f) => f.organizationId === h.zeropath.organizationId);
    if (finding === undefined) throw new Error('the ZeroPath seed has no finding');
    examples = examplesFor(h, finding.id);
  });
  afterAll(async () => {
    await h.close();
  });

  it('discovers the endpoints of all three modules, each with an owner and a valid example payload', () => {
    const problems: string[] = [];
    for (const endpoint of ENDPOINTS) {
      if (ownerOf(endpoint) === undefined)
        problems.push(`${endpoint.key}: no owner module for its key prefix`);
      if (!(endpoint.key in examples)) {
        problems.push(`${endpoint.key}: no example payload in this test`);
      } else if (!endpoint.payload.safeParse(examples[endpoint.key]).success) {
        problems.push(`${endpoint.key}: its example payload does not satisfy the contract`);
      }
    }
    expect(problems).toEqual([]);
    for (const owner of ['admin', 'findings', 'panel'] as const) {
      expect(ENDPOINTS.filter((e) => ownerOf(e) === owner).length).toBeGreaterThan(0);
    }
    expect(ENDPOINTS.length).toBeGreaterThanOrEqual(30);
  });

  it('registers resolver keys only through defineEndpoint (which always checks module and caller)', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (
          /\.tsx?$/.test(entry.name) &&
          file !== path.join(ROOT, 'src/entry/resolvers/define-endpoint.ts')
        ) {
          if (/\.define\(/.test(fs.readFileSync(file, 'utf8'))) offenders.push(path.relative(ROOT, file));
        }
      }
    };
    walk(path.join(ROOT, 'src'));
    expect(offenders).toEqual([]);
  });

  describe('callers who must be refused', () => {
    const cases = (): Array<{ who: string; accountId: string; endpoint: AnyEndpoint }> => [
      // A developer is not a Jira admin: neither the admin page nor the findings page is theirs.
      ...ENDPOINTS.filter(isAdminOnly).map((endpoint) => ({
        who: 'a non-admin developer',
        accountId: DEMO_USERS.dev1,
        endpoint,
      })),
      ...ENDPOINTS.filter(isAdminOnly).map((endpoint) => ({
        who: 'a contractor without ADMINISTER',
        accountId: DEMO_USERS.restricted,
        endpoint,
      })),
      // The panel is every developer's; who may not see the context issue gets nothing from it.
      ...ENDPOINTS.filter((e) => ownerOf(e) === 'panel').map((endpoint) => ({
        who: 'a user who cannot browse the issue',
        accountId: OUTSIDER,
        endpoint,
      })),
      ...ENDPOINTS.filter((e) => ownerOf(e) === 'panel' && !PANEL_READS.has(e.key)).map((endpoint) => ({
        who: 'a user who can browse but not edit the issue',
        accountId: SEC_READER,
        endpoint,
      })),
      // Exports create issues as the app: the admin must be allowed to create in the target project.
      ...ENDPOINTS.filter((e) => ownerOf(e) === 'findings').flatMap((endpoint) => {
        const example = endpoint.payload.safeParse(examplesFor(h, 'f-1')[endpoint.key]);
        const hasTarget =
          example.success &&
          typeof example.data === 'object' &&
          example.data !== null &&
          'target' in example.data;
        return hasTarget
          ? [
              {
                who: 'an admin who cannot create issues in the target project',
                accountId: ADMIN_WITHOUT_CREATE,
                endpoint,
              },
            ]
          : [];
      }),
    ];

    it('refuses each of them on every endpoint they may not use, with no side effect', async () => {
      const table = cases();
      expect(table.length).toBeGreaterThan(ENDPOINTS.length);
      const outcomes = [];
      for (const { who, accountId, endpoint } of table) {
        const owner = ownerOf(endpoint) as Owner;
        const { result, sideEffects } = await withoutSideEffects(() =>
          call(owner, endpoint.key, examples[endpoint.key], accountId),
        );
        outcomes.push({ who, key: endpoint.key, kind: kindOf(endpoint, result), sideEffects });
      }
      expect(outcomes).toEqual(
        table.map(({ who, endpoint }) => ({ who, key: endpoint.key, kind: 'forbidden', sideEffects: [] })),
      );
    });

    it('fails closed on every endpoint when Jira cannot say what the caller may do', async () => {
      h.jira.control.injectFault('GET /rest/api/3/mypermissions', { errorRate: 1, errorStatus: 503 });
      try {
        const outcomes = [];
        // The report macro asks Jira nothing about the caller (Confluence decided they may view the page).
        for (const endpoint of ENDPOINTS.filter((e) => ownerOf(e) !== 'report' && !OPEN_TO_SIGNED_IN.has(e.key))) {
          const owner = ownerOf(endpoint) as Owner;
          // dev1 may use the panel: only Jira's answer stands between them and the action.
          const accountId = owner === 'panel' ? DEMO_USERS.dev2 : DEMO_USERS.admin;
          const { result, sideEffects } = await withoutSideEffects(() =>
            call(owner, endpoint.key, examples[endpoint.key], accountId),
          );
          outcomes.push({ key: endpoint.key, kind: kindOf(endpoint, result), sideEffects });
        }
        // A panel read with no permission answer cached must not fall back to "allowed".
        expect(outcomes).toEqual(
          ENDPOINTS.filter((e) => ownerOf(e) !== 'report' && !OPEN_TO_SIGNED_IN.has(e.key)).map((e) => ({
            key: e.key,
            kind: 'forbidden',
            sideEffects: [],
          })),
        );
      } finally {
        h.jira.control.clearFaults('GET /rest/api/3/mypermissions');
      }
    });

    it('still refuses when Jira rate-limits the permission check, but says rate_limited and when to retry', async () => {
      h.jira.control.injectFault('GET /rest/api/3/mypermissions', {
        errorRate: 1,
        errorStatus: 429,
        retryAfterSeconds: 17,
      });
      try {
        const outcomes = [];
        for (const endpoint of ENDPOINTS.filter(isAdminOnly)) {
          const owner = ownerOf(endpoint) as Owner;
          const { result, sideEffects } = await withoutSideEffects(() =>
            call(owner, endpoint.key, examples[endpoint.key], DEMO_USERS.admin),
          );
          const parsed = resultSchema(endpoint.response).safeParse(result);
          outcomes.push({
            key: endpoint.key,
            error: parsed.success && !parsed.data.ok ? parsed.data.error : kindOf(endpoint, result),
            sideEffects,
          });
        }
        // Fail closed all the same: the handler never ran, nothing was read or written.
        expect(outcomes).toEqual(
          ENDPOINTS.filter(isAdminOnly).map((e) => ({
            key: e.key,
            error: {
              kind: 'rate_limited',
              message: expect.stringMatching(/^Jira is busy.*nothing was done\. Try again in 17 s\.$/),
              retryAfterSeconds: 17,
            },
            sideEffects: [],
          })),
        );
      } finally {
        h.jira.control.clearFaults('GET /rest/api/3/mypermissions');
      }
    });
  });

  describe('modules that must be refused', () => {
    it('cannot reach an endpoint from any other module of the real manifest', async () => {
      const outcomes = [];
      const expected = [];
      for (const endpoint of ENDPOINTS) {
        const owner = ownerOf(endpoint) as Owner;
        for (const other of (['admin', 'findings', 'panel', 'report'] as const).filter((o) => o !== owner)) {
          const { result, sideEffects } = await withoutSideEffects(() =>
            call(other, endpoint.key, examples[endpoint.key], DEMO_USERS.admin).then(
              (raw) => `answered ${kindOf(endpoint, raw)}`,
              (error: unknown) =>
                error instanceof Error && /has no definition for/.test(error.message)
                  ? 'no such key'
                  : String(error),
            ),
          );
          outcomes.push({ key: endpoint.key, from: other, result, sideEffects });
          expected.push({
            key: endpoint.key,
            from: other,
            result: expect.stringMatching(/^(no such key|answered forbidden)$/),
            sideEffects: [],
          });
        }
      }
      expect(outcomes).toEqual(expected);
    });
  });

  describe('payloads that must be refused', () => {
    /** Distinct per place, so a huge token secret sent once is not found inside the next one. */
    const huge = (where: string) => `${where}:${'x'.repeat(100_001)}`;

    /** Paths to every string and number leaf of a JSON value. */
    const leavesOf = (
      value: unknown,
      at: Array<string | number> = [],
    ): Array<{ at: Array<string | number>; kind: 'string' | 'number' }> => {
      if (typeof value === 'string') return [{ at, kind: 'string' }];
      if (typeof value === 'number') return [{ at, kind: 'number' }];
      if (Array.isArray(value)) return value.flatMap((item, i) => leavesOf(item, [...at, i]));
      if (value !== null && typeof value === 'object') {
        return Object.entries(value).flatMap(([key, item]) => leavesOf(item, [...at, key]));
      }
      return [];
    };
    const replaced = (value: unknown, at: Array<string | number>, next: unknown): unknown => {
      const copy = structuredClone(value) as Record<string | number, unknown>;
      let cursor: Record<string | number, unknown> = copy;
      at.slice(0, -1).forEach((step) => {
        cursor = cursor[step] as Record<string | number, unknown>;
      });
      cursor[at[at.length - 1] as string | number] = next;
      return copy;
    };
    /** `__proto__` as an own key, as JSON.parse makes it when a browser sends `{"__proto__": …}`. */
    const withOwnKey = (value: unknown, key: string, item: unknown): unknown => {
      const copy = structuredClone(value) as Record<string, unknown>;
      Object.defineProperty(copy, key, { value: item, enumerable: true, configurable: true, writable: true });
      return copy;
    };

    const mutationsOf = (
      endpoint: AnyEndpoint,
      example: unknown,
    ): Array<{ what: string; payload: unknown }> => {
      const declared = endpoint.payload instanceof z.ZodObject ? Object.keys(endpoint.payload.shape) : [];
      return [
        { what: 'a string instead of an object', payload: 'not an object' },
        { what: 'an array instead of an object', payload: [example] },
        { what: 'an extra field', payload: { ...(example as object), unexpected: true } },
        {
          what: 'an issue named in the payload',
          payload: { ...(example as object), issue: { id: '10000', key: 'SEC-1' } },
        },
        {
          what: 'an account named in the payload',
          payload: { ...(example as object), accountId: DEMO_USERS.admin },
        },
        {
          what: 'a __proto__ key',
          payload: withOwnKey(example, '__proto__', { polluted: true, isAdmin: true }),
        },
        {
          what: 'a constructor.prototype key',
          payload: { ...(example as object), constructor: { prototype: { polluted: true } } },
        },
        ...declared.map((key) => ({
          what: `a wrong type for ${key}`,
          payload: { ...(example as object), [key]: [[]] },
        })),
        ...leavesOf(example).map(({ at, kind }) => ({
          what: `${kind === 'string' ? 'a 100,001-character string' : 'an absurd number'} at ${at.join('.')}`,
          payload: replaced(example, at, kind === 'string' ? huge(`${endpoint.key}.${at.join('.')}`) : 1e300),
        })),
      ];
    };

    it('answers invalid_input to every malformed payload on every endpoint, with no side effect', async () => {
      const outcomes = [];
      const expected = [];
      for (const endpoint of ENDPOINTS) {
        const owner = ownerOf(endpoint) as Owner;
        // Callers who are allowed in, so only the payload can be the reason for a refusal.
        const accountId = owner === 'panel' ? DEMO_USERS.dev1 : DEMO_USERS.admin;
        for (const { what, payload } of mutationsOf(endpoint, examples[endpoint.key])) {
          const { result, sideEffects } = await withoutSideEffects(() =>
            call(owner, endpoint.key, payload, accountId),
          );
          outcomes.push({ key: endpoint.key, what, kind: kindOf(endpoint, result), sideEffects });
          expected.push({ key: endpoint.key, what, kind: 'invalid_input', sideEffects: [] });
        }
      }
      expect(outcomes).toEqual(expected);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
    });
  });
});

describe('endpoint security: modules of the wrong type, even if the manifest wired them to the resolver', () => {
  let crossed: Harness;
  const crossKey = (owner: Owner, type: string) =>
    `x-${FUNCTION_OF[owner]}-via-${type.replace(/[^a-z]/gi, '')}`;
  let manifestDir: string;

  beforeAll(async () => {
    // The real manifest plus, for each resolver function, a module of every other page type
    // pointing at it: the resolvers' own module check is then the only thing in the way.
    const manifest = parseYaml(fs.readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8')) as {
      modules: Record<string, Array<Record<string, unknown>>>;
    };
    for (const owner of ['admin', 'findings', 'panel', 'report'] as const) {
      for (const other of (['admin', 'findings', 'panel', 'report'] as const).filter((o) => o !== owner)) {
        const type = TYPE_OF[other];
        manifest.modules[type] = [
          ...(manifest.modules[type] ?? []),
          {
            key: crossKey(owner, type),
            resource: 'main-ui',
            resolver: { function: FUNCTION_OF[owner] },
            title: 'Mis-wired',
          },
        ];
      }
    }
    manifestDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zp-cross-manifest-'));
    const file = path.join(manifestDir, 'manifest.yml');
    fs.writeFileSync(file, stringifyYaml(manifest));
    crossed = await startHarness({ manifest: file });
    crossed.connectZeroPath();
  });
  afterAll(async () => {
    await crossed.close();
    fs.rmSync(manifestDir, { recursive: true, force: true });
  });

  it('refuses a Jira admin calling any endpoint through a module of the wrong type', async () => {
    const crossedExamples = examplesFor(crossed, 'f-1');
    const outcomes = [];
    const expected = [];
    for (const endpoint of ENDPOINTS) {
      const owner = ownerOf(endpoint) as Owner;
      for (const other of (['admin', 'findings', 'panel', 'report'] as const).filter((o) => o !== owner)) {
        const before = JSON.stringify(kvsSnapshot(crossed));
        const zeropathBefore = crossed.zeropath.requestLog.entries.length;
        const jiraBefore = crossed.jira.requestLog.entries.length;
        const raw = await crossed.runtime.invokeUi(
          crossKey(owner, TYPE_OF[other]),
          endpoint.key,
          crossedExamples[endpoint.key],
          {
            accountId: DEMO_USERS.admin,
            extension: { issue: { id: '10001', key: 'SEC-2' }, project: { id: '10000', key: 'SEC' } },
          },
        );
        outcomes.push({
          key: endpoint.key,
          via: TYPE_OF[other],
          raw,
          unchanged:
            JSON.stringify(kvsSnapshot(crossed)) === before &&
            crossed.zeropath.requestLog.entries.length === zeropathBefore &&
            // The module check comes before any permission question.
            crossed.jira.requestLog.entries.length === jiraBefore,
        });
        expected.push({
          key: endpoint.key,
          via: TYPE_OF[other],
          raw: {
            ok: false,
            error: { kind: 'forbidden', message: 'This action is not available from here.' },
          },
          unchanged: true,
        });
      }
    }
    expect(outcomes).toEqual(expected);
  });
});
