/**
 * The sandbox pages that show the app's UI Kit modules the way Jira and Confluence do: the app's
 * real bundle (built by @forge/bundler, ui-kit-build.ts) runs in a hidden same-origin frame with a
 * bridge shim, and the page's host script draws each ForgeDoc it sends with Atlaskit.
 *
 *   /browse/<KEY>?as=<user>                             a Jira-like issue view with the finding panel
 *   /wiki/report?as=<user>&repository=<name>|tag=<tag>  a Confluence page holding the security report macro
 *   /wiki/related?as=<user>&issue=<KEY>                 the issue view (its panel lists the related docs)
 *   /__sandbox/ui-kit/<moduleKey>/frame/…               a module's frame: bundle + shim + context
 *   /__sandbox/ui-kit/invoke                            the frame's `invoke`: the real resolver, as the user
 *   /__sandbox/ui-kit/host/…                            the host renderer bundle
 *
 * Who is calling is decided on the server from the sandbox's user list, as for Custom UI
 * (sandbox-bridge.ts): the frame names a sandbox user, never an account id.
 */
import { readFileSync } from 'node:fs';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import * as path from 'node:path';
import { z } from 'zod';
import { MODULE_KEYS } from '../../../src/contract/modules';
import { extensionFor, invokeAs, type ExtensionChoice } from '../sandbox-bridge';
import {
  SandboxRequestError,
  escapeHtml,
  inlineJson,
  readJsonBody,
  redirect,
  sendFile,
  sendHtml,
  sendJson,
} from '../sandbox-http';
import { type SandboxUiModule } from '../sandbox-manifest';
import { SANDBOX_USERS, sandboxUserSchema, type SandboxUserKey } from '../sandbox-users';
import { type SandboxWorld } from '../sandbox';
import { UI_KIT_HOST, uiKitAppDir } from './ui-kit-build';

const PUBLIC_DIR = path.join(__dirname, '..', 'public');

/** The manifest resource each UI Kit module renders (manifest.yml `resource:`). */
export const UI_KIT_RESOURCES: Readonly<Record<string, string>> = {
  [MODULE_KEYS.issuePanel]: 'panel-ui',
  [MODULE_KEYS.securityReport]: 'report-ui',
};

function userFrom(url: URL): SandboxUserKey {
  const raw = url.searchParams.get('as') ?? 'admin';
  const parsed = sandboxUserSchema.safeParse(raw);
  if (!parsed.success)
    throw new SandboxRequestError(
      400,
      `as must be one of ${Object.keys(SANDBOX_USERS).join(', ')}, not '${raw}'`,
    );
  return parsed.data;
}

function uiKitModule(world: SandboxWorld, key: string): SandboxUiModule {
  const module = world.manifest.uiModules.find((m) => m.key === key && !m.customUi);
  if (module === undefined || UI_KIT_RESOURCES[key] === undefined)
    throw new SandboxRequestError(404, `No UI Kit module '${key}' the sandbox can host`);
  return module;
}

const macroConfigSchema = z.record(z.string(), z.string());

/** Routes this file owns; false when the path is someone else's. */
export async function handleUiKitRequest(
  world: SandboxWorld,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  const p = url.pathname;
  const browse = /^\/browse\/([A-Za-z][A-Za-z0-9]*-\d+)$/.exec(p);
  if (browse?.[1] !== undefined) {
    renderIssueView(world, browse[1].toUpperCase(), userFrom(url), res);
    return true;
  }
  if (p === '/wiki/report') {
    renderReportPage(world, url, res);
    return true;
  }
  if (p === '/wiki/related') {
    const issue = url.searchParams.get('issue') ?? '';
    redirect(res, `/browse/${encodeURIComponent(issue)}?as=${userFrom(url)}#zp-finding-panel`);
    return true;
  }
  if (p === '/__sandbox/ui-kit/bridge-shim.js') {
    sendFile(res, PUBLIC_DIR, 'ui-kit-bridge-shim.js');
    return true;
  }
  if (p === '/__sandbox/ui-kit/issue-view.css') {
    sendFile(res, __dirname, 'issue-view.css');
    return true;
  }
  if (p.startsWith('/__sandbox/ui-kit/host/')) {
    sendFile(res, UI_KIT_HOST, p.slice('/__sandbox/ui-kit/host/'.length));
    return true;
  }
  if (p === '/__sandbox/ui-kit/invoke') {
    await handleInvoke(world, req, res);
    return true;
  }
  const frame = /^\/__sandbox\/ui-kit\/([\w-]+)\/frame\/(.*)$/.exec(p);
  if (frame?.[1] !== undefined) {
    const module = uiKitModule(world, frame[1]);
    const dir = uiKitAppDir(UI_KIT_RESOURCES[module.key] ?? '');
    if ((frame[2] ?? '') === '') renderFrame(world, module, dir, url, res);
    else sendFile(res, dir, frame[2] ?? '');
    return true;
  }
  return false;
}

const invokeSchema = z.object({
  moduleKey: z.string().min(1),
  functionKey: z.string().min(1),
  payload: z.unknown().optional(),
  as: sandboxUserSchema,
  issue: z.string().optional(),
  config: macroConfigSchema.optional(),
});

async function handleInvoke(world: SandboxWorld, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') throw new SandboxRequestError(405, 'POST only');
  const body = await readJsonBody(req, invokeSchema);
  const module = uiKitModule(world, body.moduleKey);
  const choice: ExtensionChoice = { issue: body.issue, config: body.config };
  sendJson(res, 200, await invokeAs(world, module, body.functionKey, body.payload ?? {}, body.as, choice));
}

function renderFrame(
  world: SandboxWorld,
  module: SandboxUiModule,
  dir: string,
  url: URL,
  res: ServerResponse,
): void {
  let html: string;
  try {
    html = readFileSync(path.join(dir, 'index.html'), 'utf8');
  } catch {
    throw new SandboxRequestError(
      503,
      `The UI Kit bundle of ${module.key} is missing: run npm start (it builds it)`,
    );
  }
  const as = userFrom(url);
  const issue = url.searchParams.get('issue') ?? undefined;
  const configRaw = url.searchParams.get('config');
  const config = configRaw === null ? undefined : macroConfigSchema.parse(JSON.parse(configRaw));
  const choice: ExtensionChoice = { issue, config };
  const context = {
    accountId: SANDBOX_USERS[as].accountId,
    accountType: 'licensed',
    cloudId: world.cloudId,
    siteUrl: world.url,
    moduleKey: module.key,
    localId: `${module.key}-local`,
    environmentType: 'DEVELOPMENT',
    environmentId: 'sandbox-environment',
    locale: 'en-US',
    timezone: 'UTC',
    theme: { colorMode: 'light' },
    extension: { type: module.type, ...extensionFor(world, module.type, choice) },
    // Not part of Forge's context: tells the shim whom to call as and where to draw.
    sandbox: {
      as,
      moduleKey: module.key,
      slot: url.searchParams.get('slot') ?? module.key,
      ...(issue === undefined ? {} : { issue }),
      ...(config === undefined ? {} : { config }),
    },
  };
  const inject = `<script>window.__SANDBOX_UI_KIT_CONTEXT__=${inlineJson(context)};</script><script src="/__sandbox/ui-kit/bridge-shim.js"></script>`;
  sendHtml(res, html.replace(/<head>/i, `<head>${inject}`));
}

/** What the host script needs on every page: the people `<User>` may name (Jira resolves them too). */
function hostHead(world: SandboxWorld, title: string): string {
  const users = Object.fromEntries(
    [...world.jira.state.users.values()].map((u) => [u.accountId, { displayName: u.displayName }]),
  );
  return `<meta charset="utf-8"><title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/control/sandbox.css">
<link rel="stylesheet" href="/__sandbox/ui-kit/host/host.css">
<link rel="stylesheet" href="/__sandbox/ui-kit/issue-view.css">
<script>window.__SANDBOX_UI_KIT__=${inlineJson({ users })};</script>
<script src="/__sandbox/ui-kit/host/host.js"></script>`;
}

function userSwitcher(as: SandboxUserKey): string {
  const options = Object.entries(SANDBOX_USERS)
    .map(
      ([key, user]) =>
        `<option value="${key}"${key === as ? ' selected' : ''}>${escapeHtml(user.label)}</option>`,
    )
    .join('');
  return `<label class="zp-view-as">Viewing as <select id="user-switcher" aria-label="Viewing as">${options}</select></label>
<script>document.getElementById('user-switcher').addEventListener('change', function (e) {
  var u = new URL(location.href); u.searchParams.set('as', e.target.value); location.href = u.toString();
});</script>`;
}

function moduleFrame(module: SandboxUiModule, slot: string, params: Record<string, string>): string {
  const src = new URLSearchParams({ ...params, slot });
  return `<div class="zp-ui-kit-slot" data-ui-kit-slot="${escapeHtml(slot)}"></div>
<iframe hidden data-ui-kit-frame="${escapeHtml(slot)}" title="${escapeHtml(module.title)} (UI Kit app frame)" src="/__sandbox/ui-kit/${escapeHtml(module.key)}/frame/?${escapeHtml(src.toString())}"></iframe>`;
}

/**
 * The description (ADF) as simple HTML: headings, paragraphs, list items and code blocks each on
 * their own, text escaped. Enough to read the ticket the app wrote; Jira's renderer does more.
 */
function adfToHtml(doc: unknown): string {
  const inline = (node: unknown): string => {
    if (node === null || typeof node !== 'object') return '';
    const n = node as { type?: unknown; text?: unknown; content?: unknown };
    if (n.type === 'text' && typeof n.text === 'string') return escapeHtml(n.text);
    if (n.type === 'hardBreak') return '<br>';
    return Array.isArray(n.content) ? n.content.map(inline).join('') : '';
  };
  const block = (node: unknown): string => {
    if (node === null || typeof node !== 'object') return '';
    const n = node as { type?: unknown; content?: unknown; attrs?: { level?: unknown } };
    const content = Array.isArray(n.content) ? (n.content as unknown[]) : [];
    switch (n.type) {
      case 'heading':
        return `<h3 class="zp-issue-heading">${inline(n)}</h3>`;
      case 'paragraph':
        return `<p>${inline(n)}</p>`;
      case 'codeBlock':
        return `<pre>${inline(n)}</pre>`;
      case 'bulletList':
        return `<ul>${content.map(block).join('')}</ul>`;
      case 'orderedList':
        return `<ol>${content.map(block).join('')}</ol>`;
      case 'listItem':
        return `<li>${content.map(block).join('')}</li>`;
      default:
        return content.length > 0 ? content.map(block).join('') : inline(n);
    }
  };
  if (typeof doc === 'string') return `<p>${escapeHtml(doc)}</p>`;
  const blocks = (doc as { content?: unknown } | null)?.content;
  return Array.isArray(blocks) ? blocks.map(block).join('') : '';
}

function renderIssueView(world: SandboxWorld, key: string, as: SandboxUserKey, res: ServerResponse): void {
  const state = world.jira.state;
  const user = SANDBOX_USERS[as];
  const issue = state.visibleIssue(key, user.accountId);
  const head = hostHead(world, `${key} — sandbox Jira`);
  const top = `<header class="topbar"><strong>Jira sandbox</strong>
<nav><a href="/control/?issue=${escapeHtml(key)}">Control page</a><a href="/wiki/report?as=${as}&amp;repository=acme%2Fpayments-api">Confluence report</a></nav>
${userSwitcher(as)}</header>`;
  if (issue === undefined) {
    // Jira's own words for a missing issue and for one the viewer may not browse: the same page.
    sendHtml(
      res,
      `<!doctype html><html lang="en"><head>${head}</head><body class="zp-issue-view">${top}
<main><h1 data-testid="issue-unavailable">This issue can't be viewed</h1>
<p>${escapeHtml(key)} doesn't exist, or ${escapeHtml(user.label)} doesn't have permission to view it.</p></main></body></html>`,
    );
    return;
  }
  const project = state.projectOf(issue);
  const status = state.statuses.get(issue.statusId);
  const type = state.issueTypes.get(issue.issueTypeId)?.name ?? 'Task';
  const summary = typeof issue.fields['summary'] === 'string' ? issue.fields['summary'] : '';
  const assigneeId = (issue.fields['assignee'] as { accountId?: string } | null | undefined)?.accountId;
  const assignee =
    assigneeId === undefined ? 'Unassigned' : (state.users.get(assigneeId)?.displayName ?? 'Unknown user');
  const description = adfToHtml(issue.fields['description']);
  const panel = uiKitModule(world, MODULE_KEYS.issuePanel);
  sendHtml(
    res,
    `<!doctype html><html lang="en"><head>${head}</head><body class="zp-issue-view">${top}
<main class="zp-issue-layout">
  <section class="zp-issue-main" aria-label="Issue">
    <nav class="zp-breadcrumbs" aria-label="Breadcrumbs">Projects / ${escapeHtml(project.name)} / <span id="issue-key" data-testid="issue-key">${escapeHtml(issue.key)}</span></nav>
    <h1 id="issue-summary" data-testid="issue-summary">${escapeHtml(summary)}</h1>
    <h2 class="zp-issue-heading">Description</h2>
    <div class="zp-issue-description" data-testid="issue-description">${description === '' ? '<p class="zp-muted">Add a description…</p>' : description}</div>
  </section>
  <aside class="zp-issue-side" aria-label="Details">
    <p><span class="zp-status" id="issue-status" data-testid="issue-status" data-category="${escapeHtml(status?.category ?? '')}">${escapeHtml(status?.name ?? issue.statusId)}</span></p>
    <dl><dt>Type</dt><dd>${escapeHtml(type)}</dd><dt>Assignee</dt><dd>${escapeHtml(assignee)}</dd>
    <dt>Viewing as</dt><dd data-testid="viewer">${escapeHtml(user.label)}</dd></dl>
    <section id="zp-finding-panel" class="zp-issue-panel" aria-label="${escapeHtml(panel.title)}">
      <h2 class="zp-issue-heading">${escapeHtml(panel.title)}</h2>
      ${moduleFrame(panel, 'issue-panel', { as, issue: issue.key })}
    </section>
  </aside>
</main></body></html>`,
  );
}

function renderReportPage(world: SandboxWorld, url: URL, res: ServerResponse): void {
  const as = userFrom(url);
  const config: Record<string, string> = {};
  for (const name of ['repository', 'tag']) {
    const value = url.searchParams.get(name);
    if (value !== null) config[name] = value;
  }
  const macro = uiKitModule(world, MODULE_KEYS.securityReport);
  sendHtml(
    res,
    `<!doctype html><html lang="en"><head>${hostHead(world, 'Security report — sandbox Confluence')}</head>
<body class="zp-confluence-page">
<header class="topbar zp-confluence-bar"><strong>Confluence sandbox</strong> · space SECDOCS
${userSwitcher(as)}</header>
<main class="zp-confluence-main"><h1>Security report</h1>
<p class="zp-muted">A page in the demo space SECDOCS with the <code>${escapeHtml(macro.key)}</code> macro (${
      Object.keys(config).length === 0 ? 'not configured yet' : escapeHtml(JSON.stringify(config))
    }).</p>
<section class="zp-macro" data-testid="security-report" aria-label="${escapeHtml(macro.title)}">
${moduleFrame(macro, 'security-report', { as, config: JSON.stringify(config) })}
</section></main></body></html>`,
  );
}
