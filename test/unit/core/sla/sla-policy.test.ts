import {
  type SlaPolicy,
  computeDueDate,
  computeSlaDeadline,
  daysUntilDue,
  policyCovers,
  slaPolicySchema,
} from '../../../../src/core/sla/sla-policy';
import { aTestFinding } from '../templates/support/test-finding';

const aPolicy = (overrides: Partial<SlaPolicy> = {}): SlaPolicy => ({
  id: 'default',
  name: 'Default',
  enabled: true,
  days: { Critical: 7, High: 14, Medium: 30, Low: 90 },
  scope: { type: 'all' },
  ...overrides,
});
const noTags = new Map<string, string[]>();
const OPENED = '2026-03-01T10:00:00.000Z';

describe('slaPolicySchema', () => {
  it('accepts a valid policy', () => {
    expect(slaPolicySchema.parse(aPolicy())).toEqual(aPolicy());
  });

  it.each([
    [{ days: { High: 0 } }, 'at least 1'],
    [{ days: { High: 366 } }, 'at most 365'],
    [{ days: { High: 1.5 } }, 'whole number'],
    [{ days: { High: 7, Info: 30 } }, 'Info is not eligible'],
    [{ days: {} }, 'at least one severity'],
    [{ scope: { type: 'repositories', repositoryIds: [] } }, 'at least one repository'],
    [{ scope: { type: 'tags', tags: [] } }, 'at least one tag'],
    [{ name: '  ' }, 'Name is required'],
  ])('refuses %j with a clear message', (override, message) => {
    const result = slaPolicySchema.safeParse({ ...aPolicy(), ...override });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message).join('\n')).toContain(message);
  });
});

describe('computeDueDate', () => {
  it('adds the severity threshold to the moment the finding became open, as a UTC date', () => {
    expect(computeDueDate(aTestFinding({ severity: 'High' }), [aPolicy()], noTags, OPENED)).toBe(
      '2026-03-15',
    );
    expect(
      computeDueDate(aTestFinding({ severity: 'Critical' }), [aPolicy()], noTags, new Date(OPENED)),
    ).toBe('2026-03-08');
  });

  it('uses the UTC calendar date of the breach instant', () => {
    expect(
      computeDueDate(
        aTestFinding({ severity: 'Critical' }),
        [aPolicy()],
        noTags,
        '2026-03-01T23:30:00-02:00',
      ),
    ).toBe('2026-03-09');
  });

  it('takes the earliest breach across every covering policy', () => {
    const policies = [
      aPolicy({ id: 'a', name: 'Org', days: { High: 30 } }),
      aPolicy({ id: 'b', name: 'Payments', days: { High: 5 }, scope: { type: 'tags', tags: ['pci'] } }),
      aPolicy({
        id: 'c',
        name: 'Web',
        days: { High: 10 },
        scope: { type: 'repositories', repositoryIds: ['repo-1'] },
      }),
    ];
    const tags = new Map([['repo-1', ['pci', 'web']]]);
    expect(computeSlaDeadline(aTestFinding(), policies, tags, OPENED)).toEqual({
      dueDate: '2026-03-06',
      policyId: 'b',
      policyName: 'Payments',
      days: 5,
    });
  });

  it('ignores disabled policies, uncovered repositories and severities a policy does not set', () => {
    const finding = aTestFinding({ severity: 'Medium', repository: { id: 'repo-2' } });
    const policies = [
      aPolicy({ enabled: false }),
      aPolicy({ scope: { type: 'repositories', repositoryIds: ['repo-1'] } }),
      aPolicy({ scope: { type: 'tags', tags: ['pci'] } }),
      aPolicy({ days: { Critical: 3 } }),
    ];
    expect(computeDueDate(finding, policies, new Map([['repo-2', ['PCI']]]), OPENED)).toBeNull();
    expect(computeDueDate(finding, [], noTags, OPENED)).toBeNull();
  });

  it('never gives Info findings or closed findings a due date', () => {
    expect(
      computeDueDate(aTestFinding({ severity: 'Info', score: 5 }), [aPolicy()], noTags, OPENED),
    ).toBeNull();
    expect(computeDueDate(aTestFinding({ status: 'resolved' }), [aPolicy()], noTags, OPENED)).toBeNull();
    expect(computeDueDate(aTestFinding({ status: 'in_progress' }), [aPolicy()], noTags, OPENED)).toBe(
      '2026-03-15',
    );
  });

  it('refuses an invalid clock start', () => {
    expect(() => computeDueDate(aTestFinding(), [aPolicy()], noTags, 'yesterday')).toThrow(
      '"yesterday" is not a valid date-time',
    );
  });
});

describe('policyCovers', () => {
  it('matches tags exactly against the live repository tags', () => {
    const policy = aPolicy({ scope: { type: 'tags', tags: ['prod'] } });
    expect(policyCovers(policy, aTestFinding(), new Map([['repo-1', ['prod']]]))).toBe(true);
    expect(policyCovers(policy, aTestFinding(), new Map([['repo-1', ['Prod']]]))).toBe(false);
    expect(policyCovers(policy, aTestFinding(), noTags)).toBe(false);
    expect(policyCovers(policy, aTestFinding(), { 'repo-1': ['prod'] })).toBe(true);
    expect(policyCovers(policy, aTestFinding(), { other: ['prod'] })).toBe(false);
  });
});

describe('daysUntilDue', () => {
  it('counts calendar days, negative when overdue', () => {
    expect(daysUntilDue('2026-03-15', '2026-03-10')).toBe(5);
    expect(daysUntilDue('2026-03-15', new Date('2026-03-15T23:59:00Z'))).toBe(0);
    expect(daysUntilDue('2026-03-15', '2026-03-20')).toBe(-5);
  });

  it('refuses malformed dates', () => {
    expect(() => daysUntilDue('2026-02-30', '2026-03-01')).toThrow('not a calendar date');
    expect(() => daysUntilDue('15/03/2026', '2026-03-01')).toThrow('not a calendar date');
  });
});
