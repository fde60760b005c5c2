import { benchScale, formatScaleReport } from '../../../bench/scale-bench';

/**
 * The scale run at a size the test suite can afford (the full 10,000-finding run is
 * `npm run bench -- scale`): the same phases and checks on the strict platform.
 */
describe('scale run (small)', () => {
  it('exports, backfills and sweeps with no duplicate, nothing lost and no lock left', async () => {
    const report = await benchScale({ findings: 800, exported: 120, changed: 30, seed: 13 });
    const lines = formatScaleReport(report);
    console.info(lines.join('\n'));
    expect(report.checks.filter((c) => !c.met)).toEqual([]);
    expect(report.phases.map((p) => p.phase)).toEqual([
      'bulk export',
      'auto-ticket backfill',
      'status sweep',
    ]);
  });
});
