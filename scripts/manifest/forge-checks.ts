// The client-side half of `forge lint`, which the CLI itself will not run without an Atlassian
// login: @forge/manifest's validate() (schema, runtime names, scopes, resources, egress syntax,
// event→scope gaps) and @forge/lint's client-side linters over the manifest and src/.
import fs from 'node:fs';
import path from 'node:path';
import { validate } from '@forge/manifest';
import { getClientSideLintersOnly, lint, PermissionLinter, type LintResult } from '@forge/lint';
// Not re-exported from the package root; the package has no `exports` map, so the path is public.
import { HandlerLinter } from '@forge/lint/out/lint/linters/handler-linter/handler-linter';
import { type ManifestProblem } from './manifest-problem';

const LINT_ENVIRONMENT = 'development';
type LintManifest = Parameters<typeof lint>[1];
type LintStatsig = Parameters<typeof lint>[4];
const LINTED_EXTENSIONS = new Set(['.ts', '.tsx', '.js', '.jsx']);

// Forge numbers columns from 0 and uses line 0 for "somewhere in this file"; we print 1-based.
function toProblem(
  source: ManifestProblem['source'],
  file: string,
  p: {
    level: string;
    message: string;
    line?: number | undefined;
    column?: number | undefined;
    reference?: string | undefined;
  },
): ManifestProblem {
  const line = p.line ?? 0;
  return {
    level: p.level === 'warning' ? 'warning' : 'error',
    source,
    file,
    line,
    column: line > 0 ? (p.column ?? 0) + 1 : 0,
    message: p.message,
    ...(p.reference ? { reference: p.reference } : {}),
  };
}

export async function runForgeManifestValidation(appDir: string): Promise<ManifestProblem[]> {
  const result = await validate(false, path.join(appDir, 'manifest.yml'));
  return (result.errors ?? []).map((e) => toProblem('forge-manifest', 'manifest.yml', e));
}

// @forge/lint reads manifest.yml and tsconfig.json from the working directory, so it runs with
// the process chdir'ed into the app. Runs are chained so two never share the process's cwd.
let lintQueue: Promise<unknown> = Promise.resolve();

export function runForgeLint(appDir: string, manifest: unknown): Promise<ManifestProblem[]> {
  const run = lintQueue.then(() => runForgeLintInDirectory(appDir, manifest));
  lintQueue = run.catch(() => undefined);
  return run;
}

async function runForgeLintInDirectory(appDir: string, manifest: unknown): Promise<ManifestProblem[]> {
  const previousDir = process.cwd();
  process.chdir(appDir);
  try {
    // The CLI fetches deprecated runtimes from a remote feature flag; offline we rely on the
    // schema's runtime enum, which validate() checks. The linters call nothing else on it.
    const statsig = { getDeprecatedRuntimes: () => Promise.resolve<string[]>([]) } as unknown as LintStatsig;
    // Problems come back as results; the linters' own progress chatter is not wanted.
    const logger = { info: (): void => undefined };
    // The schema validator has already checked the shape; lint only needs the parsed value.
    const forgeManifest = manifest as LintManifest;
    const linters = (await getClientSideLintersOnly(forgeManifest, LINT_ENVIRONMENT, logger, statsig)).filter(
      // PermissionLinter downloads Atlassian's OpenAPI specs (network). HandlerLinter only warns
      // and cannot see through `export *`; checkHandlerExports replaces it with a hard check.
      (linter) => !(linter instanceof PermissionLinter) && !(linter instanceof HandlerLinter),
    );
    const results: LintResult[] = await lint(
      listSourceFiles('src'),
      forgeManifest,
      LINT_ENVIRONMENT,
      logger,
      statsig,
      {
        linter: { mode: 'client-side' },
        linters,
      },
    );
    return results.flatMap((result) => {
      const file = path.relative(appDir, path.resolve(appDir, result.file)) || result.file;
      return [...result.errors, ...result.warnings].map((rule) =>
        toProblem('forge-lint', file, { ...rule, level: rule.class, reference: rule.reference }),
      );
    });
  } finally {
    process.chdir(previousDir);
  }
}

function listSourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((entry) => LINTED_EXTENSIONS.has(path.extname(entry)) && !entry.endsWith('.d.ts'))
    .map((entry) => path.join(dir, entry))
    .sort();
}
