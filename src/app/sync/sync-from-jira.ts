import { type z } from 'zod';
import { type AppConfig } from '../../core/config/app-config';
import { isOpenStatus, type FindingStatus } from '../../core/finding/finding';
import { type AuditEntry, type ClosureDecision, type FindingLink } from '../../core/link/finding-link';
import { redactSecrets } from '../../core/redaction/redact-secrets';
import { statusCategoryChange } from '../../core/transitions/transition-choice';
import { buildAssistPrompt, checkAssistAnswer, parseAssistAnswer } from '../../core/triage/ai-assist';
import { describeClosureReason } from '../../core/triage/closure-classifier';
import { triageClosure } from '../../core/triage/closure-triage';
import {
  triageCommentSchema,
  type TriageComment,
  type TriageInput,
  type TriageResult,
} from '../../core/triage/triage-types';
import { type TriageAssistModel } from '../../infra/llm/triage-assist-model';
import { type AiAssistUsageStore } from '../../infra/store/ai-assist-usage-store';
import { type JiraClient } from '../../infra/jira/jira-client';
import { type HealthStore } from '../../infra/store/health-store';
import { type LinkStore } from '../../infra/store/link-store';
import { type SyncStateStore } from '../../infra/store/sync-state-store';
import { MAX_NOTES_LENGTH, ZeroPathUnsupportedError } from '../../infra/zeropath/v2-actions';
import { type ZeroPathSession } from '../connection/zeropath-access';
import { type commentEventSchema, type statusChangeEventSchema } from './sync-jobs';
import { REOPEN_V2_STATUS, STATUS_LABEL, V2_STATUS_OF_OUTCOME } from './sync-messages';
import { errorMessage } from '../../core/error-message';

/**
 * Jira → ZeroPath: what a person did to a linked issue (moved it into or out of done, commented,
 * deleted it) reaches its finding. Every path is idempotent, because Forge delivers product
 * events at least once and in no particular order.
 */
export interface JiraSyncDeps {
  links: LinkStore;
  health: HealthStore;
  syncState: SyncStateStore;
  /** As the app: triggers have no user behind them. */
  jira: JiraClient;
  openZeroPath(): Promise<ZeroPathSession>;
  readConfig(): Promise<AppConfig>;
  now(): Date;
  /** Optional AI assist (Forge LLMs); asked only when the admin switched it on. */
  assist?: { model: TriageAssistModel; usage: AiAssistUsageStore };
}

export type StatusChangeEvent = z.infer<typeof statusChangeEventSchema>;
export type CommentEvent = z.infer<typeof commentEventSchema>;

export interface DeletedIssueEvent {
  issueId: string;
  issueKey: string;
  actorAccountId: string;
}

export type SyncOutcome = { handled: boolean; note: string };

/** Long enough to outlive Forge's redeliveries (retries span minutes to hours), short enough to expire. */
export const SEEN_TTL_SECONDS = 7 * 24 * 3600;
/** Comment pages read for a closure: the oldest page and the newest page bound the work. */
const COMMENT_PAGE = 100;

function changeKey(event: StatusChangeEvent): string {
  return `${event.issueId}:${event.changelogId}`;
}

/**
 * Cheap relevance check a trigger can afford (KVS reads only): is this status change new, on a
 * linked issue, and not the echo of the app's own write?
 */
export async function isRelevantStatusChange(
  deps: Pick<JiraSyncDeps, 'links' | 'syncState'>,
  event: StatusChangeEvent,
): Promise<{ relevant: true; link: FindingLink } | { relevant: false; note: string }> {
  if (event.from === event.to) return { relevant: false, note: 'status did not change' };
  if (await deps.syncState.hasSeen('issue-change', changeKey(event))) {
    return { relevant: false, note: 'duplicate delivery' };
  }
  const link = await deps.links.getByIssueId(event.issueId);
  if (link === undefined) return { relevant: false, note: 'issue is not linked to a finding' };
  if (event.to !== null && event.to === link.lastWritten.jiraStatusId) {
    return { relevant: false, note: 'echo of the status the app wrote' };
  }
  return { relevant: true, link };
}

export async function syncStatusChange(
  deps: JiraSyncDeps,
  event: StatusChangeEvent,
  link: FindingLink,
): Promise<SyncOutcome> {
  const issue = await deps.jira.getIssue(event.issueId, ['status', 'resolution']);
  const current = readStatus(issue.fields['status']);
  const done = async (note: string, updated?: FindingLink): Promise<SyncOutcome> => {
    if (updated) await deps.links.save(updated);
    await deps.syncState.markSeen('issue-change', changeKey(event), SEEN_TTL_SECONDS);
    return { handled: updated !== undefined, note };
  };
  // A person changed the status, so an older "the app wrote this" no longer describes Jira.
  const fresh: FindingLink = { ...link, lastWritten: withoutJiraStatus(link.lastWritten) };
  if (current === undefined || current.id !== event.to) {
    // Events arrive out of order: act on what Jira says now, which a later event will also carry.
    return done(`superseded: the issue is now in ${current?.name ?? 'an unknown status'}`);
  }
  const fromCategory =
    event.from === null ? undefined : (await deps.jira.getStatus(event.from)).statusCategory.key;
  // An adopted issue's current status is synced as entered (never as a reopen: it was created open).
  const change =
    event.reconcile === true
      ? current.category === 'done'
        ? 'entered_done'
        : 'outside_done'
      : statusCategoryChange({ field: 'status', from: event.from, to: event.to }, (id) =>
          id === current.id ? current.category : id === event.from ? fromCategory : undefined,
        );
  if (change === 'entered_done') {
    const resolution = readResolution(issue.fields['resolution']);
    const updated = await applyClosure(deps, fresh, {
      issueKey: event.issueKey,
      status: current,
      resolution,
      actor: event.actorAccountId,
      trigger: 'transition',
    });
    return done(updated.note, updated.link);
  }
  if (change === 'left_done') {
    const updated = await applyReopen(deps, fresh, event, current.name);
    return done(updated.note, updated.link);
  }
  return done(
    `no done-category change (${change})`,
    fresh.lastWritten === link.lastWritten ? undefined : fresh,
  );
}

function withoutJiraStatus(lastWritten: FindingLink['lastWritten']): FindingLink['lastWritten'] {
  if (lastWritten.jiraStatusId === undefined) return lastWritten;
  const { jiraStatusId: _dropped, ...rest } = lastWritten;
  return rest;
}

interface ClosureInput {
  issueKey: string;
  status: { id: string; name: string; category: string };
  resolution: string | null;
  actor: string;
  trigger: 'transition' | 'comment';
}

async function applyClosure(
  deps: JiraSyncDeps,
  link: FindingLink,
  input: ClosureInput,
): Promise<{ link: FindingLink; note: string }> {
  const session = await deps.openZeroPath();
  const sync = session.config.sync;
  const comments = sync.commentTriage ? await readTriageComments(deps.jira, link.issueId) : [];
  const triageInput: TriageInput = {
    status: { name: input.status.name, category: input.status.category },
    resolution: input.resolution,
    commentSyncEnabled: sync.commentTriage,
    comments,
    resolutionMapping: sync.resolutionMapping,
    issueKey: input.issueKey,
  };
  const ruled = triageClosure(triageInput);
  const result =
    ruled.undecided === true && sync.commentTriage && sync.aiAssist.enabled
      ? await assistClosure(deps, triageInput, ruled, sync.aiAssist.dailyCap)
      : ruled;
  const at = deps.now().toISOString();
  const decision: ClosureDecision = {
    decision: result.decision,
    confidence: result.confidence,
    explanation: result.evidence.explanation,
    decidedAt: at,
    ...(result.evidence.phrase === undefined ? {} : { phrase: result.evidence.phrase }),
    ...(result.evidence.commentId === undefined ? {} : { commentId: result.evidence.commentId }),
    ...(input.resolution === null ? {} : { resolution: input.resolution }),
  };
  const evidence = describeEvidence(decision);
  const audit = (entry: Omit<AuditEntry, 'at' | 'findingId' | 'issueKey' | 'source' | 'evidence'>) =>
    deps.links.appendAudit({
      at,
      findingId: link.findingId,
      issueKey: input.issueKey,
      source: 'jira',
      evidence,
      ...entry,
    });

  if (result.decision === 'skip') {
    if (input.trigger === 'comment' && link.lastClosure?.decision === 'skip') {
      return { link: { ...link, lastClosure: decision }, note: 'closure still skipped' };
    }
    await audit({
      actor: input.actor,
      action: 'closure-skipped',
      detail: `ZeroPath left unchanged. ${decision.explanation}`,
    });
    return { link: { ...link, lastClosure: decision }, note: 'closure skipped' };
  }
  if (input.trigger === 'comment' && link.lastClosure?.decision === result.decision) {
    return { link: { ...link, lastClosure: decision }, note: 'closure decision unchanged' };
  }

  const finding = await session.client.getFinding(link.findingId);
  const writtenByApp = finding.status === link.lastWritten.zeropathStatus;
  if (!isOpenStatus(finding.status) && !writtenByApp) {
    // ZeroPath's own triage (a rescan, a person in ZeroPath) is more specific than a Jira closure.
    await audit({
      actor: input.actor,
      action: 'closure-not-applied',
      from: finding.status,
      to: result.decision,
      detail: `The finding is already ${STATUS_LABEL[finding.status]} in ZeroPath, set there; the Jira closure does not override it.`,
    });
    return {
      link: withSnapshotStatus({ ...link, lastClosure: decision }, finding.status),
      note: 'already closed in ZeroPath',
    };
  }
  if (finding.status === result.decision) {
    return { link: { ...link, lastClosure: decision }, note: 'ZeroPath already agrees' };
  }
  let change;
  try {
    change = await session.client.updateStatus(
      [link.findingId],
      V2_STATUS_OF_OUTCOME[result.decision],
      describeClosureReason(input.issueKey, result),
    );
  } catch (error) {
    if (!(error instanceof ZeroPathUnsupportedError)) throw error;
    // This ZeroPath cannot record the decision: say so once in the audit trail and keep Jira as it is.
    await audit({
      actor: input.actor,
      action: 'closure-unsupported',
      from: finding.status,
      to: result.decision,
      detail: error.message,
    });
    return { link: { ...link, lastClosure: decision }, note: 'not supported by this ZeroPath' };
  }
  await audit({
    actor: input.actor,
    action: input.trigger === 'comment' ? 'closure-retriaged' : 'closure-applied',
    from: finding.status,
    to: result.decision,
    detail:
      change.via === 'v1'
        ? `${decision.explanation} ${fallbackNote(change.operation)}`
        : decision.explanation,
  });
  const written: FindingLink = {
    ...link,
    lastClosure: decision,
    lastWritten: { ...link.lastWritten, zeropathStatus: result.decision, at },
  };
  return { link: withSnapshotStatus(written, result.decision), note: `ZeroPath set to ${result.decision}` };
}

/**
 * The optional AI assist, for closures the rules left undecided only. The answer is checked in
 * core (verbatim human quote, same conflict rules); any failure, error or spent cap keeps the
 * rules' skip. The daily cap writes a Health note, so admins see why assists stopped.
 */
async function assistClosure(
  deps: JiraSyncDeps,
  input: TriageInput,
  ruled: TriageResult,
  dailyCap: number,
): Promise<TriageResult> {
  if (deps.assist === undefined) return ruled;
  const day = deps.now().toISOString().slice(0, 10);
  if (!(await deps.assist.usage.tryTake(day, dailyCap))) {
    await deps.health.recordRun('ai-assist', {
      ok: false,
      message: `Daily AI-assist cap of ${dailyCap} model calls reached for ${day}; undecided closures are skipped until tomorrow (UTC).`,
    });
    return withNote(ruled, `AI assist not asked: the daily cap of ${dailyCap} calls is reached.`);
  }
  let text: string;
  try {
    text = await deps.assist.model.ask(buildAssistPrompt(input));
  } catch (error) {
    const message = errorMessage(error);
    await deps.health.recordRun('ai-assist', {
      ok: false,
      message: `Model call failed: ${redactSecrets(message, { mode: 'detect' }).text}`,
    });
    return withNote(ruled, 'AI assist failed to answer.');
  }
  await deps.health.recordRun('ai-assist', { ok: true });
  const parsed = parseAssistAnswer(text);
  if (!parsed.ok) return withNote(ruled, `AI assist answer unusable: ${parsed.reason}.`);
  const checked = checkAssistAnswer(parsed.answer, input);
  return checked.decision === 'skip' ? withNote(ruled, checked.evidence.explanation) : checked;
}

function withNote(result: TriageResult, note: string): TriageResult {
  return {
    ...result,
    evidence: { ...result.evidence, explanation: `${result.evidence.explanation} ${note}` },
  };
}

async function applyReopen(
  deps: JiraSyncDeps,
  link: FindingLink,
  event: StatusChangeEvent,
  statusName: string,
): Promise<{ link: FindingLink; note: string }> {
  const session = await deps.openZeroPath();
  const finding = await session.client.getFinding(link.findingId);
  if (isOpenStatus(finding.status)) {
    return { link: withSnapshotStatus(link, finding.status), note: 'finding already open in ZeroPath' };
  }
  const at = deps.now().toISOString();
  try {
    await session.client.updateStatus(
      [link.findingId],
      REOPEN_V2_STATUS,
      `Jira ${event.issueKey} was reopened (moved to "${statusName}"), so the finding needs work again.`,
    );
  } catch (error) {
    if (!(error instanceof ZeroPathUnsupportedError)) throw error;
    await deps.links.appendAudit({
      at,
      findingId: link.findingId,
      issueKey: event.issueKey,
      actor: event.actorAccountId,
      source: 'jira',
      action: 'reopen-unsupported',
      from: finding.status,
      to: 'open',
      detail: error.message,
    });
    return { link, note: 'reopen not supported by this ZeroPath' };
  }
  await deps.links.appendAudit({
    at,
    findingId: link.findingId,
    issueKey: event.issueKey,
    actor: event.actorAccountId,
    source: 'jira',
    action: 'reopened',
    from: finding.status,
    to: 'open',
    detail: `Issue moved out of done to "${statusName}".`,
  });
  const written: FindingLink = { ...link, lastWritten: { ...link.lastWritten, zeropathStatus: 'open', at } };
  return { link: withSnapshotStatus(written, 'open'), note: 'ZeroPath reopened' };
}

/** Why the audit says something other than the exact status: a V1 action stood in for a missing V2 operation. */
function fallbackNote(action: string): string {
  return `Sent with ZeroPath's V1 ${action} action (this ZeroPath publishes no V2 operation for it); the reason stays in Jira.`;
}

function withSnapshotStatus(link: FindingLink, status: FindingStatus): FindingLink {
  return link.snapshot.status === status ? link : { ...link, snapshot: { ...link.snapshot, status } };
}

function describeEvidence(decision: ClosureDecision): string {
  const parts = [`decision ${decision.decision} (confidence ${decision.confidence.toFixed(2)})`];
  if (decision.phrase !== undefined) parts.push(`phrase "${decision.phrase}"`);
  if (decision.commentId !== undefined) parts.push(`comment ${decision.commentId}`);
  if (decision.resolution !== undefined) parts.push(`resolution "${decision.resolution}"`);
  return parts.join('; ');
}

/**
 * The comments closure triage reads: the first page and, on a long thread, the newest page. The
 * classifier weighs the latest human word most, and two pages bound the cost of any thread.
 */
async function readTriageComments(jira: JiraClient, issueId: string): Promise<TriageComment[]> {
  const first = await jira.getComments(issueId, 0);
  const pages = [first];
  if (first.total > COMMENT_PAGE)
    pages.push(await jira.getComments(issueId, Math.max(COMMENT_PAGE, first.total - COMMENT_PAGE)));
  const comments: TriageComment[] = [];
  for (const comment of pages.flatMap((page) => page.comments)) {
    const parsed = triageCommentSchema.safeParse({
      id: comment.id,
      author: {
        accountId: comment.author?.accountId ?? 'unknown',
        ...(comment.author?.displayName === undefined ? {} : { displayName: comment.author.displayName }),
        accountType: comment.author?.accountType ?? 'atlassian',
      },
      created: comment.created,
      body: comment.body,
    });
    // A comment whose body is not ADF carries nothing the classifier can read.
    if (parsed.success) comments.push(parsed.data);
  }
  return comments;
}

function readStatus(raw: unknown): { id: string; name: string; category: string } | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const status = raw as { id?: unknown; name?: unknown; statusCategory?: { key?: unknown } };
  if (typeof status.id !== 'string' || typeof status.statusCategory?.key !== 'string') return undefined;
  return {
    id: status.id,
    name: typeof status.name === 'string' ? status.name : status.id,
    category: status.statusCategory.key,
  };
}

function readResolution(raw: unknown): string | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const name = (raw as { name?: unknown }).name;
  return typeof name === 'string' ? name : null;
}

/**
 * A human comment, created or edited: re-triage a closed issue when the thread now says something
 * else, and mirror the comment into the finding's note when an admin switched that on.
 */
function commentKey(event: CommentEvent): string {
  return `${event.comment.id}:${event.comment.updated}`;
}

/** Cheap relevance check for a comment event (KVS reads only). */
export async function isRelevantComment(
  deps: Pick<JiraSyncDeps, 'links' | 'syncState'>,
  event: CommentEvent,
): Promise<{ relevant: true; link: FindingLink } | { relevant: false; note: string }> {
  // The app's own comments never count (triage rule 1) and are never mirrored back. Events carry
  // no account type (users are { accountId } only), so the app's author is recognised in the
  // consumer from Jira; this is only a shortcut for a payload that does say it.
  if (event.comment.author.accountType === 'app') return { relevant: false, note: 'app comment' };
  if (await deps.syncState.hasSeen('comment', commentKey(event)))
    return { relevant: false, note: 'duplicate delivery' };
  const link = await deps.links.getByIssueId(event.issueId);
  if (link === undefined) return { relevant: false, note: 'issue is not linked to a finding' };
  return { relevant: true, link };
}

export async function syncComment(
  deps: JiraSyncDeps,
  event: CommentEvent,
  link: FindingLink,
): Promise<SyncOutcome> {
  const key = commentKey(event);
  const config = await deps.readConfig();
  const notes: string[] = [];
  let updated = link;
  if (!config.sync.mirrorComments && !config.sync.commentTriage) {
    await deps.syncState.markSeen('comment', key, SEEN_TTL_SECONDS);
    return { handled: false, note: 'nothing to do' };
  }
  // Forge's comment event names the author by accountId only: who wrote it (a person or the
  // app) and their display name come from Jira.
  const stored = await deps.jira.getComment(event.issueId, event.comment.id);
  if (stored === undefined) {
    await deps.syncState.markSeen('comment', key, SEEN_TTL_SECONDS);
    return { handled: false, note: 'comment no longer exists' };
  }
  if (stored.author?.accountType === 'app') {
    await deps.syncState.markSeen('comment', key, SEEN_TTL_SECONDS);
    return { handled: false, note: 'app comment' };
  }
  const displayName = stored.author?.displayName;
  if (config.sync.mirrorComments) {
    const session = await deps.openZeroPath();
    try {
      await session.client.updateNotes(link.findingId, mirroredNote(event, displayName));
      notes.push('mirrored to the ZeroPath note');
    } catch (error) {
      if (!(error instanceof ZeroPathUnsupportedError)) throw error;
      await deps.links.appendAudit({
        at: deps.now().toISOString(),
        findingId: link.findingId,
        issueKey: event.issueKey,
        actor: event.comment.author.accountId,
        source: 'jira',
        action: 'note-unsupported',
        detail: error.message,
      });
      notes.push('note not mirrored (not supported by this ZeroPath)');
    }
  }
  if (config.sync.commentTriage && event.statusCategory === 'done') {
    const issue = await deps.jira.getIssue(event.issueId, ['status', 'resolution']);
    const status = readStatus(issue.fields['status']);
    if (status?.category === 'done') {
      const result = await applyClosure(deps, link, {
        issueKey: event.issueKey,
        status,
        resolution: readResolution(issue.fields['resolution']),
        actor: event.comment.author.accountId,
        trigger: 'comment',
      });
      updated = result.link;
      notes.push(result.note);
    }
  }
  if (updated !== link) await deps.links.save(updated);
  await deps.syncState.markSeen('comment', key, SEEN_TTL_SECONDS);
  return { handled: notes.length > 0, note: notes.join('; ') || 'nothing to do' };
}

/** One note per finding in ZeroPath: it holds the latest human Jira comment, attributed and redacted. */
function mirroredNote(event: CommentEvent, displayName: string | undefined): string {
  const who = displayName ?? event.comment.author.accountId;
  const edited = event.comment.updated !== event.comment.created ? ' (edited)' : '';
  const header = `Jira ${event.issueKey} — comment by ${who}${edited}, ${event.comment.updated}:\n`;
  const text = header + redactSecrets(event.comment.prose, { mode: 'detect' }).text;
  return text.length <= MAX_NOTES_LENGTH ? text : `${text.slice(0, MAX_NOTES_LENGTH - 3)}...`;
}

/** The issue is gone: the link goes too (the finding may be exported again), and the trail says so. */
export async function syncDeletedIssue(
  deps: Pick<JiraSyncDeps, 'links' | 'now'>,
  event: DeletedIssueEvent,
): Promise<SyncOutcome> {
  const link = await deps.links.getByIssueId(event.issueId);
  if (link === undefined) return { handled: false, note: 'issue was not linked' };
  await deps.links.remove(link);
  await deps.links.appendAudit({
    at: deps.now().toISOString(),
    findingId: link.findingId,
    issueKey: event.issueKey,
    actor: event.actorAccountId,
    source: 'jira',
    action: 'unlinked',
    detail: `Jira issue ${event.issueKey} was deleted; the finding can be exported again.`,
  });
  return { handled: true, note: 'link removed' };
}
