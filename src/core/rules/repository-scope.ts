import { z } from 'zod';

const MAX_SCOPE_VALUE_LENGTH = 200;
const MAX_SCOPE_ENTRIES = 500;

/**
 * Which repositories a rule or an SLA policy applies to: all of them, chosen ones, or those
 * carrying one of the chosen ZeroPath tags. Tag membership is read live from ZeroPath, so a tag
 * scope follows repositories as they are tagged and untagged.
 */
export const repositoryScopeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('all') }),
  z.object({
    type: z.literal('repositories'),
    // Bounded: a scope is stored in the app's config and sent to ZeroPath as a search filter.
    repositoryIds: z
      .array(z.string().min(1).max(MAX_SCOPE_VALUE_LENGTH, 'A repository id is at most 200 characters'))
      .min(1, 'Choose at least one repository')
      .max(MAX_SCOPE_ENTRIES, `Choose at most ${MAX_SCOPE_ENTRIES} repositories`),
  }),
  z.object({
    type: z.literal('tags'),
    tags: z
      .array(z.string().trim().min(1).max(MAX_SCOPE_VALUE_LENGTH, 'A tag is at most 200 characters'))
      .min(1, 'Choose at least one tag')
      .max(MAX_SCOPE_ENTRIES, `Choose at most ${MAX_SCOPE_ENTRIES} tags`),
  }),
]);
export type RepositoryScope = z.infer<typeof repositoryScopeSchema>;

/** Tags per repository id, as read from ZeroPath's repository list (a Map or a plain record). */
export type RepoTags = ReadonlyMap<string, readonly string[]> | Readonly<Record<string, readonly string[]>>;

export function tagsOfRepository(repoTags: RepoTags, repositoryId: string): readonly string[] {
  if (repoTags instanceof Map)
    return (repoTags as ReadonlyMap<string, readonly string[]>).get(repositoryId) ?? [];
  const record = repoTags as Readonly<Record<string, readonly string[]>>;
  return Object.hasOwn(record, repositoryId) ? (record[repositoryId] ?? []) : [];
}

/** Tags compare exactly: ZeroPath stores them as entered. */
export function scopeCovers(scope: RepositoryScope, repositoryId: string, repoTags: RepoTags): boolean {
  switch (scope.type) {
    case 'all':
      return true;
    case 'repositories':
      return scope.repositoryIds.includes(repositoryId);
    case 'tags': {
      const tags = tagsOfRepository(repoTags, repositoryId);
      return scope.tags.some((tag) => tags.includes(tag));
    }
  }
}
