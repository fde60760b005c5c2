import { redactSecrets, type RedactionMode } from '../src/core/redaction/redact-secrets';
import { pathologicalInputs } from '../test/unit/core/redaction/pathological-inputs';

export interface RedactionBenchRow {
  bench: 'redaction';
  input: string;
  mode: RedactionMode;
  chars: number;
  ms: number;
}

/**
 * Times `redactSecrets` on each 1 MB adversarial input in both modes (the shapes the unit test
 * `linear-time` feeds every text path). The worst row is what one finding field can cost.
 */
export function benchRedaction(): RedactionBenchRow[] {
  const rows: RedactionBenchRow[] = [];
  for (const [input, text] of Object.entries(pathologicalInputs())) {
    for (const mode of ['detect', 'secrets-finding'] as const) {
      const started = performance.now();
      redactSecrets(text, { mode });
      rows.push({
        bench: 'redaction',
        input,
        mode,
        chars: text.length,
        ms: Math.round(performance.now() - started),
      });
    }
  }
  return rows;
}

export function formatRedactionRow(row: RedactionBenchRow): string {
  return `redaction  ${row.mode.padEnd(15)} ${row.input.padEnd(44)} ${String(row.chars).padStart(8)} chars  ${String(row.ms).padStart(6)} ms`;
}
