import { kvs } from '@forge/kvs';
import {
  cachedCapabilitiesSchema,
  type CachedCapabilities,
  type CapabilityCache,
} from '../zeropath/zeropath-capabilities';
import { storeKeys } from './store-keys';

/**
 * The connected ZeroPath's discovered V2 capabilities, cached so an invocation does not fetch the
 * manifest each time. The TTL makes discovery periodic: when the record lapses, the next use reads
 * the manifest again. An unreadable manifest is retried sooner than a good one is re-read.
 */
export const CAPABILITY_TTL_SECONDS = 6 * 3600;
export const UNAVAILABLE_TTL_SECONDS = 15 * 60;

export function createKvsCapabilityCache(): CapabilityCache {
  return {
    async read() {
      const parsed = cachedCapabilitiesSchema.safeParse(await kvs.get(storeKeys.zeropathCapabilities));
      // A damaged record is rediscovered, never trusted.
      return parsed.success ? parsed.data : undefined;
    },
    async write(value: CachedCapabilities) {
      const seconds = value.manifest === 'found' ? CAPABILITY_TTL_SECONDS : UNAVAILABLE_TTL_SECONDS;
      await kvs.set(storeKeys.zeropathCapabilities, cachedCapabilitiesSchema.parse(value), {
        ttl: { value: seconds, unit: 'SECONDS' },
      });
    },
  };
}
