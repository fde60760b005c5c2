import { type KvsInspector } from '../forge-runtime';
import {
  type AppConfig,
  appConfigSchema,
  CONFIG_SECTIONS,
  CONFIG_VERSION,
  type ConfigSectionName,
} from '../../src/core/config/app-config';
import { storeKeys } from '../../src/infra/store/store-keys';

/**
 * Test set-up and assertions on the stored configuration in its current layout (a header plus one
 * record per section, see src/infra/store/config-store.ts), bypassing the app as a seed would.
 */
export type ConfigSections = Partial<Omit<AppConfig, 'version'>>;

/** Stores the given sections (validated by the app's schema) and the header; other sections are untouched. */
export function storeConfigSections(kvs: KvsInspector, sections: ConfigSections): void {
  for (const section of Object.keys(sections) as ConfigSectionName[]) {
    kvs.set(storeKeys.configSection(section), appConfigSchema.shape[section].parse(sections[section]));
  }
  kvs.set(storeKeys.configHeader, { version: CONFIG_VERSION });
}

/** The stored configuration as the app would read it (defaults for sections never saved). */
export function storedConfig(kvs: KvsInspector): AppConfig {
  const sections: Record<string, unknown> = {};
  for (const section of CONFIG_SECTIONS) {
    const value = kvs.get(storeKeys.configSection(section));
    if (value !== undefined) sections[section] = value;
  }
  return appConfigSchema.parse({ ...sections, version: CONFIG_VERSION });
}

/**
 * Tests written before the security-team setting act from the panel as the demo developers: this
 * names their group the security team, so those tests keep exercising the same flows.
 */
export function givenDevelopersAreTheSecurityTeam(kvs: KvsInspector): void {
  storeConfigSections(kvs, { security: { teamGroups: ['developers'], teamProjectRoles: [], panelTriage: 'security_team', secondApprover: false } });
}
