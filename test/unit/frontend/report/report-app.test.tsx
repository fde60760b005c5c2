import { all, flush, render, textOf, type ForgeNode } from '../panel/fake-bridge';
import React from 'react';
import { ReportApp } from '../../../../src/frontend/report/report-app';
import { reportEndpoints } from '../../../../src/contract/confluence';

const ok = <T,>(value: T) => ({ ok: true, value });
const texts = (root: ForgeNode) => all(root, (n) => n.type === 'Text' || n.type === 'Heading').map(textOf);

describe('security report macro (UI Kit, headless)', () => {
  it('asks for the configured repository and shows counts, breaches and the issues the viewer may open', async () => {
    const p = await render(<ReportApp config={{ repository: 'acme/web' }} />, {
      [reportEndpoints.load.key]: () =>
        ok({
          state: 'ok',
          scopeLabel: 'Repository acme/web',
          repositories: 1,
          openBySeverity: { Critical: 1, High: 2, Medium: 0, Low: 0, Info: 0 },
          openTotal: 3,
          truncated: false,
          slaBreaches: 1,
          linkedVisible: [
            {
              key: 'SEC-7',
              summary: '[ZeroPath][High] SQL injection',
              status: 'To Do',
              severity: 'High',
              slaBreached: true,
              dueDate: '2026-11-01',
            },
          ],
          linkedHidden: 2,
          generatedAt: '2026-12-04T12:00:00.000Z',
        }),
    });
    await flush();
    expect(p.invocations()).toEqual([
      { key: reportEndpoints.load.key, payload: { scope: { repository: 'acme/web' } } },
    ]);
    const shown = texts(p.root()).join('\n');
    expect(shown).toContain('Security report · Repository acme/web');
    expect(shown).toContain('3 open findings in 1 repositories · 1 past their SLA');
    expect(shown).toContain('2 more linked issues you do not have access to in Jira.');
    const table = all(p.root(), (n) => n.type === 'DynamicTable')[0];
    expect(table === undefined ? '' : textOf(table)).toContain('SEC-7');
    expect(table === undefined ? '' : textOf(table)).toContain('Breached (due 2026-11-01)');
  });

  it('asks nothing until a repository or tag is configured, and says "off" when access is off', async () => {
    const unconfigured = await render(<ReportApp config={{}} />, {});
    expect(unconfigured.invocations()).toEqual([]);
    expect(JSON.stringify(unconfigured.root())).toContain('Edit the macro');
    const off = await render(<ReportApp config={{ tag: 'prod' }} />, {
      [reportEndpoints.load.key]: () => ok({ state: 'off' }),
    });
    expect(JSON.stringify(off.root())).toContain('Confluence access is turned off');
  });
});
