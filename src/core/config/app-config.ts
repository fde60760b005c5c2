import { z } from 'zod';
import { DEFAULT_RESOLUTION_MAPPING, resolutionMappingSchema } from '../triage/triage-types';

/**
 * The whole app configuration: one schema, versioned, saved by section. Sections that later
 * features add (auto-ticketing rules, templates, field mappings, SLA) go here as new keys with
 * defaults, so a stored configuration without them still parses; a change of meaning to an
 * existing key bumps CONFIG_VERSION and adds a step to `migrateConfig` (src/core/config/migrate-config.ts).
 *
 * Nothing secret lives here: the ZeroPath token is in the KVS secret store (see credentials-store).
 */
export const CONFIG_VERSION = 1;

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

export const syncSectionSchema = z.object({
  /** Classify closures from human comments; off = the resolution mapping alone decides. */
  commentTriage: z.boolean().default(true),
  /** Mirror human Jira comments into the finding's note in ZeroPath. */
  mirrorComments: z.boolean().default(false),
  resolutionMapping: resolutionMappingSchema.default({ ...DEFAULT_RESOLUTION_MAPPING }),
  /** ZeroPath → Jira status sweep on the schedule. */
  sweepEnabled: z.boolean().default(true),
});

export const appConfigSchema = z.object({
  version: z.literal(CONFIG_VERSION),
  connection: connectionSectionSchema.default({ baseUrl: DEFAULT_ZEROPATH_BASE_URL }),
  defaults: defaultsSectionSchema.default({ labels: ['zeropath'], priorityFromSeverity: true }),
  sync: syncSectionSchema.default({
    commentTriage: true,
    mirrorComments: false,
    resolutionMapping: { ...DEFAULT_RESOLUTION_MAPPING },
    sweepEnabled: true,
  }),
});
export type AppConfig = z.infer<typeof appConfigSchema>;
export type ConfigSectionName = Exclude<keyof AppConfig, 'version'>;

export function defaultConfig(): AppConfig {
  return appConfigSchema.parse({ version: CONFIG_VERSION });
}
