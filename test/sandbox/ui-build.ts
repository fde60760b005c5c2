/**
 * Builds static/ui once when its dist is missing or older than its sources (the UI imports
 * src/contract, so those count too). Building on every start would cost 10+ s on a 2-core machine;
 * serving a stale build would show yesterday's UI, which is worse.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
export const UI_DIST = path.join(ROOT, 'static/ui/dist');
const UI_SOURCES = [
  'static/ui/src',
  'static/ui/index.html',
  'static/ui/vite.config.ts',
  'static/ui/package.json',
  'src/contract',
].map((p) => path.join(ROOT, p));

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) {
    // Tests are not part of the bundle; editing one must not force a rebuild.
    if (/\.test\.tsx?$/.test(entry) || entry === 'test') continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

/** Why the UI needs a build, or undefined when dist is current. */
export function staleUiReason(): string | undefined {
  const built = path.join(UI_DIST, 'index.html');
  if (!existsSync(built)) return 'static/ui/dist is missing';
  const builtAt = statSync(built).mtimeMs;
  const changed = UI_SOURCES.find((source) => newestMtime(source) > builtAt);
  return changed === undefined ? undefined : `${path.relative(ROOT, changed)} changed since the last build`;
}

export async function ensureUiBuild(log: (line: string) => void): Promise<void> {
  const reason = staleUiReason();
  if (reason === undefined) return;
  log(`Building the Custom UI (${reason}) …`);
  await new Promise<void>((resolve, reject) => {
    const child = spawn('npm', ['run', 'build:ui', '--silent'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`npm run build:ui failed (exit ${String(code)}); run it to see why`)),
    );
  });
}
