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

const empty = z.object({});

export const confluenceAdminEndpoints = {
  get: endpoint('admin.confluence.get', empty, confluenceAdminViewSchema),
  save: endpoint('admin.confluence.save', confluenceSettingsPayloadSchema, confluenceAdminViewSchema),
  rotateAssistantSecret: endpoint('admin.confluence.rotateAssistantSecret', empty, assistantSecretResultSchema),
} as const;
