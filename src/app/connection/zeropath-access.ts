import { type AppConfig } from '../../core/config/app-config';
import { type ConfigStore } from '../../infra/store/config-store';
import { type CredentialsStore } from '../../infra/store/credentials-store';
import { createZeroPathClient, type ZeroPathClient } from '../../infra/zeropath/zeropath-client';
import { type SortOrderLog } from '../../infra/zeropath/change-scan';
import { type CapabilityCache } from '../../infra/zeropath/zeropath-capabilities';
import { type FetchLike } from '../../infra/zeropath/zeropath-http';

/** ZeroPath is not connected (no token, or no organisation chosen yet). */
export class NotConnectedError extends Error {
  constructor(
    message = 'ZeroPath is not connected. A Jira admin can connect it on the ZeroPath for Jira admin page.',
  ) {
    super(message);
    this.name = 'NotConnectedError';
  }
}

export interface ZeroPathAccessDeps {
  config: ConfigStore;
  credentials: CredentialsStore;
  fetch: FetchLike;
  /** Discovered V2 capabilities between invocations; without it each session discovers once. */
  capabilityCache?: CapabilityCache;
  /** Where change readers record whether ZeroPath honoured the sort they asked for (Health). */
  sortOrderLog?: SortOrderLog;
}

export interface ZeroPathSession {
  client: ZeroPathClient;
  config: AppConfig;
}

/** Everything that talks to ZeroPath starts here: configuration and token read once per invocation. */
export async function openZeroPath(deps: ZeroPathAccessDeps): Promise<ZeroPathSession> {
  const [config, credentials] = await Promise.all([deps.config.read(), deps.credentials.read()]);
  const organizationId = config.connection.organizationId;
  if (credentials === undefined || organizationId === undefined) throw new NotConnectedError();
  const client = createZeroPathClient({
    baseUrl: config.connection.baseUrl,
    tokenId: credentials.tokenId,
    tokenSecret: credentials.tokenSecret,
    organizationId,
    fetch: deps.fetch,
    ...(deps.capabilityCache === undefined ? {} : { capabilityCache: deps.capabilityCache }),
    ...(deps.sortOrderLog === undefined ? {} : { sortOrderLog: deps.sortOrderLog }),
  });
  return { client, config };
}
