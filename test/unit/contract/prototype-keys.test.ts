import { type z } from 'zod';
import * as admin from '../../../src/contract/admin';
import * as autoTicket from '../../../src/contract/auto-ticket';
import * as findings from '../../../src/contract/findings';
import * as orphans from '../../../src/contract/orphans';
import * as panel from '../../../src/contract/panel';
import * as result from '../../../src/contract/result';
import * as triage from '../../../src/contract/triage';
import { fieldMappingSchema } from '../../../src/core/fields/field-mapping';

/**
 * Finding 3: a field mapping with field id `__proto__` was accepted and used. Every zod schema the
 * contract exports is walked; wherever a string can become an object key — a record's key, or a
 * string field named like an id or a key (`id`, `fieldId`, `projectKey`, `accountId`…) — parsing
 * `__proto__`, `constructor` or `prototype` must fail. Loose objects (which keep unknown keys) must
 * not keep `constructor`.
 */
const PROTO_NAMES = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty'];
const KEY_LIKE_FIELD = /^(id|key)$|(Id|Key|Ids|Keys)$/;

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
  items?: z.ZodType[];
  getter?: () => z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

function collectSchemas(): Array<[string, z.ZodType]> {
  const found: Array<[string, z.ZodType]> = [['core fieldMappingSchema', fieldMappingSchema]];
  const isSchema = (v: unknown): v is z.ZodType => typeof v === 'object' && v !== null && '_zod' in v;
  for (const [moduleName, module] of Object.entries({ admin, autoTicket, findings, orphans, panel, result, triage })) {
    for (const [name, value] of Object.entries(module as Record<string, unknown>)) {
      if (isSchema(value)) found.push([`${moduleName}.${name}`, value]);
      else if (typeof value === 'object' && value !== null) {
        // Endpoint objects and endpoint tables.
        const visit = (v: unknown, path: string) => {
          if (typeof v !== 'object' || v === null) return;
          const e = v as { payload?: unknown; response?: unknown };
          if (isSchema(e.payload)) found.push([`${path}.payload`, e.payload]);
          if (isSchema(e.response)) found.push([`${path}.response`, e.response]);
          if (e.payload === undefined)
            for (const [k, inner] of Object.entries(v)) visit(inner, `${path}.${k}`);
        };
        visit(value, `${moduleName}.${name}`);
      }
    }
  }
  return found;
}

/**
 * Payloads come from the browser: every key-like string in them is checked. Responses and other
 * exported shapes are the app's own output; there only records (whose keys the frontend indexes
 * by) and loose objects are checked.
 */
function problemsIn(root: z.ZodType, rootName: string): string[] {
  const inPayload = rootName.endsWith('.payload');
  const problems: string[] = [];
  const seen = new Set<z.ZodType>();
  const refuses = (schema: z.ZodType, value: unknown) => !schema.safeParse(value).success;
  const walk = (schema: z.ZodType | undefined, path: string, fieldName: string | undefined) => {
    if (schema === undefined || seen.has(schema)) return;
    seen.add(schema);
    const def = defOf(schema);
    switch (def.type) {
      case 'object':
        for (const [key, inner] of Object.entries(def.shape ?? {})) {
          // The field as declared (wrappers such as optional() included) must refuse the names.
          if (inPayload && KEY_LIKE_FIELD.test(key)) {
            const isList = defOf(inner).type === 'array';
            for (const name of PROTO_NAMES) {
              if (!refuses(inner, isList ? [name] : name)) problems.push(`${path}.${key}: accepts "${name}"`);
            }
          }
          walk(inner, `${path}.${key}`, key);
        }
        if (def.catchall !== undefined && defOf(def.catchall).type !== 'never') {
          const kept = (schema.safeParse(JSON.parse('{"constructor": {}}')) as { data?: object }).data;
          if (kept !== undefined && Object.prototype.hasOwnProperty.call(kept, 'constructor'))
            problems.push(`${path}: a loose object keeps "constructor"`);
        }
        return;
      case 'record':
        for (const name of PROTO_NAMES) {
          if (def.keyType !== undefined && !refuses(def.keyType, name))
            problems.push(`${path}: record key accepts "${name}"`);
        }
        walk(def.valueType, `${path}[*]`, undefined);
        return;
      case 'array':
        walk(def.element, `${path}[]`, fieldName);
        return;
      case 'union':
        (def.options ?? []).forEach((o, i) => walk(o, `${path}|${i}`, fieldName));
        return;
      case 'pipe':
        walk(def.in, path, fieldName);
        return;
      case 'intersection':
        walk(def.left, path, fieldName);
        walk(def.right, path, fieldName);
        return;
      case 'tuple':
        (def.items ?? []).forEach((item, i) => walk(item, `${path}[${i}]`, fieldName));
        return;
      case 'lazy':
        walk(def.getter?.(), path, fieldName);
        return;
      default:
        if (def.innerType !== undefined) walk(def.innerType, path, fieldName);
    }
  };
  walk(root, rootName, undefined);
  return problems;
}

describe('prototype keys are refused by every contract schema', () => {
  const schemas = collectSchemas();

  it('finds the contract’s schemas and endpoints', () => {
    expect(schemas.length).toBeGreaterThan(40);
  });

  it('no schema lets __proto__, constructor or prototype become an object key', () => {
    const problems = schemas.flatMap(([name, schema]) => problemsIn(schema, name));
    expect([...new Set(problems)]).toEqual([]);
  });
});
