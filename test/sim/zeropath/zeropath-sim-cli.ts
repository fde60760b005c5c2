/**
 * Standalone entry: `npm run sim:zeropath -- --port 4010 [--seed 42] [--findings 300]`.
 * Prints where it listens and the demo credentials, then runs until interrupted.
 */
import { readPortArg } from '../shared/http-server';
import {
  DEFAULT_FINDINGS,
  DEFAULT_SEED,
  DEMO_TOKEN_ID,
  DEMO_TOKEN_SECRET,
  startZeroPathSim,
} from './zeropath-sim';

function readIntArg(argv: readonly string[], name: string, fallback: number): number {
  const flag = `--${name}`;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value =
      arg === flag ? argv[i + 1] : arg.startsWith(`${flag}=`) ? arg.slice(flag.length + 1) : undefined;
    if (value === undefined) continue;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 0)
      throw new Error(`${flag} must be a non-negative integer, got '${value}'`);
    return parsed;
  }
  return fallback;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const sim = await startZeroPathSim({
    port: readPortArg(argv, 4010),
    seed: readIntArg(argv, 'seed', DEFAULT_SEED),
    findings: readIntArg(argv, 'findings', DEFAULT_FINDINGS),
  });
  process.stdout.write(
    [
      `ZeroPath simulator listening on ${sim.url}`,
      `  organizationId: ${sim.organizationId}`,
      `  X-ZeroPath-API-Token-Id: ${DEMO_TOKEN_ID}`,
      `  X-ZeroPath-API-Token-Secret: ${DEMO_TOKEN_SECRET}`,
      `  control API: ${sim.url}/__sim/state`,
      '',
    ].join('\n'),
  );
  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
