/**
 * The installed app's `jira:entityProperty` modules, read from its manifest: Jira indexes only the
 * property paths these declare (jira-rest-api.md §7.2), so the simulator is told about them the way
 * an installation tells Jira. Bad declarations fail loudly instead of silently indexing nothing.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { type EntityPropertyIndex } from './jira-model';

const entityPropertyModuleSchema = z.object({
  key: z.string().min(1),
  entityType: z.enum(['issue', 'user', 'project']).optional(),
  propertyKey: z.string().min(1),
  values: z
    .array(
      z.object({
        path: z.string().min(1),
        type: z.enum(['string', 'text', 'number', 'user', 'date']),
        searchAlias: z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/).optional(),
      }),
    )
    .min(1),
});

const manifestSchema = z.object({
  modules: z.object({ 'jira:entityProperty': z.array(entityPropertyModuleSchema).optional() }).loose(),
});

/** The `jira:entityProperty` modules of a manifest file (none → empty: nothing is searchable). */
export function readManifestEntityProperties(manifestPath: string): EntityPropertyIndex[] {
  const parsed = manifestSchema.safeParse(parse(readFileSync(manifestPath, 'utf8')));
  if (!parsed.success) throw new Error(`${manifestPath}: jira:entityProperty modules are invalid: ${z.prettifyError(parsed.error)}`);
  return (parsed.data.modules['jira:entityProperty'] ?? []).map((m) => ({
    propertyKey: m.propertyKey,
    ...(m.entityType === undefined ? {} : { entityType: m.entityType }),
    values: m.values.map((v) => ({ path: v.path, type: v.type, ...(v.searchAlias === undefined ? {} : { searchAlias: v.searchAlias }) })),
  }));
}
