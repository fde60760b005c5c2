import { type CapabilityCache } from '../../infra/zeropath/zeropath-capabilities';
import { doc, mention, paragraph, text } from '@atlaskit/adf-utils/builders';
import { isOpenStatus, type Finding, type FindingStatus } from '../../core/finding/finding';
import { type AuditEntry, type FindingLink, type RiskAcceptance } from '../../core/link/finding-link';
import { redactFinding } from '../../core/redaction/redact-finding';
import { redactSecrets } from '../../core/redaction/redact-secrets';
import { buildIssueProperty, ZEROPATH_ISSUE_PROPERTY_KEY } from '../../core/ticket/zeropath-issue-property';
import { type ActionResult, type LinkedPanelView, type PanelView } from '../../contract/panel';
import { type JiraClient } from '../../infra/jira/jira-client';
import { type ConfigStore } from '../../infra/store/config-store';
import { type CredentialsStore } from '../../infra/store/credentials-store';
import { type LinkStore } from '../../infra/store/link-store';
import { type IssuePermissionStore } from '../../infra/store/issue-permission-store';
import { type RiskExpiryStore } from '../../infra/store/risk-expiry-store';
import { ZeroPathNotFoundError } from '../../infra/zeropath/zeropath-errors';
import { type FetchLike } from '../../infra/zeropath/zeropath-http';
import { NotConnectedError, openZeroPath, type ZeroPathSession } from '../connection/zeropath-access';
import { moveLinkedIssue } from '../sync/move-linked-issue';
import { parseFindingReference } from './finding-reference';
import { snapshotFromFinding } from './finding-snapshot';
import { requireBrowse, requireBrowseLive, requireEdit, type PanelCaller } from './issue-access';
import { describeSecurityTeam, isSecurityTeamMember } from '../access/security-team';
import { SECOND_APPROVAL_SEVERITIES } from '../../core/config/security-team';
import { readRepoTags } from '../auto-ticket/plan-auto-tickets';
import { scopeCovers } from '../../core/rules/repository-scope';
import { PanelForbiddenError } from './panel-errors';
import { PanelConflictError, PanelInputError, PanelNotLinkedError } from './panel-errors';
import { linkedPanelView, PANEL_AUDIT_LIMIT } from './panel-view';
import { REOPEN_V2_STATUS, STATUS_LABEL } from '../sync/sync-messages';
import { errorMessage } from '../../core/error-message';

export interface PanelDeps {
  links: LinkStore;
  /** The date index of time-limited accepted risk, read by the scheduled expiry step. */
  riskExpiry: RiskExpiryStore;
  permissions: IssuePermissionStore;
  config: ConfigStore;
  credentials: CredentialsStore;
  zeroPathFetch: FetchLike;
  capabilityCache?: CapabilityCache;
  jiraAsUser: () => JiraClient;
  jiraAsApp: () => JiraClient;
  now: () => Date;
}

/** Secrets never reach Jira: free text a person types passes the same detector as ZeroPath's. */
function safeText(value: string): string {
  return redactSecrets(value, { mode: 'detect' }).text;
}

/** Connected = a token and an organisation are stored. KVS only: no call to ZeroPath. */
async function isConnected(deps: PanelDeps): Promise<boolean> {
  const [config, credentials] = await Promise.all([deps.config.read(), deps.credentials.read()]);
  return credentials !== undefined && config.connection.organizationId !== undefined;
}

async function viewOf(
  deps: PanelDeps,
  link: FindingLink,
  canEdit: boolean,
  connected: boolean,
): Promise<LinkedPanelView> {
  const audit = await deps.links.listAudit(link.findingId, PANEL_AUDIT_LIMIT);
  return linkedPanelView({ link, audit, canEdit, connected, now: deps.now() });
}

/**
 * Opens the panel: KVS only (link, audit trail, connection flags, the cached permission), so it
 * answers at KVS speed and never waits for ZeroPath. A stale snapshot is flagged for the panel to
 * refresh in the background.
 */
export async function loadPanel(deps: PanelDeps, caller: PanelCaller): Promise<PanelView> {
  const { canEdit } = await requireBrowse(deps, caller);
  const [link, connected] = await Promise.all([deps.links.getByIssueId(caller.issueId), isConnected(deps)]);
  if (link !== undefined) return viewOf(deps, link, canEdit, connected);
  if (!connected) return { state: 'not_connected', issueKey: caller.issueKey };
  return { state: 'not_linked', issueKey: caller.issueKey, canEdit };
}

async function requireLink(deps: PanelDeps, caller: PanelCaller): Promise<FindingLink> {
  const link = await deps.links.getByIssueId(caller.issueId);
  // The link store only answers a link this issue owns; checked again here because everything
  // below acts on the finding with the caller's rights on *this* issue.
  if (link === undefined || link.issueId !== caller.issueId) throw new PanelNotLinkedError();
  return link;
}

/** Stores a fresh snapshot; the link's other fields (lastWritten, closure, due date) are kept. */
async function storeSnapshot(deps: PanelDeps, link: FindingLink, finding: Finding): Promise<FindingLink> {
  const updated: FindingLink = {
    ...link,
    snapshot: snapshotFromFinding(finding),
    snapshotAt: deps.now().toISOString(),
  };
  await deps.links.save(updated);
  return updated;
}

/** Re-reads the finding from ZeroPath into the snapshot; a status change seen this way is audited. */
export async function refreshPanel(deps: PanelDeps, caller: PanelCaller): Promise<LinkedPanelView> {
  // Refresh calls ZeroPath: asked of Jira live, never from cache. Permission first, so a caller
  // who may not see the issue learns nothing, not even whether it is linked; the link is then
  // one this issue owns (requireLink), so the check was on the issue that owns the link.
  const { canEdit } = await requireBrowseLive(deps, caller);
  const link = await requireLink(deps, caller);
  const session = await openZeroPath({
    config: deps.config,
    credentials: deps.credentials,
    fetch: deps.zeroPathFetch,
    ...(deps.capabilityCache === undefined ? {} : { capabilityCache: deps.capabilityCache }),
  });
  const finding = await session.client.getFinding(link.findingId);
  const updated = await storeSnapshot(deps, link, finding);
  if (finding.status !== link.snapshot.status) {
    await deps.links.appendAudit({
      at: deps.now().toISOString(),
      findingId: link.findingId,
      issueKey: caller.issueKey,
      actor: 'zeropath',
      source: 'zeropath',
      action: 'status_seen',
      from: link.snapshot.status,
      to: finding.status,
      detail: 'Seen when the issue panel refreshed from ZeroPath.',
    });
  }
  return viewOf(deps, updated, canEdit, true);
}

/**
 * False positive and accepted risk from the panel close a finding for everyone: the admin setting
 * says who may (default: the security team; or anyone who may edit the issue).
 */
async function requireTriageRight(deps: PanelDeps): Promise<void> {
  const { security } = await deps.config.read();
  if (security.panelTriage === 'issue_editors') return;
  if (await isSecurityTeamMember(deps.jiraAsUser, security)) return;
  throw new PanelForbiddenError(
    `Only ${describeSecurityTeam(security)} may mark a finding false positive or accept its risk from the issue panel. Ask them, or reopen the discussion in a comment.`,
  );
}

/**
 * The optional four-eyes rule: on a Critical or High finding, a false positive or accepted risk
 * from the panel is applied only when a second security-team member asks for the same decision.
 * The first request is recorded on the link (and audited) and changes nothing else; the same
 * person asking again is refused; any other decision or a reopen clears it.
 */
async function awaitSecondApprover(
  deps: PanelDeps,
  caller: PanelCaller,
  link: FindingLink,
  spec: TriageSpec,
): Promise<ActionResult | undefined> {
  if (spec.action === 'reopened') return undefined;
  const { security } = await deps.config.read();
  const severe = (SECOND_APPROVAL_SEVERITIES as readonly string[]).includes(link.snapshot.severity);
  if (!security.secondApprover || !severe) return undefined;
  const pending = link.pendingApproval;
  const until = spec.acceptance?.until;
  if (pending !== undefined && pending.action === spec.action && pending.until === until) {
    if (pending.requestedBy === caller.accountId) {
      throw new PanelConflictError(
        `You already asked for this; a second member of the security team must confirm it (${link.snapshot.severity} finding).`,
      );
    }
    return undefined;
  }
  const at = deps.now().toISOString();
  const waiting: FindingLink = {
    ...link,
    pendingApproval: {
      action: spec.action,
      requestedBy: caller.accountId,
      requestedAt: at,
      ...(until === undefined ? {} : { until }),
    },
  };
  await deps.links.save(waiting);
  await deps.links.appendAudit({
    at,
    findingId: link.findingId,
    issueKey: link.issueKey,
    actor: caller.accountId,
    source: 'jira',
    action: 'approval_requested',
    to: spec.action,
    ...(spec.detail === undefined ? {} : { detail: spec.detail }),
  });
  const what = spec.action === 'false_positive' ? 'false positive' : 'accepted risk';
  return {
    message: `Asked for ${what}: a second member of the security team must confirm it before ZeroPath changes (${link.snapshot.severity} finding).`,
    warnings: [],
    view: await viewOf(deps, waiting, true, true),
  };
}

interface TriageSpec {
  action: 'false_positive' | 'accepted_risk' | 'reopened';
  /** Refuses when the finding is already where the action would take it. */
  refuseWhen: (status: FindingStatus) => string | undefined;
  apply: (session: ZeroPathSession, findingId: string) => Promise<void>;
  detail: string | undefined;
  /** A dated accepted-risk exception this action starts; every other triage ends any earlier one. */
  acceptance?: RiskAcceptance;
  /** The sentence the Jira comment and the success message share. */
  summary: (who: 'you' | 'jira') => string;
}

/**
 * Applies one triage decision to ZeroPath, then records it on the link and the audit trail, moves
 * the Jira issue the way the sync rules say (the same choice the status sweep makes) and reflects
 * the decision on the issue.
 */
async function triage(deps: PanelDeps, caller: PanelCaller, spec: TriageSpec): Promise<ActionResult> {
  await requireEdit(deps, caller);
  const link = await requireLink(deps, caller);
  if (spec.action !== 'reopened') {
    await requireTriageRight(deps);
    const waiting = await awaitSecondApprover(deps, caller, link, spec);
    if (waiting !== undefined) return waiting;
  }
  const session = await openZeroPath({
    config: deps.config,
    credentials: deps.credentials,
    fetch: deps.zeroPathFetch,
    ...(deps.capabilityCache === undefined ? {} : { capabilityCache: deps.capabilityCache }),
  });
  // The snapshot may be old: decide on ZeroPath's current status, not on what the panel showed.
  const before = await session.client.getFinding(link.findingId);
  const refusal = spec.refuseWhen(before.status);
  if (refusal !== undefined) {
    await storeSnapshot(deps, link, before);
    throw new PanelConflictError(refusal);
  }
  // Recorded before ZeroPath changes, so no accepted exception can miss its end, even if this
  // invocation dies right after the write. Kept when the write fails too (a timeout may still have
  // reached ZeroPath): on the day, the expiry step finds the finding not accepted and only drops it.
  if (spec.acceptance !== undefined) {
    await deps.riskExpiry.add({ findingId: link.findingId, until: spec.acceptance.until });
    await deps.links.save({ ...link, acceptedRisk: spec.acceptance });
  }
  await spec.apply(session, link.findingId);
  const after = await session.client.getFinding(link.findingId);
  const at = deps.now().toISOString();
  const { acceptedRisk: ended, pendingApproval: _decided, ...unaccepted } = link;
  // Saved before Jira is touched: ZeroPath's new status is the app's own write from this moment,
  // so the status sweep reads it as an echo even if the Jira step below fails half-way.
  const written: FindingLink = {
    ...unaccepted,
    ...(spec.acceptance === undefined ? {} : { acceptedRisk: spec.acceptance }),
    snapshot: snapshotFromFinding(after),
    snapshotAt: at,
    lastWritten: { ...link.lastWritten, zeropathStatus: after.status, at },
  };
  await deps.links.save(written);
  // A decision replaces an earlier dated exception: its index entry must not reopen this one.
  if (ended !== undefined && ended.until !== spec.acceptance?.until) {
    await deps.riskExpiry.remove({ findingId: link.findingId, until: ended.until });
  }
  const entry: AuditEntry = {
    at,
    findingId: link.findingId,
    issueKey: caller.issueKey,
    actor: caller.accountId,
    source: 'jira',
    action: spec.action,
    from: before.status,
    to: after.status,
  };
  if (spec.detail !== undefined) entry.detail = spec.detail;
  await deps.links.appendAudit(entry);
  const move = await followOnJira(deps, caller, written, before.status, after);
  const warnings = [
    ...(move.warning === undefined ? [] : [move.warning]),
    ...(await reflectOnJira(deps, caller, after, spec.summary('jira'), move.note)),
  ];
  const message =
    move.note === undefined ? spec.summary('you') : `${withFullStop(spec.summary('you'))} ${move.note}`;
  return { message, warnings, view: await viewOf(deps, move.link, true, true) };
}

interface JiraFollow {
  link: FindingLink;
  /** Said in the result and the issue comment when the issue moved. */
  note?: string;
  /** Said when it should have moved and did not; the action itself still succeeded. */
  warning?: string;
}

/**
 * Moves the issue with the workflow's own transitions (moveLinkedIssue: cancellation-like done
 * preferred for false positive and accepted risk, a to-do status for reopen, a fitting
 * resolution), as the person who triaged: they decided it, and Jira checks that they may move it.
 * The transition's status is stored as the app's last Jira write, the trigger's echo guard behind
 * ignoreSelf. ZeroPath has already changed, so a refusal or a workflow without a fitting
 * transition is a warning (and an audit entry), never a failure that invites a second triage.
 */
async function followOnJira(
  deps: PanelDeps,
  caller: PanelCaller,
  link: FindingLink,
  from: FindingStatus,
  finding: Finding,
): Promise<JiraFollow> {
  const at = deps.now().toISOString();
  const audit = (action: string, detail: string) =>
    deps.links.appendAudit({
      at,
      findingId: link.findingId,
      issueKey: caller.issueKey,
      actor: caller.accountId,
      source: 'app',
      action,
      from,
      to: finding.status,
      detail,
    });
  let moved;
  try {
    moved = await moveLinkedIssue(deps.jiraAsUser(), {
      issueId: caller.issueId,
      from,
      to: finding.status,
      findingUrl: finding.url,
      comment: false,
    });
  } catch (error) {
    await audit('jira-sync-failed', describe(error));
    return {
      link,
      warning: `Jira did not move the issue (${describe(error)}). Move it by hand if it should follow.`,
    };
  }
  if (moved.outcome === 'already_there') return { link };
  if (moved.outcome === 'no_fitting_transition') {
    await audit('jira-transition-missing', moved.explanation);
    return {
      link,
      warning: `The issue was not moved: ${moved.explanation} Move it by hand, or ask a Jira admin to add a fitting transition.`,
    };
  }
  const updated: FindingLink = {
    ...link,
    lastWritten: { ...link.lastWritten, jiraStatusId: moved.toStatusId, at },
  };
  await deps.links.save(updated);
  await audit('jira-transitioned', moved.explanation);
  return { link: updated, note: `The issue moved: ${moved.explanation}` };
}

/**
 * What the Jira issue shows of the decision: the JQL-searchable `zeropath` property gets the new
 * status, and a comment says who decided what and why. Written as the app, whose own comments the
 * closure triage never counts. ZeroPath has already changed by now, so a Jira failure is reported
 * as a warning with the success, not as a failure that would invite a second, duplicate triage.
 */
async function reflectOnJira(
  deps: PanelDeps,
  caller: PanelCaller,
  finding: Finding,
  sentence: string,
  moveNote?: string,
): Promise<string[]> {
  const jira = deps.jiraAsApp();
  const warnings: string[] = [];
  try {
    await jira.setIssueProperty(
      caller.issueId,
      ZEROPATH_ISSUE_PROPERTY_KEY,
      buildIssueProperty(redactFinding(finding)),
    );
  } catch (error) {
    warnings.push(
      `The issue's ZeroPath status field could not be updated (${describe(error)}); a refresh will retry it.`,
    );
  }
  try {
    await jira.addComment(
      caller.issueId,
      doc(
        // Names the person who acted (a mention Jira renders as their name) before what they did and why.
        paragraph(text('ZeroPath for Jira: '), mention({ id: caller.accountId }), text(` ${sentence}`)),
        ...(moveNote === undefined ? [] : [paragraph(text(moveNote))]),
      ),
    );
  } catch (error) {
    warnings.push(`The comment on the issue could not be added (${describe(error)}).`);
  }
  return warnings;
}

/** A reason typed without a full stop still reads as a sentence when another follows it. */
function withFullStop(sentence: string): string {
  return /[.!?…]$/.test(sentence) ? sentence : `${sentence}.`;
}

function describe(error: unknown): string {
  return errorMessage(error);
}

export function markFalsePositive(
  deps: PanelDeps,
  caller: PanelCaller,
  reason: string,
): Promise<ActionResult> {
  const why = safeText(reason);
  return triage(deps, caller, {
    action: 'false_positive',
    refuseWhen: (s) =>
      s === 'false_positive' ? 'This finding is already marked as a false positive in ZeroPath.' : undefined,
    // V1 has a documented false-positive action; its body has no reason, so the reason lives in
    // the audit trail and the Jira comment.
    apply: (session, id) => session.client.markFalsePositive(id),
    detail: why,
    summary: (who) =>
      who === 'jira'
        ? `marked the ZeroPath finding as a false positive from this issue's panel. Reason: ${why}`
        : `Marked as a false positive in ZeroPath. Reason: ${why}`,
  });
}

export function acceptRisk(
  deps: PanelDeps,
  caller: PanelCaller,
  input: { reason: string; until?: string | undefined },
): Promise<ActionResult> {
  const why = safeText(input.reason);
  const today = deps.now().toISOString().slice(0, 10);
  if (input.until !== undefined && input.until <= today) {
    return Promise.reject(new PanelInputError('Choose a date after today, or leave it empty.', 'until'));
  }
  // ZeroPath has no expiry for accepted risk: the date travels in the reason and the audit trail,
  // and the app ends the exception itself on that day (expireRiskAcceptances).
  const detail = input.until === undefined ? why : `${why} (accepted until ${input.until})`;
  return triage(deps, caller, {
    ...(input.until === undefined
      ? {}
      : {
          acceptance: {
            until: input.until,
            acceptedAt: deps.now().toISOString(),
            acceptedBy: caller.accountId,
          },
        }),
    action: 'accepted_risk',
    refuseWhen: (s) =>
      s === 'accepted_risk' ? 'This finding’s risk is already accepted in ZeroPath.' : undefined,
    apply: async (session, id) => {
      await session.client.updateStatus([id], 'ACCEPTED_RISK', detail);
    },
    detail,
    summary: (who) =>
      `${who === 'jira' ? "accepted the finding's risk in ZeroPath from this issue's panel" : 'Risk accepted in ZeroPath'}${input.until ? ` until ${input.until}` : ''}. Reason: ${why}`,
  });
}

export function reopenFinding(
  deps: PanelDeps,
  caller: PanelCaller,
  reason: string | undefined,
): Promise<ActionResult> {
  const why = reason === undefined || reason === '' ? undefined : safeText(reason);
  return triage(deps, caller, {
    action: 'reopened',
    refuseWhen: (s) =>
      isOpenStatus(s) ? `This finding is already ${STATUS_LABEL[s]} in ZeroPath.` : undefined,
    apply: async (session, id) => {
      await session.client.updateStatus([id], REOPEN_V2_STATUS, why);
    },
    detail: why,
    summary: (who) =>
      `${who === 'jira' ? "reopened the ZeroPath finding from this issue's panel" : 'Reopened in ZeroPath'}${why ? `. Reason: ${why}` : '.'}`,
  });
}

const ALREADY_LINKED = 'That finding is already linked to another Jira issue.';

function notLinkable(findingId: string): string {
  return `Finding ${findingId} cannot be linked here: ZeroPath has no such finding, or it is not one you may link to this issue (its repository is not sent to this project by an auto-ticketing rule; the security team can link any finding).`;
}

/** Does an enabled auto-ticketing rule send this finding's repository to the caller's project? */
async function repositoryMapsToProject(
  session: ZeroPathSession,
  caller: PanelCaller,
  finding: Finding,
): Promise<boolean> {
  if (caller.projectId === undefined) return false;
  const rules = session.config.autoTicketing.rules.filter(
    (rule) => rule.enabled && rule.jiraProjectId === caller.projectId,
  );
  if (rules.length === 0) return false;
  const repoTags = rules.some((rule) => rule.scope.type === 'tags')
    ? await readRepoTags(session.client)
    : new Map<string, readonly string[]>();
  return rules.some((rule) => scopeCovers(rule.scope, finding.repository.id, repoTags));
}

/**
 * Links this issue to an existing ZeroPath finding. The finding must exist in ZeroPath and be
 * linked nowhere else; the export claim keeps a concurrent export of the same finding out.
 */
export async function linkFinding(
  deps: PanelDeps,
  caller: PanelCaller,
  reference: string,
): Promise<ActionResult> {
  await requireEdit(deps, caller);
  const existing = await deps.links.getByIssueId(caller.issueId);
  if (existing !== undefined) {
    throw new PanelConflictError(`This issue is already linked to ZeroPath finding ${existing.findingId}.`);
  }
  const session = await openZeroPath({
    config: deps.config,
    credentials: deps.credentials,
    fetch: deps.zeroPathFetch,
    ...(deps.capabilityCache === undefined ? {} : { capabilityCache: deps.capabilityCache }),
  });
  const parsed = parseFindingReference(reference, session.config.connection.baseUrl);
  if (!parsed.ok) throw new PanelInputError(parsed.message, 'reference');
  // Never a finding linked elsewhere, and without naming the issue: it may be in a project the
  // caller cannot see.
  const elsewhere = await deps.links.getByFinding(parsed.findingId);
  if (elsewhere !== undefined) throw new PanelConflictError(ALREADY_LINKED);
  const onTeam = await isSecurityTeamMember(deps.jiraAsUser, session.config.security);
  let finding: Finding;
  try {
    finding = await session.client.getFinding(parsed.findingId);
  } catch (error) {
    if (error instanceof ZeroPathNotFoundError)
      throw new PanelInputError(notLinkable(parsed.findingId), 'reference');
    throw error;
  }
  // Who may link what (docs/security.md): the security team any unlinked finding; anyone else who
  // may edit the issue only a finding whose repository an enabled auto-ticketing rule sends to
  // this issue's project. A refusal reads like "no such finding", so it tells nothing about it.
  if (!onTeam && !(await repositoryMapsToProject(session, caller, finding))) {
    throw new PanelInputError(notLinkable(parsed.findingId), 'reference');
  }
  const owner = `panel:${caller.issueId}`;
  const claim = await deps.links.claimExport(finding.id, owner, 60);
  if (!claim.claimed)
    throw new PanelConflictError('That finding is being exported to Jira right now. Try again in a minute.');
  let link: FindingLink;
  try {
    // Checked again under the claim: an export may have finished between the first look and now.
    const raced = await deps.links.getByFinding(finding.id);
    if (raced !== undefined) throw new PanelConflictError(ALREADY_LINKED);
    const at = deps.now().toISOString();
    link = {
      findingId: finding.id,
      issueId: caller.issueId,
      issueKey: caller.issueKey,
      projectKey: caller.projectKey,
      createdAt: at,
      createdBy: caller.accountId,
      snapshot: snapshotFromFinding(finding),
      snapshotAt: at,
      lastWritten: {},
    };
    await deps.links.save(link);
  } finally {
    await deps.links.releaseExport(finding.id, owner);
  }
  await deps.links.appendAudit({
    at: link.createdAt,
    findingId: finding.id,
    issueKey: caller.issueKey,
    actor: caller.accountId,
    source: 'jira',
    action: 'linked',
    detail: `Linked from the issue panel to ${caller.issueKey}.`,
  });
  const warnings = await reflectOnJira(
    deps,
    caller,
    finding,
    `linked this issue to ZeroPath finding “${snapshotFromFinding(finding).title}” (${finding.id}).`,
  );
  return {
    message: `Linked to ZeroPath finding ${finding.id}.`,
    warnings,
    view: await viewOf(deps, link, true, true),
  };
}

export { NotConnectedError };
