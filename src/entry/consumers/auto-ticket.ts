import { type InvocationError } from '@forge/events';
import { createKvsAutoTicketStore } from '../../infra/store/auto-ticket-store';
import { createAutoTickets } from '../../app/auto-ticket/create-auto-tickets';
import { autoTicketJobSchema } from '../../app/auto-ticket/plan-auto-tickets';
import { createKvsPendingExportStore } from '../../infra/store/pending-export-store';
import { redactForLog } from '../../core/redaction/redact-for-log';
import { ticketRelatedDocs } from '../../app/confluence/related-docs';
import { createServices } from '../services';
import { withQueueInvocationHealth } from '../invocation-health';
import { retryLater } from './retry-later';
import { createForgeJobQueue } from '../../infra/queue/job-queue';

interface AsyncEventLike {
  body?: unknown;
  retryContext?: unknown;
  jobId?: string;
  eventId?: string;
}

/**
 * Consumer of `zp-auto-ticket-queue`: one job = one bulk create through the export path. Work that
 * may succeed later (rate limits, a claim held by a racing export, Jira 5xx) is handed back to the
 * queue with `InvocationError`; the export's link and claim make the redelivery exactly-once.
 */
export async function autoTicketConsumer(event: AsyncEventLike): Promise<InvocationError | undefined> {
  return withQueueInvocationHealth('auto-ticket', event, () => consumeAutoTicketJob(event));
}

async function consumeAutoTicketJob(event: AsyncEventLike): Promise<InvocationError | undefined> {
  const job = autoTicketJobSchema.safeParse(event.body);
  if (!job.success) {
    // A malformed job can never succeed; retrying it would only repeat the failure.
    console.error(
      'auto-ticket job refused',
      redactForLog({ problem: job.error.issues.map((i) => i.message) }),
    );
    return undefined;
  }
  const services = createServices();
  const session = await services.openZeroPath();
  const store = createKvsAutoTicketStore();
  const result = await createAutoTickets(
    job.data,
    {
      config: session.config,
      store,
      exportDeps: {
        jira: services.jiraAsApp(),
        zeroPath: session.client,
        zeroPathBaseUrl: session.config.connection.baseUrl,
        relatedDocsUrl: ticketRelatedDocs(session.config.confluence),
        links: services.links,
        pending: createKvsPendingExportStore(),
        now: () => new Date(),
        queueSync: (job) => createForgeJobQueue().push([{ ...job }]),
      },
    },
    { jobId: event.eventId ?? event.jobId ?? 'unknown' },
  );
  if (result.status !== 'done') {
    // A rule switched off since queuing is not a failure; a blocked job is, and Health shows why.
    if (result.status === 'blocked')
      await services.health.recordRun('auto-ticket', { ok: false, message: result.reason });
    return undefined;
  }
  const { outcome } = result;
  console.info(
    'auto-tickets created',
    redactForLog({
      exported: outcome.exported.length,
      skipped: outcome.skipped.length,
      failed: outcome.failed.map((f) => f.reason),
      transient: outcome.transient.length,
    }),
  );
  if (outcome.failed.length > 0) {
    await services.health.recordRun('auto-ticket', {
      ok: false,
      message: outcome.failed[0]?.reason ?? 'A ticket could not be created.',
    });
  }
  if (outcome.transient.length === 0) return undefined;
  return retryLater(Math.max(...outcome.transient.map((t) => t.retryAfterSeconds ?? 30)));
}
