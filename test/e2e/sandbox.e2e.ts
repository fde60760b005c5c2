/**
 * The issue-8 walkthroughs, in Chromium against the `npm start` sandbox: what a newcomer does by
 * hand, asserted. Steps run in order and share one sandbox (connecting is the first thing anyone
 * does); set-up that is not the point of a step goes through the sandbox's control API, which
 * calls the app's real resolvers and the simulators exactly as the control page does.
 */
import { type Page } from 'playwright-core';
import {
  appFrame,
  launchBrowser,
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
  category: string;
  linkedIssue: string | null;
}

const WRONG = { tokenId: 'zp-wrong-token-id', tokenSecret: 'zp-wrong-token-secret' };
const RIGHT = { tokenId: 'zp-demo-token-id', tokenSecret: 'zp-demo-token-secret' };
const SEC_BUG = { projectKey: 'SEC', issueTypeId: '10001' };

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

step(
  'transition an exported issue to Done with a "false positive" comment: the finding is a false positive in ZeroPath',
  async () => {
    const finding = (await openFindings('PENDING_REVIEW')).find(
      (f) => f.category === 'SAST' && f.linkedIssue === null,
    );
    if (finding === undefined) throw new Error('the demo data has no open SAST finding');
    const issueKey = await exportThroughResolver(finding.id);

    await page.goto(`${sandbox.url}/browse/${issueKey}`);
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
