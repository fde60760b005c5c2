// The handler check reads TypeScript source without type-checking it, so each export form it
// understands (and each it must not count) is pinned here on small generated module graphs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkHandlerExports, collectRuntimeExports } from '../../scripts/manifest/handler-export-check';

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** Writes `files` (path → source) under a fresh temp dir and returns the dir. */
function writeApp(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zp-exports-'));
  tempDirs.push(dir);
  for (const [file, source] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), source);
  }
  return dir;
}

const exportsOf = (dir: string, file = 'src/index.ts') =>
  [...collectRuntimeExports(path.join(dir, file))].sort();

describe('collectRuntimeExports', () => {
  it('counts value declarations, local export lists, defaults and destructured bindings', () => {
    const dir = writeApp({
      'src/index.ts': [
        'export const a = 1, b = 2;',
        'export function fn(): void {}',
        'export class Klass {}',
        'export enum Colour { Red }',
        'export const { x, y: [z] } = { x: 1, y: [2] };',
        'const local = 3;',
        'export { local as renamed };',
        'export default function main(): void {}',
      ].join('\n'),
    });
    expect(exportsOf(dir)).toEqual(['Colour', 'Klass', 'a', 'b', 'default', 'fn', 'renamed', 'x', 'z']);
  });

  it('does not count types, interfaces, const enums, ambient declarations or type-only re-exports', () => {
    const dir = writeApp({
      'src/index.ts': [
        'export type T = string;',
        'export interface I { a: string }',
        'export const enum Inline { A }',
        'export declare const ambient: number;',
        "export type { V } from './values';",
        "export { type W, value } from './values';",
      ].join('\n'),
      'src/values.ts': 'export const V = 1;\nexport const W = 2;\nexport const value = 3;\n',
    });
    expect(exportsOf(dir)).toEqual(['value']);
  });

  it('follows `export *` (without default), `export * as ns`, renamed re-exports and index folders', () => {
    const dir = writeApp({
      'src/index.ts': [
        "export * from './entry/triggers';",
        "export * as admin from './entry/admin';",
        "export { run as runPoll } from './entry/poll.js';",
      ].join('\n'),
      'src/entry/triggers/index.ts': "export * from './issue-events';\nexport default 1;\n",
      'src/entry/triggers/issue-events.ts': 'export const onIssueEvent = (): void => undefined;\n',
      'src/entry/admin.ts': 'export const save = 1;\n',
      'src/entry/poll.ts': 'export const run = 1;\n',
    });
    expect(exportsOf(dir)).toEqual(['admin', 'onIssueEvent', 'runPoll']);
  });

  it('drops names re-exported from a missing file or one that lacks them, trusts packages', () => {
    const dir = writeApp({
      'src/index.ts': [
        "export { gone } from './missing';",
        "export * from './also-missing';",
        "export { absent, present } from './partial';",
        "export { Queue } from '@forge/events';",
      ].join('\n'),
      'src/partial.ts': 'export const present = 1;\n',
    });
    expect(exportsOf(dir)).toEqual(['Queue', 'present']);
  });

  it('terminates on a re-export cycle and still sees both sides, and reads a diamond correctly', () => {
    const dir = writeApp({
      'src/index.ts': "export * from './a';\nexport { shared } from './d';\n",
      'src/a.ts': "export * from './b';\nexport const fromA = 1;\n",
      'src/b.ts': "export * from './a';\nexport * from './d';\nexport const fromB = 1;\n",
      'src/d.ts': 'export const shared = 1;\n',
    });
    expect(exportsOf(dir)).toEqual(['fromA', 'fromB', 'shared']);
  });
});

describe('checkHandlerExports', () => {
  const handler = (name: string) => ({ functionKey: 'fn', handler: name, line: 3, column: 16 });

  it('explains a malformed handler and a missing barrel', () => {
    const dir = writeApp({ 'src/other.ts': 'export const x = 1;\n' });
    expect(checkHandlerExports(dir, [handler('index'), handler('index.x')]).map((p) => p.message)).toEqual([
      "Handler 'index' of function 'fn': must look like 'index.<exportName>'",
      "Handler 'index.x' of function 'fn': src/index.ts does not exist",
    ]);
  });

  it('accepts a handler exported by src/index.js as well as .ts', () => {
    const dir = writeApp({ 'src/index.js': 'export const handler = () => undefined;\n' });
    expect(checkHandlerExports(dir, [handler('index.handler')])).toEqual([]);
  });
});
