import { kvs } from '@forge/kvs';
import { type AppConfig, appConfigSchema, defaultConfig } from '../../core/config/app-config';
import { storeKeys } from './store-keys';

/**
 * Reads and writes the single configuration record. `read` always answers a valid configuration:
 * nothing stored yet → defaults. A stored record that fails the schema is an error, never silently
 * replaced by defaults (that would quietly switch features off).
 */
export interface ConfigStore {
  read(): Promise<AppConfig>;
  write(config: AppConfig): Promise<void>;
}

export class InvalidStoredConfigError extends Error {
  constructor(message: string) {
    super(`The stored configuration is not valid (${message}). Save each section again on the admin page.`);
    this.name = 'InvalidStoredConfigError';
  }
}

export function createKvsConfigStore(migrate: (raw: unknown) => unknown = (raw) => raw): ConfigStore {
  return {
    async read() {
      const raw = await kvs.get(storeKeys.config);
      if (raw === undefined) return defaultConfig();
      const parsed = appConfigSchema.safeParse(migrate(raw));
      if (!parsed.success) {
        throw new InvalidStoredConfigError(
          parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        );
      }
      return parsed.data;
    },
    async write(config) {
      await kvs.set(storeKeys.config, appConfigSchema.parse(config));
    },
  };
}
