import type { Finding } from '../finding/finding';
import { redactSecrets } from './redact-secrets';

/**
 * A copy of the finding that is safe to render anywhere (Jira description, comment, panel, log).
 * Only the code snippet of a SECRETS finding gets the aggressive mode; every other free-text field
 * gets the detector, because scanners mislabel and generated prose quotes code.
 */
export function redactFinding(finding: Finding): Finding {
  const detect = (value: string): string => redactSecrets(value, { mode: 'detect' }).text;
  const copy: Finding = {
    ...finding,
    title: detect(finding.title),
    description: detect(finding.description),
    cwes: [...finding.cwes],
    repository: { ...finding.repository },
    location: { ...finding.location },
    url: detect(finding.url),
  };
  if (finding.cvss !== undefined) copy.cvss = { ...finding.cvss };
  if (finding.vulnClass !== undefined) copy.vulnClass = detect(finding.vulnClass);
  // Short, "structured" fields are still free text from ZeroPath (a repository named after a
  // pasted token, a mislabelled language) and reach the issue property, ticket and panel.
  if (finding.language !== undefined) copy.language = detect(finding.language);
  if (finding.repository.name !== undefined) copy.repository.name = detect(finding.repository.name);
  if (finding.location.file !== undefined) copy.location.file = detect(finding.location.file);
  if (finding.repository.url !== undefined) copy.repository.url = detect(finding.repository.url);
  if (finding.codeSnippet !== undefined) {
    const mode = finding.category === 'SECRETS' ? 'secrets-finding' : 'detect';
    copy.codeSnippet = redactSecrets(finding.codeSnippet, { mode }).text;
  }
  if (finding.patch !== undefined) {
    const patch = { ...finding.patch };
    if (patch.prTitle !== undefined) patch.prTitle = detect(patch.prTitle);
    if (patch.prUrl !== undefined) patch.prUrl = detect(patch.prUrl);
    if (patch.prStatus !== undefined) patch.prStatus = detect(patch.prStatus);
    copy.patch = patch;
  }
  return copy;
}
