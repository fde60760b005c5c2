import { withoutSecrets } from '../redaction/redact-secrets';
import { languageLabelOf } from '../ticket/code-language';
import { type Finding, type FindingStatus } from '../finding/finding';

export {
  isTemplateVariableName,
  TEMPLATE_VARIABLES,
  type TemplateVariableName,
  type TemplateVariables,
} from './template-variable-names';
import { TEMPLATE_VARIABLES, type TemplateVariables } from './template-variable-names';

/** Values the finding itself does not carry. */
export interface TemplateExtras {
  /** YYYY-MM-DD from `computeDueDate`, or null/absent when no SLA covers the finding. */
  dueDate?: string | null;
}

/**
 * One value can be a whole scanner description; past this it is cut so that a hostile or
 * runaway value cannot push a Jira field past its 32,767-character limit on its own.
 */
export const MAX_VARIABLE_LENGTH = 10_000;
const TRUNCATION_MARK = '… [truncated]';

const STATUS_LABELS: Record<FindingStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  resolved: 'Resolved',
  false_positive: 'False positive',
  non_exploitable: 'Not exploitable',
  accepted_risk: 'Accepted risk',
};

/**
 * Every variable's value as plain text. Missing data renders as an empty string so an admin's
 * template decides what surrounds it.
 */
export function templateVariablesOf(finding: Finding, extras: TemplateExtras = {}): TemplateVariables {
  const cvss = finding.cvss;
  const cvssText =
    cvss?.score !== undefined
      ? cvss.vector
        ? `${cvss.score} (${cvss.vector})`
        : String(cvss.score)
      : (cvss?.vector ?? '');
  const raw: TemplateVariables = {
    severity: finding.severity,
    score: String(finding.score),
    issueTitle: finding.title,
    description: finding.description,
    repositoryName: finding.repository.name ?? finding.repository.id,
    affectedFile: finding.location.file ?? '',
    startLine: finding.location.startLine !== undefined ? String(finding.location.startLine) : '',
    endLine: finding.location.endLine !== undefined ? String(finding.location.endLine) : '',
    vulnClass: finding.vulnClass ?? '',
    cwes: finding.cwes.join(', '),
    cvss: cvssText,
    category: finding.category,
    language: languageLabelOf(finding.location.file, finding.language) ?? '',
    findingUrl: finding.url,
    patchUrl: finding.patch?.prUrl ?? '',
    status: STATUS_LABELS[finding.status],
    dueDate: extras.dueDate ?? '',
  };
  const cleaned = {} as TemplateVariables;
  // Redacted here as well as in the finding: a variable combines fields (the CVSS text) and a
  // caller may hand over a finding that was never redacted.
  for (const { name } of TEMPLATE_VARIABLES) cleaned[name] = sanitizeVariableValue(withoutSecrets(raw[name]));
  return cleaned;
}

/**
 * Makes a value safe to carry as text: control characters (other than tab and newline) and
 * lone surrogates would make Jira reject or mangle the document, and length is bounded.
 */
export function sanitizeVariableValue(value: string): string {
  const cleaned = value
    // eslint-disable-next-line no-control-regex -- stripping control characters is the point
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  if (cleaned.length <= MAX_VARIABLE_LENGTH) return cleaned;
  let cut = MAX_VARIABLE_LENGTH - TRUNCATION_MARK.length;
  // Never split a surrogate pair: half of one is exactly what the line above removes.
  if (/[\uD800-\uDBFF]/.test(cleaned.charAt(cut - 1))) cut -= 1;
  return cleaned.slice(0, cut) + TRUNCATION_MARK;
}
