import { useState } from 'react';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Heading from '@atlaskit/heading';
import { Stack } from '@atlaskit/primitives';
import {
  orphanEndpoints,
  type AdoptOrphanPayload,
  type AdoptOrphanResult,
  type OrphanListView,
} from '../../../../../src/contract/orphans';
import { type AppError } from '../../../../../src/contract/result';
import { callEndpoint } from '../../bridge/call-endpoint';
import { Actions } from '../../ui-kit/layout';
import { LoadError, Loading, NoticeMessage, type Notice } from './section-states';

type ListState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; error: AppError }
  | { status: 'ready'; value: OrphanListView };

function resultNotice(result: AdoptOrphanResult): Notice {
  const notes = result.notes.length > 0 ? ` ${result.notes.join(' ')}` : '';
  switch (result.outcome) {
    case 'adopted':
      return { appearance: 'success', title: 'Linked', text: `${result.issueKey ?? ''} is now linked to its finding and syncs.${notes}` };
    case 'already_linked':
      return { appearance: 'success', title: 'Already linked', text: `${result.issueKey ?? ''} was already linked; nothing changed.${notes}` };
    case 'link_removed':
      return { appearance: 'success', title: 'Link removed', text: `The link to ${result.issueKey ?? 'the deleted issue'} was removed.${notes}` };
    case 'not_orphaned':
      return { appearance: 'warning', title: 'Nothing to do', text: `Nothing was changed.${notes}` };
  }
}

/**
 * Health's orphans: issues an export created whose link was never stored, and links whose issue is
 * gone. Checked on request (the check searches Jira and reads every stored link, up to a bound),
 * each with one button; the server checks the caller is a Jira admin and the action is idempotent.
 */
export function HealthOrphans() {
  const [list, setList] = useState<ListState>({ status: 'idle' });
  const [busy, setBusy] = useState<string | undefined>();
  const [notice, setNotice] = useState<Notice>();

  const check = async () => {
    setList({ status: 'loading' });
    const result = await callEndpoint(orphanEndpoints.list, {});
    setList(result.ok ? { status: 'ready', value: result.value } : { status: 'error', error: result.error });
  };

  const act = async (id: string, payload: AdoptOrphanPayload) => {
    setBusy(id);
    setNotice(undefined);
    const result = await callEndpoint(orphanEndpoints.adopt, payload);
    setBusy(undefined);
    setNotice(result.ok ? resultNotice(result.value) : { appearance: 'error', title: 'Not linked', text: result.error.message });
    if (result.ok) await check();
  };

  return (
    <Stack space="space.100">
      <Heading size="small" as="h3">
        Issues without their link
      </Heading>
      <p className="zp-muted">
        An issue the app created whose link to its finding was never stored does not sync. The status sweep links
        such issues by itself; here you can find and link them at once.
      </p>
      <NoticeMessage notice={notice} />
      {list.status === 'loading' && <Loading what="unlinked issues" />}
      {list.status === 'error' && <LoadError error={list.error} onRetry={() => void check()} />}
      {list.status === 'ready' && (
        <>
          {list.value.unlinkedIssues.length === 0 && list.value.danglingLinks.length === 0 ? (
            <p>
              No unlinked issues found ({list.value.scanned.issues} issues and {list.value.scanned.links} links checked).
            </p>
          ) : (
            <DynamicTable
              caption="Unlinked issues and broken links"
              head={{
                cells: [
                  { key: 'what', content: 'Problem' },
                  { key: 'issue', content: 'Issue' },
                  { key: 'finding', content: 'Finding' },
                  { key: 'action', content: 'Action' },
                ],
              }}
              rows={[
                ...list.value.unlinkedIssues.map((orphan) => ({
                  key: `issue-${orphan.issueId}`,
                  cells: [
                    {
                      key: 'what',
                      content:
                        orphan.linkedTo === undefined
                          ? 'Created by an export, not linked'
                          : `Second issue: the finding is linked to ${orphan.linkedTo}`,
                    },
                    { key: 'issue', content: orphan.summary === undefined ? orphan.issueKey : `${orphan.issueKey} — ${orphan.summary}` },
                    { key: 'finding', content: orphan.findingId },
                    {
                      key: 'action',
                      content:
                        orphan.linkedTo === undefined ? (
                          <Button
                            isDisabled={busy !== undefined}
                            onClick={() => void act(`issue-${orphan.issueId}`, { kind: 'issue', issueId: orphan.issueId })}
                          >
                            {`Adopt ${orphan.issueKey}`}
                          </Button>
                        ) : (
                          `Delete ${orphan.issueKey} in Jira`
                        ),
                    },
                  ],
                })),
                ...list.value.danglingLinks.map((dangling) => ({
                  key: `link-${dangling.findingId}`,
                  cells: [
                    { key: 'what', content: 'Linked issue no longer exists' },
                    { key: 'issue', content: dangling.issueKey },
                    { key: 'finding', content: dangling.findingId },
                    {
                      key: 'action',
                      content: (
                        <Button
                          isDisabled={busy !== undefined}
                          onClick={() => void act(`link-${dangling.findingId}`, { kind: 'link', findingId: dangling.findingId })}
                        >
                          {`Repair link of ${dangling.issueKey}`}
                        </Button>
                      ),
                    },
                  ],
                })),
              ]}
            />
          )}
          {!list.value.scanned.complete && (
            <p className="zp-muted">Only the newest issues and the first links were checked; check again after fixing these.</p>
          )}
        </>
      )}
      <Actions>
        <Button onClick={() => void check()} isDisabled={list.status === 'loading' || busy !== undefined}>
          {list.status === 'idle' ? 'Find unlinked issues' : 'Check again'}
        </Button>
      </Actions>
    </Stack>
  );
}
