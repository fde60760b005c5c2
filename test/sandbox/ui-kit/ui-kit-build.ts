/**
 * The two builds the sandbox's UI Kit host needs, each redone only when its sources changed:
 *
 * - the app's UI Kit bundles (`panel-ui`, `report-ui`): made by @forge/bundler's NativeUIBundler,
 *   the same call `forge deploy` and `npm run deploy:check` make (scripts/deploy/forge-bundle.ts),
 *   so the sandbox runs the very bundle Jira would load (webpack, production, ts-loader; ~35 s);
 * - the host page's renderer (test/sandbox/ui-kit/host/), bundled with esbuild: it is sandbox
 *   tooling, not part of the app, and esbuild builds it in about a second.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { bundleUiKitLikeForgeDeploy } from '../../../scripts/deploy/forge-bundle';

const ROOT = path.resolve(__dirname, '../../..');
export const UI_KIT_OUT = path.join(ROOT, 'build/sandbox-ui-kit');
export const UI_KIT_APPS = path.join(UI_KIT_OUT, 'apps');
export const UI_KIT_HOST = path.join(UI_KIT_OUT, 'host');

const APP_SOURCES = ['src/frontend', 'src/contract', 'manifest.yml', 'package-lock.json'].map((p) =>
  path.join(ROOT, p),
);
const HOST_SOURCES = ['test/sandbox/ui-kit/host', 'package-lock.json'].map((p) => path.join(ROOT, p));

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) {
    if (/\.test\.tsx?$/.test(entry)) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

function staleReason(built: readonly string[], sources: readonly string[]): string | undefined {
  const missing = built.find((file) => !existsSync(file));
  if (missing !== undefined) return `${path.relative(ROOT, missing)} is missing`;
  const builtAt = Math.min(...built.map((file) => statSync(file).mtimeMs));
  const changed = sources.find((source) => newestMtime(source) > builtAt);
  return changed === undefined ? undefined : `${path.relative(ROOT, changed)} changed since the last build`;
}

export function uiKitAppDir(resourceKey: string): string {
  return path.join(UI_KIT_APPS, resourceKey);
}

export async function ensureUiKitBuild(
  resourceKeys: readonly string[],
  log: (line: string) => void,
): Promise<void> {
  const appReason = staleReason(
    resourceKeys.map((key) => path.join(uiKitAppDir(key), 'index.html')),
    APP_SOURCES,
  );
  if (appReason !== undefined) {
    log(`Bundling the UI Kit resources ${resourceKeys.join(', ')} with @forge/bundler (${appReason}) …`);
    const { uiKit } = await bundleUiKitLikeForgeDeploy(ROOT, UI_KIT_APPS, resourceKeys);
    const missing = resourceKeys.filter((key) => !uiKit.some((u) => u.key === key));
    if (missing.length > 0) throw new Error(`@forge/bundler built no bundle for ${missing.join(', ')}`);
  }
  const hostReason = staleReason([path.join(UI_KIT_HOST, 'host.js')], HOST_SOURCES);
  if (hostReason !== undefined) {
    log(`Bundling the sandbox's UI Kit host (${hostReason}) …`);
    await buildHost();
  }
}

async function buildHost(): Promise<void> {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'test/sandbox/ui-kit/host/host-main.tsx')],
    outfile: path.join(UI_KIT_HOST, 'host.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    minify: true,
    sourcemap: false,
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.css': 'css' },
    logLevel: 'error',
  });
}
