/**
 * Evaluates parsed JQL against the store. Candidates are narrowed through indexes (key in / key =,
 * project =) before clause evaluation so a search does not walk every issue when it need not.
 * Results are restricted to projects the caller can browse, ordered by ORDER BY (default: created
 * desc, key as tie-break), and optionally hidden while "indexing" (configurable lag) unless the
 * issue id is in `reconcileIssues` (jira-rest-api.md §9.1).
 */
import { errorCollection } from './jira-errors';
import { type StoredIssue } from './jira-model';
import { type JiraStateStore, type Outcome, failure } from './jira-state-store';
import { type JqlNode, type JqlValue, type ParsedJql, parsePropertyField, readPropertyPath } from './jql-engine';
import { extractAdfText } from './adf-validation';

const KNOWN_FIELDS = new Set(['project', 'issuetype', 'type', 'status', 'statuscategory', 'resolution', 'key', 'issuekey', 'id', 'parent', 'labels', 'summary', 'text', 'assignee']);

export interface SearchOptions {
  readonly reconcileIds: readonly number[];
}

export function searchIssues(store: JiraStateStore, jql: ParsedJql, accountId: string, options: SearchOptions): Outcome<StoredIssue[]> {
  const where = jql.where as JqlNode;
  const problem = validateNode(store, where);
  if (problem !== undefined) return failure(400, errorCollection([problem]));
  const reconcile = new Set(options.reconcileIds.map(String));
  const matches: StoredIssue[] = [];
  const ids = new Set<string>();
  for (const issue of candidates(store, where)) ids.add(issue.id);
  // Deleted issues stay in the index until their delete has been indexed too.
  for (const id of store.searchIndex.keys()) if (!store.issues.has(id)) ids.add(id);
  for (const id of ids) {
    // JQL matches what the index holds (possibly a stale version), as Jira does (§9.1).
    const issue = store.indexedIssue(id, reconcile.has(id));
    if (issue === undefined) continue;
    const project = store.projects.get(issue.projectId);
    if (project === undefined || !store.can(accountId, project, 'BROWSE_PROJECTS')) continue;
    if (evaluate(store, where, issue)) matches.push(store.issues.get(id) ?? issue);
  }
  const order = jql.orderBy.length > 0 ? jql.orderBy : [{ field: 'created', direction: 'desc' as const }];
  matches.sort((a, b) => {
    for (const { field, direction } of order) {
      const diff = compare(sortValue(a, field), sortValue(b, field));
      if (diff !== 0) return direction === 'asc' ? diff : -diff;
    }
    return Number(a.id) - Number(b.id);
  });
  return { ok: true, value: matches };
}


function sortValue(issue: StoredIssue, field: string): number | string {
  switch (field) {
    case 'created':
      return issue.created;
    case 'updated':
      return issue.updated;
    case 'key': {
      const [prefix, n] = issue.key.split('-');
      return `${prefix ?? ''}-${(n ?? '').padStart(10, '0')}`;
    }
    default:
      return Number(issue.id);
  }
}

function compare(a: number | string, b: number | string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function validateNode(store: JiraStateStore, node: JqlNode): string | undefined {
  if (node.kind === 'not') return validateNode(store, node.inner);
  if (node.kind !== 'clause') return validateNode(store, node.left) ?? validateNode(store, node.right);
  const field = node.field.toLowerCase();
  if (!KNOWN_FIELDS.has(field) && parsePropertyField(node.field) === undefined && !store.searchAliases.has(node.field)) {
    return `Field '${node.field}' does not exist or you do not have permission to view it.`;
  }
  if (field === 'project') {
    for (const value of node.values) {
      if (typeof value === 'string' && store.findProject(value) === undefined) return `The value '${value}' does not exist for the field 'project'.`;
    }
  }
  if (field === 'statuscategory') {
    const known = ['new', 'indeterminate', 'done', 'to do', 'in progress', '2', '3', '4'];
    for (const value of node.values) {
      if (typeof value === 'string' && !known.includes(value.toLowerCase())) return `The value '${value}' does not exist for the field 'statusCategory'.`;
    }
  }
  const property = parsePropertyField(node.field) ?? store.searchAliases.get(node.field);
  const propertyType = property === undefined ? undefined : store.indexedPropertyType(property.key, property.path);
  // A `text` path is tokenised: only ~/!~ apply; `string`/`number` paths are exact (§7.2).
  if (propertyType === 'text' && !['~', '!~', 'is', 'is not'].includes(node.op)) {
    return `The operator '${node.op}' is not supported by the '${node.field}' field.`;
  }
  if ((node.op === '~' || node.op === '!~') && !['summary', 'text'].includes(field) && propertyType !== 'text') {
    return `The operator '${node.op}' is not supported by the '${node.field}' field.`;
  }
  return undefined;
}

/** Index-backed narrowing for top-level AND chains; falls back to all issues. */
function candidates(store: JiraStateStore, where: JqlNode): Iterable<StoredIssue> {
  const clauses = topLevelAnd(where);
  for (const clause of clauses) {
    if (clause.kind !== 'clause') continue;
    const field = clause.field.toLowerCase();
    if ((field === 'key' || field === 'issuekey' || field === 'id') && (clause.op === '=' || clause.op === 'in')) {
      return clause.values.flatMap((v) => (typeof v === 'string' ? [store.findIssue(v)] : [])).filter((i): i is StoredIssue => i !== undefined);
    }
  }
  for (const clause of clauses) {
    if (clause.kind === 'clause' && clause.field.toLowerCase() === 'project' && (clause.op === '=' || clause.op === 'in')) {
      return clause.values.flatMap((v) => {
        const project = typeof v === 'string' ? store.findProject(v) : undefined;
        return project === undefined ? [] : [...(store.issuesByProject.get(project.id) ?? [])].map((id) => store.issues.get(id) as StoredIssue);
      });
    }
  }
  return store.issues.values();
}

function topLevelAnd(node: JqlNode): JqlNode[] {
  return node.kind === 'and' ? [...topLevelAnd(node.left), ...topLevelAnd(node.right)] : [node];
}

function evaluate(store: JiraStateStore, node: JqlNode, issue: StoredIssue): boolean {
  switch (node.kind) {
    case 'and':
      return evaluate(store, node.left, issue) && evaluate(store, node.right, issue);
    case 'or':
      return evaluate(store, node.left, issue) || evaluate(store, node.right, issue);
    case 'not':
      return !evaluate(store, node.inner, issue);
    case 'clause': {
      const actual = fieldValues(store, node.field, issue);
      const wanted = node.values;
      const matchesAny = (values: readonly JqlValue[]): boolean =>
        values.some((v) => (typeof v === 'string' ? actual.some((a) => a.toLowerCase() === v.toLowerCase()) : actual.length === 0));
      switch (node.op) {
        case '=':
        case 'in':
        case 'is':
          return matchesAny(wanted);
        case '!=':
        case 'not in':
        case 'is not':
          return actual.length > 0 || wanted.some((v) => typeof v === 'string') ? !matchesAny(wanted) : false;
        case '~':
        case '!~': {
          const needle = typeof wanted[0] === 'string' ? wanted[0].toLowerCase() : '';
          const found = actual.some((a) => a.toLowerCase().includes(needle));
          return node.op === '~' ? found : !found;
        }
      }
    }
  }
}

/** Every value a field has on an issue, as strings (names and ids both match, as in Jira). */
function fieldValues(store: JiraStateStore, rawField: string, issue: StoredIssue): string[] {
  const property = parsePropertyField(rawField) ?? store.searchAliases.get(rawField);
  if (property !== undefined) {
    // Jira indexes only the paths an installed jira:entityProperty module declares (§7.2).
    if (store.indexedPropertyType(property.key, property.path) === undefined) return [];
    return readPropertyPath(issue.properties.get(property.key), property.path).filter((v) => v !== null && v !== undefined).map(String);
  }
  const project = store.projectOf(issue);
  const status = store.statusOf(issue);
  switch (rawField.toLowerCase()) {
    case 'project':
      return [project.key, project.id, project.name];
    case 'issuetype':
    case 'type': {
      const type = store.issueTypes.get(issue.issueTypeId);
      return type === undefined ? [] : [type.id, type.name];
    }
    case 'status':
      return [status.id, status.name];
    case 'statuscategory': {
      const names = { new: ['new', 'To Do', '2'], indeterminate: ['indeterminate', 'In Progress', '4'], done: ['done', 'Done', '3'] };
      return names[status.category];
    }
    case 'resolution': {
      if (issue.resolutionId === null) return [];
      const name = store.resolutions.find((r) => r.id === issue.resolutionId)?.name;
      return name === undefined ? [issue.resolutionId] : [issue.resolutionId, name];
    }
    case 'key':
    case 'issuekey':
    case 'id':
      return [issue.key, issue.id];
    case 'parent': {
      const parent = issue.parentId === null ? undefined : store.issues.get(issue.parentId);
      return parent === undefined ? [] : [parent.key, parent.id];
    }
    case 'labels': {
      const labels = issue.fields['labels'];
      return Array.isArray(labels) ? labels.map(String) : [];
    }
    case 'assignee': {
      const assignee = issue.fields['assignee'];
      return typeof assignee === 'string' ? [assignee] : [];
    }
    case 'summary':
      return [summaryOf(issue)];
    case 'text':
      return [summaryOf(issue), extractAdfText(issue.fields['description'])];
    default:
      throw new Error(`JQL field '${rawField}' passed validation but has no evaluator`);
  }
}

function summaryOf(issue: StoredIssue): string {
  const summary = issue.fields['summary'];
  return typeof summary === 'string' ? summary : '';
}
