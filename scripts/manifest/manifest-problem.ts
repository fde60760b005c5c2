// One shape for every problem the offline manifest check reports, whichever checker found it,
// so the CLI prints them uniformly and tests can assert on where they came from.

export type ProblemSource = 'forge-manifest' | 'forge-lint' | 'product-events' | 'handler-exports';

export interface ManifestProblem {
  readonly level: 'error' | 'warning';
  readonly source: ProblemSource;
  /** Path relative to the validated app directory, e.g. `manifest.yml` or `src/index.ts`. */
  readonly file: string;
  /** 1-based; 0 when the checker could not tell (Forge reports some problems without a position). */
  readonly line: number;
  /** 1-based; 0 when unknown. */
  readonly column: number;
  readonly message: string;
  readonly reference?: string;
}

export interface ManifestValidationReport {
  readonly errors: readonly ManifestProblem[];
  readonly warnings: readonly ManifestProblem[];
}

export function formatProblem(problem: ManifestProblem): string {
  const where =
    problem.line > 0 ? `${problem.file}:${problem.line}:${Math.max(problem.column, 1)}` : problem.file;
  const tag = problem.reference ? `${problem.source}/${problem.reference}` : problem.source;
  return `${where}  ${problem.level}  ${problem.message}  [${tag}]`;
}

/** Splits a flat list into errors and warnings, dropping repeats that two checkers both found. */
export function buildReport(problems: readonly ManifestProblem[]): ManifestValidationReport {
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const key = `${p.level}|${p.file}|${p.line}|${p.column}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const byPosition = (a: ManifestProblem, b: ManifestProblem): number =>
    a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
  return {
    errors: unique.filter((p) => p.level === 'error').sort(byPosition),
    warnings: unique.filter((p) => p.level === 'warning').sort(byPosition),
  };
}
