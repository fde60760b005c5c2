/**
 * The control page's API (`/__sandbox/api/*`): act as a person in Jira, act as ZeroPath, run a
 * scheduled trigger now, call any resolver as a user, and read the sync feed. Every body is
 * checked with zod; actions wait for the app to finish reacting (pump) so the answer reflects the
 * synced state.
 */
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { z } from 'zod';
import { extractAdfText } from '../sim/jira/adf-validation';
import { type StoredIssue } from '../sim/jira/jira-model';
import { V2_STATUSES, type StoredFinding } from '../sim/zeropath/zeropath-sim';
import { invokeAs } from './sandbox-bridge';
import { SandboxRequestError, readJsonBody, sendJson } from './sandbox-http';
import { SANDBOX_USERS, sandboxUserSchema } from './sandbox-users';
import { type SandboxWorld } from './sandbox';
import { EXPIRED_TOKEN, GOOD_TOKEN, WRONG_TOKEN } from './sandbox-tokens';

const transitionSchema = z.object({
  as: sandboxUserSchema,
  transition: z.string().min(1),
  resolution: z.string().min(1).optional(),
  comment: z.string().optional(),
});
const commentSchema = z.object({ as: sandboxUserSchema, text: z.string().min(1) });
const findingStatusSchema = z.object({
  status: z.enum(V2_STATUSES),
  reason: z.string().max(2000).optional(),
});
const addFindingsSchema = z.object({ count: z.number().int().min(1).max(200) });
const invokeSchema = z.object({
  moduleKey: z.string().min(1),
  functionKey: z.string().min(1),
  payload: z.unknown().optional(),
  as: sandboxUserSchema,
  issue: z.string().optional(),
  project: z.string().optional(),
});

interface ZeropathProperty {
  findingId?: unknown;
}

function linkedFindingId(issue: StoredIssue): string | undefined {
  const property = issue.properties.get('zeropath') as ZeropathProperty | undefined;
  return typeof property?.findingId === 'string' ? property.findingId : undefined;
}

function issueSummary(world: SandboxWorld, issue: StoredIssue) {
  const state = world.jira.state;
  const status = state.statusOf(issue);
  const findingId = linkedFindingId(issue);
  return {
    key: issue.key,
    summary: typeof issue.fields['summary'] === 'string' ? issue.fields['summary'] : '',
    project: state.projectOf(issue).key,
    issueType: state.issueTypes.get(issue.issueTypeId)?.name ?? issue.issueTypeId,
    status: status.name,
    statusCategory: status.category,
    resolution: state.resolutions.find((r) => r.id === issue.resolutionId)?.name ?? null,
    findingId: findingId ?? null,
    findingStatus:
      findingId === undefined ? null : (world.zeropath.state.finding(findingId)?.v2Status ?? null),
    updated: new Date(issue.updated).toISOString(),
  };
}

function issueDetail(world: SandboxWorld, issue: StoredIssue) {
  const state = world.jira.state;
  const displayName = (accountId: string) =>
    (state.userJson(accountId) as { displayName?: string }).displayName ?? accountId;
  return {
    ...issueSummary(world, issue),
    description: extractAdfText(issue.fields['description']),
    labels: Array.isArray(issue.fields['labels']) ? issue.fields['labels'] : [],
    comments: issue.comments.map((c) => ({
      id: c.id,
      author: displayName(c.authorId),
      text: extractAdfText(c.body),
      created: new Date(c.created).toISOString(),
    })),
    transitions: state.availableTransitions(issue).map((t) => ({
      id: t.id,
      name: t.name,
      to: state.statuses.get(t.to)?.name ?? t.to,
      needsResolution: t.resolutionScreen?.required === true,
    })),
    resolutions: state.resolutions.map((r) => r.name),
    properties: Object.fromEntries(issue.properties),
    remoteLinks: issue.remoteLinks,
  };
}

function findingSummary(f: StoredFinding, links: ReadonlyMap<string, string>) {
  return {
    id: f.id,
    title: f.generatedTitle,
    severity: f.severity,
    score: f.score,
    category: f.vulnCategory,
    vulnClass: f.vulnClass,
    repository: f.repositoryName,
    file: `${f.affectedFile}:${f.startLine}`,
    status: f.v2Status,
    linkedIssue: links.get(f.id) ?? null,
    updatedAt: f.updatedAt,
  };
}

function findingLinks(world: SandboxWorld): Map<string, string> {
  const links = new Map<string, string>();
  for (const issue of world.jira.state.issues.values()) {
    const findingId = linkedFindingId(issue);
    if (findingId !== undefined) links.set(findingId, issue.key);
  }
  return links;
}

function requireIssue(world: SandboxWorld, key: string): StoredIssue {
  const issue = world.jira.state.findIssue(key);
  if (issue === undefined) throw new SandboxRequestError(404, `No issue ${key}`);
  return issue;
}

/** Turns a simulator control error (thrown for an invalid action) into a 400 the page can show. */
function asPerson<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    throw new SandboxRequestError(400, error instanceof Error ? error.message : String(error));
  }
}

export async function handleApiRequest(
  world: SandboxWorld,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const p = url.pathname.slice('/__sandbox/api'.length);
  const method = req.method ?? 'GET';
  const jira = world.jira;
  const zp = world.zeropath;
  let m: RegExpExecArray | null;

  if (method === 'GET' && p === '/info') {
    return sendJson(res, 200, {
      url: world.url,
      users: Object.entries(SANDBOX_USERS).map(([key, u]) => ({ key, ...u })),
      uiModules: world.manifest.uiModules,
      scheduledTriggers: world.manifest.scheduledTriggers,
      zeropath: {
        baseUrl: 'https://zeropath.com',
        organizationId: zp.organizationId,
        goodToken: GOOD_TOKEN,
        wrongToken: WRONG_TOKEN,
        expiredToken: EXPIRED_TOKEN,
      },
      statuses: V2_STATUSES,
    });
  }
  if (method === 'GET' && p === '/events') {
    const after = Number(url.searchParams.get('after') ?? '0');
    return sendJson(res, 200, {
      entries: world.feed.since(Number.isFinite(after) ? after : 0),
      pending: world.runtime.pendingDeliveries,
    });
  }
  if (method === 'POST' && p === '/settle') {
    await world.pump();
    return sendJson(res, 200, { pending: world.runtime.pendingDeliveries });
  }

  // ---- Jira ---------------------------------------------------------------------------------
  if (method === 'GET' && p === '/jira/issues') {
    const all = url.searchParams.get('all') === '1';
    const issues = [...jira.state.issues.values()]
      .filter((i) => all || linkedFindingId(i) !== undefined)
      .sort((a, b) => b.created - a.created || b.key.localeCompare(a.key))
      .map((i) => issueSummary(world, i));
    return sendJson(res, 200, { issues });
  }
  if ((m = /^\/jira\/issues\/([A-Z][A-Z0-9]*-\d+)$/.exec(p)) && method === 'GET') {
    return sendJson(res, 200, issueDetail(world, requireIssue(world, m[1] ?? '')));
  }
  if ((m = /^\/jira\/issues\/([A-Z][A-Z0-9]*-\d+)\/transition$/.exec(p)) && method === 'POST') {
    const key = m[1] ?? '';
    const body = await readJsonBody(req, transitionSchema);
    const accountId = SANDBOX_USERS[body.as].accountId;
    requireIssue(world, key);
    // Jira's transition screen saves the comment with the transition; the comment comes first so
    // the app, reacting to the status change, can read why the person closed the issue.
    if (body.comment !== undefined && body.comment.trim() !== '') {
      const comment = body.comment;
      asPerson(() => jira.control.commentAs(accountId, key, comment));
    }
    asPerson(() =>
      jira.control.transitionAs(
        accountId,
        key,
        body.transition,
        body.resolution === undefined ? {} : { resolution: body.resolution },
      ),
    );
    world.feed.add(
      'you',
      `${SANDBOX_USERS[body.as].label} moved ${key} with "${body.transition}"${body.comment ? ` and commented "${body.comment}"` : ''}`,
    );
    await world.pump();
    return sendJson(res, 200, issueDetail(world, requireIssue(world, key)));
  }
  if ((m = /^\/jira\/issues\/([A-Z][A-Z0-9]*-\d+)\/comment$/.exec(p)) && method === 'POST') {
    const key = m[1] ?? '';
    const body = await readJsonBody(req, commentSchema);
    requireIssue(world, key);
    asPerson(() => jira.control.commentAs(SANDBOX_USERS[body.as].accountId, key, body.text));
    world.feed.add('you', `${SANDBOX_USERS[body.as].label} commented on ${key}: "${body.text}"`);
    await world.pump();
    return sendJson(res, 200, issueDetail(world, requireIssue(world, key)));
  }

  // ---- ZeroPath -----------------------------------------------------------------------------
  if (method === 'GET' && p === '/zeropath/findings') {
    const q = (url.searchParams.get('q') ?? '').toLowerCase();
    const status = url.searchParams.get('status') ?? '';
    const linkedOnly = url.searchParams.get('linked') === '1';
    const limit = Math.min(Math.max(Number(url.searchParams.get('limit') ?? '50') || 50, 1), 500);
    const links = findingLinks(world);
    const matches = zp.state
      .findings()
      .filter((f) => (status === '' || f.v2Status === status) && (!linkedOnly || links.has(f.id)))
      .filter(
        (f) =>
          q === '' ||
          [f.id, f.generatedTitle, f.repositoryName, f.vulnClass, f.vulnCategory].some((v) =>
            v.toLowerCase().includes(q),
          ),
      )
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    return sendJson(res, 200, {
      total: matches.length,
      findings: matches.slice(0, limit).map((f) => findingSummary(f, links)),
    });
  }
  if ((m = /^\/zeropath\/findings\/([\w-]+)$/.exec(p)) && method === 'GET') {
    const id = m[1] ?? '';
    const finding = zp.state.finding(id);
    if (finding === undefined) throw new SandboxRequestError(404, `No finding ${id}`);
    return sendJson(res, 200, {
      ...findingSummary(finding, findingLinks(world)),
      notes: zp.state.notes(id) ?? '',
      history: zp.state.statusHistory(id),
    });
  }
  if ((m = /^\/zeropath\/findings\/([\w-]+)\/status$/.exec(p)) && method === 'POST') {
    const id = m[1] ?? '';
    const body = await readJsonBody(req, findingStatusSchema);
    if (zp.state.finding(id) === undefined) throw new SandboxRequestError(404, `No finding ${id}`);
    const updated = asPerson(() =>
      zp.control.setFindingStatus(id, body.status, {
        by: 'sandbox',
        ...(body.reason !== undefined ? { reason: body.reason } : {}),
      }),
    );
    world.feed.add(
      'you',
      `ZeroPath: finding ${id} is now ${updated.v2Status} (the app learns on its next sweep)`,
    );
    return sendJson(res, 200, findingSummary(updated, findingLinks(world)));
  }
  if (method === 'POST' && p === '/zeropath/findings') {
    const body = await readJsonBody(req, addFindingsSchema);
    const added = zp.control.addFindings(body.count);
    world.feed.add('you', `ZeroPath: ${added.length} new finding(s) from a scan`);
    const links = findingLinks(world);
    return sendJson(res, 200, { findings: added.map((f) => findingSummary(f, links)) });
  }

  // ---- Forge --------------------------------------------------------------------------------
  if ((m = /^\/scheduled\/([\w-]+)\/run$/.exec(p)) && method === 'POST') {
    const key = m[1] ?? '';
    if (!world.manifest.scheduledTriggers.includes(key))
      throw new SandboxRequestError(404, `No scheduled trigger '${key}' in manifest.yml`);
    world.feed.add('you', `Ran scheduled trigger ${key} now`);
    try {
      await world.runtime.runScheduledTrigger(key);
    } catch (error) {
      // The runtime already logged the failure; the feed shows it. Still deliver what it queued.
      await world.pump();
      return sendJson(res, 200, { ok: false, error: error instanceof Error ? error.message : String(error) });
    }
    await world.pump();
    return sendJson(res, 200, { ok: true });
  }
  if (method === 'POST' && p === '/invoke') {
    const body = await readJsonBody(req, invokeSchema);
    const module = world.manifest.uiModules.find((mod) => mod.key === body.moduleKey && mod.hasResolver);
    if (module === undefined)
      throw new SandboxRequestError(404, `No UI module with a resolver called '${body.moduleKey}'`);
    const answer = await invokeAs(world, module, body.functionKey, body.payload ?? {}, body.as, body);
    await world.pump();
    return sendJson(res, 200, answer);
  }
  if (method === 'GET' && p === '/kvs') {
    // Values only: secrets live apart from values and are never listed.
    return sendJson(res, 200, {
      entries: world.runtime.kvs.entries(url.searchParams.get('prefix') ?? undefined),
    });
  }
  throw new SandboxRequestError(404, `No sandbox API ${method} ${p}`);
}
