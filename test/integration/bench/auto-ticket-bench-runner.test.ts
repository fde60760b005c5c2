import {
  benchAutoTicketApp,
  benchAutoTicketBaseline,
  formatAutoTicketRow,
} from '../../../bench/auto-ticket-bench';

/** The benchmark itself runs with `npm run bench`; this proves its runner works, on a small organisation. */
describe('auto-ticketing benchmark runner', () => {
  it('measures the app and the list-everything baseline and prints both rows', async () => {
    const options = { findings: 250, newMatching: 10, latencyMs: 1, zeroPathLatencyMs: 1, baselineConcurrency: 4 };
    const app = await benchAutoTicketApp(options);
    const baseline = await benchAutoTicketBaseline(options);
    expect(app).toMatchObject({
      bench: 'auto-ticket',
      name: 'app',
      ticketsCreated: 10,
      duplicates: 0,
      failures: 0,
    });
    // One create per new finding, after listing all three pages.
    expect(baseline).toMatchObject({
      ticketsCreated: 10,
      duplicates: 0,
      failures: 0,
      zeroPathRequests: 3,
      jiraRequests: 10,
    });
    expect(formatAutoTicketRow(baseline)).toMatch(
      /^auto-ticket baseline .*ticketsCreated=10 duplicates=0 failures=0$/,
    );
  });
});
