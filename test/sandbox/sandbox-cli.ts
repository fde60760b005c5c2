/**
 * `npm start` (PORT=3000 by default; PORT=0 picks a free port). Builds the Custom UI if its dist is
 * missing or stale, starts the sandbox, prints where it is, and closes everything on Ctrl-C.
 */
import { startSandbox, type Sandbox } from './sandbox';
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

async function main(): Promise<void> {
  const port = portFromEnv();
  // Said up front rather than ignored: a person passing --state expects their data back next time.
  if (process.argv.slice(2).some((arg) => arg === '--state' || arg.startsWith('--state='))) {
    console.warn('--state is not supported yet: this sandbox starts empty and its state is lost when it stops.');
  }
  await ensureUiBuild((line) => console.log(line));
  await ensureUiKitBuild(Object.values(UI_KIT_RESOURCES), (line) => console.log(line));
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({ port, host: process.env['HOST'] ?? '127.0.0.1' });
  } catch (error) {
    const code = (error as { code?: string }).code;
    console.error(code === 'EADDRINUSE' ? `Port ${port} is in use: try PORT=3001 npm start` : error);
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
      `State is kept in memory only: Ctrl-C loses the connection, issues and links (\`--state FILE\` is not supported yet).`,
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
