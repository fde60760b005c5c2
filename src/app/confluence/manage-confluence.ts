import { type ConfluenceSection, confluenceSectionSchema } from '../../core/config/app-config';
import { type ConfigStore } from '../../infra/store/config-store';
import { ConfluenceNotConnectedError, type ConfluenceClient } from './confluence-port';

/**
 * The admin page's Confluence section. Reading it never calls Confluence: while access is off the
 * app sends not one Confluence request, so the connection is checked only when an admin turns
 * access on (and the result is kept for display).
 */
export interface ConfluenceAdminDeps {
  readonly config: Pick<ConfigStore, 'read' | 'writeSection'>;
  /** Confluence as the app user; only called while turning access on. */
  readonly confluenceAsApp: () => ConfluenceClient;
  readonly now: () => Date;
}

export const HOW_TO_CONNECT_CONFLUENCE =
  'Confluence is an optional app for ZeroPath for Jira. A site admin connects it in Atlassian Administration → Apps → ' +
  'Sites → ZeroPath for Jira → Connect Confluence, and approves the Confluence permissions (search, read pages and spaces). ' +
  'Then turn access on here.';

export interface ConfluenceSettingsInput {
  readonly enabled: boolean;
  readonly spaceKeys: readonly string[];
  readonly labels: readonly string[];
  readonly ticketLinks: boolean;
}

export class ConfluenceSettingsError extends Error {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ConfluenceSettingsError';
  }
}

export async function readConfluenceSettings(
  deps: Pick<ConfluenceAdminDeps, 'config'>,
): Promise<ConfluenceSection> {
  return (await deps.config.read()).confluence;
}

export async function saveConfluenceSettings(
  deps: ConfluenceAdminDeps,
  input: ConfluenceSettingsInput,
  siteUrl: string | undefined,
): Promise<ConfluenceSection> {
  const current = (await deps.config.read()).confluence;
  const chosen = confluenceSectionSchema.parse({
    ...current,
    ...input,
    ...(siteUrl === undefined ? {} : { siteUrl }),
  });
  if (!chosen.enabled) {
    // Turning off (or saving while off) makes no Confluence request at all.
    await deps.config.writeSection('confluence', chosen);
    return chosen;
  }
  if (chosen.spaceKeys.length === 0 && chosen.labels.length === 0) {
    throw new ConfluenceSettingsError(
      'Choose at least one space or label that holds security documentation.',
      {
        spaceKeys: 'Choose a space or a label',
      },
    );
  }
  const checkedAt = deps.now().toISOString();
  let visible;
  try {
    visible = await deps.confluenceAsApp().spaces(chosen.spaceKeys.length > 0 ? chosen.spaceKeys : []);
    if (chosen.spaceKeys.length === 0) await deps.confluenceAsApp().search('type = page', 1);
  } catch (error) {
    if (!(error instanceof ConfluenceNotConnectedError)) throw error;
    const off = { ...chosen, enabled: false, lastCheck: { state: 'not-connected' as const, checkedAt } };
    await deps.config.writeSection('confluence', off);
    throw new ConfluenceNotConnectedError(
      `Confluence is not connected, so access stays off. ${HOW_TO_CONNECT_CONFLUENCE}`,
    );
  }
  const visibleKeys = new Set(visible.map((s) => s.key));
  const missing = chosen.spaceKeys.filter((key) => !visibleKeys.has(key));
  if (missing.length > 0) {
    throw new ConfluenceSettingsError(
      `ZeroPath for Jira cannot see ${missing.join(', ')} in Confluence: check the key, or give the app access to the space.`,
      { spaceKeys: `Not found or not visible to the app: ${missing.join(', ')}` },
    );
  }
  const saved = { ...chosen, lastCheck: { state: 'connected' as const, checkedAt } };
  await deps.config.writeSection('confluence', saved);
  return saved;
}
