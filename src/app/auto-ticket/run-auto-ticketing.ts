import { type AppConfig } from '../../core/config/app-config';
import { type Finding } from '../../core/finding/finding';
import { type AutoTicketRule } from '../../core/rules/auto-ticket-rule';
import { type JiraClient } from '../../infra/jira/jira-client';
import { type HealthStore } from '../../infra/store/health-store';
import { type LinkStore } from '../../infra/store/link-store';
import { type ZeroPathClient } from '../../infra/zeropath/zeropath-client';
import { ZeroPathNotFoundError } from '../../infra/zeropath/zeropath-errors';
import {
  MAX_DEFERRED,
  type AutoTicketState,
  type AutoTicketStore,
} from '../../infra/store/auto-ticket-store';
import {
  buildJobs,
  checkEpic,
  describeUnfilled,
  readRepoTags,
  resolveProjectKeys,
  rulesNeedTags,
  selectFindings,
  unfilledRequiredFields,
  type AutoTicketJob,
} from './plan-auto-tickets';
import { errorMessage } from '../../core/error-message';

export interface AutoTicketRunDeps {
  config: AppConfig;
  zeroPath: ZeroPathClient;
  /** As the app: a scheduled trigger has no user. */
  jira: JiraClient;
  links: Pick<LinkStore, 'linkedAmong'>;
  store: AutoTicketStore;
  health: Pick<HealthStore, 'recordRun'>;
  enqueue: (jobs: AutoTicketJob[]) => Promise<void>;
  now: () => Date;
  /** Identifies this run as the lock's owner. */
  runId: string;
  /**
   * Milliseconds this invocation may still run (Forge's remaining time). The run checks it before
   * each phase and stops, with nothing half-written, while there is time to release its lock.
   */
  timeLeftMs: () => number;
}

export type AutoTicketRunResult =
  | { status: 'locked' }
  | { status: 'idle' }
  /** Out of time before queuing: nothing was queued and the cursor did not move; the next run redoes it. */
  | { status: 'out-of-time'; phase: string }
  | {
      status: 'done';
      changesRead: number;
      enqueued: number;
      deferred: number;
      byRule: Record<string, number>;
      /** Rules that created nothing because their saver may no longer create in the project. */
      permissionWarnings?: string[];
    };

/**
 * The scheduled function's `timeoutSeconds` (manifest.yml). Forge stops the run after it, so a
 * lock only needs to outlive it.
 */
export const RUN_TIMEOUT_SECONDS = 240;
/**
 * Longer than a run may live (so a live run is never overlapped) and shorter than the schedule's
 * five minutes, so a run cut off at its limit (which cannot release the lock) never blocks the
 * next tick.
 */
export const RUN_LOCK_TTL_SECONDS = RUN_TIMEOUT_SECONDS + 30;
/** Time kept back for queuing, saving state and releasing the lock after the last phase starts. */
export const RUN_RESERVE_MS = 20_000;
const CHANGES_PAGE_SIZE = 100;

/**
 * One auto-ticketing pass: read what changed in ZeroPath since the stored cursor (cost follows the
 * number of changes), pick the first matching rule per finding, hold back what a daily cap does
 * not allow, and enqueue creation jobs that reuse the export path. Guarded by a TTL lock against an
 * overlapping run; every outcome is recorded in Health.
 */
export async function runAutoTicketing(deps: AutoTicketRunDeps): Promise<AutoTicketRunResult> {
  if (!(await deps.store.tryLock(deps.runId, RUN_LOCK_TTL_SECONDS))) return { status: 'locked' };
  try {
    const result = await runLocked(deps);
    if (result.status === 'out-of-time') {
      await deps.health.recordRun('auto-ticket', {
        ok: false,
        message: `The run ran out of time while ${result.phase}; nothing was queued and the next run starts again from the same point.`,
      });
    } else {
      const refused = result.status === 'done' ? (result.permissionWarnings ?? []) : [];
      // A rule stopped by a lost permission is a Health warning: the run itself worked, but an admin
      // has to act before that rule creates anything again.
      await deps.health.recordRun(
        'auto-ticket',
        refused.length === 0 ? { ok: true } : { ok: false, message: refused.join(' ') },
      );
    }
    return result;
  } catch (error) {
    await deps.health.recordRun('auto-ticket', {
      ok: false,
      message: errorMessage(error, 'Auto-ticketing failed for an unknown reason.'),
    });
    throw error;
  } finally {
    await deps.store.unlock(deps.runId);
  }
}

async function runLocked(deps: AutoTicketRunDeps): Promise<AutoTicketRunResult> {
  const rules = deps.config.autoTicketing.rules.filter((rule) => rule.enabled);
  // Without an enabled rule the cursor stays put: the first rule enabled later starts from there.
  if (rules.length === 0) return { status: 'idle' };
  const state = await deps.store.readState();
  const now = deps.now();
  const outOfTime = (phase: string): AutoTicketRunResult | undefined =>
    deps.timeLeftMs() < RUN_RESERVE_MS ? { status: 'out-of-time', phase } : undefined;

  const remaining = new Map<string, number>();
  for (const rule of rules) remaining.set(rule.id, await deps.store.remaining(rule, now));
  const { candidates, cursor, unread } = await readCandidates(deps.zeroPath, state, capacityOf(remaining));
  const afterRead = outOfTime('reading changes');
  if (afterRead !== undefined) return afterRead;
  const repoTags = rulesNeedTags(rules)
    ? await readRepoTags(deps.zeroPath)
    : new Map<string, readonly string[]>();
  const selection = await selectFindings(candidates, rules, repoTags, deps.links, remaining);
  const { selected } = selection;
  const deferred = selection.deferred.map((held) => held.finding);

  const warnings: Record<string, string[]> = {};
  const permissionWarnings: string[] = [];
  const jobs: AutoTicketJob[] = [];
  const byRule: Record<string, number> = {};
  const projectKeys = await resolveProjectKeys(
    deps.jira,
    new Set(rules.filter((r) => selected.has(r.id)).map((r) => r.jiraProjectId)),
  );
  for (const rule of rules) {
    const findings = selected.get(rule.id);
    if (findings === undefined || findings.length === 0) continue;
    const projectKey = projectKeys.get(rule.jiraProjectId);
    if (projectKey === undefined) {
      warnings[rule.id] = [
        `Jira project ${rule.jiraProjectId} no longer exists or the app cannot create issues in it.`,
      ];
      // Not created, not lost: these wait with the capped findings for the admin to fix the rule.
      deferred.push(...findings);
      continue;
    }
    // The app creates as itself: the rule may only do what the admin who saved it may still do.
    const saver = await saverMayStillCreate(deps.jira, rule, projectKey);
    if (saver !== 'yes') {
      permissionWarnings.push(`Rule “${rule.name}”: its saver may not create issues in ${projectKey}; it created nothing.`);
      warnings[rule.id] = [
        saver === 'unknown'
          ? `This rule was saved before the app recorded who saved it: save it again so the app can check that person may create issues in ${projectKey}. It creates nothing until then.`
          : `The person who saved this rule can no longer create issues in ${projectKey}, so the rule created nothing. An admin who may create issues there must save it again.`,
      ];
      deferred.push(...findings);
      continue;
    }
    const unfilled = await unfilledRequiredFields(deps.jira, deps.config, projectKey, rule.issueTypeId);
    if (unfilled.length > 0) {
      // Checked before queuing so blocked findings neither fail in the consumer nor use the cap.
      warnings[rule.id] = [describeUnfilled(projectKey, unfilled)];
      deferred.push(...findings);
      continue;
    }
    const epicKey = await usableEpic(deps.jira, rule, warnings);
    jobs.push(...buildJobs(rule, findings, repoTags, { projectKey, epicKey }));
    byRule[rule.id] = findings.length;
  }
  // Queuing and the state write go together: past this point the run needs only its reserve.
  const beforeQueue = outOfTime('checking rules');
  if (beforeQueue !== undefined) return beforeQueue;

  await deps.enqueue(jobs);
  for (const [ruleId, count] of Object.entries(byRule)) await deps.store.addCreated(ruleId, now, count);
  const deferredIds = [...new Set([...unread, ...deferred.map((f) => f.id)])].slice(-MAX_DEFERRED);
  const enqueued = Object.values(byRule).reduce((a, b) => a + b, 0);
  await deps.store.writeState({
    cursor,
    deferred: deferredIds,
    // Warnings are per run: a fixed rule's warning disappears on the next run that uses it.
    ruleWarnings: { ...keepWarningsOfIdleRules(state, selected), ...warnings },
    lastRun: {
      at: now.toISOString(),
      changesRead: candidates.length,
      enqueued,
      deferred: deferredIds.length,
      byRule,
    },
  });
  return {
    status: 'done',
    changesRead: candidates.length,
    enqueued,
    deferred: deferredIds.length,
    byRule,
    ...(permissionWarnings.length === 0 ? {} : { permissionWarnings }),
  };
}

async function saverMayStillCreate(jira: JiraClient, rule: AutoTicketRule, projectKey: string): Promise<'yes' | 'no' | 'unknown'> {
  if (rule.savedBy === undefined) return 'unknown';
  return (await jira.userHasProjectPermission(rule.savedBy, projectKey, 'CREATE_ISSUES')) ? 'yes' : 'no';
}

function keepWarningsOfIdleRules(
  state: AutoTicketState,
  selected: ReadonlyMap<string, Finding[]>,
): Record<string, string[]> {
  return Object.fromEntries(Object.entries(state.ruleWarnings).filter(([ruleId]) => !selected.has(ruleId)));
}

async function usableEpic(
  jira: JiraClient,
  rule: AutoTicketRule,
  warnings: Record<string, string[]>,
): Promise<string | undefined> {
  if (rule.epicKey === undefined) return undefined;
  const check = await checkEpic(jira, rule.epicKey);
  if (check.usable) return rule.epicKey;
  warnings[rule.id] = [...(warnings[rule.id] ?? []), check.warning];
  return undefined;
}

/** How many tickets the rules may still create today, all together. */
export function capacityOf(remaining: ReadonlyMap<string, number>): number {
  return [...remaining.values()].reduce((a, b) => a + b, 0);
}

/**
 * Changes since the cursor plus the findings a cap held back last time (re-read: they may have
 * moved on). Only as many held-back findings are re-read as the caps can still take today, so a
 * spent cap costs no ZeroPath reads; the rest stay held (`unread`).
 */
export async function readCandidates(
  zeroPath: ZeroPathClient,
  state: AutoTicketState,
  capacity: number,
): Promise<{ candidates: Finding[]; cursor: AutoTicketState['cursor']; unread: string[] }> {
  const changes = await zeroPath.readChangesSince(state.cursor, { pageSize: CHANGES_PAGE_SIZE, job: 'auto-ticket' });
  const changedIds = new Set(changes.changes.map((f) => f.id));
  const waiting = state.deferred.filter((id) => !changedIds.has(id));
  const unread = waiting.slice(capacity);
  const held: Finding[] = [];
  for (const id of waiting.slice(0, capacity)) {
    try {
      held.push(await zeroPath.getFinding(id));
    } catch (error) {
      if (!(error instanceof ZeroPathNotFoundError)) throw error;
    }
  }
  // Held-back findings first: they have waited longest for their ticket.
  return { candidates: [...held, ...oldestFirst(changes.changes)], cursor: changes.cursor, unread };
}

/** The reader answers newest first; a daily cap should favour the findings that arrived first. */
function oldestFirst(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id.localeCompare(b.id),
  );
}
