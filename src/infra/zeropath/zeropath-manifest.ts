import { Validator } from '@cfworker/json-schema';
import { z } from 'zod';
import { ZeroPathRequestError } from './zeropath-errors';
import { type HttpMethod, type ZeroPathHttp } from './zeropath-http';

/**
 * ZeroPath publishes its V2 operations at `GET {base}/mcp-manifest.json` (version 2), the file its
 * own MCP server loads at start-up (ZeroPathAI/zeropath-mcp-server `trpc_client.fetch_manifest`,
 * `server._build_tools`). The app reads the same file instead of guessing V2 paths; this module
 * parses it as strictly as ZeroPath's client does and calls a declared operation only with a body
 * that passes the operation's own `inputSchema`.
 */
export const MANIFEST_PATH = '/mcp-manifest.json';

export const ORG_ID_BEHAVIORS = ['none', 'required', 'inject-if-missing'] as const;
export type OrgIdBehavior = (typeof ORG_ID_BEHAVIORS)[number];

const operationSchema = z.object({
  name: z.string().trim().min(1),
  httpMethod: z
    .string()
    .transform((m) => m.toUpperCase())
    .pipe(z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])),
  // ZeroPath's client refuses any other prefix; so does the app (a manifest must not send it elsewhere).
  httpPath: z.string().regex(/^\/api\/v2\/[A-Za-z0-9/_.-]+$/, 'must be a path under /api/v2/'),
  inputSchema: z.record(z.string(), z.unknown()),
  orgIdBehavior: z.enum(ORG_ID_BEHAVIORS).default('none'),
});
export type V2Operation = z.infer<typeof operationSchema> & { httpMethod: HttpMethod };

export const manifestSchema = z.object({
  version: z.literal(2),
  tools: z.array(z.unknown()),
});

export interface ParsedManifest {
  operations: V2Operation[];
  /** Tools the app could not use (bad path, unknown org behaviour…), named so Health can say so. */
  rejected: string[];
}

/** Reads one manifest; an unusable tool is dropped and named, never trusted. */
export function parseManifest(raw: unknown): ParsedManifest {
  const top = manifestSchema.safeParse(raw);
  if (!top.success) {
    const version =
      typeof raw === 'object' && raw !== null ? (raw as { version?: unknown }).version : undefined;
    throw new ZeroPathRequestError(
      `ZeroPath's tool manifest is not in the supported format (version ${JSON.stringify(version ?? null)}, expected 2).`,
    );
  }
  const operations: V2Operation[] = [];
  const rejected: string[] = [];
  const seen = new Set<string>();
  top.data.tools.forEach((tool, index) => {
    const parsed = operationSchema.safeParse(tool);
    const name =
      typeof (tool as { name?: unknown } | null)?.name === 'string'
        ? (tool as { name: string }).name
        : `tools[${index}]`;
    if (!parsed.success || seen.has(parsed.data.name)) {
      rejected.push(name);
      return;
    }
    seen.add(parsed.data.name);
    operations.push(parsed.data);
  });
  return { operations, rejected };
}

export async function fetchManifest(http: ZeroPathHttp): Promise<ParsedManifest> {
  return parseManifest(await http.request('GET', MANIFEST_PATH, undefined, z.unknown(), 'tool manifest'));
}

/** A V2 body failed its operation's published schema: nothing was sent. */
export class ZeroPathSchemaRejectedError extends ZeroPathRequestError {
  constructor(
    readonly operation: string,
    readonly problems: string[],
  ) {
    super(
      `The app did not send ${operation}: the request does not match the schema ZeroPath publishes for it (${problems.slice(0, 3).join('; ')}).`,
    );
  }
}

const validators = new WeakMap<object, Validator>();

function validatorOf(operation: V2Operation): Validator {
  let validator = validators.get(operation.inputSchema);
  if (validator === undefined) {
    const declared = operation.inputSchema['$schema'];
    const draft =
      typeof declared === 'string' && declared.includes('draft-07')
        ? '7'
        : typeof declared === 'string' && declared.includes('draft-04')
          ? '4'
          : '2020-12';
    validator = new Validator(operation.inputSchema, draft, false);
    validators.set(operation.inputSchema, validator);
  }
  return validator;
}

/** The problems a body has against the operation's inputSchema; empty when it conforms. */
export function checkBody(operation: V2Operation, body: Record<string, unknown>): string[] {
  const result = validatorOf(operation).validate(body);
  if (result.valid) return [];
  // Leaf errors name the field; the umbrella "properties"/"allOf" entries only repeat them.
  const leaves = result.errors.filter(
    (e) => !['properties', 'allOf', 'anyOf', 'oneOf', 'items'].includes(e.keyword),
  );
  return (leaves.length > 0 ? leaves : result.errors).map(
    (e) => `${e.instanceLocation.replace(/^#\/?/, '') || 'body'}: ${e.error}`,
  );
}

function schemaProperties(schema: Record<string, unknown>): Record<string, Record<string, unknown>> {
  const props = schema['properties'];
  return typeof props === 'object' && props !== null
    ? (props as Record<string, Record<string, unknown>>)
    : {};
}

/** Top-level property names of an operation's input (how the app tells what it accepts). */
export function inputProperties(operation: V2Operation): Record<string, Record<string, unknown>> {
  return schemaProperties(operation.inputSchema);
}

export function requiredInputs(operation: V2Operation): string[] {
  const required = operation.inputSchema['required'];
  return Array.isArray(required) ? required.filter((r): r is string => typeof r === 'string') : [];
}

/**
 * Calls a declared operation. `organizationId` follows the tool's `orgIdBehavior` as ZeroPath's MCP
 * server applies it: `none` never sends it; `required` and `inject-if-missing` send the configured
 * organisation when the schema has the field. The body is then validated; a failure throws
 * ZeroPathSchemaRejectedError before any request leaves the app.
 */
export async function invokeOperation<S extends z.ZodType>(
  http: ZeroPathHttp,
  operation: V2Operation,
  args: Record<string, unknown>,
  organizationId: string | undefined,
  response: S,
  what: string,
): Promise<z.infer<S>> {
  const body: Record<string, unknown> = { ...args };
  if (operation.orgIdBehavior === 'none') {
    delete body['organizationId'];
  } else if (
    body['organizationId'] === undefined &&
    organizationId !== undefined &&
    'organizationId' in inputProperties(operation)
  ) {
    body['organizationId'] = organizationId;
  }
  if (operation.orgIdBehavior === 'required' && body['organizationId'] === undefined) {
    throw new ZeroPathSchemaRejectedError(operation.name, [
      'organizationId: required by the operation, and none is configured',
    ]);
  }
  const problems = checkBody(operation, body);
  if (problems.length > 0) throw new ZeroPathSchemaRejectedError(operation.name, problems);
  if (operation.httpMethod === 'GET') {
    // ZeroPath's client sends no body on GET; an operation that needs one cannot be called that way.
    if (Object.keys(body).length > 0)
      throw new ZeroPathSchemaRejectedError(operation.name, ['a GET operation takes no body']);
    return http.request('GET', operation.httpPath, undefined, response, what);
  }
  return http.request(operation.httpMethod, operation.httpPath, body, response, what);
}
