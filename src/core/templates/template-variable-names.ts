/**
 * The template variables' names and descriptions, apart from the code that fills them: the config
 * schema and both UIs read these, and must not pull in the secret detector (it loads Node built-ins
 * that browser bundles cannot resolve).
 */

/**
 * The variables a title or description template may use. ZeroPath documents `severity`,
 * `issueTitle`, `repositoryName`, `affectedFile`, `vulnClass` "and more"; the rest are inferred
 * from the finding fields (zeropath-api.md §4.1) and named the same way.
 */
export const TEMPLATE_VARIABLES = [
  { name: 'severity', description: 'Severity bucket: Critical, High, Medium, Low or Info' },
  { name: 'score', description: 'ZeroPath score, 0–100' },
  { name: 'issueTitle', description: "The finding's title" },
  { name: 'description', description: "ZeroPath's description of the finding (as plain text)" },
  { name: 'repositoryName', description: 'Repository name' },
  { name: 'affectedFile', description: 'Path of the affected file' },
  { name: 'startLine', description: 'First affected line' },
  { name: 'endLine', description: 'Last affected line' },
  { name: 'vulnClass', description: 'Vulnerability class, e.g. SQL Injection' },
  { name: 'cwes', description: 'CWE identifiers, comma-separated' },
  { name: 'cvss', description: 'CVSS score and vector, when ZeroPath supplies one' },
  { name: 'category', description: 'Scanner: SAST, SCA, SECRETS, IAC, …' },
  { name: 'language', description: 'Programming language' },
  { name: 'findingUrl', description: 'Link to the finding in ZeroPath (shown as text)' },
  { name: 'patchUrl', description: 'Link to the fix pull request, when there is one (shown as text)' },
  { name: 'status', description: 'Finding status, e.g. Open, False positive' },
  { name: 'dueDate', description: 'SLA due date (YYYY-MM-DD), when an SLA policy covers the finding' },
] as const satisfies readonly { name: string; description: string }[];

export type TemplateVariableName = (typeof TEMPLATE_VARIABLES)[number]['name'];
export type TemplateVariables = Record<TemplateVariableName, string>;

const VARIABLE_NAMES: ReadonlySet<string> = new Set(TEMPLATE_VARIABLES.map((v) => v.name));

export function isTemplateVariableName(name: string): name is TemplateVariableName {
  return VARIABLE_NAMES.has(name);
}
