import { webTrigger } from '@forge/api';
import type Resolver from '@forge/resolver';
import { confluenceAdminEndpoints, type ConfluenceAdminView } from '../../contract/confluence';
import { fail, ok, type Result } from '../../contract/result';
import { ConfluenceApiError, ConfluenceNotConnectedError } from '../../app/confluence/confluence-port';
import {
  ConfluenceSettingsError,
  HOW_TO_CONNECT_CONFLUENCE,
  readConfluenceSettings,
  saveConfluenceSettings,
  type ConfluenceAdminDeps,
} from '../../app/confluence/manage-confluence';
import { type ConfluenceSection } from '../../core/config/app-config';
import { createConfluenceClient } from '../../infra/confluence/confluence-client';
import { createKvsAssistantStore } from '../../infra/store/assistant-store';
import { createServices } from '../services';
import { defineEndpoint, type EndpointOptions } from './define-endpoint';

/**
 * The admin page's Confluence section, registered on the admin resolver with its options (every
 * call checks ADMINISTER as the calling user). Reading the section makes no Confluence request.
 */
/** The web trigger module key in manifest.yml. */
export const ASSISTANT_WEB_TRIGGER = 'zp-confluence-assistant';

function deps(): ConfluenceAdminDeps {
  return {
    config: createServices().config,
    confluenceAsApp: () => createConfluenceClient('app'),
    now: () => new Date(),
  };
}

async function viewOf(section: ConfluenceSection): Promise<ConfluenceAdminView> {
  const assistant = await createKvsAssistantStore().secretInfo();
  return {
    enabled: section.enabled,
    spaceKeys: section.spaceKeys,
    labels: section.labels,
    ticketLinks: section.ticketLinks,
    connection: section.lastCheck ?? { state: 'unknown' },
    howToConnect: HOW_TO_CONNECT_CONFLUENCE,
    assistant:
      assistant === undefined ? { configured: false } : { configured: true, createdAt: assistant.createdAt },
  };
}

function mapConfluenceError(error: unknown): Result<never> | undefined {
  if (error instanceof ConfluenceSettingsError)
    return fail('invalid_input', error.message, { fieldErrors: error.fieldErrors });
  if (error instanceof ConfluenceNotConnectedError) return fail('not_connected', error.message);
  if (error instanceof ConfluenceApiError) return fail('upstream', error.message);
  return undefined;
}

export function registerConfluenceAdminEndpoints(resolver: Resolver, adminOptions: EndpointOptions): void {
  const options: EndpointOptions = {
    ...adminOptions,
    mapError: (error) => mapConfluenceError(error) ?? adminOptions.mapError?.(error),
  };
  defineEndpoint(resolver, confluenceAdminEndpoints.get, options, async () =>
    ok(await viewOf(await readConfluenceSettings(deps()))),
  );
  defineEndpoint(resolver, confluenceAdminEndpoints.rotateAssistantSecret, options, async () => {
    const { secret, createdAt } = await createKvsAssistantStore().rotateSecret(new Date());
    // Shown once: this answer is the only place the secret exists outside ZeroPath's hands.
    return ok({ secret, createdAt, url: await webTrigger.getUrl(ASSISTANT_WEB_TRIGGER) });
  });
  defineEndpoint(resolver, confluenceAdminEndpoints.save, options, async (payload, context) =>
    ok(await viewOf(await saveConfluenceSettings(deps(), payload, context.siteUrl))),
  );
}
