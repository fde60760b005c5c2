/**
 * Runs once before any browser test (Jest `globalSetup`, which has no timeout): builds what the
 * sandbox serves when it is missing or stale, so no test's start-up timer pays for a cold
 * @forge/bundler run (35–80 s on a shared 2-core machine). The sandbox CLI would build the same on
 * start; here it is done up front.
 */
import { ensureUiBuild } from '../sandbox/ui-build';
import { ensureUiKitBuild } from '../sandbox/ui-kit/ui-kit-build';
import { UI_KIT_RESOURCES } from '../sandbox/ui-kit/ui-kit-pages';

export default async function buildSandboxUi(): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  await ensureUiBuild(log);
  await ensureUiKitBuild(Object.values(UI_KIT_RESOURCES), log);
}
