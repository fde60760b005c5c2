import type { Finding } from '../finding/finding';
import { redactSecrets } from './redact-secrets';

/** CVSS v2 (`AV:N/AC:L/…`), v3.x and v4.0 (`CVSS:3.1/AV:N/…`) vectors: metric:value pairs only. */
const CVSS_VECTOR = /^(?:CVSS:[234](?:\.\d)?\/)?[A-Za-z]{1,4}:[A-Za-z0-9]{1,3}(?:\/[A-Za-z]{1,4}:[A-Za-z0-9]{1,3}){0,40}$/;

export function isCvssVector(value: string): boolean {
  return value.length <= 400 && CVSS_VECTOR.test(value);
}

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
  if (finding.cvss !== undefined) {
    copy.cvss = { ...finding.cvss };
    // The vector is a short grammar; anything else in it is free text from ZeroPath (and reached
    // the ticket, the stored snapshot and the panel unredacted).
    if (finding.cvss.vector !== undefined && !isCvssVector(finding.cvss.vector)) copy.cvss.vector = detect(finding.cvss.vector);
  }
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
