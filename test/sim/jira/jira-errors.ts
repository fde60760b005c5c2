/**
 * Jira's ErrorCollection shape and the exact error strings the simulator answers with
 * (jira-rest-api.md §0, §1.3, §3, §4.2, §7, §9). Strings marked "inferred" in the README are ours.
 */
import { type SimResponse } from '../shared/http-server';

export interface ErrorCollection {
  errorMessages: string[];
  errors: Record<string, string>;
}

export function errorCollection(errorMessages: string[] = [], errors: Record<string, string> = {}): ErrorCollection {
  return { errorMessages, errors };
}

export function jiraError(status: number, messages: string[] | string, errors: Record<string, string> = {}): SimResponse {
  return { status, body: errorCollection(Array.isArray(messages) ? messages : [messages], errors) };
}

export function hasErrors(collection: ErrorCollection): boolean {
  return collection.errorMessages.length > 0 || Object.keys(collection.errors).length > 0;
}

export const MSG = {
  notAuthenticated: 'You are not authenticated. Authentication required to perform this operation.',
  issueNotFound: 'Issue does not exist or you do not have permission to see it.',
  notOnScreen: (fieldId: string) => `Field '${fieldId}' cannot be set. It is not on the appropriate screen, or unknown.`,
  /** A comment whose `body` is not an ADF document (a v2-style plain string, a missing body). */
  commentBodyInvalid: 'Comment body is not valid!',
  notAdf: 'Operation value must be an Atlassian Document (see the Atlassian Document Format)',
  invalidAdf: 'INVALID_INPUT',
  wrongHierarchy: 'Given parent work item does not belong to appropriate hierarchy.',
  subtaskWithoutParent: 'Issue type is a sub-task but parent issue key or id not specified.',
  subtaskOtherProject: 'Sub-tasks must be created in the same project as the parent.',
  summaryMissing: 'You must specify a summary of the issue.',
  summaryTooLong: 'Summary must be less than 255 characters.',
  summaryNewline: 'The summary is invalid because it contains newline characters.',
  required: (name: string) => `${name} is required.`,
  invalidProject: 'Specify a valid project ID or key',
  invalidIssueType: 'The issue type selected is invalid.',
  noCreatePermission: 'You do not have permission to create issues in this project.',
  noEditPermission: 'You do not have permission to edit issues in this project.',
  noCommentPermission: 'You do not have the permission to comment on this issue.',
  noDeletePermission: 'You do not have permission to delete issues in this project.',
  transitionInvalid: (id: string) => `Transition id '${id}' is not valid for this issue.`,
  unboundedJql: 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.',
  searchRemoved:
    'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046',
  maxResultsOver: (limit: number) => `Parameter 'maxResults' must not exceed the limit '${limit}'`,
  propertyMissing: (key: string) => `The property with key '${key}' does not exist.`,
  commentNotFound: (id: string) => `Can not find a comment for the id: ${id}.`,
  remoteLinkNotFound: (id: string) => `No remote link with id '${id}' exists on this issue.`,
  bulkTooMany: 'Bulk create supports at most 50 issues per request.',
} as const;
