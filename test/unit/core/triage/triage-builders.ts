import { type AdfNode, type TriageComment, type TriageInput } from '../../../../src/core/triage/triage-types';

/** Test data builders for closure triage; each call gets a fresh id and a later timestamp. */
let sequence = 0;

export function aParagraph(text: string): AdfNode {
  return { type: 'paragraph', content: [{ type: 'text', text }] };
}

export function aDoc(...content: AdfNode[]): AdfNode {
  return { type: 'doc', content };
}

export function aComment(text: string | AdfNode, overrides: Partial<TriageComment> = {}): TriageComment {
  sequence += 1;
  const created = new Date(Date.UTC(2026, 4, 1, 9, 0, sequence)).toISOString().replace('Z', '+0000');
  return {
    id: String(10000 + sequence),
    author: { accountId: `user-${sequence}`, displayName: 'Dana Human', accountType: 'atlassian' },
    created,
    body: typeof text === 'string' ? aDoc(...text.split('\n\n').map(aParagraph)) : text,
    ...overrides,
  };
}

export function anAppComment(text: string): TriageComment {
  return aComment(text, {
    author: { accountId: 'app-1', displayName: 'ZeroPath for Jira', accountType: 'app' },
  });
}

export function aTriageInput(overrides: Partial<TriageInput> = {}): TriageInput {
  return {
    status: { name: 'Done', category: 'done' },
    resolution: 'Done',
    commentSyncEnabled: true,
    comments: [],
    ...overrides,
  };
}

/** A thread of human comments, in order, under the given resolution. */
export function aThread(resolution: string | null, ...texts: string[]): TriageInput {
  return aTriageInput({ resolution, comments: texts.map((text) => aComment(text)) });
}
