// The harness must load first: it installs the Forge platform before @forge/api is imported.
import { startHarness, type Harness } from '../harness';
import { DEMO_USERS } from '../../sim/jira/jira-seed-builder';
import { type StoredIssue } from '../../sim/jira/jira-model';
import { validateAdf } from '../../sim/shared/adf-validator';
import { renderV1Status, type V2Status } from '../../sim/zeropath/zeropath-wire';

/**
 * Shared by the export suites: a connected world, resolver calls as the demo admin, and a record
 * of every request body Jira received, so the last suite can prove no secret and no invalid ADF
 * was ever sent.
 */
export const jiraBodiesSeen: unknown[] = [];
export const secretValuesSeen = new Set<string>();

/**
 * Resolver answers as JSON: the assertions check them field by field, and the contract tests
 * (zod) own their shape, so the tests read them untyped rather than re-declaring every schema.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export interface ExportWorld {
  harness: Harness;
  call(functionKey: string, payload: unknown, accountId?: string): Promise<{ ok: boolean; value?: Json; error?: Json }>;
  issueByKey(key: string): StoredIssue;
  issuesForFinding(findingId: string): StoredIssue[];
  findingIds(filter?: (f: ReturnType<Harness['zeropath']['state']['findings']>[number]) => boolean): string[];
  close(): Promise<void>;
}

const stillOpen = (status: V2Status): boolean => ['open', 'processing'].includes(renderV1Status(status));

export async function startExportWorld(options: Parameters<typeof startHarness>[0] = {}): Promise<ExportWorld> {
  const harness = await startHarness(options);
  harness.connectZeroPath();
  const world: ExportWorld = {
    harness,
    async call(functionKey, payload, accountId = DEMO_USERS.admin) {
      return (await harness.runtime.invokeUi('zp-findings', functionKey, payload, { accountId })) as {
        ok: boolean;
        value?: Json;
        error?: Json;
      };
    },
    issueByKey(key) {
      const issue = [...harness.jira.state.issues.values()].find((i) => i.key === key);
      if (issue === undefined) throw new Error(`no issue ${key} in the Jira simulator`);
      return issue;
    },
    issuesForFinding(findingId) {
      return [...harness.jira.state.issues.values()].filter(
        (i) => (i.properties.get('zeropath') as { findingId?: string } | undefined)?.findingId === findingId,
      );
    },
    findingIds(filter = () => true) {
      // Open ones only: an export skips findings ZeroPath already closed unless asked otherwise.
      return harness.zeropath.state
        .findings()
        .filter((f) => f.organizationId === harness.zeropath.organizationId)
        .filter((f) => stillOpen(f.v2Status))
        .filter(filter)
        .map((f) => f.id);
    },
    async close() {
      for (const entry of harness.jira.requestLog.entries) if (entry.body !== undefined) jiraBodiesSeen.push(entry.body);
      for (const value of harness.zeropath.state.secretValues()) secretValuesSeen.add(value);
      await harness.close();
    },
  };
  return world;
}

/** Every ADF document in a create body (single or bulk). */
export function descriptionsIn(body: unknown): unknown[] {
  const updates = (body as { issueUpdates?: unknown[] }).issueUpdates ?? [body];
  return updates
    .map((u) => (u as { fields?: { description?: unknown } }).fields?.description)
    .filter((d): d is object => typeof d === 'object' && d !== null);
}

export { validateAdf, DEMO_USERS };
