import { Queue } from '@forge/events';
import { trackQueuePush } from './queue-tracking';

/** The app's one queue (manifest: consumer `zp-jobs-consumer`); jobs are told apart by `type`. */
export const JOBS_QUEUE = 'zp-jobs';

export interface JobQueue {
  /** At most 50 events a call (the platform's limit); `delaySeconds` (≤ 900) holds them back. */
  push(events: Record<string, unknown>[], options?: { delaySeconds?: number }): Promise<void>;
}

export function createForgeJobQueue(key: string = JOBS_QUEUE): JobQueue {
  const queue = new Queue({ key });
  return {
    async push(events, options = {}) {
      const delay = options.delaySeconds === undefined ? {} : { delayInSeconds: Math.min(900, Math.max(0, Math.ceil(options.delaySeconds))) };
      const { jobId } = await queue.push(events.map((body) => ({ body, ...delay })));
      await trackQueuePush('jobs-consumer', key, jobId);
    },
  };
}
