/**
 * Seed builders for the Jira simulator: `demoJiraSeed()` for the sandbox and integration tests, and
 * small builders (`aJiraProject`, `aJiraUser`, screen helpers) for contract tests that need one
 * specific configuration.
 */
import {
  PROJECT_PERMISSIONS,
  type ProjectPermission,
  type ScreenField,
  type SeedData,
  type SeedIssueType,
  type SeedPriority,
  type SeedProject,
  type SeedResolution,
  type SeedStatus,
  type SeedUser,
  type SeedWorkflow,
} from './jira-model';

export const ISSUE_TYPE = { epic: '10000', bug: '10001', task: '10002', subtask: '10003', story: '10004' } as const;

export const DEFAULT_ISSUE_TYPES: readonly SeedIssueType[] = [
  { id: ISSUE_TYPE.epic, name: 'Epic', hierarchyLevel: 1 },
  { id: ISSUE_TYPE.bug, name: 'Bug', hierarchyLevel: 0 },
  { id: ISSUE_TYPE.task, name: 'Task', hierarchyLevel: 0 },
  { id: ISSUE_TYPE.subtask, name: 'Sub-task', hierarchyLevel: -1 },
  { id: ISSUE_TYPE.story, name: 'Story', hierarchyLevel: 0 },
];

// Ids mirror real sites: "To Do" 10000, "In Progress" 3, "Done" 10001 (jira-rest-api.md §3.2 example).
export const STATUS = { todo: '10000', inProgress: '3', done: '10001', wontDo: '10002', open: '10003', closed: '10004' } as const;

export const DEFAULT_STATUSES: readonly SeedStatus[] = [
  { id: STATUS.todo, name: 'To Do', category: 'new' },
  { id: STATUS.inProgress, name: 'In Progress', category: 'indeterminate' },
  { id: STATUS.done, name: 'Done', category: 'done' },
  { id: STATUS.wontDo, name: "Won't Do", category: 'done' },
  { id: STATUS.open, name: 'Open', category: 'new' },
  { id: STATUS.closed, name: 'Closed', category: 'done' },
];

export const RESOLUTION = { done: '10000', wontDo: '10001', duplicate: '10002', cannotReproduce: '10003' } as const;

export const DEFAULT_RESOLUTIONS: readonly SeedResolution[] = [
  { id: RESOLUTION.done, name: 'Done', description: 'Work has been completed on this issue.', isDefault: true },
  { id: RESOLUTION.wontDo, name: "Won't Do", description: 'This issue won\u2019t be actioned.' },
  { id: RESOLUTION.duplicate, name: 'Duplicate', description: 'The problem is a duplicate of an existing issue.' },
  { id: RESOLUTION.cannotReproduce, name: 'Cannot Reproduce', description: 'This issue could not be reproduced.' },
];

export const DEFAULT_PRIORITIES: readonly SeedPriority[] = [
  { id: '1', name: 'Highest' },
  { id: '2', name: 'High' },
  { id: '3', name: 'Medium' },
  { id: '4', name: 'Low' },
  { id: '5', name: 'Lowest' },
];

export const ALL_PROJECT_PERMISSIONS: readonly ProjectPermission[] = PROJECT_PERMISSIONS;

export const field = {
  summary: (): ScreenField => ({ fieldId: 'summary', name: 'Summary', kind: 'summary', required: true }),
  description: (required = false): ScreenField => ({ fieldId: 'description', name: 'Description', kind: 'adf', required }),
  labels: (): ScreenField => ({ fieldId: 'labels', name: 'Labels', kind: 'labels', required: false }),
  duedate: (required = false): ScreenField => ({ fieldId: 'duedate', name: 'Due date', kind: 'date', required }),
  assignee: (): ScreenField => ({ fieldId: 'assignee', name: 'Assignee', kind: 'user', required: false }),
  reporter: (): ScreenField => ({ fieldId: 'reporter', name: 'Reporter', kind: 'user', required: false }),
  parent: (required = false): ScreenField => ({ fieldId: 'parent', name: 'Parent', kind: 'parent', required }),
  priority: (required = false, priorities: readonly SeedPriority[] = DEFAULT_PRIORITIES): ScreenField => ({
    fieldId: 'priority',
    name: 'Priority',
    kind: 'priority',
    required,
    allowedValues: priorities.map((p) => ({ id: p.id, name: p.name })),
    defaultValue: { id: '3', name: 'Medium' },
  }),
  customSelect: (id: number, name: string, values: readonly string[], required = false): ScreenField => ({
    fieldId: `customfield_${id}`,
    name,
    kind: 'option',
    required,
    allowedValues: values.map((value, i) => ({ id: String(id * 10 + i), value })),
  }),
  customText: (id: number, name: string, required = false): ScreenField => ({
    fieldId: `customfield_${id}`,
    name,
    kind: 'string',
    required,
  }),
  customTextarea: (id: number, name: string, required = false): ScreenField => ({
    fieldId: `customfield_${id}`,
    name,
    kind: 'adf',
    required,
  }),
  customNumber: (id: number, name: string, required = false): ScreenField => ({
    fieldId: `customfield_${id}`,
    name,
    kind: 'number',
    required,
  }),
};

/** Summary, description, labels, priority, due date, assignee, reporter (+ parent unless disabled). */
export function aFullScreen(options: { parent?: 'none' | 'optional' | 'required'; duedate?: boolean; priority?: boolean } = {}): ScreenField[] {
  const screen: ScreenField[] = [field.summary(), field.description(), field.labels(), field.assignee(), field.reporter()];
  if (options.priority !== false) screen.push(field.priority());
  if (options.duedate !== false) screen.push(field.duedate());
  const parent = options.parent ?? 'optional';
  if (parent !== 'none') screen.push(field.parent(parent === 'required'));
  return screen;
}

/** To Do → In Progress → Done, plus Won't Do from anywhere (resolution screen on Done and Won't Do). */
export function aCompanyManagedWorkflow(): SeedWorkflow {
  return {
    initialStatusId: STATUS.todo,
    statusIds: [STATUS.todo, STATUS.inProgress, STATUS.done, STATUS.wontDo],
    transitions: [
      { id: '11', name: 'To Do', to: STATUS.todo, from: [STATUS.inProgress, STATUS.done, STATUS.wontDo] },
      { id: '21', name: 'In Progress', to: STATUS.inProgress, from: [STATUS.todo, STATUS.done] },
      { id: '31', name: 'Done', to: STATUS.done, from: [STATUS.todo, STATUS.inProgress], resolutionScreen: { required: true } },
      { id: '41', name: "Won't Do", to: STATUS.wontDo, from: [], resolutionScreen: { required: true } },
    ],
  };
}

/** Team-managed style: global transitions, no screens, "Done" sets resolution Done by post function. */
export function aSimpleWorkflow(): SeedWorkflow {
  return {
    initialStatusId: STATUS.todo,
    statusIds: [STATUS.todo, STATUS.inProgress, STATUS.done],
    transitions: [
      { id: '11', name: 'To Do', to: STATUS.todo, from: [] },
      { id: '21', name: 'In Progress', to: STATUS.inProgress, from: [] },
      { id: '31', name: 'Done', to: STATUS.done, from: [], setsResolutionId: RESOLUTION.done },
    ],
  };
}

export function aJiraProject(overrides: Partial<SeedProject> & Pick<SeedProject, 'id' | 'key'>): SeedProject {
  const issueTypeIds = overrides.issueTypeIds ?? [ISSUE_TYPE.epic, ISSUE_TYPE.bug, ISSUE_TYPE.task, ISSUE_TYPE.subtask];
  const screens: Record<string, ScreenField[]> = {};
  for (const typeId of issueTypeIds) {
    const level = DEFAULT_ISSUE_TYPES.find((t) => t.id === typeId)?.hierarchyLevel ?? 0;
    screens[typeId] = aFullScreen({ parent: level === -1 ? 'required' : 'optional' });
  }
  return {
    name: overrides.key,
    style: 'classic',
    workflow: aCompanyManagedWorkflow(),
    ...overrides,
    issueTypeIds,
    createScreens: overrides.createScreens ?? screens,
  };
}

export function aJiraUser(overrides: Partial<SeedUser> & Pick<SeedUser, 'accountId'>): SeedUser {
  return {
    displayName: overrides.accountId,
    accountType: 'atlassian',
    active: true,
    projectPermissions: { '*': ALL_PROJECT_PERMISSIONS },
    ...overrides,
  };
}

/** A site with the default catalogues and the given projects/users. */
export function aJiraSeed(overrides: Partial<SeedData> = {}): SeedData {
  return {
    siteUrl: 'https://zeropath-demo.atlassian.net',
    users: [],
    issueTypes: DEFAULT_ISSUE_TYPES,
    statuses: DEFAULT_STATUSES,
    resolutions: DEFAULT_RESOLUTIONS,
    priorities: DEFAULT_PRIORITIES,
    projects: [],
    ...overrides,
  };
}

export const DEMO_USERS = {
  admin: '557058:demo-admin',
  dev1: '557058:demo-dev-alice',
  dev2: '557058:demo-dev-bob',
  restricted: '557058:demo-contractor',
  security: '557058:demo-security-sam',
} as const;

/** Jira groups of the demo site: Ada and Sam are in the security team; Alice and Bob are developers. */
export const DEMO_GROUPS = {
  admins: { name: 'jira-administrators', groupId: 'a1b2c3d4-0000-4000-8000-000000000001' },
  security: { name: 'security-team', groupId: 'a1b2c3d4-0000-4000-8000-000000000002' },
  developers: { name: 'developers', groupId: 'a1b2c3d4-0000-4000-8000-000000000003' },
} as const;

/**
 * The demo site: SEC (company-managed, Epic/Bug/Task/Sub-task, To Do → In Progress → Done + Won't Do),
 * APP (team-managed, simple workflow, no due date on its screens), OPS (company-managed with a
 * required "Security Team" select custom field). The contractor cannot browse OPS.
 */
export function demoJiraSeed(): SeedData {
  const teamScreen = aFullScreen({ duedate: false });
  const opsTeam = field.customSelect(10050, 'Security Team', ['AppSec', 'Platform', 'Infra'], true);
  return aJiraSeed({
    users: [
      aJiraUser({ accountId: DEMO_USERS.admin, displayName: 'Ada Admin', emailAddress: 'ada@example.com', globalPermissions: ['ADMINISTER'], groups: [DEMO_GROUPS.admins, DEMO_GROUPS.security] }),
      aJiraUser({ accountId: DEMO_USERS.dev1, displayName: 'Alice Developer', emailAddress: 'alice@example.com', groups: [DEMO_GROUPS.developers], projectRoles: { SEC: ['Developers'], APP: ['Developers'] } }),
      aJiraUser({ accountId: DEMO_USERS.dev2, displayName: 'Bob Developer', emailAddress: 'bob@example.com', groups: [DEMO_GROUPS.developers], projectRoles: { APP: ['Developers'] } }),
      // A security engineer who is not a Jira administrator: the findings page is theirs once an
      // admin names the security-team group on the admin page's Security team tab.
      aJiraUser({ accountId: DEMO_USERS.security, displayName: 'Sam Security', emailAddress: 'sam@example.com', groups: [DEMO_GROUPS.security], projectRoles: { SEC: ['Security reviewers'] } }),
      aJiraUser({
        accountId: DEMO_USERS.restricted,
        displayName: 'Casey Contractor',
        projectPermissions: { SEC: ALL_PROJECT_PERMISSIONS, APP: ALL_PROJECT_PERMISSIONS },
      }),
    ],
    projects: [
      aJiraProject({ id: '10000', key: 'SEC', name: 'Security', leadAccountId: DEMO_USERS.admin }),
      aJiraProject({
        id: '10001',
        key: 'APP',
        name: 'Application Team',
        style: 'next-gen',
        issueTypeIds: [ISSUE_TYPE.epic, ISSUE_TYPE.task, ISSUE_TYPE.bug, ISSUE_TYPE.subtask],
        workflow: aSimpleWorkflow(),
        createScreens: {
          [ISSUE_TYPE.epic]: teamScreen.filter((f) => f.fieldId !== 'parent'),
          [ISSUE_TYPE.task]: teamScreen,
          [ISSUE_TYPE.bug]: teamScreen,
          [ISSUE_TYPE.subtask]: aFullScreen({ duedate: false, parent: 'required' }),
        },
      }),
      aJiraProject({
        id: '10002',
        key: 'OPS',
        name: 'Operations',
        issueTypeIds: [ISSUE_TYPE.task, ISSUE_TYPE.bug],
        createScreens: {
          [ISSUE_TYPE.task]: [...aFullScreen({ priority: false }), opsTeam],
          [ISSUE_TYPE.bug]: [...aFullScreen({ priority: false }), opsTeam],
        },
      }),
    ],
    issues: [
      { projectKey: 'SEC', issueTypeId: ISSUE_TYPE.epic, summary: 'Security findings Q4' },
      { projectKey: 'SEC', issueTypeId: ISSUE_TYPE.task, summary: 'Rotate leaked credentials', statusId: STATUS.inProgress },
    ],
  });
}
