import { securitySectionSchema } from '../../core/config/security-team';
import {
  type AppConfig,
  defaultsSectionSchema,
  syncSectionSchema,
} from '../../core/config/app-config';
import { bugLikeRank, pickDefaultIssueType, standardIssueTypes } from '../../core/config/default-issue-type';
import { type JiraClient } from '../../infra/jira/jira-client';
import { JiraNotFoundError } from '../../infra/jira/jira-errors';
import { type ConfigStore } from '../../infra/store/config-store';

/**
 * The admin's settings, saved by section. A section is validated whole (the schema, then Jira for
 * the defaults) before it is written, so a refused save changes nothing; only that section's record
 * is written, so a concurrent save of another section is kept.
 */
export interface SettingsDeps {
  config: ConfigStore;
  /** As the app: the defaults must be a project the app itself can create issues in. */
  jiraAsApp: () => JiraClient;
}

export interface SettingsView {
  defaults: AppConfig['defaults'];
  sync: AppConfig['sync'];
  security: AppConfig['security'];
}

export class SettingsValidationError extends Error {
  override readonly name = 'SettingsValidationError';
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string>,
  ) {
    super(message);
  }
}

function viewOf(config: AppConfig): SettingsView {
  return { defaults: config.defaults, sync: config.sync, security: config.security };
}

export async function readSettings(deps: SettingsDeps): Promise<SettingsView> {
  return viewOf(await deps.config.read());
}

/** Projects checked for a Bug-like type when suggesting a default (each costs one createmeta call). */
const SUGGESTION_PROJECT_LIMIT = 10;

export interface DefaultsOptions {
  projects: { id: string; key: string; name: string }[];
  forProjectKey?: string;
  issueTypes: { id: string; name: string }[];
  suggested?: { projectKey: string; issueTypeId: string; issueTypeName: string };
}

export async function readDefaultsOptions(deps: SettingsDeps, projectKey?: string): Promise<DefaultsOptions> {
  const jira = deps.jiraAsApp();
  const config = await deps.config.read();
  const { projects } = await jira.searchProjects('');
  const options: DefaultsOptions = {
    projects: projects.map((p) => ({ id: p.id, key: p.key, name: p.name })),
    issueTypes: [],
  };

  let suggested: { projectKey: string; type: { id: string; name: string }; rank: number } | undefined;
  for (const project of projects.slice(0, SUGGESTION_PROJECT_LIMIT)) {
    const type = pickDefaultIssueType(await jira.getCreateMetaIssueTypes(project.key));
    if (type === undefined) continue;
    const rank = bugLikeRank(type);
    if (suggested === undefined || rank > suggested.rank) suggested = { projectKey: project.key, type, rank };
    if (rank === 3) break;
  }
  if (suggested !== undefined) {
    options.suggested = {
      projectKey: suggested.projectKey,
      issueTypeId: suggested.type.id,
      issueTypeName: suggested.type.name,
    };
  }

  const forProjectKey = projectKey ?? config.defaults.projectKey ?? suggested?.projectKey;
  if (forProjectKey !== undefined) {
    options.forProjectKey = forProjectKey;
    options.issueTypes = standardIssueTypes(await issueTypesOf(jira, forProjectKey)).map((t) => ({
      id: t.id,
      name: t.name,
    }));
  }
  return options;
}

async function issueTypesOf(jira: JiraClient, projectKey: string) {
  try {
    return await jira.getCreateMetaIssueTypes(projectKey);
  } catch (error) {
    if (error instanceof JiraNotFoundError) {
      throw new SettingsValidationError('The app cannot create issues in that project.', {
        projectKey: `The app cannot create issues in ${projectKey}: it does not exist or the app has no access to it.`,
      });
    }
    throw error;
  }
}

export async function saveDefaults(deps: SettingsDeps, input: unknown): Promise<SettingsView> {
  const parsed = defaultsSectionSchema.safeParse(input);
  if (!parsed.success) throw validationErrorOf(parsed.error.issues);
  const defaults = parsed.data;
  if (defaults.issueTypeId !== undefined && defaults.projectKey === undefined) {
    throw new SettingsValidationError('Pick a project for the issue type.', {
      projectKey: 'Pick the project the issue type belongs to.',
    });
  }
  if (defaults.projectKey !== undefined) {
    const types = standardIssueTypes(await issueTypesOf(deps.jiraAsApp(), defaults.projectKey));
    if (defaults.issueTypeId !== undefined && !types.some((t) => t.id === defaults.issueTypeId)) {
      throw new SettingsValidationError('That issue type is not available in the project.', {
        issueTypeId: `Issue type ${defaults.issueTypeId} cannot be created in ${defaults.projectKey}. Pick one of the project's types.`,
      });
    }
  }
  await deps.config.writeSection('defaults', defaults);
  return viewOf({ ...(await deps.config.read()), defaults });
}

export async function saveSync(deps: SettingsDeps, input: unknown): Promise<SettingsView> {
  const parsed = syncSectionSchema.safeParse(input);
  if (!parsed.success) throw validationErrorOf(parsed.error.issues);
  await deps.config.writeSection('sync', parsed.data);
  return viewOf({ ...(await deps.config.read()), sync: parsed.data });
}

/** The security-team setting (who may link any finding and triage from the issue panel). */
export async function saveSecurity(deps: SettingsDeps, input: unknown): Promise<SettingsView> {
  const parsed = securitySectionSchema.safeParse(input);
  if (!parsed.success) throw validationErrorOf(parsed.error.issues);
  await deps.config.writeSection('security', parsed.data);
  return viewOf({ ...(await deps.config.read()), security: parsed.data });
}

function validationErrorOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): SettingsValidationError {
  const fieldErrors: Record<string, string> = {};
  for (const issue of issues) fieldErrors[issue.path.map(String).join('.') || '(section)'] ??= issue.message;
  return new SettingsValidationError('The settings were not saved: fix the marked fields.', fieldErrors);
}
