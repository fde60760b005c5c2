import { storeKeys } from '../../src/infra/store/store-keys';
import { DEMO_TOKEN_SECRET } from '../sim/zeropath/zeropath-sim';
import { isSelfGenerated } from '../sim/shared/principal';
import { type RequestLog, type RequestLogEntry } from '../sim/shared/http-server';
import { type ForgeRuntime } from '../forge-runtime';

/**
 * Suite-wide guard for every integration test that uses the harness (admin page, findings page,
 * issue panel, triggers, consumers, scheduled jobs alike):
 *
 * - every resolver answer (and every error a resolver invocation throws) is scanned at the call
 *   for ZeroPath token secrets and for the secret values the ZeroPath simulator planted in its
 *   findings; a hit throws SecretLeakError there, so the offending test fails where it leaked;
 * - every request the app made to the Jira simulator (as the app or as a user through the app:
 *   bodies, paths and query strings) and every console line written while the harness ran are
 *   recorded and scanned when the harness closes (`assertNoLeaks`), so a description, comment,
 *   property, transition or log line that carried a secret fails the file even if the test
 *   cleared the simulator's request log on the way.
 *
 * Known token secrets: the demo token's, every secret the secret store held before or after any
 * call, any `tokenSecret` a caller sent in a payload, and any a test registers.
 */
export class SecretLeakError extends Error {
  override readonly name = 'SecretLeakError';
}

export interface SecretLeakGuard {
  /** Extra secrets to look for (e.g. a rotated token added to the ZeroPath simulator). */
  addKnownSecret(secret: string): void;
  /** How many resolver answers were scanned: lets a test prove the guard saw its calls. */
  readonly scanned: number;
  /** How many app-made Jira requests were recorded for the final scan. */
  readonly jiraRequestsRecorded: number;
  /** Scans the recorded Jira requests and console lines; throws SecretLeakError on a hit. */
  assertNoLeaks(): void;
  /** Puts the console back and stops recording (the harness calls it on close). */
  uninstall(): void;
}

export interface SecretLeakGuardSources {
  /** The Jira simulator's request log: the guard records every app-made request written to it. */
  jiraRequestLog?: RequestLog;
  /** The secret values the ZeroPath simulator planted so far (`zeropath.state.secretValues()`). */
  seededSecretValues?: () => readonly string[];
}

const MIN_SECRET_LENGTH = 6;
const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

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

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error) return `${value.name} ${value.message} ${value.stack ?? ''}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** What Jira received, as one searchable text: the path, the query and the body. */
function requestText(entry: RequestLogEntry): string {
  return `${entry.method} ${entry.path} ${JSON.stringify(entry.query)} ${JSON.stringify(entry.body) ?? ''}`;
}

/** Wraps `runtime.invokeUi` in place; returns the guard for assertions and extra secrets. */
export function installSecretLeakGuard(
  runtime: ForgeRuntime,
  sources: SecretLeakGuardSources = {},
): SecretLeakGuard {
  const known = new Set<string>([DEMO_TOKEN_SECRET]);
  const seeded = new Set<string>();
  let scanned = 0;
  const invoke = runtime.invokeUi.bind(runtime);

  const rememberSeeded = () => {
    for (const value of sources.seededSecretValues?.() ?? []) seeded.add(value);
  };
  const rememberStored = () => {
    for (const secret of storedSecret(runtime)) known.add(secret);
  };

  /** The first secret of `secrets` found in `text`, with what kind it is. */
  const findIn = (text: string): { kind: string } | undefined => {
    for (const secret of known) {
      if (secret.length >= MIN_SECRET_LENGTH && text.includes(secret))
        return { kind: 'a ZeroPath token secret' };
    }
    for (const secret of seeded) {
      if (secret.length >= MIN_SECRET_LENGTH && text.includes(secret))
        return { kind: 'a secret value from a finding' };
    }
    return undefined;
  };

  runtime.invokeUi = async (moduleKey, functionKey, payload, options) => {
    rememberSeeded();
    // Read before the call too: a disconnect removes the stored secret the answer might still carry.
    rememberStored();
    for (const secret of secretsInPayload(payload)) known.add(secret);
    let answer: unknown;
    try {
      answer = await invoke(moduleKey, functionKey, payload, options);
    } catch (error) {
      rememberStored();
      const hit = findIn(textOf(error));
      if (hit) throw new SecretLeakError(`resolver ${functionKey} leaked ${hit.kind} in its error`);
      throw error;
    }
    rememberStored();
    scanned += 1;
    const hit = findIn(JSON.stringify(answer) ?? '');
    if (hit) throw new SecretLeakError(`resolver ${functionKey} leaked ${hit.kind} in its answer`);
    return answer;
  };

  // Recorded as they arrive: tests clear the simulator's log, the guard's copy stays.
  const jiraRequests: RequestLogEntry[] = [];
  const log = sources.jiraRequestLog;
  const record = log?.record.bind(log);
  if (log !== undefined && record !== undefined) {
    log.record = (entry) => {
      if (isSelfGenerated(entry.principal)) jiraRequests.push(entry);
      record(entry);
    };
  }

  const consoleLines: string[] = [];
  const originals = CONSOLE_METHODS.map((method) => [method, console[method]] as const);
  for (const [method, original] of originals) {
    console[method] = (...args: unknown[]) => {
      consoleLines.push(`console.${method}: ${args.map(textOf).join(' ')}`);
      original.apply(console, args);
    };
  }
  let installed = true;

  return {
    addKnownSecret(secret) {
      known.add(secret);
    },
    get scanned() {
      return scanned;
    },
    get jiraRequestsRecorded() {
      return jiraRequests.length;
    },
    assertNoLeaks() {
      rememberSeeded();
      rememberStored();
      for (const entry of jiraRequests) {
        const hit = findIn(requestText(entry));
        if (hit) throw new SecretLeakError(`the app sent ${hit.kind} to Jira: ${entry.method} ${entry.path}`);
      }
      for (const line of consoleLines) {
        const hit = findIn(line);
        // The line itself is not quoted: the guard's own message must not spread the secret.
        if (hit)
          throw new SecretLeakError(`the app logged ${hit.kind} (${line.slice(0, line.indexOf(':'))})`);
      }
    },
    uninstall() {
      if (!installed) return;
      installed = false;
      for (const [method, original] of originals) console[method] = original;
      if (log !== undefined && record !== undefined) log.record = record;
    },
  };
}
