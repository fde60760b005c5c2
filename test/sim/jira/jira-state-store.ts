/**
 * In-memory Jira site: configuration (users, projects, screens, workflows) and content (issues,
 * comments, properties, remote links), with indexes by id, key and project so per-request work
 * does not scan every issue. Domain operations (create, edit, transition, comment, delete) live
 * here so the HTTP routes and the in-process control API share one implementation, and each
 * emits the Forge product event Jira would send.
 */
import { APP_ACCOUNT_ID, APP_DISPLAY_NAME, isSelfGenerated, type Principal } from '../shared/principal';
import { checkAdf } from './adf-validation';
import { MSG, errorCollection, hasErrors, type ErrorCollection } from './jira-errors';
import {
  GLOBAL_PERMISSIONS,
  PROJECT_PERMISSIONS,
  type ChangelogItem,
  type GlobalPermission,
  type JiraProductEvent,
  type ProjectPermission,
  type ScreenField,
  type SeedData,
  type SeedIssueType,
  type SeedProject,
  type SeedStatus,
  type SeedUser,
  type SeedWorkflow,
  type StoredComment,
  type StoredIssue,
  type EntityPropertyIndex,
} from './jira-model';

/** One state of an issue as the search index holds it, from `at` until a newer version is visible. */
export interface IndexedVersion {
  readonly at: number;
  readonly deleted: boolean;
  readonly issue: StoredIssue;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; status: number; error: ErrorCollection };

export function failure(status: number, error: ErrorCollection): { ok: false; status: number; error: ErrorCollection } {
  return { ok: false, status, error };
}

/** What `exportContent` writes: plain JSON (the property map as entries). */
export interface JiraContentSnapshot {
  readonly users: readonly SeedUser[];
  readonly projects: readonly SeedProject[];
  readonly issues: ReadonlyArray<Omit<StoredIssue, 'properties'> & { readonly properties: ReadonlyArray<readonly [string, unknown]> }>;
  readonly projectCounters: ReadonlyArray<readonly [string, number]>;
  readonly next: { readonly issueId: number; readonly commentId: number; readonly changelogId: number; readonly remoteLinkId: number };
}

export interface CreateInput {
  readonly fields?: Record<string, unknown>;
  readonly update?: Record<string, unknown>;
  readonly properties?: unknown;
  readonly transition?: { readonly id?: unknown };
}

const ALWAYS_SETTABLE = new Set(['project', 'issuetype']);
const MAX_PROPERTY_CHARS = 32_768;

/** Jira timestamps look like `2021-01-17T12:34:00.000+0000`. */
export function formatJiraTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}

export class JiraStateStore {
  readonly siteUrl: string;
  readonly users = new Map<string, SeedUser>();
  readonly issueTypes = new Map<string, SeedIssueType>();
  readonly statuses = new Map<string, SeedStatus>();
  readonly resolutions: SeedData['resolutions'];
  readonly priorities: SeedData['priorities'];
  readonly projects = new Map<string, SeedProject>();
  readonly projectsByKey = new Map<string, SeedProject>();
  readonly issues = new Map<string, StoredIssue>();
  readonly issuesByKey = new Map<string, StoredIssue>();
  readonly issuesByProject = new Map<string, Set<string>>();
  readonly commentsById = new Map<string, StoredComment>();
  readonly events: JiraProductEvent[] = [];
  /** Entity-property JQL aliases (`zeropathFindingId` → property `zeropath`, path `findingId`), from jira:entityProperty. */
  readonly searchAliases = new Map<string, { key: string; path: string }>();
  /** `propertyKey` → path → value type: the only property paths JQL can see (jira-rest-api.md §7.2). */
  readonly indexedPropertyPaths = new Map<string, Map<string, EntityPropertyIndex['values'][number]['type']>>();
  commentCap = 5_000;
  /**
   * Every write (create, edit, transition, property set/delete, delete) reaches JQL this long after
   * it happened unless the issue id is in `reconcileIssues` (§9.1); 0 = immediate.
   */
  searchIndexLagMs = 0;
  /** issueId → indexed versions (oldest first): what JQL sees while a write is still "indexing". */
  readonly searchIndex = new Map<string, IndexedVersion[]>();
  remoteLinkCap = 2_000;
  readonly #listeners = new Set<(event: JiraProductEvent) => void>();
  readonly #projectCounters = new Map<string, number>();
  #nextIssueId = 10_000;
  #nextCommentId = 10_000;
  #nextChangelogId = 10_000;
  #nextRemoteLinkId = 10_000;

  constructor(
    seed: SeedData,
    readonly now: () => number,
  ) {
    this.siteUrl = seed.siteUrl ?? 'https://zeropath-demo.atlassian.net';
    this.resolutions = seed.resolutions;
    this.priorities = seed.priorities;
    for (const user of seed.users) this.users.set(user.accountId, user);
    for (const type of seed.issueTypes) this.issueTypes.set(type.id, type);
    for (const status of seed.statuses) this.statuses.set(status.id, status);
    for (const project of seed.projects) this.addProject(project);
    for (const issue of seed.issues ?? []) this.#seedIssue(issue);
  }

  // ---- configuration -------------------------------------------------------------------------

  addProject(project: SeedProject): void {
    for (const typeId of project.issueTypeIds) {
      if (!this.issueTypes.has(typeId)) throw new Error(`Project ${project.key}: unknown issue type id '${typeId}'`);
    }
    for (const statusId of project.workflow.statusIds) {
      if (!this.statuses.has(statusId)) throw new Error(`Project ${project.key}: unknown status id '${statusId}'`);
    }
    this.projects.set(project.id, project);
    this.projectsByKey.set(project.key, project);
    if (!this.issuesByProject.has(project.id)) this.issuesByProject.set(project.id, new Set());
  }

  /** Installs an app's `jira:entityProperty` modules: their paths (and aliases) become searchable. */
  declareEntityProperties(modules: readonly EntityPropertyIndex[]): void {
    for (const module of modules) {
      if ((module.entityType ?? 'issue') !== 'issue') continue;
      const paths = this.indexedPropertyPaths.get(module.propertyKey) ?? new Map();
      for (const value of module.values) {
        paths.set(value.path, value.type);
        if (value.searchAlias !== undefined) this.searchAliases.set(value.searchAlias, { key: module.propertyKey, path: value.path });
      }
      this.indexedPropertyPaths.set(module.propertyKey, paths);
    }
  }

  /** The indexed type of a property path, or undefined when no installed module declares it. */
  indexedPropertyType(key: string, path: string): EntityPropertyIndex['values'][number]['type'] | undefined {
    return this.indexedPropertyPaths.get(key)?.get(path);
  }

  // ---- search index (eventual consistency, §9.1) ---------------------------------------------

  /** Records the issue's current state as a new index version, visible to JQL after the lag. */
  reindex(issue: StoredIssue, deleted = false): void {
    const now = this.now();
    const versions = this.searchIndex.get(issue.id) ?? [];
    versions.push({
      at: now,
      deleted,
      issue: { ...issue, fields: structuredClone(issue.fields), properties: new Map(structuredClone([...issue.properties])) },
    });
    // Versions older than the newest one already visible can never be read again.
    const cutoff = now - this.searchIndexLagMs;
    let newestVisible = -1;
    versions.forEach((v, i) => {
      if (v.at <= cutoff) newestVisible = i;
    });
    if (newestVisible > 0) versions.splice(0, newestVisible);
    this.searchIndex.set(issue.id, versions);
  }

  /**
   * What JQL sees of an issue now: the newest index version older than the lag, or the live issue
   * when it is reconciled (read-after-write). `undefined` = not in the index (yet, or any more).
   */
  indexedIssue(issueId: string, reconciled: boolean): StoredIssue | undefined {
    if (reconciled) return this.issues.get(issueId);
    const cutoff = this.now() - this.searchIndexLagMs;
    const versions = this.searchIndex.get(issueId) ?? [];
    for (let i = versions.length - 1; i >= 0; i--) {
      const version = versions[i] as IndexedVersion;
      if (version.at <= cutoff) return version.deleted ? undefined : version.issue;
    }
    return undefined;
  }

  setProperty(issue: StoredIssue, key: string, value: unknown): boolean {
    const existed = issue.properties.has(key);
    issue.properties.set(key, value);
    this.reindex(issue);
    return existed;
  }

  deleteProperty(issue: StoredIssue, key: string): boolean {
    if (!issue.properties.delete(key)) return false;
    this.reindex(issue);
    return true;
  }

  addUser(user: SeedUser): void {
    this.users.set(user.accountId, user);
  }

  setPermissions(accountId: string, permissions: Pick<SeedUser, 'globalPermissions' | 'projectPermissions'>): void {
    const user = this.users.get(accountId);
    if (user === undefined) throw new Error(`Unknown user '${accountId}'`);
    this.users.set(accountId, { ...user, ...permissions });
  }

  setCreateScreen(projectKey: string, issueTypeId: string, screen: readonly ScreenField[]): void {
    const project = this.#requireProject(projectKey);
    this.addProject({ ...project, createScreens: { ...project.createScreens, [issueTypeId]: screen } });
  }

  setWorkflow(projectKey: string, workflow: SeedWorkflow): void {
    this.addProject({ ...this.#requireProject(projectKey), workflow });
  }

  // ---- persistence (the sandbox's `--state FILE`) -------------------------------------------

  /**
   * Everything a person can change: users and projects (the control API edits them), issues with
   * their comments, properties, remote links and history, and the id counters, so keys continue
   * (SEC-4 after SEC-3) after a restart. Product events already delivered are not state.
   */
  exportContent(): JiraContentSnapshot {
    return {
      users: [...this.users.values()],
      projects: [...this.projects.values()],
      issues: [...this.issues.values()].map((issue) => ({ ...issue, properties: [...issue.properties] })),
      projectCounters: [...this.#projectCounters],
      next: {
        issueId: this.#nextIssueId,
        commentId: this.#nextCommentId,
        changelogId: this.#nextChangelogId,
        remoteLinkId: this.#nextRemoteLinkId,
      },
    };
  }

  /** Replaces the content with a snapshot from `exportContent` (no events: nothing happened now). */
  importContent(snapshot: JiraContentSnapshot): void {
    this.users.clear();
    for (const user of snapshot.users) this.users.set(user.accountId, user);
    for (const project of snapshot.projects) this.addProject(project);
    this.issues.clear();
    this.issuesByKey.clear();
    this.commentsById.clear();
    this.searchIndex.clear();
    for (const ids of this.issuesByProject.values()) ids.clear();
    for (const stored of snapshot.issues) {
      const issue: StoredIssue = { ...stored, properties: new Map(stored.properties) };
      this.issues.set(issue.id, issue);
      this.issuesByKey.set(issue.key, issue);
      this.issuesByProject.get(issue.projectId)?.add(issue.id);
      for (const comment of issue.comments) this.commentsById.set(comment.id, comment);
      // Indexed long ago, like seeded issues: JQL sees them at once.
      this.searchIndex.set(issue.id, [{ at: Number.NEGATIVE_INFINITY, deleted: false, issue: { ...issue, fields: structuredClone(issue.fields), properties: new Map(issue.properties) } }]);
    }
    this.#projectCounters.clear();
    for (const [projectId, counter] of snapshot.projectCounters) this.#projectCounters.set(projectId, counter);
    this.#nextIssueId = snapshot.next.issueId;
    this.#nextCommentId = snapshot.next.commentId;
    this.#nextChangelogId = snapshot.next.changelogId;
    this.#nextRemoteLinkId = snapshot.next.remoteLinkId;
  }

  onEvent(listener: (event: JiraProductEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #requireProject(projectKey: string): SeedProject {
    const project = this.projectsByKey.get(projectKey);
    if (project === undefined) throw new Error(`Unknown project '${projectKey}'`);
    return project;
  }

  // ---- identity and permissions --------------------------------------------------------------

  /** The account a principal acts as; `undefined` for anonymous callers and unknown users. */
  accountOf(principal: Principal): string | undefined {
    if (principal.kind === 'app') return APP_ACCOUNT_ID;
    if (principal.kind === 'user' && this.users.has(principal.accountId)) return principal.accountId;
    return undefined;
  }

  userJson(accountId: string): Record<string, unknown> {
    if (accountId === APP_ACCOUNT_ID) {
      return { accountId, accountType: 'app', active: true, displayName: APP_DISPLAY_NAME, self: `${this.siteUrl}/rest/api/3/user?accountId=${accountId}` };
    }
    const user = this.users.get(accountId);
    return {
      self: `${this.siteUrl}/rest/api/3/user?accountId=${encodeURIComponent(accountId)}`,
      accountId,
      accountType: user?.accountType ?? 'atlassian',
      active: user?.active ?? true,
      displayName: user?.displayName ?? accountId,
      ...(user?.emailAddress !== undefined ? { emailAddress: user.emailAddress } : {}),
      timeZone: 'UTC',
      avatarUrls: { '48x48': `${this.siteUrl}/avatar/${encodeURIComponent(accountId)}.png` },
    };
  }

  hasGlobal(accountId: string | undefined, permission: GlobalPermission): boolean {
    if (accountId === undefined || accountId === APP_ACCOUNT_ID) return false;
    return this.users.get(accountId)?.globalPermissions?.includes(permission) ?? false;
  }

  /** The app's system user holds every project permission (it sees all projects). */
  can(accountId: string | undefined, project: SeedProject, permission: ProjectPermission): boolean {
    if (accountId === undefined) return false;
    if (accountId === APP_ACCOUNT_ID) return true;
    const perms = this.users.get(accountId)?.projectPermissions;
    if (perms === undefined) return false;
    const granted = perms[project.key] ?? perms['*'] ?? [];
    if (!granted.includes('BROWSE_PROJECTS') && permission !== 'BROWSE_PROJECTS') return false;
    return granted.includes(permission);
  }

  isKnownPermission(key: string): boolean {
    return (PROJECT_PERMISSIONS as readonly string[]).includes(key) || (GLOBAL_PERMISSIONS as readonly string[]).includes(key);
  }

  // ---- lookups -------------------------------------------------------------------------------

  findIssue(idOrKey: string): StoredIssue | undefined {
    return this.issuesByKey.get(idOrKey.toUpperCase()) ?? this.issues.get(idOrKey);
  }

  /** Jira hides existence: missing and not-browsable issues are the same 404. */
  visibleIssue(idOrKey: string, accountId: string | undefined): StoredIssue | undefined {
    const issue = this.findIssue(idOrKey);
    if (issue === undefined) return undefined;
    const project = this.projects.get(issue.projectId);
    return project !== undefined && this.can(accountId, project, 'BROWSE_PROJECTS') ? issue : undefined;
  }

  findProject(idOrKey: string): SeedProject | undefined {
    return this.projectsByKey.get(idOrKey) ?? this.projects.get(idOrKey);
  }

  projectOf(issue: StoredIssue): SeedProject {
    const project = this.projects.get(issue.projectId);
    if (project === undefined) throw new Error(`Issue ${issue.key} points at a missing project`);
    return project;
  }

  statusOf(issue: StoredIssue): SeedStatus {
    const status = this.statuses.get(issue.statusId);
    if (status === undefined) throw new Error(`Issue ${issue.key} has unknown status ${issue.statusId}`);
    return status;
  }

  screenFor(project: SeedProject, issueTypeId: string): readonly ScreenField[] {
    return project.createScreens[issueTypeId] ?? [];
  }

  /** Transitions offered from the issue's current status (global ones exclude the current status). */
  availableTransitions(issue: StoredIssue): SeedWorkflow['transitions'] {
    return this.projectOf(issue).workflow.transitions.filter((t) =>
      t.from.length === 0 ? t.to !== issue.statusId : t.from.includes(issue.statusId),
    );
  }

  // ---- create --------------------------------------------------------------------------------

  createIssue(input: unknown, principal: Principal): Outcome<StoredIssue> {
    const accountId = this.accountOf(principal);
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return failure(400, errorCollection(['Can not deserialize the request body: an IssueUpdateDetails object is required.']));
    }
    const body = input as CreateInput;
    const fields = body.fields ?? {};
    const update = body.update ?? {};
    if (typeof fields !== 'object' || typeof update !== 'object') return failure(400, errorCollection(['fields and update must be objects.']));
    const errors = errorCollection();

    const projectRef = fields['project'] as { key?: unknown; id?: unknown } | undefined;
    const projectIdOrKey = typeof projectRef?.key === 'string' ? projectRef.key : typeof projectRef?.id === 'string' ? projectRef.id : undefined;
    const project = projectIdOrKey !== undefined ? this.findProject(projectIdOrKey) : undefined;
    if (project === undefined || !this.can(accountId, project, 'BROWSE_PROJECTS')) {
      return failure(400, errorCollection([], { project: MSG.invalidProject }));
    }
    if (!this.can(accountId, project, 'CREATE_ISSUES')) return failure(403, errorCollection([MSG.noCreatePermission]));

    const typeRef = fields['issuetype'] as { id?: unknown; name?: unknown } | undefined;
    const issueType = project.issueTypeIds
      .map((id) => this.issueTypes.get(id))
      .find((t) => t !== undefined && (t.id === typeRef?.id || (typeof typeRef?.name === 'string' && t.name === typeRef.name)));
    if (issueType === undefined) {
      return failure(400, errorCollection([], { issuetype: typeRef === undefined ? 'Specify an issue type' : MSG.invalidIssueType }));
    }

    const screen = this.screenFor(project, issueType.id);
    const values: Record<string, unknown> = {};
    for (const fieldId of new Set([...Object.keys(fields), ...Object.keys(update)])) {
      if (ALWAYS_SETTABLE.has(fieldId)) continue;
      if (fieldId in fields && fieldId in update) {
        errors.errors[fieldId] = `Field '${fieldId}' cannot be set in both 'fields' and 'update'.`;
        continue;
      }
      const screenField = screen.find((f) => f.fieldId === fieldId);
      if (screenField === undefined) {
        errors.errors[fieldId] = MSG.notOnScreen(fieldId);
        continue;
      }
      const raw = fieldId in fields ? fields[fieldId] : applyUpdateOps(undefined, update[fieldId]);
      const checked = this.#validateFieldValue(screenField, raw);
      if (typeof checked === 'string') errors.errors[fieldId] = checked;
      else values[fieldId] = checked.value;
    }

    let parent: StoredIssue | undefined;
    if (issueType.hierarchyLevel === -1 && values['parent'] === undefined && errors.errors['parent'] === undefined) {
      errors.errors['issuetype'] ??= MSG.subtaskWithoutParent;
    }
    for (const screenField of screen) {
      if (!screenField.required || screenField.fieldId in values || screenField.fieldId in errors.errors) continue;
      if (screenField.fieldId === 'parent' && issueType.hierarchyLevel === -1) continue;
      errors.errors[screenField.fieldId] = screenField.kind === 'summary' ? MSG.summaryMissing : MSG.required(screenField.name);
    }
    if (typeof values['parent'] === 'string') {
      parent = this.visibleIssue(values['parent'], accountId);
      const hierarchyError = parent === undefined ? 'Could not find issue by id or key.' : this.#checkHierarchy(issueType, project, parent);
      if (hierarchyError !== undefined) {
        if (hierarchyError === MSG.subtaskOtherProject) errors.errorMessages.push(hierarchyError);
        else errors.errors[hierarchyError === MSG.wrongHierarchy ? 'parentId' : 'parent'] = hierarchyError;
      }
    }
    const properties = parseCreateProperties(body.properties, errors);
    if (hasErrors(errors)) return failure(400, errors);

    delete values['parent'];
    for (const screenField of screen) {
      if (screenField.kind === 'priority' && values[screenField.fieldId] === undefined && screenField.defaultValue !== undefined) {
        values[screenField.fieldId] = screenField.defaultValue.id;
      }
    }
    values['reporter'] ??= accountId;
    const issue = this.#insertIssue(project, issueType.id, values, parent?.id ?? null, properties, accountId ?? APP_ACCOUNT_ID);
    this.#emit({ eventType: 'avi:jira:created:issue', issue: this.eventIssue(issue), ...this.#actor(principal) });
    return { ok: true, value: issue };
  }

  #checkHierarchy(child: SeedIssueType, project: SeedProject, parent: StoredIssue): string | undefined {
    const parentLevel = this.issueTypes.get(parent.issueTypeId)?.hierarchyLevel ?? 0;
    if (child.hierarchyLevel === -1) {
      if (parentLevel === -1) return MSG.wrongHierarchy;
      return parent.projectId === project.id ? undefined : MSG.subtaskOtherProject;
    }
    return parentLevel === child.hierarchyLevel + 1 ? undefined : MSG.wrongHierarchy;
  }

  /** Returns the stored form of a field value or Jira's per-field error string. */
  #validateFieldValue(screenField: ScreenField, raw: unknown): { value: unknown } | string {
    const name = screenField.name;
    switch (screenField.kind) {
      case 'summary': {
        if (typeof raw !== 'string' || raw.trim().length === 0) return MSG.summaryMissing;
        if (raw.length > 255) return MSG.summaryTooLong;
        if (/[\r\n]/.test(raw)) return MSG.summaryNewline;
        return { value: raw };
      }
      case 'string':
        if (typeof raw !== 'string') return `Operation value must be a string`;
        if (raw.length > 255) return `${name} must be less than 255 characters.`;
        return { value: raw };
      case 'adf': {
        if (raw === null) return { value: null };
        const check = checkAdf(raw);
        if (check.kind === 'not-a-document') return MSG.notAdf;
        if (check.kind === 'invalid') return MSG.invalidAdf;
        return { value: raw };
      }
      case 'date':
        if (raw === null) return { value: null };
        if (typeof raw !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(Date.parse(raw))) {
          return `Error parsing date string: ${JSON.stringify(raw)}`;
        }
        return { value: raw };
      case 'number':
        if (raw === null) return { value: null };
        return typeof raw === 'number' && Number.isFinite(raw) ? { value: raw } : `Operation value must be a number`;
      case 'priority':
      case 'option': {
        if (raw === null && !screenField.required) return { value: null };
        const ref = raw as { id?: unknown; name?: unknown; value?: unknown } | null;
        const match = screenField.allowedValues?.find(
          (v) => v.id === ref?.id || (ref?.name !== undefined && v.name === ref.name) || (ref?.value !== undefined && v.value === ref.value),
        );
        if (match !== undefined) return { value: match.id };
        if (screenField.kind === 'priority') return 'Specify a valid value for priority';
        return typeof ref?.id === 'string' ? `Option id '${ref.id}' is not valid` : `Option value '${String(ref?.value)}' is not valid`;
      }
      case 'multioption': {
        if (raw === null && !screenField.required) return { value: null };
        if (!Array.isArray(raw)) return 'Operation value must be an array';
        const ids: string[] = [];
        for (const item of raw as { id?: unknown; value?: unknown }[]) {
          const match = screenField.allowedValues?.find((v) => v.id === item?.id || (item?.value !== undefined && v.value === item.value));
          if (match === undefined) return typeof item?.id === 'string' ? `Option id '${item.id}' is not valid` : `Option value '${String(item?.value)}' is not valid`;
          ids.push(match.id);
        }
        return { value: ids };
      }
      case 'labels': {
        if (!Array.isArray(raw) || raw.some((l) => typeof l !== 'string')) return 'Operation value must be an array of strings';
        const spaced = (raw as string[]).find((label) => /\s/.test(label));
        if (spaced !== undefined) return `The label '${spaced}' contains spaces which is invalid.`;
        return { value: [...new Set(raw as string[])] };
      }
      case 'user': {
        if (raw === null) return { value: null };
        const accountId = (raw as { accountId?: unknown } | undefined)?.accountId;
        if (typeof accountId !== 'string' || (!this.users.has(accountId) && accountId !== APP_ACCOUNT_ID)) {
          return `Specify a valid value for ${screenField.fieldId}`;
        }
        return { value: accountId };
      }
      case 'parent': {
        const ref = raw as { key?: unknown; id?: unknown } | undefined;
        const idOrKey = typeof ref?.key === 'string' ? ref.key : typeof ref?.id === 'string' ? ref.id : undefined;
        return idOrKey === undefined ? 'Could not find issue by id or key.' : { value: idOrKey };
      }
      case 'components':
        return Array.isArray(raw) ? { value: raw } : 'Operation value must be an array';
    }
  }

  #insertIssue(
    project: SeedProject,
    issueTypeId: string,
    fields: Record<string, unknown>,
    parentId: string | null,
    properties: Map<string, unknown>,
    creatorId: string,
  ): StoredIssue {
    const number = (this.#projectCounters.get(project.id) ?? 0) + 1;
    this.#projectCounters.set(project.id, number);
    const now = this.now();
    const issue: StoredIssue = {
      id: String(this.#nextIssueId++),
      key: `${project.key}-${number}`,
      projectId: project.id,
      issueTypeId,
      statusId: project.workflow.initialStatusId,
      resolutionId: null,
      parentId,
      fields,
      created: now,
      updated: now,
      properties,
      remoteLinks: [],
      comments: [],
      creatorId,
      resolutionDate: null,
      statusCategoryChangedAt: now,
      histories: [],
    };
    this.issues.set(issue.id, issue);
    this.issuesByKey.set(issue.key, issue);
    this.issuesByProject.get(project.id)?.add(issue.id);
    this.reindex(issue);
    return issue;
  }

  #seedIssue(seed: NonNullable<SeedData['issues']>[number]): void {
    const project = this.#requireProject(seed.projectKey);
    const parent = seed.parentKey !== undefined ? this.findIssue(seed.parentKey) : undefined;
    const properties = new Map(Object.entries(seed.properties ?? {}));
    const reporter = typeof seed.fields?.['reporter'] === 'string' ? seed.fields['reporter'] : (project.leadAccountId ?? APP_ACCOUNT_ID);
    const issue = this.#insertIssue(project, seed.issueTypeId, { summary: seed.summary, ...seed.fields }, parent?.id ?? null, properties, reporter);
    if (seed.statusId !== undefined) issue.statusId = seed.statusId;
    // Seeded issues were indexed long ago: visible to JQL from the start, whatever the lag.
    this.searchIndex.set(issue.id, [{ at: Number.NEGATIVE_INFINITY, deleted: false, issue: { ...issue, fields: structuredClone(issue.fields), properties: new Map(issue.properties) } }]);
  }

  // ---- edit ----------------------------------------------------------------------------------

  editIssue(issue: StoredIssue, input: unknown, principal: Principal): Outcome<null> {
    const accountId = this.accountOf(principal);
    const project = this.projectOf(issue);
    if (!this.can(accountId, project, 'EDIT_ISSUES')) return failure(403, errorCollection([MSG.noEditPermission]));
    const body = (typeof input === 'object' && input !== null ? input : {}) as CreateInput;
    const fields = body.fields ?? {};
    const update = body.update ?? {};
    const screen = this.screenFor(project, issue.issueTypeId);
    const errors = errorCollection();
    const changes: Record<string, unknown> = {};
    for (const fieldId of new Set([...Object.keys(fields), ...Object.keys(update)])) {
      const screenField = screen.find((f) => f.fieldId === fieldId);
      if (screenField === undefined) {
        errors.errors[fieldId] = MSG.notOnScreen(fieldId);
        continue;
      }
      const raw = fieldId in fields ? fields[fieldId] : applyUpdateOps(issue.fields[fieldId], update[fieldId]);
      const checked = this.#validateFieldValue(screenField, raw);
      if (typeof checked === 'string') errors.errors[fieldId] = checked;
      else changes[fieldId] = checked.value;
    }
    let newParent: StoredIssue | undefined;
    if (typeof changes['parent'] === 'string') {
      newParent = this.visibleIssue(changes['parent'], accountId);
      const type = this.issueTypes.get(issue.issueTypeId);
      const problem = newParent === undefined || type === undefined ? 'Could not find issue by id or key.' : this.#checkHierarchy(type, project, newParent);
      if (problem !== undefined) errors.errors[problem === MSG.wrongHierarchy ? 'parentId' : 'parent'] = problem;
    }
    if (hasErrors(errors)) return failure(400, errors);

    const items: ChangelogItem[] = [];
    for (const [fieldId, value] of Object.entries(changes)) {
      if (fieldId === 'parent') {
        const from = issue.parentId;
        issue.parentId = newParent?.id ?? null;
        if (from !== issue.parentId) items.push(changeItem('IssueParentAssociation', 'parent', from, this.issues.get(from ?? '')?.key ?? null, issue.parentId, newParent?.key ?? null));
        continue;
      }
      const before = issue.fields[fieldId];
      if (JSON.stringify(before) === JSON.stringify(value)) continue;
      issue.fields[fieldId] = value;
      items.push(changeItem(fieldId, fieldId, stringOrNull(before), displayValue(before), stringOrNull(value), displayValue(value)));
    }
    if (items.length > 0) this.#recordChange(issue, items, principal);
    return { ok: true, value: null };
  }

  // ---- transitions ---------------------------------------------------------------------------

  transitionIssue(issue: StoredIssue, input: { transitionId: string; resolution?: unknown; fields?: Record<string, unknown> }, principal: Principal): Outcome<null> {
    const accountId = this.accountOf(principal);
    const project = this.projectOf(issue);
    const offered = this.can(accountId, project, 'TRANSITION_ISSUES') ? this.availableTransitions(issue) : [];
    const transition = offered.find((t) => t.id === input.transitionId);
    if (transition === undefined) return failure(400, errorCollection([MSG.transitionInvalid(input.transitionId)]));
    const errors = errorCollection();
    for (const fieldId of Object.keys(input.fields ?? {})) {
      if (fieldId !== 'resolution' || transition.resolutionScreen === undefined) errors.errors[fieldId] = MSG.notOnScreen(fieldId);
    }
    let resolutionId: string | null | undefined;
    if (input.resolution !== undefined && transition.resolutionScreen !== undefined) {
      const ref: { id?: unknown; name?: unknown } | null = typeof input.resolution === 'object' ? (input.resolution) : null;
      const match = this.resolutions.find((r) => r.id === ref?.id || (typeof ref?.name === 'string' && r.name.toLowerCase() === ref.name.toLowerCase()));
      if (match === undefined) errors.errors['resolution'] = `Resolution '${String(ref?.name ?? ref?.id)}' is not valid.`;
      else resolutionId = match.id;
    } else if (transition.resolutionScreen?.required === true) {
      errors.errors['resolution'] = MSG.required('Resolution');
    }
    if (hasErrors(errors)) return failure(400, errors);

    const target = this.statuses.get(transition.to);
    if (target === undefined) throw new Error(`Transition ${transition.id} targets unknown status ${transition.to}`);
    const fromStatus = this.statusOf(issue);
    // Reopening clears the resolution, as Jira's default workflows' post functions do.
    const nextResolution = target.category === 'done' ? (resolutionId ?? transition.setsResolutionId ?? issue.resolutionId) : null;
    const items: ChangelogItem[] = [changeItem('status', 'status', fromStatus.id, fromStatus.name, target.id, target.name)];
    if (nextResolution !== issue.resolutionId) {
      items.push(
        changeItem('resolution', 'resolution', issue.resolutionId, this.#resolutionName(issue.resolutionId), nextResolution, this.#resolutionName(nextResolution)),
      );
    }
    if (target.category !== fromStatus.category) issue.statusCategoryChangedAt = this.now();
    if (nextResolution !== issue.resolutionId) issue.resolutionDate = nextResolution === null ? null : this.now();
    issue.statusId = target.id;
    issue.resolutionId = nextResolution;
    this.#recordChange(issue, items, principal, [
      { id: fromStatus.id, name: fromStatus.name },
      { id: target.id, name: target.name },
    ]);
    return { ok: true, value: null };
  }

  #resolutionName(id: string | null): string | null {
    return id === null ? null : (this.resolutions.find((r) => r.id === id)?.name ?? null);
  }

  // ---- comments ------------------------------------------------------------------------------

  addComment(issue: StoredIssue, body: unknown, principal: Principal): Outcome<StoredComment> {
    const accountId = this.accountOf(principal);
    if (accountId === undefined || !this.can(accountId, this.projectOf(issue), 'ADD_COMMENTS')) {
      return failure(403, errorCollection([MSG.noCommentPermission]));
    }
    const invalid = commentBodyError(body);
    if (invalid !== undefined) return failure(400, invalid);
    if (issue.comments.length >= this.commentCap) {
      return failure(413, errorCollection([`The issue has reached the maximum number of comments (${this.commentCap}).`]));
    }
    const now = this.now();
    const comment: StoredComment = { id: String(this.#nextCommentId++), issueId: issue.id, body, authorId: accountId, updateAuthorId: accountId, created: now, updated: now };
    issue.comments.push(comment);
    this.commentsById.set(comment.id, comment);
    issue.updated = now;
    this.#emit({ eventType: 'avi:jira:commented:issue', issue: this.eventIssue(issue), comment: this.commentJson(comment), ...this.#actor(principal) });
    return { ok: true, value: comment };
  }

  editComment(issue: StoredIssue, comment: StoredComment, body: unknown, principal: Principal): Outcome<StoredComment> {
    const accountId = this.accountOf(principal);
    // Jira lets the author (or an admin) edit a comment; the app may edit what it wrote.
    if (accountId === undefined || (accountId !== comment.authorId && !this.hasGlobal(accountId, 'ADMINISTER'))) {
      return failure(403, errorCollection(['You do not have the permission to edit this comment.']));
    }
    const invalid = commentBodyError(body);
    if (invalid !== undefined) return failure(400, invalid);
    comment.body = body;
    comment.updateAuthorId = accountId;
    // Keep updated strictly after created so consumers can tell edit from create.
    comment.updated = Math.max(this.now(), comment.created + 1);
    issue.updated = comment.updated;
    this.#emit({ eventType: 'avi:jira:commented:issue', issue: this.eventIssue(issue), comment: this.commentJson(comment), ...this.#actor(principal) });
    return { ok: true, value: comment };
  }

  deleteComment(issue: StoredIssue, comment: StoredComment, principal: Principal): Outcome<null> {
    const accountId = this.accountOf(principal);
    if (accountId === undefined || (accountId !== comment.authorId && !this.hasGlobal(accountId, 'ADMINISTER'))) {
      return failure(403, errorCollection(['You do not have the permission to delete this comment.']));
    }
    issue.comments.splice(issue.comments.indexOf(comment), 1);
    this.commentsById.delete(comment.id);
    this.#emit({ eventType: 'avi:jira:deleted:comment', issue: this.eventIssue(issue), comment: this.commentJson(comment), ...this.#actor(principal) });
    return { ok: true, value: null };
  }

  commentJson(comment: StoredComment): Record<string, unknown> {
    return {
      self: `${this.siteUrl}/rest/api/3/issue/${comment.issueId}/comment/${comment.id}`,
      id: comment.id,
      author: this.userJson(comment.authorId),
      body: comment.body,
      updateAuthor: this.userJson(comment.updateAuthorId),
      created: formatJiraTime(comment.created),
      updated: formatJiraTime(comment.updated),
      jsdPublic: true,
    };
  }

  // ---- delete --------------------------------------------------------------------------------

  deleteIssue(issue: StoredIssue, principal: Principal, deleteSubtasks: boolean): Outcome<null> {
    const accountId = this.accountOf(principal);
    if (!this.can(accountId, this.projectOf(issue), 'DELETE_ISSUES')) return failure(403, errorCollection([MSG.noDeletePermission]));
    const children = [...(this.issuesByProject.get(issue.projectId) ?? [])]
      .map((id) => this.issues.get(id))
      .filter((child): child is StoredIssue => child?.parentId === issue.id && this.issueTypes.get(child.issueTypeId)?.hierarchyLevel === -1);
    if (children.length > 0 && !deleteSubtasks) {
      return failure(400, errorCollection([`The issue '${issue.key}' has subtasks. To delete it, set the 'deleteSubtasks' parameter to true.`]));
    }
    for (const child of children) this.#removeIssue(child, principal);
    this.#removeIssue(issue, principal);
    return { ok: true, value: null };
  }

  #removeIssue(issue: StoredIssue, principal: Principal): void {
    const eventIssue = this.eventIssue(issue);
    this.reindex(issue, true);
    this.issues.delete(issue.id);
    this.issuesByKey.delete(issue.key);
    this.issuesByProject.get(issue.projectId)?.delete(issue.id);
    for (const comment of issue.comments) this.commentsById.delete(comment.id);
    this.#emit({ eventType: 'avi:jira:deleted:issue', issue: eventIssue, ...this.#actor(principal) });
  }

  // ---- remote links --------------------------------------------------------------------------

  nextRemoteLinkId(): number {
    return this.#nextRemoteLinkId++;
  }

  // ---- events --------------------------------------------------------------------------------

  /** The partial `issue.fields` a product event carries (forge-platform.md §3.2). */
  eventIssue(issue: StoredIssue): { id: string; key: string; fields: Record<string, unknown> } {
    const project = this.projectOf(issue);
    const status = this.statusOf(issue);
    const type = this.issueTypes.get(issue.issueTypeId);
    const assignee = issue.fields['assignee'];
    return {
      id: issue.id,
      key: issue.key,
      fields: {
        summary: issue.fields['summary'],
        issuetype: { id: issue.issueTypeId, name: type?.name, hierarchyLevel: type?.hierarchyLevel },
        project: { id: project.id, key: project.key, name: project.name },
        status: { id: status.id, name: status.name, statusCategory: { key: status.category } },
        assignee: typeof assignee === 'string' ? this.userJson(assignee) : null,
        created: formatJiraTime(issue.created),
        updated: formatJiraTime(issue.updated),
      },
    };
  }

  #actor(principal: Principal): { atlassianId: string; selfGenerated: boolean; timestamp: string } {
    return { atlassianId: this.accountOf(principal) ?? 'anonymous', selfGenerated: isSelfGenerated(principal), timestamp: String(this.now()) };
  }

  #recordChange(issue: StoredIssue, items: ChangelogItem[], principal: Principal, associatedStatuses?: { id: string; name: string }[]): void {
    issue.updated = this.now();
    const history = { id: String(this.#nextChangelogId++), authorId: this.accountOf(principal) ?? APP_ACCOUNT_ID, created: issue.updated, items };
    issue.histories.push(history);
    this.reindex(issue);
    this.#emit({
      eventType: 'avi:jira:updated:issue',
      issue: this.eventIssue(issue),
      changelog: { id: history.id, items },
      ...(associatedStatuses !== undefined ? { associatedStatuses } : {}),
      ...this.#actor(principal),
    });
  }

  #emit(event: JiraProductEvent): void {
    this.events.push(event);
    for (const listener of this.#listeners) listener(event);
  }
}

function changeItem(field: string, fieldId: string, from: string | null, fromString: string | null, to: string | null, toString: string | null): ChangelogItem {
  return { field, fieldtype: fieldId.startsWith('customfield_') ? 'custom' : 'jira', fieldId, from, fromString, to, toString };
}

function stringOrNull(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : null;
}

function displayValue(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.join(' ');
  return JSON.stringify(value);
}

/** `update: { labels: [{ add: "x" }, { remove: "y" }], summary: [{ set: "…" }] }` applied to a current value. */
function applyUpdateOps(current: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) return ops;
  let value = current;
  for (const op of ops as Record<string, unknown>[]) {
    if ('set' in op) value = op['set'];
    else if ('add' in op) value = [...(Array.isArray(value) ? value : []), op['add']];
    else if ('remove' in op) value = (Array.isArray(value) ? value : []).filter((v) => JSON.stringify(v) !== JSON.stringify(op['remove']));
  }
  return value;
}

function parseCreateProperties(raw: unknown, errors: ErrorCollection): Map<string, unknown> {
  const properties = new Map<string, unknown>();
  if (raw === undefined) return properties;
  if (!Array.isArray(raw)) {
    errors.errorMessages.push('properties must be an array of {key, value}.');
    return properties;
  }
  for (const entry of raw as { key?: unknown; value?: unknown }[]) {
    const problem = propertyProblem(entry?.key, entry?.value);
    if (problem !== undefined) errors.errorMessages.push(problem);
    else properties.set(entry.key as string, entry.value);
  }
  return properties;
}

/** Jira's limits on entity properties (jira-rest-api.md §7.1). */
export function propertyProblem(key: unknown, value: unknown): string | undefined {
  if (typeof key !== 'string' || key.length === 0) return 'The property key cannot be empty.';
  if (key.length > 255) return 'The property key cannot be longer than 255 characters.';
  if (value === undefined) return 'The property value cannot be empty.';
  if (JSON.stringify(value).length > MAX_PROPERTY_CHARS) return `The property value cannot be longer than ${MAX_PROPERTY_CHARS} characters.`;
  return undefined;
}

function commentBodyError(body: unknown): ErrorCollection | undefined {
  const check = checkAdf(body);
  if (check.kind === 'not-a-document') return errorCollection([], { comment: MSG.commentBodyInvalid });
  if (check.kind === 'invalid') return errorCollection([MSG.invalidAdf]);
  return undefined;
}
