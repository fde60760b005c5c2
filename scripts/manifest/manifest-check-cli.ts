// The command-line face of validateManifest, kept apart from scripts/validate-manifest.ts so
// tests can run it in-process (a fresh process pays the schema warm-up again).
import path from 'node:path';
import { formatProblem, validateManifest } from './manifest-validator';

export interface CliOutput {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** Validates `args[0]` (default: the working directory); returns the exit code: 1 when any error. */
export async function runManifestCheck(
  args: readonly string[],
  output: CliOutput,
  cwd: string = process.cwd(),
): Promise<number> {
  const appDir = path.resolve(cwd, args[0] ?? '.');
  const display = (file: string): string => {
    const relative = path.relative(cwd, path.join(appDir, file));
    return relative.startsWith('..') ? path.join(appDir, file) : relative;
  };
  const report = await validateManifest(appDir);
  for (const problem of report.warnings)
    output.err(formatProblem({ ...problem, file: display(problem.file) }));
  for (const problem of report.errors) output.err(formatProblem({ ...problem, file: display(problem.file) }));
  output.out(
    `manifest check: ${report.errors.length} error(s), ${report.warnings.length} warning(s) in ${display('manifest.yml')}`,
  );
  return report.errors.length > 0 ? 1 : 0;
}
