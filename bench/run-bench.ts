import { benchApp, benchBaseline, formatRow, type BenchOptions } from './export-bench';
import {
  benchSweepApp,
  benchSweepBaseline,
  DEFAULT_SWEEP_BENCH,
  formatSweepRow,
  type SweepBenchOptions,
} from './sweep-bench';
import {
  benchAutoTicketApp,
  benchAutoTicketBaseline,
  DEFAULT_AUTO_TICKET_BENCH,
  formatAutoTicketRow,
  type AutoTicketBenchOptions,
} from './auto-ticket-bench';
import { benchBundle, formatBundleRow } from './bundle-bench';
import { benchScale, DEFAULT_SCALE_BENCH, formatScaleReport } from './scale-bench';
import { benchRedaction, formatRedactionRow } from './redaction-bench';
import { benchTriage, formatTriageRow } from './triage-bench';

const BENCHES = ['export', 'sweep', 'auto-ticket', 'scale', 'redaction', 'triage', 'bundle'] as const;
type Bench = (typeof BENCHES)[number];

const HELP = `Usage: npm run bench [-- [export] [sweep] [auto-ticket] [scale] [redaction] [triage] [bundle] [options]]

Runs each named benchmark (default: all). The first four go through the real app handlers on the
local Forge runtime and simulators, each beside its one-call-per-item baseline in the same run,
on fresh simulators.
Every Jira request gets --latency ms added, every ZeroPath request --zeropath-latency ms.

  export       bulk export of --findings findings vs create + property write per finding
  sweep        one zp-status-sweep run from its cursor vs a poller that reads every finding and
               one Jira issue per linked finding (prints ZeroPath/Jira requests, wall time, 429s,
               transitions made, linked changes left unsynced)
  auto-ticket  one zp-auto-ticket run + queue drain vs listing every finding and one create per
               new matching finding (prints the same plus tickets created, duplicates, failures)
  bundle       builds the app as forge deploy does (npm run deploy:check) and prints the backend
               and UI Kit bundle sizes and the backend's cold require time in fresh Node processes
               (also on each binary in DEPLOY_CHECK_NODES, colon-separated)
  scale        issue 13's scale run on the strict platform: ${DEFAULT_SCALE_BENCH.findings} findings, a ${DEFAULT_SCALE_BENCH.exported}-finding
               bulk export, the first auto-ticket backfill (after a cut-off run), a status sweep;
               consumers four at a time, duplicated, shuffled; PASS/FAIL checks and the cost per
               1,000 findings (Jira/ZeroPath requests, KVS units, invocations, invocation-s, GB-s)
  redaction    secret redaction of 1 MB adversarial texts in both modes; prints the worst time
  triage       closure triage of the newest blind sets' closures (ms per closure), and its hot loop,
               the cue lexicon over every clause, prefiltered as shipped vs plain RegExp

Options:
  --json                    one JSON line per row instead of text
  --latency MS              Jira latency per request (default 50)
  --zeropath-latency MS     ZeroPath latency per request (default 150)
  --baseline-concurrency N  parallel requests of every baseline (default 4)
  --findings N              export: findings exported (default 1000)
  --sweep-findings N        sweep: findings in the organisation (default ${DEFAULT_SWEEP_BENCH.findings})
  --sweep-linked N          sweep: of them linked to Jira issues (default ${DEFAULT_SWEEP_BENCH.linked})
  --sweep-changed N         sweep: changed since the last run, half of them linked (default ${DEFAULT_SWEEP_BENCH.changed})
  --auto-findings N         auto-ticket: findings in the organisation, new ones included (default ${DEFAULT_AUTO_TICKET_BENCH.findings})
  --auto-new N              auto-ticket: new findings that match the rule (default ${DEFAULT_AUTO_TICKET_BENCH.newMatching})
  --load-runs N             bundle: fresh processes per Node binary, median reported (default 5)
  --scale-findings N        scale: findings in the organisation (default ${DEFAULT_SCALE_BENCH.findings})
  --scale-exported N        scale: findings in the bulk export (default ${DEFAULT_SCALE_BENCH.exported})
  --help                    this text`;

/** Flags that take a value, so the value is not read as a benchmark name. */
const VALUE_FLAGS = new Set([
  '--latency',
  '--zeropath-latency',
  '--baseline-concurrency',
  '--findings',
  '--sweep-findings',
  '--sweep-linked',
  '--sweep-changed',
  '--auto-findings',
  '--auto-new',
  '--load-runs',
  '--scale-findings',
  '--scale-exported',
]);

/** `npm run bench [-- <benchmarks>] [--json] [options]`: prints the app's row and the baseline's for each. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(HELP);
    return;
  }
  const json = args.includes('--json');
  // The app's own log lines go to stderr, so stdout holds only the rows (JSON lines with --json).
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const toStderr = console.error.bind(console);
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
  const number = (flag: string, fallback: number): number => {
    const i = args.indexOf(flag);
    const value = i === -1 ? fallback : Number(args[i + 1]);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${flag} takes a positive whole number`);
    return value;
  };
  const names: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (VALUE_FLAGS.has(arg)) i += 1;
    else if (arg === '--json') continue;
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg} (see --help)`);
    else names.push(arg);
  }
  for (const name of names) {
    if (!(BENCHES as readonly string[]).includes(name))
      throw new Error(`unknown benchmark ${name}; choose from ${BENCHES.join(', ')}`);
  }
  const selected: readonly Bench[] = names.length === 0 ? BENCHES : BENCHES.filter((b) => names.includes(b));
  const latencyMs = number('--latency', 50);
  const zeroPathLatencyMs = number('--zeropath-latency', 150);
  const baselineConcurrency = number('--baseline-concurrency', 4);
  const print = (row: object, text: string) => out(json ? JSON.stringify(row) : text);
  const verdict = (met: boolean) => (met ? 'met' : 'NOT met');

  if (selected.includes('export')) {
    const options: BenchOptions = {
      findings: number('--findings', 1000),
      latencyMs,
      zeroPathLatencyMs,
      baselineConcurrency,
    };
    const rows = [await benchApp(options), await benchBaseline(options)];
    for (const row of rows) print({ bench: 'export', ...row }, formatRow(row));
    const app = rows[0]!;
    const budget = Math.ceil(options.findings / 50) + 10;
    if (!json)
      out(
        `target: app Jira requests ≤ ${budget}, zero duplicates, zero failures → ${verdict(app.jiraRequests <= budget && app.duplicates === 0 && app.failures === 0)}`,
      );
  }
  if (selected.includes('sweep')) {
    const options: SweepBenchOptions = {
      findings: number('--sweep-findings', DEFAULT_SWEEP_BENCH.findings),
      linked: number('--sweep-linked', DEFAULT_SWEEP_BENCH.linked),
      changed: number('--sweep-changed', DEFAULT_SWEEP_BENCH.changed),
      latencyMs,
      zeroPathLatencyMs,
      baselineConcurrency,
    };
    const app = await benchSweepApp(options);
    const baseline = await benchSweepBaseline(options);
    for (const row of [app, baseline]) print(row, formatSweepRow(row));
    if (!json) {
      const met =
        app.missed === 0 &&
        app.transitions === baseline.transitions &&
        app.zeroPathRequests < baseline.zeroPathRequests &&
        app.jiraRequests < baseline.jiraRequests;
      out(
        `target: app moves every changed linked issue (as many transitions as the baseline) with fewer ZeroPath and Jira requests → ${verdict(met)}`,
      );
    }
  }
  if (selected.includes('scale') && !(await runScale({ number, json, out }))) process.exitCode = 1;
  if (selected.includes('redaction')) {
    const rows = benchRedaction();
    for (const row of rows) print(row, formatRedactionRow(row));
    const worst = rows.reduce((a, b) => (b.ms > a.ms ? b : a));
    if (!json) out(`worst redaction time: ${worst.ms} ms (${worst.input}, ${worst.mode}, ${worst.chars} chars)`);
  }
  if (selected.includes('triage')) {
    const rows = benchTriage();
    for (const row of rows) print(row, formatTriageRow(row));
    const [shipped, baseline] = rows.slice(-2);
    if (!json && shipped && baseline) out(`cue lexicon scan: ${(baseline.ms / Math.max(shipped.ms, 1)).toFixed(1)}× faster than the plain patterns`);
  }
  if (selected.includes('auto-ticket')) {
    const options: AutoTicketBenchOptions = {
      findings: number('--auto-findings', DEFAULT_AUTO_TICKET_BENCH.findings),
      newMatching: number('--auto-new', DEFAULT_AUTO_TICKET_BENCH.newMatching),
      latencyMs,
      zeroPathLatencyMs,
      baselineConcurrency,
    };
    const app = await benchAutoTicketApp(options);
    const baseline = await benchAutoTicketBaseline(options);
    for (const row of [app, baseline]) print(row, formatAutoTicketRow(row));
    if (!json) {
      const met =
        app.ticketsCreated === options.newMatching &&
        app.duplicates === 0 &&
        app.failures === 0 &&
        app.zeroPathRequests < baseline.zeroPathRequests;
      out(
        `target: app tickets each of the ${options.newMatching} new findings once, with fewer ZeroPath requests → ${verdict(met)}`,
      );
    }
  }
  if (selected.includes('bundle')) await runBundleBench(number('--load-runs', 5), print);
}

async function runBundleBench(loadRuns: number, print: (row: object, text: string) => void): Promise<void> {
  const nodes = [process.execPath, ...(process.env.DEPLOY_CHECK_NODES ?? '').split(':').filter(Boolean)];
  for (const row of await benchBundle({ loadRuns, nodes })) print(row, formatBundleRow(row));
}

async function runScale(args: {
  number: (flag: string, fallback: number) => number;
  json: boolean;
  out: (line: string) => void;
}): Promise<boolean> {
  const report = await benchScale({
    ...DEFAULT_SCALE_BENCH,
    findings: args.number('--scale-findings', DEFAULT_SCALE_BENCH.findings),
    exported: args.number('--scale-exported', DEFAULT_SCALE_BENCH.exported),
  });
  if (args.json) args.out(JSON.stringify({ bench: 'scale', ...report }));
  else for (const line of formatScaleReport(report)) args.out(line);
  return report.checks.every((c) => c.met);
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
