import { storeKeys } from '../../src/infra/store/store-keys';
import { DEMO_TOKEN_SECRET } from '../sim/zeropath/zeropath-sim';
import { type ForgeRuntime } from '../forge-runtime';

/**
 * Suite-wide guard: every resolver answer (and every error a resolver invocation throws) in every
 * integration test that uses the harness is scanned for a ZeroPath token secret. Known secrets are
 * the demo token's, whatever the secret store holds at the time of the call, any `tokenSecret` the
 * caller sent in the payload, and any a test registers. A hit throws SecretLeakError at the call,
 * so the offending test fails where the leak happened.
 */
export class SecretLeakError extends Error {
  override readonly name = 'SecretLeakError';
}

export interface SecretLeakGuard {
  /** Extra secrets to look for (e.g. a rotated token added to the ZeroPath simulator). */
  addKnownSecret(secret: string): void;
  /** How many resolver answers were scanned: lets a test prove the guard saw its calls. */
  readonly scanned: number;
}

const MIN_SECRET_LENGTH = 6;

function secretsInPayload(payload: unknown): string[] {
  if (payload === null || typeof payload !== 'object') return [];
  const value = (payload as Record<string, unknown>)['tokenSecret'];
  return typeof value === 'string' ? [value] : [];
}

function storedSecret(runtime: ForgeRuntime): string[] {
  const stored = runtime.kvs.getSecret(storeKeys.credentials);
  if (stored === null || typeof stored !== 'object') return [];
  const value = (stored as Record<string, unknown>)['tokenSecret'];
  return typeof value === 'string' ? [value] : [];
}

/** Wraps `runtime.invokeUi` in place; returns the guard for assertions and extra secrets. */
export function installSecretLeakGuard(runtime: ForgeRuntime): SecretLeakGuard {
  const known = new Set<string>([DEMO_TOKEN_SECRET]);
  let scanned = 0;
  const invoke = runtime.invokeUi.bind(runtime);

  const check = (what: string, text: string, secrets: readonly string[], functionKey: string) => {
    for (const secret of secrets) {
      if (secret.length >= MIN_SECRET_LENGTH && text.includes(secret)) {
        throw new SecretLeakError(`resolver ${functionKey} leaked a ZeroPath token secret in its ${what}`);
      }
    }
  };

  runtime.invokeUi = async (moduleKey, functionKey, payload, options) => {
    const secrets = () => [...known, ...storedSecret(runtime), ...secretsInPayload(payload)];
    // Read before the call too: a disconnect removes the stored secret the answer might still carry.
    const before = storedSecret(runtime);
    let answer: unknown;
    try {
      answer = await invoke(moduleKey, functionKey, payload, options);
    } catch (error) {
      const text = error instanceof Error ? `${error.name} ${error.message} ${error.stack ?? ''}` : String(error);
      check('error', text, [...secrets(), ...before], functionKey);
      throw error;
    }
    scanned += 1;
    check('answer', JSON.stringify(answer) ?? '', [...secrets(), ...before], functionKey);
    return answer;
  };

  return {
    addKnownSecret(secret) {
      known.add(secret);
    },
    get scanned() {
      return scanned;
    },
  };
}
