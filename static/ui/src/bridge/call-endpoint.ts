import { invoke } from '@forge/bridge';
import { type z } from 'zod';
import { responseEnvelopeOf, type Endpoint } from '../../../../src/contract/endpoint';
import { type Result } from '../../../../src/contract/result';

/**
 * Calls one resolver endpoint and checks the answer against the shared contract. A transport
 * failure or an answer that does not match the contract becomes an `internal` result, so pages
 * handle one shape only.
 */
export async function callEndpoint<P extends z.ZodType, R extends z.ZodType>(
  endpoint: Endpoint<P, R>,
  payload: z.input<P>,
): Promise<Result<z.output<R>>> {
  let raw: unknown;
  try {
    raw = await invoke(endpoint.key, payload as Record<string, unknown>);
  } catch {
    return {
      ok: false,
      error: {
        kind: 'internal',
        message: 'Could not reach ZeroPath for Jira. Reload the page and try again.',
      },
    };
  }
  const parsed = responseEnvelopeOf(endpoint).safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        kind: 'internal',
        message: 'ZeroPath for Jira sent an answer this page does not understand. Reload the page.',
      },
    };
  }
  return parsed.data as Result<z.output<R>>;
}
