import { redactFinding } from '../../../../src/core/redaction/redact-finding';
import { redactForLog } from '../../../../src/core/redaction/redact-for-log';
import { redactSecrets, DETECTION_WINDOW } from '../../../../src/core/redaction/redact-secrets';
import { renderTicket } from '../../../../src/core/ticket/render-ticket';
import { templateVariablesOf } from '../../../../src/core/templates/template-variables';
import { renderDescriptionTemplate } from '../../../../src/core/templates/template-renderer';
import { aFinding } from '../../../fixtures/findings/finding-builder';
import { SECRET_FORMATS } from '../../../fixtures/secrets/secret-formats';
import { pathologicalInputs, PATHOLOGICAL_SIZE } from './pathological-inputs';

/**
 * Finding 4b: a 12 KB identifier chain took `findings.search` 27.6 s through a backtracking
 * pattern. Every text path now gets 1 MB of each adversarial shape, with a real credential at the
 * very end (past every detection window but the last), and must still find it. No timing is
 * asserted (the suite's timeout is the backstop; `npm run bench` prints the worst redaction time):
 * before the fix this file did not finish.
 */
const KEY = SECRET_FORMATS.find((f) => f.name === 'GitHub classic token')?.secret ?? '';
const inputs = Object.entries(pathologicalInputs());

describe('redaction in linear time: 1 MB adversarial inputs on every text path', () => {
  it('the inputs are 1 MB each and longer than a detection window', () => {
    for (const [, text] of inputs) expect(text.length).toBe(PATHOLOGICAL_SIZE);
    expect(PATHOLOGICAL_SIZE).toBeGreaterThan(DETECTION_WINDOW * 10);
  });

  it.each(inputs)('redactSecrets, both modes: %s', (_name, text) => {
    for (const mode of ['detect', 'secrets-finding'] as const) {
      const out = redactSecrets(`${text}\n${KEY}\n`, { mode }).text;
      expect(out).not.toContain(KEY);
    }
  });

  // Each field gets a different shape so the whole set is covered; one test per renderer.
  const shapes = inputs.map(([, text]) => `${text} ${KEY}`);
  const at = (i: number): string => shapes[i % shapes.length] ?? '';
  const finding = () =>
    aFinding({
      title: at(0),
      description: at(1),
      codeSnippet: at(2),
      vulnClass: at(3),
      language: at(4),
      location: { file: at(5), startLine: 1 },
      repository: { id: 'repo-1', name: at(6), url: at(7) },
      cvss: { score: 9, vector: at(8) },
      patch: { prTitle: at(9), prUrl: at(10) },
    });
  it.each([
    ['every finding field (snapshot, panel, search)', () => JSON.stringify(redactFinding(finding()))],
    [
      'the ticket',
      () =>
        JSON.stringify(
          renderTicket(finding(), { zeroPathBaseUrl: 'https://zeropath.com', priorityFieldAvailable: false }),
        ),
    ],
    [
      'template variables and the description template',
      () =>
        JSON.stringify(
          renderDescriptionTemplate('{{description}} {{affectedFile}}', templateVariablesOf(finding())),
        ),
    ],
    [
      'a log line',
      () =>
        JSON.stringify(redactForLog({ message: at(11), codeSnippet: at(12), nested: { reason: at(13) } })),
    ],
  ])('%s', (_name, render) => {
    expect(render()).not.toContain(KEY);
  });
});
