/**
 * What every browser test needs: the `npm start` sandbox as a child process (exactly what a person
 * runs), Debian's Chromium driven by playwright-core with a fresh profile, the sandbox's control
 * API for set-up and assertions, and a screenshot in test-results/ when a step fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type FrameLocator, type Page } from 'playwright-core';

const ROOT = path.resolve(__dirname, '../..');
export const RESULTS_DIR = path.join(ROOT, 'test-results');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** Without the networking flags Chromium keeps trying hosts this machine cannot reach. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const START_TIMEOUT_MS = 90_000;

export class E2eSetupError extends Error {
  override readonly name = 'E2eSetupError';
}

export interface RunningSandbox {
  readonly url: string;
  api<T = unknown>(method: 'GET' | 'POST', apiPath: string, body?: unknown): Promise<T>;
  /** Waits until `read()` satisfies `ok`, polling; fails with the last value seen. */
  eventually<T>(
    read: () => Promise<T>,
    ok: (value: T) => boolean,
    what: string,
    timeoutMs?: number,
  ): Promise<T>;
  /** Sends SIGTERM (Ctrl-C's sibling) and resolves with the exit code and output. */
  stop(): Promise<{ code: number | null; output: string }>;
}

/** `args` as a person passes them after `npm start --` (e.g. `['--state', file]`). */
export async function startSandboxProcess(args: readonly string[] = []): Promise<RunningSandbox> {
  const child: ChildProcess = spawn(
    path.join(ROOT, 'node_modules/.bin/tsx'),
    ['test/sandbox/sandbox-cli.ts', ...args],
    {
      cwd: ROOT,
      env: { ...process.env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new E2eSetupError(`The sandbox did not start within ${START_TIMEOUT_MS} ms:\n${output}`)),
      START_TIMEOUT_MS,
    );
    const check = () => {
      const match = /sandbox ready on (http:\/\/\S+)/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new E2eSetupError(`The sandbox exited (${String(code)}) before it was ready:\n${output}`));
    });
  });

  const api = async <T>(method: 'GET' | 'POST', apiPath: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}/__sandbox/api${apiPath}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as T & { error?: string };
    if (!res.ok) throw new Error(`${method} ${apiPath} → ${res.status}: ${json.error ?? ''}`);
    return json;
  };

  return {
    url,
    api,
    async eventually(read, ok, what, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      let last = await read();
      while (!ok(last)) {
        if (Date.now() > deadline)
          throw new Error(`Timed out waiting for ${what}; last seen: ${JSON.stringify(last).slice(0, 800)}`);
        await new Promise((r) => setTimeout(r, 250));
        last = await read();
      }
      return last;
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const code = await exited;
      return { code, output };
    },
  };
}

export interface Browser {
  readonly context: BrowserContext;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'zp-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 1000 },
  });
  return {
    context,
    newPage: () => context.newPage(),
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Runs a browser step; on failure saves a screenshot of every open page, then rethrows. */
export async function withScreenshots<T>(browser: Browser, name: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const safe = name.replace(/[^\w-]+/g, '-').slice(0, 80);
    const pages = browser.context.pages();
    for (const [i, page] of pages.entries()) {
      const file = path.join(RESULTS_DIR, `${safe}${pages.length > 1 ? `-${i + 1}` : ''}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      process.stderr.write(`screenshot saved: ${path.relative(ROOT, file)}\n`);
    }
    throw error;
  }
}

/** The Custom UI iframe of a sandbox app page. */
export function appFrame(page: Page) {
  return page.frameLocator('#app-frame');
}

/**
 * Picks an option of an Atlaskit Select (react-select) inside the app's frame as a person does with
 * the keyboard: focus the control by its bound label, type, wait for a matching option, press
 * Enter (the first match is the focused one). Clicking an option proved flaky: the menu repositions
 * while the modal settles, so Playwright never sees it stable.
 */
export async function pickOption(frame: FrameLocator, label: RegExp, typed: string): Promise<void> {
  const input = frame.getByLabel(label);
  await input.click();
  await input.pressSequentially(typed);
  // react-select's option elements (ids end in -option-N); its live region also mentions the text.
  const options = frame.locator('[id*="-option-"]');
  await options.filter({ hasText: typed }).first().waitFor();
  // Enter picks the focused option; until react-select has applied the filter (async options), the
  // focused one may be any option under the mouse. Wait until every option shown matches.
  const deadline = Date.now() + 10_000;
  while ((await options.count()) !== (await options.filter({ hasText: typed }).count())) {
    if (Date.now() > deadline) throw new Error(`pickOption: options never narrowed to '${typed}'`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await input.press('Enter');
}
