import { type Finding } from '../../core/finding/finding';
import { findingSnapshotSchema, type FindingSnapshot } from '../../core/link/finding-link';
import { redactFinding } from '../../core/redaction/redact-finding';

/**
 * The copy of a finding the panel shows without calling ZeroPath, written by the export and by
 * every panel action. It is taken from the redacted finding (the export's own rules), so a secret in
 * the code or prose never reaches the KVS record the panel reads, let alone the browser.
 */
export function snapshotFromFinding(finding: Finding): FindingSnapshot {
  const safe = redactFinding(finding);
  const snapshot: FindingSnapshot = {
    title: safe.title,
    status: safe.status,
    score: safe.score,
    severity: safe.severity,
    category: safe.category,
    cwes: [...safe.cwes],
    repository: { ...safe.repository },
    location: { ...safe.location },
    url: safe.url,
    updatedAt: safe.updatedAt,
  };
  if (safe.cvss !== undefined) snapshot.cvss = { ...safe.cvss };
  if (safe.vulnClass !== undefined) snapshot.vulnClass = safe.vulnClass;
  if (safe.language !== undefined) snapshot.language = safe.language;
  if (safe.codeSnippet !== undefined) snapshot.codeSnippet = safe.codeSnippet;
  if (safe.patch !== undefined) snapshot.patch = { ...safe.patch };
  return findingSnapshotSchema.parse(snapshot);
}
