import { isOpenStatus } from '../../core/finding/finding';
import { type AuditEntry, type FindingLink } from '../../core/link/finding-link';
import { daysUntilDue } from '../../core/sla/sla-policy';
import { codeLanguageOf } from '../../core/ticket/code-language';
import { categoryLabel } from '../../contract/labels';
import { toSafeHref } from '../../core/ticket/safe-link';
import { type AuditEntryView, type FindingView, type LinkedPanelView } from '../../contract/panel';

/** How old a snapshot may be before the panel asks for a background refresh from ZeroPath. */
export const SNAPSHOT_MAX_AGE_MS = 15 * 60_000;
/** Audit entries sent with the panel: the latest few show, the rest sit behind "Show all". */
export const PANEL_AUDIT_LIMIT = 50;

const CWE_ID = /^CWE-(\d{1,6})$/;

function cweLink(id: string): { id: string; url?: string } {
  const match = CWE_ID.exec(id);
  return match ? { id, url: `https://cwe.mitre.org/data/definitions/${match[1]}.html` } : { id };
}

function lineRange(start: number | undefined, end: number | undefined): string | undefined {
  if (start === undefined) return undefined;
  return end === undefined || end === start ? `line ${start}` : `lines ${start}–${end}`;
}

export function findingView(link: FindingLink): FindingView {
  const s = link.snapshot;
  const view: FindingView = {
    id: link.findingId,
    title: s.title,
    severity: s.severity,
    score: s.score,
    status: s.status,
    category: categoryLabel(s.category),
    cwes: s.cwes.map(cweLink),
    repository: { name: s.repository.name ?? s.repository.id },
    location: {},
  };
  const repoUrl = toSafeHref(s.repository.url);
  if (repoUrl !== undefined) view.repository.url = repoUrl;
  if (s.location.file !== undefined) view.location.file = s.location.file;
  const lines = lineRange(s.location.startLine, s.location.endLine);
  if (lines !== undefined) view.location.lines = lines;
  if (s.cvss !== undefined) view.cvss = { ...s.cvss };
  if (s.vulnClass !== undefined) view.vulnClass = s.vulnClass;
  if (s.codeSnippet !== undefined && s.codeSnippet.trim() !== '') {
    view.code = { snippet: s.codeSnippet, language: codeLanguageOf(s.location.file, s.language) ?? 'text' };
  }
  if (s.patch !== undefined) {
    const patch: NonNullable<FindingView['patch']> = {};
    const prUrl = toSafeHref(s.patch.prUrl);
    if (prUrl !== undefined) patch.url = prUrl;
    if (s.patch.prTitle !== undefined) patch.title = s.patch.prTitle;
    if (s.patch.prStatus !== undefined) patch.state = s.patch.prStatus;
    if (Object.keys(patch).length > 0) view.patch = patch;
  }
  const url = toSafeHref(s.url);
  if (url !== undefined) view.url = url;
  return view;
}

export function auditEntryView(entry: AuditEntry): AuditEntryView {
  const view: AuditEntryView = { at: entry.at, source: entry.source, action: entry.action, actorLabel: 'A Jira user' };
  if (entry.actor === 'zeropath') view.actorLabel = 'ZeroPath';
  else if (entry.actor === 'app') view.actorLabel = 'ZeroPath for Jira';
  else if (entry.actor.startsWith('auto:')) view.actorLabel = 'Auto-ticketing rule';
  else view.actorAccountId = entry.actor;
  if (entry.from !== undefined) view.from = entry.from;
  if (entry.to !== undefined) view.to = entry.to;
  if (entry.detail !== undefined) view.detail = entry.detail;
  return view;
}

export function isSnapshotStale(snapshotAt: string, now: Date): boolean {
  const taken = Date.parse(snapshotAt);
  return Number.isNaN(taken) || now.getTime() - taken > SNAPSHOT_MAX_AGE_MS;
}

export interface LinkedViewInput {
  link: FindingLink;
  audit: readonly AuditEntry[];
  canEdit: boolean;
  connected: boolean;
  now: Date;
}

export function linkedPanelView({ link, audit, canEdit, connected, now }: LinkedViewInput): LinkedPanelView {
  const view: LinkedPanelView = {
    state: 'linked',
    issueKey: link.issueKey,
    canEdit,
    connected,
    finding: findingView(link),
    snapshotAt: link.snapshotAt,
    stale: isSnapshotStale(link.snapshotAt, now),
    audit: audit.slice(-PANEL_AUDIT_LIMIT).map(auditEntryView),
  };
  // An SLA only runs while the finding is open: a closed finding is never "overdue".
  if (link.dueDate !== undefined && isOpenStatus(link.snapshot.status)) {
    const daysLeft = daysUntilDue(link.dueDate, now);
    view.sla = { dueDate: link.dueDate, daysLeft, overdue: daysLeft < 0 };
  }
  // Shown only while ZeroPath (as last seen) still holds the exception it belongs to.
  if (link.acceptedRisk !== undefined && link.snapshot.status === 'accepted_risk') {
    view.acceptedRisk = {
      until: link.acceptedRisk.until,
      daysLeft: daysUntilDue(link.acceptedRisk.until, now),
    };
  }
  if (link.lastClosure !== undefined) {
    const c = link.lastClosure;
    const closure: NonNullable<LinkedPanelView['lastClosure']> = {
      decision: c.decision,
      confidence: c.confidence,
      explanation: c.explanation,
      decidedAt: c.decidedAt,
    };
    if (c.phrase !== undefined) closure.evidence = c.phrase;
    if (c.resolution !== undefined) closure.resolution = c.resolution;
    view.lastClosure = closure;
  }
  return view;
}
