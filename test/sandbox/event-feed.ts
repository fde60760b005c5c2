/**
 * The control page's "watch sync happen" log: one ordered feed of what Jira did (product events),
 * what the app did (Forge invocations, its writes to Jira and ZeroPath) and what a person did
 * through the sandbox. It reads the simulators' and the runtime's own logs by position, so the app
 * is observed exactly as the tests observe it, never instrumented.
 */
import { type ForgeRuntime } from '../forge-runtime';
import { type JiraSim } from '../sim/jira/jira-sim-server';
import { type JiraProductEvent } from '../sim/jira/jira-model';
import { type ZeroPathSim } from '../sim/zeropath/zeropath-sim';

export type FeedSource = 'jira' | 'forge' | 'app-to-jira' | 'app-to-zeropath' | 'you';

export interface FeedEntry {
  readonly seq: number;
  readonly at: string;
  readonly source: FeedSource;
  readonly text: string;
  readonly problem?: boolean;
}

const MAX_ENTRIES = 2000;
const ZEROPATH_READ_PATHS = new Set([
  '/api/v1/issues/search',
  '/api/v1/issues/get',
  '/api/v1/orgs/list',
  '/api/v1/repositories/list',
]);

export class EventFeed {
  readonly #entries: FeedEntry[] = [];
  #seq = 0;
  #runtimeSeen = 0;
  #jiraRequestsSeen = 0;
  #zeropathRequestsSeen = 0;

  constructor(
    private readonly runtime: ForgeRuntime,
    private readonly jira: JiraSim,
    private readonly zeropath: ZeroPathSim,
  ) {}

  add(source: FeedSource, text: string, problem = false): void {
    this.#seq += 1;
    this.#entries.push({
      seq: this.#seq,
      at: new Date().toISOString(),
      source,
      text,
      ...(problem ? { problem } : {}),
    });
    if (this.#entries.length > MAX_ENTRIES) this.#entries.splice(0, this.#entries.length - MAX_ENTRIES);
  }

  addJiraEvent(event: JiraProductEvent): void {
    const e = event as unknown as {
      eventType: string;
      selfGenerated?: boolean;
      issue?: { key?: string };
      changelog?: { items?: Array<{ field?: string; fromString?: string | null; toString?: string | null }> };
      comment?: { id?: string };
    };
    const changes = (e.changelog?.items ?? [])
      .map((i) => `${i.field ?? '?'}: ${i.fromString ?? '∅'} → ${i.toString ?? '∅'}`)
      .join('; ');
    const who = e.selfGenerated === true ? ' (caused by the app: ignoreSelf drops it)' : '';
    this.add('jira', `${e.eventType} ${e.issue?.key ?? ''}${changes ? ` [${changes}]` : ''}${who}`);
  }

  /** Picks up what happened in the runtime and on the simulators' wires since the last call. */
  collect(): void {
    const log = this.runtime.log;
    for (; this.#runtimeSeen < log.length; this.#runtimeSeen += 1) {
      const r = log[this.#runtimeSeen];
      if (r === undefined) continue;
      const what = [r.kind, r.key, r.functionKey, r.eventType].filter((p) => p !== undefined).join(' ');
      const retry = r.retryCount > 0 ? ` (retry ${r.retryCount})` : '';
      const failed = r.outcome === 'error' || r.outcome === 'retry-cap-reached';
      this.add(
        'forge',
        `${what}: ${r.outcome}${retry}${r.error !== undefined ? ` — ${r.error}` : ''}`,
        failed,
      );
    }
    const jiraLog = this.jira.requestLog.entries;
    // Clearing a log restarts it; start over rather than skip what comes next.
    if (jiraLog.length < this.#jiraRequestsSeen) this.#jiraRequestsSeen = 0;
    for (; this.#jiraRequestsSeen < jiraLog.length; this.#jiraRequestsSeen += 1) {
      const r = jiraLog[this.#jiraRequestsSeen];
      if (r === undefined || r.method === 'GET') continue;
      const viaApp = r.principal.kind === 'app' || (r.principal.kind === 'user' && r.principal.viaApp);
      if (!viaApp) continue;
      this.add('app-to-jira', `${r.method} ${r.path} → ${r.status}`, r.status >= 400);
    }
    const zpLog = this.zeropath.requestLog.entries;
    if (zpLog.length < this.#zeropathRequestsSeen) this.#zeropathRequestsSeen = 0;
    for (; this.#zeropathRequestsSeen < zpLog.length; this.#zeropathRequestsSeen += 1) {
      const r = zpLog[this.#zeropathRequestsSeen];
      if (r === undefined) continue;
      // Reads are the bulk of the traffic and tell a watcher nothing about sync; failures always show.
      if (ZEROPATH_READ_PATHS.has(r.path) && r.status < 400) continue;
      this.add(
        'app-to-zeropath',
        `${r.method} ${r.path}${describeZeroPathBody(r.body)} → ${r.status}`,
        r.status >= 400,
      );
    }
  }

  since(seq: number): FeedEntry[] {
    this.collect();
    return this.#entries.filter((e) => e.seq > seq);
  }
}

function describeZeroPathBody(body: unknown): string {
  if (body === null || typeof body !== 'object') return '';
  const b = body as Record<string, unknown>;
  const ids = Array.isArray(b['issueIds'])
    ? b['issueIds'].join(',')
    : typeof b['issueId'] === 'string'
      ? b['issueId']
      : '';
  const status = typeof b['status'] === 'string' ? ` status=${b['status']}` : '';
  return ids || status ? ` (${ids}${status})` : '';
}
