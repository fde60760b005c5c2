import { type Harness } from '../harness';
import { type adminEndpoints } from '../../../src/contract/admin';
import { type Endpoint, type PayloadOf } from '../../../src/contract/endpoint';
import { MODULE_KEYS } from '../../../src/contract/modules';
import { type AppError, resultSchema } from '../../../src/contract/result';
import { DEMO_USERS } from '../../sim/jira/jira-seed-builder';
import { type z } from 'zod';
import { storeKeys } from '../../../src/infra/store/store-keys';

/** Calls an admin endpoint the way the admin page's bridge does and parses the envelope with the contract. */
export async function callAdmin<P extends z.ZodType, R extends z.ZodType>(
  harness: Harness,
  endpoint: Endpoint<P, R>,
  payload: PayloadOf<Endpoint<P, R>>,
  accountId: string = DEMO_USERS.admin,
  moduleKey: string = MODULE_KEYS.adminPage,
) {
  const raw = await harness.runtime.invokeUi(moduleKey, endpoint.key, payload, { accountId });
  return resultSchema(endpoint.response).parse(raw) as
    | { ok: true; value: z.output<R> }
    | { ok: false; error: AppError };
}

export async function expectValue<P extends z.ZodType, R extends z.ZodType>(
  harness: Harness,
  endpoint: Endpoint<P, R>,
  payload: PayloadOf<Endpoint<P, R>>,
): Promise<z.output<R>> {
  const result = await callAdmin(harness, endpoint, payload);
  if (!result.ok) throw new Error(`${endpoint.key} failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

export async function expectError<P extends z.ZodType, R extends z.ZodType>(
  harness: Harness,
  endpoint: Endpoint<P, R>,
  payload: PayloadOf<Endpoint<P, R>>,
  accountId?: string,
): Promise<AppError> {
  const result = await callAdmin(harness, endpoint, payload, accountId);
  if (result.ok) throw new Error(`${endpoint.key} unexpectedly succeeded: ${JSON.stringify(result.value)}`);
  return result.error;
}

/** Everything in KVS (values and secrets), for "nothing changed" assertions. */
export function kvsSnapshot(harness: Harness): unknown {
  const kvs = harness.runtime.kvs;
  return {
    // Health's records are written on failures and 429s by design (issue 13: 429s counted on
    // every path); "changes nothing" means no setting, secret, link or job changed.
    entries: kvs.entries().filter((e) => !e.key.startsWith('health:') && e.key !== storeKeys.healthErrors),
    secrets: kvs.secretKeys().map((key) => [key, kvs.getSecret(key)]),
  };
}

/** A valid example payload for every admin endpoint, so authorisation tests cover them all. */
export function examplePayloads(harness: Harness): { [K in keyof typeof adminEndpoints]: PayloadOf<(typeof adminEndpoints)[K]> } {
  return {
    getConnection: {},
    connect: { tokenId: 'zp-demo-token-id', tokenSecret: 'zp-demo-token-secret', organizationId: harness.zeropath.organizationId },
    testConnection: {},
    rotateToken: { tokenId: 'zp-demo-token-id', tokenSecret: 'zp-demo-token-secret' },
    disconnect: {},
    getSettings: {},
    getDefaultsOptions: {},
    saveDefaults: { projectKey: 'SEC', labels: ['zeropath'], priorityFromSeverity: false },
    saveSync: { commentTriage: false, mirrorComments: true, sweepEnabled: false },
    saveSecurity: { teamGroups: ['security-team'], teamProjectRoles: [], panelTriage: 'security_team', secondApprover: true },
    searchGroups: { query: 'sec' },
    getHealth: {},
    listResolutions: {},
  };
}
