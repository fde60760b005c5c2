// The sandbox module imports the local Forge runtime first (it installs the platform fetch).
import { startSandbox, type Sandbox } from '../../sandbox/sandbox';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { adminEndpoints } from '../../../src/contract/admin';
import { exportOneEndpoint } from '../../../src/contract/findings';
import { MODULE_KEYS } from '../../../src/contract/modules';
import { resultSchema } from '../../../src/contract/result';
import { DEMO_USERS, ISSUE_TYPE } from '../../sim/jira/jira-seed-builder';
import { GOOD_TOKEN } from '../../sandbox/sandbox-tokens';

/**
 * `npm start -- --state FILE` (issue 18 point 11): start, change something in each part (connect
 * ZeroPath, export a finding to a new Jira issue, move another finding in ZeroPath, save a
 * setting), stop, start again with the same file, and find it all as it was — and the next issue
 * key continues from the last one.
 */
let dir: string;
let stateFile: string;
let sandbox: Sandbox | undefined;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'zp-sandbox-state-'));
  stateFile = path.join(dir, 'state.json');
});
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const start = async (withState = true) => {
  sandbox = await startSandbox({ port: 0, findings: 60, ...(withState ? { stateFile } : {}) });
  return sandbox;
};
const stop = async () => {
  await sandbox?.close();
  sandbox = undefined;
};

async function invoke(s: Sandbox, moduleKey: string, functionKey: string, payload: unknown) {
  return s.runtime.invokeUi(moduleKey, functionKey, payload, { accountId: DEMO_USERS.admin });
}

function openFindingIds(s: Sandbox): string[] {
  return s.zeropath.state
    .findings()
    .filter((f) => f.organizationId === s.zeropath.organizationId && (f.v2Status === 'PENDING_REVIEW' || f.v2Status === 'REVIEWING'))
    .map((f) => f.id);
}

describe('the sandbox state file', () => {
  it('keeps KVS, Jira and ZeroPath across a restart, and issue keys continue', async () => {
    let s = await start();
    expect(s.stateRestored).toBe(`no saved state yet; saving to ${stateFile}`);
    const connected = resultSchema(adminEndpoints.connect.response).parse(
      await invoke(s, MODULE_KEYS.adminPage, adminEndpoints.connect.key, { ...GOOD_TOKEN, organizationId: s.zeropath.organizationId }),
    );
    expect(connected.ok).toBe(true);
    const saved = await invoke(s, MODULE_KEYS.adminPage, adminEndpoints.saveSecurity.key, {
      teamGroups: ['security-team'],
      teamProjectRoles: [],
      panelTriage: 'security_team',
      secondApprover: false,
    });
    expect(resultSchema(adminEndpoints.saveSecurity.response).parse(saved).ok).toBe(true);
    const [toExport, toMove, later] = openFindingIds(s);
    if (toExport === undefined || toMove === undefined || later === undefined) throw new Error('too few open findings');
    const exported = resultSchema(exportOneEndpoint.response).parse(
      await invoke(s, MODULE_KEYS.findingsPage, exportOneEndpoint.key, {
        findingId: toExport,
        target: { projectKey: 'SEC', issueTypeId: ISSUE_TYPE.bug },
      }),
    );
    if (!exported.ok || exported.value.outcome !== 'created') throw new Error(JSON.stringify(exported));
    const issueKey = exported.value.issueKey;
    s.zeropath.control.setFindingStatus(toMove, 'FALSE_POSITIVE');
    const kvsBefore = s.runtime.kvs.entries().filter((e) => !e.key.startsWith('health'));
    await stop();

    expect(existsSync(stateFile)).toBe(true);
    expect(statSync(stateFile).mode & 0o777).toBe(0o600);
    s = await start();
    expect(s.stateRestored).toMatch(/^restored \d+ app storage keys, \d+ Jira issues, 60 ZeroPath findings/);
    // The connection (config and the token secret), the setting, the link: all back.
    const connection = resultSchema(adminEndpoints.getConnection.response).parse(
      await invoke(s, MODULE_KEYS.adminPage, adminEndpoints.getConnection.key, {}),
    );
    expect(connection).toMatchObject({ ok: true, value: { configured: true } });
    const settings = resultSchema(adminEndpoints.getSettings.response).parse(
      await invoke(s, MODULE_KEYS.adminPage, adminEndpoints.getSettings.key, {}),
    );
    expect(settings).toMatchObject({ ok: true, value: { security: { teamGroups: ['security-team'] } } });
    expect(s.runtime.kvs.entries().filter((e) => !e.key.startsWith('health'))).toEqual(kvsBefore);
    // Jira: the issue with its ZeroPath property; ZeroPath: the status change.
    expect(s.jira.state.issuesByKey.get(issueKey)?.properties.get('zeropath')).toMatchObject({ findingId: toExport });
    expect(s.zeropath.state.findings().find((f) => f.id === toMove)?.v2Status).toBe('FALSE_POSITIVE');
    // The app works on the restored state: exporting the same finding answers "already linked",
    // and a new export gets the next key, not a reused one.
    const again = resultSchema(exportOneEndpoint.response).parse(
      await invoke(s, MODULE_KEYS.findingsPage, exportOneEndpoint.key, {
        findingId: toExport,
        target: { projectKey: 'SEC', issueTypeId: ISSUE_TYPE.bug },
      }),
    );
    expect(again).toMatchObject({ ok: true, value: { outcome: 'already_linked', issueKey } });
    const next = resultSchema(exportOneEndpoint.response).parse(
      await invoke(s, MODULE_KEYS.findingsPage, exportOneEndpoint.key, {
        findingId: later,
        target: { projectKey: 'SEC', issueTypeId: ISSUE_TYPE.bug },
      }),
    );
    const number = (key: string) => Number(key.split('-')[1]);
    if (!next.ok || next.value.outcome !== 'created') throw new Error(JSON.stringify(next));
    expect(number(next.value.issueKey)).toBe(number(issueKey) + 1);
  });

  it('without a state file, a restart starts empty', async () => {
    let s = await start(false);
    expect(s.stateRestored).toBeUndefined();
    await invoke(s, MODULE_KEYS.adminPage, adminEndpoints.connect.key, { ...GOOD_TOKEN, organizationId: s.zeropath.organizationId });
    await stop();
    s = await start(false);
    const connection = resultSchema(adminEndpoints.getConnection.response).parse(
      await invoke(s, MODULE_KEYS.adminPage, adminEndpoints.getConnection.key, {}),
    );
    expect(connection).toMatchObject({ ok: true, value: { configured: false } });
    expect(existsSync(stateFile)).toBe(false);
  });

  it('refuses a file that is not a sandbox state, naming it, and leaves it untouched', async () => {
    writeFileSync(stateFile, '{"notes": "my own file"}');
    await expect(start()).rejects.toThrow(`${stateFile} is not a sandbox state file this version can read`);
    expect(readFileSync(stateFile, 'utf8')).toBe('{"notes": "my own file"}');
    writeFileSync(stateFile, 'not json at all');
    await expect(start()).rejects.toThrow(/is not a sandbox state file \(not JSON/);
    expect(readFileSync(stateFile, 'utf8')).toBe('not json at all');
  });
});
