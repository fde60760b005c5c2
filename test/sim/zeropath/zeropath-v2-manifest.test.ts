import { Validator, type Schema } from '@cfworker/json-schema';
import fixture from '../../fixtures/zeropath/v1-issues-search-reference.json';
import { callZeroPath } from './zeropath-test-client';
import {
  RENAMED_PATHS,
  STANDARD_PATHS,
  dataFromV1SearchResponse,
  startZeroPathSim,
  type ZeroPathSim,
} from './zeropath-sim';

const F1 = '3f6c2a1e-8d4b-4c7a-9e21-5b0d7f3a9c10';
const NOW = '2026-06-10T12:00:00.000Z';

interface ManifestTool {
  name: string;
  httpMethod: string;
  httpPath: string;
  inputSchema: Schema;
  orgIdBehavior: string;
}

describe('ZeroPath simulator V2: manifest-declared routes, org from the token, variants', () => {
  let zp: ZeroPathSim;
  beforeEach(async () => {
    zp = await startZeroPathSim({ findings: dataFromV1SearchResponse(fixture), now: NOW });
  });
  afterEach(() => zp.close());

  const manifest = async () => {
    const res = await callZeroPath(zp.url, '/mcp-manifest.json', undefined, { method: 'GET' });
    return {
      status: res.status,
      tools: (res.json as { tools?: ManifestTool[] } | undefined)?.tools ?? [],
      res,
    };
  };
  const tool = (tools: ManifestTool[], name: string) => tools.find((t) => t.name === name);

  it("publishes a version-2 manifest in the shape ZeroPath's MCP server reads; the token is required", async () => {
    const { status, tools, res } = await manifest();
    expect(status).toBe(200);
    expect((res.json as { version: number }).version).toBe(2);
    expect(tools.map((t) => t.name)).toEqual([
      'issues.list',
      'issues.archive',
      'issues.updateStatus',
      'issues.updateNotes',
    ]);
    for (const t of tools) {
      expect(t.httpPath.startsWith('/api/v2/')).toBe(true);
      expect(['none', 'required', 'inject-if-missing']).toContain(t.orgIdBehavior);
    }
    expect(tool(tools, 'issues.list')).toMatchObject({
      httpMethod: 'POST',
      httpPath: '/api/v2/issues/search',
      orgIdBehavior: 'inject-if-missing',
    });
    const anonymous = await callZeroPath(zp.url, '/mcp-manifest.json', undefined, {
      method: 'GET',
      credentials: 'none',
    });
    expect(anonymous.status).toBe(401);
  });

  it('each route enforces what its published inputSchema promises (same answer from the validator and the route)', async () => {
    const { tools } = await manifest();
    const updateStatus = tool(tools, 'issues.updateStatus');
    if (!updateStatus) throw new Error('no status tool');
    const validator = new Validator(updateStatus.inputSchema, '2020-12', false);
    const bad = { organizationId: zp.organizationId, issueIds: [F1], status: 'DONE' };
    expect(validator.validate(bad).valid).toBe(false);
    expect((await callZeroPath(zp.url, updateStatus.httpPath, bad)).status).toBe(400);
    const good = {
      organizationId: zp.organizationId,
      issueIds: [F1],
      status: 'RESOLVED',
      reason: 'Fixed in SEC-1',
    };
    expect(validator.validate(good).valid).toBe(true);
    expect((await callZeroPath(zp.url, updateStatus.httpPath, good)).status).toBe(200);
  });

  it('V2 search pages with offset/limit, filters by scoreLevels/statuses, resolves the org from a one-org token', async () => {
    const page = await callZeroPath(zp.url, STANDARD_PATHS.search, {
      offset: 0,
      limit: 2,
      sortBy: 'score',
      sortOrder: 'desc',
    });
    expect(page.status).toBe(200);
    const body = page.json as {
      issues: Array<{ id: string; score: number; status: string }>;
      totalCount: number;
    };
    expect(body.totalCount).toBe(5);
    expect(body.issues.map((i) => i.score)).toEqual([95, 82]);
    expect(body.issues[0]?.status).toBe('PENDING_REVIEW');
    const next = await callZeroPath(zp.url, STANDARD_PATHS.search, {
      offset: 2,
      limit: 2,
      sortBy: 'score',
      sortOrder: 'desc',
    });
    expect((next.json as typeof body).issues.map((i) => i.score)).toEqual([55, 24]);
    const high = await callZeroPath(zp.url, STANDARD_PATHS.search, {
      scoreLevels: ['HIGH'],
      statuses: ['PENDING_REVIEW'],
    });
    expect((high.json as typeof body).issues.map((i) => i.id)).toEqual([F1]);
    const tooMany = await callZeroPath(zp.url, STANDARD_PATHS.search, { limit: 101 });
    expect(tooMany.status).toBe(400);
  });

  it('a token that sees several organisations must name one; `required` tools never resolve it', async () => {
    zp.control.addOrg({ name: 'Globex' });
    zp.control.addToken({ id: 'two-orgs', secret: 's', orgIds: zp.state.organizations().map((o) => o.id) });
    const res = await callZeroPath(
      zp.url,
      STANDARD_PATHS.search,
      {},
      { credentials: { id: 'two-orgs', secret: 's' } },
    );
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      error: {
        message: expect.stringMatching(/organizationId is required/),
        code: 'BAD_REQUEST',
        requestId: expect.stringMatching(/^req_/),
      },
    });
    const status = await callZeroPath(zp.url, STANDARD_PATHS.updateStatus, {
      issueIds: [F1],
      status: 'RESOLVED',
    });
    expect(status.status).toBe(400);
  });

  it('variant no-status-operation: the tool is gone from the manifest and its route answers 404', async () => {
    zp.control.setApiVariant({ manifest: 'no-status-operation' });
    const { tools } = await manifest();
    expect(tool(tools, 'issues.updateStatus')).toBeUndefined();
    const res = await callZeroPath(zp.url, STANDARD_PATHS.updateStatus, {
      organizationId: zp.organizationId,
      issueIds: [F1],
      status: 'RESOLVED',
    });
    expect(res.status).toBe(404);
  });

  it('variant renamed-path: the manifest points elsewhere and only the new path answers', async () => {
    zp.control.setApiVariant({ manifest: 'renamed-path' });
    const { tools } = await manifest();
    expect(tool(tools, 'issues.updateStatus')?.httpPath).toBe(RENAMED_PATHS.updateStatus);
    const body = { organizationId: zp.organizationId, issueIds: [F1], status: 'RESOLVED' };
    expect((await callZeroPath(zp.url, STANDARD_PATHS.updateStatus, body)).status).toBe(404);
    expect((await callZeroPath(zp.url, RENAMED_PATHS.updateStatus, body)).status).toBe(200);
  });

  it('variant strict-schema: a reason is required, ≤ 10 ids, unknown keys rejected — in the schema and on the route', async () => {
    zp.control.setApiVariant({ manifest: 'strict-schema' });
    const { tools } = await manifest();
    const schema = tool(tools, 'issues.updateStatus')?.inputSchema as {
      required: string[];
      properties: { issueIds: { maxItems: number } };
    };
    expect(schema.required).toContain('reason');
    expect(schema.properties.issueIds.maxItems).toBe(10);
    const noReason = await callZeroPath(zp.url, STANDARD_PATHS.updateStatus, {
      organizationId: zp.organizationId,
      issueIds: [F1],
      status: 'RESOLVED',
    });
    expect(noReason.status).toBe(400);
  });

  it('variant unreachable: the manifest answers 404 (not JSON) while V1 keeps working', async () => {
    zp.control.setApiVariant({ manifest: 'unreachable' });
    const { status, res } = await manifest();
    expect(status).toBe(404);
    expect(res.json).toBeUndefined();
    const v1 = await callZeroPath(zp.url, '/api/v1/issues/search', { organizationId: zp.organizationId });
    expect(v1.status).toBe(200);
  });

  it('variant v2Down: every V2 route answers 503 with a requestId; the manifest still loads', async () => {
    zp.control.setApiVariant({ v2Down: true });
    expect((await manifest()).status).toBe(200);
    const res = await callZeroPath(zp.url, STANDARD_PATHS.search, {});
    expect(res.status).toBe(503);
    expect(res.json).toEqual({
      error: {
        message: expect.any(String),
        code: 'SERVICE_UNAVAILABLE',
        requestId: expect.stringMatching(/^req_/),
      },
    });
  });

  it('variant ignoreSortBy: V1 and V2 searches answer by score whatever order was asked', async () => {
    zp.control.setApiVariant({ ignoreSortBy: true });
    const v1 = await callZeroPath(zp.url, '/api/v1/issues/search', {
      organizationId: zp.organizationId,
      sortBy: 'updatedAt',
      sortOrder: 'desc',
    });
    expect((v1.json as { issues: Array<{ score: number }> }).issues.map((i) => i.score)).toEqual([
      95, 82, 55, 24, 6,
    ]);
    const v2 = await callZeroPath(zp.url, STANDARD_PATHS.search, { sortBy: 'createdAt', sortOrder: 'asc' });
    expect((v2.json as { issues: Array<{ score: number }> }).issues.map((i) => i.score)).toEqual([
      95, 82, 55, 24, 6,
    ]);
  });
});
