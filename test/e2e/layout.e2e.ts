/**
 * Layout at the widths Jira users have (1024, 1280, 1440 px): the export dialog, the bulk-triage
 * dialog and the Defaults tab, in Chromium against a fresh `npm start` sandbox. Fails when a label
 * overlaps another control, when a label is not bound to a control or does not sit above it (the
 * dialogs once ran label and control together on one line), or when a shown value is clipped
 * (the Defaults dropdowns once showed "plication Team (APP)"). Element boxes are compared, not
 * pixels; a screenshot of every screen at every width goes to test-results/layout/.
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { type FrameLocator, type Page } from 'playwright-core';
import {
  appFrame,
  launchBrowser,
  pickOption,
  RESULTS_DIR,
  startSandboxProcess,
  withScreenshots,
  type Browser,
  type RunningSandbox,
} from './e2e-harness';

const WIDTHS = [1024, 1280, 1440] as const;
const TOKEN = { tokenId: 'zp-demo-token-id', tokenSecret: 'zp-demo-token-secret' };
const SHOTS = path.join(RESULTS_DIR, 'layout');

let sandbox: RunningSandbox;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  sandbox = await startSandboxProcess();
  browser = await launchBrowser();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  if (sandbox !== undefined) await sandbox.stop();
});

/** The few DOM members the check uses (the project compiles without the DOM library). */
interface Rect {
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
  height: number;
}
interface El {
  tagName: string;
  id: string;
  textContent: string | null;
  value?: string;
  scrollWidth: number;
  clientWidth: number;
  ownerDocument: {
    getElementById(id: string): El | null;
    elementFromPoint(x: number, y: number): El | null;
    defaultView: { getComputedStyle(el: El): { visibility: string; display: string } } | null;
  };
  getBoundingClientRect(): Rect;
  getAttribute(name: string): string | null;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El>;
  contains(other: El): boolean;
  closest(selector: string): El | null;
  matches(selector: string): boolean;
}

/**
 * Runs in the app's frame: every problem found in the visible form layout. `scope` limits the
 * check to one dialog or section.
 */
async function layoutProblems(frame: FrameLocator, scope: string): Promise<string[]> {
  return frame.locator(scope).first().evaluate((node) => {
    const root = node as unknown as El;
    const problems: string[] = [];
    const visible = (el: El) => {
      const r = el.getBoundingClientRect();
      const style = root.ownerDocument.defaultView?.getComputedStyle(el);
      return r.width > 0 && r.height > 0 && style?.visibility !== 'hidden' && style?.display !== 'none';
    };
    const name = (el: El) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    const overlap = (a: Rect, b: Rect) =>
      a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    const controls = Array.from(
      root.querySelectorAll(
        'input:not([type=hidden]), select, textarea, button, [role=combobox], [data-ds--text-field--container]',
      ),
    ).filter(visible);
    for (const label of Array.from(root.querySelectorAll('label')).filter(visible)) {
      const box = label.getBoundingClientRect();
      const forId = label.getAttribute('for');
      const bound = forId ? root.ownerDocument.getElementById(forId) : label.querySelector('input, select, textarea');
      if (bound === null) {
        problems.push(`label ${name(label)} is not bound to any control`);
        continue;
      }
      for (const control of controls) {
        if (label.contains(control) || control.contains(label)) continue;
        if (overlap(box, control.getBoundingClientRect()))
          problems.push(`label ${name(label)} overlaps ${name(control)}`);
      }
      // A text field or select sits below its label, never on the same line.
      const isBox = bound.matches('input:not([type=checkbox]):not([type=radio]), select, textarea');
      if (forId && isBox && !label.contains(bound)) {
        const field = (bound.closest('[data-ds--text-field--container], [class*="-control"]') ?? bound).getBoundingClientRect();
        if (box.bottom > field.top + 1)
          problems.push(`label ${name(label)} is not above its control (label bottom ${Math.round(box.bottom)}, control top ${Math.round(field.top)})`);
      }
    }
    // Shown values must fit: Select values, text inputs, native selects.
    const values = Array.from(
      root.querySelectorAll(
        '[class*="singleValue"], [class*="single-value"], [class*="placeholder"], input[type=text], input:not([type]), select',
      ),
    ).filter(visible);
    for (const el of values) {
      if (el.tagName === 'INPUT') {
        if (el.value !== undefined && el.value !== '' && el.scrollWidth > el.clientWidth + 1)
          problems.push(`value of ${name(el)} "${el.value}" is clipped`);
      } else if (el.scrollWidth > el.clientWidth + 1) {
        problems.push(`value ${name(el)} is clipped (${el.scrollWidth} px of text in ${el.clientWidth} px)`);
      }
      // Nothing else may sit on top of the value (the "stray box" over the Defaults dropdowns).
      const r = el.getBoundingClientRect();
      const top = root.ownerDocument.elementFromPoint(r.left + Math.min(8, r.width / 2), r.top + r.height / 2);
      const owner = el.closest('[class*="-control"], [data-ds--text-field--container], label') ?? el;
      if (top !== null && !owner.contains(top) && !top.contains(owner))
        problems.push(`value ${name(el)} is covered by ${name(top)}`);
    }
    return problems;
  });
}

async function check(frame: FrameLocator, scope: string, screen: string, width: number): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${screen}-${width}.png`) });
  expect({ screen, width, problems: await layoutProblems(frame, scope) }).toEqual({ screen, width, problems: [] });
}

const step = (name: string, body: () => Promise<void>) => test(name, () => withScreenshots(browser, name, body));

step('connect ZeroPath as the admin', async () => {
  await page.goto(`${sandbox.url}/app/zp-admin/?as=admin`);
  const frame = appFrame(page);
  await frame.locator('#zp-tokenId').fill(TOKEN.tokenId);
  await frame.locator('#zp-tokenSecret').fill(TOKEN.tokenSecret);
  await frame.getByRole('button', { name: 'Connect' }).click();
  await frame.getByText('Connected to Acme Corp.').waitFor();
});

for (const width of WIDTHS) {
  step(`${width} px: the Defaults tab shows whole values, labels above their fields`, async () => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${sandbox.url}/app/zp-admin/?as=admin`);
    const frame = appFrame(page);
    await frame.getByRole('tab', { name: 'Defaults' }).click();
    await frame.getByRole('button', { name: 'Save defaults' }).waitFor();
    await pickOption(frame, /^Default project/, 'APP');
    await check(frame, 'body', 'defaults', width);
  });

  step(`${width} px: the export dialog and the bulk-triage dialog lay out label above control`, async () => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${sandbox.url}/app/zp-findings/?as=admin`);
    const frame = appFrame(page);
    await frame.getByRole('table', { name: 'Findings' }).waitFor();
    const rows = frame.locator('table[aria-label="Findings"] tbody tr');
    await rows.nth(0).getByRole('checkbox').check();
    await rows.nth(1).getByRole('checkbox').check();
    await frame.getByRole('button', { name: /^Export \d+ to Jira$/ }).click();
    const dialog = '[role=dialog]';
    await frame.getByRole('heading', { name: /^Export \d+ findings? to Jira$/ }).waitFor();
    await pickOption(frame, /^Project/, 'SEC');
    await pickOption(frame, /^Issue type/, 'Bug');
    await check(frame, dialog, 'export-dialog', width);
    await frame.getByRole('button', { name: 'Close' }).click();
    await frame.getByRole('button', { name: /^Triage \d+ selected$/ }).click();
    await frame.getByRole('heading', { name: /^Triage \d+ findings?$/ }).waitFor();
    await frame.getByLabel(/^Reason/).fill('Layout check');
    await check(frame, dialog, 'bulk-triage-dialog', width);
    await frame.getByRole('button', { name: 'Cancel' }).click();
  });
}
