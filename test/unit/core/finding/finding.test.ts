import { findingDashboardUrl, severityFromScore, severityRank } from '../../../../src/core/finding/finding';

describe('severityFromScore', () => {
  it.each([
    [100, 'Critical'],
    [90, 'Critical'],
    [89, 'High'],
    [70, 'High'],
    [69, 'Medium'],
    [40, 'Medium'],
    [39, 'Low'],
    [10, 'Low'],
    [9, 'Info'],
    [0, 'Info'],
  ])('buckets score %i as %s', (score, bucket) => {
    expect(severityFromScore(score)).toBe(bucket);
  });

  it('ranks Critical above Info', () => {
    expect(severityRank('Critical')).toBeGreaterThan(severityRank('High'));
    expect(severityRank('Low')).toBeGreaterThan(severityRank('Info'));
  });
});

describe('findingDashboardUrl', () => {
  it('joins the base URL and the id without a double slash', () => {
    expect(findingDashboardUrl('https://acme.branch.zeropath.com/', 'abc')).toBe(
      'https://acme.branch.zeropath.com/app/issues/abc',
    );
  });
});
