import { ZeroPathRequestError } from './zeropath-errors';
import { type ZeroPathHttp } from './zeropath-http';
import { v2UpdateNotesResponseSchema, v2UpdateStatusResponseSchema } from './zeropath-schemas';
import { V2_STATUSES, type V2Status } from './zeropath-statuses';

/**
 * The only V2 calls the app makes: V1 has no endpoint for accepted risk, non-exploitable, resolved
 * or a generic reopen, and none for notes (zeropath-api.md §2.4, §2.5).
 *
 * Evidence: ZeroPath's docs list V2 statuses and say V2 issue tools "triage, update status and
 * severity" [S17]; its MCP server's V2 `issues.archive` takes batch `issueIds` + `reason` [S3]; the
 * api-tokens page describes one org-shared note per issue, ≤ 5,000 chars, cleared by an empty value
 * [S2]. The paths and bodies below were NOT seen: they are INFERRED and agreed with the ZeroPath
 * simulator. Verify against `https://zeropath.com/mcp-manifest.json` before relying on them.
 */
export const UPDATE_STATUS_PATH = '/api/v2/issues/updateStatus';
export const UPDATE_NOTES_PATH = '/api/v2/issues/updateNotes';
export const MAX_STATUS_BATCH = 100;
export const MAX_REASON_LENGTH = 2000;
export const MAX_NOTES_LENGTH = 5000;

export interface StatusUpdate {
  id: string;
  status: string;
}

export async function updateStatus(
  http: ZeroPathHttp,
  organizationId: string,
  ids: readonly string[],
  status: V2Status,
  reason?: string,
): Promise<StatusUpdate[]> {
  if (ids.length === 0 || ids.length > MAX_STATUS_BATCH) {
    throw new ZeroPathRequestError(
      `A ZeroPath status update takes 1–${MAX_STATUS_BATCH} finding ids; got ${ids.length}. Split the batch.`,
    );
  }
  if (!(V2_STATUSES as readonly string[]).includes(status)) {
    throw new ZeroPathRequestError(`'${String(status)}' is not a ZeroPath V2 status (${V2_STATUSES.join(', ')}).`);
  }
  if (reason !== undefined && reason.length > MAX_REASON_LENGTH) {
    throw new ZeroPathRequestError(
      `A ZeroPath status reason is at most ${MAX_REASON_LENGTH} characters; got ${reason.length}. Shorten it.`,
    );
  }
  const body = reason === undefined ? { organizationId, issueIds: ids, status } : { organizationId, issueIds: ids, status, reason };
  const response = await http.post(UPDATE_STATUS_PATH, body, v2UpdateStatusResponseSchema, `finding among ${ids.join(', ')}`);
  return response.updated;
}

export async function updateNotes(
  http: ZeroPathHttp,
  organizationId: string,
  id: string,
  notes: string,
): Promise<{ id: string; notes: string }> {
  if (notes.length > MAX_NOTES_LENGTH) {
    throw new ZeroPathRequestError(
      `ZeroPath notes are at most ${MAX_NOTES_LENGTH} characters; got ${notes.length}. Shorten them.`,
    );
  }
  return http.post(UPDATE_NOTES_PATH, { organizationId, issueId: id, notes }, v2UpdateNotesResponseSchema, `finding ${id}`);
}
