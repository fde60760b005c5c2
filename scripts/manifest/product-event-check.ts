// @forge/manifest checks that a trigger's events have their scopes, but silently accepts an
// event name that does not exist (e.g. `avi:jira:updated:comment`), and such a trigger simply
// never fires. The package ships the platform's event→scope mapping, which doubles as the list
// of product events that exist; we check every trigger event against it.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { type ManifestTriggerEvent } from './manifest-document';
import { type ManifestProblem } from './manifest-problem';

const eventMappingSchema = z.object({
  mapping: z.array(z.object({ productEvent: z.string().min(1) })).min(1),
});

// Forge's own app lifecycle events are documented but carry no scope, so the mapping omits them.
// https://developer.atlassian.com/platform/forge/events-reference/life-cycle/
const forgeLifecycleEvents = ['avi:forge:installed:app', 'avi:forge:upgraded:app'];

// Names people reach for that Jira does not have; worth a pointed hint rather than a bare "unknown".
const hints: Readonly<Record<string, string>> = {
  'avi:jira:updated:comment':
    'Jira has no comment-update event: avi:jira:commented:issue fires on create and edit',
  'avi:jira:created:comment': 'Jira comment creation is avi:jira:commented:issue',
};

export function loadKnownProductEvents(): ReadonlySet<string> {
  const manifestEntry = require.resolve('@forge/manifest');
  const mappingFile = path.join(
    path.dirname(manifestEntry),
    'mapping',
    'product-event-to-scope-mapping.json',
  );
  const parsed = eventMappingSchema.safeParse(JSON.parse(fs.readFileSync(mappingFile, 'utf8')));
  if (!parsed.success) {
    throw new Error(
      `Unexpected shape of ${mappingFile} (has @forge/manifest changed?): ${parsed.error.message}`,
    );
  }
  return new Set([...parsed.data.mapping.map((m) => m.productEvent), ...forgeLifecycleEvents]);
}

export function checkProductEvents(
  events: readonly ManifestTriggerEvent[],
  known: ReadonlySet<string> = loadKnownProductEvents(),
): ManifestProblem[] {
  return events
    .filter((event) => !known.has(event.name))
    .map((event) => {
      const hint = hints[event.name];
      return {
        level: 'error',
        source: 'product-events',
        file: 'manifest.yml',
        line: event.line,
        column: event.column,
        message: `Unknown product event '${event.name}': no Forge product emits it, so the trigger would never fire${hint ? ` (${hint})` : ''}`,
        reference: 'unknown-product-event',
      };
    });
}
