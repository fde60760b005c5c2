import { z } from 'zod';
import { fieldMappingSchema, unmappableFieldReason } from '../fields/field-mapping-schema';
import { autoTicketRulesSchema } from '../rules/auto-ticket-rule';
import { slaPolicySchema } from '../sla/sla-policy';
import { DEFAULT_SECURITY_SECTION, securitySectionSchema } from './security-team';
import { DEFAULT_RESOLUTION_MAPPING, resolutionMappingSchema } from '../triage/triage-types';

/**
 * The whole app configuration: one schema, versioned, saved by section. Sections that later
 * features add (auto-ticketing rules, templates, field mappings, SLA) go here as new keys with
 * defaults, so a stored configuration without them still parses; a change of meaning to an
 * existing key bumps CONFIG_VERSION and adds a step to `migrateConfig` (src/core/config/migrate-config.ts).
 *
 * Nothing secret lives here: the ZeroPath token is in the KVS secret store (see credentials-store).
 *
 * Version 2: same sections and meanings as 1, stored one KVS record per section (config-store).
 */
export const CONFIG_VERSION = 2;

export const DEFAULT_ZEROPATH_BASE_URL = 'https://zeropath.com';

export const connectionSectionSchema = z.object({
  baseUrl: z.string().url().default(DEFAULT_ZEROPATH_BASE_URL),
  organizationId: z.string().min(1).optional(),
  organizationName: z.string().optional(),
  /** Last four characters of the token id, for display only. */
  tokenIdHint: z.string().max(4).optional(),
  tokenExpiresAt: z.string().optional(),
  connectedAt: z.string().optional(),
  connectedBy: z.string().optional(),
});

const projectKey = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9_]{1,9}$/, 'A Jira project key is 2–10 capital letters, digits or underscores');

export const defaultsSectionSchema = z.object({
  projectKey: projectKey.optional(),
  issueTypeId: z.string().regex(/^\d+$/, 'An issue type id is numeric').optional(),
  labels: z
    .array(z.string().regex(/^\S{1,255}$/, 'Jira labels cannot contain spaces'))
    .max(20)
    .default(['zeropath']),
  priorityFromSeverity: z.boolean().default(true),
});

export const aiAssistSchema = z.object({
  enabled: z.boolean().default(false),
  dailyCap: z
    .number()
    .int()
    .min(1, 'The daily cap is at least 1')
    .max(1_000, 'The daily cap is at most 1,000')
    .default(50),
});
export const DEFAULT_AI_ASSIST = Object.freeze({ enabled: false, dailyCap: 50 });

export const syncSectionSchema = z.object({
  /** Classify closures from human comments; off = the resolution mapping alone decides. */
  commentTriage: z.boolean().default(true),
  /** Mirror human Jira comments into the finding's note in ZeroPath. */
  mirrorComments: z.boolean().default(false),
  resolutionMapping: resolutionMappingSchema.default({ ...DEFAULT_RESOLUTION_MAPPING }),
  /** ZeroPath → Jira status sweep on the schedule. */
  sweepEnabled: z.boolean().default(true),
  /**
   * Optional AI assist (Forge LLMs) for closures the rules leave undecided. Off by default: when
   * off, nothing is sent. The cap bounds model calls per UTC day across the site.
   */
  aiAssist: aiAssistSchema.default({ ...DEFAULT_AI_ASSIST }),
});

export const autoTicketingSectionSchema = z.object({
  /** In the admin's order: a finding matching several rules is ticketed by the first. */
  rules: autoTicketRulesSchema.default([]),
});

/** A named title + description pair a rule can pick. Bodies are validated by core/templates at save. */
export const namedTemplateSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1, 'Name is required').max(100),
  summary: z.string().max(1_000),
  description: z.string().max(20_000),
});
export type NamedTemplate = z.infer<typeof namedTemplateSchema>;

export const templatesSectionSchema = z.object({
  /** The site's template; absent means the built-in ticket layout. */
  summary: z.string().max(1_000).optional(),
  description: z.string().max(20_000).optional(),
  /** "Use Jira template": apply the site's template to manual and bulk exports too. */
  useForManualExport: z.boolean().default(false),
  /** Extra templates that auto-ticketing rules refer to by id. */
  library: z.array(namedTemplateSchema).max(50).default([]),
});

/** Custom-field mappings for one project + issue type (the create screen they were checked against). */
export const fieldMappingSetSchema = z.object({
  projectKey,
  issueTypeId: z.string().min(1),
  mappings: z.array(fieldMappingSchema).max(50),
});
export type FieldMappingSet = z.infer<typeof fieldMappingSetSchema>;

export const slaSectionSchema = z.object({
  /** "Set due date from SLA" on every ticket the app creates, auto and manual. */
  enabled: z.boolean().default(false),
  policies: z.array(slaPolicySchema).max(50).default([]),
});

/**
 * Confluence access (docs/confluence.md). Off by default: while off the app sends not one
 * Confluence request. Spaces and labels say where security documentation lives; the panel and
 * tickets search "in these spaces or with these labels", the assistant web trigger answers only
 * within the spaces.
 */
export const confluenceSpaceKeySchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{1,255}$/, 'A Confluence space key is letters and digits only');
export const confluenceLabelSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[^\s"\\(),]{1,255}$/, 'A Confluence label has no spaces, quotes, commas or brackets');
export const confluenceSectionSchema = z.object({
  enabled: z.boolean().default(false),
  spaceKeys: z.array(confluenceSpaceKeySchema).max(20).default([]),
  labels: z.array(confluenceLabelSchema).max(20).default([]),
  /** Add a "Related docs" search link to the tickets the app creates. */
  ticketLinks: z.boolean().default(false),
  /** The site's URL (from the admin's resolver context at save), for Confluence links in tickets. */
  siteUrl: z.string().url().optional(),
  /** Result of the last connection check (made only when an admin turns access on). */
  lastCheck: z.object({ state: z.enum(['connected', 'not-connected']), checkedAt: z.string() }).optional(),
});
export type ConfluenceSection = z.infer<typeof confluenceSectionSchema>;

/**
 * A stored mapping of a field that may no longer be mapped (saved before the allow-list: a
 * reporter, a summary, `__proto__`) is dropped on read rather than failing the whole configuration;
 * saving refuses it with the reason (`fieldMappingSchema`).
 */
function withoutUnmappableFields(stored: unknown): unknown {
  if (!Array.isArray(stored)) return stored;
  return stored.map((set: unknown) => {
    if (typeof set !== 'object' || set === null || !Array.isArray((set as { mappings?: unknown }).mappings)) return set;
    const mappings = (set as { mappings: unknown[] }).mappings.filter((mapping) => {
      const fieldId = (mapping as { fieldId?: unknown } | null)?.fieldId;
      return typeof fieldId !== 'string' || unmappableFieldReason(fieldId) === null;
    });
    return { ...set, mappings };
  });
}

export const appConfigSchema = z.object({
  version: z.literal(CONFIG_VERSION),
  connection: connectionSectionSchema.default({ baseUrl: DEFAULT_ZEROPATH_BASE_URL }),
  defaults: defaultsSectionSchema.default({ labels: ['zeropath'], priorityFromSeverity: true }),
  sync: syncSectionSchema.default({
    commentTriage: true,
    mirrorComments: false,
    resolutionMapping: { ...DEFAULT_RESOLUTION_MAPPING },
    sweepEnabled: true,
    aiAssist: { ...DEFAULT_AI_ASSIST },
  }),
  autoTicketing: autoTicketingSectionSchema.default({ rules: [] }),
  templates: templatesSectionSchema.default({ useForManualExport: false, library: [] }),
  fieldMappings: z.preprocess(withoutUnmappableFields, z.array(fieldMappingSetSchema).max(100)).default([]),
  sla: slaSectionSchema.default({ enabled: false, policies: [] }),
  confluence: confluenceSectionSchema.default({
    enabled: false,
    spaceKeys: [],
    labels: [],
    ticketLinks: false,
  }),
  security: securitySectionSchema.default({ ...DEFAULT_SECURITY_SECTION, teamGroups: [], teamProjectRoles: [] }),
});
export type AppConfig = z.infer<typeof appConfigSchema>;
export type ConfigSectionName = Exclude<keyof AppConfig, 'version'>;

/** Every section (derived from the schema, so none is forgotten); the store keeps each under its own key. */
export const CONFIG_SECTIONS: readonly ConfigSectionName[] = Object.keys(appConfigSchema.shape).filter(
  (key): key is ConfigSectionName => key !== 'version',
);

export function defaultConfig(): AppConfig {
  return appConfigSchema.parse({ version: CONFIG_VERSION });
}
