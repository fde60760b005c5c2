// Builds an app the way `forge deploy` does, offline. @forge/cli 13.3.0 (package/out) wires the
// deploy like this (command-line/dependency-injection.js, deploy/packager/*.js):
//   handlers  = ConfigFile.getAppHandlers()           (manifest `function[].handler`, split on '.')
//   resources = ConfigFile.getResources(), the UI Kit ones picked with shouldBundleResource()
//   backend   = getNodeBundler(ui, wrapperProvider, configFile, statsig)
//                 .bundle({ appDirectory: process.cwd(), entryPoints: getEntryPoints(handlers) })
//   UI Kit    = new NativeUIBundler(ui).bundleResources(resources, manifest.translations)
// This module makes the same calls on the same @forge/bundler version (pinned in package.json to
// the one the CLI pins) and the same @forge/cli-shared copy the bundler itself loads. Two parts of
// a real deploy need Atlassian's network and are replaced: the Node runtime wrapper
// (`__forge__.cjs`, downloaded from Forge's CDN and only packed next to the bundle, never loaded
// by it) and the Statsig feature-flag service (asked only when the manifest picks the EAP
// `typescript` bundler). Both are listed in docs/deploy.md under what only a real site checks.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';

// @forge/bundler and the @forge/cli-shared copy it loads (it pins its own version, as the CLI
// does) are loaded untyped: their type declarations pull in webpack's and cheerio's, which bring
// the DOM lib into the whole Node program. These are the few members used, as the CLI uses them.
interface BundlerLogger {
  traceEnabled: boolean;
  debugEnabled: boolean;
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(error: Error): void;
}
interface RuntimeScript {
  script: string;
  source: string;
  version: string;
}
interface WrapperProvider {
  getNodeRuntimeWrapper(): Promise<RuntimeScript>;
  getNodeRuntimeLoader(): Promise<RuntimeScript | undefined>;
}
interface EntryPoint {
  name: string;
  path: string;
}
interface BundlerOutput {
  outputDir: string;
}
interface ConfigFile {
  readConfig(): Promise<unknown>;
  getAppHandlers(): Promise<{ module: string; func: string }[]>;
  getResources(): Promise<unknown[]>;
}
interface ForgeBundlerModule {
  getEntryPoints(handlers: { module: string; func: string }[]): EntryPoint[];
  getNodeBundler(
    logger: BundlerLogger,
    wrapperProvider: WrapperProvider,
    configReader: ConfigFile,
    statsig: unknown,
  ): { bundle(args: { appDirectory: string; entryPoints: EntryPoint[] }): Promise<BundlerOutput> };
  NativeUIBundler: new (logger: BundlerLogger) => {
    bundleResources(
      resources: unknown[],
      i18nConfig: unknown,
    ): Promise<{ nativeUiBundlesDetails: unknown[] }>;
  };
}
interface CliSharedModule {
  ConfigFile: new (reader: unknown, writer: unknown) => ConfigFile;
  FileSystemReader: new () => unknown;
  FileSystemWriter: new () => unknown;
  shouldBundleResource(resource: unknown): boolean;
}

const bundlerRequire = createRequire(require.resolve('@forge/bundler'));
const forgeBundler = bundlerRequire('@forge/bundler') as ForgeBundlerModule;
const cliShared = bundlerRequire('@forge/cli-shared') as CliSharedModule;

const manifestShape = z.object({
  modules: z
    .object({ function: z.array(z.object({ key: z.string(), handler: z.string() })).optional() })
    .optional(),
  translations: z.unknown().optional(),
});
const bundledResourceShape = z.object({ key: z.string(), path: z.string() });

export interface ManifestHandler {
  /** `function[].key` in manifest.yml. */
  readonly functionKey: string;
  /** `function[].handler`, e.g. `index.poll`. */
  readonly handler: string;
}

export interface BuiltFile {
  readonly file: string;
  readonly bytes: number;
}

export interface ForgeBuild {
  /** The backend bundle folder (what `forge deploy` zips as the runtime archive's code). */
  readonly backendDir: string;
  readonly backendFiles: readonly BuiltFile[];
  /** The entry files Forge's runtime loads, one per handler module (`index.cjs`). */
  readonly backendEntries: readonly BuiltFile[];
  readonly handlers: readonly ManifestHandler[];
  readonly uiKit: readonly {
    readonly key: string;
    readonly dir: string;
    readonly files: readonly BuiltFile[];
  }[];
  /** Bundler warnings (webpack's), printed by the caller; they do not fail the build. */
  readonly warnings: readonly string[];
}

/** Placeholder for the runtime wrapper Forge's CDN serves at deploy time (see the header). */
const offlineWrapperProvider: WrapperProvider = {
  getNodeRuntimeWrapper: () =>
    Promise.resolve({
      script: '// Placeholder: `forge deploy` downloads the Forge Node runtime wrapper here.\n',
      source: 'offline',
      version: 'offline',
    }),
  getNodeRuntimeLoader: () => Promise.resolve(undefined),
};

/** Statsig is only consulted for the EAP `typescript` bundler; offline, that choice fails loudly. */
const offlineStatsig = {
  isTypescriptBundlerEnabled: () =>
    Promise.reject(
      new Error(
        'app.package.bundler "typescript" is an EAP gated by a remote flag; this offline build cannot check it',
      ),
    ),
};

function collectingLogger(warnings: string[], debug: (line: string) => void): BundlerLogger {
  return {
    traceEnabled: false,
    debugEnabled: false,
    trace: () => undefined,
    debug: (message: string) => debug(message),
    info: (message: string) => debug(message),
    warn: (message: string) => warnings.push(message),
    error: (error: Error) => warnings.push(error.message),
  };
}

function listFiles(dir: string): BuiltFile[] {
  const out: BuiltFile[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out.push({ file: path.relative(dir, full), bytes: fs.statSync(full).size });
  }
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

function copyInto(from: string, to: string): void {
  fs.rmSync(to, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.cpSync(from, to, { recursive: true });
}

/**
 * Bundles the app in `appDir` as `forge deploy` would and copies the results under `outDir`
 * (`backend/`, `ui-kit/<resource key>/`). Throws the bundler's own error (e.g. `TypeScript emitted
 * no output for …`) on any failure. The bundler resolves paths against the working directory, as
 * the CLI does, so the process is chdir'ed into `appDir` for the duration: run one at a time.
 */
export async function bundleLikeForgeDeploy(
  appDir: string,
  outDir: string,
  debug: (line: string) => void = () => undefined,
): Promise<ForgeBuild> {
  const previousDir = process.cwd();
  const absoluteOut = path.resolve(outDir);
  process.chdir(appDir);
  try {
    const warnings: string[] = [];
    const logger = collectingLogger(warnings, debug);
    const configFile = new cliShared.ConfigFile(
      new cliShared.FileSystemReader(),
      new cliShared.FileSystemWriter(),
    );
    const config = manifestShape.parse(await configFile.readConfig());
    const handlers = await configFile.getAppHandlers();
    const resources = await configFile.getResources();

    const nodeBundler = forgeBundler.getNodeBundler(
      logger,
      offlineWrapperProvider,
      configFile,
      offlineStatsig,
    );
    const entryPoints = forgeBundler.getEntryPoints(handlers);
    const backend = await nodeBundler.bundle({ appDirectory: process.cwd(), entryPoints });
    const backendDir = path.join(absoluteOut, 'backend');
    copyInto(backend.outputDir, backendDir);
    const backendFiles = listFiles(backendDir);
    const entryNames = new Set(entryPoints.map((e) => `${e.name}.cjs`));

    const toBundle = resources.filter((r) => cliShared.shouldBundleResource(r));
    const nativeUi = await new forgeBundler.NativeUIBundler(logger).bundleResources(
      toBundle,
      config.translations,
    );
    const uiKit = nativeUi.nativeUiBundlesDetails.map((raw) => {
      const detail = bundledResourceShape.parse(raw);
      const dir = path.join(absoluteOut, 'ui-kit', detail.key);
      copyInto(detail.path, dir);
      return { key: detail.key, dir, files: listFiles(dir) };
    });

    return {
      backendDir,
      backendFiles,
      backendEntries: backendFiles.filter((f) => entryNames.has(f.file)),
      handlers: (config.modules?.function ?? []).map((f) => ({ functionKey: f.key, handler: f.handler })),
      uiKit,
      warnings,
    };
  } finally {
    process.chdir(previousDir);
  }
}

export interface UiKitBuild {
  readonly key: string;
  readonly dir: string;
  readonly files: readonly BuiltFile[];
}

/**
 * Only the UI Kit half of {@link bundleLikeForgeDeploy}: the same NativeUIBundler call on the
 * manifest's bundled resources (optionally only `keys`), copied to `<outDir>/<resource key>/`.
 * The sandbox serves these bundles to its UI Kit host, so what runs there is what Jira would load.
 * Changes the working directory while it runs, like the full build: run one at a time.
 */
export async function bundleUiKitLikeForgeDeploy(
  appDir: string,
  outDir: string,
  keys?: readonly string[],
  debug: (line: string) => void = () => undefined,
): Promise<{ readonly uiKit: readonly UiKitBuild[]; readonly warnings: readonly string[] }> {
  const previousDir = process.cwd();
  const absoluteOut = path.resolve(outDir);
  process.chdir(appDir);
  try {
    const warnings: string[] = [];
    const configFile = new cliShared.ConfigFile(
      new cliShared.FileSystemReader(),
      new cliShared.FileSystemWriter(),
    );
    const config = manifestShape.parse(await configFile.readConfig());
    const resources = (await configFile.getResources()).filter(
      (r) =>
        cliShared.shouldBundleResource(r) &&
        (keys === undefined || keys.includes(bundledResourceShape.parse(r).key)),
    );
    const nativeUi = await new forgeBundler.NativeUIBundler(
      collectingLogger(warnings, debug),
    ).bundleResources(resources, config.translations);
    const uiKit = nativeUi.nativeUiBundlesDetails.map((raw) => {
      const detail = bundledResourceShape.parse(raw);
      const dir = path.join(absoluteOut, detail.key);
      copyInto(detail.path, dir);
      return { key: detail.key, dir, files: listFiles(dir) };
    });
    return { uiKit, warnings };
  } finally {
    process.chdir(previousDir);
  }
}
