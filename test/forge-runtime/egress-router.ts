/**
 * Backend egress routing: the manifest's `permissions.external.fetch.backend` allow-list (matched
 * with Forge's own @forge/egress matcher, wildcards included) and the mapping from each real host to
 * a loopback simulator. The fetch hook that calls this lives in fetch-trampoline.ts.
 */
import { EgressFilteringService } from '@forge/egress';
import { ExternalEndpointNotAllowedError } from '@forge/api';

export interface EgressRoute {
  /** The origin or wildcard origin as written in the manifest, e.g. `https://*.zeropath.com`. */
  readonly pattern: string;
  readonly loopbackBase: URL;
  readonly filter: EgressFilteringService;
}

export interface EgressPolicy {
  readonly allowList: EgressFilteringService;
  readonly routes: readonly EgressRoute[];
}

export function buildEgressPolicy(backendEgress: readonly string[], egress: Record<string, string>): EgressPolicy {
  const allowList = new EgressFilteringService([...backendEgress]);
  const routes = Object.entries(egress).map(([pattern, base]): EgressRoute => {
    if (!backendEgress.includes(pattern)) {
      throw new Error(
        `forge-runtime: egress route '${pattern}' is not listed in permissions.external.fetch.backend (${backendEgress.join(', ') || 'none'})`,
      );
    }
    let loopbackBase: URL;
    try {
      loopbackBase = new URL(base);
    } catch {
      throw new Error(`forge-runtime: egress target for '${pattern}' is not a URL: ${base}`);
    }
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(loopbackBase.hostname)) {
      throw new Error(`forge-runtime: egress target for '${pattern}' must be a loopback URL, got ${base}`);
    }
    return { pattern, loopbackBase, filter: new EgressFilteringService([pattern]) };
  });
  // Exact origins win over wildcards so `https://zeropath.com` and `https://*.zeropath.com` can
  // point at different simulators.
  routes.sort((a, b) => Number(a.pattern.includes('*')) - Number(b.pattern.includes('*')));
  return { allowList, routes };
}

/**
 * Resolves an app `fetch` to the loopback request to make, or throws the SDK's egress error for a
 * host the manifest does not allow.
 */
export function routeEgress(policy: EgressPolicy, url: URL): URL {
  if (!policy.allowList.isValidUrl(url.href)) {
    throw new ExternalEndpointNotAllowedError(url.href);
  }
  const route = policy.routes.find((r) => r.filter.isValidUrl(url.href));
  if (route === undefined) {
    throw new Error(
      `forge-runtime: ${url.origin} is allowed by the manifest but no loopback target is configured; pass egress: { '<manifest address>': 'http://127.0.0.1:<port>' }`,
    );
  }
  const target = new URL(route.loopbackBase.href);
  const basePath = target.pathname.replace(/\/$/, '');
  target.pathname = `${basePath}${url.pathname}`;
  target.search = url.search;
  return target;
}
