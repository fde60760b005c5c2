// Loads @forge/api before the runtime on purpose: its `fetch` then wraps Node's fetch, and the
// runtime must refuse rather than let app egress bypass the manifest.
import '@forge/api';
import path from 'node:path';
import { createForgeRuntime } from './index';

it('refuses to start, naming the fix, when @forge/api captured fetch first', async () => {
  const handlers = {
    uiResolver: () => undefined,
    onIssueEvent: () => undefined,
    onCommentEvent: () => undefined,
    sweep: () => undefined,
    jobConsumer: () => undefined,
  };
  await expect(
    createForgeRuntime({ manifest: path.join(__dirname, 'fixtures', 'manifest.yml'), handlers, jiraBaseUrl: 'http://127.0.0.1:9' }),
  ).rejects.toThrow(/Import test\/forge-runtime \(index.ts\) before any module that imports @forge\/api/);
  // A failed start leaves nothing installed behind.
  expect((globalThis as Record<string, unknown>)['__forge_runtime__']).toBeUndefined();
});
