import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import Form, { Field } from '@atlaskit/form';
import Select from '@atlaskit/select';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import SectionMessage from '@atlaskit/section-message';
import { router } from '@forge/bridge';
import { useEffect, useRef, useState } from 'react';
import {
  exportBulkEndpoint,
  exportJobStatusEndpoint,
  exportOneEndpoint,
  listIssueTypesEndpoint,
  preflightEndpoint,
  searchAssigneesEndpoint,
  searchEpicsEndpoint,
  searchProjectsEndpoint,
  CLOSED_STATUSES,
  type ExportJobView,
  type ExportTarget,
  type FindingRow,
} from '../../../../../src/contract/findings';
import { type AppError } from '../../../../../src/contract/result';
import { callEndpoint } from '../../bridge/call-endpoint';

/** What the dialog needs of each selected finding: its id, its title (for the summary), its status. */
export type ExportCandidate = Pick<FindingRow, 'id' | 'title' | 'status'>;

const CLOSED: ReadonlySet<string> = new Set(CLOSED_STATUSES);

export interface ExportDialogProps {
  findings: readonly ExportCandidate[];
  onClose: () => void;
  /** After an export finished, so the page can show the new Jira keys. */
  onDone: () => void;
  /** Poll interval of a bulk job; tests shorten it. */
  pollMs?: number;
  /** The dialog was closed while a bulk job still ran: the page follows it and says when it ends. */
  onBackground?: (jobId: string) => void;
}

type Stage =
  | { kind: 'form' }
  | { kind: 'working' }
  | { kind: 'single'; issueKey: string; outcome: 'created' | 'already_linked'; notes: string[] }
  | { kind: 'bulk'; job: ExportJobView | undefined; jobId: string; notes: string[] };

interface Option {
  value: string;
  label: string;
}

function useOptions(load: () => Promise<Option[] | AppError>, deps: unknown[]): { options: Option[]; error?: string } {
  const [state, setState] = useState<{ options: Option[]; error?: string }>({ options: [] });
  useEffect(() => {
    let live = true;
    void load().then((result) => {
      if (!live) return;
      setState(Array.isArray(result) ? { options: result } : { options: [], error: result.message });
    });
    return () => {
      live = false;
    };
    // The caller lists what the load depends on (the loader closes over it).
  }, deps);
  return state;
}

function openIssue(key: string): void {
  void router.open(`/browse/${key}`);
}

/** Project, issue type (create metadata), epic (searchable, explicit None), assignee; then export. */
export function ExportDialog({ findings, onClose, onDone, pollMs = 2000, onBackground }: ExportDialogProps) {
  const findingIds = findings.map((f) => f.id);
  const closedCount = findings.filter((f) => CLOSED.has(f.status)).length;
  /** Closed findings are skipped unless the person ticks the box (then they are created and closed). */
  const [exportClosed, setExportClosed] = useState(false);
  const closedFindings = exportClosed ? 'export_and_close' : 'skip';
  const [projectQuery, setProjectQuery] = useState('');
  const [projectKey, setProjectKey] = useState('');
  const [issueTypeId, setIssueTypeId] = useState('');
  const [epicQuery, setEpicQuery] = useState('');
  const [epicKey, setEpicKey] = useState('');
  const [assigneeQuery, setAssigneeQuery] = useState('');
  const [assignee, setAssignee] = useState('');
  const [missing, setMissing] = useState<string[]>([]);
  const [notes, setNotes] = useState<string[]>([]);
  const [error, setError] = useState<string | undefined>();
  const [stage, setStage] = useState<Stage>({ kind: 'form' });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const projects = useOptions(async () => {
    const r = await callEndpoint(searchProjectsEndpoint, { query: projectQuery });
    return r.ok ? r.value.projects.map((p) => ({ value: p.key, label: `${p.name} (${p.key})` })) : r.error;
  }, [projectQuery]);
  const types = useOptions(async () => {
    if (!projectKey) return [];
    const r = await callEndpoint(listIssueTypesEndpoint, { projectKey });
    return r.ok ? r.value.issueTypes.map((t) => ({ value: t.id, label: t.name })) : r.error;
  }, [projectKey]);
  const epics = useOptions(async () => {
    if (!projectKey) return [];
    const r = await callEndpoint(searchEpicsEndpoint, { projectKey, query: epicQuery });
    return r.ok ? r.value.epics.map((e) => ({ value: e.key, label: `${e.key} ${e.summary}` })) : r.error;
  }, [projectKey, epicQuery]);
  const users = useOptions(async () => {
    if (!projectKey) return [];
    const r = await callEndpoint(searchAssigneesEndpoint, { projectKey, query: assigneeQuery });
    return r.ok ? r.value.users.map((u) => ({ value: u.accountId, label: u.displayName })) : r.error;
  }, [projectKey, assigneeQuery]);

  const target = (): ExportTarget | undefined => {
    if (!projectKey || !issueTypeId) return undefined;
    return {
      projectKey,
      issueTypeId,
      ...(epicKey ? { epicKey } : {}),
      ...(assignee ? { assigneeAccountId: assignee } : {}),
    };
  };

  // Preflight as soon as project and type are known: required fields are named before any export.
  useEffect(() => {
    const t = target();
    setMissing([]);
    setNotes([]);
    if (t === undefined) return;
    let live = true;
    void callEndpoint(preflightEndpoint, { target: t }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setMissing(r.value.missingRequiredFields.map((f) => f.name));
        setNotes(r.value.notes);
      } else setError(r.error.message);
    });
    return () => {
      live = false;
    };
    // target() reads exactly these.
  }, [projectKey, issueTypeId, epicKey, assignee]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const poll = (jobId: string, startNotes: string[]) => {
    void callEndpoint(exportJobStatusEndpoint, { jobId }).then((r) => {
      if (!r.ok) {
        setError(r.error.message);
        return;
      }
      setStage({ kind: 'bulk', job: r.value, jobId, notes: startNotes });
      if (r.value.state === 'done') onDone();
      else timer.current = setTimeout(() => poll(jobId, startNotes), pollMs);
    });
  };

  const submit = async () => {
    const t = target();
    if (t === undefined) return;
    setError(undefined);
    setStage({ kind: 'working' });
    if (findingIds.length === 1) {
      const r = await callEndpoint(exportOneEndpoint, { findingId: findingIds[0] ?? '', target: t, closedFindings });
      if (!r.ok) {
        setError(r.error.message);
        setStage({ kind: 'form' });
        return;
      }
      setStage({ kind: 'single', ...r.value });
      onDone();
      return;
    }
    const r = await callEndpoint(exportBulkEndpoint, { findingIds: [...findingIds], target: t, closedFindings });
    if (!r.ok) {
      setError(r.error.message);
      setStage({ kind: 'form' });
      return;
    }
    setStage({ kind: 'bulk', job: undefined, jobId: r.value.jobId, notes: r.value.notes });
    poll(r.value.jobId, r.value.notes);
  };

  const running = stage.kind === 'bulk' && stage.job?.state !== 'done';
  const close = () => {
    if (stage.kind === 'bulk' && running) onBackground?.(stage.jobId);
    onClose();
  };
  const titles = new Map(findings.map((f) => [f.id, f.title]));
  const nothingToExport = closedCount === findingIds.length && !exportClosed;
  const canExport = stage.kind === 'form' && target() !== undefined && missing.length === 0 && !nothingToExport;
  const title = findingIds.length === 1 ? 'Export finding to Jira' : `Export ${findingIds.length} findings to Jira`;

  return (
    <Modal onClose={close} width="medium">
      <ModalHeader>
        <ModalTitle>{title}</ModalTitle>
      </ModalHeader>
      <ModalBody>
        {error && (
          <SectionMessage appearance="error" title="Export failed">
            <p>{error}</p>
          </SectionMessage>
        )}
        {(stage.kind === 'form' || stage.kind === 'working') && (
          <Form onSubmit={() => (canExport ? void submit() : undefined)}>
            {({ formProps }) => (
              <form {...formProps} id="zp-export-form" aria-label="Export target">
            {/* Atlaskit Field: the label sits above its control and is bound to it (htmlFor = inputId). */}
            <Field name="project" label="Project" isRequired>
              {({ fieldProps }) => (
                <Select<Option>
                  inputId={fieldProps.id}
                  // Inside a modal the menu must float above the dialog's scrolling body, not be clipped by it.
                  menuPosition="fixed"
                  options={projects.options}
                  placeholder="Search projects"
                  // The server searches (Jira's project search), so react-select must not filter again.
                  filterOption={null}
                  onInputChange={(text, meta) => {
                    if (meta.action === 'input-change') setProjectQuery(text);
                  }}
                  value={projects.options.find((o) => o.value === projectKey) ?? (projectKey ? { value: projectKey, label: projectKey } : null)}
                  onChange={(option) => {
                    setProjectKey(option?.value ?? '');
                    setIssueTypeId('');
                    setEpicKey('');
                    setAssignee('');
                  }}
                />
              )}
            </Field>
            <Field name="issueType" label="Issue type" isRequired isDisabled={!projectKey}>
              {({ fieldProps }) => (
                <Select<Option>
                  inputId={fieldProps.id}
                  menuPosition="fixed"
                  isDisabled={!projectKey}
                  options={types.options}
                  placeholder={projectKey ? 'Choose an issue type' : 'Choose a project first'}
                  value={types.options.find((o) => o.value === issueTypeId) ?? null}
                  onChange={(option) => setIssueTypeId(option?.value ?? '')}
                />
              )}
            </Field>
            <Field name="epic" label="Epic" isDisabled={!projectKey}>
              {({ fieldProps }) => (
                <Select<Option>
                  inputId={fieldProps.id}
                  menuPosition="fixed"
                  isDisabled={!projectKey}
                  isClearable
                  options={epics.options}
                  // No epic is the explicit default, shown as "None".
                  placeholder="None"
                  filterOption={null}
                  onInputChange={(text, meta) => {
                    if (meta.action === 'input-change') setEpicQuery(text);
                  }}
                  value={epics.options.find((o) => o.value === epicKey) ?? (epicKey ? { value: epicKey, label: epicKey } : null)}
                  onChange={(option) => setEpicKey(option?.value ?? '')}
                />
              )}
            </Field>
            <Field name="assignee" label="Assignee" isDisabled={!projectKey}>
              {({ fieldProps }) => (
                <Select<Option>
                  inputId={fieldProps.id}
                  menuPosition="fixed"
                  isDisabled={!projectKey}
                  isClearable
                  options={users.options}
                  placeholder="Unassigned"
                  filterOption={null}
                  onInputChange={(text, meta) => {
                    if (meta.action === 'input-change') setAssigneeQuery(text);
                  }}
                  value={users.options.find((o) => o.value === assignee) ?? null}
                  onChange={(option) => setAssignee(option?.value ?? '')}
                />
              )}
            </Field>
            {[projects.error, types.error, epics.error, users.error].filter(Boolean).map((message) => (
              <p key={message} role="alert">{message}</p>
            ))}
            {missing.length > 0 && (
              <SectionMessage appearance="warning" title="Required fields the app cannot fill">
                <p>
                  This project and issue type require {missing.join(', ')}. A Jira admin can fill{' '}
                  {missing.length === 1 ? 'it' : 'them'} from finding data or a fixed value in{' '}
                  <strong>Jira settings → Apps → ZeroPath for Jira → Custom fields</strong>; until then, choose another
                  issue type or project.
                </p>
              </SectionMessage>
            )}
            {notes.map((note) => <p key={note}>{note}</p>)}
            {closedCount > 0 && (
              <SectionMessage appearance="information" title="Already closed in ZeroPath">
                <p>
                  {closedCount === findingIds.length
                    ? `${closedCount === 1 ? 'This finding is' : `All ${closedCount} findings are`} already resolved, a false positive, not exploitable or an accepted risk in ZeroPath, so ${closedCount === 1 ? 'it is' : 'they are'} skipped.`
                    : `${closedCount} of the ${findingIds.length} selected findings are already resolved, a false positive, not exploitable or an accepted risk in ZeroPath, so they are skipped.`}
                </p>
                <Checkbox
                  name="export-closed"
                  isChecked={exportClosed}
                  onChange={(e) => setExportClosed(e.target.checked)}
                  label="Also export closed findings, and move their issues to the matching done status"
                />
              </SectionMessage>
            )}
              </form>
            )}
          </Form>
        )}
        {stage.kind === 'single' && (
          <SectionMessage appearance="success" title={stage.outcome === 'created' ? 'Issue created' : 'Already in Jira'}>
            <p>
              <a href={`/browse/${stage.issueKey}`} onClick={(e) => { e.preventDefault(); openIssue(stage.issueKey); }}>
                {stage.issueKey}
              </a>
            </p>
            {stage.notes.map((note) => <p key={note}>{note}</p>)}
          </SectionMessage>
        )}
        {stage.kind === 'bulk' && (
          <BulkProgress job={stage.job} notes={stage.notes} total={findingIds.length} titles={titles} />
        )}
      </ModalBody>
      <ModalFooter>
        <Button appearance="subtle" onClick={close}>
          {running ? 'Continue in background' : 'Close'}
        </Button>
        {(stage.kind === 'form' || stage.kind === 'working') && (
          <Button appearance="primary" type="submit" form="zp-export-form" isDisabled={!canExport}>
            Export
          </Button>
        )}
      </ModalFooter>
    </Modal>
  );
}

function BulkProgress({
  job,
  notes,
  total,
  titles,
}: {
  job: ExportJobView | undefined;
  notes: string[];
  total: number;
  titles: ReadonlyMap<string, string>;
}) {
  /** A finding by its title (what people recognise), its id kept for searching ZeroPath. */
  const named = (id: string) => `“${titles.get(id) ?? id}”`;
  const processed = job?.processed ?? 0;
  return (
    <div>
      <p role="status">
        {`${job?.state === 'done' ? 'Export finished' : 'Exporting'}: ${processed} of ${total} processed — ${job?.exported.length ?? 0} exported, ${job?.skipped.length ?? 0} skipped, ${job?.failed.length ?? 0} failed`}
      </p>
      {[...notes, ...(job?.notes ?? [])].filter((n, i, all) => all.indexOf(n) === i).map((note) => <p key={note}>{note}</p>)}
      {job && job.state === 'done' && (
        <ul aria-label="Export summary">
          {job.exported.map((e) => (
            <li key={e.findingId}>
              <a href={`/browse/${e.issueKey}`} onClick={(ev) => { ev.preventDefault(); openIssue(e.issueKey); }}>{e.issueKey}</a>
              {` ${named(e.findingId)} exported`}
            </li>
          ))}
          {job.skipped.map((s) => (
            <li key={s.findingId}>
              {s.issueKey !== undefined && (
                <>
                  <a href={`/browse/${s.issueKey}`} onClick={(ev) => { ev.preventDefault(); openIssue(s.issueKey ?? ''); }}>{s.issueKey}</a>{' '}
                </>
              )}
              {`${named(s.findingId)} skipped: ${s.reason}`}
            </li>
          ))}
          {job.failed.map((f) => <li key={f.findingId}>{`${named(f.findingId)} failed: ${f.reason}`}</li>)}
        </ul>
      )}
    </div>
  );
}
