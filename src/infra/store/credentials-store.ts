import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { storeKeys } from './store-keys';

/**
 * The ZeroPath API token, in Forge's encrypted secret store. Only the backend reads it, only to
 * build a ZeroPath client; no resolver returns it and no log prints it.
 */
export const zeroPathCredentialsSchema = z.object({
  tokenId: z.string().min(1),
  tokenSecret: z.string().min(1),
});
export type ZeroPathCredentials = z.infer<typeof zeroPathCredentialsSchema>;

export interface CredentialsStore {
  read(): Promise<ZeroPathCredentials | undefined>;
  write(credentials: ZeroPathCredentials): Promise<void>;
  remove(): Promise<void>;
}

export function createKvsCredentialsStore(): CredentialsStore {
  return {
    async read() {
      const parsed = zeroPathCredentialsSchema.safeParse(await kvs.getSecret(storeKeys.credentials));
      return parsed.success ? parsed.data : undefined;
    },
    async write(credentials) {
      await kvs.setSecret(storeKeys.credentials, zeroPathCredentialsSchema.parse(credentials));
    },
    async remove() {
      await kvs.deleteSecret(storeKeys.credentials);
    },
  };
}
