import pLimit from 'p-limit';
import { isOpenStatus, type Finding } from '../../core/finding/finding';
import { redactForLog } from '../../core/redaction/redact-for-log';
import { redactSecrets } from '../../core/redaction/redact-secrets';
import {
  ZEROPATH_ISSUE_PROPERTY_KEY,
  zeropathIssuePropertySchema,
} from '../../core/ticket/zeropath-issue-property';
import { renderTicket } from '../../core/ticket/render-ticket';
import { MAX_BULK_CREATE, type IssueCreateBody, type JiraClient } from '../../infra/jira/jira-client';
import { JiraApiError, JiraRateLimitedError } from '../../infra/jira/jira-errors';
import { type LinkStore } from '../../infra/store/link-store';
import { type ZeroPathClient } from '../../infra/zeropath/zeropath-client';
import { ZeroPathNotFoundError } from '../../infra/zeropath/zeropath-errors';
import { type ExportPlan } from '../../core/export/export-plan';
import { snapshotFromFinding } from '../panel/finding-snapshot';
import { buildIssueBody } from './issue-payload';
import { type PendingExportStore } from '../../infra/store/pending-export-store';
import { moveLinkedIssue } from '../sync/move-linked-issue';
import { closedOnExportComment, STATUS_LABEL } from '../sync/sync-messages';
import { SYNC_STATUS_JOB, type SyncJob } from '../sync/sync-jobs';
import { errorMessage } from '../../core/error-message';

export interface ExportDeps {
  /** As the app: consumers have no user, and one actor keeps single and bulk export identical. */
  jira: JiraClient;
  zeroPath: ZeroPathClient;
  zeroPathBaseUrl: string;
  /** The tickets' "Related docs" Confluence search link for a finding (absent: no section). */
  relatedDocsUrl?: (finding: Finding) => string | undefined;
  links: LinkStore;
  pending: PendingExportStore;
  now: () => Date;
  /**
   * Queues a sync job: an adopted issue someone moved to done while it had no link gets that
   * closure synced (absent: the closure waits for the next move in Jira).
   */
  queueSync?: (job: SyncJob) => Promise<void>;
}

export interface ExportOutcome {
  exported: { findingId: string; issueKey: string; adopted: boolean }[];
  skipped: { findingId: string; issueKey?: string; reason: string }[];
  failed: { findingId: string; reason: string }[];
  /** Worth another attempt later (rate limits, Jira 5xx, a concurrent export holding the claim). */
  transient: { findingId: string; reason: string; retryAfterSeconds?: number; claimHeld?: true }[];
  /**
   * Created in Jira, but the link could not be stored (KVS refused or failed the write). Never
   * reported as a plain failure: the issue exists, its key is named, and a retry or the status
   * sweep's export recovery adopts it (its `zeropath` property and pending marker find it).
   */
  unlinked: { findingId: string; issueKey: string; issueId: string; reason: string }[];
  notes: string[];
}

/**
 * Issues were created but not all links stored. `partial` is what this attempt did finish, so the
 * caller can record it; a retry adopts the rest by JQL.
 */
export class ExportInterruptedError extends Error {
  override name = 'ExportInterruptedError';
  constructor(
    readonly partial: ExportOutcome,
    cause: unknown,
  ) {
    const keys = partial.unlinked.map((u) => u.issueKey);
    super(
      `${keys.length > 0 ? `Jira created ${keys.join(', ')}` : 'Issues were created'}, but ${keys.length === 1 ? 'its link' : 'their links'} could not be stored (${redactSecrets(errorMessage(cause), { mode: 'detect' }).text}); a retry or the next status sweep links ${keys.length === 1 ? 'it' : 'them'}.`,
    );
  }
}

/**
 * How long a claim protects an export whose invocation died: longer than the longest invocation
 * that exports (the consumers' `timeoutSeconds` 300), so a live export is never overtaken, and
 * short, so a cut-off delivery's claims lapse before the retries that wait for them give up.
 */
export const CLAIM_TTL_SECONDS = 330;
/**
 * How long after a create of unknown outcome the app trusts Jira's search to show what it created.
 * Jira's search is eventually consistent ("seconds to minutes", jira-rest-api.md §9.1); the strict
 * reading takes a quarter of an hour before concluding nothing was created.
 */
export const INDEX_LAG_ALLOWANCE_MS = 15 * 60_000;
const PARALLEL_READS = 5;

/** What is left of the allowance for a marker this old (a marker stamped ahead of this clock, or unreadable, waits all of it). */
function indexLagLeftMs(ageMs: number): number {
  return Number.isFinite(ageMs) ? Math.min(INDEX_LAG_ALLOWANCE_MS, INDEX_LAG_ALLOWANCE_MS - ageMs) : INDEX_LAG_ALLOWANCE_MS;
}

function emptyOutcome(): ExportOutcome {
  return { exported: [], skipped: [], failed: [], transient: [], unlinked: [], notes: [] };
}

function jiraReason(error: { errorMessages: string[]; errors: Record<string, string> }): string {
  const parts = [
    ...error.errorMessages,
    ...Object.entries(error.errors).map(([field, message]) => `${field}: ${message}`),
  ];
  // Jira's per-item errors can echo a refused value; the reason reaches the export summary and Health.
  return parts.length > 0
    ? `Jira refused the issue: ${redactSecrets(parts.join('; '), { mode: 'detect' }).text}`
    : 'Jira refused the issue without giving a reason.';
}

/** Jira's answers when the issue type cannot have the given parent (hierarchy, or no parent field). */
function isParentRejection(errors: Record<string, string>): boolean {
  return errors.parent !== undefined || errors.parentId !== undefined;
}

function quoteJql(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/**
 * Exports up to 50 findings exactly once each: claim → check the link → adopt an issue an
 * interrupted export already created (JQL on the `zeropath` property) → bulk create → store the
 * link → release the claim. The link is the idempotency key; the claim stops two exports racing;
 * the pending marker tells a retry that a create may already have happened.
 *
 * Throws only when the state of an attempted create is unknown to this invocation (e.g. the link
 * write failed); the caller retries and the retry adopts.
 */
export async function exportFindings(
  findingIds: readonly string[],
  plan: ExportPlan,
  deps: ExportDeps,
  options: { owner: string; exportedBy: string },
): Promise<ExportOutcome> {
  if (findingIds.length > MAX_BULK_CREATE)
    throw new RangeError(`exportFindings takes at most ${MAX_BULK_CREATE} findings`);
  const outcome = emptyOutcome();
  const limit = pLimit(PARALLEL_READS);
  const claimed: string[] = [];
  /** Findings whose link transaction also removed their claim: nothing left to release. */
  const finished = new Set<string>();
  /** Records the already-linked findings among `ids` as skipped; returns the others. Reads 25 links a request. */
  const withoutLinked = async (ids: readonly string[]): Promise<string[]> => {
    const links = await deps.links.getByFindings(ids);
    for (const [findingId, link] of links)
      outcome.skipped.push({
        findingId,
        issueKey: link.issueKey,
        reason: `Already in Jira as ${link.issueKey}.`,
      });
    return ids.filter((id) => !links.has(id));
  };
  try {
    // 1. Already linked → skipped, before any claim is taken.
    const unlinked = await withoutLinked(findingIds);

    // 2. Claim; then look at the links again, since a racing export may have finished in between.
    await Promise.all(
      unlinked.map((id) =>
        limit(async () => {
          const claim = await deps.links.claimExport(id, options.owner, CLAIM_TTL_SECONDS);
          if (!claim.claimed) {
            outcome.transient.push({
              findingId: id,
              reason: 'Another export of this finding is in progress.',
              // By then that export has finished (its link is seen) or its claim has lapsed.
              retryAfterSeconds: CLAIM_TTL_SECONDS,
              claimHeld: true,
            });
            return;
          }
          claimed.push(id);
        }),
      ),
    );
    const claimedInOrder = unlinked.filter((id) => claimed.includes(id));
    const open = claimedInOrder.length === 0 ? [] : await withoutLinked(claimedInOrder);
    if (open.length === 0) return outcome;

    // 3. The findings themselves (the issue needs them, and so does an adopted link's snapshot).
    const findings = new Map<string, Finding>();
    await Promise.all(
      open.map((id) =>
        limit(async () => {
          try {
            const finding = await deps.zeroPath.getFinding(id);
            if (!isOpenStatus(finding.status) && plan.closedFindings === 'skip') {
              outcome.skipped.push({
                findingId: id,
                reason: `Already ${STATUS_LABEL[finding.status]} in ZeroPath, so it was not exported (choose "Also export closed findings" to create its issue and close it).`,
              });
              return;
            }
            findings.set(id, finding);
          } catch (error) {
            if (error instanceof ZeroPathNotFoundError) {
              outcome.failed.push({
                findingId: id,
                reason: 'The finding no longer exists in ZeroPath (or the token cannot see it).',
              });
            } else {
              outcome.transient.push({
                findingId: id,
                reason: `ZeroPath could not be read: ${errorMessage(error)}`,
              });
            }
          }
        }),
      ),
    );

    // 4. Adopt what an interrupted export created: only findings with a marker pay for the lookup.
    const marked = await deps.pending.find([...findings.keys()]);
    if (marked.size > 0) {
      const createdIds = [...marked.values()].flatMap((m) => (m.issueId === undefined ? [] : [Number(m.issueId)]));
      const adopted = await findExistingIssues(deps.jira, [...marked.keys()], createdIds);
      for (const [findingId, issue] of adopted) {
        const finding = findings.get(findingId);
        if (finding === undefined) continue;
        await saveLink(deps, finding, issue, plan, options.exportedBy, 'adopted');
        finished.add(findingId);
        findings.delete(findingId);
        outcome.exported.push({ findingId, issueKey: issue.key, adopted: true });
        // The interrupted export may have stopped between create and close, and the issue may have
        // been closed in Jira while no link let the trigger act.
        await reconcileAdoptedIssue(deps, finding, issue, options.exportedBy, outcome);
      }
    }
    // A create whose outcome is unknown (Jira answered 5xx or not at all, so no issue id was
    // recorded) may have made issues Jira's search does not show yet (index lag, "seconds to
    // minutes"): creating again now would duplicate them. Wait until the lag allowance has passed.
    for (const [findingId, marker] of marked) {
      if (!findings.has(findingId) || marker.issueId !== undefined) continue;
      const age = deps.now().getTime() - Date.parse(marker.at ?? '');
      if (age >= INDEX_LAG_ALLOWANCE_MS) continue;
      findings.delete(findingId);
      // The rest of the allowance in one retry: a bulk export chunk has four platform retries, and
      // looking again every 120 s spent them (~6 min) before the allowance had passed, so a chunk
      // whose first create met a 5xx gave its findings up although Jira had created nothing.
      outcome.transient.push({
        findingId,
        reason: "An earlier attempt may have created this finding's issue (Jira did not answer it); waiting for Jira's search to show it before creating another.",
        retryAfterSeconds: Math.ceil(indexLagLeftMs(age) / 1000),
      });
    }
    if (findings.size === 0) return outcome;

    // 5. Create.
    const toCreate = [...findings.values()];
    const retryWithoutParent = await createAll(toCreate, plan, deps, options, outcome, true, finished);
    if (retryWithoutParent.length > 0) {
      outcome.notes.push(
        `Jira does not accept ${plan.parentKey ?? 'the epic'} as the parent of this issue type, so ${retryWithoutParent.length === 1 ? 'the issue was' : `${retryWithoutParent.length} issues were`} created without the epic.`,
      );
      await createAll(retryWithoutParent, plan, deps, options, outcome, false, finished);
    }
    return outcome;
  } finally {
    await Promise.all(
      claimed
        .filter((id) => !finished.has(id))
        .map((id) => limit(() => deps.links.releaseExport(id, options.owner))),
    );
  }
}

export async function findExistingIssues(
  jira: JiraClient,
  findingIds: string[],
  /** Issues Jira said it created for these findings: searched consistently, before they are indexed. */
  createdIssueIds: readonly number[] = [],
): Promise<Map<string, { id: string; key: string }>> {
  const found = new Map<string, { id: string; key: string }>();
  const jql = `issue.property[${ZEROPATH_ISSUE_PROPERTY_KEY}].findingId in (${findingIds.map(quoteJql).join(', ')}) ORDER BY created ASC`;
  let token: string | undefined;
  do {
    const page = await jira.searchJql(jql, ['summary'], token, {
      maxResults: 100,
      properties: [ZEROPATH_ISSUE_PROPERTY_KEY],
      // At most 50 (≤ one bulk create); the same list on every page, as Jira requires.
      ...(createdIssueIds.length > 0 ? { reconcileIssues: createdIssueIds.slice(0, 50) } : {}),
    });
    for (const issue of page.issues) {
      const property = zeropathIssuePropertySchema.safeParse(issue.properties?.[ZEROPATH_ISSUE_PROPERTY_KEY]);
      // Oldest first: if two exist already (from before this app kept links), adopt the first.
      if (property.success && !found.has(property.data.findingId))
        found.set(property.data.findingId, { id: issue.id, key: issue.key });
    }
    token = page.nextPageToken;
  } while (token !== undefined);
  return found;
}

async function saveLink(
  deps: ExportDeps,
  finding: Finding,
  issue: { id: string; key: string },
  plan: ExportPlan,
  exportedBy: string,
  action: 'created' | 'adopted',
): Promise<void> {
  await storeExportLink(deps, finding, issue, {
    projectKey: plan.projectKey,
    actor: exportedBy,
    action: action === 'created' ? 'exported' : 'export-recovered',
    detail: action === 'created' ? `Created ${issue.key}` : `Linked ${issue.key}, created by an interrupted export`,
  });
}

/**
 * Stores a finding↔issue link the way an export ends: link both ways, audit entry, claim and
 * pending marker removed, in one KVS transaction. Also used by the export recovery and Health's adopt.
 */
export async function storeExportLink(
  deps: Pick<ExportDeps, 'links' | 'now'>,
  finding: Finding,
  issue: { id: string; key: string },
  entry: { projectKey: string; actor: string; action: string; detail: string },
): Promise<void> {
  const at = deps.now().toISOString();
  // Link, audit entry, claim release and marker removal in one transaction: all or nothing.
  await deps.links.saveExported(
    {
      findingId: finding.id,
      issueId: issue.id,
      issueKey: issue.key,
      projectKey: entry.projectKey,
      createdAt: at,
      createdBy: entry.actor,
      snapshot: snapshotFromFinding(finding),
      snapshotAt: at,
      lastWritten: {},
    },
    {
      at,
      findingId: finding.id,
      issueKey: issue.key,
      actor: entry.actor,
      source: 'app',
      action: entry.action,
      detail: entry.detail,
    },
  );
}

/**
 * Brings an adopted issue and its finding together: a finding closed in ZeroPath meanwhile moves
 * the issue to done (as the export would have); an issue closed in Jira while it had no link gets
 * its closure synced through the normal path (a queued status job, `reconcile`).
 */
export async function reconcileAdoptedIssue(
  deps: Pick<ExportDeps, 'jira' | 'now' | 'queueSync'>,
  finding: Finding,
  issue: { id: string; key: string },
  actor: string,
  outcome: ExportOutcome,
): Promise<void> {
  const [current] = await deps.jira.bulkFetchIssues([issue.id], ['status']);
  const status = current?.fields.status as { id?: string; statusCategory?: { key?: string } } | undefined;
  const jiraDone = status?.statusCategory?.key === 'done';
  if (!isOpenStatus(finding.status) && !jiraDone) await closeExportedIssue(deps, finding, issue, actor, outcome);
  if (isOpenStatus(finding.status) && jiraDone && status?.id !== undefined && deps.queueSync !== undefined) {
    await deps.queueSync({
      type: SYNC_STATUS_JOB,
      change: {
        issueId: issue.id,
        issueKey: issue.key,
        changelogId: `adopted:${deps.now().getTime()}`,
        from: null,
        to: status.id,
        actorAccountId: 'unknown',
        reconcile: true,
      },
    });
    outcome.notes.push(`${issue.key} was already done in Jira; its closure is being synced to ZeroPath.`);
  }
}

/**
 * A finding exported although ZeroPath already closed it: its new issue moves straight to the
 * workflow's matching done status (as the app, with a comment naming who asked). The issue exists
 * and is linked either way, so a move Jira refuses becomes a note, never a failed export.
 */
export async function closeExportedIssue(
  deps: Pick<ExportDeps, 'jira'>,
  finding: Finding,
  issue: { id: string; key: string },
  exportedBy: string,
  outcome: ExportOutcome,
): Promise<void> {
  try {
    const moved = await moveLinkedIssue(deps.jira, {
      issueId: issue.id,
      from: 'open',
      to: finding.status,
      findingUrl: finding.url,
      comment: (explanation) =>
        closedOnExportComment({ actorAccountId: exportedBy, status: finding.status, explanation, findingUrl: finding.url }),
    });
    if (moved.outcome === 'no_fitting_transition')
      outcome.notes.push(`${issue.key} stays open although its finding is ${STATUS_LABEL[finding.status]}: ${moved.explanation}`);
  } catch (error) {
    outcome.notes.push(
      `${issue.key} stays open although its finding is ${STATUS_LABEL[finding.status]}: Jira refused the move (${withoutSecretsText(errorMessage(error))}).`,
    );
  }
}

function withoutSecretsText(value: string): string {
  return redactSecrets(value, { mode: 'detect' }).text;
}

/**
 * One bulk create for these findings. Returns the findings whose parent Jira refused (to retry
 * once without it); everything else ends in `outcome`.
 */
async function createAll(
  findings: Finding[],
  plan: ExportPlan,
  deps: ExportDeps,
  options: { owner: string; exportedBy: string },
  outcome: ExportOutcome,
  withParent: boolean,
  finished: Set<string>,
): Promise<Finding[]> {
  const bodies: IssueCreateBody[] = [];
  const rendered: Finding[] = [];
  for (const finding of findings) {
    try {
      const relatedDocsUrl = deps.relatedDocsUrl?.(finding);
      const ticket = renderTicket(finding, {
        zeroPathBaseUrl: deps.zeroPathBaseUrl,
        priorityFieldAvailable: plan.priorityAvailable,
        ...(relatedDocsUrl === undefined ? {} : { relatedDocsUrl }),
      });
      bodies.push(buildIssueBody(ticket, plan, { withParent }));
      rendered.push(finding);
    } catch (error) {
      outcome.failed.push({
        findingId: finding.id,
        reason: `The finding could not be turned into an issue: ${errorMessage(error)}`,
      });
    }
  }
  if (bodies.length === 0) return [];
  const ids = rendered.map((f) => f.id);
  await deps.pending.mark(ids, options.owner);

  let result;
  try {
    result = await deps.jira.bulkCreate(bodies);
  } catch (error) {
    if (error instanceof JiraRateLimitedError) {
      // A 429 is answered before Jira does anything: nothing was created, so no marker is needed.
      await deps.pending.clear(ids);
      for (const id of ids)
        outcome.transient.push({
          findingId: id,
          reason: 'Jira is rate limiting the app.',
          retryAfterSeconds: error.retryAfterSeconds,
        });
      return [];
    }
    if (error instanceof JiraApiError && error.status < 500) {
      await deps.pending.clear(ids);
      for (const id of ids) outcome.failed.push({ findingId: id, reason: jiraReason(error) });
      return [];
    }
    // 5xx or no answer: some issues may exist. Markers stay, so the retry adopts them.
    console.warn(
      'bulk create failed; will retry',
      redactForLog({ error: errorMessage(error, 'unknown'), findings: ids.length }),
    );
    for (const id of ids)
      outcome.transient.push({
        findingId: id,
        reason: `Jira did not answer the create: ${errorMessage(error)}`,
      });
    return [];
  }

  const retry: Finding[] = [];
  const settled: string[] = [];
  for (const failure of result.errors) {
    const finding = rendered[failure.index];
    if (finding === undefined) continue;
    settled.push(finding.id);
    if (withParent && plan.parentKey !== undefined && isParentRejection(failure.errors)) retry.push(finding);
    else if (failure.status === 429 || (failure.status !== undefined && failure.status >= 500)) {
      outcome.transient.push({
        findingId: finding.id,
        reason: `Jira could not create it right now (HTTP ${failure.status}).`,
      });
    } else outcome.failed.push({ findingId: finding.id, reason: jiraReason(failure) });
  }
  // Jira reported these elements failed: nothing of theirs exists, so their markers go.
  if (settled.length > 0) await deps.pending.clear(settled);
  // These exist now: if the links below are lost, the retry finds them by id, not by lagging search.
  const created = result.issues.flatMap((issue) => {
    const finding = rendered[issue.index];
    return finding === undefined ? [] : [{ findingId: finding.id, issueId: issue.id }];
  });
  if (created.length > 0) await deps.pending.recordCreated(created, options.owner);

  const linkFailures: unknown[] = [];
  const limit = pLimit(PARALLEL_READS);
  await Promise.all(
    result.issues.map((issue) =>
      limit(async () => {
        const finding = rendered[issue.index];
        if (finding === undefined) return;
        try {
          await saveLink(deps, finding, issue, plan, options.exportedBy, 'created');
          finished.add(finding.id);
          outcome.exported.push({ findingId: finding.id, issueKey: issue.key, adopted: false });
          if (!isOpenStatus(finding.status)) await closeExportedIssue(deps, finding, issue, options.exportedBy, outcome);
        } catch (error) {
          linkFailures.push(error);
          outcome.unlinked.push({
            findingId: finding.id,
            issueKey: issue.key,
            issueId: issue.id,
            reason: `Jira created ${issue.key}, but its link could not be stored (${withoutSecretsText(errorMessage(error))}).`,
          });
        }
      }),
    ),
  );
  // The issue exists but its link does not: only a retry (which adopts by JQL) can finish this.
  if (linkFailures.length > 0) throw new ExportInterruptedError(outcome, linkFailures[0]);
  return retry;
}
