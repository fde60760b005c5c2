// The harness loads first: it installs the Forge platform before anything imports @forge/api.
import { startHarness } from '../test/integration/harness';
import pLimit from 'p-limit';
import { DEMO_USERS, ISSUE_TYPE } from '../test/sim/jira/jira-seed-builder';
import { principalHeaders } from '../test/sim/shared/principal';
import { DEMO_TOKEN_ID, DEMO_TOKEN_SECRET } from '../test/sim/zeropath/zeropath-sim';
import { renderTicket } from '../src/core/ticket/render-ticket';
import { mapV1Issue } from '../src/infra/zeropath/finding-mapper';

/**
 * Export N findings to the Jira simulator (added latency per request) two ways in one run: the
 * app's bulk export, and the baseline of one-call-per-finding tools (create, then a property
 * write). Both against fresh simulators so neither sees the other's issues.
 */
export interface BenchRow {
  name: 'app' | 'baseline';
  findings: number;
  jiraRequests: number;
  zeroPathRequests: number;
  wallMs: number;
  rateLimited429: number;
  duplicates: number;
  failures: number;
}

export interface BenchOptions {
  findings: number;
  latencyMs: number;
  /** Added to every ZeroPath request of the measured run. */
  zeroPathLatencyMs: number;
  /** Parallel requests of the baseline (tools of this kind usually run a few at a time). */
  baselineConcurrency: number;
}

const TARGET = { projectKey: 'SEC', issueTypeId: ISSUE_TYPE.task };

async function world(options: BenchOptions) {
  const harness = await startHarness({
    jira: { faults: { '*': { latencyMs: options.latencyMs } } },
    zeropath: { findings: options.findings },
  });
  harness.connectZeroPath();
  harness.zeropath.control.injectFault('*', { latencyMs: options.zeroPathLatencyMs, times: 'always' });
  const ids = harness.zeropath.state
    .findings()
    .filter((f) => f.organizationId === harness.zeropath.organizationId)
    .slice(0, options.findings)
    .map((f) => f.id);
  // Every finding open: an export skips findings ZeroPath already closed, and the benchmark
  // measures N issues created (as the baseline creates N), not how many happen to be closed.
  for (const id of ids) harness.zeropath.control.setFindingStatus(id, 'PENDING_REVIEW');
  return { harness, ids };
}

function tally(
  name: BenchRow['name'],
  harness: Awaited<ReturnType<typeof startHarness>>,
  ids: string[],
  wallMs: number,
): BenchRow {
  const perFinding = new Map<string, number>();
  for (const issue of harness.jira.state.issues.values()) {
    const findingId = (issue.properties.get('zeropath') as { findingId?: string } | undefined)?.findingId;
    if (findingId !== undefined) perFinding.set(findingId, (perFinding.get(findingId) ?? 0) + 1);
  }
  const entries = harness.jira.requestLog.entries;
  return {
    name,
    findings: ids.length,
    jiraRequests: entries.length,
    zeroPathRequests: harness.zeropath.requestLog.entries.length,
    wallMs: Math.round(wallMs),
    rateLimited429: entries.filter((e) => e.status === 429).length,
    duplicates: [...perFinding.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0),
    failures: ids.filter((id) => (perFinding.get(id) ?? 0) === 0).length,
  };
}

export async function benchApp(options: BenchOptions): Promise<BenchRow> {
  const { harness, ids } = await world(options);
  try {
    harness.jira.requestLog.clear();
    harness.zeropath.requestLog.clear();
    const started = performance.now();
    const answer = (await harness.runtime.invokeUi(
      'zp-findings',
      'findings.exportBulk',
      { findingIds: ids, target: TARGET },
      { accountId: DEMO_USERS.admin },
    )) as { ok: boolean };
    if (!answer.ok) throw new Error(`bulk export was refused: ${JSON.stringify(answer)}`);
    await harness.runtime.settle();
    return tally('app', harness, ids, performance.now() - started);
  } finally {
    await harness.close();
  }
}

export async function benchBaseline(options: BenchOptions): Promise<BenchRow> {
  const { harness, ids } = await world(options);
  try {
    harness.jira.requestLog.clear();
    harness.zeropath.requestLog.clear();
    const jiraHeaders = { ...principalHeaders({ kind: 'app' }), 'content-type': 'application/json' };
    const zpHeaders = {
      'x-zeropath-api-token-id': DEMO_TOKEN_ID,
      'x-zeropath-api-token-secret': DEMO_TOKEN_SECRET,
      'content-type': 'application/json',
    };
    const jira = async (method: string, path: string, body: unknown): Promise<Response> => {
      for (;;) {
        const response = await fetch(`${harness.jira.url}${path}`, {
          method,
          headers: jiraHeaders,
          body: JSON.stringify(body),
        });
        if (response.status !== 429) return response;
        await new Promise((r) => setTimeout(r, Number(response.headers.get('retry-after') ?? '1') * 1000));
      }
    };
    const limit = pLimit(options.baselineConcurrency);
    const started = performance.now();
    await Promise.all(
      ids.map((id) =>
        limit(async () => {
          const raw: unknown = await (
            await fetch(`${harness.zeropath.url}/api/v1/issues/get`, {
              method: 'POST',
              headers: zpHeaders,
              body: JSON.stringify({ issueId: id, organizationId: harness.zeropath.organizationId }),
            })
          ).json();
          const mapped = mapV1Issue(raw, 'https://zeropath.com');
          if (!mapped.ok) return;
          const ticket = renderTicket(mapped.value, {
            zeroPathBaseUrl: 'https://zeropath.com',
            priorityFieldAvailable: true,
          });
          const created = await jira('POST', '/rest/api/3/issue', {
            fields: {
              project: { key: TARGET.projectKey },
              issuetype: { id: TARGET.issueTypeId },
              summary: ticket.summary,
              description: ticket.description,
              labels: ticket.labels,
            },
          });
          if (created.status !== 201) return;
          const { key } = (await created.json()) as { key: string };
          await jira('PUT', `/rest/api/3/issue/${key}/properties/zeropath`, ticket.property);
        }),
      ),
    );
    return tally('baseline', harness, ids, performance.now() - started);
  } finally {
    await harness.close();
  }
}

export function formatRow(row: BenchRow): string {
  return `${row.name.padEnd(9)} findings=${row.findings} jiraRequests=${row.jiraRequests} zeroPathRequests=${row.zeroPathRequests} wallMs=${row.wallMs} 429s=${row.rateLimited429} duplicates=${row.duplicates} failures=${row.failures}`;
}
