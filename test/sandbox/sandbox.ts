/**
 * `npm start`: the Jira and ZeroPath simulators, the local Forge runtime running the real
 * manifest.yml + src/index.ts, and the real Custom UI build, all behind ONE local port.
 *
 *   /                       → the control page (act as Jira and as ZeroPath, run the sweep, watch sync)
 *   /app/<moduleKey>/       → a Custom UI module in a Jira-like frame, with a user switcher
 *   /app/<moduleKey>/frame/ → static/ui/dist with the bridge shim injected before the bundle
 *   /browse/<KEY>           → a Jira-like issue view with the UI Kit panel drawn by the sandbox's
 *                             UI Kit host (ui-kit/ui-kit-pages.ts; the app links to `${siteUrl}/browse/KEY`)
 *   /wiki/report            → a Confluence page with the security report macro, drawn the same way
 *   /__bridge/*             → what @forge/bridge's callBridge reaches (invoke, requestJira)
 *   /__sandbox/api/*        → the control page's API (sandbox-api.ts)
 *
 * The simulators listen on their own loopback ports (the runtime talks to them over HTTP, as in
 * the integration tests); the browser only ever sees this one origin.
 */
// The runtime must be imported before anything loads @forge/api (it installs the platform fetch).
import { createForgeRuntime, type ForgeRuntime } from '../forge-runtime';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import * as path from 'node:path';
import { readManifestEntityProperties } from '../sim/jira/jira-entity-properties';
import { startJiraSim, type JiraSim } from '../sim/jira/jira-sim-server';
import { demoJiraSeed } from '../sim/jira/jira-seed-builder';
import { startZeroPathSim, type ZeroPathSim } from '../sim/zeropath/zeropath-sim';
import { startConfluenceSim, type ConfluenceSim } from '../sim/confluence/confluence-sim';
import { demoConfluenceSeed } from '../sim/confluence/confluence-seed';
import { EventFeed } from './event-feed';
import { handleBridgeRequest, renderFrame, renderHost } from './sandbox-bridge';
import { handleApiRequest } from './sandbox-api';
import { SandboxRequestError, redirect, sendFile, sendJson } from './sandbox-http';
import { readSandboxManifest, type SandboxManifest } from './sandbox-manifest';
import { SANDBOX_USERS } from './sandbox-users';
import { readStateFile, restoreState, serializeState, writeStateFile } from './sandbox-state';
import { EXPIRED_TOKEN, GOOD_TOKEN } from './sandbox-tokens';
import { UI_DIST } from './ui-build';
import { handleUiKitRequest } from './ui-kit/ui-kit-pages';

const ROOT = path.resolve(__dirname, '../..');
const PUBLIC_DIR = path.join(__dirname, 'public');

export interface SandboxOptions {
  /** 0 picks a free port. */
  readonly port: number;
  readonly host?: string;
  /** How many ZeroPath findings to generate (default 400). */
  readonly findings?: number;
  readonly seed?: number;
  /**
   * Keep the state in this file across restarts (`npm start -- --state FILE`, sandbox-state.ts):
   * restored at start when the file exists, saved every few seconds while something changed and
   * once more on close. Without it the state lives in memory only.
   */
  readonly stateFile?: string;
}

export interface SandboxWorld {
  readonly url: string;
  readonly jira: JiraSim;
  readonly zeropath: ZeroPathSim;
  /** Connected to the app (app compatibility): the demo security documentation. */
  readonly confluence: ConfluenceSim;
  readonly runtime: ForgeRuntime;
  readonly manifest: SandboxManifest;
  readonly feed: EventFeed;
  readonly cloudId: string;
  /** Delivers queued events and jobs until nothing is pending (serialised; safe to call often). */
  pump(): Promise<void>;
}

export interface Sandbox extends SandboxWorld {
  /** What the start did with the state file ("restored …", "new file"), or undefined without one. */
  readonly stateRestored: string | undefined;
  close(): Promise<void>;
}

/** While something changes, the state file is at most this old. */
const STATE_SAVE_INTERVAL_MS = 3_000;

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  // Read (and refused, when unreadable) before anything starts: a bad file must not cost a start-up.
  const savedState = options.stateFile === undefined ? undefined : readStateFile(options.stateFile);
  const host = options.host ?? '127.0.0.1';
  // The URL must exist before the simulators and the runtime start: it is Jira's site URL, so the
  // links the app builds (`${siteUrl}/browse/SEC-3`) open in this sandbox.
  let handle: (req: IncomingMessage, res: ServerResponse) => Promise<void> = (_req, res) =>
    Promise.resolve(sendJson(res, 503, { error: 'The sandbox is still starting' }));
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const status = error instanceof SandboxRequestError ? error.status : 500;
      if (!res.headersSent)
        sendJson(res, status, { error: error instanceof Error ? error.message : String(error) });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const url = `http://${host}:${(server.address() as AddressInfo).port}`;

  const manifestPath = path.join(ROOT, 'manifest.yml');
  const manifest = readSandboxManifest(manifestPath);
  const jira = await startJiraSim({ port: 0, seed: { ...demoJiraSeed(), siteUrl: url } });
  const zeropath = await startZeroPathSim({
    port: 0,
    findings: options.findings ?? 400,
    seed: options.seed ?? 42,
    tokens: [
      { id: GOOD_TOKEN.tokenId, secret: GOOD_TOKEN.tokenSecret },
      { id: EXPIRED_TOKEN.tokenId, secret: EXPIRED_TOKEN.tokenSecret, expiresAt: '2020-01-01T00:00:00.000Z' },
    ],
  });
  jira.control.declareEntityProperties(readManifestEntityProperties(manifestPath));
  const confluence = await startConfluenceSim({ port: 0, seed: demoConfluenceSeed() });

  const handlers = (await import('../../src/index')) as Record<string, unknown>;
  const cloudId = 'sandbox-cloud-0001';
  const runtime = await createForgeRuntime({
    manifest: manifestPath,
    handlers,
    jiraBaseUrl: jira.url,
    confluenceBaseUrl: confluence.url,
    egress: { 'https://zeropath.com': zeropath.url, 'https://*.zeropath.com': zeropath.url },
    cloudId,
    siteUrl: url,
    // Retries keep their order and proportions but a 40 s consumer retry takes 2 s: a person
    // watching the sandbox should see a retry happen, not wait for it.
    retryDelayScale: 0.05,
  });
  const feed = new EventFeed(runtime, jira, zeropath);
  let stateRestored: string | undefined;
  if (options.stateFile !== undefined) {
    stateRestored =
      savedState === undefined
        ? `no saved state yet; saving to ${options.stateFile}`
        : `restored ${restoreState({ runtime, jira, zeropath }, savedState)}`;
  }
  let lastSaved: string | undefined;
  const saveState = () => {
    if (options.stateFile === undefined) return;
    const text = serializeState({ runtime, jira, zeropath }, new Date());
    // savedAt differs every time: compare what follows it.
    const content = text.slice(text.indexOf('"kvs"'));
    if (content === lastSaved) return;
    writeStateFile(options.stateFile, text);
    lastSaved = content;
  };
  if (savedState !== undefined) {
    const text = serializeState({ runtime, jira, zeropath }, new Date());
    lastSaved = text.slice(text.indexOf('"kvs"'));
  }
  const saver =
    options.stateFile === undefined
      ? undefined
      : setInterval(() => {
          try {
            saveState();
          } catch (error) {
            feed.add('you', `could not save the state: ${error instanceof Error ? error.message : String(error)}`, true);
          }
        }, STATE_SAVE_INTERVAL_MS);
  saver?.unref();

  let pumping: Promise<void> | undefined;
  let again = false;
  const pump = (): Promise<void> => {
    if (pumping !== undefined) {
      again = true;
      return pumping;
    }
    pumping = (async () => {
      do {
        again = false;
        try {
          await runtime.settle();
        } catch (error) {
          feed.add(
            'forge',
            `delivery stopped: ${error instanceof Error ? error.message : String(error)}`,
            true,
          );
        }
      } while (again);
      feed.collect();
    })().finally(() => {
      pumping = undefined;
    });
    return pumping;
  };
  const unsubscribe = jira.onProductEvent((event) => {
    feed.addJiraEvent(event);
    runtime.emitProductEvent(event);
    void pump();
  });
  // Deliveries can be queued outside any request the sandbox sees (a consumer pushing more work).
  const ticker = setInterval(() => {
    if (runtime.pendingDeliveries > 0 && pumping === undefined) void pump();
    else feed.collect();
  }, 300);
  ticker.unref();

  const world: SandboxWorld = { url, jira, zeropath, confluence, runtime, manifest, feed, cloudId, pump };
  handle = (req, res) => route(world, req, res);
  feed.add(
    'you',
    `Sandbox started: ${manifest.uiModules.length} UI module(s), ${manifest.scheduledTriggers.length} scheduled trigger(s)`,
  );

  return {
    ...world,
    stateRestored,
    async close() {
      clearInterval(ticker);
      if (saver !== undefined) clearInterval(saver);
      unsubscribe();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await (pumping ?? Promise.resolve());
      // After the last request and delivery: what the person did last is in the file.
      saveState();
      runtime.close();
      await Promise.all([jira.close(), zeropath.close(), confluence.close()]);
    },
  };
}

async function route(world: SandboxWorld, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', world.url);
  const p = url.pathname;
  if (p === '/' || p === '/control') return redirect(res, '/control/');
  if (p === '/control/') return sendFile(res, PUBLIC_DIR, 'control.html');
  if (p.startsWith('/control/')) return sendFile(res, PUBLIC_DIR, p.slice('/control/'.length));
  if (p === '/__sandbox/bridge-shim.js') return sendFile(res, PUBLIC_DIR, 'bridge-shim.js');
  if (await handleUiKitRequest(world, req, res, url)) return;
  if (p.startsWith('/__bridge/')) return handleBridgeRequest(world, req, res, p.slice('/__bridge/'.length));
  if (p.startsWith('/__sandbox/api/')) return handleApiRequest(world, req, res, url);

  const app = /^\/app\/([\w-]+)(\/frame)?\/(.*)$/.exec(p);
  if (app?.[1] !== undefined) {
    const module = world.manifest.uiModules.find((m) => m.key === app[1] && m.customUi);
    if (module === undefined)
      return sendJson(res, 404, { error: `No Custom UI module '${app[1]}' in manifest.yml` });
    const rest = app[3] ?? '';
    if (app[2] === undefined)
      return rest === '' ? renderHost(world, module, url, res) : redirect(res, `/app/${module.key}/`);
    if (rest === '') return renderFrame(world, module, url, res);
    return sendFile(res, UI_DIST, rest);
  }
  if (p === '/__sandbox/users') return sendJson(res, 200, SANDBOX_USERS);
  return sendJson(res, 404, { error: `Not found: ${p}` });
}
