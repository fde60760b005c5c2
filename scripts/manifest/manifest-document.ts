// The manifest as our own checks see it: the parsed YAML (kept as a document so problems can
// point at a line) plus a zod view of the few fields they read. The view is tolerant: shape
// errors are @forge/manifest's schema validator's job, so a malformed entry is skipped here
// rather than reported twice.
import { z } from 'zod';
import { LineCounter, parseDocument, isNode } from 'yaml';

const triggerEventSchema = z.union([z.string(), z.object({ eventType: z.string() })]);
const triggerSchema = z.object({ key: z.string().optional(), events: z.array(z.unknown()).optional() });
const functionSchema = z.object({ key: z.string(), handler: z.string() });
const modulesSchema = z.object({
  modules: z
    .object({ trigger: z.array(z.unknown()).optional(), function: z.array(z.unknown()).optional() })
    .nullish(),
});

export interface ManifestTriggerEvent {
  readonly name: string;
  readonly line: number;
  readonly column: number;
}

export interface ManifestHandler {
  readonly functionKey: string;
  readonly handler: string;
  readonly line: number;
  readonly column: number;
}

export interface ManifestDocument {
  /** Plain JS value of the YAML, as @forge/lint expects it. */
  readonly value: unknown;
  readonly triggerEvents: readonly ManifestTriggerEvent[];
  readonly handlers: readonly ManifestHandler[];
}

export class ManifestParseError extends Error {
  override readonly name = 'ManifestParseError';
}

export function parseManifestDocument(text: string): ManifestDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const firstError = doc.errors[0];
  if (firstError) throw new ManifestParseError(`manifest.yml is not valid YAML: ${firstError.message}`);

  const positionOf = (path: readonly (string | number)[]): { line: number; column: number } => {
    const node: unknown = doc.getIn(path, true);
    if (isNode(node) && node.range) {
      const { line, col } = lineCounter.linePos(node.range[0]);
      return { line, column: col };
    }
    return { line: 0, column: 0 };
  };

  const value: unknown = doc.toJS();
  const modules = modulesSchema.safeParse(value);
  const { trigger = [], function: functions = [] } = modules.success ? (modules.data.modules ?? {}) : {};
  return {
    value,
    triggerEvents: readTriggerEvents(trigger, positionOf),
    handlers: readHandlers(functions, positionOf),
  };
}

type PositionOf = (path: readonly (string | number)[]) => { line: number; column: number };

function readTriggerEvents(triggers: readonly unknown[], positionOf: PositionOf): ManifestTriggerEvent[] {
  return triggers.flatMap((raw, triggerIndex) => {
    const trigger = triggerSchema.safeParse(raw);
    if (!trigger.success) return [];
    return (trigger.data.events ?? []).flatMap((rawEvent, eventIndex) => {
      const event = triggerEventSchema.safeParse(rawEvent);
      if (!event.success) return [];
      const name = typeof event.data === 'string' ? event.data : event.data.eventType;
      const path = ['modules', 'trigger', triggerIndex, 'events', eventIndex];
      return [{ name, ...positionOf(typeof event.data === 'string' ? path : [...path, 'eventType']) }];
    });
  });
}

function readHandlers(functions: readonly unknown[], positionOf: PositionOf): ManifestHandler[] {
  return functions.flatMap((raw, index) => {
    const fn = functionSchema.safeParse(raw);
    if (!fn.success) return [];
    return [
      {
        functionKey: fn.data.key,
        handler: fn.data.handler,
        ...positionOf(['modules', 'function', index, 'handler']),
      },
    ];
  });
}
