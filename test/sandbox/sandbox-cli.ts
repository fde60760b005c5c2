/**
 * `npm start` (PORT=3000 by default; PORT=0 picks a free port; `-- --state FILE` keeps the state in
 * FILE across restarts). Builds the Custom UI if its dist is missing or stale, starts the sandbox,
 * prints where it is and whether its state survives a stop, and closes everything on Ctrl-C.
 */
import * as path from 'node:path';
import { startSandbox, type Sandbox } from './sandbox';
import { SandboxStateError } from './sandbox-state';
import { GOOD_TOKEN, WRONG_TOKEN } from './sandbox-tokens';
import { ensureUiBuild } from './ui-build';
import { ensureUiKitBuild } from './ui-kit/ui-kit-build';
import { UI_KIT_RESOURCES } from './ui-kit/ui-kit-pages';

function portFromEnv(): number {
  const raw = process.env['PORT'] ?? '3000';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a port number (0 picks a free one), not '${raw}'`);
    process.exit(2);
  }
  return port;
}

/** `--state FILE` or `--state=FILE`; anything else on the command line is refused, not ignored. */
function stateFileFromArgs(args: readonly string[]): string | undefined {
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--state') file = args[++i];
    else if (arg.startsWith('--state=')) file = arg.slice('--state='.length);
    else {
      console.error(`Unknown option '${arg}'. Usage: npm start [-- --state FILE]`);
      process.exit(2);
    }
    if (file === undefined || file === '') {
      console.error('--state needs a file name: npm start -- --state sandbox-state.json');
      process.exit(2);
    }
  }
  return file === undefined ? undefined : path.resolve(file);
}

async function main(): Promise<void> {
  const port = portFromEnv();
  const stateFile = stateFileFromArgs(process.argv.slice(2));
  await ensureUiBuild((line) => console.log(line));
  await ensureUiKitBuild(Object.values(UI_KIT_RESOURCES), (line) => console.log(line));
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({
      port,
      host: process.env['HOST'] ?? '127.0.0.1',
      ...(stateFile === undefined ? {} : { stateFile }),
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (error instanceof SandboxStateError) console.error(error.message);
    else console.error(code === 'EADDRINUSE' ? `Port ${port} is in use: try PORT=3001 npm start` : error);
    process.exit(1);
  }
  const customUi = sandbox.manifest.uiModules.filter((m) => m.customUi);
  console.log(
    [
      ``,
      `ZeroPath for Jira sandbox ready on ${sandbox.url} (started in ${process.uptime().toFixed(1)} s)`,
      `  Control page (act as Jira and ZeroPath, run the sweep, watch sync): ${sandbox.url}/control/`,
      ...customUi.map((m) => `  ${m.title} (${m.type}): ${sandbox.url}/app/${m.key}/`),
      `  An issue with the finding panel (UI Kit): ${sandbox.url}/browse/SEC-2?as=alice   (Confluence macro: ${sandbox.url}/wiki/report?repository=acme%2Fpayments-api)`,
      `  ZeroPath token that works:  ${GOOD_TOKEN.tokenId} / ${GOOD_TOKEN.tokenSecret}   (organisation ${sandbox.zeropath.organizationId})`,
      `  ZeroPath token that fails:  ${WRONG_TOKEN.tokenId} / ${WRONG_TOKEN.tokenSecret}`,
      stateFile === undefined
        ? `State is kept in memory only: Ctrl-C loses the connection, issues and links (\`npm start -- --state FILE\` keeps them).`
        : `State is kept in ${stateFile}: ${sandbox.stateRestored ?? ''}.`,
      `Ctrl-C stops it.`,
    ].join('\n'),
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      console.log('Forced exit.');
      process.exit(130);
    }
    stopping = true;
    console.log(`\n${signal}: stopping the sandbox …`);
    sandbox
      .close()
      .then(() => {
        console.log('Stopped.');
        process.exit(0);
      })
      .catch((error: unknown) => {
        console.error('Could not stop cleanly:', error);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
