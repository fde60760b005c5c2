/**
 * The browser walk (issue 18 "Done when"): every screen of the admin page and the findings page, as
 * each of the four people who meet them — Ada (Jira administrator), Sam (security team, not a Jira
 * admin), Alice (developer) and Casey (contractor) — at 1024, 1280 and 1440 px, in Chromium against
 * a fresh `npm start` sandbox. Each screen is checked by `layout-check.ts` (labels overlapping
 * controls, labels beside their fields, clipped or covered values) and photographed into
 * test-results/layout/<who>-<screen>-<width>.png.
 *
 * To add a screen, add an entry to SCREENS: who sees it, how to open it, and which element to check.
 * The admin page is walked as Ada only: Jira shows a `jira:adminPage` to administrators alone, and
 * its resolvers refuse everyone else (endpoint-security.test.ts).
 */
import { type FrameLocator, type Locator, type Page, type Route } from 'playwright-core';
import {
  appFrame,
  launchBrowser,
  pickOption,
  startSandboxProcess,
  withScreenshots,
  type Browser,
  type RunningSandbox,
} from './e2e-harness';
import { checkScreen, layoutProblems, LAYOUT_WIDTHS } from './layout-check';

const TOKEN = { tokenId: 'zp-demo-token-id', tokenSecret: 'zp-demo-token-secret' };
const BULK_EXPORT_TIMEOUT_MS = 60_000;

/** The sandbox's people (test/sandbox/sandbox-users.ts), one per browser tab via `?as=`. */
type Who = 'admin' | 'sam' | 'alice' | 'casey';

interface Screen {
  readonly who: Who;
  readonly name: string;
  /** Opens the screen on `page` (already at the width) and returns the element to check. */
  open(page: Page, frame: FrameLocator): Promise<Locator>;
  /** Puts the page back the way the next screen expects (closes a dialog). */
  close?(frame: FrameLocator): Promise<void>;
}

let sandbox: RunningSandbox;
let browser: Browser;
let page: Page;

const open = async (module: 'zp-admin' | 'zp-findings', who: Who): Promise<FrameLocator> => {
  await page.goto(`${sandbox.url}/app/${module}/?as=${who}`);
  return appFrame(page);
};

// ---- the screens ------------------------------------------------------------------------------

/** An admin tab: its name and what shows once its section has loaded. */
const ADMIN_TABS: ReadonlyArray<{
  tab: string;
  ready: (frame: FrameLocator) => Locator;
  then?: (frame: FrameLocator) => Promise<void>;
}> = [
  { tab: 'Connection', ready: (f) => f.getByRole('button', { name: 'Disconnect' }) },
  {
    tab: 'Defaults',
    ready: (f) => f.getByRole('button', { name: 'Save defaults' }),
    // The longest project name, which the dropdown once clipped.
    then: (f) => pickOption(f, /^Default project/, 'APP'),
  },
  {
    tab: 'Auto-ticketing',
    ready: (f) => f.getByRole('button', { name: 'Save rules' }),
    then: async (f) => {
      await f.getByRole('button', { name: 'Add rule' }).click();
    },
  },
  { tab: 'Templates', ready: (f) => f.getByRole('button', { name: 'Save templates' }) },
  {
    tab: 'Custom fields',
    ready: (f) => f.getByRole('button', { name: 'Load fields' }),
    // OPS has a required select the app cannot fill: the mapping editor with its warning.
    then: async (f) => {
      await pickOption(f, /^Project/, 'OPS');
      await pickOption(f, /^Issue type/, 'Bug');
      await f.getByRole('button', { name: 'Load fields' }).click();
      await f.getByRole('button', { name: 'Save field mappings' }).waitFor();
    },
  },
  { tab: 'SLA', ready: (f) => f.getByRole('button', { name: 'Save SLA settings' }) },
  { tab: 'Sync', ready: (f) => f.getByRole('button', { name: 'Save sync settings' }) },
  { tab: 'Security team', ready: (f) => f.getByRole('button', { name: 'Save security team' }) },
  { tab: 'Confluence', ready: (f) => f.getByRole('button', { name: 'Save Confluence settings' }) },
  { tab: 'Health', ready: (f) => f.getByRole('button', { name: 'Refresh' }) },
];

const findingRows = (frame: FrameLocator) => frame.locator('table[aria-label="Findings"] tbody tr');

/**
 * The findings page as someone allowed to use it, showing open findings not yet in Jira (closed
 * ones are skipped by an export, so a walk that exports picks open ones).
 */
async function openFindings(who: Who): Promise<FrameLocator> {
  const frame = await open('zp-findings', who);
  await frame.getByRole('table', { name: 'Findings' }).waitFor();
  await afterSearch(() => frame.getByText('Not yet in Jira').click());
  await afterSearch(() => frame.getByLabel('Status').selectOption('open'));
  await findingRows(frame).first().waitFor();
  return frame;
}

/** Runs `action` and waits until the findings page's search resolver has answered. */
async function afterSearch(action: () => Promise<unknown>): Promise<void> {
  const answered = page.waitForResponse(
    (r) =>
      r.url().endsWith('/__bridge/invoke') && (r.request().postData() ?? '').includes('"findings.search"'),
  );
  await action();
  await answered;
}

async function selectRows(frame: FrameLocator, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await findingRows(frame).nth(i).getByRole('checkbox').check();
}

const dialog = (frame: FrameLocator) => frame.locator('[role=dialog]');
const closeDialog = (name: string) => async (frame: FrameLocator) => {
  await frame.getByRole('button', { name }).click();
  await dialog(frame).waitFor({ state: 'detached' });
};

/** Someone outside the security team: one explanation, no filter bar, no error. */
const refusedFindingsPage = (who: Who): Screen => ({
  who,
  name: 'findings-page-not-for-them',
  async open(_page, _frame) {
    const frame = await open('zp-findings', who);
    await frame.getByRole('heading', { name: 'This page is for your security team' }).waitFor();
    expect(await frame.getByRole('form', { name: 'Filters' }).count()).toBe(0);
    expect(await frame.getByText(/could not be loaded|Something went wrong/).count()).toBe(0);
    return frame.locator('body');
  },
});

const SCREENS: readonly Screen[] = [
  ...ADMIN_TABS.map(({ tab, ready, then }): Screen => ({
    who: 'admin',
    name: `admin-${tab.toLowerCase().replace(/\W+/g, '-')}`,
    async open() {
      const frame = await open('zp-admin', 'admin');
      await frame.getByRole('tab', { name: tab, exact: true }).click();
      await ready(frame).waitFor();
      await then?.(frame);
      return frame.locator('body');
    },
  })),
  {
    who: 'admin',
    name: 'admin-rotate-token-form',
    async open() {
      const frame = await open('zp-admin', 'admin');
      await frame.getByRole('button', { name: 'Rotate token' }).click();
      await frame.getByRole('button', { name: 'Cancel' }).waitFor();
      return frame.locator('body');
    },
  },
  {
    who: 'admin',
    name: 'admin-disconnect-confirmation',
    async open() {
      const frame = await open('zp-admin', 'admin');
      await frame.getByRole('button', { name: 'Disconnect', exact: true }).click();
      await frame.getByRole('heading', { name: 'Disconnect ZeroPath?' }).waitFor();
      return dialog(frame);
    },
    // Cancel: the walk goes on connected.
    close: closeDialog('Cancel'),
  },
  {
    who: 'admin',
    name: 'findings-page-filtered',
    async open() {
      const frame = await openFindings('admin');
      await afterSearch(() => frame.getByLabel('Severity').selectOption('High'));
      await frame.getByLabel('Search').fill('dependency');
      return frame.locator('body');
    },
  },
  {
    who: 'admin',
    name: 'export-dialog',
    async open() {
      const frame = await openFindings('admin');
      await selectRows(frame, 2);
      await frame.getByRole('button', { name: /^Export \d+ to Jira$/ }).click();
      await frame.getByRole('heading', { name: /^Export \d+ findings? to Jira$/ }).waitFor();
      await pickOption(frame, /^Project/, 'SEC');
      await pickOption(frame, /^Issue type/, 'Bug');
      return dialog(frame);
    },
    close: closeDialog('Close'),
  },
  {
    who: 'admin',
    name: 'export-summary',
    async open() {
      const frame = await openFindings('admin');
      await selectRows(frame, 2);
      await frame.getByRole('button', { name: /^Export \d+ to Jira$/ }).click();
      await pickOption(frame, /^Project/, 'SEC');
      await pickOption(frame, /^Issue type/, 'Bug');
      await frame.getByRole('button', { name: 'Export', exact: true }).click();
      await frame.getByRole('list', { name: 'Export summary' }).waitFor({ timeout: BULK_EXPORT_TIMEOUT_MS });
      return dialog(frame);
    },
    close: closeDialog('Close'),
  },
  {
    // Closing the dialog mid-export: the page follows the job and says when it ends.
    who: 'admin',
    name: 'background-export-notice',
    async open() {
      const frame = await openFindings('admin');
      await selectRows(frame, 3);
      await frame.getByRole('button', { name: /^Export \d+ to Jira$/ }).click();
      await pickOption(frame, /^Project/, 'SEC');
      await pickOption(frame, /^Issue type/, 'Bug');
      // The dialog offers "Continue in background" while the job runs; a small export can end
      // between finding that button and clicking it (it then reads "Close" and no notice follows).
      // Holding the dialog's job-status answers until the click keeps the job "running" for it.
      let release = (): void => undefined;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      const inFlight: Promise<void>[] = [];
      const holdJobStatus = (route: Route): Promise<void> => {
        const body = route.request().postDataJSON() as { functionKey?: unknown } | null;
        const handled = (body?.functionKey === 'findings.jobStatus' ? held : Promise.resolve()).then(() =>
          route.continue(),
        );
        inFlight.push(handled);
        return handled;
      };
      await page.route('**/__bridge/invoke', holdJobStatus);
      await frame.getByRole('button', { name: 'Export', exact: true }).click();
      await frame.getByRole('button', { name: 'Continue in background' }).click();
      await dialog(frame).waitFor({ state: 'detached' });
      release();
      await Promise.all(inFlight);
      await page.unroute('**/__bridge/invoke', holdJobStatus);
      await frame.getByText('Background export finished').waitFor({ timeout: BULK_EXPORT_TIMEOUT_MS });
      // The page reloads its list when the job ends: check it with the list, not the spinner.
      await frame.getByRole('table', { name: 'Findings' }).waitFor();
      return frame.locator('body');
    },
  },
  {
    who: 'admin',
    name: 'export-history',
    async open() {
      const frame = await openFindings('admin');
      await frame.getByRole('button', { name: 'Export history' }).click();
      await frame.getByRole('heading', { name: 'Export history' }).waitFor();
      await dialog(frame)
        .getByRole('table')
        .or(dialog(frame).getByText(/No bulk export/))
        .first()
        .waitFor();
      return dialog(frame);
    },
    close: closeDialog('Close'),
  },
  {
    who: 'admin',
    name: 'bulk-triage-dialog',
    async open() {
      const frame = await openFindings('admin');
      await selectRows(frame, 2);
      await frame.getByRole('button', { name: /^Triage \d+ selected$/ }).click();
      await frame.getByRole('heading', { name: /^Triage \d+ findings?$/ }).waitFor();
      await frame.getByLabel(/^Reason/).fill('Layout check');
      return dialog(frame);
    },
    close: closeDialog('Cancel'),
  },
  {
    who: 'sam',
    name: 'findings-page',
    async open() {
      const frame = await openFindings('sam');
      return frame.locator('body');
    },
  },
  {
    who: 'sam',
    name: 'export-dialog',
    async open() {
      const frame = await openFindings('sam');
      await selectRows(frame, 1);
      await frame.getByRole('button', { name: /^Export 1 to Jira$/ }).click();
      await frame.getByRole('heading', { name: 'Export finding to Jira' }).waitFor();
      await pickOption(frame, /^Project/, 'SEC');
      await pickOption(frame, /^Issue type/, 'Bug');
      return dialog(frame);
    },
    close: closeDialog('Close'),
  },
  {
    who: 'sam',
    name: 'bulk-triage-dialog',
    async open() {
      const frame = await openFindings('sam');
      await selectRows(frame, 1);
      await frame.getByRole('button', { name: /^Triage 1 selected$/ }).click();
      await frame.getByRole('heading', { name: /^Triage 1 finding$/ }).waitFor();
      await frame.getByLabel(/^Reason/).fill('Layout check');
      return dialog(frame);
    },
    close: closeDialog('Cancel'),
  },
  {
    who: 'sam',
    name: 'export-history',
    async open() {
      const frame = await openFindings('sam');
      await frame.getByRole('button', { name: 'Export history' }).click();
      await frame.getByRole('heading', { name: 'Export history' }).waitFor();
      await dialog(frame)
        .getByRole('table')
        .or(dialog(frame).getByText(/No bulk export/))
        .first()
        .waitFor();
      return dialog(frame);
    },
    close: closeDialog('Close'),
  },
  refusedFindingsPage('alice'),
  refusedFindingsPage('casey'),
];

// ---- the walk ---------------------------------------------------------------------------------

beforeAll(async () => {
  sandbox = await startSandboxProcess();
  browser = await launchBrowser();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  if (sandbox !== undefined) await sandbox.stop();
});

const step = (name: string, body: () => Promise<void>) =>
  test(name, () => withScreenshots(browser, name, body));

step(
  'the layout check itself finds an overlapping label, a label beside its field, a clipped value and an unbound label',
  async () => {
    const frame = await open('zp-admin', 'admin');
    await frame.getByRole('heading', { name: 'ZeroPath for Jira' }).waitFor();
    const fixture = frame.locator('body');
    await fixture.evaluate((body) => {
      const host = (
        body as unknown as {
          ownerDocument: {
            createElement(tag: string): {
              id: string;
              innerHTML: string;
              setAttribute(n: string, v: string): void;
            };
          };
        }
      ).ownerDocument.createElement('div');
      host.id = 'zp-layout-selftest';
      host.setAttribute(
        'style',
        'position:fixed;top:40px;left:40px;width:360px;padding:8px;background:#fff;z-index:9999',
      );
      host.innerHTML = [
        '<label for="st-a" style="display:inline-block;width:140px">A label that runs long</label>',
        '<input id="st-a" type="text" style="width:120px;margin-left:-70px">',
        '<div><input id="st-b" type="text" style="width:40px" value="a value far too long for forty pixels"></div>',
        '<label for="st-missing">Orphan label</label>',
      ].join('');
      (body as unknown as { appendChild(node: unknown): void }).appendChild(host);
    });
    const problems = await layoutProblems(frame.locator('#zp-layout-selftest'));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^label label "A label that runs long" overlaps input#st-a/),
        expect.stringMatching(/^label label "A label that runs long" is not above its control/),
        expect.stringMatching(/^value of input#st-b .* is clipped$/),
        expect.stringMatching(/^label label "Orphan label" is not bound to any control$/),
      ]),
    );
  },
);

step('Ada connects ZeroPath and names the security team (the security-team group)', async () => {
  let frame = await open('zp-admin', 'admin');
  await frame.locator('#zp-tokenId').fill(TOKEN.tokenId);
  await frame.locator('#zp-tokenSecret').fill(TOKEN.tokenSecret);
  await frame.getByRole('button', { name: 'Connect' }).click();
  await frame.getByText('Connected to Acme Corp.').waitFor();

  frame = await open('zp-admin', 'admin');
  await frame.getByRole('tab', { name: 'Security team' }).click();
  await pickOption(frame, /^Jira groups/, 'security-team');
  await frame.getByRole('button', { name: 'Save security team' }).click();
  await frame.getByText('Security team saved').waitFor();
});

step('Sam, not a Jira admin, now sees the findings page (the group above)', async () => {
  const frame = await open('zp-findings', 'sam');
  await frame.getByRole('table', { name: 'Findings' }).waitFor();
});

for (const width of LAYOUT_WIDTHS) {
  for (const screen of SCREENS) {
    step(`${width} px · ${screen.who} · ${screen.name}`, async () => {
      await page.setViewportSize({ width, height: 900 });
      const root = await screen.open(page, appFrame(page));
      await checkScreen(page, root, `${screen.who}-${screen.name}`, width);
      await screen.close?.(appFrame(page));
    });
  }
}
