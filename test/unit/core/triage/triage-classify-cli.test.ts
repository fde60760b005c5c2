import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../../../..');
const tsx = join(root, 'node_modules/.bin/tsx');

function runCli(...args: string[]) {
  return spawnSync(tsx, [join(root, 'scripts/triage-classify.ts'), ...args], { cwd: root, encoding: 'utf8' });
}

describe('scripts/triage-classify.ts', () => {
  it('prints exactly one JSON line per case and nothing else', () => {
    const run = runCli(join(root, 'test/fixtures/triage/dev.jsonl'));
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(80);
    for (const line of lines) {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      expect(Object.keys(parsed)).toEqual(['id', 'decision', 'confidence', 'evidence']);
    }
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ id: 'd001', decision: 'resolved' });
  }, 30000);

  it('reports a bad line on stderr with its line number and exits 1, still classifying the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'triage-cli-'));
    const file = join(dir, 'cases.jsonl');
    const good = JSON.stringify({ id: 'ok', status: { name: 'Done', category: 'done' }, resolution: 'Done', commentSyncEnabled: true, comments: [] });
    writeFileSync(file, `${good}\n{not json\n${JSON.stringify({ id: 'bad', resolution: 'Done' })}\n`);
    const run = runCli(file);
    expect(run.status).toBe(1);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('cases.jsonl:2: not JSON');
    expect(run.stderr).toMatch(/cases\.jsonl:3: not a triage case: status: /);
  }, 30000);

  it('prints usage and exits 2 without a file', () => {
    const run = runCli();
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('usage: npm run --silent triage:classify -- FILE.jsonl');
  }, 30000);
});
