import { type Finding } from '../../core/finding/finding';
import { type FindingSnapshot } from '../../core/link/finding-link';
import { redactFinding } from '../../core/redaction/redact-finding';
import { ZEROPATH_ISSUE_PROPERTY_KEY } from '../../core/ticket/zeropath-issue-property';
import { type RenderedTicket } from '../../core/ticket/render-ticket';
import { type IssueCreateBody } from '../../infra/jira/jira-client';
import { type ExportPlan } from '../../core/export/export-plan';

/**
 * One create body: the rendered ticket plus what the plan allows. The `zeropath` property rides in
 * the create call itself, so an issue never exists without the marker that lets a retry find it.
 */
export function buildIssueBody(
  ticket: RenderedTicket,
  plan: ExportPlan,
  options: { withParent: boolean },
): IssueCreateBody {
  const fields: Record<string, unknown> = {
    project: { key: plan.projectKey },
    issuetype: { id: plan.issueTypeId },
    summary: ticket.summary,
    description: ticket.description,
  };
  if (plan.labelsAvailable) fields.labels = ticket.labels;
  if (plan.priorityAvailable && ticket.priorityName !== undefined)
    fields.priority = { name: ticket.priorityName };
  if (plan.assigneeAccountId !== undefined) fields.assignee = { accountId: plan.assigneeAccountId };
  if (plan.reporterAccountId !== undefined) fields.reporter = { accountId: plan.reporterAccountId };
  if (options.withParent && plan.parentKey !== undefined) fields.parent = { key: plan.parentKey };
  return { fields, properties: [{ key: ZEROPATH_ISSUE_PROPERTY_KEY, value: ticket.property }] };
}

/** The redacted copy the link keeps for the issue panel. */
export function snapshotOf(finding: Finding): FindingSnapshot {
  const safe = redactFinding(finding);
  const snapshot: FindingSnapshot = {
    title: safe.title,
    status: safe.status,
    score: safe.score,
    severity: safe.severity,
    category: safe.category,
    cwes: safe.cwes,
    repository: { ...safe.repository },
    location: { ...safe.location },
    url: safe.url,
    updatedAt: safe.updatedAt,
  };
  if (safe.cvss !== undefined) snapshot.cvss = safe.cvss;
  if (safe.vulnClass !== undefined) snapshot.vulnClass = safe.vulnClass;
  if (safe.language !== undefined) snapshot.language = safe.language;
  if (safe.codeSnippet !== undefined) snapshot.codeSnippet = safe.codeSnippet;
  if (safe.patch !== undefined) snapshot.patch = safe.patch;
  return snapshot;
}
