// The world loads the harness first: it installs the Forge platform before anything imports @forge/api.
import {
  aRule,
  startAutoTicketWorld,
  type AutoTicketWorld,
} from '../test/integration/auto-ticket/auto-ticket-world';
import pLimit from 'p-limit';
import { pickRule, type AutoTicketRule } from '../src/core/rules/auto-ticket-rule';
import { renderTicket } from '../src/core/ticket/render-ticket';
import {
  baselineJira,
  listEveryFinding,
  rateLimitedCount,
  requirePositive,
  ticketsPerFinding,
  ZEROPATH_BASE_URL,
} from './bench-support';

/**
 * Auto-ticketing, two ways in one run, each on fresh simulators: an organisation of N findings of
 * which M arrived since the last run and match the one rule (the `tools` repository, where nothing
 * else lives, so the earlier backlog tickets nothing).
 *
 * - app: one run of the real `zp-auto-ticket` scheduled handler from the cursor its previous run
 *   left, then the queue drained (the consumer creates the tickets).
 * - baseline: list every finding, keep the ones not seen on its previous run that match the rule,
 *   and create one issue per finding with a single create each (property included).
 */
export interface AutoTicketBenchRow {
  bench: 'auto-ticket';
  name: 'app' | 'baseline';
  findings: number;
  newMatching: number;
  zeroPathRequests: number;
  jiraRequests: number;
  wallMs: number;
  rateLimited429: number;
  ticketsCreated: number;
  duplicates: number;
  /** New matching findings left without a ticket. */
  failures: number;
}

export interface AutoTicketBenchOptions {
  /** All findings, the new ones included. */
  findings: number;
  newMatching: number;
  latencyMs: number;
  /** Added to every ZeroPath request of the measured run. */
  zeroPathLatencyMs: number;
  baselineConcurrency: number;
}

export const DEFAULT_AUTO_TICKET_BENCH: AutoTicketBenchOptions = {
  findings: 10_000,
  newMatching: 50,
  latencyMs: 50,
  zeroPathLatencyMs: 150,
  baselineConcurrency: 4,
};

interface Setup {
  w: AutoTicketWorld;
  /** What the previous run saw: the baseline's memory of which findings are not new. */
  seenBefore: Set<string>;
  added: string[];
  rule: AutoTicketRule;
}

async function world(options: AutoTicketBenchOptions): Promise<Setup> {
  for (const name of ['findings', 'newMatching', 'latencyMs', 'baselineConcurrency'] as const)
    requirePositive(name, options[name]);
  if (options.newMatching >= options.findings) throw new Error('newMatching must be below findings');
  const w = await startAutoTicketWorld({
    zeropath: { findings: options.findings - options.newMatching, seed: 7 },
  });
  try {
    const rule = aRule({ scope: { type: 'repositories', repositoryIds: [w.repos.plain] } });
    w.configure({ autoTicketing: { rules: [rule] } });
    // The previous run: reads the backlog, tickets nothing (no finding in scope), stores the cursor.
    await w.run();
    if (w.state().cursor === null || w.ticketCount() !== 0)
      throw new Error('the set-up run did not leave a clean cursor');
    const seenBefore = new Set(w.h.zeropath.state.findings().map((f) => f.id));
    const added = Array.from({ length: options.newMatching }, () =>
      w.addFinding({ repositoryId: w.repos.plain, score: 75 }),
    );
    w.h.jira.control.injectFault('*', { latencyMs: options.latencyMs });
    w.h.zeropath.control.injectFault('*', { latencyMs: options.zeroPathLatencyMs, times: 'always' });
    w.h.jira.requestLog.clear();
    w.h.zeropath.requestLog.clear();
    return { w, seenBefore, added, rule };
  } catch (error) {
    await w.close();
    throw error;
  }
}

function tally(
  name: AutoTicketBenchRow['name'],
  s: Setup,
  options: AutoTicketBenchOptions,
  wallMs: number,
): AutoTicketBenchRow {
  const h = s.w.h;
  const perFinding = ticketsPerFinding(h);
  return {
    bench: 'auto-ticket',
    name,
    findings: options.findings,
    newMatching: options.newMatching,
    zeroPathRequests: h.zeropath.requestLog.entries.length,
    jiraRequests: h.jira.requestLog.entries.length,
    wallMs: Math.round(wallMs),
    rateLimited429: rateLimitedCount(h),
    ticketsCreated: [...perFinding.values()].reduce((a, b) => a + b, 0),
    duplicates: [...perFinding.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0),
    failures: s.added.filter((id) => (perFinding.get(id) ?? 0) === 0).length,
  };
}

export async function benchAutoTicketApp(options: AutoTicketBenchOptions): Promise<AutoTicketBenchRow> {
  const s = await world(options);
  try {
    const started = performance.now();
    await s.w.run(); // the scheduled trigger, then settle: the queue drains
    return tally('app', s, options, performance.now() - started);
  } finally {
    await s.w.close();
  }
}

export async function benchAutoTicketBaseline(options: AutoTicketBenchOptions): Promise<AutoTicketBenchRow> {
  const s = await world(options);
  try {
    const rules = [s.rule];
    const jira = baselineJira(s.w.h);
    const limit = pLimit(options.baselineConcurrency);
    const started = performance.now();
    const fresh = (await listEveryFinding(s.w.h))
      .filter((f) => !s.seenBefore.has(f.id))
      .flatMap((finding) => {
        const rule = pickRule(finding, rules, {});
        return rule === null ? [] : [{ finding, rule }];
      });
    await Promise.all(
      fresh.map(({ finding, rule }) =>
        limit(async () => {
          const ticket = renderTicket(finding, {
            zeroPathBaseUrl: ZEROPATH_BASE_URL,
            priorityFieldAvailable: true,
          });
          await jira('POST', '/rest/api/3/issue', {
            fields: {
              project: { id: rule.jiraProjectId },
              issuetype: { id: rule.issueTypeId },
              summary: ticket.summary,
              description: ticket.description,
              labels: ticket.labels,
            },
            properties: [{ key: 'zeropath', value: ticket.property }],
          });
        }),
      ),
    );
    return tally('baseline', s, options, performance.now() - started);
  } finally {
    await s.w.close();
  }
}

export function formatAutoTicketRow(row: AutoTicketBenchRow): string {
  return `auto-ticket ${row.name.padEnd(9)} findings=${row.findings} newMatching=${row.newMatching} zeroPathRequests=${row.zeroPathRequests} jiraRequests=${row.jiraRequests} wallMs=${row.wallMs} 429s=${row.rateLimited429} ticketsCreated=${row.ticketsCreated} duplicates=${row.duplicates} failures=${row.failures}`;
}
