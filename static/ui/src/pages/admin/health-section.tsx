import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { adminEndpoints, type HealthView } from '../../../../../src/contract/admin';
import { callEndpoint } from '../../bridge/call-endpoint';
import Heading from '@atlaskit/heading';
import { Stack } from '@atlaskit/primitives';
import { Actions, EmptyState, SectionCard } from '../../ui-kit/layout';
import { LoadError, Loading } from './section-states';
import { useLoad } from './use-load';
import { ZeroPathSupportList } from './shared/zeropath-support';
import { HealthOrphans } from './health-orphans';

const when = (iso: string | undefined) => (iso === undefined ? 'never' : new Date(iso).toLocaleString());

/** One line on Jira's hourly points quota; Jira reports the exact figure only below 20 %. */
function jiraQuotaText(quota: NonNullable<HealthView['jiraQuota']>): string {
  if (quota.unavailable !== undefined) return `Jira quota unknown: ${quota.unavailable}`;
  const pool = quota.limit === undefined ? 'the hourly quota' : `the hourly quota of ${quota.limit.toLocaleString()} points`;
  if (quota.remaining === undefined) return `More than 20 % of ${pool} is left.`;
  const resets = quota.resetsAt === undefined ? '' : ` It resets at ${new Date(quota.resetsAt).toLocaleTimeString()}; background work waits for it.`;
  return `${quota.remaining.toLocaleString()} points left of ${pool}.${resets}`;
}

function StatusLozenge({ kind }: { kind: HealthView['kinds'][number] }) {
  if (kind.lastRunAt === undefined) return <Lozenge>Not run yet</Lozenge>;
  if (kind.lastError !== undefined && kind.lastError.at === kind.lastRunAt)
    return <Lozenge appearance="removed">Failing</Lozenge>;
  return <Lozenge appearance="success">OK</Lozenge>;
}

export function HealthSection() {
  const [state, reload] = useLoad(() => callEndpoint(adminEndpoints.getHealth, {}));
  return (
    <SectionCard
      headingId="zp-health-heading"
      title="Health"
      description="Background work the app does for you: Jira events, jobs and scheduled sweeps."
    >
      {state.status === 'loading' && <Loading what="health" />}
      {state.status === 'error' && <LoadError error={state.error} onRetry={reload} />}
      {state.status === 'ready' && (
        <Stack space="space.200">
          {state.value.kinds.every((k) => k.lastRunAt === undefined) && (
            <EmptyState title="Nothing has run yet">
              <p>
                No background work has run yet. Entries appear here once Jira events, jobs or scheduled sweeps
                run.
              </p>
            </EmptyState>
          )}
          {state.value.jiraQuota !== undefined && (
            <p aria-label="Jira rate limit">
              {state.value.jiraQuota.nearLimit && <Lozenge appearance="moved">Near the Jira limit</Lozenge>}{' '}
              {jiraQuotaText(state.value.jiraQuota)}
            </p>
          )}
          <DynamicTable
            caption="Background work"
            head={{
              cells: [
                { key: 'kind', content: 'Work' },
                { key: 'status', content: 'Status' },
                { key: 'last', content: 'Last run' },
                { key: 'ok', content: 'Last success' },
                { key: 'limits', content: '429s in the last hour (Jira / ZeroPath / storage)' },
                { key: 'jobs', content: 'Jobs in flight' },
              ],
            }}
            rows={state.value.kinds.map((kind) => ({
              key: kind.kind,
              cells: [
                { key: 'kind', content: kind.label },
                { key: 'status', content: <StatusLozenge kind={kind} /> },
                { key: 'last', content: when(kind.lastRunAt) },
                { key: 'ok', content: when(kind.lastOkAt) },
                {
                  key: 'limits',
                  content: `${kind.rateLimitsLastHour.jira} / ${kind.rateLimitsLastHour.zeropath} / ${kind.rateLimitsLastHour.kvs}`,
                },
                { key: 'jobs', content: String(kind.jobsInFlight) },
              ],
            }))}
          />
          {state.value.zeropath !== undefined && (
            <>
              <Heading size="small" as="h3">
                What the connected ZeroPath supports
              </Heading>
              <ZeroPathSupportList support={state.value.zeropath} />
            </>
          )}
          {state.value.ordering.map((check) => (
            <SectionMessage
              key={check.job}
              appearance={check.honoured ? 'success' : 'warning'}
              title={check.honoured ? 'Changes read in order' : 'ZeroPath ignored the sort order'}
            >
              <p>
                {check.detail} (checked {when(check.checkedAt)})
              </p>
            </SectionMessage>
          ))}
          <Heading size="small" as="h3">
            Recent errors
          </Heading>
          {state.value.recentErrors.length === 0 ? (
            <p className="zp-muted">No errors recorded.</p>
          ) : (
            <ul aria-label="Recent errors">
              {state.value.recentErrors.map((error) => (
                <li key={`${error.kind}-${error.at}`}>
                  {when(error.at)} —{' '}
                  {state.value.kinds.find((k) => k.kind === error.kind)?.label ?? error.kind}: {error.message}
                </li>
              ))}
            </ul>
          )}
          <Actions>
            <Button onClick={reload}>Refresh</Button>
          </Actions>
          <HealthOrphans />
        </Stack>
      )}
    </SectionCard>
  );
}
