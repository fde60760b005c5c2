import { type ZeroPathSupport } from '../../contract/admin';
import { type ZeroPathCapabilities } from '../../infra/zeropath/zeropath-capabilities';
import { type V2Status } from '../../infra/zeropath/zeropath-statuses';

/**
 * Says, per need, what the connected ZeroPath supports and what a missing operation means for the
 * people using the app — the Connection tab and Health show these lines verbatim.
 */
type Line = ZeroPathSupport['lines'][number];

function statusLine(
  caps: ZeroPathCapabilities,
  need: string,
  label: string,
  status: V2Status,
  fallback: string | undefined,
): Line {
  const op = caps.status;
  if (op !== undefined && op.statuses.includes(status)) {
    const reason = op.acceptsReason
      ? ' with the reason from Jira'
      : '; the reason stays in Jira (the operation takes none)';
    return {
      need,
      label,
      support: 'zeropath',
      detail: `Recorded as ${status} through ${op.operation.name}${reason}.`,
    };
  }
  if (fallback !== undefined) return { need, label, support: 'fallback', detail: fallback };
  return {
    need,
    label,
    support: 'missing',
    detail: `Not sent to ZeroPath: ${
      caps.manifest === 'unavailable'
        ? 'its tool manifest could not be read'
        : 'no published operation can set it'
    } and V1 has no action for it. The Jira issue still closes; each skip is written to the finding's audit trail.`,
  };
}

export function describeSupport(caps: ZeroPathCapabilities): ZeroPathSupport {
  const archiveDetail =
    caps.archive !== undefined
      ? `Recorded as archived through ${caps.archive.operation.name}${caps.archive.acceptsReason ? ' with the reason from Jira' : ''}.`
      : 'Recorded as archived with the V1 archive action; the reason stays in Jira.';
  const lines: Line[] = [
    statusLine(caps, 'resolve', 'Resolved', 'RESOLVED', undefined),
    statusLine(
      caps,
      'false-positive',
      'False positive',
      'FALSE_POSITIVE',
      'Recorded with the V1 mark-false-positive action; the reason stays in Jira.',
    ),
    statusLine(
      caps,
      'accepted-risk',
      'Accepted risk',
      'ACCEPTED_RISK',
      `Accepted risk will be recorded as archived: ${archiveDetail}`,
    ),
    statusLine(
      caps,
      'reopen',
      'Reopen',
      'REVIEWING',
      'Recorded with the V1 mark-true-positive action (ZeroPath shows the finding as open again); the reason stays in Jira.',
    ),
    caps.notes !== undefined
      ? {
          need: 'notes',
          label: 'Jira comments → ZeroPath note',
          support: 'zeropath',
          detail: `Mirrored through ${caps.notes.operation.name}${caps.notes.maxLength !== undefined ? ` (cut to ${caps.notes.maxLength} characters)` : ''}.`,
        }
      : {
          need: 'notes',
          label: 'Jira comments → ZeroPath note',
          support: 'missing',
          detail:
            'Not mirrored: ZeroPath publishes no notes operation and V1 has none. Comments stay in Jira.',
        },
    caps.archive !== undefined
      ? {
          need: 'archive',
          label: 'Archive',
          support: 'zeropath',
          detail: `Through ${caps.archive.operation.name}.`,
        }
      : {
          need: 'archive',
          label: 'Archive',
          support: 'fallback',
          detail: 'Through the V1 archive action (no reason).',
        },
    caps.search !== undefined
      ? {
          need: 'search',
          label: 'Findings search',
          support: 'zeropath',
          detail: `ZeroPath filters the findings page by ${[
            'scoreLevels',
            'scoreRange',
            'statuses',
            'codeScanTypes',
            'searchQuery',
          ]
            .filter((f) => caps.search?.fields.includes(f))
            .join(', ')} through ${caps.search.operation.name}; a repository filter uses V1.`,
        }
      : {
          need: 'search',
          label: 'Findings search',
          support: 'fallback',
          detail:
            'V1 issues/search filters status, scan type, repository and text; severity is filtered by the app across pages (slower).',
        },
    {
      need: 'read-one',
      label: 'Read one finding',
      support: 'fallback',
      detail: 'V1 issues/get (ZeroPath publishes no V2 item shape).',
    },
  ];
  const support: ZeroPathSupport = { checkedAt: caps.checkedAt, manifest: caps.manifest, lines };
  if (caps.problem !== undefined) support.problem = caps.problem;
  return support;
}
