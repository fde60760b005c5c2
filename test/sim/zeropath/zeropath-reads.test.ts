import fixture from '../../fixtures/zeropath/v1-issues-search-reference.json';
import { callZeroPath } from './zeropath-test-client';
import { dataFromV1SearchResponse, startZeroPathSim, type V1Issue, type ZeroPathSim } from './zeropath-sim';

const F1 = '3f6c2a1e-8d4b-4c7a-9e21-5b0d7f3a9c10';
const F2 = 'b7e4d2c9-5a31-4f08-a6d2-0c9e8b7a6f54';
const F3 = '0e9d8c7b-6a59-4483-b2a1-f0e9d8c7b6a5';
const F4 = '6f5e4d3c-2b1a-4098-8776-655443322110';
const F5 = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
const PAYMENTS_REPO = 'a1b2c3d4-0000-4e5f-8a9b-112233445566';

interface SearchBody {
  issues: V1Issue[];
  totalCount: number;
  totalCountAllCategories: number;
  currentPage: number;
  pageSize: number;
  categoryCounts?: Record<string, number>;
}

const ids = (body: SearchBody): string[] => body.issues.map((issue) => issue.id);

describe('ZeroPath simulator against the reference §9 fixture (issues/search, issues/get, repositories/list)', () => {
  let zp: ZeroPathSim;
  let orgId: string;
  const search = async (body: Record<string, unknown>) => {
    const res = await callZeroPath(zp.url, '/api/v1/issues/search', { organizationId: orgId, ...body });
    return { status: res.status, json: res.json as SearchBody };
  };

  beforeAll(async () => {
    zp = await startZeroPathSim({
      findings: dataFromV1SearchResponse(fixture, {
        tags: { 'acme/payments-api': ['team-payments', 'pci'], 'acme/infra': ['platform'] },
      }),
    });
    orgId = zp.organizationId;
  });
  afterAll(() => zp.close());

  it('answers search with exactly the documented issue objects, counts and page fields', async () => {
    const { status, json } = await search({ page: 1, pageSize: 50, getCounts: true });
    expect(status).toBe(200);
    const { issues, ...envelope } = json;
    const { issues: expectedIssues, ...expectedEnvelope } = fixture;
    expect(envelope).toEqual(expectedEnvelope);
    expect(new Map(issues.map((issue) => [issue.id, issue]))).toEqual(
      new Map(expectedIssues.map((issue) => [issue.id, issue])),
    );
  });

  it('sorts by score descending by default', async () => {
    expect(ids((await search({})).json)).toEqual([F2, F1, F3, F4, F5]);
  });

  it.each([
    ['createdAt', 'asc', [F4, F3, F1, F2, F5]],
    ['updatedAt', 'desc', [F5, F2, F1, F3, F4]],
    ['score', 'asc', [F5, F4, F3, F1, F2]],
  ])('sorts by %s %s', async (sortBy, sortOrder, expected) => {
    expect(ids((await search({ sortBy, sortOrder })).json)).toEqual(expected);
  });

  it.each([
    ['repositoryIds', { repositoryIds: [PAYMENTS_REPO] }, [F2, F1]],
    ['types (status)', { types: ['falsePositive'] }, [F5]],
    ['codeScanTypes', { codeScanTypes: ['PrScan'] }, [F2, F5]],
    ['severities range (0–10, inclusive)', { severities: { min: 8, max: 10 } }, [F2, F1]],
    ['searchQuery, case-insensitive over title/description/file', { searchQuery: 'LODASH' }, [F3]],
    ['searchQuery on the file path', { searchQuery: 'terraform/s3.tf' }, [F4]],
    ['scanId', { scanId: 'c0ffee00-1111-4222-8333-444455556666' }, [F1]],
    ['combined filters', { repositoryIds: [PAYMENTS_REPO], codeScanTypes: ['FullScan'] }, [F1]],
  ])('filters by %s', async (_name, filter, expected) => {
    const { json } = await search(filter);
    expect(ids(json)).toEqual(expected);
    expect(json.totalCount).toBe(expected.length);
  });

  it('counts categories before the status filter and totalCount after it', async () => {
    const { json } = await search({ types: ['open'] });
    expect(json.totalCount).toBe(4);
    expect(json.totalCountAllCategories).toBe(5);
    expect(json.categoryCounts).toEqual(expect.objectContaining({ open: 4, falsePositive: 1 }));
  });

  it('omits categoryCounts when getCounts is false', async () => {
    const { json } = await search({ getCounts: false });
    expect(json).not.toHaveProperty('categoryCounts');
  });

  it('pages with 1-based page numbers, reports the page, and answers empty past the end', async () => {
    const first = (await search({ page: 1, pageSize: 2 })).json;
    const third = (await search({ page: 3, pageSize: 2 })).json;
    const past = (await search({ page: 4, pageSize: 2 })).json;
    expect([ids(first), first.currentPage, first.pageSize, first.totalCount]).toEqual([[F2, F1], 1, 2, 5]);
    expect(ids(third)).toEqual([F5]);
    expect([ids(past), past.totalCount]).toEqual([[], 5]);
    const all = (await search({ returnAll: true, pageSize: 1 })).json;
    expect(all.issues).toHaveLength(5);
  });

  it.each([
    [{ pageSize: 0 }, /pageSize/],
    [{ page: 0 }, /page/],
    [{ types: ['bogus'] }, /types/],
    [{ sortBy: 'title' }, /sortBy/],
    [{ severities: { min: 9, max: 2 } }, /severities.min must not exceed severities.max/],
    [{ repositoryIds: 'not-an-array' }, /repositoryIds/],
  ])('rejects bad search input %j with 400 and a clear message', async (body, message) => {
    const res = await callZeroPath(zp.url, '/api/v1/issues/search', { organizationId: orgId, ...body });
    expect(res.status).toBe(400);
    expect((res.json as { error: string }).error).toMatch(message);
  });

  it('gets one issue exactly as documented, and 404s an unknown or foreign id', async () => {
    const res = await callZeroPath(zp.url, '/api/v1/issues/get', { organizationId: orgId, issueId: F2 });
    expect(res.status).toBe(200);
    expect(res.json).toEqual(fixture.issues.find((issue) => issue.id === F2));
    const missing = await callZeroPath(zp.url, '/api/v1/issues/get', {
      organizationId: orgId,
      issueId: 'nope',
    });
    expect([missing.status, missing.json]).toEqual([404, { error: 'Issue not found' }]);
    const noId = await callZeroPath(zp.url, '/api/v1/issues/get', { organizationId: orgId });
    expect(noId.status).toBe(400);
  });

  it('lists repositories as a bare array with tags and live issue counts, filtered by searchQuery', async () => {
    const res = await callZeroPath(zp.url, '/api/v1/repositories/list', { organizationId: orgId });
    expect(res.status).toBe(200);
    const repos = res.json as Array<{
      id: string;
      repositoryName: string;
      tags: string[];
      issueCounts: Record<string, number>;
    }>;
    expect(repos.map((r) => r.repositoryName).sort()).toEqual([
      'acme/infra',
      'acme/payments-api',
      'acme/web-frontend',
    ]);
    const payments = repos.find((r) => r.id === PAYMENTS_REPO);
    expect(payments?.tags).toEqual(['team-payments', 'pci']);
    expect(payments?.issueCounts).toEqual({
      open: 2,
      newOpen: 2,
      processing: 0,
      patched: 0,
      archived: 0,
      falsePositive: 0,
      patchable: 1,
      closed: 0,
    });
    const web = await callZeroPath(zp.url, '/api/v1/repositories/list', {
      organizationId: orgId,
      searchQuery: 'web',
    });
    expect((web.json as Array<{ repositoryName: string }>).map((r) => r.repositoryName)).toEqual([
      'acme/web-frontend',
    ]);
  });

  it('reflects tag changes made through the control API', async () => {
    zp.control.setRepositoryTags(PAYMENTS_REPO, ['team-payments', 'pci', 'tier-1']);
    const res = await callZeroPath(zp.url, '/api/v1/repositories/list', {
      organizationId: orgId,
      searchQuery: 'payments',
    });
    expect((res.json as Array<{ tags: string[] }>)[0]?.tags).toEqual(['team-payments', 'pci', 'tier-1']);
    expect(() => zp.control.setRepositoryTags('nope', [])).toThrow(/repository nope does not exist/);
  });
});

describe('ZeroPath simulator paging over generated data', () => {
  let zp: ZeroPathSim;
  beforeAll(async () => {
    zp = await startZeroPathSim({ seed: 11, findings: 137, now: '2026-06-02T00:00:00.000Z' });
  });
  afterAll(() => zp.close());

  const page = async (n: number, extra: Record<string, unknown> = {}) =>
    (
      await callZeroPath(zp.url, '/api/v1/issues/search', {
        organizationId: zp.organizationId,
        page: n,
        pageSize: 20,
        ...extra,
      })
    ).json as SearchBody;

  it('walks every page once: no duplicates, nothing missing, same order as one big page', async () => {
    const seen: string[] = [];
    for (let n = 1; n <= 7; n++) seen.push(...ids(await page(n)));
    expect(seen).toHaveLength(137);
    expect(new Set(seen).size).toBe(137);
    const all = await page(1, { pageSize: 500 });
    expect(ids(all)).toEqual(seen);
  });

  it('breaks ties on id so equal sort keys keep one order across pages', async () => {
    // Findings added at a frozen clock share createdAt/updatedAt exactly.
    const added = zp.control.addFindings(6).map((f) => f.id);
    const body = { sortBy: 'updatedAt', sortOrder: 'desc' };
    const top = [
      ...ids(await page(1, { ...body, pageSize: 3 })),
      ...ids(await page(2, { ...body, pageSize: 3 })),
    ];
    expect(top).toEqual([...added].sort());
  });
});
