/**
 * A small Confluence Cloud simulator on loopback (README.md): CQL search (v1), page read (v2),
 * space list (v2), with space permissions and page read restrictions applied per principal —
 * the app user (`asApp`), a user through the app (`asUser`), or anonymous.
 */
import { z } from 'zod';
import {
  RequestLog,
  SimRouter,
  startSimServer,
  type SimRequest,
  type SimResponse,
} from '../shared/http-server';
import { APP_ACCOUNT_ID, type Principal } from '../shared/principal';
import { CqlError, matchesCql, parseCql } from './cql-engine';

export interface ConfluenceSpaceSeed {
  readonly key: string;
  readonly name: string;
  /** Who may view the space: every licensed user, or only these account ids. */
  readonly viewers: 'all-licensed' | readonly string[];
  /** Whether the app user was granted view on the space (a space admin can remove it). Default true. */
  readonly appCanView?: boolean;
  /** Anonymous access enabled on the space. Default false. */
  readonly anonymous?: boolean;
}

export interface ConfluencePageSeed {
  readonly id: string;
  readonly spaceKey: string;
  readonly title: string;
  /** Storage-format body. */
  readonly body: string;
  readonly labels?: readonly string[];
  /** Page read restriction: only these account ids (the app user is `APP_ACCOUNT_ID`). */
  readonly readRestrictedTo?: readonly string[];
  readonly lastModified?: string;
}

export interface ConfluenceSeed {
  /** Licensed Confluence users; anyone else sees nothing. */
  readonly users: readonly string[];
  readonly spaces: readonly ConfluenceSpaceSeed[];
  readonly pages: readonly ConfluencePageSeed[];
}

export interface ConfluenceSim {
  readonly url: string;
  readonly requestLog: RequestLog;
  addPage(page: ConfluencePageSeed): void;
  restrictPage(pageId: string, readRestrictedTo: readonly string[] | undefined): void;
  close(): Promise<void>;
}

/** Search limits: Confluence documents `limit` as capped by "fixed system limits"; 100 is the strictest common cap. */
export const CONFLUENCE_LIMITS = { defaultSearchLimit: 25, maxSearchLimit: 100 } as const;

const seedSchema = z.object({
  users: z.array(z.string().min(1)),
  spaces: z.array(
    z.object({
      key: z.string().regex(/^[A-Za-z0-9]+$/),
      name: z.string().min(1),
      viewers: z.union([z.literal('all-licensed'), z.array(z.string().min(1))]),
      appCanView: z.boolean().optional(),
      anonymous: z.boolean().optional(),
    }),
  ),
  pages: z.array(z.unknown()),
});

interface StoredSpace extends ConfluenceSpaceSeed {
  readonly id: string;
}

export async function startConfluenceSim(options: {
  seed: ConfluenceSeed;
  port?: number;
  now?: () => number;
}): Promise<ConfluenceSim> {
  seedSchema.parse(options.seed);
  const now = options.now ?? (() => Date.now());
  const users = new Set(options.seed.users);
  const spaces = new Map<string, StoredSpace>(
    options.seed.spaces.map((s, i) => [s.key, { ...s, id: String(100 + i) }]),
  );
  const pages = new Map<string, ConfluencePageSeed>();
  const addPage = (page: ConfluencePageSeed) => {
    if (!spaces.has(page.spaceKey))
      throw new Error(`confluence-sim: page ${page.id} names unknown space ${page.spaceKey}`);
    pages.set(page.id, { ...page, labels: (page.labels ?? []).map((l) => l.toLowerCase()) });
  };
  options.seed.pages.forEach(addPage);

  const canViewSpace = (principal: Principal, space: StoredSpace): boolean => {
    if (principal.kind === 'app') return space.appCanView !== false;
    if (principal.kind === 'anonymous') return space.anonymous === true;
    if (!users.has(principal.accountId)) return false;
    return space.viewers === 'all-licensed' || space.viewers.includes(principal.accountId);
  };
  const canViewPage = (principal: Principal, page: ConfluencePageSeed): boolean => {
    const space = spaces.get(page.spaceKey);
    if (space === undefined || !canViewSpace(principal, space)) return false;
    if (page.readRestrictedTo === undefined) return true;
    const who =
      principal.kind === 'app' ? APP_ACCOUNT_ID : principal.kind === 'user' ? principal.accountId : undefined;
    return who !== undefined && page.readRestrictedTo.includes(who);
  };
  const webui = (page: ConfluencePageSeed) => `/spaces/${page.spaceKey}/pages/${page.id}`;

  const router = new SimRouter();
  router.add('GET', '/wiki/rest/api/search', (req) => search(req));
  router.add('GET', '/wiki/api/v2/pages/:id', (req) => {
    const page = pages.get(req.params['id'] ?? '');
    // Missing and not permitted answer the same, so a page's existence does not leak.
    if (page === undefined || !canViewPage(req.principal, page)) return notFound();
    const bodyFormat = req.query.get('body-format');
    if (bodyFormat !== null && bodyFormat !== 'storage')
      return badRequest(`body-format '${bodyFormat}' is not supported here`);
    const space = spaces.get(page.spaceKey) as StoredSpace;
    return {
      status: 200,
      body: {
        id: page.id,
        status: 'current',
        title: page.title,
        spaceId: space.id,
        ...(bodyFormat === 'storage'
          ? { body: { storage: { value: page.body, representation: 'storage' } } }
          : { body: {} }),
        _links: { webui: webui(page), base: '/wiki' },
      },
    };
  });
  router.add('GET', '/wiki/api/v2/spaces', (req) => {
    const keys = req.query.get('keys');
    const wanted = keys === null ? undefined : new Set(keys.split(','));
    const limit = Number(req.query.get('limit') ?? 25);
    if (!Number.isInteger(limit) || limit < 1 || limit > 250) return badRequest('limit must be 1..250');
    const results = [...spaces.values()]
      .filter((s) => canViewSpace(req.principal, s) && (wanted === undefined || wanted.has(s.key)))
      .slice(0, limit)
      .map((s) => ({ id: s.id, key: s.key, name: s.name, type: 'global', status: 'current' }));
    return { status: 200, body: { results, _links: {} } };
  });

  function search(req: SimRequest): SimResponse {
    const cql = req.query.get('cql');
    if (cql === null || cql.trim() === '') return badRequest('cql is required');
    const limitRaw = req.query.get('limit');
    const limit = limitRaw === null ? CONFLUENCE_LIMITS.defaultSearchLimit : Number(limitRaw);
    if (!Number.isInteger(limit) || limit < 0) return badRequest('limit must be a non-negative integer');
    const pageSize = Math.min(limit, CONFLUENCE_LIMITS.maxSearchLimit);
    const cursor = req.query.get('cursor');
    const start = cursor === null ? 0 : decodeCursor(cursor);
    if (start === undefined) return badRequest('cursor is not valid');
    let where;
    try {
      where = parseCql(cql);
    } catch (error) {
      if (error instanceof CqlError) return badRequest(error.message);
      throw error;
    }
    // Confluence only returns what the caller may view; restricted pages are not even counted.
    const hits = [...pages.values()]
      .filter((p) => canViewPage(req.principal, p))
      .filter((p) =>
        matchesCql(where, {
          id: p.id,
          type: 'page',
          title: p.title,
          text: stripMarkup(p.body),
          labels: p.labels ?? [],
          spaceKey: p.spaceKey,
        }),
      )
      .sort((a, b) => (b.lastModified ?? '').localeCompare(a.lastModified ?? '') || a.id.localeCompare(b.id));
    const slice = hits.slice(start, start + pageSize);
    const next = start + pageSize < hits.length ? encodeCursor(start + pageSize) : undefined;
    return {
      status: 200,
      body: {
        results: slice.map((p) => {
          const space = spaces.get(p.spaceKey) as StoredSpace;
          return {
            content: {
              id: p.id,
              type: 'page',
              status: 'current',
              title: p.title,
              _links: { webui: webui(p) },
            },
            title: p.title,
            excerpt: stripMarkup(p.body).slice(0, 160),
            url: webui(p),
            entityType: 'content',
            resultGlobalContainer: { title: space.name, displayUrl: `/spaces/${space.key}` },
            lastModified: p.lastModified ?? new Date(now()).toISOString(),
          };
        }),
        start,
        limit: pageSize,
        size: slice.length,
        totalSize: hits.length,
        _links: {
          base: '/wiki',
          context: '/wiki',
          ...(next === undefined
            ? {}
            : { next: `/rest/api/search?cql=${encodeURIComponent(cql)}&limit=${pageSize}&cursor=${next}` }),
        },
      },
    };
  }

  const log = new RequestLog();
  const server = await startSimServer({
    router,
    log,
    now,
    ...(options.port === undefined ? {} : { port: options.port }),
    errorBody: (message) => ({ statusCode: 0, message }),
  });
  return {
    url: server.url,
    requestLog: log,
    addPage,
    restrictPage(pageId, readRestrictedTo) {
      const page = pages.get(pageId);
      if (page === undefined) throw new Error(`confluence-sim: no page ${pageId}`);
      const { readRestrictedTo: _old, ...rest } = page;
      pages.set(pageId, readRestrictedTo === undefined ? rest : { ...rest, readRestrictedTo });
    },
    close: () => server.close(),
  };
}

function stripMarkup(storage: string): string {
  return storage
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

function decodeCursor(cursor: string): number | undefined {
  const match = /^o:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match === null ? undefined : Number(match[1]);
}

function notFound(): SimResponse {
  return {
    status: 404,
    body: { errors: [{ status: 404, code: 'NOT_FOUND', title: 'Not Found', detail: null }] },
  };
}

function badRequest(message: string): SimResponse {
  return { status: 400, body: { statusCode: 400, message } };
}
