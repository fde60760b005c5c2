/**
 * Issue 19 in Chromium against the `npm start` sandbox: the issue panel's "Related security docs"
 * and the Confluence page holding the security report macro, each seen by two people with
 * different access. Both are the app's real UI Kit bundles drawn with Atlaskit by the sandbox's UI
 * Kit host (test/sandbox/ui-kit/), so the assertions are on the components a person sees. Set-up (connect, export, turn Confluence on) goes through the app's real
 * resolvers via the sandbox's control API; what is asserted is what the browser shows.
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { type Locator, type Page } from 'playwright-core';
import {
  RESULTS_DIR,
  launchBrowser,
  startSandboxProcess,
  withScreenshots,
  type Browser,
  type RunningSandbox,
} from './e2e-harness';

const RIGHT = { tokenId: 'zp-demo-token-id', tokenSecret: 'zp-demo-token-secret' };
const SEC_BUG = { projectKey: 'SEC', issueTypeId: '10001' };

let sandbox: RunningSandbox;
let browser: Browser;
let page: Page;
let issueKey: string;

type Invoked = { ok: boolean; value?: { ok: boolean; value?: Record<string, unknown>; error?: unknown } };
const invoke = async (
  moduleKey: string,
  functionKey: string,
  payload: unknown,
): Promise<Record<string, unknown>> => {
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

beforeAll(async () => {
  sandbox = await startSandboxProcess();
  browser = await launchBrowser();
  page = await browser.newPage();
  const connected = await invoke('zp-admin', 'admin.connect', RIGHT);
  if (connected['status'] === 'choose-organization') {
    const [first] = connected['organizations'] as Array<{ id: string }>;
    await invoke('zp-admin', 'admin.connect', { ...RIGHT, organizationId: first?.id });
  }
  const { findings } = await sandbox.api<{
    findings: Array<{ id: string; status: string; linkedIssue: string | null; repository: string }>;
  }>('GET', '/zeropath/findings?limit=500&q=sql%20injection');
  const finding = findings.find(
    (f) =>
      f.linkedIssue === null &&
      f.repository === 'acme/payments-api' &&
      ['PENDING_REVIEW', 'REVIEWING'].includes(f.status),
  );
  if (finding === undefined)
    throw new Error('the sandbox has no open SQL injection finding in acme/payments-api');
  issueKey = String(
    (await invoke('zp-findings', 'findings.exportOne', { findingId: finding.id, target: SEC_BUG }))[
      'issueKey'
    ],
  );
  await invoke('zp-admin', 'admin.confluence.save', {
    enabled: true,
    spaceKeys: ['SECDOCS', 'ARCH'],
    labels: [],
    ticketLinks: true,
  });
});

afterAll(async () => {
  await browser?.close();
  if (sandbox !== undefined) await sandbox.stop();
});

const step = (name: string, body: () => Promise<void>) =>
  test(name, () => withScreenshots(browser, name, body));

/** The page's UI Kit module, once the host drew what the app sent (and refused nothing). */
async function uiKitSlot(slot: string): Promise<Locator> {
  const region = page.locator(`[data-ui-kit-slot="${slot}"]`);
  await region.locator('xpath=self::*[@data-ui-kit-rendered="true"]').waitFor();
  return region;
}

async function relatedDocTitles(as: string): Promise<string[]> {
  // /wiki/related is the issue view: the related docs are a part of the real panel.
  await page.goto(`${sandbox.url}/wiki/related?as=${as}&issue=${issueKey}`);
  const panel = await uiKitSlot('issue-panel');
  await panel.getByRole('heading', { name: 'Related security docs' }).waitFor();
  await panel.getByRole('link', { name: 'Search Confluence for more' }).waitFor();
  expect(await panel.getByTestId('ui-kit-host-error').count()).toBe(0);
  // openNewTab: Atlaskit's link opens a new tab and says so to screen readers (visually hidden).
  const links = panel.getByRole('link');
  const targets = await links.evaluateAll((all) =>
    all.map((a) => (a as unknown as { getAttribute(name: string): string | null }).getAttribute('target')),
  );
  expect(targets.every((target) => target === '_blank')).toBe(true);
  mkdirSync(path.join(RESULTS_DIR, 'confluence'), { recursive: true });
  await page.screenshot({
    path: path.join(RESULTS_DIR, 'confluence', `related-docs-${as}.png`),
    fullPage: true,
  });
  return (await links.allTextContents()).map((text) => text.replace(/\uFEFF?, \(opens new window\)$/, ''));
}

step('the issue panel lists only the related docs each viewer may open', async () => {
  const alice = await relatedDocTitles('alice');
  expect(alice).toContain('Runbook: fixing SQL injection (CWE-89)');
  expect(alice).toContain('acme/payments-api architecture');
  expect(alice).not.toContain('Incident playbook: exploited sql injection in payments');

  const bob = await relatedDocTitles('bob');
  expect(bob).toContain('Runbook: fixing SQL injection (CWE-89)');
  expect(bob).not.toContain('acme/payments-api architecture');
  expect(await page.content()).not.toContain('Incident playbook');
});

step(
  'the Confluence page shows the security report macro with counts, SLA breaches and the linked issue',
  async () => {
    await page.goto(`${sandbox.url}/wiki/report?as=admin&repository=acme%2Fpayments-api`);
    const report = await uiKitSlot('security-report');
    await report.getByRole('heading', { name: 'Security report · Repository acme/payments-api' }).waitFor();
    // One Atlaskit lozenge per severity, each with its count.
    for (const severity of ['Critical', 'High', 'Medium', 'Low', 'Info'])
      await report.getByText(new RegExp(`^${severity}: \\d+$`)).waitFor();
    expect(await report.getByText(/open findings.*in 1 repositories/).textContent()).toMatch(
      /^[1-9]\d* open findings in 1 repositories · \d+ past their SLA$/,
    );
    // The macro's DynamicTable, drawn by @atlaskit/dynamic-table: header row plus the linked issue.
    const table = report.getByRole('table');
    expect(await table.getByRole('columnheader').allTextContents()).toEqual([
      'Issue',
      'Summary',
      'Severity',
      'Status',
      'SLA',
    ]);
    const rows = await table.getByRole('row').allTextContents();
    expect(rows.some((row) => row.includes(issueKey))).toBe(true);
    expect(await report.getByTestId('ui-kit-host-error').count()).toBe(0);
    mkdirSync(path.join(RESULTS_DIR, 'confluence'), { recursive: true });
    await page.screenshot({ path: path.join(RESULTS_DIR, 'confluence', 'report-macro.png'), fullPage: true });
    // Which viewer sees which issue is asserted in test/integration/confluence/security-report.test.ts
    // (every sandbox person can browse SEC).
  },
);

step('with Confluence access off, the macro and the panel show nothing from Confluence', async () => {
  await invoke('zp-admin', 'admin.confluence.save', {
    enabled: false,
    spaceKeys: ['SECDOCS'],
    labels: [],
    ticketLinks: false,
  });
  await page.goto(`${sandbox.url}/wiki/report?as=admin&repository=acme%2Fpayments-api`);
  const report = await uiKitSlot('security-report');
  await report.getByText('Confluence access is turned off', { exact: false }).waitFor();
  const relatedAnswered = page.waitForResponse(
    (r) =>
      r.url().endsWith('/__sandbox/ui-kit/invoke') &&
      (r.request().postData() ?? '').includes('panel.relatedDocs'),
  );
  await page.goto(`${sandbox.url}/browse/${issueKey}?as=alice`);
  const panel = await uiKitSlot('issue-panel');
  await panel.getByTestId('audit').waitFor();
  // The panel asked for related docs, got "off", and drew nothing (not even its spinner).
  expect(await (await relatedAnswered).json()).toMatchObject({
    ok: true,
    value: { ok: true, value: { state: 'off' } },
  });
  await panel.getByRole('img', { name: 'Loading related security docs' }).waitFor({ state: 'detached' });
  expect(await panel.getByRole('heading', { name: 'Related security docs' }).count()).toBe(0);
});
