// Each check of the offline manifest validation must fire on a deliberately broken copy of a
// known-good app (test/manifest/fixtures/app), and stay quiet on the good one and on the
// repository's own manifest. The first validation in a process warms @forge/manifest's schema
// compiler (tens of seconds on a busy 2-core machine); later ones take a fraction of a second.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runManifestCheck } from '../../scripts/manifest/manifest-check-cli';
import {
  formatProblem,
  validateManifest,
  type ManifestProblem,
} from '../../scripts/manifest/manifest-validator';

const repoRoot = path.resolve(__dirname, '..', '..');
const fixtureApp = path.join(__dirname, 'fixtures', 'app');
const WARM_UP_TIMEOUT_MS = 240_000;
const CASE_TIMEOUT_MS = 60_000;

interface Edit {
  readonly file: string;
  readonly from: string | RegExp;
  readonly to: string;
}

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A temporary copy of the fixture app with each edit applied; an edit that changes nothing fails the test. */
function copyFixtureWith(...edits: Edit[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zp-manifest-'));
  tempDirs.push(dir);
  fs.cpSync(fixtureApp, dir, { recursive: true });
  for (const edit of edits) {
    const file = path.join(dir, edit.file);
    const before = fs.readFileSync(file, 'utf8');
    const after = before.replace(edit.from, edit.to);
    if (after === before)
      throw new Error(`Edit of ${edit.file} did not apply: ${String(edit.from)} not found`);
    fs.writeFileSync(file, after);
  }
  return dir;
}

function lineOf(dir: string, text: string): number {
  const index = fs
    .readFileSync(path.join(dir, 'manifest.yml'), 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(text));
  if (index < 0) throw new Error(`'${text}' is not in the manifest`);
  return index + 1;
}

const summarise = (problems: readonly ManifestProblem[]) =>
  problems.map((p) => ({ source: p.source, file: p.file, line: p.line, message: p.message }));

describe('validateManifest on a known-good app', () => {
  it(
    'reports nothing for the fixture app, which re-exports handlers through `export *` and `export { a as b } from`',
    async () => {
      const report = await validateManifest(fixtureApp);
      expect(summarise(report.errors)).toEqual([]);
      expect(summarise(report.warnings)).toEqual([]);
    },
    WARM_UP_TIMEOUT_MS,
  );

  it(
    "reports no error for the repository's own manifest.yml and src/index.ts",
    async () => {
      const report = await validateManifest(repoRoot);
      expect(summarise(report.errors)).toEqual([]);
    },
    CASE_TIMEOUT_MS,
  );
});

describe('validateManifest on a broken copy', () => {
  it(
    'rejects a trigger event no product emits, pointing at it with a hint',
    async () => {
      const dir = copyFixtureWith({
        file: 'manifest.yml',
        from: 'avi:jira:commented:issue',
        to: 'avi:jira:updated:comment',
      });
      const report = await validateManifest(dir);
      expect(summarise(report.errors)).toEqual([
        {
          source: 'product-events',
          file: 'manifest.yml',
          line: lineOf(dir, 'avi:jira:updated:comment'),
          message: expect.stringContaining("Unknown product event 'avi:jira:updated:comment'"),
        },
      ]);
      expect(report.errors[0]?.message).toContain('avi:jira:commented:issue fires on create and edit');
      expect(report.errors[0]?.column).toBe(11);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'checks events given in object form too',
    async () => {
      const dir = copyFixtureWith({
        file: 'manifest.yml',
        from: '        - avi:jira:updated:issue\n        - avi:jira:commented:issue\n      filter:\n        ignoreSelf: true\n',
        to: [
          '        - eventType: avi:jira:updated:issue',
          '          filter: { ignoreSelf: true }',
          '        - eventType: avi:jira:comment:added',
          '          filter: { ignoreSelf: true }',
          '',
        ].join('\n'),
      });
      const report = await validateManifest(dir);
      expect(summarise(report.errors)).toEqual([
        expect.objectContaining({ source: 'product-events', line: lineOf(dir, 'avi:jira:comment:added') }),
      ]);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'rejects an unknown scope (@forge/manifest)',
    async () => {
      const dir = copyFixtureWith({ file: 'manifest.yml', from: '- storage:app', to: '- storage:appz' });
      const report = await validateManifest(dir);
      expect(summarise(report.errors)).toEqual([
        {
          source: 'forge-manifest',
          file: 'manifest.yml',
          line: lineOf(dir, 'storage:appz'),
          message: expect.stringContaining("'storage:appz'"),
        },
      ]);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'rejects a runtime name Forge does not offer (@forge/manifest)',
    async () => {
      const dir = copyFixtureWith({ file: 'manifest.yml', from: 'name: nodejs24.x', to: 'name: nodejs18.x' });
      const report = await validateManifest(dir);
      expect(summarise(report.errors)).toEqual([
        {
          source: 'forge-manifest',
          file: 'manifest.yml',
          line: lineOf(dir, 'nodejs18.x'),
          message: expect.stringContaining(
            "'nodejs18.x' allowed values are 'nodejs20.x', 'nodejs22.x', 'nodejs24.x'",
          ),
        },
      ]);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'rejects a handler that src/index.ts does not export',
    async () => {
      const dir = copyFixtureWith({
        file: 'manifest.yml',
        from: 'handler: index.pollZeroPath',
        to: 'handler: index.doesNotExist',
      });
      const report = await validateManifest(dir);
      expect(summarise(report.errors)).toEqual([
        {
          source: 'handler-exports',
          file: 'manifest.yml',
          line: lineOf(dir, 'index.doesNotExist'),
          message:
            "Handler 'index.doesNotExist' of function 'poll-zeropath': src/index.ts has no runtime export 'doesNotExist'",
        },
      ]);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'rejects a handler re-exported from a module that does not export it',
    async () => {
      const dir = copyFixtureWith({
        file: 'src/entry/scheduled/poll.ts',
        from: 'export const runPoll',
        to: 'export const runPollRenamed',
      });
      const report = await validateManifest(dir);
      expect(summarise(report.errors)).toEqual([
        expect.objectContaining({
          source: 'handler-exports',
          message: expect.stringContaining("no runtime export 'pollZeroPath'"),
        }),
      ]);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'rejects a handler that src/index.ts exports only as a type',
    async () => {
      const dir = copyFixtureWith({
        file: 'manifest.yml',
        from: 'handler: index.pollZeroPath',
        to: 'handler: index.PollSummary',
      });
      const report = await validateManifest(dir);
      expect(summarise(report.errors)).toEqual([
        expect.objectContaining({
          source: 'handler-exports',
          message: expect.stringContaining("no runtime export 'PollSummary'"),
        }),
      ]);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'rejects a handler that lives outside the src/index.ts barrel',
    async () => {
      const dir = copyFixtureWith({
        file: 'manifest.yml',
        from: 'handler: index.onIssueEvent',
        to: 'handler: entry/triggers/issue-events.onIssueEvent',
      });
      const report = await validateManifest(dir);
      expect(summarise(report.errors)).toEqual([
        expect.objectContaining({
          source: 'handler-exports',
          message: expect.stringContaining('must be exported from src/index.ts'),
        }),
      ]);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    "runs @forge/lint's client-side linters: a UI-length timeout on a trigger's function is an error",
    async () => {
      const dir = copyFixtureWith({
        file: 'manifest.yml',
        from: '      handler: index.onIssueEvent\n',
        to: '      handler: index.onIssueEvent\n      timeoutSeconds: 300\n',
      });
      const report = await validateManifest(dir);
      expect(summarise(report.errors)).toEqual([
        expect.objectContaining({
          source: 'forge-lint',
          file: 'manifest.yml',
          message: expect.stringContaining('on-issue-event'),
        }),
      ]);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'reports a deprecated string egress entry as a warning, not an error',
    async () => {
      const dir = copyFixtureWith({
        file: 'manifest.yml',
        from: '- address: https://zeropath.com',
        to: '- https://zeropath.com',
      });
      const report = await validateManifest(dir);
      expect(report.errors).toEqual([]);
      expect(summarise(report.warnings)).toEqual([
        expect.objectContaining({
          file: 'manifest.yml',
          message: expect.stringContaining('deprecated egress permission entries'),
        }),
      ]);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'reports a manifest that is not YAML instead of throwing',
    async () => {
      const dir = copyFixtureWith({ file: 'manifest.yml', from: 'modules:', to: 'modules: [' });
      const report = await validateManifest(dir);
      expect(report.errors.length).toBeGreaterThan(0);
      expect(report.errors[0]?.source).toBe('forge-manifest');
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'reports a missing manifest',
    async () => {
      const dir = copyFixtureWith();
      fs.rmSync(path.join(dir, 'manifest.yml'));
      const report = await validateManifest(dir);
      expect(summarise(report.errors)).toEqual([
        expect.objectContaining({ message: expect.stringContaining('No manifest.yml') }),
      ]);
    },
    CASE_TIMEOUT_MS,
  );
});

describe('formatProblem', () => {
  it('prints file:line:col, level, message and the checker that found it', () => {
    const problem: ManifestProblem = {
      level: 'error',
      source: 'product-events',
      file: 'manifest.yml',
      line: 12,
      column: 11,
      message: 'Unknown product event',
      reference: 'unknown-product-event',
    };
    expect(formatProblem(problem)).toBe(
      'manifest.yml:12:11  error  Unknown product event  [product-events/unknown-product-event]',
    );
    expect(formatProblem({ ...problem, line: 0, column: 0 })).toMatch(/^manifest\.yml {2}error/);
  });
});

describe('npm run lint:manifest (runManifestCheck)', () => {
  it(
    'returns exit code 1 on an error, printing warnings and errors as file:line:col',
    async () => {
      const dir = copyFixtureWith(
        { file: 'manifest.yml', from: 'index.pollZeroPath', to: 'index.doesNotExist' },
        { file: 'manifest.yml', from: '- address: https://zeropath.com', to: '- https://zeropath.com' },
      );
      const out: string[] = [];
      const err: string[] = [];
      const code = await runManifestCheck([dir], { out: (l) => out.push(l), err: (l) => err.push(l) }, dir);
      expect(code).toBe(1);
      expect(err).toEqual([
        expect.stringMatching(
          /^manifest\.yml:\d+:\d+ {2}warning {2}There are deprecated egress permission entries/,
        ),
        expect.stringContaining(
          `manifest.yml:${lineOf(dir, 'index.doesNotExist')}:16  error  Handler 'index.doesNotExist'`,
        ),
      ]);
      expect(out).toEqual(['manifest check: 1 error(s), 1 warning(s) in manifest.yml']);
    },
    CASE_TIMEOUT_MS,
  );

  it(
    'returns exit code 0 when there are only warnings',
    async () => {
      const dir = copyFixtureWith({
        file: 'manifest.yml',
        from: '- address: https://zeropath.com',
        to: '- https://zeropath.com',
      });
      const lines: string[] = [];
      const code = await runManifestCheck(
        ['.'],
        { out: (l) => lines.push(l), err: (l) => lines.push(l) },
        dir,
      );
      expect(code).toBe(0);
      expect(lines.at(-1)).toBe('manifest check: 0 error(s), 1 warning(s) in manifest.yml');
    },
    CASE_TIMEOUT_MS,
  );
});
