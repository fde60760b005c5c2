/**
 * Bulk triage from the findings page, in Chromium against a fresh `npm start` sandbox, clicked as
 * fast as a person can: tick two exported findings and press "Triage 2 selected" at once (no pause
 * in between; an earlier run saw the dialog fail to open when clicked straight after a tick).
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
interface FindingView {
  id: string;
  status: string;
  linkedIssue: string | null;
}

const TOKEN = { tokenId: 'zp-demo-token-id', tokenSecret: 'zp-demo-token-secret' };
const BULK_EXPORT_TIMEOUT_MS = 60_000;
const REASON = 'False positive: the input is an enum value checked against an allow-list before use.';

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
    const { code } = await sandbox.stop();
    expect(code).toBe(0);
  }
});

const step = (name: string, body: () => Promise<void>) =>
  test(name, () => withScreenshots(browser, name, body));

/** Runs `action` and waits until the findings page's search resolver has answered. */
async function afterSearch(action: () => Promise<void>): Promise<void> {
  const answered = page.waitForResponse(
    (r) =>
      r.url().endsWith('/__bridge/invoke') && (r.request().postData() ?? '').includes('"findings.search"'),
  );
  await action();
  await answered;
}

const findingRows = (frame: FrameLocator) => frame.locator('table[aria-label="Findings"] tbody tr');

/** The Jira cell of each of the first `n` rows. */
async function jiraKeysOfFirstRows(frame: FrameLocator, n: number): Promise<string[]> {
  const keys: string[] = [];
  for (let i = 0; i < n; i++)
    keys.push((await findingRows(frame).nth(i).locator('td').nth(6).innerText()).trim());
  return keys;
}

step('connect ZeroPath', async () => {
  await page.goto(`${sandbox.url}/app/zp-admin/?as=admin`);
  const frame = appFrame(page);
  await frame.locator('#zp-tokenId').fill(TOKEN.tokenId);
  await frame.locator('#zp-tokenSecret').fill(TOKEN.tokenSecret);
  await frame.getByRole('button', { name: 'Connect' }).click();
  await frame.getByText('Connected to Acme Corp.').waitFor();
});

step(
  'export two findings, tick them and click "Triage 2 selected" at once: both become false positives and their issues are done',
  async () => {
    // A fresh sandbox has nothing in Jira, so the first two rows of the unfiltered page are
    // exportable and stay first (the page sorts by score) once they are linked.
    await afterSearch(() => page.goto(`${sandbox.url}/app/zp-findings/?as=admin`).then(() => undefined));
    const frame = appFrame(page);
    await frame.getByRole('table', { name: 'Findings' }).waitFor();
    expect(await jiraKeysOfFirstRows(frame, 2)).toEqual(['', '']);
    await findingRows(frame).nth(0).getByRole('checkbox').check();
    await findingRows(frame).nth(1).getByRole('checkbox').check();
    await frame.getByRole('button', { name: 'Export 2 to Jira' }).click();
    await frame.getByRole('heading', { name: 'Export 2 findings to Jira' }).waitFor();
    await pickOption(frame, /^Project/, 'SEC');
    await pickOption(frame, /^Issue type/, 'Bug');
    const exportButton = frame.getByRole('button', { name: 'Export', exact: true });
    await sandbox.eventually(
      () => exportButton.isEnabled(),
      (enabled) => enabled,
      'Export to be enabled',
    );
    await afterSearch(() => exportButton.click());
    await frame
      .getByText('Export finished: 2 of 2 processed — 2 exported, 0 skipped, 0 failed')
      .waitFor({ timeout: BULK_EXPORT_TIMEOUT_MS });
    const keys = (await frame.getByRole('list', { name: 'Export summary' }).getByRole('link').allInnerTexts())
      .map((k) => k.trim())
      .sort();
    expect(keys).toHaveLength(2);
    await frame.getByRole('button', { name: 'Close' }).click();
    await frame.getByRole('heading', { name: 'Export 2 findings to Jira' }).waitFor({ state: 'detached' });

    // Come back to the page later (a fresh load, so nothing else has re-rendered it): the same two
    // rows, now with their Jira keys.
    await afterSearch(() => page.goto(`${sandbox.url}/app/zp-findings/?as=admin`).then(() => undefined));
    await frame.getByRole('table', { name: 'Findings' }).waitFor();
    expect((await jiraKeysOfFirstRows(frame, 2)).sort()).toEqual(keys);

    // As fast as a person: tick, tick, click. No waiting in between.
    await findingRows(frame).nth(0).getByRole('checkbox').check();
    await findingRows(frame).nth(1).getByRole('checkbox').check();
    await frame.getByRole('button', { name: 'Triage 2 selected' }).click();

    await frame.getByRole('heading', { name: 'Triage 2 findings' }).waitFor();
    await pickOption(frame, /^New status in ZeroPath/, 'False positive');
    await frame.getByLabel(/^Reason/).fill(REASON);
    await frame.getByRole('button', { name: 'Triage 2', exact: true }).click();
    await frame.getByText('All findings triaged').waitFor({ timeout: 30_000 });
    const summary = frame.getByRole('list', { name: 'Triage summary' });
    await summary.getByText('Updated in ZeroPath: 2').waitFor();

    for (const key of keys) {
      const issue = await sandbox.eventually(
        () => sandbox.api<IssueView>('GET', `/jira/issues/${key}`),
        (i) => i.statusCategory === 'done',
        `${key} to reach a done status`,
      );
      expect(issue.findingId).not.toBeNull();
      const finding = await sandbox.api<FindingView>('GET', `/zeropath/findings/${issue.findingId ?? ''}`);
      expect(finding).toMatchObject({ status: 'FALSE_POSITIVE', linkedIssue: key });
    }
  },
);
