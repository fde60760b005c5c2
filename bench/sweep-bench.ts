// The harness loads first: it installs the Forge platform before anything imports @forge/api.
import { startHarness, type Harness } from '../test/integration/harness';
import pLimit from 'p-limit';
import { DEMO_USERS, ISSUE_TYPE } from '../test/sim/jira/jira-seed-builder';
import { principalHeaders } from '../test/sim/shared/principal';
import { type V2Status } from '../test/sim/zeropath/zeropath-sim';
import { storeKeys } from '../src/infra/store/store-keys';
import { type FindingStatus } from '../src/core/finding/finding';
import { type FindingLink } from '../src/core/link/finding-link';
import {
  chooseTransition,
  jiraTransitionSchema,
  type TransitionTarget,
} from '../src/core/transitions/transition-choice';
import { snapshotFromFinding } from '../src/app/panel/finding-snapshot';
import { mapV1Issue } from '../src/infra/zeropath/finding-mapper';
import {
  baselineJira,
  listEveryFinding,
  rateLimitedCount,
  requirePositive,
  untilNot429,
  ZEROPATH_BASE_URL,
} from './bench-support';

/**
 * ZeroPath → Jira status sync, two ways in one run, each on fresh simulators holding the same
 * seeded organisation: N findings, L of them linked to Jira issues (To Do, finding open), and C
 * changed in ZeroPath since the last run, half of them linked.
 *
 * - app: one run of the real `zp-status-sweep` handler from the cursor its previous run left.
 * - baseline: a naive poller that reads every finding page by page and, for each linked one, reads
 *   the Jira issue and moves it when the two disagree (with the same transition choice as the app,
 *   so only the reading strategy differs).
 */
export interface SweepBenchRow {
  bench: 'sweep';
  name: 'app' | 'baseline';
  findings: number;
  linked: number;
  changed: number;
  zeroPathRequests: number;
  jiraRequests: number;
  wallMs: number;
  rateLimited429: number;
  transitions: number;
  /** Linked changed findings whose Jira issue still disagrees after the run. */
  missed: number;
}

export interface SweepBenchOptions {
  findings: number;
  linked: number;
  changed: number;
  latencyMs: number;
  /** Added to every ZeroPath request of the measured run. */
  zeroPathLatencyMs: number;
  /** Parallel Jira requests of the baseline (as in the export benchmark). */
  baselineConcurrency: number;
}

export const DEFAULT_SWEEP_BENCH: SweepBenchOptions = {
  findings: 10_000,
  linked: 300,
  changed: 50,
  latencyMs: 50,
  zeroPathLatencyMs: 150,
  baselineConcurrency: 4,
};

const OPEN_V2: readonly V2Status[] = ['PENDING_REVIEW', 'REVIEWING', 'BACKLOG'];
/** The ZeroPath moves the changed linked findings get, in turn. */
const CLOSING_V2: readonly V2Status[] = ['RESOLVED', 'FALSE_POSITIVE', 'ACCEPTED_RISK'];
const SWEEP_TRIGGER = 'zp-status-sweep';

interface SweepWorld {
  harness: Harness;
  /** finding id → Jira issue key, as both the app's links and the baseline's mapping table hold them. */
  links: Map<string, string>;
  /** The linked findings changed in ZeroPath since the last run. */
  changedLinked: string[];
}

function check(options: SweepBenchOptions): void {
  for (const name of ['findings', 'linked', 'changed', 'latencyMs', 'baselineConcurrency'] as const)
    requirePositive(name, options[name]);
  if (options.linked > options.findings) throw new Error('linked cannot exceed findings');
  if (options.changed > options.findings) throw new Error('changed cannot exceed findings');
  if (Math.ceil(options.changed / 2) > options.linked)
    throw new Error('half the changes must fit in the linked findings');
}

/**
 * Seeds the organisation, links L open findings to new To Do issues as an export leaves them, runs
 * one sweep so the cursor is where a previous run left it, then makes the C changes. Latency is
 * switched on only after set-up, so set-up costs the measurement nothing.
 */
async function world(options: SweepBenchOptions): Promise<SweepWorld> {
  check(options);
  const harness = await startHarness({ zeropath: { findings: options.findings, seed: 7 } });
  try {
    harness.connectZeroPath();
    const all = harness.zeropath.state
      .findings()
      .filter((f) => f.organizationId === harness.zeropath.organizationId);
    const open = all.filter((f) => OPEN_V2.includes(f.v2Status));
    if (open.length < options.linked)
      throw new Error(`only ${open.length} open findings to link; lower --sweep-linked`);
    const linkedIds = open.slice(0, options.linked).map((f) => f.id);
    const links = new Map<string, string>();
    const createAsAdmin = {
      ...principalHeaders({ kind: 'user', accountId: DEMO_USERS.admin, viaApp: false }),
      'content-type': 'application/json',
    };
    const limit = pLimit(8);
    await Promise.all(
      linkedIds.map((findingId) =>
        limit(async () => {
          const finding = mapV1Issue(harness.zeropath.state.issue(findingId), ZEROPATH_BASE_URL);
          if (!finding.ok) throw new Error(`finding ${findingId} does not map: ${finding.skipped.reason}`);
          const response = await untilNot429(() =>
            fetch(`${harness.jira.url}/rest/api/3/issue`, {
              method: 'POST',
              headers: createAsAdmin,
              body: JSON.stringify({
                fields: {
                  project: { key: 'SEC' },
                  issuetype: { id: ISSUE_TYPE.task },
                  summary: `ZeroPath: ${finding.value.title.slice(0, 200)}`,
                },
              }),
            }),
          );
          if (response.status !== 201)
            throw new Error(`issue create failed: ${response.status} ${await response.text()}`);
          const issue = (await response.json()) as { id: string; key: string };
          const now = new Date().toISOString();
          const link: FindingLink = {
            findingId,
            issueId: issue.id,
            issueKey: issue.key,
            projectKey: 'SEC',
            createdAt: now,
            createdBy: DEMO_USERS.admin,
            snapshot: snapshotFromFinding(finding.value),
            snapshotAt: now,
            lastWritten: {},
          };
          harness.runtime.kvs.set(storeKeys.linkByFinding(findingId), link);
          harness.runtime.kvs.set(storeKeys.linkByIssue(issue.id), findingId);
          links.set(findingId, issue.key);
        }),
      ),
    );
    // The previous run: on a fresh install it looks back a day (the seeded findings are older) and stores its cursor.
    await harness.runtime.runScheduledTrigger(SWEEP_TRIGGER);
    await harness.runtime.settle();
    if (harness.runtime.kvs.get(storeKeys.cursor('zeropath-status-sweep')) === undefined)
      throw new Error('the set-up sweep stored no cursor');

    const changedLinked = linkedIds.slice(0, Math.ceil(options.changed / 2));
    const linkedSet = new Set(linkedIds);
    const changedUnlinked = all
      .filter((f) => !linkedSet.has(f.id))
      .slice(0, options.changed - changedLinked.length);
    changedLinked.forEach((id, i) =>
      harness.zeropath.control.setFindingStatus(id, CLOSING_V2[i % CLOSING_V2.length]!, { by: 'bench' }),
    );
    for (const f of changedUnlinked)
      harness.zeropath.control.setFindingStatus(
        f.id,
        f.v2Status === 'RESOLVED' ? 'PENDING_REVIEW' : 'RESOLVED',
        { by: 'bench' },
      );

    // The set-up's creates spent rate-limit tokens the measured run should not inherit.
    harness.jira.control.resetRateLimits();
    harness.jira.control.injectFault('*', { latencyMs: options.latencyMs });
    harness.zeropath.control.injectFault('*', { latencyMs: options.zeroPathLatencyMs, times: 'always' });
    harness.jira.requestLog.clear();
    harness.zeropath.requestLog.clear();
    return { harness, links, changedLinked };
  } catch (error) {
    await harness.close();
    throw error;
  }
}

function tally(
  name: SweepBenchRow['name'],
  w: SweepWorld,
  options: SweepBenchOptions,
  wallMs: number,
): SweepBenchRow {
  const { harness } = w;
  const missed = w.changedLinked.filter((id) => {
    const issue = harness.jira.state.issuesByKey.get(w.links.get(id) ?? '');
    return issue === undefined || harness.jira.state.statuses.get(issue.statusId)?.category !== 'done';
  }).length;
  return {
    bench: 'sweep',
    name,
    findings: options.findings,
    linked: options.linked,
    changed: options.changed,
    zeroPathRequests: harness.zeropath.requestLog.entries.length,
    jiraRequests: harness.jira.requestLog.entries.length,
    wallMs: Math.round(wallMs),
    rateLimited429: rateLimitedCount(harness),
    transitions: harness.jira.requestLog.entries.filter(
      (e) => e.method === 'POST' && e.path.endsWith('/transitions') && e.status === 204,
    ).length,
    missed,
  };
}

export async function benchSweepApp(options: SweepBenchOptions): Promise<SweepBenchRow> {
  const w = await world(options);
  try {
    const started = performance.now();
    await w.harness.runtime.runScheduledTrigger(SWEEP_TRIGGER);
    await w.harness.runtime.settle();
    return tally('app', w, options, performance.now() - started);
  } finally {
    await w.harness.close();
  }
}

/** Open in ZeroPath wants a Jira issue out of the done category; every other status wants it in. */
function targetFor(status: FindingStatus, jiraCategory: string): TransitionTarget | undefined {
  const wantsDone = status !== 'open' && status !== 'in_progress';
  if (wantsDone === (jiraCategory === 'done')) return undefined;
  return status === 'open' || status === 'in_progress' ? 'reopened' : status;
}

export async function benchSweepBaseline(options: SweepBenchOptions): Promise<SweepBenchRow> {
  const w = await world(options);
  try {
    const jira = baselineJira(w.harness);
    const limit = pLimit(options.baselineConcurrency);
    const started = performance.now();
    const findings = await listEveryFinding(w.harness);
    const linked = findings.flatMap((finding) => {
      const key = w.links.get(finding.id);
      return key === undefined ? [] : [{ finding, key }];
    });
    await Promise.all(
      linked.map(({ finding, key }) =>
        limit(async () => {
          const read = await jira('GET', `/rest/api/3/issue/${key}?fields=status`);
          if (read.status !== 200) return;
          const issue = (await read.json()) as { fields: { status: { statusCategory: { key: string } } } };
          const category = issue.fields.status.statusCategory.key;
          const target = targetFor(finding.status, category);
          if (target === undefined) return;
          const offered = await jira('GET', `/rest/api/3/issue/${key}/transitions?expand=transitions.fields`);
          if (offered.status !== 200) return;
          const transitions = jiraTransitionSchema
            .array()
            .parse(((await offered.json()) as { transitions: unknown }).transitions);
          const choice = chooseTransition(transitions, target, { statusCategoryKey: category });
          if ('none' in choice) return;
          await jira('POST', `/rest/api/3/issue/${key}/transitions`, {
            transition: { id: choice.transitionId },
            ...(choice.resolution === undefined ? {} : { fields: { resolution: choice.resolution } }),
          });
        }),
      ),
    );
    return tally('baseline', w, options, performance.now() - started);
  } finally {
    await w.harness.close();
  }
}

export function formatSweepRow(row: SweepBenchRow): string {
  return `sweep ${row.name.padEnd(9)} findings=${row.findings} linked=${row.linked} changed=${row.changed} zeroPathRequests=${row.zeroPathRequests} jiraRequests=${row.jiraRequests} wallMs=${row.wallMs} 429s=${row.rateLimited429} transitions=${row.transitions} missed=${row.missed}`;
}
