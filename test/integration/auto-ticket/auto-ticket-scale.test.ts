import { aRule, startAutoTicketWorld, type AutoTicketWorld } from './auto-ticket-world';

describe('auto-ticketing cost follows the changes, not the size of the organisation', () => {
  let w: AutoTicketWorld;
  beforeAll(async () => {
    w = await startAutoTicketWorld({ zeropath: { findings: 10_000, seed: 7 } });
  });
  afterAll(async () => {
    await w.close();
  });

  it('a run over 10,000 findings of which 50 are new makes ZeroPath requests proportional to the 50', async () => {
    // Only the `tools` repository is in scope, so the backlog run that sets the cursor tickets nothing.
    w.configure({
      autoTicketing: { rules: [aRule({ scope: { type: 'repositories', repositoryIds: [w.repos.plain] } })] },
    });
    await w.run();
    expect(w.state().cursor).not.toBeNull();
    expect(w.ticketCount()).toBe(0);

    // The generated organisation has many findings last updated at the same instant; the reader
    // must page through that tie (it cannot order them), so the expected cost counts them.
    const tiedAtCursor = w.state().cursor?.idsAtUpdatedAt.length ?? 0;
    w.h.zeropath.requestLog.clear();
    const added = Array.from({ length: 50 }, () => w.addFinding({ repositoryId: w.repos.plain, score: 75 }));
    await w.run();

    for (const id of added) expect(w.issueOf(id)).toBeDefined();
    const paths = w.h.zeropath.requestLog.entries.map((e) => e.path);
    const count = (path: string) => paths.filter((p) => p === path).length;
    // Pages of 100 until the first finding older than the cursor: the 50 changes plus the tie.
    const searchPages = count('/api/v1/issues/search');
    expect(searchPages).toBeLessThanOrEqual(Math.ceil((50 + tiedAtCursor + 1) / 100));
    // Reading everything would take 100 pages.
    expect(searchPages).toBeLessThan(10);
    // The export reads each finding it turns into a ticket once.
    expect(count('/api/v1/issues/get')).toBe(50);
    expect(paths.length).toBe(searchPages + 50);
  });
});
