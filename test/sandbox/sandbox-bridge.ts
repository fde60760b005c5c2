/**
 * The browser side of the Forge platform for the Custom UI build: the host page (Jira's chrome with
 * a user switcher around an iframe, as Jira frames Custom UI), the frame (static/ui/dist with the
 * bridge shim injected before the bundle) and the endpoints the shim calls.
 *
 * Who is calling is decided here, on the server, from the sandbox's user list: the payload is
 * passed to the resolver untouched and trusted for nothing, as on Forge.
 */
import { readFileSync } from 'node:fs';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import * as path from 'node:path';
import { z } from 'zod';
import { principalHeaders } from '../sim/shared/principal';
import {
  SandboxRequestError,
  escapeHtml,
  inlineJson,
  readJsonBody,
  sendHtml,
  sendJson,
} from './sandbox-http';
import { type SandboxUiModule } from './sandbox-manifest';
import { SANDBOX_USERS, sandboxUserSchema, type SandboxUserKey } from './sandbox-users';
import { type SandboxWorld } from './sandbox';
import { UI_DIST } from './ui-build';

const ISSUE_MODULES = new Set([
  'jira:issuePanel',
  'jira:issueContext',
  'jira:issueAction',
  'jira:issueActivity',
  'jira:issueGlance',
]);
const PROJECT_MODULES = new Set(['jira:projectPage', 'jira:projectSettingsPage']);

export interface ExtensionChoice {
  readonly project?: string | undefined;
  readonly issue?: string | undefined;
  /** A Confluence macro's saved configuration (the UI Kit host's security report page). */
  readonly config?: Readonly<Record<string, string>> | undefined;
}

/** The sandbox's one Confluence page holding the macro (demo space SECDOCS). */
const MACRO_PAGE = { content: { id: '9900', type: 'page' }, space: { id: '100', key: 'SECDOCS' } };

/** `context.extension` as Jira would give it for a module type (the runtime adds `type`). */
export function extensionFor(
  world: SandboxWorld,
  moduleType: string,
  choice: ExtensionChoice,
): Record<string, unknown> {
  const state = world.jira.state;
  if (ISSUE_MODULES.has(moduleType)) {
    const issue = choice.issue === undefined ? undefined : state.findIssue(choice.issue);
    if (issue === undefined)
      throw new SandboxRequestError(
        400,
        `Module type ${moduleType} needs an issue: no issue '${choice.issue ?? ''}'`,
      );
    const project = state.projectOf(issue);
    return {
      issue: {
        id: issue.id,
        key: issue.key,
        type: state.issueTypes.get(issue.issueTypeId)?.name ?? 'Task',
        typeId: issue.issueTypeId,
      },
      project: { id: project.id, key: project.key, type: 'software' },
    };
  }
  if (moduleType === 'macro') return { ...MACRO_PAGE, config: choice.config ?? {} };
  if (PROJECT_MODULES.has(moduleType)) {
    const project = state.findProject(choice.project ?? 'SEC');
    if (project === undefined) throw new SandboxRequestError(400, `No project '${choice.project ?? ''}'`);
    return { project: { id: project.id, key: project.key, type: 'software' } };
  }
  return {};
}

function userFrom(url: URL): SandboxUserKey {
  const parsed = sandboxUserSchema.safeParse(url.searchParams.get('as') ?? 'admin');
  return parsed.success ? parsed.data : 'admin';
}

function frameContext(world: SandboxWorld, module: SandboxUiModule, url: URL): Record<string, unknown> {
  const as = userFrom(url);
  const choice = {
    project: url.searchParams.get('project') ?? undefined,
    issue: url.searchParams.get('issue') ?? undefined,
  };
  return {
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
    // Not part of Forge's context: tells the shim whom to call as, and what to pass on.
    sandbox: {
      as,
      ...(choice.project !== undefined ? { project: choice.project } : {}),
      ...(choice.issue !== undefined ? { issue: choice.issue } : {}),
    },
  };
}

export function renderFrame(
  world: SandboxWorld,
  module: SandboxUiModule,
  url: URL,
  res: ServerResponse,
): void {
  let html: string;
  try {
    html = readFileSync(path.join(UI_DIST, 'index.html'), 'utf8');
  } catch {
    throw new SandboxRequestError(
      503,
      'static/ui/dist is missing: run `npm run build:ui` (npm start does it for you)',
    );
  }
  // Classic scripts in <head> run before the bundle (a module script, deferred), and @forge/bridge
  // reads window.__bridge when it loads, so the shim must be in place first.
  const inject = `<script>window.__SANDBOX_CONTEXT__=${inlineJson(frameContext(world, module, url))};</script><script src="/__sandbox/bridge-shim.js"></script>`;
  sendHtml(res, html.replace(/<head>/i, `<head>${inject}`));
}

export function renderHost(
  world: SandboxWorld,
  module: SandboxUiModule,
  url: URL,
  res: ServerResponse,
): void {
  const as = userFrom(url);
  const frame = new URL(`/app/${module.key}/frame/`, world.url);
  frame.searchParams.set('as', as);
  for (const key of ['project', 'issue']) {
    const value = url.searchParams.get(key);
    if (value !== null) frame.searchParams.set(key, value);
  }
  const nav = world.manifest.uiModules
    .filter((m) => m.customUi)
    .map(
      (m) =>
        `<a href="/app/${escapeHtml(m.key)}/?as=${as}"${m.key === module.key ? ' aria-current="page"' : ''}>${escapeHtml(m.title)}</a>`,
    )
    .join('');
  const options = Object.entries(SANDBOX_USERS)
    .map(
      ([key, user]) =>
        `<option value="${key}"${key === as ? ' selected' : ''}>${escapeHtml(user.label)}</option>`,
    )
    .join('');
  sendHtml(
    res,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(module.title)} — sandbox</title>
<link rel="stylesheet" href="/control/sandbox.css"></head>
<body class="host">
<header class="topbar">
  <strong>Jira sandbox</strong>
  <nav>${nav}<a href="/control/">Control page</a></nav>
  <label>Viewing as <select id="user-switcher" aria-label="Viewing as">${options}</select></label>
</header>
<div id="flags" aria-live="polite"></div>
<main><p class="module-type">${escapeHtml(module.type)} · <code>${escapeHtml(module.key)}</code></p>
<iframe id="app-frame" title="${escapeHtml(module.title)}" src="${escapeHtml(frame.pathname + frame.search)}"></iframe></main>
<script>
document.getElementById('user-switcher').addEventListener('change', function (e) {
  var u = new URL(location.href); u.searchParams.set('as', e.target.value); location.href = u.toString();
});
window.addEventListener('message', function (e) {
  if (e.origin !== location.origin || !e.data || e.data.type !== 'sandbox-flag') return;
  var flag = e.data.flag || {};
  var div = document.createElement('div');
  div.className = 'flag flag-' + (flag.type || 'info');
  div.setAttribute('role', 'status');
  div.textContent = [flag.title, flag.description].filter(Boolean).join(' — ');
  document.getElementById('flags').appendChild(div);
  setTimeout(function () { div.remove(); }, 8000);
});
</script></body></html>`,
  );
}

const invokeSchema = z.object({
  moduleKey: z.string().min(1),
  functionKey: z.string().min(1),
  payload: z.unknown().optional(),
  as: sandboxUserSchema,
  project: z.string().optional(),
  issue: z.string().optional(),
});

const productFetchSchema = z.object({
  as: sandboxUserSchema,
  restPath: z.string().startsWith('/'),
  method: z.string().default('GET'),
  headers: z.array(z.tuple([z.string(), z.string()])).default([]),
  body: z.string().nullable().optional(),
});

export async function handleBridgeRequest(
  world: SandboxWorld,
  req: IncomingMessage,
  res: ServerResponse,
  action: string,
): Promise<void> {
  if (req.method !== 'POST') throw new SandboxRequestError(405, 'POST only');
  if (action === 'invoke') {
    const body = await readJsonBody(req, invokeSchema);
    const module = world.manifest.uiModules.find((m) => m.key === body.moduleKey && m.customUi);
    if (module === undefined) throw new SandboxRequestError(404, `No Custom UI module '${body.moduleKey}'`);
    const answer = await invokeAs(world, module, body.functionKey, body.payload ?? {}, body.as, body);
    return sendJson(res, 200, answer);
  }
  if (action === 'fetch-product') {
    // @forge/bridge requestJira: a call to Jira as the signed-in user, not through the app.
    const body = await readJsonBody(req, productFetchSchema);
    const headers = new Headers(body.headers);
    for (const [name, value] of Object.entries(
      principalHeaders({ kind: 'user', accountId: SANDBOX_USERS[body.as].accountId, viaApp: false }),
    )) {
      headers.set(name, value);
    }
    const answer = await fetch(world.jira.url + body.restPath, {
      method: body.method,
      headers,
      ...(body.body !== undefined && body.body !== null && body.method !== 'GET' ? { body: body.body } : {}),
    });
    return sendJson(res, 200, {
      status: answer.status,
      statusText: answer.statusText,
      headers: Object.fromEntries(answer.headers.entries()),
      body: await answer.text(),
    });
  }
  throw new SandboxRequestError(404, `Unknown bridge action '${action}'`);
}

export type InvokeAnswer = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Runs one resolver function as a sandbox user. A thrown error is answered as `{ok:false}` (the
 * shim rejects `invoke` with it, as Forge does). An answer carrying a stored secret is withheld:
 * the ZeroPath token must never reach a browser, and the sandbox is a place people click around.
 */
export async function invokeAs(
  world: SandboxWorld,
  module: SandboxUiModule,
  functionKey: string,
  payload: unknown,
  as: SandboxUserKey,
  choice: ExtensionChoice,
): Promise<InvokeAnswer> {
  const extension = extensionFor(world, module.type, choice);
  let value: unknown;
  try {
    value = await world.runtime.invokeUi(module.key, functionKey, payload, {
      accountId: SANDBOX_USERS[as].accountId,
      extension,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    world.feed.add('forge', `resolver ${module.key} ${functionKey} threw: ${message}`, true);
    return { ok: false, error: message };
  } finally {
    // Resolvers may queue work (export jobs): deliver it in the background, as Forge would.
    void world.pump();
  }
  const leaked = storedSecretStrings(world).find((secret) => JSON.stringify(value ?? null).includes(secret));
  if (leaked !== undefined) {
    world.feed.add(
      'forge',
      `resolver ${module.key} ${functionKey} answered with a stored secret: answer withheld`,
      true,
    );
    return { ok: false, error: 'The sandbox withheld this answer: it contained a stored secret.' };
  }
  return { ok: true, value };
}

function storedSecretStrings(world: SandboxWorld): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string' && v.length >= 6) out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  for (const key of world.runtime.kvs.secretKeys()) {
    const secret = world.runtime.kvs.getSecret(key);
    // Token ids are shown to admins by design (their last characters); only secret fields count.
    if (secret !== null && typeof secret === 'object' && !Array.isArray(secret)) {
      for (const [field, value] of Object.entries(secret)) if (!/id$/i.test(field)) walk(value);
    } else walk(secret);
  }
  return out;
}
