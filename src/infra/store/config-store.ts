import { kvs } from '@forge/kvs';
import { z } from 'zod';
import {
  type AppConfig,
  appConfigSchema,
  CONFIG_SECTIONS,
  CONFIG_VERSION,
  type ConfigSectionName,
} from '../../core/config/app-config';
import { storeKeys } from './store-keys';

/**
 * The app configuration, one KVS record per section plus a header with the version, so two admins
 * saving different sections at the same moment both keep their save (a single record read, changed
 * and written back whole lost one of them).
 *
 * `read` always answers a valid configuration, assembled from the sections and parsed by the one
 * schema: nothing stored yet → defaults. A stored configuration that fails the schema is an error,
 * never silently replaced by defaults (that would quietly switch features off).
 *
 * Layout migration (versions 0 and 1 kept everything in the single record `config`) happens lazily
 * on the first read or save, and is safe to interrupt and to run twice at once:
 *  1. each section is created only if absent (FAIL_IF_EXISTS), so a section someone saved since
 *     — or a concurrent migration wrote — is never overwritten with the old record's value;
 *  2. the header is written, which makes the sections authoritative;
 *  3. the old record is deleted. A crash before 2 leaves the old record in charge (the next read
 *     resumes); a crash before 3 leaves an inert old record that the next read deletes.
 * KVS transactions cannot carry FAIL_IF_EXISTS, hence step 1 is per key rather than one transaction.
 */
export interface ConfigStore {
  read(): Promise<AppConfig>;
  /** Validates and saves one section; the others are not written. */
  writeSection<K extends ConfigSectionName>(section: K, value: AppConfig[K]): Promise<void>;
}

export class InvalidStoredConfigError extends Error {
  constructor(message: string) {
    super(`The stored configuration is not valid (${message}). Save each section again on the admin page.`);
    this.name = 'InvalidStoredConfigError';
  }
}

/** Forge KVS keeps at most 240 KiB of JSON per value (limits-kvs-ce). */
export const KVS_VALUE_LIMIT_BYTES = 240 * 1024;

/**
 * A settings section that would not fit in one stored value. Refused before the write, with the
 * numbers, so the admin learns what to shorten instead of seeing "Something went wrong".
 */
export class SectionTooLargeError extends Error {
  override name = 'SectionTooLargeError';
  constructor(
    readonly section: string,
    readonly bytes: number,
  ) {
    super(
      `The ${section} settings would take ${Math.ceil(bytes / 1024)} KiB, but Jira stores at most ${KVS_VALUE_LIMIT_BYTES / 1024} KiB per app setting. Shorten or remove some entries and save again; nothing was changed.`,
    );
  }
}

export class ConfigStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigStoreError';
  }
}

const headerSchema = z.object({ version: z.number().int().nonnegative() });

interface StoredLayout {
  header: unknown;
  sections: Partial<Record<ConfigSectionName, unknown>>;
  /** The version 0/1 single record. */
  single: unknown;
}

async function readLayout(): Promise<StoredLayout> {
  const sectionKeys = CONFIG_SECTIONS.map((section) => [section, storeKeys.configSection(section)] as const);
  const keys = [storeKeys.configHeader, storeKeys.config, ...sectionKeys.map(([, key]) => key)];
  // One round trip (one key per section plus two, under the batch limit of 25) on every read.
  const result = await kvs.batchGet<unknown>(keys.map((key) => ({ key })));
  const failed = result.failedKeys.filter((item) => item.error.code !== 'KEY_NOT_FOUND');
  if (failed.length > 0) {
    throw new ConfigStoreError(
      `The configuration could not be read (${failed.map((f) => `${f.key}: ${f.error.code}`).join('; ')}).`,
    );
  }
  const found = new Map(result.successfulKeys.map((item) => [item.key, item.value]));
  const sections: StoredLayout['sections'] = {};
  for (const [section, key] of sectionKeys) {
    if (found.has(key)) sections[section] = found.get(key);
  }
  return { header: found.get(storeKeys.configHeader), sections, single: found.get(storeKeys.config) };
}

/** Writes `value` unless the key already holds something, which then wins. */
async function createIfAbsent(key: string, value: unknown): Promise<void> {
  try {
    await kvs.set(key, value, { keyPolicy: 'FAIL_IF_EXISTS' });
  } catch (error) {
    // Whatever code the platform uses for "exists", the truth is in the store.
    if ((await kvs.get(key)) === undefined) throw error;
  }
}

/**
 * Best effort: once the header exists the single record is never read again, so a failed delete
 * loses nothing and the next read tries again.
 */
async function removeSingleRecord(): Promise<void> {
  try {
    await kvs.delete(storeKeys.config);
  } catch {
    // Left for the next read (see above).
  }
}

export function createKvsConfigStore(migrate: (raw: unknown) => unknown = (raw) => raw): ConfigStore {
  function parse(raw: unknown): AppConfig {
    const parsed = appConfigSchema.safeParse(migrate(raw));
    if (!parsed.success) {
      throw new InvalidStoredConfigError(
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    }
    return parsed.data;
  }

  async function moveSingleRecord(single: unknown): Promise<void> {
    // Parsed first: a record the schema refuses is left exactly as it is and nothing is written.
    const config = parse(single);
    await Promise.all(
      CONFIG_SECTIONS.map((section) => createIfAbsent(storeKeys.configSection(section), config[section])),
    );
    await kvs.set(storeKeys.configHeader, { version: CONFIG_VERSION });
    await removeSingleRecord();
  }

  /** The configuration and the version its sections were stored at (undefined: none stored yet). */
  async function load(): Promise<{ config: AppConfig; storedVersion: number | undefined }> {
    let layout = await readLayout();
    if (layout.header === undefined && layout.single !== undefined) {
      await moveSingleRecord(layout.single);
      layout = await readLayout();
    }
    if (layout.header === undefined) {
      return { config: parse({ ...layout.sections, version: CONFIG_VERSION }), storedVersion: undefined };
    }
    const header = headerSchema.safeParse(layout.header);
    if (!header.success)
      throw new InvalidStoredConfigError(`header: ${header.error.issues[0]?.message ?? 'unreadable'}`);
    if (layout.single !== undefined) await removeSingleRecord();
    return {
      config: parse({ ...layout.sections, version: header.data.version }),
      storedVersion: header.data.version,
    };
  }

  return {
    async read() {
      return (await load()).config;
    },

    async writeSection(section, value) {
      const valid: unknown = appConfigSchema.shape[section].parse(value);
      const bytes = new TextEncoder().encode(JSON.stringify(valid)).length;
      if (bytes > KVS_VALUE_LIMIT_BYTES) throw new SectionTooLargeError(section, bytes);
      // Loading first migrates an old layout, so the header written below never vouches for
      // sections that are not there yet.
      const { config, storedVersion } = await load();
      const transaction = kvs.transact();
      if (storedVersion !== undefined && storedVersion < CONFIG_VERSION) {
        // The other sections on record have an older version's shapes: store them as migrated,
        // together with this one and the new header, or the header would misdescribe them.
        for (const other of CONFIG_SECTIONS) {
          if (other !== section) transaction.set(storeKeys.configSection(other), config[other]);
        }
      }
      await transaction
        .set(storeKeys.configSection(section), valid)
        .set(storeKeys.configHeader, { version: CONFIG_VERSION })
        .execute();
    },
  };
}
