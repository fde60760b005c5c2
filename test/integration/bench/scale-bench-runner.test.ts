import { benchScale, formatScaleReport } from '../../../bench/scale-bench';

/**
 * The scale run at a size the test suite can afford (the full 10,000-finding run is
 * `npm run bench -- scale`): the same phases and checks on the strict platform.
 */
// Usually 10–20 s; on a loaded machine Jira's pacing turns more bulk creates transient, and each
// lost create answer waits for Jira's search before it is retried (issue 17), so a CI run took
// over 60 s. The checks, not the time, are what this test holds; speed is `npm run bench`.
const SCALE_RUN_TIMEOUT_MS = 300_000;

describe('scale run (small)', () => {
  it(
    'exports, backfills and sweeps with no duplicate, nothing lost and no lock left',
    async () => {
      const report = await benchScale({ findings: 800, exported: 120, changed: 30, seed: 13 });
      const lines = formatScaleReport(report);
      console.info(lines.join('\n'));
      expect(report.checks.filter((c) => !c.met)).toEqual([]);
      expect(report.phases.map((p) => p.phase)).toEqual([
        'bulk export',
        'auto-ticket backfill',
        'status sweep',
      ]);
    },
    SCALE_RUN_TIMEOUT_MS,
  );
});
