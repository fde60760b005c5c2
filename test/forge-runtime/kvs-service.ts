/**
 * The platform side of `@forge/kvs`: the SDK POSTs JSON to `/api/v1/<op>` through
 * `global.__forge_fetch__({ type: 'kvs' }, …)` and turns non-2xx `{ code, message }` bodies into
 * `ForgeKvsAPIError`. This store answers those requests in memory with Forge's documented limits
 * (see README, "KVS and secrets"), so the SDK's own error handling is what the app sees.
 */
import { z } from 'zod';
import { KvsQuota, type KvsUsage } from './kvs-quota';

/** Documented limits (reference forge-platform.md §4.2, limits-kvs-ce; storage-reference pages). */
export const KVS_LIMITS = {
  keyMaxLength: 500,
  keyPattern: /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/,
  valueMaxBytes: 240 * 1024,
  secretMaxBytes: 128 * 1024,
  maxDepth: 31,
  batchMaxKeys: 25,
  transactionMaxOperations: 25,
  queryDefaultLimit: 10,
  /** Query reference: "Limit the result size to 10 values, up to a maximum of 20". */
  queryMaxLimit: 20,
} as const;

interface StoredItem {
  readonly json: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly expireAt: number | undefined;
}

export interface KvsDump {
  readonly values: ReadonlyArray<{ key: string } & StoredItem>;
  readonly secrets: ReadonlyArray<{ key: string } & StoredItem>;
}

class KvsFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const ttlSchema = z.object({
  value: z.number().int().positive(),
  unit: z.enum(['SECONDS', 'MINUTES', 'HOURS', 'DAYS']),
});
const setOptionsSchema = z
  .object({
    ttl: ttlSchema.optional(),
    keyPolicy: z.enum(['OVERRIDE', 'FAIL_IF_EXISTS']).optional(),
    returnValue: z.enum(['PREVIOUS', 'LATEST']).optional(),
    returnMetadataFields: z.array(z.string()).optional(),
  })
  .optional();
const getOptionsSchema = z.object({ metadataFields: z.array(z.string()).optional() }).optional();
const keySchema = z.object({ key: z.string() });
const getSchema = keySchema.extend({ options: getOptionsSchema });
const setSchema = keySchema.extend({ value: z.unknown(), options: setOptionsSchema });
const querySchema = z.object({
  limit: z.number().int().optional(),
  after: z.string().optional(),
  where: z
    .array(z.object({ property: z.literal('key'), condition: z.literal('BEGINS_WITH'), values: z.array(z.unknown()).length(1) }))
    .optional(),
  options: getOptionsSchema,
});
const batchItemSchema = z.object({ key: z.string(), entityName: z.string().optional(), value: z.unknown().optional(), options: setOptionsSchema });
const transactionSchema = z.object({
  set: z.array(z.object({ key: z.string(), value: z.unknown(), entityName: z.string().optional(), conditions: z.unknown().optional(), options: setOptionsSchema })).optional(),
  delete: z.array(z.object({ key: z.string(), entityName: z.string().optional(), conditions: z.unknown().optional() })).optional(),
  check: z.array(z.object({ key: z.string(), entityName: z.string().optional(), conditions: z.unknown() })).optional(),
});

const TTL_UNIT_MS = { SECONDS: 1_000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 } as const;

function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value as Record<string, unknown>);
  let deepest = 0;
  for (const child of children) deepest = Math.max(deepest, depthOf(child));
  return deepest + 1;
}

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new KvsFailure(400, 'BAD_REQUEST', `Provided request body is invalid: ${parsed.error.message}`);
  return parsed.data;
}

const READ_PATHS = new Set(['/api/v1/get', '/api/v1/secret/get', '/api/v1/query', '/api/v1/batch/get']);

function rateLimited(what: string): Response {
  return Response.json(
    { code: 'RATE_LIMIT_EXCEEDED', message: `Rate limit exceeded: ${what} (forge-runtime, KVS quotas per installation)` },
    { status: 429 },
  );
}

export class KvsStore {
  private readonly values = new Map<string, StoredItem>();
  private readonly secrets = new Map<string, StoredItem>();
  private readonly quota: KvsQuota;

  /** `enforceQuotas` is read at each request, so a runtime can switch to relaxed mode. */
  constructor(
    private readonly now: () => number,
    enforceQuotas: () => boolean = () => true,
  ) {
    this.quota = new KvsQuota(now, enforceQuotas);
  }

  /**
   * Answers one SDK request; `path` is what @forge/kvs passed, e.g. `/api/v1/set`. Every request
   * counts towards the installation's quotas; over them the answer is Forge's 429
   * `RATE_LIMIT_EXCEEDED`, which the SDK raises as `ForgeKvsAPIError`.
   */
  async handle(path: string, bodyText: string): Promise<Response> {
    if (!this.quota.admitRequest()) return rateLimited('more than 1,000 requests in a second');
    const isRead = READ_PATHS.has(path);
    if (!isRead && !this.quota.admitUnits('write', Buffer.byteLength(bodyText, 'utf8'))) {
      return rateLimited('more than 4,000 write units (10 KB each) in a minute');
    }
    const response = this.answer(path, bodyText);
    if (!isRead) return response;
    const text = await response.clone().text();
    if (!this.quota.admitUnits('read', Buffer.byteLength(text, 'utf8'))) {
      return rateLimited('more than 4,000 read units (10 KB each) in a minute');
    }
    return response;
  }

  /** Requests and 10 KB units charged so far (bench cost figures; tests of the quotas). */
  usage(): KvsUsage {
    return this.quota.usage();
  }

  resetUsage(): void {
    this.quota.resetUsage();
  }

  private answer(path: string, bodyText: string): Response {
    try {
      let body: unknown;
      try {
        body = JSON.parse(bodyText);
      } catch {
        throw new KvsFailure(400, 'BAD_REQUEST', 'Provided request body is not JSON');
      }
      return this.route(path, body);
    } catch (error) {
      if (error instanceof KvsFailure) {
        return Response.json({ code: error.code, message: error.message }, { status: error.status });
      }
      throw error;
    }
  }

  // ---- inspection for tests (bypasses the SDK, never counts as app traffic) ----

  peek(key: string): unknown {
    const item = this.live(this.values, key);
    return item === undefined ? undefined : JSON.parse(item.json);
  }

  seed(key: string, value: unknown): void {
    this.validateKey(key);
    this.write(this.values, key, value, KVS_LIMITS.valueMaxBytes, undefined);
  }

  seedSecret(key: string, value: unknown): void {
    this.validateKey(key);
    this.write(this.secrets, key, value, KVS_LIMITS.secretMaxBytes, undefined);
  }

  peekSecret(key: string): unknown {
    const item = this.live(this.secrets, key);
    return item === undefined ? undefined : JSON.parse(item.json);
  }

  entries(prefix = ''): Array<{ key: string; value: unknown }> {
    return this.sortedLiveKeys(this.values)
      .filter((key) => key.startsWith(prefix))
      .map((key) => ({ key, value: this.peek(key) }));
  }

  secretKeys(): string[] {
    return this.sortedLiveKeys(this.secrets);
  }

  get size(): number {
    return this.sortedLiveKeys(this.values).length;
  }

  /** Every live value and secret with its timestamps and TTL, as plain JSON (the sandbox's `--state FILE`). */
  dump(): KvsDump {
    const itemsOf = (map: Map<string, StoredItem>) =>
      this.sortedLiveKeys(map).map((key) => ({ key, ...(map.get(key) as StoredItem) }));
    return { values: itemsOf(this.values), secrets: itemsOf(this.secrets) };
  }

  /** Replaces everything with a `dump()`; keys whose TTL lapsed while stopped are not restored. */
  restore(dump: KvsDump): void {
    this.values.clear();
    this.secrets.clear();
    const now = this.now();
    for (const [items, map] of [[dump.values, this.values], [dump.secrets, this.secrets]] as const) {
      for (const { key, json, createdAt, updatedAt, expireAt } of items) {
        if (expireAt !== undefined && expireAt <= now) continue;
        this.validateKey(key);
        map.set(key, { json, createdAt, updatedAt, expireAt });
      }
    }
  }

  // ---- request routing ----

  private route(path: string, body: unknown): Response {
    switch (path) {
      case '/api/v1/get':
        return this.get(this.values, parseBody(getSchema, body));
      case '/api/v1/secret/get':
        return this.get(this.secrets, parseBody(getSchema, body));
      case '/api/v1/set':
        return this.set(this.values, parseBody(setSchema, body), KVS_LIMITS.valueMaxBytes);
      case '/api/v1/secret/set':
        return this.set(this.secrets, parseBody(setSchema, body), KVS_LIMITS.secretMaxBytes);
      case '/api/v1/delete':
        return this.delete(this.values, parseBody(keySchema, body).key);
      case '/api/v1/secret/delete':
        return this.delete(this.secrets, parseBody(keySchema, body).key);
      case '/api/v1/query':
        return this.query(parseBody(querySchema, body));
      case '/api/v1/batch/set':
        return this.batch(body, 'set');
      case '/api/v1/batch/get':
        return this.batch(body, 'get');
      case '/api/v1/batch/delete':
        return this.batch(body, 'delete');
      case '/api/v1/transaction':
        return this.transact(parseBody(transactionSchema, body));
      default:
        if (path.startsWith('/api/v1/entity/')) {
          throw new KvsFailure(501, 'NOT_EMULATED', `forge-runtime: custom entities (${path}) are not emulated`);
        }
        throw new KvsFailure(404, 'NOT_FOUND', `forge-runtime: unknown KVS endpoint ${path}`);
    }
  }

  private get(map: Map<string, StoredItem>, req: z.infer<typeof getSchema>): Response {
    this.validateKey(req.key);
    const item = this.live(map, req.key);
    if (item === undefined) throw new KvsFailure(404, 'KEY_NOT_FOUND', 'Provided key does not exist');
    return Response.json(this.describe(req.key, item));
  }

  private set(map: Map<string, StoredItem>, req: z.infer<typeof setSchema>, maxBytes: number): Response {
    this.validateKey(req.key);
    const previous = this.live(map, req.key);
    if (req.options?.keyPolicy === 'FAIL_IF_EXISTS' && previous !== undefined) {
      // Third-party observation (409 KEY_CONFLICT); see README.
      throw new KvsFailure(409, 'KEY_CONFLICT', `Key '${req.key}' already exists`);
    }
    const stored = this.write(map, req.key, req.value, maxBytes, req.options?.ttl);
    if (req.options?.returnValue === undefined) return new Response(null, { status: 204 });
    const returned = req.options.returnValue === 'PREVIOUS' ? previous : stored;
    if (returned === undefined) return new Response(null, { status: 204 });
    return Response.json(this.describe(req.key, returned));
  }

  private delete(map: Map<string, StoredItem>, key: string): Response {
    this.validateKey(key);
    map.delete(key);
    return new Response(null, { status: 204 });
  }

  private query(req: z.infer<typeof querySchema>): Response {
    const limit = req.limit ?? KVS_LIMITS.queryDefaultLimit;
    if (limit < 1 || limit > KVS_LIMITS.queryMaxLimit) {
      throw new KvsFailure(400, 'INVALID_LIMIT', `Limit must be between 1 and ${KVS_LIMITS.queryMaxLimit}`);
    }
    const prefix = req.where?.[0]?.values[0];
    const prefixText = typeof prefix === 'string' || typeof prefix === 'number' ? String(prefix) : '';
    const after = req.after === undefined ? undefined : this.decodeCursor(req.after);
    // Keys come back in byte-lexicographic order [3p]; JS string order equals it for ASCII keys,
    // which is all the key pattern allows.
    const keys = this.sortedLiveKeys(this.values).filter(
      (key) => key.startsWith(prefixText) && (after === undefined || key > after),
    );
    const page = keys.slice(0, limit);
    const data = page.map((key) => {
      const item = this.values.get(key);
      if (item === undefined) throw new Error(`forge-runtime: key ${key} vanished during a query`);
      return this.describe(key, item);
    });
    const last = page[page.length - 1];
    const more = keys.length > limit && last !== undefined;
    return Response.json(more ? { data, cursor: Buffer.from(last).toString('base64url') } : { data });
  }

  private batch(body: unknown, op: 'set' | 'get' | 'delete'): Response {
    const items = parseBody(z.array(batchItemSchema), body);
    if (items.length === 0) throw new KvsFailure(400, 'BAD_REQUEST', 'A batch operation must contain at least one key');
    if (items.length > KVS_LIMITS.batchMaxKeys) {
      throw new KvsFailure(400, 'BATCH_SIZE_EXCEEDED', `A batch operation can contain at most ${KVS_LIMITS.batchMaxKeys} keys, got ${items.length}`);
    }
    const keys = items.map((item) => `${item.entityName ?? ''}\u0000${item.key}`);
    if (new Set(keys).size !== keys.length) {
      throw new KvsFailure(400, 'DUPLICATE_KEYS', 'A batch operation cannot use the same key twice');
    }
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    for (const item of items) {
      try {
        if (item.entityName !== undefined) {
          throw new KvsFailure(501, 'NOT_EMULATED', 'forge-runtime: custom entities are not emulated');
        }
        this.validateKey(item.key);
        if (op === 'set') {
          this.write(this.values, item.key, item.value, KVS_LIMITS.valueMaxBytes, item.options?.ttl);
          successfulKeys.push({ key: item.key });
        } else if (op === 'delete') {
          this.values.delete(item.key);
          successfulKeys.push({ key: item.key });
        } else {
          const found = this.live(this.values, item.key);
          if (found === undefined) throw new KvsFailure(404, 'KEY_NOT_FOUND', 'Provided key does not exist');
          successfulKeys.push(this.describe(item.key, found));
        }
      } catch (error) {
        if (!(error instanceof KvsFailure)) throw error;
        failedKeys.push({ key: item.key, error: { code: error.code, message: error.message } });
      }
    }
    return Response.json({ successfulKeys, failedKeys });
  }

  private transact(req: z.infer<typeof transactionSchema>): Response {
    const sets = req.set ?? [];
    const deletes = req.delete ?? [];
    const checks = req.check ?? [];
    const count = sets.length + deletes.length + checks.length;
    if (count === 0) throw new KvsFailure(400, 'BAD_REQUEST', 'A transaction must contain at least one operation');
    if (count > KVS_LIMITS.transactionMaxOperations) {
      throw new KvsFailure(400, 'TOO_MANY_OPERATIONS', `A transaction can contain at most ${KVS_LIMITS.transactionMaxOperations} operations, got ${count}`);
    }
    if ([...sets, ...deletes, ...checks].some((op) => op.entityName !== undefined)) {
      throw new KvsFailure(501, 'NOT_EMULATED', 'forge-runtime: custom entity transactions and checks are not emulated');
    }
    const keys = [...sets, ...deletes].map((op) => op.key);
    if (new Set(keys).size !== keys.length) {
      throw new KvsFailure(400, 'DUPLICATE_KEYS', 'Each key can only be used once in a transaction');
    }
    // All-or-nothing: validate every operation against a scratch copy, then swap it in.
    const scratch = new Map(this.values);
    for (const op of sets) {
      this.validateKey(op.key);
      this.write(scratch, op.key, op.value, KVS_LIMITS.valueMaxBytes, op.options?.ttl);
    }
    for (const op of deletes) {
      this.validateKey(op.key);
      scratch.delete(op.key);
    }
    this.values.clear();
    for (const [key, item] of scratch) this.values.set(key, item);
    return new Response(null, { status: 204 });
  }

  // ---- helpers ----

  private validateKey(key: string): void {
    if (key.length === 0) throw new KvsFailure(400, 'EMPTY_KEY', 'Key cannot be empty.');
    if (key.length > KVS_LIMITS.keyMaxLength) {
      throw new KvsFailure(400, 'KEY_TOO_LONG', `The provided key has exceeded the maximum ${KVS_LIMITS.keyMaxLength} characters.`);
    }
    if (!KVS_LIMITS.keyPattern.test(key)) {
      throw new KvsFailure(400, 'INVALID_KEY', `The provided key does not match the regex: ${String(KVS_LIMITS.keyPattern)}`);
    }
  }

  private write(
    map: Map<string, StoredItem>,
    key: string,
    value: unknown,
    maxBytes: number,
    ttl: z.infer<typeof ttlSchema> | undefined,
  ): StoredItem {
    if (value === undefined) throw new KvsFailure(400, 'BAD_REQUEST', 'A value is required');
    const json = JSON.stringify(value);
    if (Buffer.byteLength(json, 'utf8') > maxBytes) {
      throw new KvsFailure(400, 'MAX_SIZE', `The provided value has exceeded the maximum size limit (${maxBytes / 1024} KiB).`);
    }
    if (depthOf(value) > KVS_LIMITS.maxDepth) {
      throw new KvsFailure(400, 'MAX_DEPTH', `The provided value has exceeded the maximum object depth (${KVS_LIMITS.maxDepth}) limit.`);
    }
    const now = this.now();
    const previous = this.live(map, key);
    const item: StoredItem = {
      json,
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
      expireAt: ttl === undefined ? undefined : now + ttl.value * TTL_UNIT_MS[ttl.unit],
    };
    map.set(key, item);
    return item;
  }

  private live(map: Map<string, StoredItem>, key: string): StoredItem | undefined {
    const item = map.get(key);
    if (item?.expireAt !== undefined && item.expireAt <= this.now()) {
      map.delete(key);
      return undefined;
    }
    return item;
  }

  private sortedLiveKeys(map: Map<string, StoredItem>): string[] {
    return [...map.keys()].filter((key) => this.live(map, key) !== undefined).sort();
  }

  private describe(key: string, item: StoredItem): Record<string, unknown> {
    return {
      key,
      value: JSON.parse(item.json) as unknown,
      createdAt: item.createdAt,
      updatedAt: item.updatedAt,
      ...(item.expireAt === undefined ? {} : { expireTime: new Date(item.expireAt).toISOString() }),
    };
  }

  private decodeCursor(cursor: string): string {
    const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
    if (decoded.length === 0 || !KVS_LIMITS.keyPattern.test(decoded)) {
      throw new KvsFailure(400, 'INVALID_CURSOR', 'The provided cursor is invalid');
    }
    return decoded;
  }
}
