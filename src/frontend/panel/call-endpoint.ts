import { invoke } from '@forge/bridge';
import { type z } from 'zod';
import { responseEnvelopeOf, type Endpoint } from '../../contract/endpoint';
import { type Result } from '../../contract/result';

/**
 * Calls one panel endpoint and checks the answer against the shared contract, so the panel deals
 * with one shape: a transport failure or a drifted answer becomes an `internal` result.
 */
export async function callEndpoint<P extends z.ZodType, R extends z.ZodType>(
  endpoint: Endpoint<P, R>,
  payload: z.input<P>,
): Promise<Result<z.output<R>>> {
  let raw: unknown;
  try {
    raw = await invoke(endpoint.key, payload as Record<string, unknown>);
  } catch {
    return { ok: false, error: { kind: 'internal', message: 'Could not reach ZeroPath for Jira. Try again.' } };
  }
  const parsed = responseEnvelopeOf(endpoint).safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      error: { kind: 'internal', message: 'ZeroPath for Jira sent an answer this panel does not understand. Reload the issue.' },
    };
  }
  return parsed.data as Result<z.output<R>>;
}
