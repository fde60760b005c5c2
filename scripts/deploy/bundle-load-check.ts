// Loads a backend bundle the way Forge's Node runtime gets it: a folder holding only the bundle
// (the deploy archive carries the bundle, manifest and package files, never node_modules; see
// @forge/cli 13.3.0 deploy/packager/runtime-bundler.js), in a fresh `node` with no TypeScript
// loader, no NODE_OPTIONS/NODE_PATH and no node_modules folder anywhere on its resolution path.
// Then every manifest `function.handler` must name a function the bundle exports.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { type ManifestHandler } from './forge-bundle';

/** Runs inside the child: plain CommonJS, no dependencies, one JSON line on stdout. */
const PROBE_SOURCE = `'use strict';
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const handlers = JSON.parse(process.argv[2]);
const searchPaths = require.resolve.paths('some-package') || [];
const results = [];
const loaded = new Map();
for (const { functionKey, handler } of handlers) {
  const parts = handler.split('.');
  if (parts.length !== 2) { results.push({ functionKey, handler, ok: false, problem: 'handler must be <module>.<export>' }); continue; }
  const [moduleName, exportName] = parts;
  if (!loaded.has(moduleName)) {
    const started = performance.now();
    try {
      const exported = require(path.join(__dirname, moduleName + '.cjs'));
      loaded.set(moduleName, { exported, loadMs: performance.now() - started });
    } catch (error) {
      loaded.set(moduleName, { error: String(error && error.stack ? error.stack : error).split('\\n').slice(0, 6).join('\\n') });
    }
  }
  const module = loaded.get(moduleName);
  if (module.error !== undefined) { results.push({ functionKey, handler, ok: false, problem: 'loading ' + moduleName + '.cjs threw: ' + module.error }); continue; }
  const kind = typeof module.exported[exportName];
  results.push(kind === 'function'
    ? { functionKey, handler, ok: true }
    : { functionKey, handler, ok: false, problem: moduleName + '.cjs exports no function ' + exportName + ' (found ' + kind + ')' });
}
const loadMs = Object.fromEntries([...loaded].filter(([, m]) => m.loadMs !== undefined).map(([name, m]) => [name, m.loadMs]));
process.stdout.write(JSON.stringify({ nodeVersion: process.version, searchPaths, loadMs, results }) + '\\n');
`;

const probeOutput = z.object({
  nodeVersion: z.string(),
  searchPaths: z.array(z.string()),
  loadMs: z.record(z.string(), z.number()),
  results: z.array(
    z.object({
      functionKey: z.string(),
      handler: z.string(),
      ok: z.boolean(),
      problem: z.string().optional(),
    }),
  ),
});

export interface LoadCheckResult {
  readonly ok: boolean;
  readonly nodeBinary: string;
  readonly nodeVersion: string;
  /** Time to `require()` each bundle module, measured inside the child (cold: a fresh process). */
  readonly loadMs: Readonly<Record<string, number>>;
  /** Whole child process, spawn to exit. */
  readonly processMs: number;
  readonly resolved: readonly string[];
  readonly problems: readonly string[];
}

const CHILD_TIMEOUT_MS = 60_000;

function runChild(
  nodeBinary: string,
  args: readonly string[],
  cwd: string,
): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // An empty environment: no NODE_OPTIONS (tsx, a debugger), no NODE_PATH, no HOME (so no
    // ~/.node_modules search folder either).
    const child = spawn(nodeBinary, [...args], { cwd, env: {}, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/**
 * Copies `bundleDir` to a fresh folder under the system temp dir, loads them with `nodeBinary` and checks each handler. Never throws for a broken
 * bundle: every failure is a line in `problems`.
 */
export async function checkBundleLoads(
  bundleDir: string,
  handlers: readonly ManifestHandler[],
  nodeBinary: string = process.execPath,
): Promise<LoadCheckResult> {
  const sandbox = fs.mkdtempSync(path.join(os.tmpdir(), 'zp-forge-bundle-'));
  const problems: string[] = [];
  try {
    // The whole bundler output, as Forge packs it (chunks, assets, source maps); it never holds
    // node_modules, so a package webpack left out stays unresolvable here as it is on Forge.
    fs.cpSync(bundleDir, sandbox, { recursive: true });
    const probe = path.join(sandbox, '__zp_load_probe__.cjs');
    fs.writeFileSync(probe, PROBE_SOURCE);
    if (handlers.length === 0) problems.push('manifest.yml declares no function handlers');

    const started = performance.now();
    const run = await runChild(nodeBinary, [probe, JSON.stringify(handlers)], sandbox);
    const processMs = performance.now() - started;
    const lastLine = run.stdout.trim().split('\n').pop() ?? '';
    const parsed = probeOutput.safeParse(safeJson(lastLine));
    if (!parsed.success) {
      problems.push(
        `the bundle did not load: node exited ${run.signal ?? run.code} before reporting` +
          (run.stderr.trim() ? `\n${indent(run.stderr.trim().split('\n').slice(0, 12).join('\n'))}` : ''),
      );
      return { ok: false, nodeBinary, nodeVersion: 'unknown', loadMs: {}, processMs, resolved: [], problems };
    }
    const report = parsed.data;
    // The point of the temp folder: nothing outside the bundle may be resolvable.
    for (const searchPath of report.searchPaths) {
      if (fs.existsSync(searchPath))
        problems.push(`${searchPath} exists, so the load is not isolated from packages`);
    }
    for (const result of report.results) {
      if (!result.ok)
        problems.push(`${result.functionKey} (${result.handler}): ${result.problem ?? 'not a function'}`);
    }
    if (run.code !== 0) problems.push(`node exited ${run.signal ?? run.code} after loading the bundle`);
    return {
      ok: problems.length === 0,
      nodeBinary,
      nodeVersion: report.nodeVersion,
      loadMs: report.loadMs,
      processMs,
      resolved: report.results.filter((r) => r.ok).map((r) => r.handler),
      problems,
    };
  } finally {
    fs.rmSync(sandbox, { recursive: true, force: true });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const indent = (text: string): string =>
  text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
