/**
 * The slice of manifest.yml the local platform acts on, parsed with zod so a manifest the runtime
 * cannot honour fails loudly at `createForgeRuntime` instead of silently behaving differently from
 * Forge. Unknown keys pass through: the offline validator (@forge/manifest) owns full validation.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const functionSchema = z.object({
  key: z.string().min(1),
  handler: z.string().regex(/^[^.]+(\.[^.]+)*\.[A-Za-z_$][\w$]*$/, 'handler must look like <file>.<export>'),
  timeoutSeconds: z.number().int().min(1).max(900).optional(),
});

const triggerFilterSchema = z
  .object({
    ignoreSelf: z.boolean().optional(),
    expression: z.string().optional(),
    onError: z.string().optional(),
    appIsLicensed: z.boolean().optional(),
  })
  .optional();

const triggerEventSchema = z.union([
  z.string().min(1),
  z.object({ eventType: z.string().min(1), filter: triggerFilterSchema }),
]);

const triggerSchema = z.object({
  key: z.string().min(1),
  function: z.string().min(1),
  events: z.array(triggerEventSchema).min(1),
  filter: triggerFilterSchema,
});

const scheduledTriggerSchema = z.object({
  key: z.string().min(1),
  function: z.string().min(1),
  interval: z.enum(['fiveMinute', 'hour', 'day', 'week']),
});

// Both consumer shapes are accepted by the schema (reference §2.6): `function` (@forge/events ≥ 2)
// and the older `resolver: { function, method }`.
const consumerSchema = z.union([
  z.object({ key: z.string().min(1), queue: z.string().min(1).max(36), function: z.string().min(1) }),
  z.object({
    key: z.string().min(1),
    queue: z.string().min(1).max(36),
    resolver: z.object({ function: z.string().min(1), method: z.string().min(1) }),
  }),
]);

const webTriggerSchema = z.object({
  key: z.string().min(1),
  function: z.string().min(1),
  response: z.object({ type: z.enum(['static', 'dynamic']) }).passthrough().optional(),
});

const uiModuleSchema = z
  .object({ key: z.string().min(1), resolver: z.object({ function: z.string().min(1) }).optional() })
  .passthrough();

const egressEntrySchema = z.union([z.string().min(1), z.object({ address: z.string().min(1) }).passthrough()]);

const manifestSchema = z.object({
  app: z.object({ id: z.string().regex(/^ari:cloud:ecosystem::app\/[\w-]+$/, 'app.id must be an app ARI') }).passthrough(),
  modules: z
    .object({
      function: z.array(functionSchema).default([]),
      trigger: z.array(triggerSchema).default([]),
      scheduledTrigger: z.array(scheduledTriggerSchema).default([]),
      consumer: z.array(consumerSchema).default([]),
      webtrigger: z.array(webTriggerSchema).default([]),
      llm: z.array(z.object({ key: z.string(), model: z.array(z.string()).min(1) })).default([]),
    })
    .catchall(z.unknown()),
  permissions: z
    .object({
      external: z
        .object({ fetch: z.object({ backend: z.array(egressEntrySchema).default([]) }).partial().optional() })
        .passthrough()
        .optional(),
    })
    .passthrough()
    .optional(),
});

export type ManifestFunction = z.infer<typeof functionSchema>;
export type ManifestTrigger = z.infer<typeof triggerSchema>;
export type ManifestScheduledTrigger = z.infer<typeof scheduledTriggerSchema>;
export type ManifestConsumer = z.infer<typeof consumerSchema>;
export type ManifestWebTrigger = z.infer<typeof webTriggerSchema>;
export type TriggerFilter = NonNullable<z.infer<typeof triggerFilterSchema>>;

export interface UiModule {
  readonly key: string;
  /** The manifest module type, e.g. `jira:issuePanel`; becomes `context.extension.type`. */
  readonly type: string;
  readonly resolverFunction: string | undefined;
}

export interface RuntimeManifest {
  readonly appId: string;
  readonly functions: ReadonlyMap<string, ManifestFunction>;
  readonly triggers: readonly ManifestTrigger[];
  readonly scheduledTriggers: readonly ManifestScheduledTrigger[];
  readonly consumers: readonly ManifestConsumer[];
  readonly webTriggers: readonly ManifestWebTrigger[];
  readonly uiModules: ReadonlyMap<string, UiModule>;
  /** `permissions.external.fetch.backend` addresses, as written (wildcards kept). */
  readonly backendEgress: readonly string[];
  /** Model families the `llm` module enables (empty: no module, Forge LLM calls fail). */
  readonly llmFamilies: readonly string[];
}

const NON_UI_MODULE_TYPES = new Set(['function', 'trigger', 'scheduledTrigger', 'consumer', 'webtrigger', 'llm']);

export function loadRuntimeManifest(manifestPath: string): RuntimeManifest {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(manifestPath, 'utf8'));
  } catch (error) {
    throw new Error(`forge-runtime: cannot read manifest ${manifestPath}: ${String(error)}`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`forge-runtime: manifest ${manifestPath} is not usable: ${z.prettifyError(parsed.error)}`);
  }
  const manifest = parsed.data;
  const functions = new Map(manifest.modules.function.map((fn) => [fn.key, fn]));

  const uiModules = new Map<string, UiModule>();
  for (const [type, entries] of Object.entries(manifest.modules)) {
    if (NON_UI_MODULE_TYPES.has(type) || !Array.isArray(entries)) continue;
    for (const entry of entries) {
      const ui = uiModuleSchema.safeParse(entry);
      if (!ui.success) continue;
      uiModules.set(ui.data.key, { key: ui.data.key, type, resolverFunction: ui.data.resolver?.function });
    }
  }

  const referenced = [
    ...manifest.modules.trigger.map((t) => ['trigger', t.key, t.function] as const),
    ...manifest.modules.scheduledTrigger.map((t) => ['scheduledTrigger', t.key, t.function] as const),
    ...manifest.modules.webtrigger.map((t) => ['webtrigger', t.key, t.function] as const),
    ...manifest.modules.consumer.map(
      (c) => ['consumer', c.key, 'function' in c ? c.function : c.resolver.function] as const,
    ),
    ...[...uiModules.values()].flatMap((m) =>
      m.resolverFunction === undefined ? [] : [[m.type, m.key, m.resolverFunction] as const],
    ),
  ];
  for (const [type, key, fn] of referenced) {
    if (!functions.has(fn)) {
      throw new Error(`forge-runtime: ${type} module '${key}' names function '${fn}', which the manifest does not declare`);
    }
  }

  for (const trigger of manifest.modules.trigger) {
    const filters = [trigger.filter, ...trigger.events.map((e) => (typeof e === 'string' ? undefined : e.filter))];
    if (filters.some((f) => f?.expression !== undefined)) {
      // Jira-expression filters are evaluated by Forge before invocation; pretending to honour them
      // while delivering every event would make tests lie, so refuse instead.
      throw new Error(`forge-runtime: trigger '${trigger.key}' uses filter.expression, which this runtime does not evaluate`);
    }
  }

  const backend = manifest.permissions?.external?.fetch?.backend ?? [];
  return {
    appId: manifest.app.id.slice('ari:cloud:ecosystem::app/'.length),
    functions,
    triggers: manifest.modules.trigger,
    scheduledTriggers: manifest.modules.scheduledTrigger,
    consumers: manifest.modules.consumer,
    webTriggers: manifest.modules.webtrigger,
    uiModules,
    backendEgress: backend.map((entry) => (typeof entry === 'string' ? entry : entry.address)),
    llmFamilies: manifest.modules.llm.flatMap((module) => module.model),
  };
}

/**
 * Whether a trigger listens to an event type and, if so, the filter that applies (a per-event
 * filter replaces the module's). `undefined` means the trigger does not listen to it.
 */
export function subscriptionFor(
  trigger: ManifestTrigger,
  eventType: string,
): { readonly filter: TriggerFilter | undefined } | undefined {
  for (const event of trigger.events) {
    if (typeof event === 'string' && event === eventType) return { filter: trigger.filter };
    if (typeof event !== 'string' && event.eventType === eventType) return { filter: event.filter ?? trigger.filter };
  }
  return undefined;
}
