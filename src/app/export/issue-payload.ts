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
  if (plan.labelsAvailable) fields.labels = [...new Set([...ticket.labels, ...plan.extraLabels])];
  if (plan.priorityFromSeverity && plan.priorityAvailable && ticket.priorityName !== undefined)
    fields.priority = { name: ticket.priorityName };
  if (plan.assigneeAccountId !== undefined) fields.assignee = { accountId: plan.assigneeAccountId };
  if (plan.reporterAccountId !== undefined) fields.reporter = { accountId: plan.reporterAccountId };
  if (options.withParent && plan.parentKey !== undefined) fields.parent = { key: plan.parentKey };
  return { fields, properties: [{ key: ZEROPATH_ISSUE_PROPERTY_KEY, value: ticket.property }] };
}
