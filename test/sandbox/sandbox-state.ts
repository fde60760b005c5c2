/**
 * `npm start -- --state FILE`: the sandbox's state kept across restarts in one JSON file — the
 * app's KVS (settings, the ZeroPath token secret, links, jobs, with their TTLs), the Jira
 * simulator's content (users, projects, issues with comments, properties, remote links, history,
 * the key counters) and the ZeroPath simulator's content (organisations, repositories, findings
 * with their status, notes and history).
 *
 * Not kept: deliveries still queued when it stopped (a job in flight is lost, as a Forge
 * invocation cut off would be; its KVS record stays), the event feed, injected faults, and the
 * Confluence simulator, which the app only reads and which starts from its seed every time.
 *
 * A file that cannot be read as a sandbox state stops the start with a message naming it, and is
 * never overwritten: a person's saved work is not replaced by an empty sandbox.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { type ForgeRuntime } from '../forge-runtime';
import { type KvsDump } from '../forge-runtime/kvs-service';
import { type JiraContentSnapshot } from '../sim/jira/jira-state-store';
import { type JiraSim } from '../sim/jira/jira-sim-server';
import { type ZeroPathContentSnapshot } from '../sim/zeropath/zeropath-store';
import { type ZeroPathSim } from '../sim/zeropath/zeropath-sim';

const FORMAT = 'zeropath-for-jira-sandbox-state';
const VERSION = 1;

export class SandboxStateError extends Error {
  override readonly name = 'SandboxStateError';
}

const kvsItemSchema = z.object({
  key: z.string().min(1),
  json: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  expireAt: z.number().optional(),
});
const entriesOf = <T extends z.ZodType>(value: T) => z.array(z.tuple([z.string(), value]));

/**
 * The envelope and every shape the import code relies on are checked; the records inside (issue
 * fields, finding bodies) are the simulators' own and were written by them.
 */
const stateFileSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  savedAt: z.string(),
  kvs: z.object({ values: z.array(kvsItemSchema), secrets: z.array(kvsItemSchema) }),
  jira: z.object({
    users: z.array(z.looseObject({ accountId: z.string() })),
    projects: z.array(z.looseObject({ id: z.string(), key: z.string(), issueTypeIds: z.array(z.string()) })),
    issues: z.array(
      z.looseObject({
        id: z.string(),
        key: z.string(),
        projectId: z.string(),
        properties: entriesOf(z.unknown()),
        comments: z.array(z.looseObject({ id: z.string() })),
        remoteLinks: z.array(z.unknown()),
        histories: z.array(z.unknown()),
      }),
    ),
    projectCounters: entriesOf(z.number().int()),
    next: z.object({
      issueId: z.number().int(),
      commentId: z.number().int(),
      changelogId: z.number().int(),
      remoteLinkId: z.number().int(),
    }),
  }),
  zeropath: z.object({
    organizations: z.array(z.looseObject({ id: z.string(), name: z.string() })),
    repositories: z.array(z.looseObject({ id: z.string() })),
    findings: z.array(z.looseObject({ id: z.string(), organizationId: z.string(), v2Status: z.string() })),
    notes: entriesOf(z.string()),
    history: entriesOf(z.array(z.unknown())),
    beforeArchive: entriesOf(z.string()),
    plantedSecrets: z.array(z.object({ findingId: z.string(), value: z.string() })),
  }),
});

export interface SandboxParts {
  readonly runtime: ForgeRuntime;
  readonly jira: JiraSim;
  readonly zeropath: ZeroPathSim;
}

/** The file's contents, or undefined when there is no file yet (a first start). */
export function readStateFile(file: string): z.infer<typeof stateFileSchema> | undefined {
  if (!existsSync(file)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SandboxStateError(
      `${file} is not a sandbox state file (not JSON: ${error instanceof Error ? error.message : String(error)}). ` +
        'Nothing was changed; pass another --state FILE or move this one away.',
    );
  }
  const parsed = stateFileSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first === undefined ? '' : ` at ${first.path.map(String).join('.') || '(top)'}: ${first.message}`;
    throw new SandboxStateError(
      `${file} is not a sandbox state file this version can read${where}. ` +
        'Nothing was changed; pass another --state FILE or move this one away.',
    );
  }
  return parsed.data;
}

/** Replaces the parts' content with the file's; answers what was restored, for the start message. */
export function restoreState(parts: SandboxParts, state: z.infer<typeof stateFileSchema>): string {
  parts.runtime.kvs.restore(state.kvs as KvsDump);
  parts.jira.state.importContent(state.jira as unknown as JiraContentSnapshot);
  parts.zeropath.persistence.importContent(state.zeropath as unknown as ZeroPathContentSnapshot);
  return `${state.kvs.values.length} app storage keys, ${state.jira.issues.length} Jira issues, ${state.zeropath.findings.length} ZeroPath findings (saved ${state.savedAt})`;
}

/** The whole state as the file's text. */
export function serializeState(parts: SandboxParts, savedAt: Date): string {
  return JSON.stringify({
    format: FORMAT,
    version: VERSION,
    savedAt: savedAt.toISOString(),
    kvs: parts.runtime.kvs.dump(),
    jira: parts.jira.state.exportContent(),
    zeropath: parts.zeropath.persistence.exportContent(),
  });
}

/**
 * Written beside the target and renamed over it, so a stop in the middle of a write leaves the
 * previous file whole. Owner-only: the file holds the app's KVS secrets (the ZeroPath token the
 * sandbox was connected with).
 */
export function writeStateFile(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  renameSync(temporary, file);
}
