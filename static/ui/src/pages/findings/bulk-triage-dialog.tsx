import Button from '@atlaskit/button/new';
import Form, { ErrorMessage, Field } from '@atlaskit/form';
import Select from '@atlaskit/select';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import SectionMessage from '@atlaskit/section-message';
import Textfield from '@atlaskit/textfield';
import { useState } from 'react';
import { type AppError } from '../../../../../src/contract/result';
import {
  bulkTriageEndpoint,
  bulkTriagePayloadSchema,
  TRIAGE_OUTCOMES,
  type BulkTriageSummary,
  type TriageOutcomeName,
} from '../../../../../src/contract/triage';
import { callEndpoint } from '../../bridge/call-endpoint';

const OUTCOME_LABELS: Record<TriageOutcomeName, string> = {
  resolved: 'Resolved',
  false_positive: 'False positive',
  accepted_risk: 'Accepted risk',
};

export interface BulkTriageDialogProps {
  /** The selected findings; the findings page disables the action when nothing is selected. */
  findingIds: readonly string[];
  onClose: () => void;
  /** After a run, so the page can reload its rows (statuses and Jira keys changed). */
  onDone?: (summary: BulkTriageSummary) => void;
}

type Phase =
  | { kind: 'editing' }
  | { kind: 'running' }
  | { kind: 'done'; summary: BulkTriageSummary }
  | { kind: 'failed'; error: AppError };

/**
 * Select → outcome + reason → ZeroPath updated and every linked Jira issue moved. The summary
 * lists each failure with its reason, because a partial success must never look like a full one.
 */
export function BulkTriageDialog({ findingIds, onClose, onDone }: BulkTriageDialogProps) {
  const [outcome, setOutcome] = useState<TriageOutcomeName>('resolved');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [phase, setPhase] = useState<Phase>({ kind: 'editing' });

  async function run() {
    const payload = { findingIds: [...findingIds], outcome, reason };
    const checked = bulkTriagePayloadSchema.safeParse(payload);
    if (!checked.success) {
      setErrors(
        Object.fromEntries(checked.error.issues.map((i) => [String(i.path[0] ?? 'form'), i.message])),
      );
      return;
    }
    setErrors({});
    setPhase({ kind: 'running' });
    const result = await callEndpoint(bulkTriageEndpoint, checked.data);
    if (!result.ok) {
      setErrors(result.error.fieldErrors ?? {});
      setPhase({ kind: 'failed', error: result.error });
      return;
    }
    setPhase({ kind: 'done', summary: result.value });
    onDone?.(result.value);
  }

  const count = findingIds.length;
  return (
    <Modal onClose={onClose} label="Triage selected findings">
      <ModalHeader>
        <ModalTitle>
          Triage {count} finding{count === 1 ? '' : 's'}
        </ModalTitle>
      </ModalHeader>
      <ModalBody>
        {phase.kind === 'done' ? (
          <TriageSummary summary={phase.summary} />
        ) : (
          <Form onSubmit={() => void run()}>
            {({ formProps }) => (
              <form {...formProps} aria-label="Bulk triage">
                {phase.kind === 'failed' && (
                  <SectionMessage appearance="error" title="Nothing was triaged">
                    <p>{phase.error.message}</p>
                  </SectionMessage>
                )}
                {/* Atlaskit Fields: each label above its control and bound to it. */}
                <Field name="outcome" label="New status in ZeroPath" isDisabled={phase.kind === 'running'}>
                  {({ fieldProps }) => (
                    <Select<{ label: string; value: TriageOutcomeName }>
                      inputId={fieldProps.id}
                  // Inside a modal the menu must float above the dialog's scrolling body, not be clipped by it.
                  menuPosition="fixed"
                      isDisabled={phase.kind === 'running'}
                      options={TRIAGE_OUTCOMES.map((value) => ({ value, label: OUTCOME_LABELS[value] }))}
                      value={{ value: outcome, label: OUTCOME_LABELS[outcome] }}
                      onChange={(option) => {
                        if (option) setOutcome(option.value);
                      }}
                    />
                  )}
                </Field>
                {errors['outcome'] && <ErrorMessage>{errors['outcome']}</ErrorMessage>}
                <Field
                  name="reason"
                  label="Reason (sent to ZeroPath and written on each linked Jira issue)"
                  isDisabled={phase.kind === 'running'}
                >
                  {({ fieldProps }) => (
                    <Textfield
                      id={fieldProps.id}
                      value={reason}
                      onChange={(event) => setReason(event.currentTarget.value)}
                      isDisabled={phase.kind === 'running'}
                    />
                  )}
                </Field>
                {errors['reason'] && <ErrorMessage>{errors['reason']}</ErrorMessage>}
                {errors['findingIds'] && <ErrorMessage>{errors['findingIds']}</ErrorMessage>}
                <p>
                  Linked Jira issues move with their workflow&apos;s own transitions; issues that cannot are
                  listed afterwards.
                </p>
              </form>
            )}
          </Form>
        )}
      </ModalBody>
      <ModalFooter>
        {phase.kind === 'done' ? (
          <Button appearance="primary" onClick={onClose}>
            Close
          </Button>
        ) : (
          <>
            <Button appearance="subtle" onClick={onClose} isDisabled={phase.kind === 'running'}>
              Cancel
            </Button>
            <Button appearance="primary" onClick={() => void run()} isDisabled={phase.kind === 'running'}>
              {phase.kind === 'running' ? 'Triaging…' : `Triage ${count}`}
            </Button>
          </>
        )}
      </ModalFooter>
    </Modal>
  );
}

function TriageSummary({ summary }: { summary: BulkTriageSummary }) {
  const failed = summary.failures.length;
  return (
    <div>
      <SectionMessage
        appearance={failed === 0 ? 'success' : 'warning'}
        title={failed === 0 ? 'All findings triaged' : `${failed} of ${summary.requested} did not go through`}
      >
        <ul aria-label="Triage summary">
          <li>Updated in ZeroPath: {summary.zeropathUpdated}</li>
          <li>Jira issues moved: {summary.jiraTransitioned}</li>
          {summary.jiraAlreadyThere > 0 && (
            <li>Jira issues already in a fitting status: {summary.jiraAlreadyThere}</li>
          )}
          {summary.notLinked > 0 && <li>Not linked to a Jira issue: {summary.notLinked}</li>}
        </ul>
      </SectionMessage>
      {failed > 0 && (
        <table aria-label="Failures">
          <thead>
            <tr>
              <th scope="col">Finding</th>
              <th scope="col">Jira issue</th>
              <th scope="col">Where</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {summary.failures.map((failure) => (
              <tr key={`${failure.findingId}:${failure.stage}`}>
                <td>{failure.findingId}</td>
                <td>{failure.issueKey ?? '—'}</td>
                <td>
                  {failure.stage === 'zeropath'
                    ? 'ZeroPath (not updated)'
                    : 'Jira (ZeroPath updated, issue not moved)'}
                </td>
                <td>{failure.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
