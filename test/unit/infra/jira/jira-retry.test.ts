import { JiraApiError, JiraRateLimitedError, JiraUnavailableError } from '../../../../src/infra/jira/jira-errors';
import { withJiraRetry } from '../../../../src/infra/jira/jira-retry';

/** A virtual clock: sleeping advances time instantly and is recorded. */
function clock() {
  let time = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => time,
    sleep: (ms: number) => {
      sleeps.push(ms);
      time += ms;
      return Promise.resolve();
    },
  };
}

const burst = (seconds: number) => new JiraRateLimitedError('GET /x', seconds, 'jira-burst-based');

function failing(errors: Error[], value = 'ok'): jest.Mock<Promise<string>, []> {
  const fn = jest.fn<Promise<string>, []>();
  for (const error of errors) fn.mockRejectedValueOnce(error);
  fn.mockResolvedValue(value);
  return fn;
}

describe('withJiraRetry', () => {
  it('returns at once when the call succeeds', async () => {
    const c = clock();
    await expect(withJiraRetry(failing([]), { budgetMs: 0, ...c })).resolves.toBe('ok');
    expect(c.sleeps).toEqual([]);
  });

  it('never waits less than Retry-After and backs off exponentially with jitter above it', async () => {
    const c = clock();
    const fn = failing([burst(1), burst(1), burst(5)]);
    await expect(withJiraRetry(fn, { budgetMs: 60_000, random: () => 0.5, ...c })).resolves.toBe('ok');
    expect(fn).toHaveBeenCalledTimes(4);
    expect(c.sleeps).toEqual([2000, 4000, 8000]);
  });

  it('honours a Retry-After longer than the backoff', async () => {
    const c = clock();
    await withJiraRetry(failing([burst(20)]), { budgetMs: 60_000, random: () => 0, ...c });
    expect(c.sleeps).toEqual([20_000]);
  });

  it('gives up with the typed error when the wait would exceed the budget', async () => {
    const c = clock();
    const error = burst(30);
    const fn = failing([error]);
    await expect(withJiraRetry(fn, { budgetMs: 10_000, ...c })).rejects.toBe(error);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(c.sleeps).toEqual([]);
  });

  it('stops after maxAttempts', async () => {
    const c = clock();
    const fn = failing([burst(1), burst(1), burst(1)]);
    await expect(withJiraRetry(fn, { budgetMs: 600_000, maxAttempts: 2, random: () => 0.5, ...c })).rejects.toBeInstanceOf(JiraRateLimitedError);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('does not retry an exhausted hourly quota', async () => {
    const c = clock();
    const fn = failing([new JiraRateLimitedError('GET /x', 1, 'jira-quota-global-based')]);
    await expect(withJiraRetry(fn, { budgetMs: 3_600_000, ...c })).rejects.toMatchObject({ isQuotaExhausted: true });
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('retries a 503 only when Jira said when to come back', async () => {
    const c = clock();
    const withHeader = failing([new JiraUnavailableError(503, 'POST /x', 2)]);
    await expect(withJiraRetry(withHeader, { budgetMs: 60_000, random: () => 0.5, ...c })).resolves.toBe('ok');
    expect(withHeader).toHaveBeenCalledTimes(2);

    const noHeader = failing([new JiraUnavailableError(503, 'POST /x', undefined)]);
    await expect(withJiraRetry(noHeader, { budgetMs: 60_000, ...c })).rejects.toBeInstanceOf(JiraUnavailableError);
    const serverError = failing([new JiraUnavailableError(500, 'POST /x', 2)]);
    await expect(withJiraRetry(serverError, { budgetMs: 60_000, ...c })).rejects.toBeInstanceOf(JiraUnavailableError);
    expect(noHeader).toHaveBeenCalledTimes(1);
    expect(serverError).toHaveBeenCalledTimes(1);
  });

  it('does not retry other errors', async () => {
    const c = clock();
    const fn = failing([new JiraApiError(400, 'POST /x', ['bad'])]);
    await expect(withJiraRetry(fn, { budgetMs: 60_000, ...c })).rejects.toBeInstanceOf(JiraApiError);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
