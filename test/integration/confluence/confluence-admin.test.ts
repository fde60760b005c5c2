// The admin page's Confluence switch: off by default with not one Confluence request; turning it
// on checks the connection as the app and the chosen spaces; "not connected" keeps it off and says
// how to connect; only Jira admins may change it.
import { startHarness, type Harness } from '../harness';
import { callAdmin, expectError, expectValue } from '../admin/admin-test-kit';
import { confluenceAdminEndpoints } from '../../../src/contract/confluence';
import { DEMO_USERS } from '../../sim/jira/jira-seed-builder';
import { storedConfig } from '../stored-config';

const settings = (
  patch: Partial<{ enabled: boolean; spaceKeys: string[]; labels: string[]; ticketLinks: boolean }> = {},
) => ({
  enabled: true,
  spaceKeys: ['SECDOCS', 'ARCH'],
  labels: ['security'],
  ticketLinks: false,
  ...patch,
});

describe('Confluence connected', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ confluence: { connected: true } });
  });
  afterEach(() => h.close());

  it('is off by default, and reading the section sends no Confluence request', async () => {
    const view = await expectValue(h, confluenceAdminEndpoints.get, {});
    expect(view).toMatchObject({
      enabled: false,
      spaceKeys: [],
      labels: [],
      ticketLinks: false,
      connection: { state: 'unknown' },
    });
    expect(view.howToConnect).toMatch(/Connect Confluence/);
    expect(h.confluence?.requestLog.entries).toHaveLength(0);
  });

  it('turning on checks the chosen spaces as the app and records "connected"; turning off sends nothing', async () => {
    const on = await expectValue(h, confluenceAdminEndpoints.save, settings());
    expect(on).toMatchObject({
      enabled: true,
      spaceKeys: ['SECDOCS', 'ARCH'],
      labels: ['security'],
      connection: { state: 'connected' },
    });
    expect(h.confluence?.requestLog.entries.map((e) => [e.path, e.principal.kind])).toEqual([
      ['/wiki/api/v2/spaces', 'app'],
    ]);
    expect(storedConfig(h.runtime.kvs).confluence.enabled).toBe(true);

    h.confluence?.requestLog.clear();
    const off = await expectValue(h, confluenceAdminEndpoints.save, settings({ enabled: false }));
    expect(off.enabled).toBe(false);
    expect(h.confluence?.requestLog.entries).toHaveLength(0);
  });

  it('refuses a space the app cannot see (HR removed the app) and saves nothing', async () => {
    const error = await expectError(
      h,
      confluenceAdminEndpoints.save,
      settings({ spaceKeys: ['SECDOCS', 'HR'] }),
    );
    expect(error.kind).toBe('invalid_input');
    expect(error.fieldErrors?.['spaceKeys']).toMatch(/HR/);
    expect(storedConfig(h.runtime.kvs).confluence.enabled).toBe(false);
  });

  it('refuses turning on with neither spaces nor labels, and bad keys or labels at the boundary', async () => {
    expect(
      (await expectError(h, confluenceAdminEndpoints.save, settings({ spaceKeys: [], labels: [] }))).kind,
    ).toBe('invalid_input');
    const bad = await expectError(
      h,
      confluenceAdminEndpoints.save,
      settings({ spaceKeys: ['SEC DOCS'], labels: ['has space'] }),
    );
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(['labels.0', 'spaceKeys.0']);
    expect(h.confluence?.requestLog.entries).toHaveLength(0);
  });

  it('only a Jira admin may read or change it', async () => {
    for (const [endpoint, payload] of [
      [confluenceAdminEndpoints.get, {}],
      [confluenceAdminEndpoints.save, settings()],
    ] as const) {
      const result = await callAdmin(
        h,
        endpoint as typeof confluenceAdminEndpoints.save,
        payload as ReturnType<typeof settings>,
        DEMO_USERS.dev1,
      );
      expect(result.ok ? 'ok' : result.error.kind).toBe('forbidden');
    }
    expect(h.confluence?.requestLog.entries).toHaveLength(0);
  });
});

describe('Confluence not connected', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ confluence: { connected: false } });
  });
  afterEach(() => h.close());

  it('turning on keeps access off, records "not connected" and says how to connect', async () => {
    const error = await expectError(h, confluenceAdminEndpoints.save, settings());
    expect(error.kind).toBe('not_connected');
    expect(error.message).toMatch(/not connected.*Connect Confluence/s);
    const view = await expectValue(h, confluenceAdminEndpoints.get, {});
    expect(view).toMatchObject({ enabled: false, connection: { state: 'not-connected' } });
    expect(h.confluence?.requestLog.entries).toHaveLength(0);
  });
});
