import { z } from 'zod';

/**
 * Names an object inherits from `Object.prototype`. A value that later becomes an object key (a
 * field id in `fields[fieldId]`, a rule id in a warnings record) must never be one of them:
 * `fields['__proto__'] = …` replaces the object's prototype, and `constructor` shadows a method
 * every caller assumes is there.
 */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'prototype',
  ...Object.getOwnPropertyNames(Object.prototype),
]);

export function isPrototypeKey(value: string): boolean {
  return PROTOTYPE_KEYS.has(value);
}

export const notPrototypeKey = (value: string | undefined): boolean =>
  value === undefined || !isPrototypeKey(value);

export const PROTOTYPE_KEY_MESSAGE = 'is a reserved name (__proto__, constructor, prototype…)';

/** A string that may become an object key: any text up to `max` characters but a prototype name. */
export function keyString(max: number) {
  return z.string().max(max).refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE);
}

/** A record whose keys can never be prototype names. */
export function safeRecord<V extends z.ZodType>(value: V, maxKeyLength = 200) {
  return z.record(keyString(maxKeyLength), value);
}
