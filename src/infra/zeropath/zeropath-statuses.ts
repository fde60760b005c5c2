import { type FindingStatus } from '../../core/finding/finding';

/**
 * ZeroPath's two status vocabularies and how the app maps them. The V1 list is SEEN in ZeroPath's
 * VS Code and Backstage clients; the V1↔V2 correspondence and the domain mapping are INFERRED
 * (zeropath-api.md §3.3) and shared with the ZeroPath simulator — this is the one place in the app
 * that encodes them.
 */
export const V1_STATUSES = [
  'open',
  'processing',
  'patched',
  'closed',
  'falsePositive',
  'notExploitable',
  'archived',
  'silenced',
] as const;
export type V1Status = (typeof V1_STATUSES)[number];

/** V2 status vocabulary (SEEN in ZeroPath's docs); which ones can be written depends on the manifest. */
export const V2_STATUSES = [
  'PENDING_REVIEW',
  'REVIEWING',
  'PATCHING',
  'RESOLVED',
  'BACKLOG',
  'FALSE_POSITIVE',
  'NON_EXPLOITABLE',
  'ACCEPTED_RISK',
] as const;
export type V2Status = (typeof V2_STATUSES)[number];

/** Inferred: V1 wire status → the app's normalised status. */
const DOMAIN_STATUS_BY_V1: Readonly<Record<V1Status, FindingStatus>> = {
  open: 'open',
  processing: 'in_progress',
  patched: 'resolved',
  closed: 'resolved',
  falsePositive: 'false_positive',
  notExploitable: 'non_exploitable',
  archived: 'accepted_risk',
  silenced: 'accepted_risk',
};

export function mapV1Status(status: V1Status): FindingStatus {
  return DOMAIN_STATUS_BY_V1[status];
}

/**
 * The V1 `types` filter values that cover one domain status. Several V1 statuses collapse into one
 * domain status, so a filter on the domain status must ask for all of them.
 */
export function v1TypesForStatuses(statuses: readonly FindingStatus[]): V1Status[] {
  const wanted = new Set(statuses);
  return V1_STATUSES.filter((v1) => wanted.has(DOMAIN_STATUS_BY_V1[v1]));
}

/** Inferred, as the simulator renders it: the V1 status a V2 status reads back as. */
const V1_OF_V2: Readonly<Record<V2Status, V1Status>> = {
  PENDING_REVIEW: 'open',
  REVIEWING: 'open',
  BACKLOG: 'open',
  PATCHING: 'processing',
  RESOLVED: 'patched',
  FALSE_POSITIVE: 'falsePositive',
  NON_EXPLOITABLE: 'notExploitable',
  ACCEPTED_RISK: 'archived',
};

export function v1StatusOfV2(status: string): V1Status | undefined {
  return (V2_STATUSES as readonly string[]).includes(status) ? V1_OF_V2[status as V2Status] : undefined;
}

/** The V2 `statuses` filter values that cover domain statuses (inverse of the two mappings above). */
export function v2StatusesFor(statuses: readonly FindingStatus[]): V2Status[] {
  const wanted = new Set(statuses);
  return V2_STATUSES.filter((v2) => wanted.has(DOMAIN_STATUS_BY_V1[V1_OF_V2[v2]]));
}
