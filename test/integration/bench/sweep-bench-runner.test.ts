import { benchSweepApp, benchSweepBaseline, formatSweepRow } from '../../../bench/sweep-bench';

/** The benchmark itself runs with `npm run bench`; this proves its runner works, on a small organisation. */
describe('status sweep benchmark runner', () => {
  it('measures the app and the naive poller and prints both rows', async () => {
    const options = { findings: 250, linked: 20, changed: 10, latencyMs: 1, zeroPathLatencyMs: 1, baselineConcurrency: 4 };
    const app = await benchSweepApp(options);
    const baseline = await benchSweepBaseline(options);
    // Both move the five changed linked issues and leave none behind.
    expect(app).toMatchObject({ bench: 'sweep', name: 'app', findings: 250, transitions: 5, missed: 0 });
    expect(baseline).toMatchObject({ bench: 'sweep', name: 'baseline', transitions: 5, missed: 0 });
    // The app reads one page of changes; the poller every page (3 of 100) and every linked issue.
    expect(app.zeroPathRequests).toBe(1);
    expect(baseline.zeroPathRequests).toBe(3);
    expect(baseline.jiraRequests).toBe(20 + 5 * 2);
    expect(formatSweepRow(app)).toMatch(/^sweep app .*transitions=5 missed=0$/);
  });
});
