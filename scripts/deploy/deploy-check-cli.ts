// `npm run deploy:check`: everything `forge deploy` does that can run without an Atlassian site,
// one summary line per step. See docs/deploy.md for what each step mirrors in the Forge CLI.
import path from 'node:path';
import { formatProblem, validateManifest } from '../manifest/manifest-validator';
import { checkBundleLoads, type LoadCheckResult } from './bundle-load-check';
import { bundleLikeForgeDeploy, type BuiltFile, type ForgeBuild } from './forge-bundle';

export interface CheckOutput {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

export interface DeployCheckOptions {
  readonly appDir: string;
  /** Where the bundles are written (default `<appDir>/.deploy-build`). */
  readonly outDir: string;
  /** Skip step 1 (tests of the bundle steps on small fixture apps). */
  readonly skipManifest: boolean;
  /** Extra Node binaries to load the backend bundle with, besides the one running this. */
  readonly extraNodes: readonly string[];
}

/** What `forge deploy` does that needs an Atlassian site, so no offline check can stand in. */
export const ONLY_A_REAL_SITE_CHECKS: readonly string[] = [
  'login and app registration (app.id must be yours: forge register)',
  "server-side lint: the permission linter's Atlassian API specs, trigger filter-expression limits",
  'the Forge Node runtime wrapper (__forge__.cjs) from Forge’s CDN, and running the bundle under it',
  'upload, deploy and install; scope and egress approval by the site admin',
  'real invocations: product events, schedules, queues, UI resolvers, KVS and Jira behind the platform',
];

const HELP = `usage: npm run deploy:check -- [--app <dir>] [--out <dir>] [--node <binary>]... [--skip-manifest]
  Builds the app as \`forge deploy\` would (@forge/bundler, pinned to the Forge CLI's version) and
  loads the backend bundle in a fresh Node process. DEPLOY_CHECK_NODES (colon-separated) adds
  more Node binaries, like --node. Exit code: 0 passed, 1 a step failed, 2 bad arguments.`;

export function parseDeployCheckArgs(
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): DeployCheckOptions | string {
  let appDir = cwd;
  let outDir: string | undefined;
  let skipManifest = false;
  const extraNodes = (env.DEPLOY_CHECK_NODES ?? '').split(':').filter(Boolean);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = args[i + 1];
    if (arg === '--skip-manifest') skipManifest = true;
    else if ((arg === '--app' || arg === '--out' || arg === '--node') && value !== undefined) {
      i++;
      if (arg === '--app') appDir = path.resolve(cwd, value);
      else if (arg === '--out') outDir = path.resolve(cwd, value);
      else extraNodes.push(path.resolve(cwd, value));
    } else return arg === '--help' ? HELP : `unknown or incomplete argument '${arg}'\n${HELP}`;
  }
  return { appDir, outDir: outDir ?? path.join(appDir, '.deploy-build'), skipManifest, extraNodes };
}

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const sum = (files: readonly BuiltFile[], keep: (f: BuiltFile) => boolean): number =>
  files.filter(keep).reduce((total, f) => total + f.bytes, 0);
const isCode = (f: BuiltFile): boolean => !f.file.endsWith('.map') && !f.file.endsWith('.LICENSE.txt');

/** Runs the steps in order; a failed step stops the run. Returns the exit code. */
export async function runDeployCheck(options: DeployCheckOptions, output: CheckOutput): Promise<number> {
  const line = (step: string, ok: boolean, text: string) =>
    output.out(`deploy check: ${step.padEnd(9)} ${ok ? 'ok  ' : 'FAIL'} ${text}`);
  let steps = 0;

  if (!options.skipManifest) {
    const started = performance.now();
    const report = await validateManifest(options.appDir);
    for (const problem of [...report.warnings, ...report.errors]) output.err(formatProblem(problem));
    const ok = report.errors.length === 0;
    line(
      'manifest',
      ok,
      `${report.errors.length} error(s), ${report.warnings.length} warning(s): schema, client-side lint, events, handler exports (${seconds(performance.now() - started)})`,
    );
    if (!ok) return 1;
    steps++;
  }

  let build: ForgeBuild;
  const started = performance.now();
  try {
    build = await bundleLikeForgeDeploy(options.appDir, options.outDir);
  } catch (error) {
    output.err(error instanceof Error ? error.message : String(error));
    line(
      'bundle',
      false,
      `@forge/bundler failed (${seconds(performance.now() - started)}); its error is above`,
    );
    return 1;
  }
  for (const warning of build.warnings) output.err(`bundler warning: ${warning}`);
  const entry = build.backendEntries.map((f) => `${f.file} ${mib(f.bytes)}`).join(', ') || 'no entry file';
  line(
    'backend',
    build.backendEntries.length > 0,
    `${entry} (all code ${mib(sum(build.backendFiles, isCode))}, source maps ${mib(sum(build.backendFiles, (f) => f.file.endsWith('.map')))}) in ${path.relative(options.appDir, build.backendDir) || build.backendDir}; both bundles took ${seconds(performance.now() - started)}`,
  );
  if (build.backendEntries.length === 0) return 1;
  steps++;
  for (const ui of build.uiKit) {
    line(
      'ui-kit',
      true,
      `${ui.key}: ${mib(sum(ui.files, isCode))} of code (source maps ${mib(sum(ui.files, (f) => f.file.endsWith('.map')))})`,
    );
  }
  if (build.uiKit.length > 0) steps++;

  let failed = false;
  for (const node of [process.execPath, ...options.extraNodes]) {
    let result: LoadCheckResult;
    try {
      result = await checkBundleLoads(build.backendDir, build.handlers, node);
    } catch (error) {
      line(
        'load',
        false,
        `${node}: could not start (${error instanceof Error ? error.message : String(error)})`,
      );
      failed = true;
      continue;
    }
    for (const problem of result.problems) output.err(`  ${problem}`);
    const loadMs = Object.entries(result.loadMs)
      .map(([name, ms]) => `${name}.cjs ${ms.toFixed(0)} ms`)
      .join(', ');
    line(
      'load',
      result.ok,
      `node ${result.nodeVersion}: ${result.resolved.length}/${build.handlers.length} manifest handlers resolve to functions; cold require ${loadMs || 'n/a'}`,
    );
    if (!result.ok) failed = true;
    else steps++;
  }
  if (failed) return 1;

  output.out(`deploy check: passed ${steps} step(s). Only a real site checks:`);
  for (const item of ONLY_A_REAL_SITE_CHECKS) output.out(`  - ${item}`);
  return 0;
}
