/**
 * Every KVS key the app writes, in one place. Keys must match Forge's pattern
 * /^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/ and stay under 500 characters; ids from ZeroPath (UUIDs) and Jira
 * (numeric ids) satisfy that, and anything else is hashed-free sanitised by `safeKeyPart`.
 */
export function safeKeyPart(part: string): string {
  return part.replace(/[^a-zA-Z0-9._-]/g, '_').slice(0, 200);
}

export const storeKeys = {
  /** The single configuration record of versions 0 and 1; read only to migrate it (config-store). */
  config: 'config',
  /** Configuration version 2+: the version of the stored sections, written after (or with) them. */
  configHeader: 'config:header',
  /** Configuration version 2+: one record per section, so saving one section never rewrites another. */
  configSection: (section: string) => `config:section:${safeKeyPart(section)}`,
  /** Secret store (kvs.setSecret): ZeroPath token id + secret. */
  credentials: 'zeropath-credentials',
  linkByFinding: (findingId: string) => `link:f:${safeKeyPart(findingId)}`,
  linkByIssue: (issueId: string) => `link:i:${safeKeyPart(issueId)}`,
  exportClaim: (findingId: string) => `claim:export:${safeKeyPart(findingId)}`,
  auditPrefix: (findingId: string) => `audit:${safeKeyPart(findingId)}:`,
  audit: (findingId: string, at: string, seq: string) =>
    `audit:${safeKeyPart(findingId)}:${safeKeyPart(at)}:${safeKeyPart(seq)}`,
  processedEvent: (kind: string, id: string) => `seen:${safeKeyPart(kind)}:${safeKeyPart(id)}`,
  cursor: (name: string) => `cursor:${safeKeyPart(name)}`,
  lock: (name: string) => `lock:${safeKeyPart(name)}`,
  health: (kind: string) => `health:${safeKeyPart(kind)}`,
  /** Health: the last 10 errors of every kind, oldest first (one bounded list). */
  healthErrors: 'healtherrors',
  /** A queue job the app pushed and Health has not yet seen finish (TTL: one day). */
  queueJobPrefix: 'inflight:',
  queueJob: (kind: string, queue: string, jobId: string) =>
    `inflight:${safeKeyPart(kind)}:${safeKeyPart(queue)}:${safeKeyPart(jobId)}`,
  job: (jobId: string) => `job:${safeKeyPart(jobId)}`,
  /** Export history: one entry per job, newest first in key order (inverted start time). */
  jobHistoryPrefix: 'jobs-by-time:',
  jobHistory: (createdAtMs: number, jobId: string) =>
    `jobs-by-time:${String(9_999_999_999_999 - createdAtMs).padStart(13, '0')}:${safeKeyPart(jobId)}`,
  /** Issue panel: a user's recent browse/edit decision for one issue (short TTL). */
  issuePermission: (accountId: string, issueId: string) =>
    `perm:issue:${safeKeyPart(issueId)}:${safeKeyPart(accountId)}`,
  /** Per-chunk progress of an export job, written by the chunk's consumer only (no shared counter to race on). */
  jobChunkPrefix: (jobId: string) => `job:${safeKeyPart(jobId)}:c:`,
  jobChunk: (jobId: string, index: number) => `job:${safeKeyPart(jobId)}:c:${String(index).padStart(4, '0')}`,
  /**
   * Export chunks the status sweep has not seen finish (export-job-store openChunkSchema), oldest
   * job first in key order, so a stalled chunk is found without reading every job's history.
   */
  openExportChunkPrefix: 'jobopen:',
  openExportChunk: (createdAtMs: number, jobId: string, chunk: number) =>
    `jobopen:${String(Math.max(0, createdAtMs)).padStart(13, '0')}:${safeKeyPart(jobId)}:${String(chunk).padStart(4, '0')}`,
  /** "A create for this finding may have reached Jira": the next export looks it up by JQL before creating. */
  exportPending: (findingId: string) => `pending:export:${safeKeyPart(findingId)}`,
  exportPendingPrefix: 'pending:export:',
  /** Sync jobs parked after every round of queue retries failed (parked-sync-store.ts). */
  parkedSyncPrefix: 'sync:parked:',
  /** One claim per sync job and requeue round, so duplicate deliveries do not multiply a failing job. */
  syncRequeuePrefix: 'sync:requeue:',
  linkByFindingPrefix: 'link:f:',
  /** Auto-ticketing: change cursor, findings deferred by a daily cap, last run summary and rule warnings. */
  autoTicketState: 'autoticket:state',
  /** Auto-ticketing: tickets enqueued per UTC day for one rule (the daily cap's counter). */
  autoTicketDaily: (ruleId: string) => `autoticket:daily:${safeKeyPart(ruleId)}`,
  /**
   * Accepted-risk expiry index: one key per dated exception, the date first, so keys sort by
   * expiry and the scheduled step reads only the due ones (a prefix scan stopped at today).
   */
  riskExpiryPrefix: 'riskexp:',
  /** Closure-triage AI assist: model calls made on one UTC day (the daily cap's counter). */
  aiAssistDaily: (day: string) => `aiassist:daily:${safeKeyPart(day)}`,
  /** The connected ZeroPath's discovered V2 operations (TTL; capability-store). */
  zeropathCapabilities: 'zeropath:capabilities',
  /** Whether ZeroPath honoured the sort order a change scan asked for, per job (sort-order check). */
  sortOrderCheck: (job: string) => `sortcheck:${safeKeyPart(job)}`,
  riskExpiry: (until: string, findingId: string) => `riskexp:${safeKeyPart(until)}:${safeKeyPart(findingId)}`,
  /** Secret store: SHA-256 of the Confluence assistant's web-trigger secret (never the secret itself). */
  assistantSecret: 'confluence-assistant-secret',
  /** Confluence assistant: requests counted in one fixed minute window (TTL'd). */
  assistantRate: (minute: string) => `assistant:rate:${safeKeyPart(minute)}`,
  /** Confluence assistant audit trail, keyed by time so a prefix scan reads it in order. */
  assistantAuditPrefix: 'assistant:audit:',
  assistantAudit: (at: string, seq: string) => `assistant:audit:${safeKeyPart(at)}:${safeKeyPart(seq)}`,
} as const;
