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
      expect(Object.keys(parsed).filter((key) => key !== 'undecided')).toEqual(['id', 'decision', 'confidence', 'evidence']);
      if ('undecided' in parsed) expect(parsed).toMatchObject({ decision: 'skip', undecided: true });
    }
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ id: 'd001', decision: 'resolved' });
  }, 30000);

  it('leaves the learned reader out with --rules-only, and says so in the evidence when it is in', () => {
    const dir = mkdtempSync(join(tmpdir(), 'triage-cli-'));
    const file = join(dir, 'cases.jsonl');
    // The rules find no outcome words here; the learned reader reads the rationale as a false positive.
    const body = {
      type: 'doc',
      version: 1,
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'That exec only runs inside the protoc-generated descriptor with static data, nobody edits that file by hand.' }] }],
    };
    const comment = { id: '1', author: { accountId: 'a', displayName: 'Ana', accountType: 'atlassian' }, created: '2026-05-02T10:00:00.000+0000', body };
    writeFileSync(file, `${JSON.stringify({ id: 'c1', status: { name: 'Done', category: 'done' }, resolution: 'Done', commentSyncEnabled: true, comments: [comment] })}\n`);
    const rules = JSON.parse(runCli('--rules-only', file).stdout) as { decision: string; undecided?: boolean };
    const full = JSON.parse(runCli(file).stdout) as { decision: string; evidence: { explanation: string } };
    expect(rules).toMatchObject({ decision: 'skip', undecided: true });
    expect(full.decision).toBe('false_positive');
    expect(full.evidence.explanation).toContain('learned reader');
  }, 60000);

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
    expect(run.stderr).toContain('usage: npm run --silent triage:classify -- [--rules-only] FILE.jsonl');
  }, 30000);
});
