import React from 'react';

/**
 * A headless UI Kit host (forge-platform.md §7 point 7): `@forge/bridge` and `@forge/react` talk to
 * `globalThis.__bridge.callBridge`; this fake records every call, answers `invoke` from per-test
 * handlers, and exposes the rendered ForgeDoc tree. Import it before anything imports @forge/*
 * (the bridge captures `callBridge` when it loads).
 */
export interface ForgeNode {
  type: string;
  props: Record<string, unknown>;
  children: ForgeNode[];
}

type InvokeHandler = (payload: unknown) => unknown;

const state: { handlers: Record<string, InvokeHandler>; invocations: Array<{ key: string; payload: unknown }>; docs: ForgeNode[] } = {
  handlers: {},
  invocations: [],
  docs: [],
};

const globals = globalThis as unknown as { self: unknown; __bridge: unknown };
globals.self = globalThis;
globals.__bridge = {
  callBridge: (cmd: string, data: { functionKey?: string; payload?: unknown; forgeDoc?: ForgeNode }) => {
    if (cmd === 'reconcile' && data.forgeDoc) state.docs.push(data.forgeDoc);
    if (cmd !== 'invoke') return Promise.resolve(undefined);
    const key = data.functionKey ?? '';
    state.invocations.push({ key, payload: data.payload });
    const handler = state.handlers[key];
    if (!handler) return Promise.reject(new Error(`no fake answer for ${key}`));
    return Promise.resolve(handler(data.payload));
  },
};

const act = (React as unknown as { unstable_act: (fn: () => Promise<void> | void) => Promise<void> }).unstable_act;

export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i += 1) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
}

export interface RenderedPanel {
  root: () => ForgeNode;
  invocations: () => Array<{ key: string; payload: unknown }>;
}

/** Renders `element` in a fresh container; `handlers` answer the resolver calls by key. */
export async function render(element: React.ReactElement, handlers: Record<string, InvokeHandler>): Promise<RenderedPanel> {
  const { default: ForgeReconciler } = await import('@forge/react');
  state.handlers = handlers;
  state.invocations = [];
  const before = state.docs.length;
  await act(() => {
    ForgeReconciler.render(element);
  });
  await flush();
  // Each render creates its own Root, mutated in place by later commits.
  const root = state.docs[before];
  if (!root) throw new Error('nothing was rendered');
  return { root: () => root, invocations: () => state.invocations };
}

export function setHandler(key: string, handler: InvokeHandler): void {
  state.handlers[key] = handler;
}

export function all(node: ForgeNode, predicate: (n: ForgeNode) => boolean): ForgeNode[] {
  const found = predicate(node) ? [node] : [];
  for (const child of node.children) found.push(...all(child, predicate));
  return found;
}

export function textOf(node: ForgeNode): string {
  if (node.type === 'String') return typeof node.props['text'] === 'string' ? node.props['text'] : '';
  return node.children.map(textOf).join('');
}

export function ofType(root: ForgeNode, type: string): ForgeNode[] {
  return all(root, (n) => n.type === type);
}

export function button(root: ForgeNode, label: string): ForgeNode | undefined {
  return all(root, (n) => n.type === 'Button' && textOf(n) === label)[0];
}

export async function press(node: ForgeNode | undefined): Promise<void> {
  if (!node) throw new Error('no such button');
  const onClick = node.props['onClick'];
  if (typeof onClick !== 'function') throw new Error(`${node.type} has no onClick`);
  await act(() => {
    (onClick as () => void)();
  });
  await flush();
}

/** Types into a Textfield/TextArea (event) or picks a date (value), as UI Kit delivers them. */
export async function change(node: ForgeNode | undefined, value: string): Promise<void> {
  if (!node) throw new Error('no such field');
  const onChange = node.props['onChange'];
  if (typeof onChange !== 'function') throw new Error(`${node.type} has no onChange`);
  await act(() => {
    (onChange as (v: unknown) => void)(node.type === 'DatePicker' ? value : { target: { value } });
  });
  await flush();
}

export function allText(root: ForgeNode): string {
  return all(root, (n) => n.type === 'String')
    .map(textOf)
    .join(' | ');
}
