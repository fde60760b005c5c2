/**
 * The sandbox's UI Kit host itself, in Chromium: hand-made ForgeDocs (shaped as @forge/react's
 * reconciler sends them) go to `window.__sandboxUiKitHost.reconcile` on a sandbox page, as an app
 * frame's bridge shim does. An unknown component and a prop outside UI Kit's list must show a red
 * error box and log an error, never vanish; handlers must be called with what UI Kit passes.
 */
import { type Page } from 'playwright-core';
import {
  launchBrowser,
  startSandboxProcess,
  withScreenshots,
  type Browser,
  type RunningSandbox,
} from './e2e-harness';
import { layoutProblems } from './layout-check';

let sandbox: RunningSandbox;
let browser: Browser;
let page: Page;
let consoleErrors: string[] = [];

beforeAll(async () => {
  sandbox = await startSandboxProcess();
  browser = await launchBrowser();
  page = await browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
});

afterAll(async () => {
  await browser?.close();
  if (sandbox !== undefined) await sandbox.stop();
});

interface Node {
  type: string;
  props: Record<string, unknown>;
  children: Node[];
  key: string;
}

/** Opens a host page, adds an empty slot and hands it `doc` (JSON; handlers are added in-page). */
async function draw(doc: Node, handlers: 'none' | 'record' = 'none'): Promise<void> {
  await page.goto(`${sandbox.url}/wiki/report?as=admin&repository=acme%2Fpayments-api`);
  await page.locator('[data-ui-kit-slot="security-report"][data-ui-kit-rendered="true"]').waitFor();
  consoleErrors = [];
  await page.evaluate(
    ({ doc, handlers }) => {
      const w = globalThis as unknown as {
        document: { body: { insertAdjacentHTML(where: string, html: string): void } };
        __calls: unknown[];
        __sandboxUiKitHost: { reconcile(slot: string, doc: unknown): void };
      };
      w.document.body.insertAdjacentHTML(
        'beforeend',
        '<div data-ui-kit-slot="fixture" style="width: 240px; border: 1px solid"></div>',
      );
      w.__calls = [];
      const withHandlers = (node: Node): Node => ({
        ...node,
        props: Object.fromEntries(
          Object.entries(node.props).map(([k, v]) =>
            handlers === 'record' && v === 'HANDLER'
              ? [k, (arg: unknown) => w.__calls.push({ [k]: arg })]
              : [k, v],
          ),
        ),
        children: node.children.map(withHandlers),
      });
      w.__sandboxUiKitHost.reconcile('fixture', withHandlers(doc));
    },
    { doc, handlers },
  );
  await page.locator('[data-ui-kit-slot="fixture"][data-ui-kit-rendered="true"]').waitFor();
}

let nextKey = 0;
const n = (type: string, props: Record<string, unknown> = {}, children: Node[] = []): Node => ({
  type,
  props,
  children,
  key: `k${(nextKey += 1)}`,
});
const s = (text: string) => n('String', { text });

const step = (name: string, body: () => Promise<void>) =>
  test(name, () => withScreenshots(browser, name, body));

step(
  'an unknown component is a red box in its place and a console error; its siblings still draw',
  async () => {
    await draw(
      n('Root', {}, [n('Stack', {}, [n('Text', {}, [s('Before')]), n('Marquee', {}, [s('Hidden')])])]),
    );
    const fixture = page.locator('[data-ui-kit-slot="fixture"]');
    await fixture.getByText('Before').waitFor();
    const error = fixture.getByTestId('ui-kit-host-error');
    expect(await error.textContent()).toBe('UI Kit host: unknown component <Marquee>');
    expect(await error.isVisible()).toBe(true);
    expect(await fixture.getByText('Hidden').count()).toBe(0);
    expect(await fixture.getAttribute('data-ui-kit-problems')).toBe('1');
    expect(consoleErrors.some((e) => e.includes('unknown component <Marquee>'))).toBe(true);
  },
);

step('a prop UI Kit does not have is refused the same way', async () => {
  await draw(n('Root', {}, [n('Button', { onClick: 'HANDLER', color: 'red' }, [s('Go')])]), 'record');
  const fixture = page.locator('[data-ui-kit-slot="fixture"]');
  expect(await fixture.getByTestId('ui-kit-host-error').textContent()).toBe(
    'UI Kit host: <Button> has no prop "color" in UI Kit',
  );
  expect(await fixture.getByRole('button', { name: 'Go' }).count()).toBe(0);
});

step('handlers get what UI Kit passes: a SerialisableEvent from an input and from a click', async () => {
  await draw(
    n('Root', {}, [
      n('Label', { labelFor: 'name' }, [s('Name')]),
      n('Textfield', { id: 'name', onChange: 'HANDLER' }),
      n('Button', { onClick: 'HANDLER', appearance: 'primary' }, [s('Save')]),
    ]),
    'record',
  );
  const fixture = page.locator('[data-ui-kit-slot="fixture"]');
  await fixture.getByLabel('Name').pressSequentially('ab');
  await fixture.getByRole('button', { name: 'Save' }).click();
  const calls = (await page.evaluate(
    () => (globalThis as unknown as { __calls: unknown[] }).__calls,
  )) as Array<Record<string, { target?: { value?: string; tagName?: string }; type?: string }>>;
  const changes = calls.flatMap((c) => (c['onChange'] === undefined ? [] : [c['onChange']]));
  expect(changes.map((e) => e.target?.value)).toEqual(['a', 'ab']);
  expect(changes[0]?.target?.tagName).toBe('INPUT');
  const clicks = calls.flatMap((c) => (c['onClick'] === undefined ? [] : [c['onClick']]));
  expect(clicks).toHaveLength(1);
  expect(clicks[0]?.type).toBe('click');
  expect(consoleErrors).toEqual([]);
});

step('the layout check used on the panel finds an unbound label and content sticking out', async () => {
  await draw(
    n('Root', {}, [
      n('Label', { labelFor: 'nowhere' }, [s('Orphan label')]),
      // An Inline that may not wrap: eight buttons need far more than the slot's 240 px.
      n(
        'Inline',
        { space: 'space.100' },
        Array.from({ length: 8 }, (_, i) => n('Button', { onClick: 'HANDLER' }, [s(`Action ${i + 1}`)])),
      ),
    ]),
    'record',
  );
  const problems = await layoutProblems(page.locator('[data-ui-kit-slot="fixture"]'));
  expect(await page.locator('[data-ui-kit-slot="fixture"]').getByRole('button').count()).toBe(8);
  expect(problems).toEqual([
    expect.stringMatching(/^label label "Orphan label" is not bound to any control$/),
    expect.stringMatching(/sticks out of the region by \d+ px$/),
  ]);
});

step('Select: the app gets the chosen option, as UI Kit gives it', async () => {
  await draw(
    n('Root', {}, [
      n('Label', { labelFor: 'project' }, [s('Project')]),
      n('Select', {
        id: 'project',
        onChange: 'HANDLER',
        options: [
          { label: 'Security (SEC)', value: 'SEC' },
          { label: 'Operations (OPS)', value: 'OPS' },
        ],
      }),
    ]),
    'record',
  );
  const input = page.locator('[data-ui-kit-slot="fixture"]').getByLabel('Project');
  await input.click();
  await input.pressSequentially('Operations');
  // Enter picks the focused option: wait until the filter left only the one typed.
  await page.locator('[id*="-option-"]', { hasText: 'Operations (OPS)' }).waitFor();
  await sandbox.eventually(
    () => page.locator('[id*="-option-"]').count(),
    (count) => count === 1,
    'the options to narrow to the typed one',
  );
  await input.press('Enter');
  const calls = await page.evaluate(() => (globalThis as unknown as { __calls: unknown[] }).__calls);
  expect(calls).toEqual([{ onChange: { label: 'Operations (OPS)', value: 'OPS' } }]);
  expect(consoleErrors).toEqual([]);
});
