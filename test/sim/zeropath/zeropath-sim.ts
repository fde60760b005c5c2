/**
 * ZeroPath API simulator: start it in-process from a test (`startZeroPathSim()`) or standalone
 * (`npm run sim:zeropath -- --port N`). See README.md in this folder for every route and rule.
 */
import { SimRouter } from '../shared/http-server';
import { buildApiRouter } from './zeropath-api-routes';
import {
  ApiVariantState,
  buildControlRouter,
  createControl,
  createStateView,
  type ZeroPathControl,
  type ZeroPathStateView,
} from './zeropath-control';
import { DEMO_ORGANIZATION, generateZeroPathData, type GeneratedData } from './zeropath-data-generator';
import { FaultBook, ZeroPathRequestLog, startZeroPathServer } from './zeropath-http-server';
import { SimClock, ZeroPathStore, type TokenSpec } from './zeropath-store';

export {
  generateZeroPathData,
  secretValuesOf,
  DEMO_ORGANIZATION,
  type GeneratedData,
} from './zeropath-data-generator';
export { dataFromV1SearchResponse } from './zeropath-fixture-loader';
export type { FaultSpec, ZeroPathRequestLogEntry } from './zeropath-http-server';
export type { StatusChange, TokenSpec } from './zeropath-store';
export type { ZeroPathControl, ZeroPathStateView } from './zeropath-control';
export {
  MANIFEST_VARIANTS,
  RENAMED_PATHS,
  STANDARD_PATHS,
  type ApiVariant,
  type ManifestVariant,
} from './zeropath-v2-routes';
export * from './zeropath-wire';

export const DEMO_TOKEN_ID = 'zp-demo-token-id';
export const DEMO_TOKEN_SECRET = 'zp-demo-token-secret';
export const DEFAULT_SEED = 42;
export const DEFAULT_FINDINGS = 300;

export interface ZeroPathSimOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  seed?: number;
  /** A count to generate (default 300 on the 8 demo repositories), or ready data (e.g. a fixture). */
  findings?: number | GeneratedData;
  /** Repositories to generate when `findings` is a count (default 8). */
  repositories?: number;
  /** Default: the demo token with access to every organisation in the data. */
  tokens?: Array<Omit<TokenSpec, 'orgIds'> & { orgIds?: string[] }>;
  /** Freeze the clock at this time; default is wall-clock time. */
  now?: string | number;
  dashboardBaseUrl?: string;
}

export interface ZeroPathSim {
  url: string;
  port: number;
  requestLog: ZeroPathRequestLog;
  control: ZeroPathControl;
  state: ZeroPathStateView;
  /** The content as plain JSON and back (the sandbox's `--state FILE`). */
  persistence: Pick<ZeroPathStore, 'exportContent' | 'importContent'>;
  /** The organisation generated or loaded first (the demo "Acme Corp" by default). */
  organizationId: string;
  close(): Promise<void>;
}

export async function startZeroPathSim(options: ZeroPathSimOptions = {}): Promise<ZeroPathSim> {
  const seed = options.seed ?? DEFAULT_SEED;
  const dashboardBaseUrl = options.dashboardBaseUrl ?? 'https://zeropath.com';
  const data =
    typeof options.findings === 'object'
      ? options.findings
      : generateZeroPathData({
          seed,
          findings: options.findings ?? DEFAULT_FINDINGS,
          dashboardBaseUrl,
          ...(options.repositories !== undefined ? { repositories: options.repositories } : {}),
        });
  const clock = new SimClock(options.now);
  const store = new ZeroPathStore(data, { clock, seed, dashboardBaseUrl });
  const allOrgIds = data.organizations.map((org) => org.id);
  const tokens = options.tokens ?? [{ id: DEMO_TOKEN_ID, secret: DEMO_TOKEN_SECRET }];
  for (const token of tokens) store.addToken({ ...token, orgIds: token.orgIds ?? allOrgIds });

  const faults = new FaultBook();
  const requestLog = new ZeroPathRequestLog();
  const variant = new ApiVariantState();
  const control = createControl(store, faults, variant);
  const state = createStateView(store);
  const router = buildApiRouter(store, new SimRouter(), () => variant.current);
  buildControlRouter(router, { store, control, state, log: requestLog });
  const server = await startZeroPathServer({
    router,
    log: requestLog,
    faults,
    now: () => clock.now(),
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.host !== undefined ? { host: options.host } : {}),
  });
  return {
    url: server.url,
    port: server.port,
    requestLog,
    control,
    state,
    persistence: {
      exportContent: () => store.exportContent(),
      importContent: (snapshot) => store.importContent(snapshot),
    },
    organizationId: data.organizations[0]?.id ?? DEMO_ORGANIZATION.id,
    close: () => server.close(),
  };
}
