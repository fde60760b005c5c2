/**
 * Standalone entry point: `npm run sim:jira -- --port N` serves the demo site until interrupted.
 */
import { readPortArg } from '../shared/http-server';
import { startJiraSim } from './jira-sim-server';

async function main(): Promise<void> {
  const sim = await startJiraSim({ port: readPortArg(process.argv.slice(2), 8201), seed: 'demo' });
  process.stdout.write(`Jira simulator listening on ${sim.url} (control API under ${sim.url}/__sim/)\n`);
  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
