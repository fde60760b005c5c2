/**
 * The host page's side of the sandbox UI Kit host (bundled for the browser by ui-kit-build.ts).
 * Each UI Kit app runs in a hidden same-origin iframe; its bridge shim hands every `reconcile`
 * ForgeDoc to `window.__sandboxUiKitHost.reconcile(slot, doc)`, and this draws it into the page
 * element `[data-ui-kit-slot="<slot>"]` with Atlaskit, as Jira draws a UI Kit module in its page.
 *
 * @forge/react sends the same root object on every commit (mutated in place), so each reconcile
 * re-renders the whole tree; node keys are stable, so Atlaskit state (an open date picker) survives.
 */
import React, { useSyncExternalStore } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { describeProblem, problemsIn, type ForgeDocNode, type HostProblem } from './forge-doc-model';
import { HostError, renderNode, type HostUser } from './forge-doc-renderer';

interface HostConfig {
  readonly users: Readonly<Record<string, HostUser>>;
}

interface Slot {
  readonly root: Root;
  doc: ForgeDocNode | undefined;
  appError: string | undefined;
  version: number;
  readonly listeners: Set<() => void>;
}

function changed(slot: Slot): void {
  slot.version += 1;
  slot.listeners.forEach((listener) => listener());
}

const config = (window as unknown as { __SANDBOX_UI_KIT__?: HostConfig }).__SANDBOX_UI_KIT__ ?? { users: {} };
const slots = new Map<string, Slot>();

function SlotView({ slot, name }: { slot: Slot; name: string }) {
  useSyncExternalStore(
    (listener) => {
      slot.listeners.add(listener);
      return () => slot.listeners.delete(listener);
    },
    () => slot.version,
  );
  const reported = new Set<string>();
  const onProblem = (problem: HostProblem) => {
    const text = describeProblem(problem);
    if (reported.has(text)) return;
    reported.add(text);
    console.error(`${text} (slot ${name})`);
  };
  return (
    <>
      {slot.appError === undefined ? null : (
        <HostError problem={{ kind: 'unknown_component', type: `app error: ${slot.appError}` }} />
      )}
      {slot.doc === undefined ? null : renderNode(slot.doc, { users: config.users, onProblem }, 'root')}
    </>
  );
}

function slotFor(name: string): Slot {
  const existing = slots.get(name);
  if (existing !== undefined) return existing;
  const element = document.querySelector(`[data-ui-kit-slot="${CSS.escape(name)}"]`);
  if (element === null) throw new Error(`UI Kit host: no element [data-ui-kit-slot="${name}"] on this page`);
  const slot: Slot = {
    root: createRoot(element),
    doc: undefined,
    appError: undefined,
    version: 0,
    listeners: new Set(),
  };
  slots.set(name, slot);
  slot.root.render(<SlotView slot={slot} name={name} />);
  return slot;
}

(window as unknown as { __sandboxUiKitHost: unknown }).__sandboxUiKitHost = {
  /** A `MacroConfig` tree is the macro's edit-mode form: Confluence shows it only while editing. */
  reconcile(name: string, doc: ForgeDocNode): void {
    if (doc.type === 'MacroConfig') return;
    const slot = slotFor(name);
    slot.doc = doc;
    const element = document.querySelector(`[data-ui-kit-slot="${CSS.escape(name)}"]`);
    element?.setAttribute('data-ui-kit-rendered', 'true');
    element?.setAttribute('data-ui-kit-problems', String(problemsIn(doc).length));
    changed(slot);
  },
  /** @forge/react reports a render error it cannot recover from (`callBridge('onError')`). */
  error(name: string, message: string): void {
    const slot = slotFor(name);
    slot.appError = message;
    console.error(`UI Kit app in slot ${name} failed: ${message}`);
    changed(slot);
  },
};
