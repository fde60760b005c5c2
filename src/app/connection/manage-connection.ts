import { type AppConfig, DEFAULT_ZEROPATH_BASE_URL } from '../../core/config/app-config';
import { tokenExpiryOf } from '../../core/config/token-expiry';
import { checkZeroPathBaseUrl } from '../../core/config/zeropath-base-url';
import { type ConfigStore } from '../../infra/store/config-store';
import { type CredentialsStore, type ZeroPathCredentials } from '../../infra/store/credentials-store';
import {
  fromCached,
  type CapabilityCache,
  type ZeroPathCapabilities,
} from '../../infra/zeropath/zeropath-capabilities';
import { createZeroPathClient } from '../../infra/zeropath/zeropath-client';
import { type ZeroPathSupport } from '../../contract/admin';
import { describeSupport } from './describe-capabilities';
import { type FetchLike } from '../../infra/zeropath/zeropath-http';
import {
  ConnectionError,
  noOrganizationAccess,
  organizationNotFound,
  tokenExpired,
  toConnectionError,
} from './connection-errors';
import { NotConnectedError } from './zeropath-access';

/**
 * Connect, test, rotate and disconnect ZeroPath. Credentials are validated against ZeroPath before
 * anything is stored, so a failed attempt leaves the previous connection exactly as it was.
 */
export interface ConnectionDeps {
  config: ConfigStore;
  credentials: CredentialsStore;
  fetch: FetchLike;
  now: () => Date;
  /** Where connect and test leave the discovered V2 capabilities for every later invocation. */
  capabilityCache?: CapabilityCache;
}

export interface ConnectionView {
  configured: boolean;
  baseUrl: string;
  tokenIdHint?: string;
  organization?: { id: string; name?: string };
  expiry: ReturnType<typeof tokenExpiryOf>;
  connectedAt?: string;
  support?: ZeroPathSupport;
}

export interface Organization {
  id: string;
  name: string;
  role?: string;
}

export type ConnectOutcome =
  | { status: 'connected'; connection: ConnectionView }
  | { status: 'choose-organization'; organizations: Organization[] };

export interface ConnectInput {
  tokenId: string;
  tokenSecret: string;
  baseUrl?: string | undefined;
  /** YYYY-MM-DD, as ZeroPath's token list shows it. */
  tokenExpiresOn?: string | undefined;
  organizationId?: string | undefined;
}

/** Connection timeout for admin actions: short, so the admin hears back well inside Forge's 25 s. */
const ADMIN_TIMEOUT_MS = 10_000;
const TOKEN_ID_HINT_LENGTH = 4;

export function connectionViewOf(
  config: AppConfig,
  credentials: ZeroPathCredentials | undefined,
  now: Date,
): ConnectionView {
  const { connection } = config;
  const view: ConnectionView = {
    configured: credentials !== undefined && connection.organizationId !== undefined,
    baseUrl: connection.baseUrl,
    expiry: tokenExpiryOf(connection.tokenExpiresAt, now),
  };
  if (connection.tokenIdHint !== undefined) view.tokenIdHint = connection.tokenIdHint;
  if (connection.organizationId !== undefined) {
    view.organization =
      connection.organizationName === undefined
        ? { id: connection.organizationId }
        : { id: connection.organizationId, name: connection.organizationName };
  }
  if (connection.connectedAt !== undefined) view.connectedAt = connection.connectedAt;
  return view;
}

export async function readConnection(deps: ConnectionDeps): Promise<ConnectionView> {
  const [config, credentials, cached] = await Promise.all([
    deps.config.read(),
    deps.credentials.read(),
    deps.capabilityCache?.read(),
  ]);
  const view = connectionViewOf(config, credentials, deps.now());
  // Only what is cached for this base URL: reading the tab never calls ZeroPath.
  if (
    view.configured &&
    cached !== undefined &&
    cached.baseUrl === config.connection.baseUrl.replace(/\/+$/, '')
  ) {
    view.support = describeSupport(fromCached(cached));
  }
  return view;
}

function expiresAtOf(tokenExpiresOn: string | undefined, now: Date): string | undefined {
  if (tokenExpiresOn === undefined) return undefined;
  // A token is usable through the day ZeroPath shows; end of day UTC is the generous reading.
  const expiresAt = new Date(`${tokenExpiresOn}T23:59:59.000Z`).toISOString();
  if (Date.parse(expiresAt) <= now.getTime()) {
    const error = tokenExpired(expiresAt);
    throw new ConnectionError(error.problem, error.message, 'tokenExpiresOn');
  }
  return expiresAt;
}

function checkedBaseUrl(baseUrl: string): string {
  const checked = checkZeroPathBaseUrl(baseUrl);
  if (!checked.ok) throw new ConnectionError('host_not_allowed', checked.message, 'baseUrl');
  return checked.baseUrl;
}

/**
 * Lists the token's organisations and, for `organizationId`, proves the token may read it (a
 * regular user key can list orgs yet be refused by most endpoints).
 */
async function probe(
  deps: ConnectionDeps,
  baseUrl: string,
  credentials: ZeroPathCredentials,
  wantedOrganizationId: string | undefined,
): Promise<{ organizations: Organization[]; chosen?: Organization; capabilities?: ZeroPathCapabilities }> {
  const host = new URL(baseUrl).host;
  try {
    const base = {
      baseUrl,
      ...credentials,
      fetch: deps.fetch,
      timeoutMs: ADMIN_TIMEOUT_MS,
      ...(deps.capabilityCache === undefined ? {} : { capabilityCache: deps.capabilityCache }),
    };
    const organizations: Organization[] = (await createZeroPathClient(base).listOrganizations()).map((org) =>
      org.role ? { id: org.id, name: org.name, role: org.role } : { id: org.id, name: org.name },
    );
    if (organizations.length === 0) throw noOrganizationAccess('it lists no organisations');
    let chosen: Organization | undefined;
    if (wantedOrganizationId !== undefined) {
      chosen = organizations.find((org) => org.id === wantedOrganizationId);
      if (chosen === undefined) throw organizationNotFound();
    } else if (organizations.length === 1) {
      chosen = organizations[0];
    }
    if (chosen === undefined) return { organizations };
    const client = createZeroPathClient({ ...base, organizationId: chosen.id });
    await client.listRepositories();
    // Connect and test are when an admin looks: read the manifest now rather than on first use.
    const capabilities = await client.refreshCapabilities();
    return { organizations, chosen, capabilities };
  } catch (error) {
    throw toConnectionError(error, host);
  }
}

export async function connect(
  deps: ConnectionDeps,
  input: ConnectInput,
  accountId: string,
): Promise<ConnectOutcome> {
  const now = deps.now();
  const config = await deps.config.read();
  const baseUrl = checkedBaseUrl(input.baseUrl ?? DEFAULT_ZEROPATH_BASE_URL);
  const tokenExpiresAt = expiresAtOf(input.tokenExpiresOn, now);
  const credentials = { tokenId: input.tokenId, tokenSecret: input.tokenSecret };
  const { organizations, chosen, capabilities } = await probe(
    deps,
    baseUrl,
    credentials,
    input.organizationId,
  );
  if (chosen === undefined) return { status: 'choose-organization', organizations };

  const next: AppConfig = {
    ...config,
    connection: {
      baseUrl,
      organizationId: chosen.id,
      organizationName: chosen.name,
      tokenIdHint: input.tokenId.slice(-TOKEN_ID_HINT_LENGTH),
      ...(tokenExpiresAt === undefined ? {} : { tokenExpiresAt }),
      connectedAt: now.toISOString(),
      connectedBy: accountId,
    },
  };
  // Secret first: if the config write then fails, the old organisation still pairs with a token
  // that was just proven to read it, never with a token that was not checked.
  await deps.credentials.write(credentials);
  await deps.config.writeSection('connection', next.connection);
  const connection = connectionViewOf(next, credentials, now);
  if (capabilities !== undefined) connection.support = describeSupport(capabilities);
  return { status: 'connected', connection };
}

export async function testConnection(
  deps: ConnectionDeps,
): Promise<{ organization: { id: string; name: string }; checkedAt: string; support?: ZeroPathSupport }> {
  const [config, credentials] = await Promise.all([deps.config.read(), deps.credentials.read()]);
  const organizationId = config.connection.organizationId;
  if (credentials === undefined || organizationId === undefined) throw new NotConnectedError();
  const expiry = tokenExpiryOf(config.connection.tokenExpiresAt, deps.now());
  try {
    const { chosen, capabilities } = await probe(
      deps,
      config.connection.baseUrl,
      credentials,
      organizationId,
    );
    if (chosen === undefined) throw organizationNotFound();
    const result = {
      organization: { id: chosen.id, name: chosen.name },
      checkedAt: deps.now().toISOString(),
    };
    return capabilities === undefined ? result : { ...result, support: describeSupport(capabilities) };
  } catch (error) {
    // ZeroPath's 401 may not say "expired"; a known past expiry date explains it better.
    if (
      error instanceof ConnectionError &&
      error.problem === 'wrong_credentials' &&
      expiry.state === 'expired'
    ) {
      throw tokenExpired(expiry.expiresAt);
    }
    if (error instanceof ConnectionError && error.problem === 'token_expired' && expiry.state !== 'unknown') {
      throw tokenExpired(expiry.expiresAt);
    }
    throw error;
  }
}

/** Replaces the token, keeping the organisation; the new token must be able to read it first. */
export async function rotateToken(
  deps: ConnectionDeps,
  input: Pick<ConnectInput, 'tokenId' | 'tokenSecret' | 'tokenExpiresOn'>,
  accountId: string,
): Promise<ConnectionView> {
  const now = deps.now();
  const config = await deps.config.read();
  const organizationId = config.connection.organizationId;
  if (organizationId === undefined)
    throw new NotConnectedError('Connect ZeroPath first; there is no token to rotate.');
  const tokenExpiresAt = expiresAtOf(input.tokenExpiresOn, now);
  const credentials = { tokenId: input.tokenId, tokenSecret: input.tokenSecret };
  const { chosen } = await probe(deps, config.connection.baseUrl, credentials, organizationId);
  if (chosen === undefined) throw organizationNotFound();
  // The old token's expiry says nothing about the new one: keep it only if the admin entered a new one.
  const { tokenExpiresAt: _previousExpiry, ...connection } = config.connection;
  const next: AppConfig = {
    ...config,
    connection: {
      ...connection,
      organizationName: chosen.name,
      tokenIdHint: input.tokenId.slice(-TOKEN_ID_HINT_LENGTH),
      ...(tokenExpiresAt === undefined ? {} : { tokenExpiresAt }),
      connectedBy: accountId,
    },
  };
  await deps.credentials.write(credentials);
  await deps.config.writeSection('connection', next.connection);
  return connectionViewOf(next, credentials, now);
}

/**
 * Removes the token and the organisation choice. Links, audit history, defaults and sync settings
 * stay, so reconnecting (to the same organisation) picks up where the app left off.
 */
export async function disconnect(deps: ConnectionDeps): Promise<ConnectionView> {
  const config = await deps.config.read();
  await deps.credentials.remove();
  const next: AppConfig = { ...config, connection: { baseUrl: config.connection.baseUrl } };
  await deps.config.writeSection('connection', next.connection);
  return connectionViewOf(next, undefined, deps.now());
}
