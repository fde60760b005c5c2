/**
 * Evaluation command for labelled triage sets:
 *   npm run --silent triage:classify -- FILE.jsonl
 * prints one JSON line per case, {"id", "decision", "confidence", "evidence"}, and nothing else on
 * stdout. (npm itself prints a "> script" banner to stdout unless run with --silent.) Problems go
 * to stderr with the line number, and the exit code is 1 if any line was rejected.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { classifyClosure } from '../src/core/triage/closure-classifier';
import { triageInputSchema } from '../src/core/triage/triage-types';

const caseSchema = triageInputSchema.extend({ id: z.string().min(1) });

function formatIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}

function main(argv: string[]): number {
  const file = argv[0];
  if (file === undefined || argv.length > 1) {
    process.stderr.write('usage: npm run --silent triage:classify -- FILE.jsonl\n');
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
    const result = classifyClosure(input);
    process.stdout.write(
      `${JSON.stringify({ id, decision: result.decision, confidence: result.confidence, evidence: result.evidence })}\n`,
    );
  });
  return failures > 0 ? 1 : 0;
}

// A reader that stops early (`| head`) is not an error in a line-oriented command.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = main(process.argv.slice(2));
