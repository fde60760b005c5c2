import { z } from 'zod';

/**
 * The part of the platform-built resolver `context` the app relies on. The context is trusted
 * (built by Forge, not by the browser); it is still parsed so a missing field fails closed.
 */
export const resolverContextSchema = z.object({
  accountId: z.string().min(1).optional(),
  accountType: z.string().optional(),
  moduleKey: z.string().optional(),
  /** The site, e.g. https://acme.atlassian.net (Confluence lives under /wiki). */
  siteUrl: z.string().url().optional(),
  extension: z
    .object({
      type: z.string(),
      issue: z
        .object({ id: z.union([z.string(), z.number()]).transform(String), key: z.string() })
        .optional(),
      project: z
        .object({ id: z.union([z.string(), z.number()]).transform(String), key: z.string() })
        .optional(),
    })
    .optional(),
});
export type ResolverContext = z.infer<typeof resolverContextSchema>;
