// The fake bridge must load before @forge/bridge and @forge/react.
import { all, allText, button, change, flush, ofType, press, render, setHandler, textOf, type ForgeNode } from './fake-bridge';
import React from 'react';
import { panelEndpoints, type ActionResult, type LinkedPanelView, type PanelView } from '../../../../src/contract/panel';
import { PanelApp } from '../../../../src/frontend/panel/panel-app';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const K = {
  load: panelEndpoints.load.key,
  refresh: panelEndpoints.refresh.key,
  fp: panelEndpoints.markFalsePositive.key,
  risk: panelEndpoints.acceptRisk.key,
  reopen: panelEndpoints.reopen.key,
  link: panelEndpoints.linkFinding.key,
  relatedDocs: panelEndpoints.relatedDocs.key,
};

function aLinkedView(overrides: Partial<LinkedPanelView> = {}): LinkedPanelView {
  return {
    state: 'linked',
    issueKey: 'SEC-2',
    canEdit: true,
    connected: true,
    snapshotAt: '2026-03-10T11:55:00.000Z',
    stale: false,
    finding: {
      id: 'f-123',
      title: 'SQL injection in order search',
      severity: 'High',
      score: 82,
      status: 'open',
      category: 'SAST',
      cvss: { score: 8.1, vector: 'CVSS:3.1/AV:N' },
      cwes: [{ id: 'CWE-89', url: 'https://cwe.mitre.org/data/definitions/89.html' }],
      vulnClass: 'SQL Injection',
      repository: { name: 'acme/shop', url: 'https://github.com/acme/shop' },
      location: { file: 'src/orders/search.ts', lines: 'lines 40–44' },
      code: { snippet: 'db.query("SELECT * FROM o WHERE id=" + id)', language: 'typescript' },
      patch: { url: 'https://github.com/acme/shop/pull/7', title: 'Use a bound parameter', state: 'OPEN' },
      url: 'https://zeropath.com/app/issues/f-123',
    },
    sla: { dueDate: '2026-03-08', daysLeft: -2, overdue: true },
    audit: Array.from({ length: 7 }, (_, i) => ({
      at: `2026-03-0${i + 1}T10:00:00.000Z`,
      actorLabel: 'A Jira user',
      actorAccountId: `user-${i}`,
      source: 'jira' as const,
      action: i === 6 ? 'accepted_risk' : 'linked',
      detail: `entry ${i}`,
    })),
    lastClosure: {
      decision: 'false_positive',
      confidence: 0.9,
      explanation: 'A comment says the input is validated upstream.',
      evidence: 'not a real issue, validated by the gateway',
      decidedAt: '2026-03-05T10:00:00.000Z',
    },
    ...overrides,
  };
}

const ok = <T,>(value: T) => ({ ok: true, value });
const failed = (kind: string, message: string, fieldErrors?: Record<string, string>) => ({
  ok: false,
  error: fieldErrors ? { kind, message, fieldErrors } : { kind, message },
});
const actionResult = (view: PanelView, message = 'Done.', warnings: string[] = []): ActionResult => ({ message, warnings, view });

// Related docs load on their own call (Confluence, see related-docs tests below); it answers "off" unless a test says otherwise.
const panel = (handlers: Record<string, (payload: unknown) => unknown>) =>
  render(<PanelApp now={() => NOW} />, { [K.relatedDocs]: () => ok({ state: 'off' }), ...handlers });
const keys = (invocations: Array<{ key: string }>) => invocations.map((i) => i.key).filter((key) => key !== K.relatedDocs);
const sectionTitles = (root: ForgeNode) => ofType(root, 'SectionMessage').map((n) => String(n.props['title']));

describe('finding panel (UI Kit, headless)', () => {
  it('shows a spinner while the panel loads', async () => {
    const p = await panel({ [K.load]: () => new Promise(() => undefined) });
    expect(ofType(p.root(), 'Spinner')).toHaveLength(1);
  });

  it('renders everything a developer needs from one call when the snapshot is fresh', async () => {
    const p = await panel({ [K.load]: () => ok(aLinkedView()) });
    const root = p.root();
    expect(keys(p.invocations())).toEqual([K.load]);
    expect(textOf(ofType(root, 'Heading')[0]!)).toBe('SQL injection in order search');
    const [severity, status] = ofType(root, 'Lozenge');
    expect(textOf(severity!)).toBe('High · 82');
    expect(severity!.props['appearance']).toBe('removed');
    expect(textOf(status!)).toBe('Open');
    const text = allText(root);
    expect(text).toContain('Synced from ZeroPath 5 min ago');
    expect(text).toContain('CVSS 8.1 (CVSS:3.1/AV:N)');
    expect(text).toContain('Vulnerability: SQL Injection');
    expect(text).toContain('src/orders/search.ts, lines 40–44');
    expect(text).toContain('SLA overdue: was due 2026-03-08 (2 days ago)');
    const links = Object.fromEntries(ofType(root, 'Link').map((l) => [textOf(l), l.props['href']]));
    expect(links).toMatchObject({
      'CWE-89': 'https://cwe.mitre.org/data/definitions/89.html',
      'acme/shop': 'https://github.com/acme/shop',
      'Use a bound parameter': 'https://github.com/acme/shop/pull/7',
      'Open in ZeroPath': 'https://zeropath.com/app/issues/f-123',
    });
    const code = ofType(root, 'CodeBlock')[0]!;
    expect(code.props).toMatchObject({ language: 'typescript', text: 'db.query("SELECT * FROM o WHERE id=" + id)' });
    expect(text).toContain('OPEN');
    expect(sectionTitles(root)).toContain('Last closure: False positive');
    expect(text).toContain('Evidence: “not a real issue, validated by the gateway”');
  });

  it('shows the latest audit entries and expands to all of them', async () => {
    const p = await panel({ [K.load]: () => ok(aLinkedView()) });
    const users = () => ofType(p.root(), 'User').map((u) => u.props['accountId']);
    expect(users()).toEqual(['user-6', 'user-5', 'user-4', 'user-3', 'user-2']);
    expect(allText(p.root())).toContain('accepted the risk: entry 6');
    await press(button(p.root(), 'Show all 7'));
    expect(users()).toHaveLength(7);
    await press(button(p.root(), 'Show fewer'));
    expect(users()).toHaveLength(5);
  });

  it('refreshes a stale snapshot in the background after showing it', async () => {
    let release: (v: unknown) => void = () => undefined;
    const p = await panel({
      [K.load]: () => ok(aLinkedView({ stale: true, snapshotAt: '2026-03-09T12:00:00.000Z' })),
      [K.refresh]: () => new Promise((resolve) => (release = resolve)),
    });
    expect(keys(p.invocations())).toEqual([K.load, K.refresh]);
    expect(allText(p.root())).toContain('refreshing from ZeroPath…');
    expect(textOf(ofType(p.root(), 'Heading')[0]!)).toBe('SQL injection in order search');
    release(ok(aLinkedView({ finding: { ...aLinkedView().finding, status: 'resolved' } })));
    await flush();
    expect(textOf(ofType(p.root(), 'Lozenge')[1]!)).toBe('Resolved');
    expect(allText(p.root())).toContain('Synced from ZeroPath 5 min ago');
  });

  it('keeps the snapshot and says so when the background refresh fails', async () => {
    const p = await panel({
      [K.load]: () => ok(aLinkedView({ stale: true })),
      [K.refresh]: () => failed('upstream', 'ZeroPath is unavailable (503).'),
    });
    expect(sectionTitles(p.root())).toContain('Could not refresh from ZeroPath');
    expect(allText(p.root())).toContain('ZeroPath is unavailable (503).');
    expect(textOf(ofType(p.root(), 'Heading')[0]!)).toBe('SQL injection in order search');
  });

  it('shows the error with a retry that loads again', async () => {
    let calls = 0;
    const p = await panel({
      [K.load]: () => (++calls === 1 ? failed('internal', 'Something went wrong.') : ok(aLinkedView())),
    });
    expect(sectionTitles(p.root())).toEqual(['The ZeroPath finding could not be loaded']);
    expect(allText(p.root())).toContain('Something went wrong.');
    await press(button(p.root(), 'Try again'));
    expect(textOf(ofType(p.root(), 'Heading')[0]!)).toBe('SQL injection in order search');
  });

  it('shows no permission, and nothing about the issue, when the server refuses', async () => {
    const p = await panel({ [K.load]: () => failed('forbidden', 'You do not have permission to see this issue.') });
    expect(sectionTitles(p.root())).toEqual(['No access']);
    expect(ofType(p.root(), 'Heading')).toHaveLength(0);
    expect(ofType(p.root(), 'Button')).toHaveLength(0);
  });

  it('points admins to the admin page when ZeroPath is not connected', async () => {
    const p = await panel({ [K.load]: () => ok({ state: 'not_connected', issueKey: 'SEC-2' }) });
    expect(sectionTitles(p.root())).toEqual(['ZeroPath is not connected']);
    expect(allText(p.root())).toMatch(/admin page/);
    expect(ofType(p.root(), 'Textfield')).toHaveLength(0);
  });

  it('links an existing finding by id or URL, showing the server’s refusal and then the linked finding', async () => {
    const p = await panel({
      [K.load]: () => ok({ state: 'not_linked', issueKey: 'SEC-2', canEdit: true }),
      [K.link]: () => failed('conflict', 'That finding is already linked to SEC-9.'),
    });
    await press(button(p.root(), 'Link finding'));
    expect(ofType(p.root(), 'ErrorMessage').map(textOf)).toEqual(['Paste a ZeroPath finding id or its URL.']);
    expect(keys(p.invocations())).toEqual([K.load]);

    await change(ofType(p.root(), 'Textfield')[0], 'https://zeropath.com/app/issues/f-123');
    await press(button(p.root(), 'Link finding'));
    expect(p.invocations().at(-1)).toEqual({ key: K.link, payload: { reference: 'https://zeropath.com/app/issues/f-123' } });
    expect(ofType(p.root(), 'ErrorMessage').map(textOf)).toEqual(['That finding is already linked to SEC-9.']);

    setHandler(K.link, () => ok(actionResult(aLinkedView(), 'Linked to ZeroPath finding f-123.')));
    await press(button(p.root(), 'Link finding'));
    expect(sectionTitles(p.root())).toContain('Linked to ZeroPath finding f-123.');
    expect(textOf(ofType(p.root(), 'Heading')[0]!)).toBe('SQL injection in order search');
  });

  it('offers no link form to someone who cannot edit the issue', async () => {
    const p = await panel({ [K.load]: () => ok({ state: 'not_linked', issueKey: 'SEC-2', canEdit: false }) });
    expect(ofType(p.root(), 'Textfield')).toHaveLength(0);
    expect(allText(p.root())).toMatch(/Someone who can edit the issue/);
  });

  it('marks a false positive only with a reason, and shows the result', async () => {
    const p = await panel({
      [K.load]: () => ok(aLinkedView()),
      [K.fp]: () => ok(actionResult(aLinkedView({ finding: { ...aLinkedView().finding, status: 'false_positive' } }), 'Marked as a false positive in ZeroPath.')),
    });
    await press(button(p.root(), 'Mark false positive'));
    await press(button(p.root(), 'Mark as false positive'));
    expect(ofType(p.root(), 'ErrorMessage').map(textOf)[0]).toMatch(/Give a reason/);
    expect(keys(p.invocations())).toEqual([K.load]);

    await change(ofType(p.root(), 'TextArea')[0], 'Validated by the gateway');
    await press(button(p.root(), 'Mark as false positive'));
    expect(p.invocations().at(-1)).toEqual({ key: K.fp, payload: { reason: 'Validated by the gateway' } });
    expect(sectionTitles(p.root())).toContain('Marked as a false positive in ZeroPath.');
    expect(textOf(ofType(p.root(), 'Lozenge')[1]!)).toBe('False positive');
    expect(button(p.root(), 'Mark false positive')).toBeUndefined();
    expect(button(p.root(), 'Reopen')).toBeDefined();
  });

  it('accepts the risk with an optional until-date and shows warnings from the Jira side', async () => {
    const p = await panel({
      [K.load]: () => ok(aLinkedView()),
      [K.risk]: () => ok(actionResult(aLinkedView(), 'Risk accepted in ZeroPath until 2099-01-31.', ['The comment on the issue could not be added.'])),
    });
    await press(button(p.root(), 'Accept risk'));
    await change(ofType(p.root(), 'TextArea')[0], 'Internal tool');
    await change(ofType(p.root(), 'DatePicker')[0], '2099-01-31');
    await press(button(p.root(), 'Accept risk'));
    expect(p.invocations().at(-1)).toEqual({ key: K.risk, payload: { reason: 'Internal tool', until: '2099-01-31' } });
    const notice = ofType(p.root(), 'SectionMessage').find((n) => n.props['title'] === 'Risk accepted in ZeroPath until 2099-01-31.');
    expect(notice?.props['appearance']).toBe('warning');
    expect(allText(p.root())).toContain('The comment on the issue could not be added.');
  });

  it('keeps what was typed and shows the server’s error when an action is refused', async () => {
    const p = await panel({
      [K.load]: () => ok(aLinkedView()),
      [K.risk]: () => failed('invalid_input', 'The request was not valid.', { until: 'Choose a date after today, or leave it empty.' }),
    });
    await press(button(p.root(), 'Accept risk'));
    await change(ofType(p.root(), 'TextArea')[0], 'Internal tool');
    await press(button(p.root(), 'Accept risk'));
    expect(ofType(p.root(), 'ErrorMessage').map(textOf)).toEqual(['Choose a date after today, or leave it empty.']);
    expect(ofType(p.root(), 'TextArea')[0]!.props['value']).toBe('Internal tool');
  });

  it('reopens a closed finding without requiring a reason, and can cancel', async () => {
    const closed = aLinkedView({ finding: { ...aLinkedView().finding, status: 'accepted_risk' } });
    const p = await panel({ [K.load]: () => ok(closed), [K.reopen]: () => ok(actionResult(aLinkedView(), 'Reopened in ZeroPath.')) });
    expect(button(p.root(), 'Accept risk')).toBeUndefined();
    await press(button(p.root(), 'Reopen'));
    await press(button(p.root(), 'Cancel'));
    expect(all(p.root(), (n) => n.props['testId'] === 'triage-form')).toHaveLength(0);
    await press(button(p.root(), 'Reopen'));
    await press(button(p.root(), 'Reopen'));
    expect(p.invocations().at(-1)).toEqual({ key: K.reopen, payload: {} });
    expect(sectionTitles(p.root())).toContain('Reopened in ZeroPath.');
  });

  it('refreshes from ZeroPath on request', async () => {
    const p = await panel({ [K.load]: () => ok(aLinkedView()), [K.refresh]: () => ok(aLinkedView({ finding: { ...aLinkedView().finding, title: 'Renamed' } })) });
    await press(button(p.root(), 'Refresh from ZeroPath'));
    expect(keys(p.invocations())).toEqual([K.load, K.refresh]);
    expect(sectionTitles(p.root())).toContain('Refreshed from ZeroPath');
    expect(textOf(ofType(p.root(), 'Heading')[0]!)).toBe('Renamed');
  });

  it('shows no triage buttons to someone who can only browse, and none when ZeroPath is disconnected', async () => {
    const readOnly = await panel({ [K.load]: () => ok(aLinkedView({ canEdit: false })) });
    expect(ofType(readOnly.root(), 'Button').map(textOf)).toEqual(['Show all 7', 'Refresh from ZeroPath']);
    const offline = await panel({ [K.load]: () => ok(aLinkedView({ connected: false })) });
    expect(sectionTitles(offline.root())).toContain('ZeroPath is disconnected');
    expect(ofType(offline.root(), 'Button').map(textOf)).toEqual(['Show all 7']);
  });
});

describe('related security docs on the panel', () => {
  it('lists the pages the server found for the viewer, with a link to search for more', async () => {
    const p = await panel({
      [K.load]: () => ok(aLinkedView()),
      [K.relatedDocs]: () =>
        ok({
          state: 'ok',
          docs: [{ title: 'Runbook: fixing SQL injection (CWE-89)', url: 'https://acme.atlassian.net/wiki/spaces/SECDOCS/pages/9001', excerpt: '', space: 'Security documentation' }],
          searchUrl: 'https://acme.atlassian.net/wiki/search?cql=x',
        }),
    });
    const root = p.root();
    expect(ofType(root, 'Heading').map(textOf)).toContain('Related security docs');
    const links = ofType(root, 'Link').map((n) => [textOf(n), n.props['href']]);
    expect(links).toContainEqual(['Runbook: fixing SQL injection (CWE-89)', 'https://acme.atlassian.net/wiki/spaces/SECDOCS/pages/9001']);
    expect(links).toContainEqual(['Search Confluence for more', 'https://acme.atlassian.net/wiki/search?cql=x']);
  });

  it('shows nothing while Confluence access is off, and says so when Confluence is not connected', async () => {
    const off = await panel({ [K.load]: () => ok(aLinkedView()) });
    expect(ofType(off.root(), 'Heading').map(textOf)).not.toContain('Related security docs');
    expect(sectionTitles(off.root())).not.toContain('Related security docs');
    const notConnected = await panel({ [K.load]: () => ok(aLinkedView()), [K.relatedDocs]: () => ok({ state: 'not_connected' }) });
    expect(sectionTitles(notConnected.root())).toContain('Related security docs');
  });
});
