import { type AppConfig } from '../../core/config/app-config';
import { type Finding } from '../../core/finding/finding';
import { redactFinding } from '../../core/redaction/redact-finding';
import { type RepoTags } from '../../core/rules/repository-scope';
import { computeDueDate } from '../../core/sla/sla-policy';
import { renderDescriptionTemplate, renderSummaryTemplate } from '../../core/templates/template-renderer';
import { templateVariablesOf } from '../../core/templates/template-variables';
import { renderTicket } from '../../core/ticket/render-ticket';
import { type TicketTemplate } from './ticket-shaping';

export interface PreviewedTicket {
  findingId: string;
  summary: string;
  /** Either the built-in layout's document or the template's; both are plain ADF documents. */
  description: { type: 'doc'; version: 1; content: unknown[] };
}

/**
 * The summary and description a ticket for this finding would get: the built-in layout, with the
 * template's parts where it has them. Same redaction and rendering as the real create.
 */
export function previewTicket(
  finding: Finding,
  template: TicketTemplate | undefined,
  sla: AppConfig['sla'],
  repoTags: RepoTags,
  zeroPathBaseUrl: string,
): PreviewedTicket {
  const builtIn = renderTicket(finding, { zeroPathBaseUrl, priorityFieldAvailable: false });
  const safe = redactFinding(finding);
  const dueDate = sla.enabled ? computeDueDate(safe, sla.policies, repoTags, finding.createdAt) : null;
  const variables = templateVariablesOf(safe, { dueDate });
  let summary = builtIn.summary;
  let description: PreviewedTicket['description'] = builtIn.description;
  if (template?.summary !== undefined && template.summary.trim() !== '') {
    const rendered = renderSummaryTemplate(template.summary, variables);
    if (rendered.ok) summary = rendered.value;
  }
  if (template?.description !== undefined && template.description.trim() !== '') {
    const rendered = renderDescriptionTemplate(template.description, variables);
    if (rendered.ok) description = rendered.value;
  }
  return { findingId: finding.id, summary, description };
}
