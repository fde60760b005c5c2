import { z } from 'zod';
import { inputProperties, requiredInputs, type ParsedManifest, type V2Operation } from './zeropath-manifest';

/**
 * What the connected ZeroPath can do over V2, found in its published manifest rather than assumed.
 * Each need the app has is matched to an operation by name *and* input schema: a tool counts only
 * if its schema takes what the app would send (a status enum with the wanted value, an id list…).
 * Whatever is not found falls back to V1 actions or is skipped, and says so (describe-capabilities).
 */
export interface StatusCapability {
  operation: V2Operation;
  /** V2 statuses the operation's schema accepts. */
  statuses: string[];
  idsField: 'issueIds' | 'issueId';
  /** Largest batch the schema allows (1 for a single-id operation). */
  maxIds: number;
  reasonRequired: boolean;
  /** Absent when the schema has no reason field: the reason then stays in Jira only. */
  reasonMaxLength?: number;
  acceptsReason: boolean;
}

export interface NotesCapability {
  operation: V2Operation;
  maxLength?: number;
}

export interface ArchiveCapability {
  operation: V2Operation;
  maxIds: number;
  acceptsReason: boolean;
  reasonRequired: boolean;
  reasonMaxLength?: number;
}

export interface SearchCapability {
  operation: V2Operation;
  /** Filter and paging fields the schema has (offset, limit, statuses, scoreLevels…). */
  fields: string[];
  maxLimit: number;
  statuses: string[];
  scoreLevels: string[];
  sortFields: string[];
}

export interface ZeroPathCapabilities {
  checkedAt: string;
  /** `unavailable`: the manifest could not be read; everything V2 is off until the next check. */
  manifest: 'found' | 'unavailable';
  problem?: string;
  /** Manifest tools the app could not parse, by name. */
  rejected: string[];
  status?: StatusCapability;
  notes?: NotesCapability;
  archive?: ArchiveCapability;
  search?: SearchCapability;
}

type Props = Record<string, Record<string, unknown>>;

function enumOf(schema: Record<string, unknown> | undefined): string[] {
  if (schema === undefined) return [];
  const direct = schema['enum'];
  if (Array.isArray(direct)) return direct.filter((v): v is string => typeof v === 'string');
  const items = schema['items'];
  if (typeof items === 'object' && items !== null) return enumOf(items as Record<string, unknown>);
  return [];
}

function numberField(schema: Record<string, unknown> | undefined, key: string): number | undefined {
  const value = schema?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function isType(schema: Record<string, unknown> | undefined, type: string): boolean {
  const declared = schema?.['type'];
  return declared === type || (Array.isArray(declared) && declared.includes(type));
}

function byPreference(preferred: string) {
  return (a: V2Operation, b: V2Operation) =>
    (a.name === preferred ? 0 : 1) - (b.name === preferred ? 0 : 1) || a.name.localeCompare(b.name);
}

function idsShape(props: Props): { idsField: 'issueIds' | 'issueId'; maxIds: number } | undefined {
  const many = props['issueIds'];
  if (isType(many, 'array')) return { idsField: 'issueIds', maxIds: numberField(many, 'maxItems') ?? 100 };
  if (isType(props['issueId'], 'string')) return { idsField: 'issueId', maxIds: 1 };
  return undefined;
}

function findStatus(operations: V2Operation[]): StatusCapability | undefined {
  for (const operation of operations
    .filter((op) => op.name.startsWith('issues.'))
    .sort(byPreference('issues.updateStatus'))) {
    const props = inputProperties(operation);
    const statuses = enumOf(props['status']);
    const ids = idsShape(props);
    if (statuses.length === 0 || ids === undefined) continue;
    const reason = props['reason'];
    const capability: StatusCapability = {
      operation,
      statuses,
      ...ids,
      acceptsReason: isType(reason, 'string'),
      reasonRequired: requiredInputs(operation).includes('reason'),
    };
    const max = numberField(reason, 'maxLength');
    if (max !== undefined) capability.reasonMaxLength = max;
    return capability;
  }
  return undefined;
}

function findNotes(operations: V2Operation[]): NotesCapability | undefined {
  for (const operation of operations
    .filter((op) => op.name.startsWith('issues.'))
    .sort(byPreference('issues.updateNotes'))) {
    const props = inputProperties(operation);
    if (!isType(props['notes'], 'string') || !isType(props['issueId'], 'string')) continue;
    const max = numberField(props['notes'], 'maxLength');
    return max === undefined ? { operation } : { operation, maxLength: max };
  }
  return undefined;
}

function findArchive(operations: V2Operation[]): ArchiveCapability | undefined {
  const operation = operations.find((op) => op.name === 'issues.archive');
  if (operation === undefined) return undefined;
  const props = inputProperties(operation);
  const ids = idsShape(props);
  if (ids === undefined) return undefined;
  const capability: ArchiveCapability = {
    operation,
    maxIds: ids.maxIds,
    acceptsReason: isType(props['reason'], 'string'),
    reasonRequired: requiredInputs(operation).includes('reason'),
  };
  const max = numberField(props['reason'], 'maxLength');
  if (max !== undefined) capability.reasonMaxLength = max;
  return ids.idsField === 'issueIds' ? capability : undefined;
}

function findSearch(operations: V2Operation[]): SearchCapability | undefined {
  const candidates = operations
    .filter((op) => op.name === 'issues.list' || op.name === 'issues.search')
    .sort(byPreference('issues.list'));
  for (const operation of candidates) {
    const props = inputProperties(operation);
    // Offset paging is what the app pages with; an operation without it cannot serve a findings page.
    if (!isType(props['offset'], 'integer') && !isType(props['offset'], 'number')) continue;
    if (!isType(props['limit'], 'integer') && !isType(props['limit'], 'number')) continue;
    return {
      operation,
      fields: Object.keys(props),
      maxLimit: numberField(props['limit'], 'maximum') ?? 25,
      statuses: enumOf(props['statuses']),
      scoreLevels: enumOf(props['scoreLevels']),
      sortFields: enumOf(props['sortBy']),
    };
  }
  return undefined;
}

export function discoverCapabilities(manifest: ParsedManifest, checkedAt: string): ZeroPathCapabilities {
  const { operations } = manifest;
  const capabilities: ZeroPathCapabilities = { checkedAt, manifest: 'found', rejected: manifest.rejected };
  const status = findStatus(operations);
  const notes = findNotes(operations);
  const archive = findArchive(operations);
  const search = findSearch(operations);
  if (status) capabilities.status = status;
  if (notes) capabilities.notes = notes;
  if (archive) capabilities.archive = archive;
  if (search) capabilities.search = search;
  return capabilities;
}

export function capabilitiesWithoutManifest(problem: string, checkedAt: string): ZeroPathCapabilities {
  return { checkedAt, manifest: 'unavailable', problem, rejected: [] };
}

/**
 * What is cached: the operations chosen (not the whole manifest, which can list many tools) and the
 * outcome. Derived fields are recomputed on load so a cached record cannot disagree with its schema.
 */
const cachedOperation = z.object({
  name: z.string(),
  httpMethod: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  httpPath: z.string().regex(/^\/api\/v2\//),
  inputSchema: z.record(z.string(), z.unknown()),
  orgIdBehavior: z.enum(['none', 'required', 'inject-if-missing']),
});
export const cachedCapabilitiesSchema = z.object({
  baseUrl: z.string(),
  checkedAt: z.string(),
  manifest: z.enum(['found', 'unavailable']),
  problem: z.string().optional(),
  rejected: z.array(z.string()),
  operations: z.array(cachedOperation),
});
export type CachedCapabilities = z.infer<typeof cachedCapabilitiesSchema>;

export function toCached(capabilities: ZeroPathCapabilities, baseUrl: string): CachedCapabilities {
  const operations = [capabilities.status, capabilities.notes, capabilities.archive, capabilities.search]
    .filter((c) => c !== undefined)
    .map((c) => c.operation);
  return {
    baseUrl,
    checkedAt: capabilities.checkedAt,
    manifest: capabilities.manifest,
    ...(capabilities.problem === undefined ? {} : { problem: capabilities.problem }),
    rejected: capabilities.rejected,
    operations,
  };
}

export function fromCached(cached: CachedCapabilities): ZeroPathCapabilities {
  if (cached.manifest === 'unavailable')
    return capabilitiesWithoutManifest(cached.problem ?? 'unknown', cached.checkedAt);
  return discoverCapabilities({ operations: cached.operations, rejected: cached.rejected }, cached.checkedAt);
}

/** Where discovered capabilities are kept between invocations (KVS with a TTL in production). */
export interface CapabilityCache {
  read(): Promise<CachedCapabilities | undefined>;
  write(value: CachedCapabilities): Promise<void>;
}
