import { benchApp, benchBaseline, formatRow } from '../../../bench/export-bench';

/** The benchmark itself runs with `npm run bench`; this proves its runner works, on 20 findings. */
describe('export benchmark runner', () => {
  it('measures the app and the baseline and prints both rows', async () => {
    const options = { findings: 20, latencyMs: 1, zeroPathLatencyMs: 1, baselineConcurrency: 4 };
    const app = await benchApp(options);
    const baseline = await benchBaseline(options);
    expect(app).toMatchObject({ findings: 20, duplicates: 0, failures: 0 });
    expect(app.jiraRequests).toBeLessThanOrEqual(Math.ceil(20 / 50) + 10);
    expect(baseline).toMatchObject({ findings: 20, jiraRequests: 40, duplicates: 0, failures: 0 });
    expect(formatRow(app)).toMatch(/^app .*jiraRequests=\d+/);
  });
});
