// The runtime must be imported before anything loads @forge/api (it installs the platform fetch).
import { createForgeRuntime, type ForgeRuntime, type ForgeRuntimeOptions } from '../forge-runtime';
import * as path from 'node:path';
import { readManifestEntityProperties } from '../sim/jira/jira-entity-properties';
import { processJiraQuota } from '../../src/infra/jira/jira-quota';
import { startJiraSim, type JiraSim, type JiraSimOptions } from '../sim/jira/jira-sim-server';
import {
  DEMO_TOKEN_ID,
  DEMO_TOKEN_SECRET,
  startZeroPathSim,
  type ZeroPathSim,
  type ZeroPathSimOptions,
} from '../sim/zeropath/zeropath-sim';
import { startConfluenceSim, type ConfluenceSeed, type ConfluenceSim } from '../sim/confluence/confluence-sim';
import { demoConfluenceSeed } from '../sim/confluence/confluence-seed';
import { storeKeys } from '../../src/infra/store/store-keys';
import { storeConfigSections } from './stored-config';
import { installSecretLeakGuard, type SecretLeakGuard } from './secret-leak-guard';

/**
 * One integration-test world: the Jira and ZeroPath simulators on loopback, the local Forge
 * runtime running the real manifest.yml and src/index.ts through the real @forge/* packages, and
 * Jira's product events wired to the app's triggers (as Forge delivers them).
 */
export interface Harness {
  jira: JiraSim;
  zeropath: ZeroPathSim;
  runtime: ForgeRuntime;
  /** The Confluence simulator, when the harness was asked for one (connected or not). */
  confluence: ConfluenceSim | undefined;
  /**
   * Test set-up shortcut: stores the demo ZeroPath token and organisation as a connected admin
   * would leave them, without going through the admin page.
   */
  connectZeroPath(options?: { tokenId?: string; tokenSecret?: string; organizationId?: string }): void;
  /**
   * Scans every resolver answer for token secrets and seeded finding secrets, and on close every
   * app-made Jira request and console line (see secret-leak-guard.ts).
   */
  secretGuard: SecretLeakGuard;
  close(): Promise<void>;
}

export interface HarnessOptions {
  jira?: JiraSimOptions;
  zeropath?: ZeroPathSimOptions;
  runtime?: Partial<Omit<ForgeRuntimeOptions, 'manifest' | 'handlers' | 'jiraBaseUrl' | 'egress'>>;
  /** Defaults to the app's real handlers; runtime tests may pass a fixture module. */
  handlers?: Record<string, unknown>;
  manifest?: string;
  /**
   * Starts the Confluence simulator (demo seed by default). `connected: false` keeps it running,
   * so tests can count that nothing reached it, but the runtime treats Confluence as not connected.
   */
  confluence?: { connected: boolean; seed?: ConfluenceSeed };
}

const ROOT = path.resolve(__dirname, '../..');

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  // The app paces against rate-limit readings shared by its process; a fresh Jira starts unspent.
  processJiraQuota.forget();
  const manifest = options.manifest ?? path.join(ROOT, 'manifest.yml');
  // Installing the app declares its jira:entityProperty modules: only those paths are searchable.
  // With the app on the platform's virtual clock, Jira's clock (search index lag, rate-limit
  // windows) is that clock too: read `Date.now` at each call, once the runtime stands in for it.
  const jiraClock = options.runtime?.virtualDate === true ? { now: () => Date.now() } : {};
  const jira = await startJiraSim({ port: 0, entityProperties: readManifestEntityProperties(manifest), ...jiraClock, ...options.jira });
  const zeropath = await startZeroPathSim({ port: 0, ...options.zeropath });
  const confluence =
    options.confluence === undefined ? undefined : await startConfluenceSim({ seed: options.confluence.seed ?? demoConfluenceSeed() });
  const handlers = options.handlers ?? (await import('../../src/index'));
  const runtime = await createForgeRuntime({
    manifest,
    handlers,
    jiraBaseUrl: jira.url,
    ...(confluence !== undefined && options.confluence?.connected === true ? { confluenceBaseUrl: confluence.url } : {}),
    egress: { 'https://zeropath.com': zeropath.url, 'https://*.zeropath.com': zeropath.url },
    ...options.runtime,
  });
  const secretGuard = installSecretLeakGuard(runtime, {
    jiraRequestLog: jira.requestLog,
    seededSecretValues: () => zeropath.state.secretValues(),
  });
  const unsubscribe = jira.onProductEvent((event) => {
    runtime.emitProductEvent(event);
  });
  return {
    jira,
    zeropath,
    runtime,
    confluence,
    secretGuard,
    connectZeroPath(connect = {}) {
      runtime.kvs.setSecret(storeKeys.credentials, {
        tokenId: connect.tokenId ?? DEMO_TOKEN_ID,
        tokenSecret: connect.tokenSecret ?? DEMO_TOKEN_SECRET,
      });
      // Only the connection section, as the admin page's connect saves it: other sections stay.
      storeConfigSections(runtime.kvs, {
        connection: {
          baseUrl: 'https://zeropath.com',
          organizationId: connect.organizationId ?? zeropath.organizationId,
          organizationName: 'Acme Corp',
          tokenIdHint: (connect.tokenId ?? DEMO_TOKEN_ID).slice(-4),
        },
      });
    },
    async close() {
      unsubscribe();
      // Forge lowers an InvocationError retryAfter above 900 s to 900 (async events reference);
      // the app must never ask for more, so every test running the app's handlers checks it.
      const overCap =
        options.handlers === undefined
          ? runtime.log.filter((r) => r.requestedRetryAfterSeconds !== undefined)
          : [];
      runtime.close();
      try {
        // Before the simulators close: the seeded secret values are read from the ZeroPath state.
        secretGuard.assertNoLeaks();
        if (overCap.length > 0) {
          const asked = overCap
            .map((r) => `${r.key} asked retryAfter ${r.requestedRetryAfterSeconds} s`)
            .join('; ');
          throw new Error(`InvocationError retryAfter over Forge's 900 s cap: ${asked}`);
        }
      } finally {
        secretGuard.uninstall();
        await Promise.all([jira.close(), zeropath.close(), confluence?.close()]);
      }
    },
  };
}
