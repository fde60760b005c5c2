import {
  type AutoTicketRule,
  autoTicketRuleSchema,
  autoTicketRulesSchema,
  matchRule,
  pickRule,
  recordCreated,
  remainingToday,
  resolveAssignee,
} from '../../../../src/core/rules/auto-ticket-rule';
import { aTestFinding } from '../templates/support/test-finding';

const aRule = (overrides: Partial<AutoTicketRule> = {}): AutoTicketRule => ({
  id: 'r1',
  name: 'High and above',
  enabled: true,
  scoreThreshold: 70,
  categories: ['SAST', 'SECRETS'],
  scanTypes: ['FullScan', 'PrScan'],
  scope: { type: 'all' },
  jiraProjectId: '10000',
  issueTypeId: '10001',
  assignee: { type: 'none' },
  dailyCap: 20,
  ...overrides,
});
const tags = new Map([['repo-1', ['payments', 'web']]]);

describe('autoTicketRuleSchema', () => {
  it('accepts a complete rule with optional epic and template', () => {
    const rule = aRule({
      epicKey: 'SEC-12',
      templateId: 't1',
      assignee: { type: 'fixed', accountId: '557058:abc' },
    });
    expect(autoTicketRuleSchema.parse(rule)).toEqual(rule);
  });

  it.each([
    [{ scoreThreshold: 101 }, 'Score threshold is 0–100'],
    [{ scoreThreshold: -1 }, 'Score threshold is 0–100'],
    [{ categories: [] }, 'at least one finding category'],
    [{ categories: ['DAST'] }, 'categories'],
    [{ scanTypes: [] }, 'at least one scan type'],
    [{ dailyCap: 0 }, 'at least 1'],
    [{ dailyCap: 501 }, 'at most 500'],
    [{ dailyCap: 2.5 }, 'whole number'],
    [{ epicKey: 'not a key' }, 'issue key'],
    [{ jiraProjectId: '' }, 'Choose a Jira project'],
    [{ assignee: { type: 'fixed', accountId: ' ' } }, 'Choose a user'],
    [{ assignee: { type: 'mapping', byRepository: [], byTag: [] } }, 'set a fallback user'],
    [{ scope: { type: 'tags', tags: [] } }, 'at least one tag'],
  ])('refuses %j', (override, message) => {
    const result = autoTicketRuleSchema.safeParse({ ...aRule(), ...override });
    expect(result.success).toBe(false);
    const text = result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
    expect(text).toContain(message);
  });

  it('refuses duplicate rule ids in the list', () => {
    expect(autoTicketRulesSchema.safeParse([aRule(), aRule()]).error?.issues[0]?.message).toBe(
      'Rule ids must be unique',
    );
    expect(autoTicketRulesSchema.safeParse([aRule(), aRule({ id: 'r2' })]).success).toBe(true);
  });
});

describe('matchRule', () => {
  it('matches an open finding at exactly the threshold (inclusive)', () => {
    expect(matchRule(aTestFinding({ score: 70 }), aRule(), tags)).toEqual({ matches: true });
  });

  it.each<[string, Parameters<typeof aTestFinding>[0], Partial<AutoTicketRule>, string]>([
    ['disabled', {}, { enabled: false }, 'rule is disabled'],
    ['closed', { status: 'false_positive' }, {}, 'finding is false_positive, not open'],
    ['below threshold', { score: 69.9 }, {}, 'score 69.9 is below the threshold 70'],
    ['category', { category: 'SCA' }, {}, 'category SCA is not selected'],
    ['scan type', { scanType: 'SCAScan' }, {}, 'scan type SCAScan is not selected'],
    [
      'repository scope',
      {},
      { scope: { type: 'repositories', repositoryIds: ['repo-2'] } },
      'repository acme/web is out of scope',
    ],
    ['tag scope', {}, { scope: { type: 'tags', tags: ['infra'] } }, 'repository acme/web is out of scope'],
  ])('does not match when %s', (_label, findingOverrides, ruleOverrides, reason) => {
    const finding = aTestFinding(findingOverrides);
    if (findingOverrides && 'scanType' in findingOverrides && findingOverrides.scanType === undefined)
      delete finding.scanType;
    expect(matchRule(finding, aRule(ruleOverrides), tags)).toEqual({ matches: false, reason });
  });

  it('treats a finding without a scan type as Other', () => {
    const noScan = aTestFinding();
    delete noScan.scanType;
    expect(matchRule(noScan, aRule(), tags)).toEqual({
      matches: false,
      reason: 'scan type Other is not selected',
    });
  });

  it('matches in-progress findings, a finding without scan type when Other is chosen, and tag/repository scopes', () => {
    const noScan = aTestFinding({ status: 'in_progress' });
    delete noScan.scanType;
    expect(matchRule(noScan, aRule({ scanTypes: ['Other'] }), tags).matches).toBe(true);
    expect(matchRule(aTestFinding(), aRule({ scope: { type: 'tags', tags: ['web'] } }), tags).matches).toBe(
      true,
    );
    expect(
      matchRule(aTestFinding(), aRule({ scope: { type: 'repositories', repositoryIds: ['repo-1'] } }), {})
        .matches,
    ).toBe(true);
  });
});

describe('pickRule', () => {
  it("returns the first enabled matching rule in the admin's order", () => {
    const rules = [
      aRule({ id: 'off', enabled: false }),
      aRule({ id: 'strict', scoreThreshold: 90 }),
      aRule({ id: 'payments', scope: { type: 'tags', tags: ['payments'] } }),
      aRule({ id: 'catch-all', scoreThreshold: 0 }),
    ];
    expect(pickRule(aTestFinding({ score: 82 }), rules, tags)?.id).toBe('payments');
    expect(pickRule(aTestFinding({ score: 95 }), rules, tags)?.id).toBe('strict');
    expect(pickRule(aTestFinding({ score: 5 }), rules, tags)?.id).toBe('catch-all');
  });

  it('returns null when no rule matches', () => {
    expect(pickRule(aTestFinding({ score: 10 }), [aRule()], tags)).toBeNull();
    expect(pickRule(aTestFinding(), [], tags)).toBeNull();
  });
});

describe('daily cap', () => {
  it("counts only today's UTC day and never goes negative", () => {
    const counts = { '2026-03-01': 20, '2026-03-02': 5 };
    expect(remainingToday(aRule(), counts, '2026-03-02')).toBe(15);
    expect(remainingToday(aRule(), counts, new Date('2026-03-02T23:59:59Z'))).toBe(15);
    expect(remainingToday(aRule(), counts, '2026-03-03T00:00:00Z')).toBe(20);
    expect(remainingToday(aRule(), counts, '2026-03-01')).toBe(0);
    expect(remainingToday(aRule({ dailyCap: 3 }), { '2026-03-02': 9 }, '2026-03-02')).toBe(0);
  });

  it('ignores inherited keys and refuses an invalid date', () => {
    expect(remainingToday(aRule(), {}, '2026-03-02')).toBe(20);
    expect(() => remainingToday(aRule(), {}, 'soon')).toThrow('"soon" is not a valid date-time');
  });

  it('records creations and forgets days outside the window', () => {
    const counts = { '2026-02-20': 4, '2026-02-24': 1, '2026-03-02': 5, '2026-03-09': 1 };
    expect(recordCreated(counts, '2026-03-02', 3)).toEqual({ '2026-02-24': 1, '2026-03-02': 8 });
    expect(recordCreated({}, new Date('2026-03-02T12:00:00Z'), 1)).toEqual({ '2026-03-02': 1 });
    expect(() => recordCreated({}, '2026-03-02', -1)).toThrow('non-negative integer');
  });
});

describe('resolveAssignee', () => {
  const mapping = {
    type: 'mapping' as const,
    byRepository: [{ repositoryId: 'repo-1', accountId: 'repo-owner' }],
    byTag: [
      { tag: 'web', accountId: 'web-team' },
      { tag: 'payments', accountId: 'payments-team' },
    ],
    fallbackAccountId: 'security-lead',
  };

  it('handles none and fixed', () => {
    expect(resolveAssignee({ type: 'none' }, aTestFinding(), tags)).toBeNull();
    expect(resolveAssignee({ type: 'fixed', accountId: 'alice' }, aTestFinding(), tags)).toBe('alice');
  });

  it('prefers the repository mapping, then the first mapped tag in admin order, then the fallback', () => {
    expect(resolveAssignee(mapping, aTestFinding(), tags)).toBe('repo-owner');
    const other = aTestFinding({ repository: { id: 'repo-2' } });
    expect(resolveAssignee(mapping, other, { 'repo-2': ['payments', 'web'] })).toBe('web-team');
    expect(resolveAssignee(mapping, other, {})).toBe('security-lead');
    const { fallbackAccountId: _unused, ...withoutFallback } = mapping;
    expect(resolveAssignee(withoutFallback, other, {})).toBeNull();
  });
});
