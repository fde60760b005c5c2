import { type AppConfig, templatesSectionSchema } from '../../core/config/app-config';
import { type Finding } from '../../core/finding/finding';
import { validateTemplate, type TemplateKind } from '../../core/templates/template-renderer';
import { type ConfigStore } from '../../infra/store/config-store';
import { type ZeroPathClient } from '../../infra/zeropath/zeropath-client';
import { AutoTicketValidationError, fieldErrorsOf, refuse } from '../auto-ticket/auto-ticket-errors';
import { readRepoTags } from '../auto-ticket/plan-auto-tickets';
import { previewTicket, type PreviewedTicket } from './preview-ticket';

export interface TemplateDeps {
  config: ConfigStore;
}

type TemplatesSection = AppConfig['templates'];

function templateProblems(kind: TemplateKind, source: string | undefined): string | undefined {
  if (source === undefined || (kind === 'description' && source.trim() === '')) return undefined;
  const problems = validateTemplate(kind, source);
  return problems.length === 0 ? undefined : problems.map((p) => p.message).join(' ');
}

/**
 * Saves the site template, the "Use Jira template" toggle and the template library. Every template
 * is parsed and test-rendered now: unknown variables, logic tags and unsafe markdown are refused at
 * save with their position, so a ticket never fails on a template.
 */
export async function saveTemplates(deps: TemplateDeps, input: unknown): Promise<TemplatesSection> {
  const parsed = templatesSectionSchema.safeParse(input);
  if (!parsed.success) refuse('Templates', fieldErrorsOf(parsed.error.issues));
  const templates = parsed.data;
  const errors: Record<string, string> = {};
  const check = (path: string, kind: TemplateKind, source: string | undefined): void => {
    const problem = templateProblems(kind, source);
    if (problem !== undefined) errors[path] = problem;
  };
  if (templates.summary !== undefined && templates.summary.trim() === '') delete templates.summary;
  check('summary', 'summary', templates.summary);
  check('description', 'description', templates.description);
  templates.library.forEach((entry, index) => {
    check(`library.${index}.summary`, 'summary', entry.summary);
    check(`library.${index}.description`, 'description', entry.description);
  });
  const ids = templates.library.map((t) => t.id);
  if (new Set(ids).size !== ids.length) errors['library'] = 'Two templates have the same id.';
  if (Object.keys(errors).length > 0) refuse('Templates', errors);

  const config = await deps.config.read();
  const kept = new Set(ids);
  const orphaned = config.autoTicketing.rules.filter(
    (r) => r.templateId !== undefined && !kept.has(r.templateId),
  );
  if (orphaned.length > 0) {
    throw new AutoTicketValidationError(
      `Templates not saved: ${orphaned.map((r) => `"${r.name}"`).join(', ')} still use a template you removed. Choose another template for ${orphaned.length === 1 ? 'that rule' : 'those rules'} first.`,
      { library: 'A removed template is still used by an auto-ticketing rule.' },
    );
  }
  await deps.config.writeSection('templates', templates);
  return templates;
}

export interface PreviewDeps {
  config: ConfigStore;
  zeroPath: ZeroPathClient;
}

/** Renders a (possibly unsaved) template against a real finding: the one asked for, or the newest open one. */
export async function previewTemplate(
  deps: PreviewDeps,
  input: { summary?: string | undefined; description?: string | undefined; findingId?: string | undefined },
): Promise<PreviewedTicket> {
  const errors: Record<string, string> = {};
  const summaryProblem = templateProblems('summary', input.summary);
  const descriptionProblem = templateProblems('description', input.description);
  if (summaryProblem !== undefined) errors['summary'] = summaryProblem;
  if (descriptionProblem !== undefined) errors['description'] = descriptionProblem;
  if (Object.keys(errors).length > 0) refuse('Preview', errors);

  const config = await deps.config.read();
  const finding = await pickFinding(deps.zeroPath, input.findingId);
  const needsTags =
    config.sla.enabled && config.sla.policies.some((p) => p.enabled && p.scope.type === 'tags');
  const repoTags = needsTags ? await readRepoTags(deps.zeroPath) : new Map<string, readonly string[]>();
  return previewTicket(
    finding,
    { summary: input.summary, description: input.description },
    config.sla,
    repoTags,
    config.connection.baseUrl,
  );
}

async function pickFinding(zeroPath: ZeroPathClient, findingId: string | undefined): Promise<Finding> {
  if (findingId !== undefined) return zeroPath.getFinding(findingId);
  const page = await zeroPath.searchFindings({
    statuses: ['open'],
    sortBy: 'updatedAt',
    sortOrder: 'desc',
    page: 1,
    pageSize: 1,
  });
  const finding = page.findings[0];
  if (finding === undefined) {
    throw new AutoTicketValidationError(
      'ZeroPath has no open finding to preview the template with; enter a finding id.',
      {
        findingId: 'No open finding found.',
      },
    );
  }
  return finding;
}
