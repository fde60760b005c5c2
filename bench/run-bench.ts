import { benchApp, benchBaseline, formatRow, type BenchOptions } from './export-bench';

/** `npm run bench [-- --json] [--findings N] [--latency MS]`: prints the app's row and the baseline's. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const number = (flag: string, fallback: number): number => {
    const i = args.indexOf(flag);
    const value = i === -1 ? fallback : Number(args[i + 1]);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} takes a positive whole number`);
    return value;
  };
  const options: BenchOptions = { findings: number('--findings', 1000), latencyMs: number('--latency', 50), baselineConcurrency: number('--baseline-concurrency', 4) };
  const rows = [await benchApp(options), await benchBaseline(options)];
  for (const row of rows) console.log(json ? JSON.stringify(row) : formatRow(row));
  const app = rows[0]!;
  const budget = Math.ceil(options.findings / 50) + 10;
  if (!json) console.log(`target: app Jira requests ≤ ${budget}, zero duplicates, zero failures → ${app.jiraRequests <= budget && app.duplicates === 0 && app.failures === 0 ? 'met' : 'NOT met'}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
