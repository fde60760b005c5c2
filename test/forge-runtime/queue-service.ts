/**
 * The platform side of `@forge/events`' Queue: `push`, `getStats` and `cancel` arrive as POSTs to
 * `/webhook/queue/{publish|stats|cancel}/…` through `__requestAtlassianAsApp` (an `fpp` call to the
 * `stargate` remote). The SDK validates 50 events / 200 KB before sending; the service re-checks
 * the documented limits so a hand-built request gets the same answer (413 → PayloadTooBigError,
 * 429 → RateLimitError), and turns accepted events into pending deliveries.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/** Documented limits (reference §4.3, limits-async-events). */
export const QUEUE_LIMITS = {
  maxEventsPerPush: 50,
  maxPushKB: 200,
  maxEventsPerMinute: 500,
  maxDelaySeconds: 900,
} as const;

const pushSchema = z.object({
  queueName: z.string().min(1),
  jobId: z.string().min(1),
  payload: z
    .array(
      z.object({
        body: z.record(z.string(), z.unknown()),
        delayInSeconds: z.number().min(0).max(QUEUE_LIMITS.maxDelaySeconds).optional(),
        concurrency: z.object({ key: z.string(), limit: z.number().int().positive() }).optional(),
      }),
    )
    .min(1),
});
const jobRequestSchema = z.object({ queueName: z.string().min(1), jobId: z.string().min(1) });

export interface AcceptedQueueEvent {
  readonly queueName: string;
  readonly jobId: string;
  readonly eventId: string;
  readonly body: Record<string, unknown>;
  readonly delayInSeconds: number;
  readonly concurrency: { key: string; limit: number } | undefined;
}

type EventState = 'pending' | 'success' | 'failed' | 'cancelled';

export class QueueService {
  private readonly jobs = new Map<string, { queueName: string; events: Map<string, EventState> }>();
  private readonly pushTimes: number[] = [];

  constructor(
    private readonly consumedQueues: ReadonlySet<string>,
    private readonly now: () => number,
    private readonly onAccepted: (event: AcceptedQueueEvent) => void,
  ) {}

  /** Answers a stargate path the Queue SDK called, or `undefined` if the path is not a queue path. */
  handle(path: string, bodyText: string): Response | undefined {
    const op = /^\/webhook\/queue\/(publish|stats|cancel)\//.exec(path)?.[1];
    if (op === undefined) return undefined;
    let body: unknown;
    try {
      body = JSON.parse(bodyText);
    } catch {
      return Response.json({ message: 'Request body is not JSON' }, { status: 400 });
    }
    if (op === 'publish') return this.push(body, bodyText);
    const parsed = jobRequestSchema.safeParse(body);
    if (!parsed.success) return Response.json({ message: parsed.error.message }, { status: 400 });
    const job = this.jobs.get(parsed.data.jobId);
    if (job === undefined || job.queueName !== parsed.data.queueName) return new Response(null, { status: 404 });
    if (op === 'stats') {
      const states = [...job.events.values()];
      return Response.json({
        success: states.filter((s) => s === 'success').length,
        inProgress: states.filter((s) => s === 'pending').length,
        failed: states.filter((s) => s === 'failed').length,
      });
    }
    for (const [eventId, state] of job.events) if (state === 'pending') job.events.set(eventId, 'cancelled');
    return new Response(null, { status: 204 });
  }

  /** True while the event may still be delivered (not cancelled, not already settled as failed). */
  isDeliverable(jobId: string, eventId: string): boolean {
    const state = this.jobs.get(jobId)?.events.get(eventId);
    return state === 'pending' || state === 'success';
  }

  settleEvent(jobId: string, eventId: string, outcome: 'success' | 'failed'): void {
    const events = this.jobs.get(jobId)?.events;
    // A duplicate delivery of an event that already succeeded must not turn it into a failure.
    if (events === undefined || events.get(eventId) === 'success') return;
    events.set(eventId, outcome);
  }

  private push(body: unknown, bodyText: string): Response {
    const parsed = pushSchema.safeParse(body);
    if (!parsed.success) return Response.json({ message: `Invalid push request: ${parsed.error.message}` }, { status: 400 });
    const { queueName, jobId, payload } = parsed.data;
    if (!this.consumedQueues.has(queueName)) {
      return Response.json(
        { message: `forge-runtime: no consumer module in the manifest reads queue '${queueName}'` },
        { status: 400 },
      );
    }
    if (payload.length > QUEUE_LIMITS.maxEventsPerPush) {
      return Response.json({ message: `This push contains more than the ${QUEUE_LIMITS.maxEventsPerPush} events allowed.` }, { status: 400 });
    }
    if (Buffer.byteLength(JSON.stringify(payload)) / 1024 > QUEUE_LIMITS.maxPushKB || bodyText.length > 4 * 1024 * 1024) {
      return Response.json({ errorMessage: `The maximum payload size is ${QUEUE_LIMITS.maxPushKB}KB.` }, { status: 413 });
    }
    const now = this.now();
    while (this.pushTimes.length > 0 && (this.pushTimes[0] ?? 0) <= now - 60_000) this.pushTimes.shift();
    if (this.pushTimes.length + payload.length > QUEUE_LIMITS.maxEventsPerMinute) {
      return Response.json({ message: 'Too many requests.' }, { status: 429 });
    }
    for (let i = 0; i < payload.length; i += 1) this.pushTimes.push(now);

    const events = new Map<string, EventState>();
    this.jobs.set(jobId, { queueName, events });
    for (const event of payload) {
      const eventId = randomUUID();
      events.set(eventId, 'pending');
      this.onAccepted({
        queueName,
        jobId,
        eventId,
        body: event.body,
        delayInSeconds: event.delayInSeconds ?? 0,
        concurrency: event.concurrency,
      });
    }
    return Response.json({ jobId }, { status: 201 });
  }
}
