import { setBooleanFeatureFlagResolver } from '@atlaskit/platform-feature-flags';

/**
 * Atlaskit components read platform feature flags through a resolver the host product installs
 * (Jira's own frontend does). A Custom UI iframe is its own host: without a resolver every flag
 * check goes to an uninitialised feature-gate client, which logs an error and answers false.
 *
 * The one flag turned on selects @atlaskit/portal's React 18 implementation. The default portal
 * appends its container during render and removes it in an effect cleanup, so when React re-runs
 * effects (StrictMode, which main renders under, and React's future remounts) the container is
 * removed and only re-attached by a later render of the portal. A modal that does not re-render
 * after it mounts (the bulk-triage dialog) then renders into a detached node: "Triage 2 selected"
 * opened nothing anyone could see. The flagged portal creates and attaches its container in the
 * effect itself, so it survives the re-run.
 */
const ENABLED_FLAGS: ReadonlySet<string> = new Set(['platform_design_system_team_portal_logic_r18_fix']);

export function configureAtlaskitHost(): void {
  setBooleanFeatureFlagResolver((flag) => ENABLED_FLAGS.has(flag));
}
