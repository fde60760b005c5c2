/**
 * `npm start -- --state FILE` as a person runs it (the CLI as a child process, stopped with
 * SIGTERM like Ctrl-C): it says where the state is kept, keeps a ZeroPath connection across a
 * restart and says what it restored; without the option it says the state is memory-only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startSandboxProcess, type RunningSandbox } from './e2e-harness';

const TOKEN = { tokenId: 'zp-demo-token-id', tokenSecret: 'zp-demo-token-secret' };

let dir: string;
let running: RunningSandbox | undefined;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'zp-e2e-state-'));
});
afterAll(async () => {
  await running?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The sandbox API's answer wraps the resolver's Result. */
type Invoked = { ok: boolean; value?: { ok: boolean; value?: unknown } };
const invokeAdmin = (sandbox: RunningSandbox, functionKey: string, payload: unknown) =>
  sandbox.api<Invoked>('POST', '/invoke', { moduleKey: 'zp-admin', functionKey, payload, as: 'admin' });

test('without --state it says the state is memory-only', async () => {
  running = await startSandboxProcess();
  const { output } = await running.stop();
  running = undefined;
  expect(output).toContain('State is kept in memory only');
});

test('with --state FILE a connection survives a restart, and the start says so', async () => {
  const file = path.join(dir, 'sandbox-state.json');
  running = await startSandboxProcess(['--state', file]);
  const connected = await invokeAdmin(running, 'admin.connect', TOKEN);
  expect(connected).toMatchObject({ ok: true, value: { ok: true } });
  const first = await running.stop();
  running = undefined;
  expect(first.code).toBe(0);
  expect(first.output).toContain(`State is kept in ${file}: no saved state yet`);

  running = await startSandboxProcess([`--state=${file}`]);
  const connection = await invokeAdmin(running, 'admin.getConnection', {});
  expect(connection).toMatchObject({ ok: true, value: { ok: true, value: { configured: true } } });
  const second = await running.stop();
  running = undefined;
  expect(second.output).toMatch(new RegExp(`State is kept in ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: restored \\d+ app storage keys`));
});
