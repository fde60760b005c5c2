/**
 * Issue 19 in Chromium against the `npm start` sandbox: the issue panel's "Related security docs"
 * and the Confluence page holding the security report macro, each seen by two people with
 * different access. Set-up (connect, export, turn Confluence on) goes through the app's real
 * resolvers via the sandbox's control API; what is asserted is what the browser shows.
 */
import { type Page } from 'playwright-core';
import {
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

step('the issue panel lists only the related docs each viewer may open', async () => {
  await page.goto(`${sandbox.url}/wiki/related?as=alice&issue=${issueKey}`);
  const alice = await page.getByTestId('related-docs').getByRole('link').allTextContents();
  expect(alice).toContain('Runbook: fixing SQL injection (CWE-89)');
  expect(alice).toContain('acme/payments-api architecture');
  expect(alice).not.toContain('Incident playbook: exploited sql injection in payments');

  await page.goto(`${sandbox.url}/wiki/related?as=bob&issue=${issueKey}`);
  const bob = await page.getByTestId('related-docs').getByRole('link').allTextContents();
  expect(bob).toContain('Runbook: fixing SQL injection (CWE-89)');
  expect(bob).not.toContain('acme/payments-api architecture');
  expect(await page.content()).not.toContain('Incident playbook');
});

step(
  'the Confluence page shows the security report macro with counts, SLA breaches and the linked issue',
  async () => {
    await page.goto(`${sandbox.url}/wiki/report?as=admin&repository=acme%2Fpayments-api`);
    const report = page.getByTestId('security-report');
    expect(await report.getByRole('heading').first().textContent()).toBe(
      'Security report · Repository acme/payments-api',
    );
    expect(await page.getByTestId('report-summary').textContent()).toMatch(
      /^[1-9]\d* open findings in 1 repositories · \d+ past their SLA$/,
    );
    const rows = await report.getByRole('table').getByRole('row').allTextContents();
    expect(rows.some((row) => row.includes(issueKey))).toBe(true);
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
  expect(await page.getByTestId('security-report').textContent()).toContain(
    'Confluence access is turned off',
  );
  await page.goto(`${sandbox.url}/wiki/related?as=alice&issue=${issueKey}`);
  expect(await page.getByTestId('related-state').textContent()).toBe('off');
});
