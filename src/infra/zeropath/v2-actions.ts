import { z } from 'zod';
import { type ZeroPathCapabilities } from './zeropath-capabilities';
import { ZeroPathRequestError, ZeroPathUnavailableError } from './zeropath-errors';
import { type ZeroPathHttp } from './zeropath-http';
import { invokeOperation } from './zeropath-manifest';
import { V2_STATUSES, type V2Status } from './zeropath-statuses';

/**
 * Status, archive and note writes. V2 operations come from the connected ZeroPath's manifest
 * (zeropath-capabilities.ts), never from constants; when the manifest has none for a need, the
 * documented V1 action that fits is used (mark-false-positive, archive, mark-true-positive — SEEN in
 * ZeroPath's own clients, zeropath-api.md §2.4), and otherwise the write is refused with a
 * ZeroPathUnsupportedError naming what the user should expect.
 */

/** The connected ZeroPath cannot do what was asked, over V2 or V1; nothing was sent. */
export class ZeroPathUnsupportedError extends ZeroPathRequestError {
  constructor(
    readonly need: 'status' | 'notes',
    message: string,
  ) {
    super(message);
  }
}

export interface StatusChangeResult {
  via: 'v2' | 'v1';
  /** The V2 operation name or the V1 action path's last segment. */
  operation: string;
  /** What ZeroPath was asked to record (may differ from the request when a V1 action stands in). */
  recordedAs: V2Status;
  /** False when the reason could not travel (V1 actions take none); it stays in Jira's audit trail. */
  reasonSent: boolean;
}

export interface WriteContext {
  http: ZeroPathHttp;
  organizationId: string;
  capabilities: ZeroPathCapabilities;
  /** One V1 action call `{issueId, organizationId}`. */
  v1Action(action: V1Action, id: string): Promise<void>;
}

export type V1Action = 'mark-false-positive' | 'mark-true-positive' | 'archive' | 'unarchive';

/** ZeroPath's docs: one org-shared note ≤ 5,000 characters (§2.5); a tighter published schema wins. */
export const MAX_NOTES_LENGTH = 5000;

/** Sent where a schema demands a reason and the caller had none. */
export const DEFAULT_REASON = 'Changed from Jira by ZeroPath for Jira.';
const REOPEN_STATUSES: ReadonlySet<V2Status> = new Set(['PENDING_REVIEW', 'REVIEWING', 'BACKLOG']);
const anyResponse = z.unknown();

function fitReason(
  reason: string | undefined,
  required: boolean,
  maxLength: number | undefined,
): string | undefined {
  const text = reason ?? (required ? DEFAULT_REASON : undefined);
  if (text === undefined || maxLength === undefined || text.length <= maxLength) return text;
  // The full reason stays in Jira's audit trail; ZeroPath gets what its schema allows.
  return `${text.slice(0, Math.max(0, maxLength - 1))}…`;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Which V1 action stands in for a status when no V2 operation can set it (undefined: none fits). */
export function v1FallbackFor(status: V2Status): { action: V1Action; recordedAs: V2Status } | undefined {
  if (status === 'FALSE_POSITIVE') return { action: 'mark-false-positive', recordedAs: 'FALSE_POSITIVE' };
  if (status === 'ACCEPTED_RISK') return { action: 'archive', recordedAs: 'ACCEPTED_RISK' };
  if (REOPEN_STATUSES.has(status)) return { action: 'mark-true-positive', recordedAs: 'REVIEWING' };
  return undefined;
}

export async function changeStatus(
  ctx: WriteContext,
  ids: readonly string[],
  status: V2Status,
  reason?: string,
): Promise<StatusChangeResult> {
  if (ids.length === 0)
    throw new ZeroPathRequestError('A ZeroPath status change needs at least one finding id.');
  if (!(V2_STATUSES as readonly string[]).includes(status)) {
    throw new ZeroPathRequestError(
      `'${String(status)}' is not a ZeroPath V2 status (${V2_STATUSES.join(', ')}).`,
    );
  }
  const { capabilities } = ctx;
  const fallback = v1FallbackFor(status);
  const cap = capabilities.status;
  if (cap !== undefined && cap.statuses.includes(status)) {
    const text = cap.acceptsReason ? fitReason(reason, cap.reasonRequired, cap.reasonMaxLength) : undefined;
    try {
      for (const batch of chunk(ids, cap.maxIds)) {
        const args: Record<string, unknown> = {
          status,
          [cap.idsField]: cap.idsField === 'issueIds' ? batch : batch[0],
        };
        if (text !== undefined) args['reason'] = text;
        await invokeOperation(
          ctx.http,
          cap.operation,
          args,
          ctx.organizationId,
          anyResponse,
          `finding among ${batch.join(', ')}`,
        );
      }
      return { via: 'v2', operation: cap.operation.name, recordedAs: status, reasonSent: text !== undefined };
    } catch (error) {
      // V2 down: a documented V1 action still gets the decision to ZeroPath; without one, retry later.
      if (!(error instanceof ZeroPathUnavailableError) || fallback === undefined) throw error;
    }
  }
  if (status === 'ACCEPTED_RISK' && capabilities.archive !== undefined) {
    const archive = capabilities.archive;
    const text = archive.acceptsReason
      ? fitReason(reason, archive.reasonRequired, archive.reasonMaxLength)
      : undefined;
    try {
      for (const batch of chunk(ids, archive.maxIds)) {
        const args: Record<string, unknown> = { issueIds: batch };
        if (text !== undefined) args['reason'] = text;
        await invokeOperation(
          ctx.http,
          archive.operation,
          args,
          ctx.organizationId,
          anyResponse,
          `finding among ${batch.join(', ')}`,
        );
      }
      return {
        via: 'v2',
        operation: archive.operation.name,
        recordedAs: 'ACCEPTED_RISK',
        reasonSent: text !== undefined,
      };
    } catch (error) {
      if (!(error instanceof ZeroPathUnavailableError)) throw error;
    }
  }
  if (fallback === undefined) {
    throw new ZeroPathUnsupportedError('status', unsupportedStatusMessage(status, capabilities));
  }
  for (const id of ids) await ctx.v1Action(fallback.action, id);
  return { via: 'v1', operation: fallback.action, recordedAs: fallback.recordedAs, reasonSent: false };
}

export function unsupportedStatusMessage(status: V2Status, capabilities: ZeroPathCapabilities): string {
  const why =
    capabilities.manifest === 'unavailable'
      ? 'its tool manifest could not be read'
      : capabilities.status === undefined
        ? 'its tool manifest publishes no status operation'
        : `its status operation (${capabilities.status.operation.name}) does not accept ${status}`;
  return `ZeroPath was not changed to ${status}: ${why}, and ZeroPath's V1 API has no action for it. The decision is kept in Jira and in the audit trail.`;
}

export async function writeNotes(ctx: WriteContext, id: string, notes: string): Promise<{ sent: string }> {
  const cap = ctx.capabilities.notes;
  if (cap === undefined) {
    throw new ZeroPathUnsupportedError(
      'notes',
      `The Jira comment was not copied to ZeroPath: ${
        ctx.capabilities.manifest === 'unavailable'
          ? "ZeroPath's tool manifest could not be read"
          : "ZeroPath's tool manifest publishes no notes operation"
      }, and V1 has none. The comment stays in Jira.`,
    );
  }
  const sent =
    cap.maxLength !== undefined && notes.length > cap.maxLength
      ? `${notes.slice(0, cap.maxLength - 1)}…`
      : notes;
  await invokeOperation(
    ctx.http,
    cap.operation,
    { issueId: id, notes: sent },
    ctx.organizationId,
    anyResponse,
    `finding ${id}`,
  );
  return { sent };
}
