/**
 * The issue-8 walkthroughs, in Chromium against the `npm start` sandbox: what a newcomer does by
 * hand, asserted. Steps run in order and share one sandbox (connecting is the first thing anyone
 * does); set-up that is not the point of a step goes through the sandbox's control API, which
 * calls the app's real resolvers and the simulators exactly as the control page does.
 */
import { type FrameLocator, type Page } from 'playwright-core';
import {
  appFrame,
  launchBrowser,
  pickOption,
  startSandboxProcess,
  withScreenshots,
  type Browser,
  type RunningSandbox,
} from './e2e-harness';

interface IssueView {
  key: string;
  status: string;
  statusCategory: string;
  findingId: string | null;
  findingStatus: string | null;
}
interface IssueDetail extends IssueView {
  summary: string;
}
interface FindingView {
  id: string;
  title: string;
  status: string;
  category: string;
  linkedIssue: string | null;
}

const WRONG = { tokenId: 'zp-wrong-token-id', tokenSecret: 'zp-wrong-token-secret' };
const RIGHT = { tokenId: 'zp-demo-token-id', tokenSecret: 'zp-demo-token-secret' };
const SEC_BUG = { projectKey: 'SEC', issueTypeId: '10001' };
/** Bulk export polls every 2 s and the sandbox delivers queued jobs as Forge would. */
const BULK_EXPORT_TIMEOUT_MS = 60_000;

let sandbox: RunningSandbox;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  sandbox = await startSandboxProcess();
  browser = await launchBrowser();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  if (sandbox !== undefined) {
    const { code, output } = await sandbox.stop();
    // Ctrl-C/SIGTERM must close the servers and the runtime and exit 0.
    expect({ code, stopped: output.includes('Stopped.') }).toEqual({ code: 0, stopped: true });
  }
});

const step = (name: string, body: () => Promise<void>) =>
  test(name, () => withScreenshots(browser, name, body));

async function openFindings(status = ''): Promise<FindingView[]> {
  const r = await sandbox.api<{ findings: FindingView[] }>(
    'GET',
    `/zeropath/findings?limit=500&status=${status}`,
  );
  return r.findings;
}

/** An open, unlinked finding exported through the findings page's real resolver (set-up only). */
async function exportThroughResolver(findingId: string): Promise<string> {
  const answer = await sandbox.api<{
    ok: boolean;
    value?: { ok: boolean; value?: { issueKey: string } };
    error?: string;
  }>('POST', '/invoke', {
    moduleKey: 'zp-findings',
    functionKey: 'findings.exportOne',
    payload: { findingId, target: SEC_BUG },
    as: 'admin',
  });
  const issueKey = answer.value?.value?.issueKey;
  if (!answer.ok || answer.value?.ok !== true || issueKey === undefined)
    throw new Error(`export failed: ${JSON.stringify(answer)}`);
  return issueKey;
}

/** The issues the app has linked to findings (the sandbox lists only those by default). */
async function linkedIssues(): Promise<IssueView[]> {
  return (await sandbox.api<{ issues: IssueView[] }>('GET', '/jira/issues')).issues;
}

/** Runs `action` and waits until the findings page's search resolver has answered. */
async function afterSearch(action: () => Promise<void>): Promise<void> {
  const answered = page.waitForResponse(
    (r) =>
      r.url().endsWith('/__bridge/invoke') && (r.request().postData() ?? '').includes('"findings.search"'),
  );
  await action();
  await answered;
}

/** The findings page as Ada, showing only findings not yet in Jira. */
async function openFindingsPage(): Promise<FrameLocator> {
  await afterSearch(() => page.goto(`${sandbox.url}/app/zp-findings/?as=admin`).then(() => undefined));
  const frame = appFrame(page);
  await frame.getByRole('table', { name: 'Findings' }).waitFor();
  await afterSearch(() => frame.getByLabel('Not yet in Jira').check());
  await frame.getByRole('table', { name: 'Findings' }).waitFor();
  return frame;
}

const findingRows = (frame: FrameLocator) => frame.locator('table[aria-label="Findings"] tbody tr');

/** In the open export dialog: project SEC, issue type Bug, then Export. */
async function exportToSecBug(frame: FrameLocator): Promise<void> {
  await pickOption(frame, /^Project/, 'SEC');
  await pickOption(frame, /^Issue type/, 'Bug');
  const exportButton = frame.getByRole('button', { name: 'Export', exact: true });
  // Enabled once the preflight found no required field the app cannot fill.
  await expectEnabled(exportButton);
  await exportButton.click();
}

async function expectEnabled(locator: ReturnType<FrameLocator['locator']>): Promise<void> {
  await locator.waitFor();
  await sandbox.eventually(
    () => locator.isEnabled(),
    (enabled) => enabled,
    'the button to be enabled',
  );
}

step('the sandbox serves the real admin page, and the server decides who may use it', async () => {
  await page.goto(`${sandbox.url}/app/zp-admin/?as=alice`);
  await appFrame(page)
    .getByText('Only Jira administrators can change ZeroPath for Jira settings.')
    .first()
    .waitFor();
  await page.selectOption('#user-switcher', 'admin');
  await page.waitForURL(/as=admin/);
  await appFrame(page).getByRole('form', { name: 'Connect ZeroPath' }).waitFor();
});

step('connect ZeroPath with a wrong token: the error is shown and nothing is stored', async () => {
  const frame = appFrame(page);
  await frame.locator('#zp-tokenId').fill(WRONG.tokenId);
  await frame.locator('#zp-tokenSecret').fill(WRONG.tokenSecret);
  await frame.getByRole('button', { name: 'Connect' }).click();
  await frame.getByText('Could not connect to ZeroPath').waitFor();
  expect(await frame.getByRole('form', { name: 'Connect ZeroPath' }).isVisible()).toBe(true);
});

step('connect ZeroPath with the right token: connected to Acme Corp', async () => {
  const frame = appFrame(page);
  await frame.locator('#zp-tokenId').fill(RIGHT.tokenId);
  await frame.locator('#zp-tokenSecret').fill(RIGHT.tokenSecret);
  await frame.getByRole('button', { name: 'Connect' }).click();
  await frame.getByText('Connected to Acme Corp.').waitFor();
  // A reload reads the stored connection back: it really was saved, and the secret is not shown.
  await page.reload();
  await appFrame(page).getByText('with token …').waitFor();
  expect(await appFrame(page).locator('body').innerText()).not.toContain(RIGHT.tokenSecret);
});

step('export one finding from the findings page and open its key', async () => {
  const before = await linkedIssues();
  const frame = await openFindingsPage();
  const row = findingRows(frame).first();
  const title = (await row.locator('td').nth(2).innerText()).trim();
  await row.getByRole('checkbox').check();
  await frame.getByRole('button', { name: 'Export 1 to Jira' }).click();
  await frame.getByRole('heading', { name: 'Export finding to Jira' }).waitFor();
  await exportToSecBug(frame);

  await frame.getByText('Issue created').waitFor();
  const link = frame.getByRole('link', { name: /^SEC-\d+$/ });
  const issueKey = (await link.innerText()).trim();

  // The key opens in a new tab (router.open), at the site's /browse/KEY: the issue in the sandbox's Jira.
  const [tab] = await Promise.all([browser.context.waitForEvent('page'), link.click()]);
  await tab.waitForURL(new RegExp(`/browse/${issueKey}$`));
  await tab.locator('#issue-key', { hasText: issueKey }).waitFor();
  await tab.locator('#issue-summary', { hasText: title }).waitFor();
  await tab.close();

  const issue = await sandbox.api<IssueDetail>('GET', `/jira/issues/${issueKey}`);
  expect(issue.summary).toContain(title);
  expect(issue.findingId).not.toBeNull();
  const finding = await sandbox.api<FindingView>('GET', `/zeropath/findings/${issue.findingId ?? ''}`);
  expect(finding).toMatchObject({ title, linkedIssue: issueKey });
  expect((await linkedIssues()).length).toBe(before.length + 1);
});

step('bulk export 30 findings across two pages: the summary says 30 exported', async () => {
  const before = await linkedIssues();
  const frame = await openFindingsPage();
  // Open findings only: an export skips findings ZeroPath already closed (unless asked otherwise).
  await afterSearch(() => frame.locator('#zp-f-status').selectOption('open').then(() => undefined));
  // Page 1: everything on it (at most 25), then page 2 up to 30: the selection survives paging.
  await frame.getByRole('checkbox', { name: 'Select all on this page' }).check();
  const firstPage = await findingRows(frame).count();
  expect(firstPage).toBeLessThan(30);
  await afterSearch(() => frame.getByRole('button', { name: 'Next' }).click());
  await frame.getByText(/^Page 2 of \d+/).waitFor();
  for (let i = 0; i < 30 - firstPage; i++) await findingRows(frame).nth(i).getByRole('checkbox').check();
  await frame.getByRole('button', { name: 'Triage 30 selected' }).waitFor();

  await frame.getByRole('button', { name: 'Export 30 to Jira' }).click();
  await frame.getByRole('heading', { name: 'Export 30 findings to Jira' }).waitFor();
  await exportToSecBug(frame);

  await frame
    .getByText('Export finished: 30 of 30 processed — 30 exported, 0 skipped, 0 failed')
    .waitFor({ timeout: BULK_EXPORT_TIMEOUT_MS });
  const summaryLinks = frame.getByRole('list', { name: 'Export summary' }).getByRole('link');
  expect(await summaryLinks.count()).toBe(30);
  const keys = (await summaryLinks.allInnerTexts()).map((k) => k.trim());
  expect(new Set(keys).size).toBe(30);

  // Jira has exactly 30 new issues, each linked to a different finding.
  const after = await linkedIssues();
  const known = new Set(before.map((i) => i.key));
  const created = after.filter((i) => !known.has(i.key));
  expect(created.map((i) => i.key).sort()).toEqual([...keys].sort());
  expect(new Set(created.map((i) => i.findingId)).size).toBe(30);
  expect(created.every((i) => i.key.startsWith('SEC-'))).toBe(true);
});

step(
  'transition an exported issue to Done with a "false positive" comment: the finding is a false positive in ZeroPath',
  async () => {
    const finding = (await openFindings('PENDING_REVIEW')).find(
      (f) => f.category === 'SAST' && f.linkedIssue === null,
    );
    if (finding === undefined) throw new Error('the demo data has no open SAST finding');
    const issueKey = await exportThroughResolver(finding.id);

    await page.goto(`${sandbox.url}/control/?issue=${issueKey}`);
    await page.locator('#issue-key', { hasText: issueKey }).waitFor();
    await page.selectOption('#acting-as', 'alice');
    const done = page.locator('#transition-select option', { hasText: '→ Done' });
    await page.selectOption('#transition-select', (await done.getAttribute('value')) ?? '');
    await page.selectOption('#resolution-select', 'Done');
    await page.fill(
      '#transition-comment',
      'False positive: the id is parsed as an integer before it reaches the query, so it cannot be injected.',
    );
    await page.click('#transition-button');
    await page.locator('#issue-status', { hasText: 'Done' }).waitFor();

    const after = await sandbox.eventually(
      () => sandbox.api<FindingView>('GET', `/zeropath/findings/${finding.id}`),
      (f) => f.status === 'FALSE_POSITIVE',
      `finding ${finding.id} to become FALSE_POSITIVE in ZeroPath`,
    );
    expect(after.status).toBe('FALSE_POSITIVE');
    await page.click('#refresh-issues');
    await page.locator('#issue-finding-status', { hasText: 'FALSE_POSITIVE' }).waitFor();
  },
);

step('resolve a finding in ZeroPath and run the sweep: its Jira issue is done', async () => {
  const finding = (await openFindings('PENDING_REVIEW')).find((f) => f.linkedIssue === null);
  if (finding === undefined) throw new Error('the demo data has no open finding left');
  const issueKey = await exportThroughResolver(finding.id);

  await page.goto(`${sandbox.url}/control/`);
  await page.fill('#finding-search', finding.id);
  await page.click('#finding-search-form button[type=submit]');
  const row = page.locator(`#findings-table tr[data-finding-id="${finding.id}"]`);
  await row.waitFor();
  await row.locator('select.finding-status').selectOption('RESOLVED');
  await row.locator('button.set-status').click();
  await page.locator('#toast', { hasText: `${finding.id} is now RESOLVED` }).waitFor();

  await page.click('button[data-scheduled="zp-status-sweep"]');
  await page.locator('#toast', { hasText: 'zp-status-sweep ran' }).waitFor();
  const issue = await sandbox.eventually(
    () => sandbox.api<IssueView>('GET', `/jira/issues/${issueKey}`),
    (i) => i.statusCategory === 'done',
    `${issueKey} to reach a done status`,
  );
  expect(issue.status).toBe('Done');
  await page.locator(`#issues-table tr[data-key="${issueKey}"] td.status`, { hasText: 'Done' }).waitFor();
});
