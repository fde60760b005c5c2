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
  return findingSnapshotSchema.parse(boundSnapshot(snapshot));
}

/**
 * The most a snapshot may take as JSON. The link that carries it is one KVS value, and KVS refuses
 * a value over 240 KiB (limits-kvs-ce): an unbounded snapshot (a finding with a huge code snippet)
 * made the link write fail after Jira had created the issue, every time (issue 17, finding 5).
 * 64 KiB leaves the rest of the link (closure, approvals, audit-free fields) far inside the limit.
 */
export const SNAPSHOT_MAX_BYTES = 64 * 1024;
/** Each short text field (title, paths, URLs, names) is cut to this many characters. */
const SHORT_TEXT_MAX_CHARS = 2_000;
const MAX_CWES = 50;
const TRUNCATION_MARK = '\n… (cut: the full finding is in ZeroPath)';

function cut(value: string, maxChars: number): string {
  return value.length <= maxChars ? value : `${value.slice(0, maxChars - 1)}…`;
}

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

/** Cuts every text to its bound, then the code snippet (the only long field) until the whole fits. */
export function boundSnapshot(snapshot: FindingSnapshot): FindingSnapshot {
  const bounded: FindingSnapshot = {
    ...snapshot,
    title: cut(snapshot.title, SHORT_TEXT_MAX_CHARS),
    cwes: snapshot.cwes.slice(0, MAX_CWES).map((cwe) => cut(cwe, 100)),
    repository: {
      id: cut(snapshot.repository.id, SHORT_TEXT_MAX_CHARS),
      ...(snapshot.repository.name === undefined ? {} : { name: cut(snapshot.repository.name, SHORT_TEXT_MAX_CHARS) }),
      ...(snapshot.repository.url === undefined ? {} : { url: cut(snapshot.repository.url, SHORT_TEXT_MAX_CHARS) }),
    },
    location: {
      ...snapshot.location,
      ...(snapshot.location.file === undefined ? {} : { file: cut(snapshot.location.file, SHORT_TEXT_MAX_CHARS) }),
    },
    url: cut(snapshot.url, SHORT_TEXT_MAX_CHARS),
    updatedAt: cut(snapshot.updatedAt, 100),
  };
  if (bounded.vulnClass !== undefined) bounded.vulnClass = cut(bounded.vulnClass, SHORT_TEXT_MAX_CHARS);
  if (bounded.language !== undefined) bounded.language = cut(bounded.language, 100);
  if (bounded.cvss?.vector !== undefined) bounded.cvss = { ...bounded.cvss, vector: cut(bounded.cvss.vector, 500) };
  if (bounded.patch !== undefined) {
    const patch = { ...bounded.patch };
    if (patch.prUrl !== undefined) patch.prUrl = cut(patch.prUrl, SHORT_TEXT_MAX_CHARS);
    if (patch.prTitle !== undefined) patch.prTitle = cut(patch.prTitle, SHORT_TEXT_MAX_CHARS);
    if (patch.prStatus !== undefined) patch.prStatus = cut(patch.prStatus, 100);
    bounded.patch = patch;
  }
  const snippet = bounded.codeSnippet;
  if (snippet === undefined || jsonBytes(bounded) <= SNAPSHOT_MAX_BYTES) return bounded;
  // Bytes per character vary (multi-byte text, escaped control characters): shrink until it fits.
  const rest = jsonBytes({ ...bounded, codeSnippet: TRUNCATION_MARK });
  let keep = Math.min(snippet.length, SNAPSHOT_MAX_BYTES - rest);
  while (keep > 0 && jsonBytes({ ...bounded, codeSnippet: snippet.slice(0, keep) + TRUNCATION_MARK }) > SNAPSHOT_MAX_BYTES)
    keep = Math.floor(keep * 0.8);
  return { ...bounded, codeSnippet: keep > 0 ? snippet.slice(0, keep) + TRUNCATION_MARK : TRUNCATION_MARK.trim() };
}
