/**
 * Evaluation command for labelled triage sets:
 *   npm run --silent triage:classify -- [--rules-only] FILE.jsonl
 * prints one JSON line per case, {"id", "decision", "confidence", "evidence", "undecided"?}, and
 * nothing else on stdout; `--rules-only` leaves the learned reader out. (npm itself prints a "> script" banner to stdout unless run with --silent.) Problems go
 * to stderr with the line number, and the exit code is 1 if any line was rejected.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { classifyClosure } from '../src/core/triage/closure-classifier';
import { triageClosure } from '../src/core/triage/closure-triage';
import { triageInputSchema } from '../src/core/triage/triage-types';

const caseSchema = triageInputSchema.extend({ id: z.string().min(1) });

function formatIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}

function main(argv: string[]): number {
  const rulesOnly = argv[0] === '--rules-only';
  const files = rulesOnly ? argv.slice(1) : argv;
  const file = files[0];
  if (file === undefined || files.length > 1) {
    process.stderr.write('usage: npm run --silent triage:classify -- [--rules-only] FILE.jsonl\n');
    return 2;
  }
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (error) {
    process.stderr.write(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  let failures = 0;
  content.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (error) {
      failures += 1;
      process.stderr.write(`${file}:${index + 1}: not JSON (${error instanceof Error ? error.message : String(error)})\n`);
      return;
    }
    const parsed = caseSchema.safeParse(raw);
    if (!parsed.success) {
      failures += 1;
      process.stderr.write(`${file}:${index + 1}: not a triage case: ${formatIssues(parsed.error)}\n`);
      return;
    }
    const { id, ...input } = parsed.data;
    const result = rulesOnly ? classifyClosure(input) : triageClosure(input);
    const { decision, confidence, evidence, undecided } = result;
    process.stdout.write(`${JSON.stringify({ id, decision, confidence, evidence, ...(undecided === true ? { undecided } : {}) })}\n`);
  });
  return failures > 0 ? 1 : 0;
}

// A reader that stops early (`| head`) is not an error in a line-oriented command.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = main(process.argv.slice(2));
