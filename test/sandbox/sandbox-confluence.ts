/**
 * The sandbox's Confluence pages. UI Kit modules have no browser host in this sandbox, so these
 * pages render, as plain HTML, exactly what the app's real resolvers answer for the chosen person:
 *
 *   /wiki/report?as=<user>&repository=<name>|tag=<tag>  a Confluence page holding the security report macro
 *   /wiki/related?as=<user>&issue=<KEY>                  the issue panel's "Related security docs" block
 *
 * The resolvers run through the local Forge runtime with the same module, context and payload the
 * macro and the panel send, so what a person sees here is what the app would show them.
 */
import { type ServerResponse } from 'node:http';
import { reportEndpoints, securityReportSchema } from '../../src/contract/confluence';
import { MODULE_KEYS } from '../../src/contract/modules';
import { panelEndpoints, relatedDocsViewSchema } from '../../src/contract/panel';
import { resultSchema } from '../../src/contract/result';
import { SandboxRequestError, escapeHtml, sendHtml } from './sandbox-http';
import { sandboxUserSchema, SANDBOX_USERS } from './sandbox-users';
import { type SandboxWorld } from './sandbox';

const page = (
  title: string,
  as: string,
  body: string,
) => `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/control/sandbox.css"></head><body>
<header class="zp-confluence-bar">Confluence (sandbox) · viewing as <strong data-testid="viewer">${escapeHtml(as)}</strong></header>
<main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;

const userOf = (url: URL) => {
  const parsed = sandboxUserSchema.safeParse(url.searchParams.get('as') ?? 'admin');
  if (!parsed.success)
    throw new SandboxRequestError(400, `as must be one of ${Object.keys(SANDBOX_USERS).join(', ')}`);
  return { key: parsed.data, ...SANDBOX_USERS[parsed.data] };
};

export async function renderConfluencePage(
  world: SandboxWorld,
  url: URL,
  res: ServerResponse,
): Promise<void> {
  const user = userOf(url);
  if (url.pathname === '/wiki/report') {
    const repository = url.searchParams.get('repository');
    const tag = url.searchParams.get('tag');
    const scope = repository !== null ? { repository } : tag !== null ? { tag } : undefined;
    if (scope === undefined) throw new SandboxRequestError(400, 'Give ?repository=<name> or ?tag=<tag>');
    const raw = await world.runtime.invokeUi(
      MODULE_KEYS.securityReport,
      reportEndpoints.load.key,
      { scope },
      {
        accountId: user.accountId,
        extension: {
          content: { id: '9900', type: 'page' },
          space: { id: '100', key: 'SECDOCS' },
          config: scope,
        },
      },
    );
    const result = resultSchema(securityReportSchema).parse(raw);
    let macro: string;
    if (!result.ok)
      macro = `<p class="zp-error">The security report could not be loaded: ${escapeHtml(result.error.message)}</p>`;
    else if (result.value.state === 'off')
      macro = '<p>Confluence access is turned off in ZeroPath for Jira.</p>';
    else if (result.value.state === 'no_repositories')
      macro = `<p>${escapeHtml(result.value.scopeLabel)}: no such repository in ZeroPath.</p>`;
    else {
      const r = result.value;
      const counts = Object.entries(r.openBySeverity)
        .map(
          ([severity, n]) => `<span class="zp-lozenge" data-severity="${severity}">${severity}: ${n}</span>`,
        )
        .join(' ');
      const rows = r.linkedVisible
        .map(
          (i) =>
            `<tr><td>${escapeHtml(i.key)}</td><td>${escapeHtml(i.summary)}</td><td>${i.severity}</td><td>${escapeHtml(i.status)}</td><td>${i.slaBreached ? `Breached (due ${escapeHtml(i.dueDate ?? '')})` : escapeHtml(i.dueDate ?? '—')}</td></tr>`,
        )
        .join('');
      macro = `<h2>Security report · ${escapeHtml(r.scopeLabel)}</h2><p>${counts}</p>
<p data-testid="report-summary">${r.openTotal} open findings in ${r.repositories} repositories · ${r.slaBreaches} past their SLA</p>
<table aria-label="Linked Jira issues you can open"><thead><tr><th>Issue</th><th>Summary</th><th>Severity</th><th>Status</th><th>SLA</th></tr></thead><tbody>${rows}</tbody></table>
${r.linkedHidden > 0 ? `<p data-testid="report-hidden">${r.linkedHidden} more linked issues you do not have access to in Jira.</p>` : ''}`;
    }
    return sendHtml(
      res,
      page(
        'Security report',
        user.label,
        `<section class="zp-macro" data-testid="security-report">${macro}</section>`,
      ),
    );
  }
  if (url.pathname === '/wiki/related') {
    const key = url.searchParams.get('issue') ?? '';
    const issue = world.jira.state.issuesByKey.get(key);
    if (issue === undefined) throw new SandboxRequestError(404, `No issue ${key}`);
    const project = issue.key.split('-')[0] ?? '';
    const projectId = [...world.jira.state.projects.values()].find((p) => p.key === project)?.id ?? '';
    const raw = await world.runtime.invokeUi(
      MODULE_KEYS.issuePanel,
      panelEndpoints.relatedDocs.key,
      {},
      {
        accountId: user.accountId,
        extension: {
          issue: { id: issue.id, key: issue.key, type: 'Task', typeId: '10002' },
          project: { id: projectId, key: project, type: 'software' },
        },
      },
    );
    const result = resultSchema(relatedDocsViewSchema).parse(raw);
    let block: string;
    if (!result.ok) block = `<p class="zp-error">${escapeHtml(result.error.message)}</p>`;
    else if (result.value.state !== 'ok') block = `<p data-testid="related-state">${result.value.state}</p>`;
    else {
      const items = result.value.docs
        .map(
          (d) =>
            `<li><a href="${escapeHtml(d.url)}">${escapeHtml(d.title)}</a>${d.space === undefined ? '' : ` · ${escapeHtml(d.space)}`}</li>`,
        )
        .join('');
      block = `<ul data-testid="related-docs">${items}</ul>${result.value.docs.length === 0 ? '<p>No related pages you can open in Confluence.</p>' : ''}`;
    }
    return sendHtml(
      res,
      page(
        `${issue.key}: related security docs (issue panel)`,
        user.label,
        `<section data-testid="related-block"><h2>Related security docs</h2>${block}</section>`,
      ),
    );
  }
  throw new SandboxRequestError(404, `No sandbox Confluence page ${url.pathname}`);
}
