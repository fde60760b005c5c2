import { type Harness } from '../harness';
import { DEMO_USERS, ISSUE_TYPE } from '../../sim/jira/jira-seed-builder';
import { principalHeaders } from '../../sim/shared/principal';
import { type V2Status } from '../../sim/zeropath/zeropath-sim';
import { storeKeys } from '../../../src/infra/store/store-keys';
import { defaultConfig } from '../../../src/core/config/app-config';
import { storeConfigSections } from '../stored-config';
import { type FindingLink, type AuditEntry } from '../../../src/core/link/finding-link';

/**
 * Test set-up for two-way sync: a ZeroPath finding and a Jira issue linked the way the export
 * leaves them (both link directions in KVS), without depending on the export use case.
 */
export interface LinkedIssue {
  findingId: string;
  issueId: string;
  issueKey: string;
}

export async function givenLinkedIssue(
  h: Harness,
  options: { projectKey?: string; v2Status?: V2Status; summary?: string } = {},
): Promise<LinkedIssue> {
  const [finding] = h.zeropath.control.addFindings([
    { v2Status: options.v2Status ?? 'PENDING_REVIEW', vulnCategory: 'SAST' },
  ]);
  if (finding === undefined) throw new Error('the ZeroPath simulator created no finding');
  const response = await fetch(`${h.jira.url}/rest/api/3/issue`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...principalHeaders({ kind: 'user', accountId: DEMO_USERS.admin, viaApp: false }),
    },
    body: JSON.stringify({
      fields: {
        project: { key: options.projectKey ?? 'SEC' },
        issuetype: { id: ISSUE_TYPE.task },
        summary: options.summary ?? `ZeroPath: ${finding.generatedTitle}`,
      },
    }),
  });
  if (response.status !== 201)
    throw new Error(`issue create failed: ${response.status} ${await response.text()}`);
  const issue = (await response.json()) as { id: string; key: string };
  const now = new Date().toISOString();
  const link: FindingLink = {
    findingId: finding.id,
    issueId: issue.id,
    issueKey: issue.key,
    projectKey: options.projectKey ?? 'SEC',
    createdAt: now,
    createdBy: DEMO_USERS.admin,
    snapshot: {
      title: finding.generatedTitle,
      status: 'open',
      score: finding.score,
      severity: 'High',
      category: 'SAST',
      cwes: [],
      repository: { id: finding.repositoryId },
      location: {},
      url: finding.url,
      updatedAt: finding.updatedAt,
    },
    snapshotAt: now,
    lastWritten: {},
  };
  h.runtime.kvs.set(storeKeys.linkByFinding(finding.id), link);
  h.runtime.kvs.set(storeKeys.linkByIssue(issue.id), finding.id);
  return { findingId: finding.id, issueId: issue.id, issueKey: issue.key };
}

/** Connects ZeroPath and sets the sync section (the rest of the configuration keeps its defaults). */
export function givenSyncConfig(
  h: Harness,
  sync: {
    commentTriage?: boolean;
    mirrorComments?: boolean;
    sweepEnabled?: boolean;
    aiAssist?: { enabled: boolean; dailyCap: number };
  } = {},
): void {
  h.connectZeroPath();
  storeConfigSections(h.runtime.kvs, {
    sync: { ...defaultConfig().sync, ...sync },
  });
}

export function linkOf(h: Harness, findingId: string): FindingLink | undefined {
  return h.runtime.kvs.get(storeKeys.linkByFinding(findingId)) as FindingLink | undefined;
}

export function auditOf(h: Harness, findingId: string): AuditEntry[] {
  return h.runtime.kvs.entries(storeKeys.auditPrefix(findingId)).map((entry) => entry.value as AuditEntry);
}

/** ADF for a plain-text comment, as a person would type it. */
export function adfText(textValue: string): unknown {
  return {
    type: 'doc',
    version: 1,
    content: [{ type: 'paragraph', content: [{ type: 'text', text: textValue }] }],
  };
}

export function zeroPathStatus(h: Harness, findingId: string): string | undefined {
  return h.zeropath.state.finding(findingId)?.v2Status;
}
