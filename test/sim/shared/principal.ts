/**
 * How a caller identifies itself to the simulators. The local Forge runtime adds these headers to
 * every `requestJira` it forwards; tests and the sandbox acting "as a person in Jira" send them too.
 *
 * - `x-sim-actor: app`                      → `api.asApp()`: the app's own system user.
 * - `x-sim-actor: user:<accountId>`         → a user; with `x-sim-via-app: 1` the app made the call
 *                                             through `api.asUser()`, without it a person did it in
 *                                             Jira's UI (control API, tests).
 *
 * Jira marks product events `selfGenerated: true` when the change came through the app (asApp or
 * asUser), which is what Forge's `ignoreSelf` filter keys on.
 */
export const ACTOR_HEADER = 'x-sim-actor';
export const VIA_APP_HEADER = 'x-sim-via-app';

/** The app's system user, as Jira reports it on comments and changelogs the app authors. */
export const APP_ACCOUNT_ID = '712020:zeropath-for-jira-app';
export const APP_DISPLAY_NAME = 'ZeroPath for Jira';

export type Principal =
  | { kind: 'app' }
  | { kind: 'user'; accountId: string; viaApp: boolean }
  | { kind: 'anonymous' };

export function principalHeaders(principal: Principal): Record<string, string> {
  switch (principal.kind) {
    case 'app':
      return { [ACTOR_HEADER]: 'app' };
    case 'user':
      return principal.viaApp
        ? { [ACTOR_HEADER]: `user:${principal.accountId}`, [VIA_APP_HEADER]: '1' }
        : { [ACTOR_HEADER]: `user:${principal.accountId}` };
    case 'anonymous':
      return {};
  }
}

export function parsePrincipal(headers: Record<string, string | string[] | undefined>): Principal {
  const raw = headers[ACTOR_HEADER];
  const actor = Array.isArray(raw) ? raw[0] : raw;
  if (actor === 'app') return { kind: 'app' };
  if (actor?.startsWith('user:') && actor.length > 'user:'.length) {
    return { kind: 'user', accountId: actor.slice('user:'.length), viaApp: headers[VIA_APP_HEADER] === '1' };
  }
  return { kind: 'anonymous' };
}

/** True when Jira would flag the resulting product event as caused by the app. */
export function isSelfGenerated(principal: Principal): boolean {
  return principal.kind === 'app' || (principal.kind === 'user' && principal.viaApp);
}
