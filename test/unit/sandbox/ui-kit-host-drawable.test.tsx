// The fake bridge must load before @forge/bridge and @forge/react.
import { button, press, render, type ForgeNode } from '../frontend/panel/fake-bridge';
import React from 'react';
import { reportEndpoints } from '../../../src/contract/confluence';
import { panelEndpoints, type LinkedPanelView } from '../../../src/contract/panel';
import { PanelApp } from '../../../src/frontend/panel/panel-app';
import { ReportApp } from '../../../src/frontend/report/report-app';
import { problemsIn, type ForgeDocNode } from '../../sandbox/ui-kit/host/forge-doc-model';

// Every tree the real panel and macro send must be one the sandbox host draws without a red box:
// otherwise the browser tests would show an error where Jira shows the panel (or the host's
// prop lists are wrong). The same check runs in the browser (data-ui-kit-problems).
const ok = <T,>(value: T) => ({ ok: true, value });
const asDoc = (node: ForgeNode): ForgeDocNode => node;

const linked: LinkedPanelView = {
  state: 'linked',
  issueKey: 'SEC-2',
  canEdit: true,
  connected: true,
  snapshotAt: '2026-03-10T11:55:00.000Z',
  stale: false,
  finding: {
    id: 'f-1',
    title: 'SQL injection in order search',
    severity: 'High',
    score: 82,
    status: 'open',
    category: 'SAST',
    cvss: { score: 8.1, vector: 'CVSS:3.1/AV:N' },
    cwes: [{ id: 'CWE-89', url: 'https://cwe.mitre.org/data/definitions/89.html' }, { id: 'CWE-20' }],
    vulnClass: 'SQL Injection',
    repository: { name: 'acme/shop', url: 'https://github.com/acme/shop' },
    location: { file: 'src/orders/search.ts', lines: 'lines 40–44' },
    code: { snippet: 'db.query("SELECT * FROM o WHERE id=" + id)', language: 'typescript' },
    patch: { url: 'https://github.com/acme/shop/pull/7', title: 'Use a bound parameter', state: 'OPEN' },
    url: 'https://zeropath.com/app/issues/f-1',
  },
  sla: { dueDate: '2026-03-08', daysLeft: -2, overdue: true },
  acceptedRisk: { until: '2026-04-01', daysLeft: 20 },
  audit: Array.from({ length: 7 }, (_, i) => ({
    at: `2026-03-0${i + 1}T10:00:00.000Z`,
    actorLabel: 'A Jira user',
    ...(i % 2 === 0 ? { actorAccountId: `user-${i}` } : {}),
    source: 'jira' as const,
    action: 'linked',
  })),
  lastClosure: {
    decision: 'false_positive',
    confidence: 0.9,
    explanation: 'A comment says the input is validated upstream.',
    evidence: 'validated by the gateway',
    resolution: "Won't Do",
    decidedAt: '2026-03-05T10:00:00.000Z',
  },
};

const relatedOk = () =>
  ok({
    state: 'ok',
    docs: [{ title: 'Runbook', url: 'https://wiki/x', excerpt: '', space: 'SECDOCS' }],
    searchUrl: 'https://wiki/search',
  });

describe('the real UI Kit trees are drawable by the sandbox host', () => {
  it('the linked panel, its history, related docs and each triage form', async () => {
    const p = await render(<PanelApp now={() => new Date('2026-03-10T12:00:00Z')} />, {
      [panelEndpoints.load.key]: () => ok(linked),
      [panelEndpoints.relatedDocs.key]: relatedOk,
    });
    expect(problemsIn(asDoc(p.root()))).toEqual([]);
    await press(button(p.root(), 'Show all 7'));
    expect(problemsIn(asDoc(p.root()))).toEqual([]);
    await press(button(p.root(), 'Accept risk'));
    expect(problemsIn(asDoc(p.root()))).toEqual([]);
    await press(button(p.root(), 'Accept risk')); // submit without a reason: the error message
    expect(problemsIn(asDoc(p.root()))).toEqual([]);
  });

  it('the link form of an issue with no finding', async () => {
    const p = await render(<PanelApp />, {
      [panelEndpoints.load.key]: () => ok({ state: 'not_linked', issueKey: 'SEC-9', canEdit: true }),
      [panelEndpoints.relatedDocs.key]: () => ok({ state: 'not_linked' }),
    });
    await press(button(p.root(), 'Link finding'));
    expect(problemsIn(asDoc(p.root()))).toEqual([]);
  });

  it('the security report macro with its table', async () => {
    const p = await render(<ReportApp config={{ repository: 'acme/shop' }} />, {
      [reportEndpoints.load.key]: () =>
        ok({
          state: 'ok',
          scopeLabel: 'Repository acme/shop',
          repositories: 1,
          openBySeverity: { Critical: 1, High: 0, Medium: 0, Low: 0, Info: 0 },
          openTotal: 1,
          truncated: false,
          slaBreaches: 0,
          linkedVisible: [
            { key: 'SEC-1', summary: 's', status: 'To Do', severity: 'Critical', slaBreached: false },
          ],
          linkedHidden: 1,
          generatedAt: '2026-03-10T12:00:00Z',
        }),
    });
    expect(problemsIn(asDoc(p.root()))).toEqual([]);
  });
});
