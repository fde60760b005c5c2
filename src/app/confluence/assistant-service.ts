import { z } from 'zod';
import { confluenceSpaceKeySchema, type ConfluenceSection } from '../../core/config/app-config';
import { spaceTextCql } from '../../core/confluence/related-docs-query';
import { type AssistantAuditEntry, type AssistantStore } from '../../infra/store/assistant-store';
import { ConfluenceNotConnectedError, type ConfluenceClient } from './confluence-port';

/**
 * ZeroPath's assistant searching and reading the chosen Confluence spaces through the app's web
 * trigger (contract: docs/confluence.md "Web trigger contract"). Order of checks: secret (401),
 * switch (403 confluence-off, before any Confluence request), rate limit (429), request shape
 * (400), scope (403 out-of-scope), then Confluence as the app. Every call is audited.
 */
export const ASSISTANT_RATE_PER_MINUTE = 30;
export const ASSISTANT_MAX_RESULTS = 25;

export interface AssistantDeps {
  readonly store: AssistantStore;
  readonly readSettings: () => Promise<ConfluenceSection>;
  readonly confluenceAsApp: () => ConfluenceClient;
  readonly siteUrl: (settings: ConfluenceSection) => string | undefined;
  readonly now: () => Date;
}

export interface AssistantHttpRequest {
  readonly method: string;
  /** Lower-cased header names, values as Forge passes them (arrays). */
  readonly headers: Readonly<Record<string, readonly string[]>>;
  readonly body: string | undefined;
}

export interface AssistantHttpResponse {
  readonly status: number;
  readonly body: unknown;
  readonly retryAfterSeconds?: number;
}

const requestSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('search'),
    query: z.string().trim().min(1).max(500),
    spaceKeys: z.array(confluenceSpaceKeySchema).min(1).max(20).optional(),
    limit: z.number().int().min(1).max(ASSISTANT_MAX_RESULTS).optional(),
  }),
  z.object({
    action: z.literal('read'),
    pageId: z.string().regex(/^\d{1,30}$/, 'pageId is a numeric Confluence page id'),
  }),
]);

const refuse = (status: number, error: string, message: string): AssistantHttpResponse => ({
  status,
  body: { error, message },
});

function bearerOf(headers: AssistantHttpRequest['headers']): string {
  const value = headers['authorization']?.[0] ?? '';
  const match = /^Bearer\s+(\S+)$/.exec(value.trim());
  return match?.[1] ?? '';
}

const spaceKeyOfWebui = (webui: string) => /^\/spaces\/([^/]+)\//.exec(webui)?.[1];

export async function handleAssistantRequest(
  deps: AssistantDeps,
  request: AssistantHttpRequest,
): Promise<AssistantHttpResponse> {
  const at = deps.now().toISOString();
  const audit = (entry: Omit<AssistantAuditEntry, 'at'>) => deps.store.audit({ at, ...entry });

  if (!(await deps.store.verifySecret(bearerOf(request.headers)))) {
    await audit({ action: 'unknown', outcome: 'unauthorized' });
    return refuse(401, 'unauthorized', 'Missing, wrong or rotated secret.');
  }
  const settings = await deps.readSettings();
  if (!settings.enabled) {
    await audit({ action: 'unknown', outcome: 'confluence-off' });
    return refuse(403, 'confluence-off', 'Confluence access is turned off in ZeroPath for Jira.');
  }
  if (!(await deps.store.admitRequest(deps.now(), ASSISTANT_RATE_PER_MINUTE))) {
    await audit({ action: 'unknown', outcome: 'rate-limited' });
    return {
      ...refuse(429, 'rate-limited', `At most ${ASSISTANT_RATE_PER_MINUTE} requests a minute.`),
      retryAfterSeconds: 60 - deps.now().getUTCSeconds(),
    };
  }
  let parsedBody: unknown;
  try {
    parsedBody =
      request.method === 'POST' && request.body !== undefined
        ? (JSON.parse(request.body) as unknown)
        : undefined;
  } catch {
    parsedBody = undefined;
  }
  const parsed = requestSchema.safeParse(parsedBody);
  if (!parsed.success) {
    await audit({ action: 'unknown', outcome: 'bad-request' });
    return refuse(400, 'bad-request', `POST a JSON body: ${z.prettifyError(parsed.error)}`);
  }
  const chosen = settings.spaceKeys;
  try {
    if (parsed.data.action === 'search') {
      const wanted = parsed.data.spaceKeys ?? chosen;
      const outside = wanted.filter((key) => !chosen.includes(key));
      const cql = outside.length > 0 ? undefined : spaceTextCql(wanted, parsed.data.query);
      if (cql === undefined) {
        await audit({ action: 'search', outcome: 'out-of-scope', spaceKeys: outside });
        return refuse(403, 'out-of-scope', 'Only the spaces chosen on the admin page can be searched.');
      }
      const hits = await deps.confluenceAsApp().search(cql, parsed.data.limit ?? 10);
      const site = deps.siteUrl(settings);
      // Confluence was asked only within `wanted`; a hit from elsewhere would be a bug, so it is dropped.
      const results = hits
        .map((hit) => ({ hit, spaceKey: spaceKeyOfWebui(hit.webui) }))
        .filter(({ spaceKey }) => spaceKey !== undefined && wanted.includes(spaceKey))
        .map(({ hit, spaceKey }) => ({
          id: hit.id,
          title: hit.title,
          spaceKey,
          url: site === undefined ? `/wiki${hit.webui}` : `${site}/wiki${hit.webui}`,
          excerpt: hit.excerpt,
        }));
      await audit({ action: 'search', outcome: 'ok', spaceKeys: [...wanted], results: results.length });
      return { status: 200, body: { results } };
    }
    const pageId = parsed.data.pageId;
    const client = deps.confluenceAsApp();
    const [page, spaces] = await Promise.all([client.readPage(pageId), client.spaces(chosen)]);
    if (page === undefined) {
      await audit({ action: 'read', outcome: 'not-found', pageId });
      return refuse(404, 'not-found', 'No such page, or the app may not read it.');
    }
    const space = spaces.find((s) => s.id === page.spaceId);
    if (space === undefined) {
      // Same answer whatever the page is: its title never leaves the app.
      await audit({ action: 'read', outcome: 'out-of-scope', pageId });
      return refuse(403, 'out-of-scope', 'Only pages in the spaces chosen on the admin page can be read.');
    }
    const site = deps.siteUrl(settings);
    await audit({ action: 'read', outcome: 'ok', pageId, spaceKeys: [space.key] });
    return {
      status: 200,
      body: {
        id: page.id,
        title: page.title,
        spaceKey: space.key,
        url: site === undefined ? `/wiki${page.webui}` : `${site}/wiki${page.webui}`,
        body: page.body,
      },
    };
  } catch (error) {
    const outcome = error instanceof ConfluenceNotConnectedError ? 'confluence-off' : 'error';
    await audit({ action: parsed.data.action, outcome });
    if (error instanceof ConfluenceNotConnectedError)
      return refuse(403, 'confluence-off', 'Confluence is not connected to ZeroPath for Jira.');
    throw error;
  }
}
