import api, { type APIResponse, ProxyRequestError, route } from '@forge/api';
import { z } from 'zod';
import {
  ConfluenceApiError,
  ConfluenceNotConnectedError,
  type ConfluenceClient,
  type ConfluencePage,
  type ConfluenceSearchHit,
  type ConfluenceSpace,
} from '../../app/confluence/confluence-port';

/**
 * Confluence REST through `requestConfluence` (docs/confluence.md): v1 CQL search, v2 page read
 * and spaces. `asUser()` for the person at the screen (Confluence then drops every page they may
 * not view), `asApp()` for the assistant's web trigger and the connection check.
 */
const searchSchema = z.object({
  results: z.array(
    z.object({
      content: z
        .object({
          id: z.string(),
          title: z.string(),
          _links: z.object({ webui: z.string() }).partial().optional(),
        })
        .optional(),
      title: z.string().optional(),
      excerpt: z.string().optional(),
      url: z.string().optional(),
      resultGlobalContainer: z.object({ title: z.string() }).partial().optional(),
    }),
  ),
});

const pageSchema = z.object({
  id: z.string(),
  title: z.string(),
  spaceId: z.union([z.string(), z.number()]).transform(String),
  body: z.object({ storage: z.object({ value: z.string() }).optional() }).optional(),
  _links: z.object({ webui: z.string() }).partial().optional(),
});

const spacesSchema = z.object({
  results: z.array(
    z.object({ id: z.union([z.string(), z.number()]).transform(String), key: z.string(), name: z.string() }),
  ),
});

/** Search results keep Confluence's own excerpt markers out of the UI. */
const plainExcerpt = (text: string | undefined) =>
  (text ?? '')
    .replace(/@@@(end)?hl@@@/g, '')
    .replace(/<[^>]*>/g, '')
    .slice(0, 300);

export function createConfluenceClient(actor: 'app' | 'user'): ConfluenceClient {
  const request = async (path: ReturnType<typeof route>): Promise<APIResponse> => {
    try {
      return await (actor === 'app' ? api.asApp() : api.asUser()).requestConfluence(path, {
        headers: { Accept: 'application/json' },
      });
    } catch (error) {
      // Forge refuses the call itself when Confluence is not connected to the app on this site.
      if (error instanceof ProxyRequestError) throw new ConfluenceNotConnectedError();
      throw error;
    }
  };
  const json = async <T>(response: APIResponse, schema: z.ZodType<T>, what: string): Promise<T> => {
    if (!response.ok)
      throw new ConfluenceApiError(
        response.status,
        `Confluence could not ${what} (HTTP ${response.status}).`,
      );
    const parsed = schema.safeParse(await response.json());
    if (!parsed.success)
      throw new ConfluenceApiError(response.status, `Confluence answered ${what} in an unexpected shape.`);
    return parsed.data;
  };

  return {
    async search(cql, limit) {
      const response = await request(route`/wiki/rest/api/search?cql=${cql}&limit=${String(limit)}`);
      const body = await json(response, searchSchema, 'search');
      return body.results.flatMap((hit): ConfluenceSearchHit[] => {
        if (hit.content === undefined) return [];
        return [
          {
            id: hit.content.id,
            title: hit.content.title,
            webui: hit.content._links?.webui ?? hit.url ?? '',
            excerpt: plainExcerpt(hit.excerpt),
            spaceName: hit.resultGlobalContainer?.title,
          },
        ];
      });
    },
    async readPage(pageId) {
      const response = await request(route`/wiki/api/v2/pages/${pageId}?body-format=storage`);
      if (response.status === 404) return undefined;
      const page = await json(response, pageSchema, 'read the page');
      const result: ConfluencePage = {
        id: page.id,
        title: page.title,
        spaceId: page.spaceId,
        webui: page._links?.webui ?? '',
        body: page.body?.storage?.value ?? '',
      };
      return result;
    },
    async spaces(keys) {
      if (keys.length === 0) return [];
      const response = await request(
        route`/wiki/api/v2/spaces?keys=${keys.join(',')}&limit=${String(Math.min(250, keys.length))}`,
      );
      const body = await json(response, spacesSchema, 'list spaces');
      return body.results.map((s): ConfluenceSpace => ({ id: s.id, key: s.key, name: s.name }));
    },
  };
}
