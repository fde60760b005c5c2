import { redactFinding } from '../../../../src/core/redaction/redact-finding';
import { redactForLog } from '../../../../src/core/redaction/redact-for-log';
import { redactSecrets } from '../../../../src/core/redaction/redact-secrets';
import { renderTicket } from '../../../../src/core/ticket/render-ticket';
import { cleanText } from '../../../../src/core/ticket/safe-text';
import { templateVariablesOf } from '../../../../src/core/templates/template-variables';
import {
  renderDescriptionTemplate,
  renderSummaryTemplate,
} from '../../../../src/core/templates/template-renderer';
import { buildFieldValue, type FieldCreateMeta } from '../../../../src/core/fields/field-mapping';
import { TEMPLATE_VARIABLES } from '../../../../src/core/templates/template-variables';
import type { Finding } from '../../../../src/core/finding/finding';
import { aFinding, aSecretsFinding } from '../../../fixtures/findings/finding-builder';
import { DISGUISES, SECRET_FORMATS } from '../../../fixtures/secrets/secret-formats';

/**
 * The secret battery, unit level: every credential format × every disguise × every finding field
 * that can reach Jira, the stored snapshot, the panel or a log, through every renderer. A leak is
 * the secret appearing in an output once Jira's own clean-up (control characters) and a reader's
 * eye (zero-width characters) have had their way with it. The integration battery
 * (`test/integration/security/secret-battery.test.ts`) runs the same formats through the real app.
 */
type Carrier = { name: string; plant: (finding: Finding, text: string) => Finding };

const CARRIERS: readonly Carrier[] = [
  { name: 'title', plant: (f, t) => ({ ...f, title: `Leaked credential ${t} in config` }) },
  {
    name: 'description prose',
    plant: (f, t) => ({ ...f, description: `The service starts with ${t} hard-coded.` }),
  },
  {
    name: 'description code fence',
    plant: (f, t) => ({ ...f, description: `Found:\n\n\`\`\`\n${t}\n\`\`\`\n` }),
  },
  {
    name: 'code snippet',
    plant: (f, t) => ({ ...f, codeSnippet: `const client = connect();\n${t}\nclient.run();` }),
  },
  {
    name: 'secrets-finding code snippet',
    plant: (f, t) => ({ ...aSecretsFinding({ id: f.id }), codeSnippet: t }),
  },
  {
    name: 'file path',
    plant: (f, t) => ({ ...f, location: { ...f.location, file: `config/${t}/settings.py` } }),
  },
  { name: 'vulnerability class', plant: (f, t) => ({ ...f, vulnClass: t }) },
  { name: 'language', plant: (f, t) => ({ ...f, language: t }) },
  { name: 'repository name', plant: (f, t) => ({ ...f, repository: { ...f.repository, name: t } }) },
  { name: 'CVSS vector', plant: (f, t) => ({ ...f, cvss: { score: 9.8, vector: `CVSS:3.1/AV:N/${t}` } }) },
  { name: 'fix PR title', plant: (f, t) => ({ ...f, patch: { prTitle: `Rotate ${t}` } }) },
  {
    name: 'fix PR URL',
    plant: (f, t) => ({ ...f, patch: { prUrl: `https://github.com/acme/app/pull/7?${t}` } }),
  },
];

/** What stays of a text after Jira's clean-up and a reader's eye: no control or zero-width characters. */
const asSeen = (text: string): string => cleanText(text).replace(/[\u200b-\u200f\u2060\ufeff]/g, '');

const paragraphField: FieldCreateMeta = {
  fieldId: 'customfield_10100',
  name: 'Details',
  required: false,
  schema: { type: 'string', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:textarea' },
};
const ALL_VARIABLES = TEMPLATE_VARIABLES.map((v) => `{{${v.name}}}`).join(' ');

function outputsOf(finding: Finding): Record<string, string> {
  const safe = redactFinding(finding);
  const ticket = renderTicket(finding, {
    zeroPathBaseUrl: 'https://zeropath.com',
    priorityFieldAvailable: true,
  });
  const variables = templateVariablesOf(finding);
  const summary = renderSummaryTemplate(ALL_VARIABLES, variables);
  const description = renderDescriptionTemplate(
    `## Finding\n\n${ALL_VARIABLES}\n\n**${ALL_VARIABLES}**`,
    variables,
  );
  const mapped = TEMPLATE_VARIABLES.map((v) =>
    buildFieldValue(
      paragraphField,
      { fieldId: paragraphField.fieldId, source: { type: 'finding', variable: v.name } },
      variables,
    ),
  );
  return {
    'redacted finding (snapshot, panel, search)': JSON.stringify(safe),
    'ticket summary, description, labels, property': JSON.stringify(ticket),
    'template variables': JSON.stringify(variables),
    'summary template': JSON.stringify(summary),
    'description template': JSON.stringify(description),
    'mapped paragraph field': JSON.stringify(mapped),
    'log line': JSON.stringify(redactForLog({ finding })),
  };
}

describe('secret battery (unit): formats × disguises × carriers × renderers', () => {
  it(`covers at least 30 formats`, () => {
    expect(SECRET_FORMATS.length).toBeGreaterThanOrEqual(30);
  });

  // One test per format, so the battery's run time is spread over many tests.
  it.each(SECRET_FORMATS.map((format) => [format.name, format] as const))(
    '%s: leaks nowhere',
    (_name, format) => {
      const leaks: string[] = [];
      let checked = 0;
      for (const disguise of DISGUISES) {
        const text = disguise.apply(format.text, format.secret);
        for (const carrier of CARRIERS) {
          const finding = carrier.plant(aFinding(), text);
          for (const [output, value] of Object.entries(outputsOf(finding))) {
            checked += 1;
            // JSON escapes newlines; the PEM body is compared on one of its lines.
            const needle = format.secret.split('\n')[0] ?? format.secret;
            if (
              asSeen(JSON.parse(`[${JSON.stringify(value)}]`)[0] as string).includes(needle) ||
              asSeen(value).includes(needle)
            )
              leaks.push(`${disguise.name} / ${carrier.name} → ${output}`);
          }
        }
      }
      expect(checked).toBe(DISGUISES.length * CARRIERS.length * 7);
      expect(leaks).toEqual([]);
    },
  );

  it('a credential split by markdown emphasis or an HTML tag is still one credential', () => {
    const key = SECRET_FORMATS.find((f) => f.name === 'Stripe live secret key')?.secret ?? '';
    for (const written of [
      `${key.slice(0, 10)}**${key.slice(10)}`,
      `${key.slice(0, 10)}<b></b>${key.slice(10)}`,
    ]) {
      const out = redactSecrets(`pay with ${written} now`, { mode: 'detect' }).text;
      expect(out).toBe('pay with [REDACTED] now');
    }
  });

  it('never redacts dependency version pins (SCA findings are about them)', () => {
    const snippet =
      '{\n  "jsonwebtoken": "8.5.1",\n  "lodash": "^4.17.21",\n  "token-cache": "~2.0.0"\n}\nrequests==2.31.0';
    expect(redactSecrets(snippet, { mode: 'secrets-finding' }).text).toBe(snippet);
    expect(redactSecrets(snippet, { mode: 'detect' }).text).toBe(snippet);
    expect(redactSecrets('JWT_SECRET_VERSION: 1.2.3', { mode: 'detect' }).text).toBe(
      'JWT_SECRET_VERSION: 1.2.3',
    );
  });

  it('keeps a well-formed CVSS vector as it is', () => {
    const vector = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
    expect(redactFinding(aFinding({ cvss: { score: 9.8, vector } })).cvss?.vector).toBe(vector);
  });
});
