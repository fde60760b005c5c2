/**
 * Standalone entry point: `npm run sim:jira -- --port N` serves the demo site until interrupted,
 * with this repository's app installed (its jira:entityProperty modules are searchable).
 */
import * as path from 'node:path';
import { readPortArg } from '../shared/http-server';
import { readManifestEntityProperties } from './jira-entity-properties';
import { startJiraSim } from './jira-sim-server';

async function main(): Promise<void> {
  const entityProperties = readManifestEntityProperties(path.resolve(__dirname, '../../../manifest.yml'));
  const sim = await startJiraSim({ port: readPortArg(process.argv.slice(2), 8201), seed: 'demo', entityProperties });
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
