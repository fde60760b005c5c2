import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import { useEffect, useRef, useState } from 'react';
import { type z } from 'zod';
import { exportHistoryEndpoint, exportJobStatusEndpoint, type ExportJobView } from '../../../../../src/contract/findings';
import { callEndpoint } from '../../bridge/call-endpoint';

type HistoryRow = z.output<typeof exportHistoryEndpoint.response>['jobs'][number];

async function loadHistory() {
  const r = await callEndpoint(exportHistoryEndpoint, {});
  return r.ok ? r.value : { error: r.error.message };
}

/** Recent bulk exports (the app keeps each a week): when, where, by whom, and how each ended. */
export function ExportHistoryDialog({ onClose }: { onClose: () => void }) {
  const [state, setState] = useState<{ jobs: HistoryRow[] } | { error: string } | undefined>(undefined);
  useEffect(() => {
    void loadHistory().then(setState);
  }, []);
  return (
    <Modal onClose={onClose} width="large">
      <ModalHeader>
        <ModalTitle>Export history</ModalTitle>
      </ModalHeader>
      <ModalBody>
        {state !== undefined && 'error' in state && (
          <SectionMessage appearance="error" title="Could not load the history">
            <p>{state.error}</p>
          </SectionMessage>
        )}
        <DynamicTable
          caption="Bulk exports of the last 7 days, newest first"
          isLoading={state === undefined}
          emptyView={<p>No bulk exports in the last 7 days.</p>}
          head={{
            cells: ['Started', 'Project', 'Findings', 'Exported', 'Skipped', 'Failed', 'State'].map((content) => ({
              key: content,
              content,
            })),
          }}
          rows={(state !== undefined && 'jobs' in state ? state.jobs : []).map((job) => ({
            key: job.jobId,
            cells: [
              new Date(job.createdAt).toLocaleString(),
              job.projectKey,
              String(job.total),
              String(job.exported),
              String(job.skipped),
              String(job.failed),
              job.state === 'done' ? 'Finished' : 'Running',
            ].map((content, i) => ({ key: `${job.jobId}-${i}`, content })),
          }))}
        />
      </ModalBody>
      <ModalFooter>
        <Button appearance="subtle" onClick={onClose}>
          Close
        </Button>
      </ModalFooter>
    </Modal>
  );
}

/**
 * Follows a bulk export whose dialog was closed before it ended, and says so when it does, so the
 * page never sits stale: `onFinished` lets the page reload its rows.
 */
export function BackgroundExportNotice({
  jobId,
  pollMs,
  onFinished,
  onDismiss,
}: {
  jobId: string;
  pollMs: number;
  onFinished: () => void;
  onDismiss: () => void;
}) {
  const [job, setJob] = useState<ExportJobView | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    let live = true;
    const poll = () => {
      void callEndpoint(exportJobStatusEndpoint, { jobId }).then((r) => {
        if (!live) return;
        if (!r.ok) {
          setError(r.error.message);
          return;
        }
        setJob(r.value);
        if (r.value.state === 'done') onFinished();
        else timer.current = setTimeout(poll, pollMs);
      });
    };
    poll();
    return () => {
      live = false;
      clearTimeout(timer.current);
    };
    // One watcher per job; the callbacks are the page's and stable enough for this purpose.
  }, [jobId, pollMs]);
  if (error !== undefined) {
    return (
      <SectionMessage appearance="warning" title="Lost track of the export" actions={<SectionMessageAction onClick={onDismiss}>Dismiss</SectionMessageAction>}>
        <p>{error} Open Export history to see how it ended.</p>
      </SectionMessage>
    );
  }
  if (job === undefined || job.state !== 'done') {
    return (
      <SectionMessage appearance="information" title="Export running in the background">
        <p role="status">{`${job?.processed ?? 0} of ${job?.total ?? '…'} processed. You can keep working; this page says when it ends.`}</p>
      </SectionMessage>
    );
  }
  return (
    <SectionMessage
      appearance={job.failed.length > 0 ? 'warning' : 'success'}
      title="Background export finished"
      actions={<SectionMessageAction onClick={onDismiss}>Dismiss</SectionMessageAction>}
    >
      <p role="status">{`${job.exported.length} exported, ${job.skipped.length} skipped, ${job.failed.length} failed of ${job.total}. The list below is up to date.`}</p>
    </SectionMessage>
  );
}
