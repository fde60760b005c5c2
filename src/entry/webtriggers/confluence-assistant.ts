import { z } from 'zod';
import { handleAssistantRequest } from '../../app/confluence/assistant-service';
import { redactSecrets } from '../../core/redaction/redact-secrets';
import { createConfluenceClient } from '../../infra/confluence/confluence-client';
import { createKvsAssistantStore } from '../../infra/store/assistant-store';
import { createServices } from '../services';
import { describeThrown } from '../../core/error-message';

/**
 * The `zp-confluence-assistant` web trigger (dynamic response): ZeroPath's assistant searches and
 * reads the chosen Confluence spaces with a per-installation secret (docs/confluence.md). The URL
 * has no platform authentication, so the secret check is the first thing that happens.
 */
const eventSchema = z.object({
  method: z.string(),
  headers: z.record(z.string(), z.array(z.string())).default({}),
  body: z.string().optional(),
});

const json = (statusCode: number, body: unknown, extra: Record<string, string[]> = {}) => ({
  statusCode,
  headers: { 'Content-Type': ['application/json'], 'Cache-Control': ['no-store'], ...extra },
  body: JSON.stringify(body),
});

export async function confluenceAssistant(
  event: unknown,
): Promise<{ statusCode: number; headers: Record<string, string[]>; body: string }> {
  const parsed = eventSchema.safeParse(event);
  if (!parsed.success) return json(400, { error: 'bad-request', message: 'Unreadable request.' });
  const headers = Object.fromEntries(
    Object.entries(parsed.data.headers).map(([name, values]) => [name.toLowerCase(), values]),
  );
  const services = createServices();
  try {
    const response = await handleAssistantRequest(
      {
        store: createKvsAssistantStore(),
        readSettings: async () => (await services.config.read()).confluence,
        confluenceAsApp: () => createConfluenceClient('app'),
        siteUrl: (settings) => settings.siteUrl?.replace(/\/+$/, ''),
        now: () => new Date(),
      },
      { method: parsed.data.method.toUpperCase(), headers, body: parsed.data.body },
    );
    return json(
      response.status,
      response.body,
      response.retryAfterSeconds === undefined ? {} : { 'Retry-After': [String(response.retryAfterSeconds)] },
    );
  } catch (error) {
    const described = describeThrown(error);
    console.error(`confluence assistant failed: ${redactSecrets(described, { mode: 'detect' }).text}`);
    return json(502, { error: 'upstream', message: 'Confluence could not answer. Try again shortly.' });
  }
}
