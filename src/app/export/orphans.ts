import { randomUUID } from 'node:crypto';
import { type Finding } from '../../core/finding/finding';
import { redactSecrets } from '../../core/redaction/redact-secrets';
import {
  ZEROPATH_ISSUE_PROPERTY_KEY,
  zeropathIssuePropertySchema,
} from '../../core/ticket/zeropath-issue-property';
import { BULK_FETCH_MAX, type JiraClient } from '../../infra/jira/jira-client';
import { type FindingLink } from '../../core/link/finding-link';
import { type LinkStore } from '../../infra/store/link-store';
import { type PendingExportStore, type PendingMarker } from '../../infra/store/pending-export-store';
import { type ZeroPathClient } from '../../infra/zeropath/zeropath-client';
import { ZeroPathNotFoundError } from '../../infra/zeropath/zeropath-errors';
import { type SyncJob } from '../sync/sync-jobs';
import {
  CLAIM_TTL_SECONDS,
  reconcileAdoptedIssue,
  INDEX_LAG_ALLOWANCE_MS,
  findExistingIssues,
  storeExportLink,
  type ExportOutcome,
} from './export-findings';
import { errorMessage } from '../../core/error-message';

/**
 * Orphans (issue 17, finding 5): a Jira issue the app created whose finding↔issue link was never
 * stored (KVS failed after the create, the invocation died between the two writes, the retry's
 * lookup kept failing), or a link whose issue no longer exists. Every created issue carries the
 * `zeropath` issue property (set in the create call itself) and, until its link is stored, a
 * pending-export marker in KVS: the recovery here finds them by those and adopts them.
 */

export interface OrphanDeps {
  /** As the app: the app created the issues, and the sweep has no user. */
  jira: JiraClient;
  links: LinkStore;
  pending: PendingExportStore;
  now: () => Date;
}

export interface OrphanAdoptDeps extends OrphanDeps {
  zeroPath: ZeroPathClient;
  /**
   * Queues a sync job. An adopted issue someone already moved to done (while no link let the
   * trigger act) gets its closure synced this way, by the same path as a live transition.
   */
  queueSync: (job: SyncJob) => Promise<void>;
}

/** Jira issue keys are `<PROJECT>-<number>`: the project of an issue the app created, without a read. */
function projectOfKey(issueKey: string): string {
  const dash = issueKey.lastIndexOf('-');
  return dash > 0 ? issueKey.slice(0, dash) : issueKey;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Which of these issue ids exist and the app can see (bulk fetch: consistent, 100 a request). */
async function existingIssueIds(jira: JiraClient, issueIds: readonly string[]): Promise<Set<string>> {
  const seen = new Set<string>();
  for (const part of chunks([...new Set(issueIds)], BULK_FETCH_MAX))
    for (const issue of await jira.bulkFetchIssues(part, ['summary'])) seen.add(issue.id);
  return seen;
}

function errorText(error: unknown): string {
  return redactSecrets(errorMessage(error), { mode: 'detect' }).text;
}

// ---- Adopting one issue --------------------------------------------------------------------

export type AdoptResult =
  | { outcome: 'adopted'; findingId: string; issueKey: string; notes: string[] }
  | { outcome: 'already_linked'; findingId: string; issueKey: string; notes: string[] };

/** Why an adopt could not be done; the resolver maps `kind` to its error kinds. */
export class AdoptRefusedError extends Error {
  override name = 'AdoptRefusedError';
  constructor(
    readonly kind: 'not_found' | 'conflict' | 'invalid_input',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Links `issue` to `finding` unless something else already holds the finding: idempotent (the same
 * link again answers `already_linked`), guarded by the export claim (so it never races an export of
 * the same finding), and a link whose issue is gone is replaced. A finding closed in ZeroPath moves
 * the adopted issue to done, as the export would have done.
 */
async function adoptIssueFor(
  deps: OrphanAdoptDeps,
  finding: Finding,
  issue: { id: string; key: string },
  actor: { id: string; detail: string },
): Promise<AdoptResult> {
  const existing = await deps.links.getByFinding(finding.id);
  if (existing?.issueId === issue.id)
    return { outcome: 'already_linked', findingId: finding.id, issueKey: issue.key, notes: [] };
  if (existing !== undefined) {
    const alive = await existingIssueIds(deps.jira, [existing.issueId]);
    if (alive.has(existing.issueId))
      throw new AdoptRefusedError(
        'conflict',
        `The finding is already linked to ${existing.issueKey}, so ${issue.key} is a second issue for it. Delete ${issue.key} (or move its work to ${existing.issueKey}); it cannot be adopted.`,
      );
  }
  const owner = `adopt:${randomUUID()}`;
  const claim = await deps.links.claimExport(finding.id, owner, CLAIM_TTL_SECONDS);
  if (!claim.claimed)
    throw new AdoptRefusedError('conflict', 'An export of this finding is in progress; try again in a few minutes.');
  try {
    // A link to an issue that no longer exists gives way (both of its entries).
    if (existing !== undefined) await deps.links.remove(existing);
    await storeExportLink(deps, finding, issue, {
      projectKey: projectOfKey(issue.key),
      actor: actor.id,
      action: 'export-recovered',
      detail: actor.detail,
    });
  } catch (error) {
    await deps.links.releaseExport(finding.id, owner).catch(() => undefined);
    throw error;
  }
  const outcome: ExportOutcome = { exported: [], skipped: [], failed: [], transient: [], unlinked: [], notes: [] };
  await reconcileAdoptedIssue(deps, finding, issue, actor.id, outcome);
  return { outcome: 'adopted', findingId: finding.id, issueKey: issue.key, notes: outcome.notes };
}

async function readFinding(deps: OrphanAdoptDeps, findingId: string): Promise<Finding> {
  try {
    return await deps.zeroPath.getFinding(findingId);
  } catch (error) {
    if (error instanceof ZeroPathNotFoundError)
      throw new AdoptRefusedError('not_found', 'The finding no longer exists in ZeroPath (or the token cannot see it), so there is nothing to link the issue to.');
    throw error;
  }
}

/**
 * Health's "Adopt" on an issue that carries the app's finding marker but has no link. The issue's
 * `zeropath` property names the finding; nothing in the request is trusted beyond the issue id.
 */
export async function adoptOrphanIssue(
  deps: OrphanAdoptDeps,
  issueId: string,
  adminAccountId: string,
): Promise<AdoptResult> {
  const [issue] = await deps.jira.bulkFetchIssues([issueId], ['summary'], { properties: [ZEROPATH_ISSUE_PROPERTY_KEY] });
  if (issue === undefined) throw new AdoptRefusedError('not_found', `Issue ${issueId} does not exist (or the app cannot see it).`);
  const property = zeropathIssuePropertySchema.safeParse(issue.properties?.[ZEROPATH_ISSUE_PROPERTY_KEY]);
  if (!property.success)
    throw new AdoptRefusedError('invalid_input', `${issue.key} does not carry the app's finding marker, so it was not created by an export.`);
  const finding = await readFinding(deps, property.data.findingId);
  return adoptIssueFor(deps, finding, issue, {
    id: adminAccountId,
    detail: `Linked ${issue.key} from Health (an issue an export created without storing its link)`,
  });
}

export type RepairResult =
  | AdoptResult
  | { outcome: 'link_removed'; findingId: string; issueKey: string; notes: string[] }
  | { outcome: 'not_orphaned'; findingId: string; issueKey?: string; notes: string[] };

/**
 * Health's action on a link whose issue is gone: another issue that carries the finding's marker is
 * adopted in its place; with none, the link is removed (the finding can be exported again), as the
 * issue-deleted event would have done had it arrived.
 */
export async function repairDanglingLink(
  deps: OrphanAdoptDeps,
  findingId: string,
  adminAccountId: string,
): Promise<RepairResult> {
  const link = await deps.links.getByFinding(findingId);
  if (link === undefined) return { outcome: 'not_orphaned', findingId, notes: ['The finding is not linked any more.'] };
  if ((await existingIssueIds(deps.jira, [link.issueId])).has(link.issueId))
    return { outcome: 'not_orphaned', findingId, issueKey: link.issueKey, notes: [`${link.issueKey} exists; the link is kept.`] };
  const candidates = await findExistingIssues(deps.jira, [findingId]);
  const replacement = candidates.get(findingId);
  if (replacement !== undefined && replacement.id !== link.issueId) {
    const finding = await readFinding(deps, findingId);
    return adoptIssueFor(deps, finding, replacement, {
      id: adminAccountId,
      detail: `Linked ${replacement.key} from Health in place of ${link.issueKey}, which no longer exists`,
    });
  }
  await removeDanglingLink(deps, link, adminAccountId);
  return { outcome: 'link_removed', findingId, issueKey: link.issueKey, notes: [`${link.issueKey} no longer exists; the finding can be exported again.`] };
}

async function removeDanglingLink(deps: Pick<OrphanDeps, 'links' | 'now'>, link: FindingLink, actor: string): Promise<void> {
  await deps.links.remove(link);
  await deps.links.appendAudit({
    at: deps.now().toISOString(),
    findingId: link.findingId,
    issueKey: link.issueKey,
    actor,
    source: 'app',
    action: 'unlinked',
    detail: `Jira issue ${link.issueKey} no longer exists; the finding can be exported again.`,
  });
}

// ---- Listing orphans (Health) ---------------------------------------------------------------

export interface OrphanList {
  /** Issues carrying the app's finding marker without a link. */
  unlinkedIssues: {
    issueId: string;
    issueKey: string;
    findingId: string;
    summary?: string;
    /** The finding is linked to this other (existing) issue: a duplicate, not adoptable. */
    linkedTo?: string;
  }[];
  /** Links whose issue no longer exists (or the app can no longer see). */
  danglingLinks: { findingId: string; issueId: string; issueKey: string }[];
  /** What was looked at; `complete` is false when a bound cut the scan short. */
  scanned: { issues: number; links: number; complete: boolean };
}

export const ORPHAN_SCAN_LIMITS = {
  /** Newest issues with the marker looked at, plus every pending marker's issue. */
  issues: 200,
  /** Links whose issue is checked for existence. */
  links: 500,
  /** Pending markers read. */
  markers: 200,
};

/**
 * Health's orphan list, bounded (the limits above) and read-only. Issues: the newest carrying the
 * `zeropath` property (JQL; the ids a pending marker recorded are searched consistently), whose
 * finding has no link to them. Links: whether each linked issue still exists (bulk fetch).
 */
export async function listOrphans(
  deps: OrphanDeps & { scanLinks: (limit: number) => Promise<{ links: FindingLink[]; complete: boolean }> },
  limits = ORPHAN_SCAN_LIMITS,
): Promise<OrphanList> {
  const markers = await deps.pending.list(limits.markers);
  const reconcile = markers.flatMap((m) => (m.issueId === undefined ? [] : [Number(m.issueId)])).slice(0, 50);
  const jql = `issue.property[${ZEROPATH_ISSUE_PROPERTY_KEY}].findingId IS NOT EMPTY ORDER BY created DESC`;
  const issues: { id: string; key: string; findingId: string; summary?: string }[] = [];
  let token: string | undefined;
  let issuesComplete = true;
  do {
    const page = await deps.jira.searchJql(jql, ['summary'], token, {
      maxResults: 100,
      properties: [ZEROPATH_ISSUE_PROPERTY_KEY],
      ...(reconcile.length > 0 ? { reconcileIssues: reconcile } : {}),
    });
    for (const issue of page.issues) {
      const property = zeropathIssuePropertySchema.safeParse(issue.properties?.[ZEROPATH_ISSUE_PROPERTY_KEY]);
      if (!property.success) continue;
      const summary = typeof issue.fields.summary === 'string' ? issue.fields.summary : undefined;
      issues.push({ id: issue.id, key: issue.key, findingId: property.data.findingId, ...(summary === undefined ? {} : { summary }) });
    }
    token = page.nextPageToken;
    if (token !== undefined && issues.length >= limits.issues) {
      issuesComplete = false;
      break;
    }
  } while (token !== undefined);

  const links = await deps.links.getByFindings(issues.map((i) => i.findingId));
  const { links: scannedLinks, complete: linksComplete } = await deps.scanLinks(limits.links);
  const alive = await existingIssueIds(deps.jira, scannedLinks.map((l) => l.issueId));
  const danglingLinks = scannedLinks
    .filter((l) => !alive.has(l.issueId))
    .map((l) => ({ findingId: l.findingId, issueId: l.issueId, issueKey: l.issueKey }));
  const dangling = new Set(danglingLinks.map((l) => l.findingId));

  const unlinkedIssues: OrphanList['unlinkedIssues'] = [];
  for (const issue of issues) {
    const link = links.get(issue.findingId);
    if (link?.issueId === issue.id) continue;
    const entry: OrphanList['unlinkedIssues'][number] = { issueId: issue.id, issueKey: issue.key, findingId: issue.findingId };
    if (issue.summary !== undefined) entry.summary = issue.summary;
    if (link !== undefined && !dangling.has(issue.findingId)) entry.linkedTo = link.issueKey;
    unlinkedIssues.push(entry);
  }
  return {
    unlinkedIssues,
    danglingLinks,
    scanned: { issues: issues.length, links: scannedLinks.length, complete: issuesComplete && linksComplete },
  };
}

// ---- Export recovery (status sweep) ----------------------------------------------------------

export const RECOVERY_LIMITS = {
  /** Markers handled per sweep run (one JQL search per 50, one ZeroPath read per adopted issue). */
  maxMarkers: 100,
  /**
   * How long a marker without an issue id waits before recovery concludes Jira created nothing:
   * Jira's search finds a new issue only once indexed (the export's own allowance).
   */
  indexLagAllowanceMs: INDEX_LAG_ALLOWANCE_MS,
};

export interface RecoverySummary {
  adopted: { findingId: string; issueKey: string }[];
  /** Markers dropped: the finding is linked already, or Jira certainly holds no issue for it. */
  cleared: number;
  /** Still waiting: too recent, claimed by a live export, or ZeroPath could not be read. */
  waiting: number;
  /** Per-finding errors (redacted); the rest of the run went on. */
  errors: string[];
}

/**
 * The later pass that adopts what an interrupted export left: every pending marker older than the
 * export claim (no live export can still be writing it) is looked up by the `zeropath` property
 * (the recorded issue ids consistently), and the issue found is linked, or the marker cleared when
 * the finding is linked already or no issue exists. Runs on the status sweep; safe to repeat.
 */
export async function recoverUnlinkedExports(
  deps: OrphanDeps & Pick<OrphanAdoptDeps, 'queueSync'> & { openZeroPath: () => Promise<ZeroPathClient> },
  limits = RECOVERY_LIMITS,
): Promise<RecoverySummary> {
  const summary: RecoverySummary = { adopted: [], cleared: 0, waiting: 0, errors: [] };
  const now = deps.now().getTime();
  const markers = (await deps.pending.list(limits.maxMarkers)).filter((m) => {
    const age = now - Date.parse(m.at);
    const settled = Number.isNaN(age) || age >= CLAIM_TTL_SECONDS * 1000;
    if (!settled) summary.waiting += 1;
    return settled;
  });
  if (markers.length === 0) return summary;

  const links = await deps.links.getByFindings(markers.map((m) => m.findingId));
  const open: PendingMarker[] = [];
  const linked: string[] = [];
  for (const marker of markers) {
    if (links.has(marker.findingId)) linked.push(marker.findingId);
    else open.push(marker);
  }
  // Linked meanwhile (a retry adopted it): the marker is only a leftover.
  if (linked.length > 0) {
    await deps.pending.clear(linked);
    summary.cleared += linked.length;
  }

  let zeroPath: ZeroPathClient | undefined;
  for (const part of chunks(open, 50)) {
    const recorded = part.flatMap((m) => (m.issueId === undefined ? [] : [Number(m.issueId)]));
    const found = await findExistingIssues(deps.jira, part.map((m) => m.findingId), recorded);
    const nothingCreated: string[] = [];
    for (const marker of part) {
      const issue = found.get(marker.findingId);
      if (issue === undefined) {
        // A recorded id not found consistently means that issue is gone; without one, wait out the index.
        if (marker.issueId !== undefined || now - Date.parse(marker.at) >= limits.indexLagAllowanceMs)
          nothingCreated.push(marker.findingId);
        else summary.waiting += 1;
        continue;
      }
      try {
        zeroPath ??= await deps.openZeroPath();
        const finding = await zeroPath.getFinding(marker.findingId);
        const result = await adoptIssueFor({ ...deps, zeroPath }, finding, issue, {
          id: 'app',
          detail: `Linked ${issue.key}, created by an export whose link was not stored (export recovery)`,
        });
        summary.adopted.push({ findingId: marker.findingId, issueKey: result.issueKey });
      } catch (error) {
        if (error instanceof ZeroPathNotFoundError) {
          // The finding is gone: nothing to link the issue to. Health keeps listing the issue.
          nothingCreated.push(marker.findingId);
          summary.errors.push(`${issue.key}: its finding no longer exists in ZeroPath.`);
        } else {
          summary.waiting += 1;
          summary.errors.push(`${issue.key}: ${errorText(error)}`);
        }
      }
    }
    if (nothingCreated.length > 0) {
      await deps.pending.clear(nothingCreated);
      summary.cleared += nothingCreated.length;
    }
  }
  return summary;
}
