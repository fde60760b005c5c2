import { fetch } from '@forge/api';
import { type FetchLike } from './zeropath-http';

/**
 * The production transport: Forge's egress-checked fetch. Hosts outside the manifest's
 * `permissions.external.fetch.backend` are refused by the platform, which the client reports as
 * ZeroPathEgressError.
 */
export const forgeFetch: FetchLike = (url, init) => fetch(url, init);
