/**
 * The real @forge/bridge throws at import outside an Atlassian product page, so any UI test that
 * imports a page (even indirectly, through app.tsx) would fail to load. Jest maps the package here;
 * a test that talks to the backend replaces it with `jest.mock('@forge/bridge', ...)`, and one that
 * does not but calls it anyway gets a clear rejection instead of a silent answer.
 */
const notMocked = (name: string) => () =>
  Promise.reject(new Error(`@forge/bridge ${name} called in a UI test without jest.mock('@forge/bridge')`));

export const invoke = notMocked('invoke');
export const view = { getContext: notMocked('view.getContext') };
