import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge';
import { Box, Inline, Stack, xcss } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import Textfield from '@atlaskit/textfield';
import { useCallback, useEffect, useState } from 'react';
import {
  FILTER_SCAN_TYPES,
  findingsAccessEndpoint,
  listRepositoriesEndpoint,
  searchFindingsEndpoint,
  SEVERITIES,
  STATUSES,
  type FindingRow,
} from '../../../../../src/contract/findings';
import { callEndpoint } from '../../bridge/call-endpoint';
import { EmptyState, Page } from '../../ui-kit/layout';
import { BulkTriageDialog } from './bulk-triage-dialog';
import { ExportDialog } from './export-dialog';
import { BackgroundExportNotice, ExportHistoryDialog } from './export-history';
import { scanTypeLabel, statusLabel } from '../../../../../src/contract/labels';

const PAGE_SIZE = 25;

interface Filters {
  repositoryId: string;
  severity: string;
  status: string;
  scanType: string;
  query: string;
  notInJira: boolean;
}

const NO_FILTERS: Filters = {
  repositoryId: '',
  severity: '',
  status: '',
  scanType: '',
  query: '',
  notInJira: false,
};

/** Red, orange, purple, then grey: the five severities on Atlaskit's six lozenge colours. */
const SEVERITY_LOOK: Record<FindingRow['severity'], ThemeAppearance> = {
  Critical: 'removed',
  High: 'moved',
  Medium: 'new',
  Low: 'default',
  Info: 'default',
};

/**
 * Jira's status-category colours, so a finding reads like an issue: open grey (To Do), in
 * progress blue, every closed outcome green (Done); the text says which outcome.
 */
const STATUS_LOOK: Record<FindingRow['status'], ThemeAppearance> = {
  open: 'default',
  in_progress: 'inprogress',
  resolved: 'success',
  false_positive: 'success',
  non_exploitable: 'success',
  accepted_risk: 'success',
};

const filterBarStyles = xcss({
  padding: 'space.200',
  borderRadius: 'radius.large',
  backgroundColor: 'elevation.surface.sunken',
});

type Load =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | {
      kind: 'ready';
      rows: FindingRow[];
      totalCount: number;
      totalIsExact: boolean;
      hiddenLinked: number;
      unreadable: number;
    };

/** "at least" when the server's walk for a filter ZeroPath cannot apply stopped at its bound. */
const countText = (load: { totalCount: number; totalIsExact: boolean }) =>
  `${load.totalIsExact ? '' : 'at least '}${load.totalCount} findings`;

const PAGE_TITLE = 'ZeroPath findings';
const PAGE_DESCRIPTION =
  'Security findings from ZeroPath. Select findings to export them to Jira or triage them in bulk.';

type Access = { kind: 'checking' } | { kind: 'allowed' } | { kind: 'refused'; audience: string } | { kind: 'error'; message: string };

/**
 * The page's entry is shown to everyone (docs/admin-guide.md "Security team" says why no display
 * condition applies), so it first asks the server whether it is for this person. Who it is not
 * for gets one explanation and nothing else: no filter bar, no controls that would all refuse. The
 * server checks again on every call; this only decides what to draw.
 */
export function FindingsPage({ pollMs }: { pollMs?: number } = {}) {
  const [access, setAccess] = useState<Access>({ kind: 'checking' });
  useEffect(() => {
    let live = true;
    void callEndpoint(findingsAccessEndpoint, {}).then((r) => {
      if (!live) return;
      if (!r.ok) setAccess({ kind: 'error', message: r.error.message });
      else setAccess(r.value.allowed ? { kind: 'allowed' } : { kind: 'refused', audience: r.value.audience });
    });
    return () => {
      live = false;
    };
  }, []);
  if (access.kind === 'allowed') return <FindingsBrowser {...(pollMs === undefined ? {} : { pollMs })} />;
  return (
    <Page title={PAGE_TITLE} description={PAGE_DESCRIPTION}>
      {access.kind === 'checking' && (
        <Inline space="space.100" alignBlock="center">
          <Spinner size="medium" label="Checking your access" />
          <span className="zp-muted">Checking your access…</span>
        </Inline>
      )}
      {access.kind === 'refused' && (
        <EmptyState title="This page is for your security team">
          <p>
            ZeroPath findings are browsed and exported here by {access.audience}. You are not one of them, so
            there is nothing to show you. If you work on a finding, open its Jira issue: the ZeroPath finding panel
            there is yours. To join the security team, ask a Jira administrator.
          </p>
        </EmptyState>
      )}
      {access.kind === 'error' && (
        <SectionMessage appearance="warning" title="Could not check your access">
          <p>{access.message}</p>
        </SectionMessage>
      )}
    </Page>
  );
}

/** Findings from ZeroPath, a page at a time (ZeroPath pages them), with selection for export. */
function FindingsBrowser({ pollMs }: { pollMs?: number }) {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [draftQuery, setDraftQuery] = useState('');
  const [page, setPage] = useState(1);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [repositories, setRepositories] = useState<{ id: string; name: string }[]>([]);
  /**
   * Selected finding ids → whether the finding is already in Jira. The selection survives paging
   * (a bulk export of 30 spans two pages of 25) and clears when the filters change. Linked findings
   * can be selected for triage (their Jira issues move with them) but are never exported again.
   */
  const [selected, setSelected] = useState<ReadonlyMap<string, FindingRow>>(new Map());
  /** The findings the open export dialog works on, fixed when it opens (the selection clears after an export). */
  const [exporting, setExporting] = useState<FindingRow[] | undefined>(undefined);
  const [triaging, setTriaging] = useState<string[] | undefined>(undefined);
  /** A bulk export whose dialog was closed before it ended: followed until it does. */
  const [backgroundJob, setBackgroundJob] = useState<string | undefined>(undefined);
  const [showHistory, setShowHistory] = useState(false);

  const reload = useCallback(async () => {
    setLoad({ kind: 'loading' });
    const r = await callEndpoint(searchFindingsEndpoint, {
      page,
      pageSize: PAGE_SIZE,
      notInJira: filters.notInJira,
      ...(filters.repositoryId ? { repositoryIds: [filters.repositoryId] } : {}),
      ...(filters.severity ? { severities: [filters.severity as (typeof SEVERITIES)[number]] } : {}),
      ...(filters.status ? { statuses: [filters.status as (typeof STATUSES)[number]] } : {}),
      ...(filters.scanType ? { scanTypes: [filters.scanType as (typeof FILTER_SCAN_TYPES)[number]] } : {}),
      ...(filters.query ? { query: filters.query } : {}),
    });
    setLoad(r.ok ? { kind: 'ready', ...r.value } : { kind: 'error', message: r.error.message });
  }, [filters, page]);

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(() => {
    void callEndpoint(listRepositoriesEndpoint, {}).then((r) => {
      if (r.ok) setRepositories(r.value.repositories);
    });
  }, []);

  const setFilter = <K extends keyof Filters>(key: K, value: Filters[K]) => {
    setFilters((f) => ({ ...f, [key]: value }));
    setPage(1);
    setSelected(new Map());
  };

  const rows = load.kind === 'ready' ? load.rows : [];
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const toggle = (row: FindingRow) =>
    setSelected((s) => {
      const next = new Map(s);
      if (next.has(row.id)) next.delete(row.id);
      else next.set(row.id, row);
      return next;
    });
  const togglePage = () =>
    setSelected((s) => {
      const next = new Map(s);
      for (const row of rows) {
        if (allSelected) next.delete(row.id);
        else next.set(row.id, row);
      }
      return next;
    });
  const exportable = [...selected.values()].filter((row) => row.jiraKey === undefined);
  const lastPage = load.kind === 'ready' ? Math.max(1, Math.ceil(load.totalCount / PAGE_SIZE)) : 1;

  return (
    <Page title={PAGE_TITLE} description={PAGE_DESCRIPTION}>
      {backgroundJob !== undefined && (
        <BackgroundExportNotice
          jobId={backgroundJob}
          pollMs={pollMs ?? 2000}
          onFinished={() => {
            setSelected(new Map());
            void reload();
          }}
          onDismiss={() => setBackgroundJob(undefined)}
        />
      )}
      {showHistory && <ExportHistoryDialog onClose={() => setShowHistory(false)} />}
      <Box xcss={filterBarStyles}>
        <form
          aria-label="Filters"
          className="zp-filters"
          onSubmit={(e) => {
            e.preventDefault();
            setFilter('query', draftQuery.trim());
          }}
        >
          <div className="zp-filter">
            <label htmlFor="zp-f-repo">Repository</label>
            <select
              id="zp-f-repo"
              value={filters.repositoryId}
              onChange={(e) => setFilter('repositoryId', e.target.value)}
            >
              <option value="">All repositories</option>
              {repositories.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </div>
          <div className="zp-filter">
            <label htmlFor="zp-f-severity">Severity</label>
            <select
              id="zp-f-severity"
              value={filters.severity}
              onChange={(e) => setFilter('severity', e.target.value)}
            >
              <option value="">All severities</option>
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </div>
          <div className="zp-filter">
            <label htmlFor="zp-f-status">Status</label>
            <select
              id="zp-f-status"
              value={filters.status}
              onChange={(e) => setFilter('status', e.target.value)}
            >
              <option value="">All statuses</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {statusLabel(s)}
                </option>
              ))}
            </select>
          </div>
          <div className="zp-filter">
            <label htmlFor="zp-f-scan">Scan type</label>
            <select
              id="zp-f-scan"
              value={filters.scanType}
              onChange={(e) => setFilter('scanType', e.target.value)}
            >
              <option value="">All scan types</option>
              {FILTER_SCAN_TYPES.map((s) => <option key={s} value={s}>{scanTypeLabel(s)}</option>)}
            </select>
          </div>
          <div className="zp-filter zp-filter-search">
            <label htmlFor="zp-f-text">Search</label>
            <Inline space="space.100">
              <Textfield
                id="zp-f-text"
                isCompact
                placeholder="Title, file or CWE"
                value={draftQuery}
                onChange={(e) => setDraftQuery(e.currentTarget.value)}
              />
              <Button type="submit">Search</Button>
            </Inline>
          </div>
          <div className="zp-filter zp-filter-check">
            <Checkbox
              label="Not yet in Jira"
              isChecked={filters.notInJira}
              onChange={(e) => setFilter('notInJira', e.currentTarget.checked)}
            />
          </div>
        </form>
      </Box>

      <Inline space="space.100" alignBlock="center" spread="space-between" shouldWrap>
        <Inline space="space.100" alignBlock="center">
          <Button
            appearance="primary"
            isDisabled={exportable.length === 0}
            onClick={() => setExporting(exportable)}
          >
            {`Export ${exportable.length} to Jira`}
          </Button>
          <Button isDisabled={selected.size === 0} onClick={() => setTriaging([...selected.keys()])}>
            {`Triage ${selected.size} selected`}
          </Button>
          <Button appearance="subtle" onClick={() => setShowHistory(true)}>
            Export history
          </Button>
        </Inline>
        {load.kind === 'ready' && <span className="zp-muted">{countText(load)}</span>}
      </Inline>

      {load.kind === 'loading' && (
        <div role="status">
          <Inline space="space.100" alignBlock="center">
            <Spinner size="medium" label="Loading findings" />
            <span className="zp-muted">Loading findings…</span>
          </Inline>
        </div>
      )}
      {load.kind === 'error' && (
        <SectionMessage appearance="error" title="Findings could not be loaded">
          <p>{load.message}</p>
        </SectionMessage>
      )}
      {load.kind === 'ready' && (
        <Stack space="space.200">
          {load.hiddenLinked > 0 && (
            <SectionMessage appearance="information">
              <p>{load.hiddenLinked} matching findings are already in Jira and hidden.</p>
            </SectionMessage>
          )}
          {load.unreadable > 0 && (
            <SectionMessage appearance="warning">
              <p role="alert">
                {load.unreadable} findings sent by ZeroPath could not be read and are not shown.
              </p>
            </SectionMessage>
          )}
          <table aria-label="Findings" className="zp-findings-table">
            <colgroup>
              <col className="zp-col-select" />
              <col className="zp-col-severity" />
              <col />
              <col className="zp-col-repo" />
              <col className="zp-col-file" />
              <col className="zp-col-status" />
              <col className="zp-col-jira" />
            </colgroup>
            <thead>
              <tr>
                <th>
                  <input
                    type="checkbox"
                    aria-label="Select all on this page"
                    checked={allSelected}
                    onChange={togglePage}
                  />
                </th>
                <th>Severity</th>
                <th>Title</th>
                <th>Repository</th>
                <th>File</th>
                <th>Status</th>
                <th>Jira</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const file =
                  row.file === undefined
                    ? ''
                    : `${row.file}${row.startLine === undefined ? '' : `:${row.startLine}`}`;
                return (
                  <tr key={row.id} className={selected.has(row.id) ? 'zp-row-selected' : undefined}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Select ${row.title}`}
                        checked={selected.has(row.id)}
                        onChange={() => toggle(row)}
                      />
                    </td>
                    <td>
                      <Inline space="space.075" alignBlock="center">
                        <Lozenge appearance={SEVERITY_LOOK[row.severity]}>{row.severity}</Lozenge>
                        <span className="zp-score" title={`Score ${row.score}`}>
                          {row.score}
                        </span>
                      </Inline>
                    </td>
                    <td title={row.title}>
                      <div className="zp-clamp">{row.title}</div>
                    </td>
                    <td className="zp-ellipsis" title={row.repository}>
                      {row.repository}
                    </td>
                    <td className="zp-ellipsis zp-code" title={file}>
                      {file}
                    </td>
                    <td>
                      <Lozenge appearance={STATUS_LOOK[row.status]}>{statusLabel(row.status)}</Lozenge>
                    </td>
                    <td className="zp-ellipsis">{row.jiraKey ?? ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {rows.length === 0 && (
            <EmptyState title="No findings">
              <p>No findings match these filters.</p>
            </EmptyState>
          )}
          <nav aria-label="Pages">
            <Inline space="space.100" alignBlock="center" alignInline="center">
              <Button isDisabled={page <= 1} onClick={() => setPage(page - 1)}>
                Previous
              </Button>
              <span className="zp-muted">{`Page ${page} of ${lastPage} (${countText(load)})`}</span>
              <Button isDisabled={page >= lastPage} onClick={() => setPage(page + 1)}>
                Next
              </Button>
            </Inline>
          </nav>
        </Stack>
      )}
      {exporting && (
        <ExportDialog
          findings={exporting}
          onClose={() => setExporting(undefined)}
          onBackground={setBackgroundJob}
          onDone={() => {
            setSelected(new Map());
            void reload();
          }}
          {...(pollMs === undefined ? {} : { pollMs })}
        />
      )}
      {triaging && (
        <BulkTriageDialog
          findingIds={triaging}
          onClose={() => setTriaging(undefined)}
          onDone={() => {
            setSelected(new Map());
            void reload();
          }}
        />
      )}
    </Page>
  );
}
