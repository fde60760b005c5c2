/**
 * The platform's `fetch`. On Forge, functions reach the internet through a platform proxy that only
 * lets through hosts listed in `permissions.external.fetch.backend`. `@forge/api`'s `fetch` export
 * is the global `fetch` *as it was when @forge/api loaded* (getFetchAPI wraps the global at import
 * time), so the platform's fetch must be in place before app code loads, as Forge's runtime does.
 *
 * Here that is a trampoline on `globalThis.fetch`, installed once per realm when this module is
 * imported (index.ts imports it first; it must not import @forge/* itself). While no runtime is
 * active, or outside an invocation (test code talking to simulators), it is Node's fetch
 * unchanged; inside an invocation the active runtime applies egress rules.
 */
const NATIVE_FETCH = Symbol.for('zeropath.forge-runtime.native-fetch');
const ACTIVE_EGRESS = Symbol.for('zeropath.forge-runtime.active-egress');
/** A scheme Node's fetch rejects at once; only the trampoline answers it. */
export const PROBE_URL = 'forge-runtime-probe://installed';

export type FetchFn = typeof globalThis.fetch;
export type EgressHandler = (input: Parameters<FetchFn>[0], init?: Parameters<FetchFn>[1]) => Promise<Response> | undefined;

interface TrampolineGlobals {
  [NATIVE_FETCH]?: FetchFn;
  [ACTIVE_EGRESS]?: EgressHandler;
}

function globals(): TrampolineGlobals {
  return globalThis as unknown as TrampolineGlobals;
}

/** Idempotent: puts the trampoline on globalThis.fetch and remembers Node's own fetch. */
export function installFetchTrampoline(): void {
  const g = globals();
  if (g[NATIVE_FETCH] !== undefined) return;
  const native = globalThis.fetch;
  g[NATIVE_FETCH] = native;
  const trampoline: FetchFn = (input, init) => {
    if (String(input instanceof Request ? input.url : input) === PROBE_URL) {
      return Promise.resolve(new Response('ok', { status: 200 }));
    }
    const routed = g[ACTIVE_EGRESS]?.(input, init);
    return routed ?? native(input, init);
  };
  globalThis.fetch = trampoline;
}

export function nativeFetch(): FetchFn {
  const native = globals()[NATIVE_FETCH];
  if (native === undefined) throw new Error('forge-runtime: fetch trampoline not installed');
  return native;
}

export function setActiveEgress(handler: EgressHandler | undefined): void {
  if (handler === undefined) delete globals()[ACTIVE_EGRESS];
  else globals()[ACTIVE_EGRESS] = handler;
}

installFetchTrampoline();
