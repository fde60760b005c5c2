// `npm run deploy:check` must fail on every way a copy of the app can be broken for `forge deploy`
// while `npm run lint:manifest` and the Jest suite stay green. Each case is a tiny app in a temp
// folder (bundling the whole app once per case would take minutes) built by the very same
// command, `tsx scripts/deploy-check.ts`, with the repository's real tsconfig.json copied in.
// The manifest step is skipped here: validate-manifest.test.ts covers it, and these cases are
// about what only the bundler and a real load see.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../..');
const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
const cli = path.join(repoRoot, 'scripts', 'deploy-check.ts');
// Bundling runs webpack + ts-loader in a child process; on a shared 2-core machine that is slow.
const CASE_TIMEOUT_MS = 240_000;

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

interface FixtureOptions {
  readonly handlers: readonly string[];
  readonly files: Record<string, string>;
  readonly tsconfig?: (text: string) => string;
}

/** A minimal Forge app: the repo's tsconfig files, a manifest naming `handlers`, `files` under it. */
function writeApp({ handlers, files, tsconfig = (text) => text }: FixtureOptions): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zp-deploy-case-'));
  tempDirs.push(dir);
  fs.copyFileSync(path.join(repoRoot, 'tsconfig.base.json'), path.join(dir, 'tsconfig.base.json'));
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    tsconfig(fs.readFileSync(path.join(repoRoot, 'tsconfig.json'), 'utf8')),
  );
  const functions = handlers.map((handler, i) => `    - key: fn-${i}\n      handler: ${handler}`).join('\n');
  fs.writeFileSync(
    path.join(dir, 'manifest.yml'),
    `app:\n  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000\n  runtime:\n    name: nodejs24.x\nmodules:\n  function:\n${functions}\n`,
  );
  for (const [file, source] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), source);
  }
  // Packages resolve from the app folder, as they do in a real checkout after `npm ci`.
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

function runDeployCheck(appDir: string): { code: number | null; output: string } {
  const run = spawnSync(tsx, [cli, '--app', appDir, '--skip-manifest'], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: CASE_TIMEOUT_MS,
  });
  return { code: run.status, output: `${run.stdout}\n${run.stderr}` };
}

const workingIndex = [
  "import { z } from 'zod';",
  'const Payload = z.object({ name: z.string() });',
  'export async function run(input: unknown): Promise<{ statusCode: number }> {',
  '  Payload.parse(input);',
  '  return { statusCode: 200 };',
  '}',
  'export const other = async (): Promise<void> => undefined;',
].join('\n');

describe('npm run deploy:check on deliberately broken copies', () => {
  it(
    'passes a working app: bundles it, loads it outside the repo and resolves every handler',
    () => {
      const app = writeApp({
        handlers: ['index.run', 'index.other'],
        files: { 'src/index.ts': workingIndex },
      });
      const { code, output } = runDeployCheck(app);
      expect(output).toMatch(/deploy check: backend +ok +index\.cjs/);
      expect(output).toMatch(/deploy check: load +ok +node v\d+\.\d+\.\d+: 2\/2 manifest handlers resolve/);
      expect(code).toBe(0);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'fails when the root tsconfig sets noEmit again (ts-loader emits nothing for Forge to bundle)',
    () => {
      const app = writeApp({
        handlers: ['index.run'],
        files: { 'src/index.ts': workingIndex },
        tsconfig: (text) => text.replace('"compilerOptions": {', '"compilerOptions": {\n    "noEmit": true,'),
      });
      expect(fs.readFileSync(path.join(app, 'tsconfig.json'), 'utf8')).toContain('"noEmit": true');
      const { code, output } = runDeployCheck(app);
      expect(output).toContain('TypeScript emitted no output for');
      expect(output).toMatch(/deploy check: bundle +FAIL/);
      expect(code).toBe(1);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'fails when a manifest handler names an export the bundle does not have',
    () => {
      const app = writeApp({
        handlers: ['index.run', 'index.missing'],
        files: { 'src/index.ts': workingIndex },
      });
      const { code, output } = runDeployCheck(app);
      expect(output).toContain(
        'fn-1 (index.missing): index.cjs exports no function missing (found undefined)',
      );
      expect(output).toMatch(/deploy check: load +FAIL +node v[\d.]+: 1\/2 manifest handlers resolve/);
      expect(code).toBe(1);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'fails when a top-level statement throws while the bundle loads',
    () => {
      const app = writeApp({
        handlers: ['index.run'],
        files: {
          'src/index.ts': `import './config-at-load';\n${workingIndex}`,
          'src/config-at-load.ts':
            "const region = process.env.ZP_REGION;\nif (region === undefined) throw new Error('ZP_REGION is not set');\nexport {};\n",
        },
      });
      const { code, output } = runDeployCheck(app);
      expect(output).toContain('loading index.cjs threw: Error: ZP_REGION is not set');
      expect(code).toBe(1);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'fails when code needs a package from node_modules at run time (the deploy archive has no node_modules)',
    () => {
      // A computed require() is left for run time by webpack, so the package is not in the bundle;
      // it loads under Jest and tsx, where the repository's node_modules is on the path.
      const app = writeApp({
        handlers: ['index.run'],
        files: {
          'src/index.ts': [
            "const packageName = ['mus', 'tache'].join('');",
            'const mustache = require(packageName) as { render(t: string, v: object): string };',
            "export const run = async () => ({ statusCode: 200, body: mustache.render('{{a}}', { a: 1 }) });",
          ].join('\n'),
        },
      });
      const { code, output } = runDeployCheck(app);
      expect(output).toMatch(/loading index\.cjs threw: Error: Cannot find module 'mustache'/);
      expect(code).toBe(1);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'fails when code imports a native addon (Forge bundles JavaScript only; no .node binary is deployed)',
    () => {
      const app = writeApp({
        handlers: ['index.run'],
        files: {
          'src/index.ts': "import addon from './fast-hash.node';\nexport const run = async () => addon;\n",
          'src/fast-hash.node': '\u007fELF not really a shared object',
          'src/native.d.ts': "declare module '*.node' { const addon: unknown; export default addon; }\n",
        },
      });
      const { code, output } = runDeployCheck(app);
      // webpack has no loader for a binary, so the bundler stops before anything is deployed.
      expect(output).toContain('Module parse failed');
      expect(output).toMatch(/deploy check: bundle +FAIL/);
      expect(code).toBe(1);
    },
    CASE_TIMEOUT_MS,
  );
});
