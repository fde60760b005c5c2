/**
 * What the sandbox needs from manifest.yml beyond what the runtime reads: which UI modules are the
 * Custom UI build (served as pages), which are UI Kit (reachable from the control page's resolver
 * console only), the scheduled triggers to offer as "run now", and the JQL aliases a
 * `jira:entityProperty` module registers. Read at start, so modules that land later are picked up
 * without touching the sandbox.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { loadRuntimeManifest } from '../forge-runtime/manifest-model';

export interface SandboxUiModule {
  readonly key: string;
  readonly type: string;
  readonly title: string;
  /** true: served from static/ui/dist with the bridge shim; false: UI Kit (rendered natively by Jira). */
  readonly customUi: boolean;
  readonly hasResolver: boolean;
}

export interface SandboxManifest {
  readonly uiModules: readonly SandboxUiModule[];
  readonly scheduledTriggers: readonly string[];
  readonly searchAliases: ReadonlyArray<{ alias: string; propertyKey: string; path: string }>;
}

const CUSTOM_UI_DIST = 'static/ui/dist';

const resourceSchema = z.object({ key: z.string(), path: z.string() }).passthrough();
const moduleEntrySchema = z
  .object({
    key: z.string(),
    resource: z.string().optional(),
    render: z.string().optional(),
    title: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
  })
  .passthrough();
const entityPropertySchema = z
  .object({
    propertyKey: z.string(),
    values: z
      .array(z.object({ path: z.string(), searchAlias: z.string().optional() }).passthrough())
      .default([]),
  })
  .passthrough();
const rawManifestSchema = z
  .object({
    modules: z.record(z.string(), z.unknown()),
    resources: z.array(resourceSchema).default([]),
  })
  .passthrough();

export function readSandboxManifest(manifestPath: string): SandboxManifest {
  const runtimeView = loadRuntimeManifest(manifestPath);
  const raw = rawManifestSchema.parse(parseYaml(readFileSync(manifestPath, 'utf8')));
  const customUiResources = new Set(
    raw.resources.filter((r) => r.path.replace(/\/$/, '') === CUSTOM_UI_DIST).map((r) => r.key),
  );

  const uiModules: SandboxUiModule[] = [];
  for (const ui of runtimeView.uiModules.values()) {
    const entries = raw.modules[ui.type];
    const entry = Array.isArray(entries)
      ? entries.map((e) => moduleEntrySchema.safeParse(e)).find((p) => p.success && p.data.key === ui.key)
      : undefined;
    const data = entry?.success === true ? entry.data : undefined;
    if (data?.resource === undefined) continue; // handler-less modules such as jira:entityProperty
    uiModules.push({
      key: ui.key,
      type: ui.type,
      title: typeof data.title === 'string' ? data.title : ui.key,
      customUi: data.render !== 'native' && customUiResources.has(data.resource),
      hasResolver: ui.resolverFunction !== undefined,
    });
  }

  const searchAliases: Array<{ alias: string; propertyKey: string; path: string }> = [];
  const entityProperties = raw.modules['jira:entityProperty'];
  for (const entry of Array.isArray(entityProperties) ? entityProperties : []) {
    const parsed = entityPropertySchema.safeParse(entry);
    if (!parsed.success) continue;
    for (const value of parsed.data.values) {
      if (value.searchAlias !== undefined) {
        searchAliases.push({
          alias: value.searchAlias,
          propertyKey: parsed.data.propertyKey,
          path: value.path,
        });
      }
    }
  }

  return {
    uiModules,
    scheduledTriggers: runtimeView.scheduledTriggers.map((t) => t.key),
    searchAliases,
  };
}
