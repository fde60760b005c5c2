// The deploy bundle's cost at run time: its size (what Forge stores and each cold container
// reads) and how long a fresh Node process takes to require it, which every cold start of a
// Forge function pays before the handler runs. Built exactly as `npm run deploy:check` builds it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkBundleLoads } from '../scripts/deploy/bundle-load-check';
import { bundleLikeForgeDeploy } from '../scripts/deploy/forge-bundle';

export interface BundleBenchOptions {
  /** Fresh processes per Node binary; the median is reported. */
  readonly loadRuns: number;
  /** Node binaries to load with (the first is the one running the bench). */
  readonly nodes: readonly string[];
}

export interface BundleBenchRow {
  readonly bench: 'bundle';
  readonly node: string;
  readonly backendBytes: number;
  readonly panelBytes: number;
  readonly buildMs: number;
  readonly loadRuns: number;
  /** `require('./index.cjs')` inside a fresh process: median and fastest. */
  readonly coldRequireMsMedian: number;
  readonly coldRequireMsMin: number;
  /** Spawn to exit of that process (Node start-up included). */
  readonly processMsMedian: number;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export async function benchBundle(options: BundleBenchOptions): Promise<BundleBenchRow[]> {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zp-bundle-bench-'));
  try {
    const started = performance.now();
    const build = await bundleLikeForgeDeploy(path.resolve(__dirname, '..'), outDir);
    const buildMs = performance.now() - started;
    const backendBytes = build.backendEntries.reduce((total, f) => total + f.bytes, 0);
    const panelBytes = build.uiKit
      .flatMap((ui) => ui.files)
      .filter((f) => f.file.endsWith('.js'))
      .reduce((total, f) => total + f.bytes, 0);
    const rows: BundleBenchRow[] = [];
    for (const node of options.nodes) {
      const requireMs: number[] = [];
      const processMs: number[] = [];
      let version = 'unknown';
      for (let run = 0; run < options.loadRuns; run += 1) {
        const result = await checkBundleLoads(build.backendDir, build.handlers, node);
        if (!result.ok) throw new Error(`bundle did not load on ${node}: ${result.problems.join('; ')}`);
        version = result.nodeVersion;
        requireMs.push(Object.values(result.loadMs).reduce((a, b) => a + b, 0));
        processMs.push(result.processMs);
      }
      rows.push({
        bench: 'bundle',
        node: version,
        backendBytes,
        panelBytes,
        buildMs: Math.round(buildMs),
        loadRuns: options.loadRuns,
        coldRequireMsMedian: Math.round(median(requireMs)),
        coldRequireMsMin: Math.round(Math.min(...requireMs)),
        processMsMedian: Math.round(median(processMs)),
      });
    }
    return rows;
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
}

export function formatBundleRow(row: BundleBenchRow): string {
  return (
    `bundle node=${row.node} backendBytes=${row.backendBytes} panelBytes=${row.panelBytes} buildMs=${row.buildMs} ` +
    `coldRequireMs(median of ${row.loadRuns})=${row.coldRequireMsMedian} coldRequireMsMin=${row.coldRequireMsMin} processMs=${row.processMsMedian}`
  );
}
