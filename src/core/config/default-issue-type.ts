/**
 * Which issue type a new ZeroPath ticket should default to, as ZeroPath's own integration detects
 * it: a Bug if the project has one, else a Task, else its first standard (non-sub-task, level 0) type.
 */
export interface IssueTypeCandidate {
  id: string;
  name: string;
  subtask?: boolean | undefined;
  hierarchyLevel?: number | undefined;
}

/** Higher is better; 0 means the type cannot be a default (sub-tasks, epics). */
export function bugLikeRank(type: IssueTypeCandidate): number {
  const standard = type.subtask !== true && (type.hierarchyLevel ?? 0) === 0;
  if (!standard) return 0;
  const name = type.name.trim().toLowerCase();
  if (name === 'bug') return 3;
  if (name === 'task') return 2;
  return 1;
}

export function pickDefaultIssueType<T extends IssueTypeCandidate>(types: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const type of types) {
    if (bugLikeRank(type) > (best === undefined ? 0 : bugLikeRank(best))) best = type;
  }
  return best;
}

/** Types worth offering in the picker: standard ones (a default ticket cannot be a sub-task). */
export function standardIssueTypes<T extends IssueTypeCandidate>(types: readonly T[]): T[] {
  return types.filter((type) => bugLikeRank(type) > 0);
}
