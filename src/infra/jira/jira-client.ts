import { route } from '@forge/api';
import { z } from 'zod';
import { JiraApiError, JiraInvalidRequestError, JiraNotFoundError, JiraQuotaReserveError, JiraResponseError } from './jira-errors';
import { createJiraHttp, type JiraRequester } from './jira-http';
import { processJiraQuota, type JiraQuotaGauge, type JiraQuotaReading } from './jira-quota';
import { type JiraRetryOptions } from './jira-retry';
import {
  bulkCreateResponseSchema,
  commentPageSchema,
  commentSchema,
  createdIssueSchema,
  createMetaFieldPageSchema,
  createMetaIssueTypePageSchema,
  issuePropertySchema,
  issueSchema,
  myPermissionsSchema,
  myselfWithGroupsSchema,
  projectPageSchema,
  remoteLinkResponseSchema,
  resolutionPageSchema,
  searchJqlResponseSchema,
  bulkFetchResponseSchema,
  statusSchema,
  transitionsSchema,
  userSchema,
  type AdfDocument,
  type CreateMetaField,
  type CreateMetaIssueType,
  type CreatedIssue,
  type JiraComment,
  type JiraIssue,
  type JiraProject,
  type JiraResolution,
  type JiraStatus,
  type JiraTransition,
  type JiraUser,
} from './jira-schemas';

/** `IssueUpdateDetails` of POST /rest/api/3/issue (jira-rest-api.md §1.1). */
export interface IssueCreateBody {
  fields: Record<string, unknown>;
  update?: Record<string, unknown>;
  properties?: { key: string; value: unknown }[];
  transition?: { id: string };
}

export interface BulkCreateResult {
  /** `index` is the position in the request, derived as "every index Jira did not report failed". */
  issues: (CreatedIssue & { index: number })[];
  errors: { index: number; status?: number; errorMessages: string[]; errors: Record<string, string> }[];
}

export interface RemoteLinkObject {
  url: string;
  title: string;
  summary?: string;
  icon?: { url16x16?: string; title?: string };
  status?: { resolved: boolean; icon?: { url16x16?: string; title?: string } };
}

export interface RemoteLinkInput {
  object: RemoteLinkObject;
  application?: { type?: string; name?: string };
  relationship?: string;
}

export interface CommentPage {
  startAt: number;
  total: number;
  comments: JiraComment[];
}

export interface SearchJqlPage {
  issues: JiraIssue[];
  /** Absent on the last page. */
  nextPageToken?: string;
}

/** The caller's role names in the context project (Jira expressions type reference: User.getProjectRoles). */
const MY_PROJECT_ROLES_EXPRESSION = 'user.getProjectRoles(project).map(role => role.name)';
const expressionRoleNamesSchema = z.object({ value: z.array(z.string()).max(1_000) });
const GROUP_PICKER_LIMIT = 20;
const groupPickerSchema = z.object({
  groups: z
    .array(z.object({ name: z.string(), groupId: z.string().nullish().transform((v) => v ?? undefined) }))
    .max(1_000),
});

export interface JiraClient {
  myself(): Promise<JiraUser>;
  /** Permission key → held. Keys Jira does not return are reported as not held (fail closed). */
  myPermissions(
    permissions: readonly string[],
    context?: { projectKey?: string; projectId?: string; issueKey?: string },
  ): Promise<Record<string, boolean>>;
  /** Global ADMINISTER. Only meaningful through an `asUser()` requester. */
  isJiraAdmin(): Promise<boolean>;
  /**
   * Does that user hold `permission` in the project (`GET /user/permission/search`, as the app)?
   * For checks without the user present, e.g. a rule re-checked when it runs.
   */
  userHasProjectPermission(accountId: string, projectIdOrKey: string, permission: string): Promise<boolean>;
  /** The caller's Jira groups (`GET /myself?expand=groups`). Only meaningful through `asUser()`. */
  myGroups(): Promise<Array<{ name: string; groupId?: string }>>;
  /**
   * Names of the caller's project roles in that project, through a Jira expression
   * (`user.getProjectRoles(project)`): the project-role REST resources need Administer Projects,
   * which a security engineer rarely holds (docs/admin-guide.md "Security team"). A project the
   * caller cannot see answers no roles. Only meaningful through `asUser()`.
   */
  myProjectRoleNames(projectKey: string): Promise<string[]>;
  /** Groups whose name contains the query (`GET /groups/picker`), at most 20. */
  findGroups(query: string): Promise<Array<{ name: string; groupId?: string }>>;
  /** Projects the caller can create issues in, 50 a page. */
  searchProjects(query: string, startAt?: number): Promise<{ projects: JiraProject[]; total?: number; isLast: boolean }>;
  getCreateMetaIssueTypes(projectIdOrKey: string): Promise<CreateMetaIssueType[]>;
  /** Cached per project + issue type for the life of this client (one invocation). */
  getCreateMetaFields(projectIdOrKey: string, issueTypeId: string): Promise<CreateMetaField[]>;
  /** Drop the cached create fields, e.g. after Jira said a field "cannot be set". */
  forgetCreateMetaFields(projectIdOrKey: string, issueTypeId: string): void;
  findAssignableUsers(query: string, project: string): Promise<JiraUser[]>;
  createIssue(body: IssueCreateBody): Promise<CreatedIssue>;
  bulkCreate(issueUpdates: readonly IssueCreateBody[]): Promise<BulkCreateResult>;
  getIssue(issueIdOrKey: string, fields: readonly string[], options?: { properties?: readonly string[] }): Promise<JiraIssue>;
  /** Resolves 'created' (201) or 'updated' (200). */
  setIssueProperty(issueIdOrKey: string, propertyKey: string, value: unknown): Promise<'created' | 'updated'>;
  /** undefined when the issue has no such property (Jira's 404). */
  getIssueProperty(issueIdOrKey: string, propertyKey: string): Promise<unknown>;
  /** Idempotent: a property that is already gone is not an error. */
  deleteIssueProperty(issueIdOrKey: string, propertyKey: string): Promise<void>;
  /** Creates or replaces the link with this `globalId` (Jira's upsert). */
  upsertRemoteLink(issueIdOrKey: string, globalId: string, link: RemoteLinkInput): Promise<{ id: string; created: boolean }>;
  getTransitions(issueIdOrKey: string, expandFields: boolean): Promise<JiraTransition[]>;
  transitionIssue(
    issueIdOrKey: string,
    transitionId: string,
    fields?: Record<string, unknown>,
    update?: Record<string, unknown>,
  ): Promise<void>;
  addComment(issueIdOrKey: string, body: AdfDocument, options?: { properties?: { key: string; value: unknown }[] }): Promise<JiraComment>;
  updateComment(issueIdOrKey: string, commentId: string, body: AdfDocument): Promise<JiraComment>;
  /** One comment with its author as Jira knows them; undefined when it is gone (Jira's 404). */
  getComment(issueIdOrKey: string, commentId: string): Promise<JiraComment | undefined>;
  /** Oldest first, 100 a page; page until `startAt + comments.length >= total`. */
  getComments(issueIdOrKey: string, startAt?: number): Promise<CommentPage>;
  searchJql(
    jql: string,
    fields: readonly string[],
    nextPageToken?: string,
    options?: { maxResults?: number; properties?: readonly string[]; reconcileIssues?: readonly number[] },
  ): Promise<SearchJqlPage>;
  /**
   * Up to 100 issues by id or key (`POST /issue/bulkfetch`), read consistently (no search index
   * lag). Issues that do not exist or that the caller cannot see are absent from the answer.
   */
  bulkFetchIssues(issueIdsOrKeys: readonly string[], fields: readonly string[], options?: { properties?: readonly string[] }): Promise<JiraIssue[]>;
  getStatus(idOrName: string): Promise<JiraStatus>;
  listResolutions(): Promise<JiraResolution[]>;
  /**
   * The hourly points quota as Jira's headers report it, after one cheap read (`GET /myself`,
   * 3 points) unless the app is already holding calls at its reserve. For the Health section.
   */
  quotaStatus(): Promise<JiraQuotaReading | undefined>;
}

export interface JiraClientOptions {
  /** Wrap every call in `withJiraRetry`; a function is evaluated per call (remaining invocation time). */
  retry?: JiraRetryOptions | (() => JiraRetryOptions);
  /** Rate-limit readings to pace against; default: the one shared by the whole process. */
  quota?: JiraQuotaGauge;
}

export const MAX_BULK_CREATE = 50;
/** Jira's bulk fetch takes 1 to 100 issue ids or keys. */
export const BULK_FETCH_MAX = 100;
const CREATE_META_PAGE = 200;
const PROJECT_PAGE = 50;
const COMMENT_PAGE = 100;
const PERMISSION_KEY = /^[A-Z][A-Z_]*$/;

function requireText(name: string, value: string): void {
  if (value.trim() === '') throw new JiraInvalidRequestError(`${name} must not be empty.`);
}

export function createJiraClient(requester: JiraRequester, options: JiraClientOptions = {}): JiraClient {
  const retry = options.retry;
  const quota = options.quota ?? processJiraQuota;
  const httpFor = () => createJiraHttp(requester, typeof retry === 'function' ? retry() : retry, quota);
  const send: ReturnType<typeof createJiraHttp>['send'] = (call) => httpFor().send(call);

  const createMetaCache = new Map<string, Promise<CreateMetaField[]>>();
  const cacheKey = (project: string, issueTypeId: string) => `${project}\u0000${issueTypeId}`;

  async function myPermissions(
    permissions: readonly string[],
    context: { projectKey?: string; projectId?: string; issueKey?: string } = {},
  ): Promise<Record<string, boolean>> {
    if (permissions.length === 0) throw new JiraInvalidRequestError('Ask for at least one permission key.');
    const bad = permissions.filter((key) => !PERMISSION_KEY.test(key));
    if (bad.length > 0) throw new JiraInvalidRequestError(`Not Jira permission keys: ${bad.join(', ')}.`);
    const query = new URLSearchParams({ permissions: permissions.join(',') });
    if (context.projectKey) query.set('projectKey', context.projectKey);
    if (context.projectId) query.set('projectId', context.projectId);
    if (context.issueKey) query.set('issueKey', context.issueKey);
    const { data } = await send({ method: 'GET', path: route`/rest/api/3/mypermissions?${query}`, schema: myPermissionsSchema });
    return Object.fromEntries(permissions.map((key) => [key, data.permissions[key]?.havePermission === true]));
  }

  async function loadCreateMetaFields(project: string, issueTypeId: string): Promise<CreateMetaField[]> {
    const fields: CreateMetaField[] = [];
    for (;;) {
      const query = new URLSearchParams({ startAt: String(fields.length), maxResults: String(CREATE_META_PAGE) });
      const { data } = await send({
        method: 'GET',
        path: route`/rest/api/3/issue/createmeta/${project}/issuetypes/${issueTypeId}?${query}`,
        schema: createMetaFieldPageSchema,
      });
      fields.push(...data.fields);
      if (data.fields.length === 0 || data.total === undefined || fields.length >= data.total) return fields;
    }
  }

  return {
    async myself() {
      return (await send({ method: 'GET', path: route`/rest/api/3/myself`, schema: userSchema })).data;
    },

    myPermissions,

    async isJiraAdmin() {
      const held = await myPermissions(['ADMINISTER']);
      return held.ADMINISTER === true;
    },
    async userHasProjectPermission(accountId, projectIdOrKey, permission) {
      if (!PERMISSION_KEY.test(permission)) throw new JiraInvalidRequestError(`Not a Jira permission key: ${permission}.`);
      const query = new URLSearchParams({ accountId, permissions: permission, projectKey: projectIdOrKey });
      try {
        const { data } = await send({ method: 'GET', path: route`/rest/api/3/user/permission/search?${query}`, schema: z.array(userSchema).max(1_000) });
        return data.some((user) => user.accountId === accountId);
      } catch (error) {
        if (error instanceof JiraNotFoundError) return false;
        throw error;
      }
    },
    async myGroups() {
      const { data } = await send({ method: 'GET', path: route`/rest/api/3/myself?expand=groups`, schema: myselfWithGroupsSchema });
      return (data.groups?.items ?? []).map((g) => (g.groupId === undefined ? { name: g.name } : { name: g.name, groupId: g.groupId }));
    },

    async myProjectRoleNames(projectKey) {
      try {
        const { data } = await send({
          method: 'POST',
          path: route`/rest/api/3/expression/evaluate`,
          body: { expression: MY_PROJECT_ROLES_EXPRESSION, context: { project: { key: projectKey } } },
          schema: expressionRoleNamesSchema,
        });
        return data.value;
      } catch (error) {
        // Jira answers 400/404 when the project in the context is unknown or invisible to the caller.
        if (error instanceof JiraNotFoundError || (error instanceof JiraApiError && error.status === 400)) return [];
        throw error;
      }
    },
    async findGroups(query) {
      const params = new URLSearchParams({ query, maxResults: String(GROUP_PICKER_LIMIT) });
      const { data } = await send({ method: 'GET', path: route`/rest/api/3/groups/picker?${params}`, schema: groupPickerSchema });
      return data.groups.map((g) => (g.groupId === undefined ? { name: g.name } : { name: g.name, groupId: g.groupId }));
    },

    async searchProjects(query, startAt = 0) {
      const params = new URLSearchParams({
        query,
        startAt: String(startAt),
        maxResults: String(PROJECT_PAGE),
        action: 'create',
        orderBy: 'name',
      });
      const { data } = await send({ method: 'GET', path: route`/rest/api/3/project/search?${params}`, schema: projectPageSchema });
      const isLast = data.isLast ?? (data.total === undefined || startAt + data.values.length >= data.total);
      return data.total === undefined ? { projects: data.values, isLast } : { projects: data.values, total: data.total, isLast };
    },

    async getCreateMetaIssueTypes(projectIdOrKey) {
      requireText('projectIdOrKey', projectIdOrKey);
      const types: CreateMetaIssueType[] = [];
      for (;;) {
        const query = new URLSearchParams({ startAt: String(types.length), maxResults: String(CREATE_META_PAGE) });
        const { data } = await send({
          method: 'GET',
          path: route`/rest/api/3/issue/createmeta/${projectIdOrKey}/issuetypes?${query}`,
          schema: createMetaIssueTypePageSchema,
        });
        types.push(...data.issueTypes);
        if (data.issueTypes.length === 0 || data.total === undefined || types.length >= data.total) return types;
      }
    },

    getCreateMetaFields(projectIdOrKey, issueTypeId) {
      requireText('projectIdOrKey', projectIdOrKey);
      requireText('issueTypeId', issueTypeId);
      const key = cacheKey(projectIdOrKey, issueTypeId);
      const cached = createMetaCache.get(key);
      if (cached) return cached;
      // The promise is cached so concurrent callers share one fetch; a failure is not remembered.
      const loading = loadCreateMetaFields(projectIdOrKey, issueTypeId);
      createMetaCache.set(key, loading);
      loading.catch(() => createMetaCache.delete(key));
      return loading;
    },

    forgetCreateMetaFields(projectIdOrKey, issueTypeId) {
      createMetaCache.delete(cacheKey(projectIdOrKey, issueTypeId));
    },

    async findAssignableUsers(query, project) {
      requireText('project', project);
      const params = new URLSearchParams({ query, project, maxResults: '50' });
      const { data } = await send({
        method: 'GET',
        path: route`/rest/api/3/user/assignable/search?${params}`,
        schema: z.array(userSchema),
      });
      return data;
    },

    async createIssue(body) {
      return (await send({ method: 'POST', path: route`/rest/api/3/issue`, body, schema: createdIssueSchema })).data;
    },

    async bulkCreate(issueUpdates) {
      if (issueUpdates.length === 0 || issueUpdates.length > MAX_BULK_CREATE) {
        throw new JiraInvalidRequestError(
          `Bulk create takes 1–${MAX_BULK_CREATE} issues per call; got ${issueUpdates.length}. Split the batch.`,
        );
      }
      // 400 with this body means every element failed; it is a result, not an exception.
      const { data } = await send({
        method: 'POST',
        path: route`/rest/api/3/issue/bulk`,
        body: { issueUpdates },
        // Jira charges a bulk create one point per issue: pace and reserve against all of them.
        points: issueUpdates.length,
        schema: bulkCreateResponseSchema,
        acceptStatuses: [400],
      });
      const failed = new Set(data.errors.map((error) => error.failedElementNumber));
      const succeeded = issueUpdates.map((_, index) => index).filter((index) => !failed.has(index));
      if (succeeded.length !== data.issues.length) {
        throw new JiraResponseError(
          'POST /rest/api/3/issue/bulk',
          `${data.issues.length} issues created but ${succeeded.length} elements not reported failed; match them by issue property`,
        );
      }
      return {
        issues: data.issues.map((issue, i) => ({ ...issue, index: succeeded[i] ?? -1 })),
        errors: data.errors.map((error) => ({
          index: error.failedElementNumber,
          ...(error.status === undefined ? {} : { status: error.status }),
          errorMessages: error.elementErrors.errorMessages,
          errors: error.elementErrors.errors,
        })),
      };
    },

    async getIssue(issueIdOrKey, fields, issueOptions = {}) {
      requireText('issueIdOrKey', issueIdOrKey);
      const params = new URLSearchParams({ fields: fields.length > 0 ? fields.join(',') : 'id' });
      if (issueOptions.properties && issueOptions.properties.length > 0) params.set('properties', issueOptions.properties.join(','));
      return (await send({ method: 'GET', path: route`/rest/api/3/issue/${issueIdOrKey}?${params}`, schema: issueSchema })).data;
    },

    async setIssueProperty(issueIdOrKey, propertyKey, value) {
      requireText('propertyKey', propertyKey);
      const { status } = await send({
        method: 'PUT',
        path: route`/rest/api/3/issue/${issueIdOrKey}/properties/${propertyKey}`,
        body: value,
        schema: null,
      });
      return status === 201 ? 'created' : 'updated';
    },

    async getIssueProperty(issueIdOrKey, propertyKey) {
      try {
        const { data } = await send({
          method: 'GET',
          path: route`/rest/api/3/issue/${issueIdOrKey}/properties/${propertyKey}`,
          schema: issuePropertySchema,
        });
        return data.value;
      } catch (error) {
        if (error instanceof JiraNotFoundError) return undefined;
        throw error;
      }
    },

    async deleteIssueProperty(issueIdOrKey, propertyKey) {
      try {
        await send({ method: 'DELETE', path: route`/rest/api/3/issue/${issueIdOrKey}/properties/${propertyKey}`, schema: null });
      } catch (error) {
        if (!(error instanceof JiraNotFoundError)) throw error;
      }
    },

    async upsertRemoteLink(issueIdOrKey, globalId, link) {
      if (globalId.trim() === '' || globalId.length > 255) {
        throw new JiraInvalidRequestError('A remote link globalId must be 1–255 characters.');
      }
      const { status, data } = await send({
        method: 'POST',
        path: route`/rest/api/3/issue/${issueIdOrKey}/remotelink`,
        body: { globalId, ...link },
        schema: remoteLinkResponseSchema,
      });
      return { id: data.id, created: status === 201 };
    },

    async getTransitions(issueIdOrKey, expandFields) {
      const path = expandFields
        ? route`/rest/api/3/issue/${issueIdOrKey}/transitions?${new URLSearchParams({ expand: 'transitions.fields' })}`
        : route`/rest/api/3/issue/${issueIdOrKey}/transitions`;
      return (await send({ method: 'GET', path, schema: transitionsSchema })).data.transitions;
    },

    async transitionIssue(issueIdOrKey, transitionId, fields, update) {
      requireText('transitionId', transitionId);
      const body: Record<string, unknown> = { transition: { id: transitionId } };
      if (fields) body.fields = fields;
      if (update) body.update = update;
      await send({ method: 'POST', path: route`/rest/api/3/issue/${issueIdOrKey}/transitions`, body, schema: null });
    },

    async addComment(issueIdOrKey, body, commentOptions = {}) {
      const payload = commentOptions.properties ? { body, properties: commentOptions.properties } : { body };
      return (await send({ method: 'POST', path: route`/rest/api/3/issue/${issueIdOrKey}/comment`, body: payload, schema: commentSchema }))
        .data;
    },

    async updateComment(issueIdOrKey, commentId, body) {
      requireText('commentId', commentId);
      return (
        await send({ method: 'PUT', path: route`/rest/api/3/issue/${issueIdOrKey}/comment/${commentId}`, body: { body }, schema: commentSchema })
      ).data;
    },

    async getComment(issueIdOrKey, commentId) {
      try {
        const { data } = await send({
          method: 'GET',
          path: route`/rest/api/3/issue/${issueIdOrKey}/comment/${commentId}`,
          schema: commentSchema,
        });
        return data;
      } catch (error) {
        if (error instanceof JiraNotFoundError) return undefined;
        throw error;
      }
    },

    async getComments(issueIdOrKey, startAt = 0) {
      const params = new URLSearchParams({ startAt: String(startAt), maxResults: String(COMMENT_PAGE), orderBy: 'created' });
      const { data } = await send({
        method: 'GET',
        path: route`/rest/api/3/issue/${issueIdOrKey}/comment?${params}`,
        schema: commentPageSchema,
      });
      return { startAt: data.startAt, total: data.total, comments: data.comments };
    },

    async searchJql(jql, fields, nextPageToken, searchOptions = {}) {
      requireText('jql', jql);
      const body: Record<string, unknown> = { jql, fields };
      if (nextPageToken) body.nextPageToken = nextPageToken;
      if (searchOptions.maxResults !== undefined) body.maxResults = searchOptions.maxResults;
      if (searchOptions.properties) body.properties = searchOptions.properties;
      if (searchOptions.reconcileIssues) body.reconcileIssues = searchOptions.reconcileIssues;
      const { data } = await send({ method: 'POST', path: route`/rest/api/3/search/jql`, body, schema: searchJqlResponseSchema });
      return data.nextPageToken && data.isLast !== true ? { issues: data.issues, nextPageToken: data.nextPageToken } : { issues: data.issues };
    },

    async bulkFetchIssues(issueIdsOrKeys, fields, fetchOptions = {}) {
      if (issueIdsOrKeys.length === 0) return [];
      if (issueIdsOrKeys.length > BULK_FETCH_MAX) throw new JiraInvalidRequestError(`bulkFetchIssues takes at most ${BULK_FETCH_MAX} issues.`);
      const body: Record<string, unknown> = { issueIdsOrKeys, fields: fields.length > 0 ? fields : ['id'] };
      if (fetchOptions.properties && fetchOptions.properties.length > 0) body.properties = fetchOptions.properties;
      const { data } = await send({ method: 'POST', path: route`/rest/api/3/issue/bulkfetch`, body, schema: bulkFetchResponseSchema });
      return data.issues;
    },

    async getStatus(idOrName) {
      requireText('idOrName', idOrName);
      return (await send({ method: 'GET', path: route`/rest/api/3/status/${idOrName}`, schema: statusSchema })).data;
    },

    async listResolutions() {
      const resolutions: JiraResolution[] = [];
      for (;;) {
        const params = new URLSearchParams({ startAt: String(resolutions.length), maxResults: '50' });
        const { data } = await send({ method: 'GET', path: route`/rest/api/3/resolution/search?${params}`, schema: resolutionPageSchema });
        resolutions.push(...data.values);
        if (data.isLast !== false || data.values.length === 0) return resolutions;
      }
    },

    async quotaStatus() {
      try {
        await send({ method: 'GET', path: route`/rest/api/3/myself`, schema: userSchema });
      } catch (error) {
        // Held at the reserve: the gauge already knows the state, asking Jira would spend a point.
        if (!(error instanceof JiraQuotaReserveError)) throw error;
      }
      return quota.reading(Date.now());
    },
  };
}
