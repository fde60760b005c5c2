/**
 * The Jira REST v3 routes the app uses, with Jira's shapes, status codes and error strings.
 * Each handler: resolve the caller, hide what they may not see (404), validate, delegate to the
 * store, render. See README.md for the route table and the reference section behind each rule.
 */
import { type SimRequest, type SimResponse, type SimRouter } from '../shared/http-server';
import { MSG, errorCollection, jiraError } from './jira-errors';
import { GLOBAL_PERMISSIONS, type SeedProject, type SeedStatus, type StoredIssue } from './jira-model';
import { type JiraStateStore, formatJiraTime, propertyProblem, type Outcome } from './jira-state-store';
import { JqlError, parseJql, type ParsedJql } from './jql-engine';
import { searchIssues } from './jira-search';

const API = '/rest/api/3';
const CATEGORY_META: Record<SeedStatus['category'], { id: number; name: string; colorName: string }> = {
  new: { id: 2, name: 'To Do', colorName: 'blue-gray' },
  indeterminate: { id: 4, name: 'In Progress', colorName: 'yellow' },
  done: { id: 3, name: 'Done', colorName: 'green' },
};

/** What an issue read says it can expand (the `expand` attribute Jira puts on every issue). */
const ISSUE_EXPANDABLE = 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations';
const SYSTEM_FIELD_NAMES: Record<string, string> = {
  summary: 'Summary', description: 'Description', status: 'Status', resolution: 'Resolution', resolutiondate: 'Resolved', issuetype: 'Issue Type',
  project: 'Project', priority: 'Priority', labels: 'Labels', assignee: 'Assignee', reporter: 'Reporter', creator: 'Creator', created: 'Created',
  updated: 'Updated', duedate: 'Due date', parent: 'Parent', comment: 'Comment', subtasks: 'Sub-tasks', issuelinks: 'Linked Issues',
  attachment: 'Attachment', components: 'Components', fixVersions: 'Fix versions', versions: 'Affects versions', environment: 'Environment',
  watches: 'Watchers', votes: 'Votes', worklog: 'Log Work', timetracking: 'Time tracking', security: 'Security Level', lastViewed: 'Last Viewed',
  statuscategorychangedate: 'Status Category Changed', workratio: 'Work Ratio', progress: 'Progress', aggregateprogress: 'Σ Progress',
  timespent: 'Time Spent', aggregatetimespent: 'Σ Time Spent', timeestimate: 'Remaining Estimate', aggregatetimeestimate: 'Σ Remaining Estimate',
  timeoriginalestimate: 'Original estimate', aggregatetimeoriginalestimate: 'Σ Original Estimate', issuerestriction: 'Restrict to',
};
const SYSTEM_FIELD_TYPES: Record<string, string> = {
  summary: 'string', description: 'string', environment: 'string', status: 'status', resolution: 'resolution', issuetype: 'issuetype', project: 'project',
  priority: 'priority', labels: 'array', assignee: 'user', reporter: 'user', creator: 'user', created: 'datetime', updated: 'datetime', resolutiondate: 'datetime',
  duedate: 'date', comment: 'comments-page', subtasks: 'array', issuelinks: 'array', attachment: 'array', components: 'array', fixVersions: 'array', versions: 'array',
};

/** `expand=renderedFields`: HTML for ADF and dates as Jira shows them; other fields render as null. */
function renderedValue(fieldId: string, value: unknown): unknown {
  if (typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'doc') return adfToHtml(value);
  if (fieldId === 'comment' && typeof value === 'object' && value !== null) {
    const page = value as { comments?: { body?: unknown }[] };
    return { ...page, comments: (page.comments ?? []).map((c) => ({ ...c, body: adfToHtml(c.body) })) };
  }
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return value.slice(0, 16).replace('T', ' ');
  return typeof value === 'string' ? value : null;
}

function adfToHtml(node: unknown): string {
  if (typeof node !== 'object' || node === null) return '';
  const { type, text, content } = node as { type?: unknown; text?: unknown; content?: unknown };
  const inner = Array.isArray(content) ? content.map(adfToHtml).join('') : '';
  const escaped = typeof text === 'string' ? text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : '';
  switch (type) {
    case 'paragraph':
      return `<p>${inner}</p>`;
    case 'text':
      return escaped;
    case 'hardBreak':
      return '<br/>';
    case 'bulletList':
      return `<ul>${inner}</ul>`;
    case 'orderedList':
      return `<ol>${inner}</ol>`;
    case 'listItem':
      return `<li>${inner}</li>`;
    case 'codeBlock':
      return `<pre>${inner}</pre>`;
    default:
      return inner;
  }
}

function json(status: number, body: unknown): SimResponse {
  return { status, body };
}

function fromOutcome<T>(outcome: Outcome<T>, onOk: (value: T) => SimResponse): SimResponse {
  return outcome.ok ? onOk(outcome.value) : { status: outcome.status, body: outcome.error };
}

/**
 * A multi-valued query parameter as Jira reads it: repeated (`fields=a&fields=b`, the OpenAPI form
 * jira.js sends) and comma-separated (`fields=a,b`) both count. `undefined` when absent.
 */
function listParam(req: SimRequest, name: string): string[] | undefined {
  const raw = req.query.getAll(name);
  if (raw.length === 0) return undefined;
  return raw.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v.length > 0);
}

function intParam(req: SimRequest, name: string, fallback: number): number | SimResponse {
  const raw = req.query.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) return jiraError(400, `Parameter '${name}' must be a non-negative integer.`);
  return value;
}

export function registerJiraRoutes(router: SimRouter, store: JiraStateStore): void {
  const site = store.siteUrl;

  const renderStatus = (status: SeedStatus): Record<string, unknown> => {
    const meta = CATEGORY_META[status.category];
    return {
      self: `${site}${API}/status/${status.id}`,
      id: status.id,
      name: status.name,
      description: '',
      iconUrl: `${site}/images/icons/statuses/generic.png`,
      statusCategory: { self: `${site}${API}/statuscategory/${meta.id}`, id: meta.id, key: status.category, colorName: meta.colorName, name: meta.name },
    };
  };
  const renderIssueType = (id: string): Record<string, unknown> => {
    const type = store.issueTypes.get(id);
    return { self: `${site}${API}/issuetype/${id}`, id, name: type?.name, subtask: type?.hierarchyLevel === -1, hierarchyLevel: type?.hierarchyLevel, description: type?.description ?? '', iconUrl: `${site}/images/icons/issuetypes/${id}.png` };
  };
  function renderResolution(r: (typeof store.resolutions)[number]): Record<string, unknown> {
    return { self: `${site}${API}/resolution/${r.id}`, id: r.id, name: r.name, description: r.description ?? '' };
  }
  function renderPriority(id: string): Record<string, unknown> {
    return { self: `${site}${API}/priority/${id}`, iconUrl: `${site}/images/icons/priorities/${id}.svg`, name: store.priorities.find((p) => p.id === id)?.name ?? id, id };
  }
  const renderProject = (project: SeedProject): Record<string, unknown> => ({
    self: `${site}${API}/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    projectTypeKey: 'software',
    simplified: project.style === 'next-gen',
    style: project.style,
    avatarUrls: { '48x48': `${site}/project/avatar/${project.id}.png` },
  });

  const issueRef = (issue: StoredIssue): Record<string, unknown> => ({
    id: issue.id,
    key: issue.key,
    self: `${site}${API}/issue/${issue.id}`,
    fields: { summary: issue.fields['summary'], status: renderStatus(store.statusOf(issue)), priority: null, issuetype: renderIssueType(issue.issueTypeId) },
  });

  /**
   * All fields of an issue as GET /issue renders them: Jira's system fields are always present
   * (null or empty when unset — time tracking, votes, watches, links, attachments…), then the values
   * the issue holds.
   */
  const renderFields = (issue: StoredIssue): Record<string, unknown> => {
    const project = store.projectOf(issue);
    const rendered: Record<string, unknown> = {};
    for (const [fieldId, value] of Object.entries(issue.fields)) {
      const screenField = store.screenFor(project, issue.issueTypeId).find((f) => f.fieldId === fieldId);
      if ((fieldId === 'assignee' || fieldId === 'reporter') && typeof value === 'string') rendered[fieldId] = store.userJson(value);
      else if (screenField?.kind === 'priority' && typeof value === 'string') rendered[fieldId] = renderPriority(value);
      else if (screenField?.kind === 'option' && typeof value === 'string') rendered[fieldId] = { self: `${site}${API}/customFieldOption/${value}`, id: value, value: screenField.allowedValues?.find((v) => v.id === value)?.value };
      else rendered[fieldId] = value;
    }
    const parent = issue.parentId !== null ? store.issues.get(issue.parentId) : undefined;
    const subtasks = [...(store.issuesByProject.get(issue.projectId) ?? [])]
      .map((id) => store.issues.get(id))
      .filter((child): child is StoredIssue => child?.parentId === issue.id && store.issueTypes.get(child.issueTypeId)?.hierarchyLevel === -1)
      .map(issueRef);
    const progress = { progress: 0, total: 0 };
    return {
      statuscategorychangedate: formatJiraTime(issue.statusCategoryChangedAt),
      timespent: null,
      aggregatetimespent: null,
      fixVersions: [],
      resolutiondate: issue.resolutionDate === null ? null : formatJiraTime(issue.resolutionDate),
      workratio: -1,
      watches: { self: `${site}${API}/issue/${issue.key}/watchers`, watchCount: 0, isWatching: false },
      lastViewed: null,
      issuerestriction: { issuerestrictions: {}, shouldDisplay: false },
      labels: [],
      versions: [],
      issuelinks: [],
      assignee: null,
      components: [],
      timeoriginalestimate: null,
      description: null,
      timetracking: {},
      security: null,
      attachment: [],
      aggregatetimeestimate: null,
      timeestimate: null,
      aggregatetimeoriginalestimate: null,
      creator: store.userJson(issue.creatorId),
      subtasks,
      reporter: null,
      aggregateprogress: progress,
      environment: null,
      duedate: null,
      progress,
      votes: { self: `${site}${API}/issue/${issue.key}/votes`, votes: 0, hasVoted: false },
      worklog: { startAt: 0, maxResults: 20, total: 0, worklogs: [] },
      ...rendered,
      issuetype: renderIssueType(issue.issueTypeId),
      project: renderProject(project),
      status: renderStatus(store.statusOf(issue)),
      resolution: issue.resolutionId === null ? null : renderResolution(store.resolutions.find((r) => r.id === issue.resolutionId) ?? { id: issue.resolutionId, name: issue.resolutionId }),
      ...(parent === undefined ? {} : { parent: issueRef(parent) }),
      created: formatJiraTime(issue.created),
      updated: formatJiraTime(issue.updated),
      comment: { comments: issue.comments.map((c) => store.commentJson(c)), self: `${site}${API}/issue/${issue.id}/comment`, maxResults: issue.comments.length, total: issue.comments.length, startAt: 0 },
    };
  };

  /** Display names of the fields an issue read returns (`expand=names`). */
  const fieldName = (issue: StoredIssue, fieldId: string): string => {
    const screenField = store.screenFor(store.projectOf(issue), issue.issueTypeId).find((f) => f.fieldId === fieldId);
    return screenField?.name ?? SYSTEM_FIELD_NAMES[fieldId] ?? fieldId;
  };

  const renderIssue = (issue: StoredIssue, fields: readonly string[] | undefined, propertyKeys: readonly string[] = [], expand: readonly string[] = []): Record<string, unknown> => {
    const out: Record<string, unknown> = { expand: ISSUE_EXPANDABLE, id: issue.id, self: `${site}${API}/issue/${issue.id}`, key: issue.key };
    let selected: Record<string, unknown> = {};
    if (fields !== undefined) {
      const all = renderFields(issue);
      const wantAll = fields.includes('*all') || fields.includes('*navigable');
      const excluded = new Set(fields.filter((f) => f.startsWith('-')).map((f) => f.slice(1)));
      for (const [k, v] of Object.entries(all)) if ((wantAll || fields.includes(k)) && !excluded.has(k)) selected[k] = v;
      out['fields'] = selected;
    } else selected = {};
    if (expand.includes('renderedFields')) {
      out['renderedFields'] = Object.fromEntries(Object.entries(selected).map(([k, v]) => [k, renderedValue(k, v)]));
    }
    if (expand.includes('names')) out['names'] = Object.fromEntries(Object.keys(selected).map((k) => [k, fieldName(issue, k)]));
    if (expand.includes('schema')) out['schema'] = Object.fromEntries(Object.keys(selected).map((k) => [k, { type: SYSTEM_FIELD_TYPES[k] ?? 'any', system: k }]));
    if (expand.includes('changelog')) {
      const histories = issue.histories.map((h) => ({ id: h.id, author: store.userJson(h.authorId), created: formatJiraTime(h.created), items: h.items }));
      out['changelog'] = { startAt: 0, maxResults: histories.length, total: histories.length, histories };
    }
    if (propertyKeys.length > 0) {
      out['properties'] = Object.fromEntries(propertyKeys.filter((k) => issue.properties.has(k)).map((k) => [k, issue.properties.get(k)]));
    }
    return out;
  };

  /** Resolves the caller and a visible issue, or answers 401/404 as Jira does. */
  const withIssue = (req: SimRequest, handle: (issue: StoredIssue, accountId: string) => SimResponse): SimResponse => {
    const accountId = store.accountOf(req.principal);
    if (accountId === undefined) return jiraError(401, MSG.notAuthenticated);
    const issue = store.visibleIssue(req.params['issueIdOrKey'] ?? '', accountId);
    if (issue === undefined) return jiraError(404, MSG.issueNotFound);
    return handle(issue, accountId);
  };
  const authed = (req: SimRequest, handle: (accountId: string) => SimResponse): SimResponse => {
    const accountId = store.accountOf(req.principal);
    return accountId === undefined ? jiraError(401, MSG.notAuthenticated) : handle(accountId);
  };

  // ---- create (§1) ---------------------------------------------------------------------------
  router.add('POST', `${API}/issue`, (req) =>
    authed(req, () => fromOutcome(store.createIssue(req.body, req.principal), (issue) => json(201, { id: issue.id, key: issue.key, self: `${site}${API}/issue/${issue.id}` }))),
  );

  router.add('POST', `${API}/issue/bulk`, (req) =>
    authed(req, () => {
      const updates = (req.body as { issueUpdates?: unknown } | undefined)?.issueUpdates;
      if (!Array.isArray(updates)) return jiraError(400, 'issueUpdates is required.');
      if (updates.length > 50) return jiraError(400, MSG.bulkTooMany);
      const issues: unknown[] = [];
      const errors: unknown[] = [];
      updates.forEach((update, index) => {
        const outcome = store.createIssue(update, req.principal);
        if (outcome.ok) issues.push({ id: outcome.value.id, key: outcome.value.key, self: `${site}${API}/issue/${outcome.value.id}` });
        else errors.push({ status: outcome.status, failedElementNumber: index, elementErrors: outcome.error });
      });
      return json(issues.length > 0 || updates.length === 0 ? 201 : 400, { issues, errors });
    }),
  );

  // ---- createmeta (§2.1) ---------------------------------------------------------------------
  const paging = (req: SimRequest): { startAt: number; maxResults: number } | SimResponse => {
    const startAt = intParam(req, 'startAt', 0);
    if (typeof startAt !== 'number') return startAt;
    const maxResults = intParam(req, 'maxResults', 50);
    if (typeof maxResults !== 'number') return maxResults;
    if (maxResults > 200) return jiraError(400, MSG.maxResultsOver(200));
    return { startAt, maxResults };
  };
  const createProject = (req: SimRequest, accountId: string): SeedProject | SimResponse => {
    const project = store.findProject(req.params['projectIdOrKey'] ?? '');
    if (project === undefined || !store.can(accountId, project, 'BROWSE_PROJECTS')) {
      return jiraError(404, `No project could be found with key '${req.params['projectIdOrKey']}'.`);
    }
    return project;
  };
  router.add('GET', `${API}/issue/createmeta/:projectIdOrKey/issuetypes`, (req) =>
    authed(req, (accountId) => {
      const page = paging(req);
      if ('status' in page) return page;
      const project = createProject(req, accountId);
      if ('status' in project) return project;
      const types = store.can(accountId, project, 'CREATE_ISSUES') ? project.issueTypeIds.map(renderIssueType) : [];
      return json(200, { startAt: page.startAt, maxResults: page.maxResults, total: types.length, issueTypes: types.slice(page.startAt, page.startAt + page.maxResults) });
    }),
  );
  router.add('GET', `${API}/issue/createmeta/:projectIdOrKey/issuetypes/:issueTypeId`, (req) =>
    authed(req, (accountId) => {
      const page = paging(req);
      if ('status' in page) return page;
      const project = createProject(req, accountId);
      if ('status' in project) return project;
      const typeId = req.params['issueTypeId'] ?? '';
      if (!project.issueTypeIds.includes(typeId) || !store.can(accountId, project, 'CREATE_ISSUES')) {
        return jiraError(400, `The issue type with id '${typeId}' does not exist or is not available in project '${project.key}'.`);
      }
      const fields = [
        { fieldId: 'project', name: 'Project', required: true, kind: 'project' as const },
        { fieldId: 'issuetype', name: 'Issue Type', required: true, kind: 'issuetype' as const },
        ...store.screenFor(project, typeId),
      ].map((f) => ({
        fieldId: f.fieldId,
        key: f.fieldId,
        name: f.name,
        required: f.required,
        schema: fieldSchema(f.fieldId, f.kind),
        operations: f.kind === 'labels' ? ['add', 'set', 'remove'] : ['set'],
        hasDefaultValue: 'defaultValue' in f && f.defaultValue !== undefined,
        ...('defaultValue' in f && f.defaultValue !== undefined ? { defaultValue: f.defaultValue } : {}),
        ...('allowedValues' in f && f.allowedValues !== undefined ? { allowedValues: f.allowedValues } : {}),
      }));
      return json(200, { startAt: page.startAt, maxResults: page.maxResults, total: fields.length, fields: fields.slice(page.startAt, page.startAt + page.maxResults) });
    }),
  );

  // ---- issue read / edit / delete ------------------------------------------------------------
  router.add('GET', `${API}/issue/:issueIdOrKey`, (req) =>
    withIssue(req, (issue) => json(200, renderIssue(issue, listParam(req, 'fields') ?? ['*all'], listParam(req, 'properties') ?? [], listParam(req, 'expand') ?? []))),
  );
  router.add('PUT', `${API}/issue/:issueIdOrKey`, (req) => withIssue(req, (issue) => fromOutcome(store.editIssue(issue, req.body, req.principal), () => ({ status: 204 }))));
  router.add('DELETE', `${API}/issue/:issueIdOrKey`, (req) =>
    withIssue(req, (issue) => fromOutcome(store.deleteIssue(issue, req.principal, req.query.get('deleteSubtasks') === 'true'), () => ({ status: 204 }))),
  );

  // ---- properties (§7.1) ---------------------------------------------------------------------
  router.add('GET', `${API}/issue/:issueIdOrKey/properties`, (req) =>
    withIssue(req, (issue) => json(200, { keys: [...issue.properties.keys()].map((key) => ({ key, self: `${site}${API}/issue/${issue.id}/properties/${encodeURIComponent(key)}` })) })),
  );
  router.add('GET', `${API}/issue/:issueIdOrKey/properties/:propertyKey`, (req) =>
    withIssue(req, (issue) => {
      const key = req.params['propertyKey'] ?? '';
      return issue.properties.has(key) ? json(200, { key, value: issue.properties.get(key) }) : jiraError(404, MSG.propertyMissing(key));
    }),
  );
  router.add('PUT', `${API}/issue/:issueIdOrKey/properties/:propertyKey`, (req) =>
    withIssue(req, (issue, accountId) => {
      if (!store.can(accountId, store.projectOf(issue), 'EDIT_ISSUES')) return jiraError(403, MSG.noEditPermission);
      const key = req.params['propertyKey'] ?? '';
      const problem = propertyProblem(key, req.body);
      if (problem !== undefined) return jiraError(400, problem);
      return { status: store.setProperty(issue, key, req.body) ? 200 : 201 };
    }),
  );
  router.add('DELETE', `${API}/issue/:issueIdOrKey/properties/:propertyKey`, (req) =>
    withIssue(req, (issue, accountId) => {
      if (!store.can(accountId, store.projectOf(issue), 'EDIT_ISSUES')) return jiraError(403, MSG.noEditPermission);
      const key = req.params['propertyKey'] ?? '';
      if (!store.deleteProperty(issue, key)) return jiraError(404, MSG.propertyMissing(key));
      return { status: 204 };
    }),
  );

  // ---- remote links (§7.3) -------------------------------------------------------------------
  const renderLink = (issue: StoredIssue, link: StoredIssue['remoteLinks'][number]): Record<string, unknown> => ({
    id: link.id,
    self: `${site}${API}/issue/${issue.id}/remotelink/${link.id}`,
    ...(link.globalId !== undefined ? { globalId: link.globalId } : {}),
    application: link.application ?? {},
    ...(link.relationship !== undefined ? { relationship: link.relationship } : {}),
    object: link.object,
  });
  router.add('POST', `${API}/issue/:issueIdOrKey/remotelink`, (req) =>
    withIssue(req, (issue, accountId) => {
      if (!store.can(accountId, store.projectOf(issue), 'LINK_ISSUES')) return jiraError(403, 'You do not have permission to link issues.');
      const body = (req.body ?? {}) as { globalId?: unknown; application?: unknown; relationship?: unknown; object?: { url?: unknown; title?: unknown } };
      const errors: Record<string, string> = {};
      if (typeof body.object?.url !== 'string' || body.object.url.length === 0) errors['url'] = "'url' is required.";
      if (typeof body.object?.title !== 'string' || body.object.title.length === 0) errors['title'] = "'title' is required.";
      if (body.globalId !== undefined && (typeof body.globalId !== 'string' || body.globalId.length > 255)) errors['globalId'] = 'globalId must be a string of at most 255 characters.';
      if (Object.keys(errors).length > 0) return jiraError(400, [], errors);
      const globalId = body.globalId as string | undefined;
      const existing = globalId === undefined ? undefined : issue.remoteLinks.find((l) => l.globalId === globalId);
      if (existing !== undefined) {
        // Upsert replaces the whole link: fields missing from the request become null (§7.3).
        existing.application = body.application ?? null;
        existing.relationship = body.relationship ?? null;
        existing.object = body.object;
        return json(200, { id: existing.id, self: `${site}${API}/issue/${issue.id}/remotelink/${existing.id}` });
      }
      if (issue.remoteLinks.length >= store.remoteLinkCap) return jiraError(413, `The issue has reached the maximum number of remote links (${store.remoteLinkCap}).`);
      const link = { id: store.nextRemoteLinkId(), globalId, application: body.application, relationship: body.relationship, object: body.object };
      issue.remoteLinks.push(link);
      return json(201, { id: link.id, self: `${site}${API}/issue/${issue.id}/remotelink/${link.id}` });
    }),
  );
  router.add('GET', `${API}/issue/:issueIdOrKey/remotelink`, (req) =>
    withIssue(req, (issue) => {
      const globalId = req.query.get('globalId');
      if (globalId === null) return json(200, issue.remoteLinks.map((l) => renderLink(issue, l)));
      const link = issue.remoteLinks.find((l) => l.globalId === globalId);
      return link === undefined ? jiraError(404, `No remote link with globalId '${globalId}' exists on this issue.`) : json(200, renderLink(issue, link));
    }),
  );
  router.add('GET', `${API}/issue/:issueIdOrKey/remotelink/:linkId`, (req) =>
    withIssue(req, (issue) => {
      const link = issue.remoteLinks.find((l) => String(l.id) === req.params['linkId']);
      return link === undefined ? jiraError(404, MSG.remoteLinkNotFound(req.params['linkId'] ?? '')) : json(200, renderLink(issue, link));
    }),
  );
  const deleteLink = (issue: StoredIssue, predicate: (l: StoredIssue['remoteLinks'][number]) => boolean, label: string): SimResponse => {
    const index = issue.remoteLinks.findIndex(predicate);
    if (index < 0) return jiraError(404, MSG.remoteLinkNotFound(label));
    issue.remoteLinks.splice(index, 1);
    return { status: 204 };
  };
  router.add('DELETE', `${API}/issue/:issueIdOrKey/remotelink`, (req) =>
    withIssue(req, (issue) => {
      const globalId = req.query.get('globalId');
      return globalId === null ? jiraError(400, 'The globalId parameter is required.') : deleteLink(issue, (l) => l.globalId === globalId, globalId);
    }),
  );
  router.add('DELETE', `${API}/issue/:issueIdOrKey/remotelink/:linkId`, (req) =>
    withIssue(req, (issue) => deleteLink(issue, (l) => String(l.id) === req.params['linkId'], req.params['linkId'] ?? '')),
  );

  // ---- comments (§5.1) -----------------------------------------------------------------------
  router.add('GET', `${API}/issue/:issueIdOrKey/comment`, (req) =>
    withIssue(req, (issue) => {
      const startAt = intParam(req, 'startAt', 0);
      if (typeof startAt !== 'number') return startAt;
      const requested = intParam(req, 'maxResults', 100);
      if (typeof requested !== 'number') return requested;
      const orderBy = req.query.get('orderBy');
      if (orderBy !== null && !['created', '-created', '+created'].includes(orderBy)) {
        return jiraError(400, `Invalid orderBy parameter: '${orderBy}'. Valid values are: created, -created, +created.`);
      }
      const maxResults = Math.min(requested, 100);
      const ordered = orderBy === '-created' ? [...issue.comments].reverse() : issue.comments;
      return json(200, { startAt, maxResults, total: issue.comments.length, comments: ordered.slice(startAt, startAt + maxResults).map((c) => store.commentJson(c)) });
    }),
  );
  router.add('POST', `${API}/issue/:issueIdOrKey/comment`, (req) =>
    withIssue(req, (issue) => fromOutcome(store.addComment(issue, (req.body as { body?: unknown } | undefined)?.body, req.principal), (c) => json(201, store.commentJson(c)))),
  );
  const withComment = (req: SimRequest, handle: (issue: StoredIssue, comment: NonNullable<ReturnType<typeof store.commentsById.get>>) => SimResponse): SimResponse =>
    withIssue(req, (issue) => {
      const comment = store.commentsById.get(req.params['commentId'] ?? '');
      return comment === undefined || comment.issueId !== issue.id ? jiraError(404, MSG.commentNotFound(req.params['commentId'] ?? '')) : handle(issue, comment);
    });
  router.add('GET', `${API}/issue/:issueIdOrKey/comment/:commentId`, (req) => withComment(req, (_issue, comment) => json(200, store.commentJson(comment))));
  router.add('PUT', `${API}/issue/:issueIdOrKey/comment/:commentId`, (req) =>
    withComment(req, (issue, comment) =>
      fromOutcome(store.editComment(issue, comment, (req.body as { body?: unknown } | undefined)?.body, req.principal), (c) => json(200, store.commentJson(c))),
    ),
  );
  router.add('DELETE', `${API}/issue/:issueIdOrKey/comment/:commentId`, (req) =>
    withComment(req, (issue, comment) => fromOutcome(store.deleteComment(issue, comment, req.principal), () => ({ status: 204 }))),
  );

  // ---- transitions (§4.1, §4.2) --------------------------------------------------------------
  router.add('GET', `${API}/issue/:issueIdOrKey/transitions`, (req) =>
    withIssue(req, (issue, accountId) => {
      const expandFields = (listParam(req, 'expand') ?? []).includes('transitions.fields');
      const only = req.query.get('transitionId');
      const offered = store.can(accountId, store.projectOf(issue), 'TRANSITION_ISSUES') ? store.availableTransitions(issue) : [];
      const transitions = offered
        .filter((t) => only === null || t.id === only)
        .map((t) => {
          const to = store.statuses.get(t.to);
          return {
            id: t.id,
            name: t.name,
            to: to === undefined ? undefined : renderStatus(to),
            hasScreen: t.resolutionScreen !== undefined,
            isGlobal: t.from.length === 0,
            isInitial: false,
            isAvailable: true,
            isConditional: false,
            isLooped: false,
            ...(expandFields
              ? {
                  fields:
                    t.resolutionScreen === undefined
                      ? {}
                      : {
                          resolution: {
                            required: t.resolutionScreen.required,
                            name: 'Resolution',
                            key: 'resolution',
                            operations: ['set'],
                            schema: { type: 'resolution', system: 'resolution' },
                            allowedValues: store.resolutions.map((r) => ({ self: `${site}${API}/resolution/${r.id}`, id: r.id, name: r.name })),
                          },
                        },
                }
              : {}),
          };
        });
      return json(200, { expand: 'transitions', transitions });
    }),
  );
  router.add('POST', `${API}/issue/:issueIdOrKey/transitions`, (req) =>
    withIssue(req, (issue) => {
      const body = (req.body ?? {}) as { transition?: { id?: unknown }; fields?: Record<string, unknown>; update?: { comment?: { add?: { body?: unknown } }[] } };
      const transitionId = body.transition?.id;
      if (typeof transitionId !== 'string' && typeof transitionId !== 'number') return jiraError(400, "Missing 'transition' identifier");
      const fields = { ...(body.fields ?? {}) };
      const resolution = fields['resolution'];
      const outcome = store.transitionIssue(issue, { transitionId: String(transitionId), resolution, fields }, req.principal);
      if (!outcome.ok) return { status: outcome.status, body: outcome.error };
      for (const op of body.update?.comment ?? []) {
        if (op.add !== undefined) store.addComment(issue, op.add.body, req.principal);
      }
      return { status: 204 };
    }),
  );

  // ---- catalogues (§4.3, §4.4, §6) -----------------------------------------------------------
  router.add('GET', `${API}/status`, () => json(200, [...store.statuses.values()].map(renderStatus)));
  router.add('GET', `${API}/status/:idOrName`, (req) => {
    const key = req.params['idOrName'] ?? '';
    const status = store.statuses.get(key) ?? [...store.statuses.values()].find((s) => s.name.toLowerCase() === key.toLowerCase());
    return status === undefined ? jiraError(404, `The status with id '${key}' does not exist`) : json(200, renderStatus(status));
  });
  router.add('GET', `${API}/statuscategory`, () =>
    json(
      200,
      (Object.keys(CATEGORY_META) as SeedStatus['category'][]).map((key) => ({ self: `${site}${API}/statuscategory/${CATEGORY_META[key].id}`, id: CATEGORY_META[key].id, key, colorName: CATEGORY_META[key].colorName, name: CATEGORY_META[key].name })),
    ),
  );
  router.add('GET', `${API}/resolution`, () => json(200, store.resolutions.map(renderResolution)));
  router.add('GET', `${API}/resolution/search`, (req) => {
    const startAt = intParam(req, 'startAt', 0);
    if (typeof startAt !== 'number') return startAt;
    const maxResults = intParam(req, 'maxResults', 50);
    if (typeof maxResults !== 'number') return maxResults;
    const ids = listParam(req, 'id') ?? [];
    const all = store.resolutions.filter((r) => (ids.length === 0 || ids.includes(r.id)) && (req.query.get('onlyDefault') !== 'true' || r.isDefault === true));
    const values = all.slice(startAt, startAt + maxResults).map((r) => ({ ...renderResolution(r), isDefault: r.isDefault === true }));
    return json(200, { startAt, maxResults, total: all.length, isLast: startAt + values.length >= all.length, values });
  });
  router.add('GET', `${API}/resolution/:id`, (req) => {
    const id = req.params['id'] ?? '';
    const resolution = store.resolutions.find((r) => r.id === id);
    return resolution === undefined ? jiraError(404, `The resolution with ID '${id}' does not exist.`) : json(200, renderResolution(resolution));
  });
  router.add('GET', `${API}/priority`, () => json(200, store.priorities.map((p) => ({ self: `${site}${API}/priority/${p.id}`, id: p.id, name: p.name }))));
  router.add('GET', `${API}/myself`, (req) =>
    authed(req, (accountId) => {
      const user = store.userJson(accountId);
      // `expand=groups` adds the caller's groups as Jira does: a SimpleListWrapper of GroupName.
      const expand = (req.query.get('expand') ?? '').split(',').map((e) => e.trim());
      if (!expand.includes('groups')) return json(200, user);
      const groups = store.users.get(accountId)?.groups ?? [];
      const items = groups.map((g) => ({ name: g.name, groupId: g.groupId, self: `${site}${API}/group?groupId=${g.groupId}` }));
      return json(200, { ...user, groups: { size: items.length, items } });
    }),
  );

  /*
   * Find groups (GET /groups/picker). Jira needs the Browse users and groups global permission and
   * answers an empty list without it; the simulator grants that only to ADMINISTER holders (the
   * strictest reading: it models no other global permission).
   */
  router.add('GET', `${API}/groups/picker`, (req) =>
    authed(req, (accountId) => {
      const requested = intParam(req, 'maxResults', 20);
      if (typeof requested !== 'number') return requested;
      const mayBrowse = store.users.get(accountId)?.globalPermissions?.includes('ADMINISTER') === true;
      const text = (req.query.get('query') ?? '').toLowerCase();
      const all = new Map<string, { name: string; groupId: string }>();
      for (const user of store.users.values()) for (const g of user.groups ?? []) all.set(g.groupId, g);
      const matching = mayBrowse
        ? [...all.values()].filter((g) => g.name.toLowerCase().includes(text)).sort((a, b) => a.name.localeCompare(b.name))
        : [];
      const shown = matching.slice(0, Math.min(requested, 1000));
      return json(200, {
        header: `Showing ${shown.length} of ${matching.length} matching groups`,
        total: matching.length,
        groups: shown.map((g) => ({ name: g.name, html: g.name, labels: [], groupId: g.groupId })),
      });
    }),
  );
  /*
   * Evaluate a Jira expression (POST /expression/evaluate). The simulator evaluates exactly one
   * expression, the one the app sends to learn the caller's project roles; any other expression is
   * refused with 400 rather than answered wrongly. A context project the caller cannot browse is
   * Jira's 404.
   */
  router.add('POST', `${API}/expression/evaluate`, (req) =>
    authed(req, (accountId) => {
      const body = req.body as { expression?: unknown; context?: { project?: { key?: unknown; id?: unknown } } } | undefined;
      const expression = typeof body?.expression === 'string' ? body.expression.replace(/\s+/g, '') : '';
      if (expression !== 'user.getProjectRoles(project).map(role=>role.name)') {
        return jiraError(400, 'The Jira simulator evaluates only user.getProjectRoles(project).map(role => role.name).');
      }
      const ref = body?.context?.project;
      const projectRef = typeof ref?.key === 'string' ? ref.key : typeof ref?.id === 'string' ? ref.id : undefined;
      if (projectRef === undefined) return jiraError(400, 'Evaluation failed: "project" is not available in this context.');
      const project = store.findProject(projectRef);
      if (project === undefined || !store.can(accountId, project, 'BROWSE_PROJECTS')) {
        return jiraError(404, `Project ${projectRef} does not exist or you do not have permission to view it.`);
      }
      const roles = store.users.get(accountId)?.projectRoles?.[project.key] ?? [];
      return json(200, { value: [...roles], meta: { complexity: { steps: { value: 1, limit: 10000 }, expensiveOperations: { value: 1, limit: 10 } } } });
    }),
  );

  router.add('GET', `${API}/project/search`, (req) =>
    authed(req, (accountId) => {
      const startAt = intParam(req, 'startAt', 0);
      if (typeof startAt !== 'number') return startAt;
      const requested = intParam(req, 'maxResults', 50);
      if (typeof requested !== 'number') return requested;
      const maxResults = Math.min(requested, 100);
      const action = req.query.get('action') ?? 'view';
      const needed = action === 'create' ? 'CREATE_ISSUES' : action === 'edit' ? 'EDIT_ISSUES' : 'BROWSE_PROJECTS';
      const keys = listParam(req, 'keys') ?? [];
      const ids = listParam(req, 'id') ?? [];
      const text = req.query.get('query')?.toLowerCase();
      const matching = [...store.projects.values()]
        .filter((p) => store.can(accountId, p, needed))
        .filter((p) => keys.length === 0 || keys.includes(p.key))
        .filter((p) => ids.length === 0 || ids.includes(p.id))
        .filter((p) => text === undefined || p.key.toLowerCase().includes(text) || p.name.toLowerCase().includes(text))
        .sort((a, b) => (req.query.get('orderBy') === 'name' ? a.name.localeCompare(b.name) : a.key.localeCompare(b.key)));
      const values = matching.slice(startAt, startAt + maxResults).map((p) => ({
        ...renderProject(p),
        ...((listParam(req, 'expand') ?? []).includes('issueTypes') ? { issueTypes: p.issueTypeIds.map(renderIssueType) } : {}),
      }));
      const isLast = startAt + values.length >= matching.length;
      return json(200, {
        self: `${site}${API}/project/search?startAt=${startAt}&maxResults=${maxResults}`,
        ...(isLast ? {} : { nextPage: `${site}${API}/project/search?startAt=${startAt + maxResults}&maxResults=${maxResults}` }),
        startAt,
        maxResults,
        total: matching.length,
        isLast,
        values,
      });
    }),
  );
  router.add('GET', `${API}/project/:projectIdOrKey`, (req) =>
    authed(req, (accountId) => {
      const project = store.findProject(req.params['projectIdOrKey'] ?? '');
      if (project === undefined || !store.can(accountId, project, 'BROWSE_PROJECTS')) {
        return jiraError(404, `No project could be found with key '${req.params['projectIdOrKey']}'.`);
      }
      return json(200, { ...renderProject(project), issueTypes: project.issueTypeIds.map(renderIssueType) });
    }),
  );

  router.add('GET', `${API}/user/assignable/search`, (req) =>
    authed(req, (accountId) => {
      const query = req.query.get('query');
      const exact = req.query.get('accountId');
      if ((query === null) === (exact === null)) return jiraError(400, "Exactly one of 'query' or 'accountId' must be provided.");
      const projectRef = req.query.get('project');
      const issueRef = req.query.get('issueKey') ?? req.query.get('issueId');
      let project: SeedProject | undefined;
      if (projectRef !== null) project = store.findProject(projectRef);
      else if (issueRef !== null) {
        const issue = store.visibleIssue(issueRef, accountId);
        project = issue === undefined ? undefined : store.projectOf(issue);
      } else return jiraError(400, 'A project, issue key or issue id is required.');
      if (project === undefined || !store.can(accountId, project, 'BROWSE_PROJECTS')) return jiraError(404, `Project '${projectRef ?? issueRef}' not found.`);
      const startAt = intParam(req, 'startAt', 0);
      if (typeof startAt !== 'number') return startAt;
      const maxResults = intParam(req, 'maxResults', 50);
      if (typeof maxResults !== 'number') return maxResults;
      // Jira slices candidates first and filters after, so pages can be short (§6.1).
      const candidates = [...store.users.values()]
        .filter((u) => (exact !== null ? u.accountId === exact : u.displayName.toLowerCase().startsWith((query ?? '').toLowerCase()) || (u.emailAddress ?? '').toLowerCase().startsWith((query ?? '').toLowerCase())))
        .slice(startAt, startAt + maxResults);
      const target = project;
      return json(200, candidates.filter((u) => u.active !== false && store.can(u.accountId, target, 'ASSIGNABLE_USER')).map((u) => store.userJson(u.accountId)));
    }),
  );

  // Plain user search (not project-scoped). Jira needs Browse users and groups; the app user and
  // every seeded user hold it here [inferred]. Like assignable search it slices, then filters.
  router.add('GET', `${API}/user/search`, (req) =>
    authed(req, () => {
      const query = req.query.get('query');
      const exact = req.query.get('accountId');
      if (query === null && exact === null) return jiraError(400, "One of 'query' or 'accountId' parameters must be provided.");
      const startAt = intParam(req, 'startAt', 0);
      if (typeof startAt !== 'number') return startAt;
      const requested = intParam(req, 'maxResults', 50);
      if (typeof requested !== 'number') return requested;
      const maxResults = Math.min(requested, 1000);
      const needle = (query ?? '').toLowerCase();
      const candidates = [...store.users.values()]
        .filter((u) => (exact !== null ? u.accountId === exact : u.displayName.toLowerCase().includes(needle) || (u.emailAddress ?? '').toLowerCase().startsWith(needle)))
        .slice(startAt, startAt + maxResults);
      return json(200, candidates.filter((u) => u.active !== false).map((u) => store.userJson(u.accountId)));
    }),
  );

  // Strongly consistent read of up to 100 issues by id or key (§9.1): no index lag, unlike JQL.
  router.add('POST', `${API}/issue/bulkfetch`, (req) =>
    authed(req, (accountId) => {
      const body = (req.body ?? {}) as { issueIdsOrKeys?: unknown; fields?: unknown; expand?: unknown; properties?: unknown; fieldsByKeys?: unknown };
      if (!Array.isArray(body.issueIdsOrKeys) || body.issueIdsOrKeys.some((v) => typeof v !== 'string')) {
        return jiraError(400, [], { issueIdsOrKeys: 'issueIdsOrKeys must be a list of issue ids or keys.' });
      }
      const refs = body.issueIdsOrKeys as string[];
      if (refs.length === 0 || refs.length > 100) return jiraError(400, 'You must provide between 1 and 100 issue ids or keys.');
      const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(String).flatMap((x) => x.split(',')) : typeof v === 'string' ? v.split(',') : undefined);
      const fields = strings(body.fields) ?? ['*navigable'];
      const expand = strings(body.expand) ?? [];
      const properties = strings(body.properties) ?? [];
      // Missing and invisible issues are left out without a word; `issueErrors` lists only retriable
      // failures, which the simulator does not produce (spec's BulkIssueResults).
      const issues = refs.flatMap((ref) => {
        const issue = store.visibleIssue(ref, accountId);
        return issue === undefined ? [] : [renderIssue(issue, fields, properties, expand)];
      });
      return json(200, { expand: 'schema,names', issues, issueErrors: [] });
    }),
  );

  // Find users with permissions (GET /user/permission/search): the users matching `query` or
  // `accountId` who hold every listed permission in the project or issue. Jira requires Browse
  // users and groups (the app holds it); a project the caller cannot see answers 404.
  router.add('GET', `${API}/user/permission/search`, (req) =>
    authed(req, (accountId) => {
      const raw = req.query.get('permissions');
      if (raw === null || raw.trim() === '') return jiraError(400, "The 'permissions' query parameter is required.");
      const keys = raw.split(',').map((k) => k.trim());
      const unknown = keys.filter((k) => !store.isKnownPermission(k));
      if (unknown.length > 0) return jiraError(400, `Unrecognized permission key(s): ${unknown.join(', ')}.`);
      const query = req.query.get('query');
      const exact = req.query.get('accountId');
      if (query === null && exact === null) return jiraError(400, "One of 'query' or 'accountId' must be provided.");
      const projectRef = req.query.get('projectKey');
      const issueRef = req.query.get('issueKey');
      let project: SeedProject | undefined;
      if (issueRef !== null) {
        const issue = store.visibleIssue(issueRef, accountId);
        project = issue === undefined ? undefined : store.projectOf(issue);
      } else if (projectRef !== null) project = store.findProject(projectRef);
      if ((projectRef !== null || issueRef !== null) && (project === undefined || !store.can(accountId, project, 'BROWSE_PROJECTS')))
        return jiraError(404, `No project could be found with key '${projectRef ?? issueRef}'.`);
      const target = project;
      const holds = (userId: string) =>
        keys.every((key) =>
          target !== undefined
            ? store.can(userId, target, key as Parameters<typeof store.can>[2])
            : [...store.projects.values()].some((p) => store.can(userId, p, key as Parameters<typeof store.can>[2])),
        );
      const matches = [...store.users.values()].filter(
        (u) => u.active !== false && (exact !== null ? u.accountId === exact : u.displayName.toLowerCase().startsWith((query ?? '').toLowerCase())),
      );
      return json(200, matches.filter((u) => holds(u.accountId)).map((u) => store.userJson(u.accountId)));
    }),
  );

  // ---- permissions (§10.1) -------------------------------------------------------------------
  router.add('GET', `${API}/mypermissions`, (req) => {
    const keys = listParam(req, 'permissions') ?? [];
    if (keys.length === 0) return jiraError(400, "The 'permissions' query parameter is required.");
    const unknown = keys.filter((k) => !store.isKnownPermission(k));
    if (unknown.length > 0) return jiraError(400, `Unrecognized permission key(s): ${unknown.join(', ')}.`);
    const accountId = store.accountOf(req.principal);
    const projectRef = req.query.get('projectKey') ?? req.query.get('projectId');
    const issueRef = req.query.get('issueKey') ?? req.query.get('issueId');
    let project: SeedProject | undefined;
    if (issueRef !== null) {
      const issue = store.visibleIssue(issueRef, accountId);
      if (issue === undefined) return jiraError(404, MSG.issueNotFound);
      project = store.projectOf(issue);
    } else if (projectRef !== null) {
      project = store.findProject(projectRef);
      if (project === undefined || !store.can(accountId, project, 'BROWSE_PROJECTS')) return jiraError(404, `No project could be found with key '${projectRef}'.`);
    }
    const permissions: Record<string, unknown> = {};
    for (const key of keys) {
      const global = (GLOBAL_PERMISSIONS as readonly string[]).includes(key);
      const have = global
        ? store.hasGlobal(accountId, 'ADMINISTER')
        : project !== undefined
          ? store.can(accountId, project, key as Parameters<typeof store.can>[2])
          : [...store.projects.values()].some((p) => store.can(accountId, p, key as Parameters<typeof store.can>[2]));
      permissions[key] = { id: key, key, name: key === 'ADMINISTER' ? 'Administer Jira' : key, type: global ? 'GLOBAL' : 'PROJECT', description: '', havePermission: have };
    }
    return json(200, { permissions });
  });

  // ---- search (§9) ---------------------------------------------------------------------------
  const search = (req: SimRequest, input: SearchInput): SimResponse =>
    authed(req, (accountId) => {
      let parsed: ParsedJql;
      try {
        parsed = parseJql(input.jql ?? '');
      } catch (error) {
        return jiraError(400, error instanceof JqlError ? error.message : String(error));
      }
      if (parsed.where === undefined) return jiraError(400, MSG.unboundedJql);
      const offset = decodePageToken(input.nextPageToken);
      if (offset === undefined) return jiraError(400, 'The provided next page token is invalid or expired.');
      const fields = input.fields;
      const idOnly = fields === undefined || fields.every((f) => f === 'id' || f === 'key');
      const maxResults = Math.min(input.maxResults ?? 50, idOnly ? 5000 : 100);
      const result = searchIssues(store, parsed, accountId, { reconcileIds: input.reconcileIssues ?? [] });
      if (!result.ok) return { status: result.status, body: result.error };
      const page = result.value.slice(offset, offset + maxResults);
      const isLast = offset + page.length >= result.value.length;
      return json(200, {
        issues: page.map((issue) => (fields === undefined && (input.expand ?? []).length === 0 ? { id: issue.id } : renderIssue(issue, fields ?? ['id'], input.properties ?? [], input.expand ?? []))),
        ...(isLast ? {} : { nextPageToken: encodePageToken(offset + page.length) }),
        isLast,
      });
    });
  router.add('GET', `${API}/search/jql`, (req) => {
    const maxResults = req.query.get('maxResults');
    return search(req, {
      jql: req.query.get('jql') ?? undefined,
      nextPageToken: req.query.get('nextPageToken') ?? undefined,
      maxResults: maxResults === null ? undefined : Number(maxResults),
      fields: listParam(req, 'fields'),
      properties: listParam(req, 'properties'),
      expand: listParam(req, 'expand'),
      reconcileIssues: listParam(req, 'reconcileIssues')?.map(Number),
    });
  });
  router.add('POST', `${API}/search/jql`, (req) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const asStrings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.split(',') : undefined);
    return search(req, {
      jql: typeof body['jql'] === 'string' ? body['jql'] : undefined,
      nextPageToken: typeof body['nextPageToken'] === 'string' ? body['nextPageToken'] : undefined,
      maxResults: typeof body['maxResults'] === 'number' ? body['maxResults'] : undefined,
      fields: asStrings(body['fields']),
      properties: asStrings(body['properties']),
      expand: asStrings(body['expand'])?.flatMap((e) => e.split(',')),
      reconcileIssues: Array.isArray(body['reconcileIssues']) ? body['reconcileIssues'].map(Number) : undefined,
    });
  });
  const removed = (): SimResponse => json(410, errorCollection([MSG.searchRemoved]));
  router.add('GET', `${API}/search`, removed);
  router.add('POST', `${API}/search`, removed);
}

interface SearchInput {
  readonly jql: string | undefined;
  readonly nextPageToken: string | undefined;
  readonly maxResults: number | undefined;
  readonly fields: readonly string[] | undefined;
  readonly properties: readonly string[] | undefined;
  readonly expand: readonly string[] | undefined;
  readonly reconcileIssues: readonly number[] | undefined;
}

function encodePageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset }), 'utf8').toString('base64url');
}

function decodePageToken(token: string | undefined): number | undefined {
  if (token === undefined || token === '') return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown };
    return typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0 ? parsed.o : undefined;
  } catch {
    return undefined;
  }
}

function fieldSchema(fieldId: string, kind: string): Record<string, unknown> {
  const custom = fieldId.startsWith('customfield_');
  const base = custom ? { custom: `com.atlassian.jira.plugin.system.customfieldtypes:${customType(kind)}`, customId: Number(fieldId.slice('customfield_'.length)) } : { system: fieldId };
  const type: Record<string, string> = {
    summary: 'string', string: 'string', adf: 'string', date: 'date', number: 'number', priority: 'priority', option: 'option',
    labels: 'array', multioption: 'array', user: 'user', parent: 'issuelink', components: 'array', project: 'project', issuetype: 'issuetype',
  };
  const items: Record<string, string> = { labels: 'string', components: 'component', multioption: 'option' };
  return { type: type[kind] ?? 'any', ...(items[kind] === undefined ? {} : { items: items[kind] }), ...base };
}

function customType(kind: string): string {
  if (kind === 'option') return 'select';
  if (kind === 'multioption') return 'multiselect';
  if (kind === 'labels') return 'labels';
  if (kind === 'date') return 'datepicker';
  if (kind === 'user') return 'userpicker';
  if (kind === 'adf') return 'textarea';
  if (kind === 'number') return 'float';
  return 'textfield';
}
