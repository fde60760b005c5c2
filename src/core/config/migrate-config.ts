import { CONFIG_VERSION, DEFAULT_ZEROPATH_BASE_URL } from './app-config';

/**
 * Brings a stored configuration of any earlier version up to CONFIG_VERSION, one step at a time,
 * before the schema parses it. Each step is pure and only reshapes; validation stays the schema's
 * job, so a step never invents values the admin did not choose.
 *
 * Version 0 is the pre-release flat record (no `version` key) written by the first internal builds:
 * `{ baseUrl, organizationId, organizationName, projectKey, issueTypeId, commentTriage,
 *    resolutionMapping }`. Version 1 is the whole configuration in one KVS record. Version 2 keeps every
 * section's shape and meaning; it is the move to one record per section, which the store performs
 * (src/infra/store/config-store.ts) — this step only records the new version. Later bumps add a
 * `[n]: (v_n) => v_{n+1}` step below.
 */
type Migration = (stored: Record<string, unknown>) => Record<string, unknown>;

const STEPS: Record<number, Migration> = {
  0: (flat) => {
    const pick = (...keys: string[]) =>
      Object.fromEntries(keys.filter((key) => flat[key] !== undefined).map((key) => [key, flat[key]]));
    return {
      version: 1,
      connection: { baseUrl: DEFAULT_ZEROPATH_BASE_URL, ...pick('baseUrl', 'organizationId', 'organizationName') },
      defaults: pick('projectKey', 'issueTypeId'),
      sync: pick('commentTriage', 'resolutionMapping'),
    };
  },
  1: (single) => ({ ...single, version: 2 }),
};

export class ConfigMigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigMigrationError';
  }
}

function versionOf(stored: Record<string, unknown>): number {
  const version = stored['version'];
  if (version === undefined) return 0;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new ConfigMigrationError(`The stored configuration has an unreadable version (${JSON.stringify(version)}).`);
  }
  return version;
}

export function migrateConfig(raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  let stored = raw as Record<string, unknown>;
  let version = versionOf(stored);
  if (version > CONFIG_VERSION) {
    // Written by a newer app version (e.g. before a rollback): reading it as ours would drop settings.
    throw new ConfigMigrationError(
      `The stored configuration is version ${version}, newer than this app understands (${CONFIG_VERSION}). Update the app.`,
    );
  }
  while (version < CONFIG_VERSION) {
    const step = STEPS[version];
    if (step === undefined) throw new ConfigMigrationError(`No migration from configuration version ${version}.`);
    stored = step(stored);
    version = versionOf(stored);
  }
  return stored;
}
