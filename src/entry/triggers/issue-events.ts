import { z } from 'zod';
import { createForgeJobQueue } from '../../infra/queue/job-queue';
import { isRelevantComment, isRelevantStatusChange, syncDeletedIssue } from '../../app/sync/sync-from-jira';
import { MAX_QUEUED_PROSE, SYNC_COMMENT_JOB, SYNC_STATUS_JOB, type SyncJob } from '../../app/sync/sync-jobs';
import { extractProse } from '../../core/triage/adf-text';
import { type AdfNode } from '../../core/triage/triage-types';
import { createKvsSyncStateStore } from '../../infra/store/sync-state-store';
import { isTransientStoreError } from '../../infra/store/store-errors';
import { createServices } from '../services';
import { type InvocationError } from '@forge/events';
import { withQueueInvocationHealth } from '../invocation-health';
import { describeThrown } from '../../core/error-message';

/**
 * `avi:jira:updated:issue`, `avi:jira:commented:issue`, `avi:jira:deleted:issue` (ignoreSelf: the
 * app's own writes never come back here). The trigger decides relevance from KVS alone (seen
 * marker, link by issue id, status really changed, not the app's own last write) and returns;
 * the slow part (reading the issue and comments, classifying, calling ZeroPath) is a job on the
 * app's queue (see src/entry/consumers/sync-jobs.ts). A deleted issue only touches KVS: inline.
 */
const statusItemSchema = z.looseObject({
  field: z.string(),
  from: z.string().nullish(),
  to: z.string().nullish(),
});

const issueSchema = z.looseObject({
  id: z.string().min(1),
  key: z.string().min(1),
  fields: z
    .looseObject({
      status: z
        .looseObject({ id: z.string(), statusCategory: z.looseObject({ key: z.string() }).optional() })
        .nullish(),
    })
    .optional(),
});

const eventSchema = z.discriminatedUnion('eventType', [
  z.looseObject({
    eventType: z.literal('avi:jira:updated:issue'),
    issue: issueSchema,
    atlassianId: z.string().optional(),
    changelog: z
      .looseObject({
        id: z.union([z.string(), z.number()]).transform(String),
        items: z.array(statusItemSchema),
      })
      .optional(),
  }),
  z.looseObject({
    eventType: z.literal('avi:jira:commented:issue'),
    issue: issueSchema,
    atlassianId: z.string().optional(),
    comment: z.looseObject({
      id: z.string().min(1),
      created: z.string(),
      updated: z.string(),
      body: z.unknown(),
      author: z.looseObject({
        accountId: z.string(),
        displayName: z.string().optional(),
        accountType: z.string().optional(),
      }),
    }),
  }),
  z.looseObject({
    eventType: z.literal('avi:jira:deleted:issue'),
    issue: issueSchema,
    atlassianId: z.string().optional(),
  }),
]);

async function pushJob(job: SyncJob): Promise<void> {
  await createForgeJobQueue().push([{ ...job }]);
}

function proseOf(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '';
  return extractProse(body as AdfNode).slice(0, MAX_QUEUED_PROSE);
}

/**
 * The trigger's relevance check reads KVS, and a trigger that throws is never delivered again. When
 * that read fails for a reason waiting fixes, the event is queued anyway: the consumer checks
 * relevance again (duplicates and echoes are dropped there too) and a failing job is retried.
 */
async function relevantOrUnknown(check: () => Promise<{ relevant: boolean }>): Promise<boolean> {
  try {
    return (await check()).relevant;
  } catch (error) {
    if (isTransientStoreError(error)) return true;
    throw error;
  }
}

export async function handleIssueEvent(raw: unknown): Promise<InvocationError | undefined> {
  const event = typeof raw === 'object' && raw !== null ? (raw as { retryContext?: unknown }) : {};
  return withQueueInvocationHealth('issue-trigger', event, async () => {
    await handleParsedIssueEvent(raw);
    return undefined;
  });
}

async function handleParsedIssueEvent(raw: unknown): Promise<void> {
  const parsed = eventSchema.safeParse(raw);
  // Events the app cannot read (or types it does not handle) carry nothing to sync.
  if (!parsed.success) return;
  const event = parsed.data;
  const services = createServices();
  const deps = { links: services.links, syncState: createKvsSyncStateStore() };
  try {
    switch (event.eventType) {
      case 'avi:jira:updated:issue': {
        const item = event.changelog?.items.find((i) => i.field === 'status');
        if (event.changelog === undefined || item === undefined) return;
        const status = event.issue.fields?.status;
        const change = {
          issueId: event.issue.id,
          issueKey: event.issue.key,
          changelogId: event.changelog.id,
          from: item.from ?? null,
          to: item.to ?? null,
          ...(status?.statusCategory
            ? { eventStatus: { id: status.id, category: status.statusCategory.key } }
            : {}),
          actorAccountId: event.atlassianId ?? 'unknown',
        };
        if (await relevantOrUnknown(() => isRelevantStatusChange(deps, change)))
          await pushJob({ type: SYNC_STATUS_JOB, change });
        break;
      }
      case 'avi:jira:commented:issue': {
        const category = event.issue.fields?.status?.statusCategory?.key;
        const { author } = event.comment;
        const comment = {
          issueId: event.issue.id,
          issueKey: event.issue.key,
          comment: {
            id: event.comment.id,
            created: event.comment.created,
            updated: event.comment.updated,
            prose: proseOf(event.comment.body),
            author: {
              accountId: author.accountId,
              ...(author.displayName === undefined ? {} : { displayName: author.displayName }),
              ...(author.accountType === undefined ? {} : { accountType: author.accountType }),
            },
          },
          ...(category === undefined ? {} : { statusCategory: category }),
        };
        if (await relevantOrUnknown(() => isRelevantComment(deps, comment)))
          await pushJob({ type: SYNC_COMMENT_JOB, comment });
        break;
      }
      case 'avi:jira:deleted:issue':
        await syncDeletedIssue(
          { ...deps, now: () => new Date() },
          {
            issueId: event.issue.id,
            issueKey: event.issue.key,
            actorAccountId: event.atlassianId ?? 'unknown',
          },
        );
        break;
    }
  } catch (error) {
    // A trigger that throws is not redelivered: record it on Health so an admin sees it.
    const message = describeThrown(error);
    await services.health.recordRun('issue-trigger', { ok: false, message }).catch(() => undefined);
    throw error;
  }
  // Best effort, after the work: a storage error writing Health must not fail a trigger whose job is queued.
  await services.health.recordRun('issue-trigger', { ok: true }).catch(() => undefined);
}
