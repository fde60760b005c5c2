import { startExportWorld, type ExportWorld } from './export-world';
import { storeKeys } from '../../../src/infra/store/store-keys';
import { type FindingLink } from '../../../src/core/link/finding-link';
import { type StoredFinding } from '../../sim/zeropath/zeropath-sim';

/**
 * The findings page's filters run in ZeroPath's query (or, where ZeroPath cannot apply one, across
 * its pages): every page is full and equals the matching slice of the simulator's own data, and
 * the count is the filtered count — with V2 discovered, and with only V1.
 */
const PAGE_SIZE = 25;
const LINKED_TOP = 30;

let world: ExportWorld;
beforeAll(async () => {
  world = await startExportWorld({ zeropath: { findings: 400 } });
  // "Once the top findings are exported": the 30 highest scores are linked to Jira issues.
  for (const [index, finding] of ranked().slice(0, LINKED_TOP).entries())
    linkToJira(finding, `SEC-${900 + index}`);
});
afterAll(async () => {
  await world.close();
});
afterEach(() => {
  world.harness.zeropath.control.setApiVariant({ manifest: 'standard' });
});

/** ZeroPath's default listing order, as both API generations answer it: score desc, then id. */
function ranked(): StoredFinding[] {
  return world.harness.zeropath.state
    .findings()
    .filter((f) => f.organizationId === world.harness.zeropath.organizationId)
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
}

function linkToJira(finding: StoredFinding, issueKey: string): void {
  const link: FindingLink = {
    findingId: finding.id,
    issueId: `9${issueKey.replace(/\D/g, '')}`,
    issueKey,
    projectKey: 'SEC',
    createdAt: '2026-06-01T00:00:00.000Z',
    createdBy: 'test',
    snapshot: {
      title: finding.generatedTitle,
      status: 'open',
      score: finding.score,
      severity: 'High',
      category: 'SAST',
      cwes: [],
      repository: { id: finding.repositoryId },
      location: {},
      url: finding.url,
      updatedAt: finding.updatedAt,
    },
    snapshotAt: '2026-06-01T00:00:00.000Z',
    lastWritten: {},
  };
  world.harness.runtime.kvs.set(storeKeys.linkByFinding(finding.id), link);
}

const isHigh = (f: StoredFinding) => f.score >= 70 && f.score <= 89;
const linkedIds = () =>
  new Set(
    ranked()
      .slice(0, LINKED_TOP)
      .map((f) => f.id),
  );

async function everyPage(filters: Record<string, unknown>) {
  const pages: Array<{ ids: string[]; totalCount: number; totalIsExact: boolean; hiddenLinked: number }> = [];
  for (let page = 1; ; page += 1) {
    const answer = await world.call('findings.search', { page, pageSize: PAGE_SIZE, ...filters });
    if (!answer.ok) throw new Error(JSON.stringify(answer.error));
    pages.push({
      ids: (answer.value.rows as Array<{ id: string }>).map((r) => r.id),
      totalCount: answer.value.totalCount,
      totalIsExact: answer.value.totalIsExact,
      hiddenLinked: answer.value.hiddenLinked,
    });
    if (page * PAGE_SIZE >= answer.value.totalCount) return pages;
  }
}

function expectPagesToBe(pages: Awaited<ReturnType<typeof everyPage>>, expected: StoredFinding[]): void {
  expect(expected.length).toBeGreaterThan(PAGE_SIZE);
  expect(pages.map((p) => p.ids)).toEqual(
    Array.from({ length: Math.ceil(expected.length / PAGE_SIZE) }, (_, i) =>
      expected.slice(i * PAGE_SIZE, (i + 1) * PAGE_SIZE).map((f) => f.id),
    ),
  );
  for (const page of pages) expect([page.totalCount, page.totalIsExact]).toEqual([expected.length, true]);
}

describe.each([
  ['V2 discovered', 'standard'],
  ['V1 only (manifest unreachable)', 'unreachable'],
] as const)('findings page filters, %s', (_label, manifest) => {
  beforeEach(() => {
    world.harness.zeropath.control.setApiVariant({ manifest });
    // A record that does not parse is rediscovered: the variant's manifest is read afresh.
    world.harness.runtime.kvs.set(storeKeys.zeropathCapabilities, { stale: true });
    world.harness.zeropath.requestLog.clear();
  });

  it('Severity = High: full pages, equal to ZeroPath’s High findings in order, counted as filtered', async () => {
    const pages = await everyPage({ severities: ['High'] });
    expectPagesToBe(pages, ranked().filter(isHigh));
    const searches = world.harness.zeropath.requestLog.entries.filter((e) => e.path.endsWith('/search'));
    if (manifest === 'standard') {
      // ZeroPath filtered: one request per page, scoreLevels in the body.
      expect(searches.map((e) => e.path)).toEqual(pages.map(() => '/api/v2/issues/search'));
      expect(searches.every((e) => JSON.stringify(e.body).includes('"scoreLevels":["HIGH"]'))).toBe(true);
    } else {
      expect(searches.every((e) => e.path === '/api/v1/issues/search')).toBe(true);
    }
  });

  it('Severity = High and Not yet in Jira: page 1 is full even though the top findings are exported', async () => {
    const linked = linkedIds();
    const expected = ranked().filter((f) => isHigh(f) && !linked.has(f.id));
    const pages = await everyPage({ severities: ['High'], notInJira: true });
    expectPagesToBe(pages, expected);
    expect(pages[0]?.hiddenLinked).toBe(ranked().filter((f) => isHigh(f) && linked.has(f.id)).length);
  });

  it('Not yet in Jira alone: no page is short while later pages match', async () => {
    const linked = linkedIds();
    const pages = await everyPage({ notInJira: true });
    expectPagesToBe(
      pages,
      ranked().filter((f) => !linked.has(f.id)),
    );
    expect(pages[0]?.hiddenLinked).toBe(LINKED_TOP);
  });
});

describe('findings page KVS cost', () => {
  // 400 findings: the walk reads all 4 ZeroPath pages (4 link batches of 25 each); the direct
  // page reads its 25 links in one batch. A handful of other requests (config, capabilities).
  it.each([
    ['Not yet in Jira', { notInJira: true }, 16 + 10],
    ['no filter', {}, 1 + 10],
  ] as const)(
    '%s: one page view reads links in batches, not one KVS request per finding',
    async (_label, filters, maxRequests) => {
      const before = world.harness.runtime.kvs.usage();
      const answer = await world.call('findings.search', { page: 1, pageSize: PAGE_SIZE, ...filters });
      expect(answer.ok).toBe(true);
      const after = world.harness.runtime.kvs.usage();
      const requests = after.requests - before.requests;
      const readUnits = after.readUnits - before.readUnits;
      expect(requests).toBeLessThanOrEqual(maxRequests);
      expect(readUnits).toBeLessThanOrEqual(2 * maxRequests);
      expect(after.rateLimited - before.rateLimited).toBe(0);
    },
  );
});
