/**
 * The layout check every browser walk shares (the admin and findings pages, the issue panel and
 * the UI Kit host): element boxes, not pixels. A region fails when
 * - a visible label overlaps a control that is not its own,
 * - a label is bound to no control, or a text field / select sits beside its label instead of
 *   below it (the dialogs once ran label and control together on one line),
 * - a shown value is clipped (the Defaults dropdowns once showed "plication Team (APP)"), or
 *   something else sits on top of it (the "stray box" over those dropdowns),
 * - something sticks out of the region's right edge with no scroll container to reach it (UI Kit
 *   modules drawn in Jira's narrow column), or two buttons overlap.
 *
 * `checkScreen` also saves a screenshot of the viewport, named after the screen and the width, so
 * every screen at every width can be looked at after a run.
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { type Locator, type Page } from 'playwright-core';
import { RESULTS_DIR } from './e2e-harness';

/** The widths Jira users have (issue 18 "Done when"). */
export const LAYOUT_WIDTHS = [1024, 1280, 1440] as const;
export const LAYOUT_SHOTS_DIR = path.join(RESULTS_DIR, 'layout');

/** The few DOM members the check uses (the project compiles without the DOM library). */
interface Rect {
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
  height: number;
}
interface Style {
  visibility: string;
  display: string;
  overflowX: string;
}
interface El {
  tagName: string;
  id: string;
  textContent: string | null;
  value?: string;
  scrollWidth: number;
  clientWidth: number;
  parentElement: El | null;
  ownerDocument: {
    getElementById(id: string): El | null;
    elementFromPoint(x: number, y: number): El | null;
    defaultView: { getComputedStyle(el: El): Style } | null;
  };
  getBoundingClientRect(): Rect;
  getAttribute(name: string): string | null;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El>;
  contains(other: El): boolean;
  closest(selector: string): El | null;
  matches(selector: string): boolean;
}

/** Every layout problem inside `scope` (the first element the locator matches). */
export async function layoutProblems(scope: Locator): Promise<string[]> {
  return scope.first().evaluate((node) => {
    const root = node as unknown as El;
    const problems: string[] = [];
    const styleOf = (el: El) => root.ownerDocument.defaultView?.getComputedStyle(el);
    const visible = (el: El) => {
      const r = el.getBoundingClientRect();
      const style = styleOf(el);
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
      const bound = forId
        ? root.ownerDocument.getElementById(forId)
        : label.querySelector('input, select, textarea');
      if (bound === null) {
        problems.push(`label ${name(label)} is not bound to any control`);
        continue;
      }
      for (const control of controls) {
        if (label.contains(control) || control.contains(label)) continue;
        if (overlap(box, control.getBoundingClientRect()))
          problems.push(`label ${name(label)} overlaps ${name(control)}`);
      }
      const isBox = bound.matches('input:not([type=checkbox]):not([type=radio]), select, textarea');
      if (forId && isBox && !label.contains(bound)) {
        const field = (
          bound.closest('[data-ds--text-field--container], [class*="-control"]') ?? bound
        ).getBoundingClientRect();
        if (box.bottom > field.top + 1)
          problems.push(
            `label ${name(label)} is not above its control (label bottom ${Math.round(box.bottom)}, control top ${Math.round(field.top)})`,
          );
      }
    }
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
      const r = el.getBoundingClientRect();
      const top = root.ownerDocument.elementFromPoint(
        r.left + Math.min(8, r.width / 2),
        r.top + r.height / 2,
      );
      const owner = el.closest('[class*="-control"], [data-ds--text-field--container], label') ?? el;
      if (top !== null && !owner.contains(top) && !top.contains(owner))
        problems.push(`value ${name(el)} is covered by ${name(top)}`);
    }
    // Nothing may stick out of the region (the column the module is drawn in), unless a scroll
    // container between it and the region lets the reader scroll to it.
    const edge = root.getBoundingClientRect().right;
    const scrolls = (el: El): boolean => {
      for (let p = el.parentElement; p !== null && p !== root; p = p.parentElement) {
        const overflow = styleOf(p)?.overflowX ?? 'visible';
        if (overflow === 'auto' || overflow === 'scroll' || overflow === 'hidden') return true;
      }
      return false;
    };
    for (const el of Array.from(root.querySelectorAll('*')).filter(visible)) {
      const r = el.getBoundingClientRect();
      if (r.right > edge + 1 && !scrolls(el)) {
        problems.push(`${name(el)} sticks out of the region by ${Math.round(r.right - edge)} px`);
        break;
      }
    }
    const buttons = Array.from(root.querySelectorAll('button')).filter(visible);
    for (let i = 0; i < buttons.length; i += 1) {
      for (let j = i + 1; j < buttons.length; j += 1) {
        const a = buttons[i];
        const b = buttons[j];
        if (a === undefined || b === undefined || a.contains(b) || b.contains(a)) continue;
        if (overlap(a.getBoundingClientRect(), b.getBoundingClientRect()))
          problems.push(`button ${name(a)} overlaps button ${name(b)}`);
      }
    }
    return problems;
  });
}

export async function checkScreen(page: Page, root: Locator, screen: string, width: number): Promise<void> {
  mkdirSync(LAYOUT_SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(LAYOUT_SHOTS_DIR, `${screen}-${width}.png`) });
  expect({ screen, width, problems: await layoutProblems(root) }).toEqual({ screen, width, problems: [] });
}
