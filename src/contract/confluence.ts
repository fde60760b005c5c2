import { z } from 'zod';
import { confluenceLabelSchema, confluenceSpaceKeySchema } from '../core/config/app-config';
import { endpoint } from './endpoint';

/**
 * Confluence access (docs/confluence.md): the admin page's Confluence section. Nothing here
 * carries the assistant's secret except the one answer that creates or rotates it (shown once).
 */
export const confluenceSettingsPayloadSchema = z.object({
  enabled: z.boolean(),
  spaceKeys: z.array(confluenceSpaceKeySchema).max(20),
  labels: z.array(confluenceLabelSchema).max(20),
  ticketLinks: z.boolean(),
});
export type ConfluenceSettingsPayload = z.input<typeof confluenceSettingsPayloadSchema>;

export const confluenceAdminViewSchema = z.object({
  enabled: z.boolean(),
  spaceKeys: z.array(z.string()),
  labels: z.array(z.string()),
  ticketLinks: z.boolean(),
  connection: z.object({
    state: z.enum(['unknown', 'connected', 'not-connected']),
    checkedAt: z.string().optional(),
  }),
  howToConnect: z.string(),
  assistant: z.object({
    configured: z.boolean(),
    createdAt: z.string().optional(),
    url: z.string().optional(),
  }),
});
export type ConfluenceAdminView = z.infer<typeof confluenceAdminViewSchema>;

export const assistantSecretResultSchema = z.object({
  /** Shown once: the app keeps only its hash. */
  secret: z.string(),
  url: z.string(),
  createdAt: z.string(),
});
export type AssistantSecretResult = z.infer<typeof assistantSecretResultSchema>;

/** The report macro's scope: a ZeroPath repository (name or id) or a repository tag, from the macro's config. */
export const reportScopeSchema = z.union([
  z.object({ repository: z.string().trim().min(1).max(200) }).strict(),
  z.object({ tag: z.string().trim().min(1).max(100) }).strict(),
]);
const severityCounts = z.object({
  Critical: z.number(),
  High: z.number(),
  Medium: z.number(),
  Low: z.number(),
  Info: z.number(),
});
export const securityReportSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('off') }),
  z.object({ state: z.literal('no_repositories'), scopeLabel: z.string() }),
  z.object({
    state: z.literal('ok'),
    scopeLabel: z.string(),
    repositories: z.number(),
    openBySeverity: severityCounts,
    openTotal: z.number(),
    truncated: z.boolean(),
    slaBreaches: z.number(),
    linkedVisible: z.array(
      z.object({
        key: z.string(),
        summary: z.string(),
        status: z.string(),
        severity: z.enum(['Critical', 'High', 'Medium', 'Low', 'Info']),
        slaBreached: z.boolean(),
        dueDate: z.string().optional(),
      }),
    ),
    linkedHidden: z.number(),
    generatedAt: z.string(),
  }),
]);
export type SecurityReportView = z.infer<typeof securityReportSchema>;

export const reportEndpoints = {
  load: endpoint('report.load', z.object({ scope: reportScopeSchema }), securityReportSchema),
} as const;

const empty = z.object({});

export const confluenceAdminEndpoints = {
  get: endpoint('admin.confluence.get', empty, confluenceAdminViewSchema),
  save: endpoint('admin.confluence.save', confluenceSettingsPayloadSchema, confluenceAdminViewSchema),
  rotateAssistantSecret: endpoint(
    'admin.confluence.rotateAssistantSecret',
    empty,
    assistantSecretResultSchema,
  ),
} as const;
