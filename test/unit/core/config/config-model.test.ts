import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { appConfigSchema, CONFIG_SECTIONS, CONFIG_VERSION, defaultConfig } from '../../../../src/core/config/app-config';
import { pickDefaultIssueType } from '../../../../src/core/config/default-issue-type';
import { ConfigMigrationError, migrateConfig } from '../../../../src/core/config/migrate-config';
import { tokenExpiryOf } from '../../../../src/core/config/token-expiry';
import { checkZeroPathBaseUrl, ZEROPATH_EGRESS_ADDRESSES } from '../../../../src/core/config/zeropath-base-url';

describe('migrateConfig', () => {
  it('lifts the unversioned flat pre-release record to the current version', () => {
    const migrated = appConfigSchema.parse(
      migrateConfig({
        baseUrl: 'https://acme.branch.zeropath.com',
        organizationId: 'org-1',
        organizationName: 'Acme',
        projectKey: 'SEC',
        issueTypeId: '10004',
        commentTriage: false,
      }),
    );
    expect(migrated.version).toBe(CONFIG_VERSION);
    expect(migrated.connection).toEqual({
      baseUrl: 'https://acme.branch.zeropath.com',
      organizationId: 'org-1',
      organizationName: 'Acme',
    });
    expect(migrated.defaults).toMatchObject({ projectKey: 'SEC', issueTypeId: '10004', labels: ['zeropath'] });
    expect(migrated.sync.commentTriage).toBe(false);
    expect(migrated.sync.resolutionMapping).toEqual(defaultConfig().sync.resolutionMapping);
  });

  it('lifts a version 1 single record to version 2 without changing any section', () => {
    const { version: _current, ...sections } = defaultConfig();
    const v1 = { ...sections, version: 1, defaults: { ...sections.defaults, projectKey: 'SEC' } };
    expect(migrateConfig(v1)).toEqual({ ...v1, version: 2 });
    expect(CONFIG_VERSION).toBe(2);
  });

  it('lists every section of the schema for the per-section store', () => {
    expect([...CONFIG_SECTIONS].sort()).toEqual(Object.keys(defaultConfig()).filter((k) => k !== 'version').sort());
  });

  it('leaves a current record as it is', () => {
    const current = defaultConfig();
    expect(migrateConfig(current)).toEqual(current);
  });

  it('refuses a record from a newer app version rather than dropping its settings', () => {
    expect(() => migrateConfig({ version: CONFIG_VERSION + 1 })).toThrow(ConfigMigrationError);
    expect(() => migrateConfig({ version: 'one' })).toThrow(/unreadable version/);
  });
});

describe('checkZeroPathBaseUrl', () => {
  it.each([
    ['https://zeropath.com', 'https://zeropath.com'],
    ['https://ZeroPath.com/', 'https://zeropath.com'],
    ['  https://acme.branch.zeropath.com ', 'https://acme.branch.zeropath.com'],
  ])('accepts %s', (input, expected) => {
    expect(checkZeroPathBaseUrl(input)).toEqual({ ok: true, baseUrl: expected });
  });

  it.each([
    'http://zeropath.com',
    'https://zeropath.com.evil.example',
    'https://evilzeropath.com',
    'https://user:pw@zeropath.com',
    'https://zeropath.com:8443',
    'https://zeropath.com/api',
    'https://zeropath.com/?x=1',
    'not a url',
  ])('refuses %s', (input) => {
    expect(checkZeroPathBaseUrl(input).ok).toBe(false);
  });

  it('allows exactly the hosts the manifest lets the backend fetch', () => {
    const manifest = parse(fs.readFileSync(path.resolve(__dirname, '../../../../manifest.yml'), 'utf8')) as {
      permissions: { external: { fetch: { backend: Array<{ address: string } | string> } } };
    };
    const addresses = manifest.permissions.external.fetch.backend.map((entry) =>
      typeof entry === 'string' ? entry : entry.address,
    );
    expect([...addresses].sort()).toEqual([...ZEROPATH_EGRESS_ADDRESSES].sort());
  });
});

describe('tokenExpiryOf', () => {
  const now = new Date('2026-06-01T12:00:00.000Z');
  it('is unknown without a date', () => {
    expect(tokenExpiryOf(undefined, now)).toEqual({ state: 'unknown' });
  });
  it('warns within two weeks and reports a past date as expired', () => {
    expect(tokenExpiryOf('2026-06-30T23:59:59.000Z', now).state).toBe('ok');
    expect(tokenExpiryOf('2026-06-10T23:59:59.000Z', now)).toMatchObject({ state: 'expiring-soon', daysLeft: 9 });
    expect(tokenExpiryOf('2026-05-31T23:59:59.000Z', now)).toMatchObject({ state: 'expired', daysLeft: 0 });
  });
});

describe('pickDefaultIssueType', () => {
  const type = (id: string, name: string, extra: { subtask?: boolean; hierarchyLevel?: number } = {}) => ({ id, name, ...extra });
  it('prefers Bug, then Task, then the first standard type; never a sub-task or epic', () => {
    expect(pickDefaultIssueType([type('1', 'Epic', { hierarchyLevel: 1 }), type('2', 'Task'), type('3', 'Bug')])?.name).toBe('Bug');
    expect(pickDefaultIssueType([type('1', 'Story'), type('2', 'Task')])?.name).toBe('Task');
    expect(pickDefaultIssueType([type('1', 'Sub-task', { subtask: true }), type('2', 'Story')])?.name).toBe('Story');
    expect(pickDefaultIssueType([type('1', 'Sub-task', { subtask: true })])).toBeUndefined();
  });
});
