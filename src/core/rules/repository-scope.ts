import { z } from 'zod';

/**
 * Which repositories a rule or an SLA policy applies to: all of them, chosen ones, or those
 * carrying one of the chosen ZeroPath tags. Tag membership is read live from ZeroPath, so a tag
 * scope follows repositories as they are tagged and untagged.
 */
export const repositoryScopeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('all') }),
  z.object({
    type: z.literal('repositories'),
    repositoryIds: z.array(z.string().min(1)).min(1, 'Choose at least one repository'),
  }),
  z.object({
    type: z.literal('tags'),
    tags: z.array(z.string().trim().min(1)).min(1, 'Choose at least one tag'),
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
