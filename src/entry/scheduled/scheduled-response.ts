/**
 * What a scheduled-trigger function returns to Forge. The scheduled-trigger events reference
 * (developer.atlassian.com/platform/forge/events-reference/scheduled-trigger) asks for a response
 * object with an integer `statusCode` (optional `body`, `headers`, `statusText`): 204 is success,
 * 5xx an error, and anything else, `undefined` included, is recorded as `424 Failed dependency`.
 * The scheduledTrigger module page says a returned value is ignored; we follow the stricter page.
 * Scheduled triggers are never retried either way, so a 500 only makes the failure visible in
 * the developer console; what went wrong is already on the app's Health page.
 */
export interface ScheduledTriggerResponse {
  readonly statusCode: number;
  readonly statusText?: string;
}

/** 204 when every step finished (or had nothing to do), 500 naming the steps that failed. */
export function scheduledTriggerResponse(failedSteps: readonly string[] = []): ScheduledTriggerResponse {
  return failedSteps.length === 0
    ? { statusCode: 204 }
    : { statusCode: 500, statusText: `failed: ${failedSteps.join(', ')}` };
}
