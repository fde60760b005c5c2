/**
 * The Jira simulator's data model: what a seed describes (site configuration) and what the store
 * holds at run time (issues, comments, properties, remote links). Shapes on the wire are rendered
 * from these in jira-render.ts; nothing here is a Jira JSON shape by itself.
 */

export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

export const PROJECT_PERMISSIONS = [
  'BROWSE_PROJECTS',
  'CREATE_ISSUES',
  'EDIT_ISSUES',
  'TRANSITION_ISSUES',
  'ADD_COMMENTS',
  'DELETE_ISSUES',
  'ASSIGN_ISSUES',
  'ASSIGNABLE_USER',
  'LINK_ISSUES',
] as const;
export type ProjectPermission = (typeof PROJECT_PERMISSIONS)[number];
export const GLOBAL_PERMISSIONS = ['ADMINISTER'] as const;
export type GlobalPermission = (typeof GLOBAL_PERMISSIONS)[number];

export interface SeedUser {
  readonly accountId: string;
  readonly displayName: string;
  readonly emailAddress?: string;
  readonly accountType?: 'atlassian' | 'app' | 'customer';
  readonly active?: boolean;
  readonly globalPermissions?: readonly GlobalPermission[];
  /** projectKey → permissions; the key `*` applies to every project. */
  readonly projectPermissions?: Readonly<Record<string, readonly ProjectPermission[]>>;
  /** Jira groups the user is in: `GET /myself?expand=groups` lists them (jira-rest-api, Myself). */
  readonly groups?: ReadonlyArray<{ readonly name: string; readonly groupId: string }>;
  /**
   * projectKey → names of the project roles the user holds there (directly or through a group; the
   * simulator stores the outcome). Read through a Jira expression, `user.getProjectRoles(project)`.
   */
  readonly projectRoles?: Readonly<Record<string, readonly string[]>>;
}

export interface SeedIssueType {
  readonly id: string;
  readonly name: string;
  /** 1 = Epic, 0 = standard, -1 = sub-task (jira-rest-api.md §3). */
  readonly hierarchyLevel: number;
  readonly description?: string;
}

export interface SeedStatus {
  readonly id: string;
  readonly name: string;
  readonly category: StatusCategoryKey;
}

export interface SeedResolution {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly isDefault?: boolean;
}

export interface SeedPriority {
  readonly id: string;
  readonly name: string;
}

/** How a field on a screen is validated and what schema createmeta reports for it. */
export type FieldKind =
  | 'summary'
  | 'string'
  | 'adf'
  | 'date'
  | 'number'
  | 'priority'
  | 'option'
  | 'multioption'
  | 'labels'
  | 'user'
  | 'parent'
  | 'components';

export interface AllowedValue {
  readonly id: string;
  readonly name?: string;
  readonly value?: string;
}

export interface ScreenField {
  readonly fieldId: string;
  readonly name: string;
  readonly kind: FieldKind;
  readonly required: boolean;
  readonly allowedValues?: readonly AllowedValue[];
  readonly defaultValue?: AllowedValue;
}

export interface SeedTransition {
  readonly id: string;
  readonly name: string;
  readonly to: string;
  /** Status ids the transition is offered from; empty = global (offered from every other status). */
  readonly from: readonly string[];
  /** A transition screen carrying Resolution (jira-rest-api.md §4.2). */
  readonly resolutionScreen?: { readonly required: boolean };
  /** Post function setting the resolution when the transition has no screen (team-managed "Done"). */
  readonly setsResolutionId?: string;
}

export interface SeedWorkflow {
  readonly initialStatusId: string;
  readonly statusIds: readonly string[];
  readonly transitions: readonly SeedTransition[];
}

export interface SeedProject {
  readonly id: string;
  readonly key: string;
  readonly name: string;
  /** `classic` = company-managed, `next-gen` = team-managed (project search `style`). */
  readonly style: 'classic' | 'next-gen';
  readonly issueTypeIds: readonly string[];
  readonly workflow: SeedWorkflow;
  /** issueTypeId → create screen (also used as the edit screen). */
  readonly createScreens: Readonly<Record<string, readonly ScreenField[]>>;
  readonly leadAccountId?: string;
}

export interface SeedIssue {
  readonly key?: string;
  readonly projectKey: string;
  readonly issueTypeId: string;
  readonly summary: string;
  readonly statusId?: string;
  readonly parentKey?: string;
  readonly fields?: Readonly<Record<string, unknown>>;
  readonly properties?: Readonly<Record<string, unknown>>;
}

export interface SeedData {
  readonly siteUrl?: string;
  readonly users: readonly SeedUser[];
  readonly issueTypes: readonly SeedIssueType[];
  readonly statuses: readonly SeedStatus[];
  readonly resolutions: readonly SeedResolution[];
  readonly priorities: readonly SeedPriority[];
  readonly projects: readonly SeedProject[];
  readonly issues?: readonly SeedIssue[];
}

export interface StoredComment {
  readonly id: string;
  readonly issueId: string;
  body: unknown;
  readonly authorId: string;
  updateAuthorId: string;
  readonly created: number;
  updated: number;
}

export interface StoredRemoteLink {
  readonly id: number;
  globalId: string | undefined;
  application: unknown;
  relationship: unknown;
  object: unknown;
}

/** One changelog entry as `expand=changelog` renders it (also what the updated-issue event carries). */
export interface StoredHistory {
  readonly id: string;
  readonly authorId: string;
  readonly created: number;
  readonly items: readonly ChangelogItem[];
}

/** A `jira:entityProperty` module of the installed app: which property paths Jira indexes for JQL. */
export interface EntityPropertyIndex {
  readonly propertyKey: string;
  readonly entityType?: 'issue' | 'user' | 'project';
  readonly values: readonly { readonly path: string; readonly type: 'string' | 'text' | 'number' | 'user' | 'date'; readonly searchAlias?: string }[];
}

export interface StoredIssue {
  readonly id: string;
  readonly key: string;
  readonly projectId: string;
  issueTypeId: string;
  statusId: string;
  resolutionId: string | null;
  parentId: string | null;
  /** Field values as accepted on input (summary, description ADF, labels, duedate, custom fields…). */
  readonly fields: Record<string, unknown>;
  readonly created: number;
  updated: number;
  readonly properties: Map<string, unknown>;
  readonly remoteLinks: StoredRemoteLink[];
  readonly comments: StoredComment[];
  /** Who created the issue (`creator`; `reporter` can be changed, the creator cannot). */
  readonly creatorId: string;
  resolutionDate: number | null;
  statusCategoryChangedAt: number;
  readonly histories: StoredHistory[];
}

export interface ProductEventIssue {
  readonly id: string;
  readonly key: string;
  readonly fields: Record<string, unknown>;
}

export interface ChangelogItem {
  readonly field: string;
  readonly fieldtype: 'jira' | 'custom';
  readonly fieldId: string;
  readonly from: string | null;
  readonly fromString: string | null;
  readonly to: string | null;
  readonly toString: string | null;
}

/** Forge product-event payloads (forge-platform.md §3). */
export type JiraProductEvent =
  | {
      readonly eventType: 'avi:jira:created:issue' | 'avi:jira:deleted:issue';
      readonly issue: ProductEventIssue;
      readonly atlassianId: string;
      readonly selfGenerated: boolean;
      readonly timestamp: string;
    }
  | {
      readonly eventType: 'avi:jira:updated:issue';
      readonly issue: ProductEventIssue;
      readonly atlassianId: string;
      readonly selfGenerated: boolean;
      readonly timestamp: string;
      readonly changelog: { readonly id: string; readonly items: readonly ChangelogItem[] };
      readonly associatedStatuses?: readonly { readonly id: string; readonly name: string }[];
    }
  | {
      readonly eventType: 'avi:jira:commented:issue' | 'avi:jira:deleted:comment';
      readonly issue: ProductEventIssue;
      readonly atlassianId: string;
      readonly selfGenerated: boolean;
      readonly timestamp: string;
      readonly comment: Record<string, unknown>;
    };
