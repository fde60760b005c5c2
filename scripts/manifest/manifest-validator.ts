// Offline manifest validation: what `forge lint` checks on the client, plus two checks it lacks
// (unknown product events, handlers not exported by src/index.ts). Used by
// scripts/validate-manifest.ts (npm run lint:manifest) and by test/manifest.
import fs from 'node:fs';
import path from 'node:path';
import { runForgeLint, runForgeManifestValidation } from './forge-checks';
import { checkHandlerExports } from './handler-export-check';
import { ManifestParseError, parseManifestDocument } from './manifest-document';
import { buildReport, type ManifestProblem, type ManifestValidationReport } from './manifest-problem';
import { checkProductEvents } from './product-event-check';

export { formatProblem, type ManifestProblem, type ManifestValidationReport } from './manifest-problem';

/** Validates `<appDir>/manifest.yml` against `<appDir>/src`. Never throws for a bad manifest: it reports it. */
export async function validateManifest(appDir: string): Promise<ManifestValidationReport> {
  const dir = path.resolve(appDir);
  const manifestFile = path.join(dir, 'manifest.yml');
  if (!fs.existsSync(manifestFile)) {
    return buildReport([
      {
        level: 'error',
        source: 'forge-manifest',
        file: 'manifest.yml',
        line: 0,
        column: 0,
        message: `No manifest.yml in ${dir}`,
      },
    ]);
  }

  // Order matters for de-duplication: the first checker to report a problem keeps it.
  const problems: ManifestProblem[] = await runForgeManifestValidation(dir);
  let document;
  try {
    document = parseManifestDocument(fs.readFileSync(manifestFile, 'utf8'));
  } catch (error) {
    // validate() has already reported the YAML error with its position; nothing else can run.
    if (error instanceof ManifestParseError) return buildReport(problems);
    throw error;
  }
  problems.push(...(await runForgeLint(dir, document.value)));
  problems.push(...checkProductEvents(document.triggerEvents));
  problems.push(...checkHandlerExports(dir, document.handlers));
  return buildReport(problems);
}
