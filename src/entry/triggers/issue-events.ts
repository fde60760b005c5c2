import { InvocationError, InvocationErrorCode } from '@forge/events';
import { z } from 'zod';
import {
  isRelevantStatusChange,
  syncComment,
  syncDeletedIssue,
  syncStatusChange,
  type JiraSyncDeps,
} from '../../app/sync/sync-from-jira';
import { retryAfterSecondsOf } from '../../app/sync/sync-errors';
import { openZeroPath, NotConnectedError } from '../../app/connection/zeropath-access';
import { createJiraClient } from '../../infra/jira/jira-client';
import { forgeJiraRequester } from '../../infra/jira/jira-requester';
import { JiraRateLimitedError } from '../../infra/jira/jira-errors';
import { ZeroPathRateLimitedError } from '../../infra/zeropath/zeropath-errors';
import { createKvsSyncStateStore } from '../../infra/store/sync-state-store';
import { createServices } from '../services';

/**
 * `avi:jira:updated:issue`, `avi:jira:commented:issue`, `avi:jira:deleted:issue` (ignoreSelf: the
 * app's own writes never come back here). Relevance is decided from KVS alone; the bounded work
 * that follows (one issue read, at most two comment pages, two ZeroPath calls) runs here, and a
 * rate limit or outage on either side asks Forge to deliver the event again later.
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
    changelog: z.looseObject({ id: z.union([z.string(), z.number()]).transform(String), items: z.array(statusItemSchema) }).optional(),
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

const JIRA_RETRY_BUDGET_MS = 10_000;

function createDeps(): JiraSyncDeps {
  const services = createServices();
  return {
    links: services.links,
    health: services.health,
    syncState: createKvsSyncStateStore(),
    // A short in-invocation retry; a longer wait becomes a redelivery.
    jira: createJiraClient(forgeJiraRequester('app'), { retry: { budgetMs: JIRA_RETRY_BUDGET_MS } }),
    openZeroPath: () => openZeroPath({ config: services.config, credentials: services.credentials, fetch: services.zeroPathFetch }),
    readConfig: () => services.config.read(),
    now: () => new Date(),
  };
}

export async function handleIssueEvent(raw: unknown): Promise<InvocationError | undefined> {
  const parsed = eventSchema.safeParse(raw);
  // Events the app cannot read (or types it does not handle) carry nothing to sync.
  if (!parsed.success) return undefined;
  const event = parsed.data;
  const deps = createDeps();
  try {
    switch (event.eventType) {
      case 'avi:jira:updated:issue': {
        const item = event.changelog?.items.find((i) => i.field === 'status');
        if (event.changelog === undefined || item === undefined) return undefined;
        const status = event.issue.fields?.status;
        const change = {
          issueId: event.issue.id,
          issueKey: event.issue.key,
          changelogId: event.changelog.id,
          from: item.from ?? null,
          to: item.to ?? null,
          ...(status?.statusCategory ? { eventStatus: { id: status.id, category: status.statusCategory.key } } : {}),
          actorAccountId: event.atlassianId ?? 'unknown',
        };
        const relevance = await isRelevantStatusChange(deps, change);
        if (!relevance.relevant) return undefined;
        await syncStatusChange(deps, change, relevance.link);
        break;
      }
      case 'avi:jira:commented:issue': {
        const category = event.issue.fields?.status?.statusCategory?.key;
        await syncComment(deps, {
          issueId: event.issue.id,
          issueKey: event.issue.key,
          comment: event.comment,
          ...(category === undefined ? {} : { statusCategory: category }),
        });
        break;
      }
      case 'avi:jira:deleted:issue':
        await syncDeletedIssue(deps, {
          issueId: event.issue.id,
          issueKey: event.issue.key,
          actorAccountId: event.atlassianId ?? 'unknown',
        });
        break;
    }
    await deps.health.recordRun('issue-trigger', { ok: true });
    return undefined;
  } catch (error) {
    return handleFailure(deps, error);
  }
}

async function handleFailure(deps: JiraSyncDeps, error: unknown): Promise<InvocationError | undefined> {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
  await deps.health.recordRun('issue-trigger', { ok: false, message });
  if (error instanceof NotConnectedError) return undefined;
  const retryAfter = retryAfterSecondsOf(error);
  if (retryAfter === undefined) {
    // Not fixed by waiting (bad data, permissions): recorded on Health, not retried forever.
    console.error(`issue-events: ${message}`);
    return undefined;
  }
  if (error instanceof ZeroPathRateLimitedError) await deps.health.recordRateLimit('issue-trigger', 'zeropath');
  if (error instanceof JiraRateLimitedError) await deps.health.recordRateLimit('issue-trigger', 'jira');
  return new InvocationError({
    retryAfter,
    retryReason:
      error instanceof ZeroPathRateLimitedError || error instanceof JiraRateLimitedError
        ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED
        : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
  });
}
