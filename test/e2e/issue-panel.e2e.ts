/**
 * The finding panel as Jira shows it (issue 18 point 4): `/browse/KEY` is a Jira-like issue view
 * whose "ZeroPath finding" panel is the app's real UI Kit bundle drawn by the sandbox's UI Kit host
 * with Atlaskit. Every panel action is performed in the browser and checked where it lands: the
 * ZeroPath simulator's finding and the Jira simulator's issue, not only the page. Then what a
 * developer and a contractor see differently, and the element-box layout check of the panel at
 * 1024, 1280 and 1440 px with screenshots in test-results/issue-panel/.
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { type Locator, type Page } from 'playwright-core';
import { severityFromScore } from '../../src/core/finding/finding';
import {
  launchBrowser,
  RESULTS_DIR,
  startSandboxProcess,
  withScreenshots,
  type Browser,
  type RunningSandbox,
} from './e2e-harness';
import { LAYOUT_WIDTHS, layoutProblems } from './layout-check';

const TOKEN = { tokenId: 'zp-demo-token-id', tokenSecret: 'zp-demo-token-secret' };
const SHOTS = path.join(RESULTS_DIR, 'issue-panel');

interface FindingView {
  id: string;
  title: string;
  score: number;
  status: string;
  linkedIssue: string | null;
  history: Array<{ from?: string; to: string }>;
  notes: string;
}
type Invoked = { ok: boolean; value?: { ok: boolean; value?: Record<string, unknown>; error?: unknown } };

let sandbox: RunningSandbox;
let browser: Browser;
let page: Page;
/** Messages the host logged: any "UI Kit host:" line fails the test that caused it. */
let consoleErrors: string[] = [];
let finding: FindingView;

const invoke = async (moduleKey: string, functionKey: string, payload: unknown) => {
  const answer = await sandbox.api<Invoked>('POST', '/invoke', {
    moduleKey,
    functionKey,
    payload,
    as: 'admin',
  });
  if (!answer.ok || answer.value?.ok !== true)
    throw new Error(`${functionKey} failed: ${JSON.stringify(answer)}`);
  return answer.value.value ?? {};
};
const zpFinding = (id: string) => sandbox.api<FindingView>('GET', `/zeropath/findings/${id}`);
const jiraIssue = (key: string) =>
  sandbox.api<{ findingId: string | null; status: string; statusCategory: string }>(
    'GET',
    `/jira/issues/${key}`,
  );

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  sandbox = await startSandboxProcess();
  browser = await launchBrowser();
  page = await browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('UI Kit')) consoleErrors.push(message.text());
  });
  const connected = await invoke('zp-admin', 'admin.connect', TOKEN);
  if (connected['status'] === 'choose-organization') {
    const [first] = connected['organizations'] as Array<{ id: string }>;
    await invoke('zp-admin', 'admin.connect', { ...TOKEN, organizationId: first?.id });
  }
  // A medium finding: a severe one may need a second security-team approver (a setting).
  const { findings } = await sandbox.api<{ findings: FindingView[] }>(
    'GET',
    '/zeropath/findings?limit=500&status=PENDING_REVIEW',
  );
  const open = findings.find((f) => f.linkedIssue === null && severityFromScore(f.score) === 'Medium');
  if (open === undefined) throw new Error('the demo data has no open, unlinked medium finding');
  finding = await zpFinding(open.id);
});

afterAll(async () => {
  await browser?.close();
  if (sandbox !== undefined) await sandbox.stop();
});

const step = (name: string, body: () => Promise<void>) =>
  test(name, async () => {
    consoleErrors = [];
    await withScreenshots(browser, name, body);
    expect(consoleErrors).toEqual([]);
  });

/** Opens the issue as a sandbox user; resolves with the panel once the app drew something. */
async function openIssue(key: string, as: string): Promise<Locator> {
  await page.goto(`${sandbox.url}/browse/${key}?as=${as}`);
  await page.getByTestId('issue-key').filter({ hasText: key }).waitFor();
  const panel = page.locator('[data-ui-kit-slot="issue-panel"]');
  await panel.locator('xpath=self::*[@data-ui-kit-rendered="true"]').waitFor();
  return panel;
}

/** The host found nothing to refuse in what the app drew (its count is kept on the slot). */
async function expectNoHostProblems(panel: Locator): Promise<void> {
  expect(await panel.getAttribute('data-ui-kit-problems')).toBe('0');
  expect(await panel.getByTestId('ui-kit-host-error').count()).toBe(0);
}

step('an unlinked issue: the panel refuses a wrong reference, then links a finding by its URL', async () => {
  const panel = await openIssue('SEC-2', 'admin');
  await page.getByTestId('issue-summary').filter({ hasText: 'Rotate leaked credentials' }).waitFor();
  await panel.getByText('This issue is not linked to a ZeroPath finding.').waitFor();
  const field = panel.getByLabel('ZeroPath finding id or URL');

  await field.fill('https://example.com/app/issues/123');
  await panel.getByRole('button', { name: 'Link finding' }).click();
  await panel.getByText(/not a ZeroPath finding URL/).waitFor();
  expect((await jiraIssue('SEC-2')).findingId).toBeNull();

  await field.fill(`https://zeropath.com/app/issues/${finding.id}`);
  await panel.getByRole('button', { name: 'Link finding' }).click();
  await panel.getByRole('heading', { name: finding.title }).waitFor();
  await expectNoHostProblems(panel);
  const issue = await sandbox.eventually(
    () => jiraIssue('SEC-2'),
    (i) => i.findingId === finding.id,
    'SEC-2 to carry the linked finding',
  );
  expect(issue.findingId).toBe(finding.id);
  expect((await zpFinding(finding.id)).linkedIssue).toBe('SEC-2');
});

step('refresh from ZeroPath shows a status changed there', async () => {
  const panel = await openIssue('SEC-2', 'admin');
  await panel.getByTestId('status').filter({ hasText: 'Open' }).waitFor();
  await sandbox.api('POST', `/zeropath/findings/${finding.id}/status`, { status: 'RESOLVED' });
  await panel.getByRole('button', { name: 'Refresh from ZeroPath' }).click();
  await panel.getByRole('heading', { name: 'Refreshed from ZeroPath' }).waitFor();
  await panel.getByTestId('status').filter({ hasText: 'Resolved' }).waitFor();
  // A closed finding offers Reopen.
  await panel.getByRole('button', { name: 'Reopen' }).waitFor();
});

step('a developer may not mark a false positive: the panel says who may, ZeroPath is unchanged', async () => {
  const panel = await openIssue('SEC-2', 'alice');
  await panel.getByRole('button', { name: 'Mark false positive' }).click();
  await panel.getByLabel('Reason (required)').fill('Looks fine to me');
  await panel.getByRole('button', { name: 'Mark as false positive' }).click();
  await panel.getByText(/^Only .* may mark a finding false positive/).waitFor();
  expect((await zpFinding(finding.id)).status).toBe('RESOLVED');
});

step('the security team marks it a false positive with a reason: ZeroPath records it', async () => {
  const panel = await openIssue('SEC-2', 'admin');
  await panel.getByRole('button', { name: 'Mark false positive' }).click();
  // No reason: refused in the panel, nothing sent.
  await panel.getByRole('button', { name: 'Mark as false positive' }).click();
  await panel.getByText('Give a reason: it is recorded in ZeroPath and in the audit trail.').waitFor();
  await panel.getByLabel('Reason (required)').fill('The id is parsed as an integer before the query.');
  await panel.getByRole('button', { name: 'Mark as false positive' }).click();
  await panel.getByTestId('status').filter({ hasText: 'False positive' }).waitFor();
  const after = await zpFinding(finding.id);
  expect(after.status).toBe('FALSE_POSITIVE');
  expect(after.history.at(-1)).toMatchObject({ from: 'RESOLVED', to: 'FALSE_POSITIVE' });
  // The app closes the Jira issue to match (sync), so Jira's state moved too.
  await sandbox.eventually(
    () => jiraIssue('SEC-2'),
    (i) => i.statusCategory === 'done',
    'SEC-2 to be closed after the false positive',
  );
  // The reason is kept in the panel's audit trail (ZeroPath gets it where its schema takes one).
  await panel
    .getByTestId('audit')
    .getByText(/marked it a false positive.*parsed as an integer/)
    .waitFor();
});

step('reopen: the finding is open again in ZeroPath', async () => {
  const panel = await openIssue('SEC-2', 'admin');
  await panel.getByRole('button', { name: 'Reopen' }).click();
  await panel.getByLabel('Reason (optional)').fill('New evidence from the pentest.');
  await panel.getByRole('button', { name: 'Reopen' }).click();
  await panel
    .getByTestId('status')
    .filter({ hasText: /^(Open|In progress)$/ })
    .waitFor();
  const after = await zpFinding(finding.id);
  expect(['PENDING_REVIEW', 'REVIEWING', 'BACKLOG']).toContain(after.status);
  await sandbox.eventually(
    () => jiraIssue('SEC-2'),
    (i) => i.statusCategory !== 'done',
    'SEC-2 to be open again after the reopen',
  );
});

step('accept the risk until a date picked in the date picker: ZeroPath has it accepted', async () => {
  const panel = await openIssue('SEC-2', 'admin');
  await panel.getByRole('button', { name: 'Accept risk' }).click();
  await panel.getByLabel('Reason (required)').fill('Compensating control: WAF rule 942100.');
  const until = new Date(Date.now() + 30 * 86_400_000);
  const iso = until.toISOString().slice(0, 10);
  const typed = `${until.getUTCMonth() + 1}/${until.getUTCDate()}/${until.getUTCFullYear()}`;
  const date = panel.getByLabel('Accepted until (optional)');
  await date.click();
  await date.pressSequentially(typed);
  await date.press('Enter');
  await panel.getByRole('button', { name: 'Accept risk' }).click();
  await panel
    .getByTestId('accepted-until')
    .filter({ hasText: `Risk accepted until ${iso}` })
    .waitFor();
  const after = await zpFinding(finding.id);
  expect(after.status).toBe('ACCEPTED_RISK');
  await panel
    .getByTestId('audit')
    .getByText(/accepted the risk.*WAF rule 942100/)
    .waitFor();
  await expectNoHostProblems(panel);
});

step('history: "Show all" lists every entry, with people by name', async () => {
  const panel = await openIssue('SEC-2', 'admin');
  const audit = panel.getByTestId('audit');
  await audit.getByRole('button', { name: /^Show all \d+$/ }).click();
  await audit.getByRole('button', { name: 'Show fewer' }).waitFor();
  expect(await audit.getByTestId('ui-kit-user').filter({ hasText: 'Ada Admin' }).count()).toBeGreaterThan(0);
  expect(await audit.textContent()).not.toContain('557058:');
});

step(
  'a contractor sees the SEC panel (switcher) but cannot open an OPS issue: no issue view, no panel',
  async () => {
    const created = await fetch(`${sandbox.url}/__bridge/fetch-product`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        as: 'admin',
        restPath: '/rest/api/3/issue',
        method: 'POST',
        headers: [['content-type', 'application/json']],
        body: JSON.stringify({
          fields: {
            project: { key: 'OPS' },
            issuetype: { id: '10002' },
            summary: 'Rotate the database password',
            customfield_10050: { value: 'AppSec' },
          },
        }),
      }),
    });
    const answer = (await created.json()) as { status: number; body: string };
    expect(answer.status).toBe(201);
    const { key } = JSON.parse(answer.body) as { key: string };

    // On SEC the contractor has a developer's rights: the panel, and the same refusal server-side.
    await openIssue('SEC-2', 'admin');
    await page.getByLabel('Viewing as').selectOption('casey');
    await page.waitForURL(/\/browse\/SEC-2\?as=casey$/);
    await page.getByTestId('viewer').filter({ hasText: 'Casey Contractor' }).waitFor();
    const secPanel = page.locator('[data-ui-kit-slot="issue-panel"]');
    await secPanel.getByRole('heading', { name: finding.title }).waitFor();
    await secPanel.getByRole('button', { name: 'Refresh from ZeroPath' }).waitFor();

    await page.goto(`${sandbox.url}/browse/${key}?as=casey`);
    await page.getByTestId('issue-unavailable').waitFor();
    expect(await page.locator('[data-ui-kit-slot]').count()).toBe(0);
    // The admin sees the same issue with its (unlinked) panel.
    const panel = await openIssue(key, 'admin');
    await panel.getByText('This issue is not linked to a ZeroPath finding.').waitFor();
  },
);

/** Each role the panel serves: the security team as Jira admin and as a member only, a developer, a contractor. */
const PANEL_VIEWERS = ['admin', 'sam', 'alice', 'casey'] as const;

for (const width of LAYOUT_WIDTHS) {
  step(
    `${width} px: the panel's boxes neither overlap nor stick out, for every viewer and with the triage form open`,
    async () => {
      await page.setViewportSize({ width, height: 900 });
      for (const viewer of PANEL_VIEWERS) {
        const panel = await openIssue('SEC-2', viewer);
        await panel.getByRole('heading', { name: finding.title }).waitFor();
        await page.screenshot({ path: path.join(SHOTS, `panel-${viewer}-${width}.png`), fullPage: true });
        expect({ viewer, width, problems: await layoutProblems(page.locator('#zp-finding-panel')) }).toEqual({
          viewer,
          width,
          problems: [],
        });
      }
      const panel = await openIssue('SEC-2', 'admin');
      await panel.getByRole('heading', { name: finding.title }).waitFor();
      await panel.getByRole('button', { name: 'Mark false positive' }).click();
      await panel.getByLabel('Reason (required)').fill('Layout check');
      await page.screenshot({ path: path.join(SHOTS, `panel-form-${width}.png`), fullPage: true });
      expect({ width, problems: await layoutProblems(page.locator('#zp-finding-panel')) }).toEqual({
        width,
        problems: [],
      });
    },
  );
}
