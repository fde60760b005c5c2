import React, { useEffect, useState } from 'react';
import {
  DynamicTable,
  Heading,
  Inline,
  Lozenge,
  SectionMessage,
  Spinner,
  Stack,
  Text,
  useConfig,
} from '@forge/react';
import { reportEndpoints, reportScopeSchema, type SecurityReportView } from '../../contract/confluence';
import { callEndpoint } from '../panel/call-endpoint';

type State =
  { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; report: SecurityReportView };

const SEVERITIES = ['Critical', 'High', 'Medium', 'Low', 'Info'] as const;
const LOZENGE = {
  Critical: 'removed',
  High: 'removed',
  Medium: 'moved',
  Low: 'default',
  Info: 'default',
} as const;

/**
 * The living security report macro: asks the server for the configured repository or tag on
 * every view, so each viewer sees today's numbers and only the Jira issues they may open.
 */
export function ReportApp({ config: given }: { config?: unknown }) {
  const fromMacro = useConfig() as unknown;
  const config = given ?? fromMacro;
  const scope = reportScopeSchema.safeParse(pickScope(config));
  const [state, setState] = useState<State>({ kind: 'loading' });
  const scopeKey = JSON.stringify(scope.success ? scope.data : null);
  useEffect(() => {
    if (!scope.success) return undefined;
    let live = true;
    void callEndpoint(reportEndpoints.load, { scope: scope.data }).then((result) => {
      if (!live) return;
      setState(
        result.ok
          ? { kind: 'ready', report: result.value }
          : { kind: 'error', message: result.error.message },
      );
    });
    return () => {
      live = false;
    };
    // Reload only when the configured scope changes (scopeKey is its serialised form).
  }, [scopeKey]);

  if (!scope.success) {
    return (
      <SectionMessage appearance="information" title="ZeroPath security report">
        <Text>Edit the macro and enter a ZeroPath repository or a repository tag.</Text>
      </SectionMessage>
    );
  }
  if (state.kind === 'loading') return <Spinner label="Loading the security report" />;
  if (state.kind === 'error') {
    return (
      <SectionMessage appearance="error" title="The security report could not be loaded">
        <Text>{state.message}</Text>
      </SectionMessage>
    );
  }
  const { report } = state;
  if (report.state === 'off') {
    return (
      <SectionMessage appearance="information" title="ZeroPath security report">
        <Text>
          Confluence access is turned off in ZeroPath for Jira. A Jira admin can turn it on on the app’s admin
          page.
        </Text>
      </SectionMessage>
    );
  }
  if (report.state === 'no_repositories') {
    return (
      <SectionMessage appearance="warning" title="ZeroPath security report">
        <Text>{`${report.scopeLabel}: no such repository in ZeroPath.`}</Text>
      </SectionMessage>
    );
  }
  return (
    <Stack space="space.200">
      <Heading size="medium">{`Security report · ${report.scopeLabel}`}</Heading>
      <Inline space="space.100">
        {SEVERITIES.map((severity) => (
          <Lozenge
            key={severity}
            appearance={LOZENGE[severity]}
          >{`${severity}: ${report.openBySeverity[severity]}`}</Lozenge>
        ))}
      </Inline>
      <Text>{`${report.openTotal} open findings${report.truncated ? ' (first 2,000 read)' : ''} in ${report.repositories} repositories · ${report.slaBreaches} past their SLA`}</Text>
      <Heading size="small">Linked Jira issues</Heading>
      <DynamicTable
        caption="Linked Jira issues you can open"
        head={{
          cells: [
            { key: 'key', content: 'Issue' },
            { key: 'summary', content: 'Summary' },
            { key: 'severity', content: 'Severity' },
            { key: 'status', content: 'Status' },
            { key: 'sla', content: 'SLA' },
          ],
        }}
        rows={report.linkedVisible.map((issue) => ({
          key: issue.key,
          cells: [
            { key: 'key', content: issue.key },
            { key: 'summary', content: issue.summary },
            { key: 'severity', content: issue.severity },
            { key: 'status', content: issue.status },
            {
              key: 'sla',
              content: issue.slaBreached ? `Breached (due ${issue.dueDate ?? ''})` : (issue.dueDate ?? '—'),
            },
          ],
        }))}
        emptyView={<Text>No linked Jira issues you can open.</Text>}
      />
      {report.linkedHidden > 0 ? (
        <Text>{`${report.linkedHidden} more linked issues you do not have access to in Jira.`}</Text>
      ) : null}
      <Text>{`Updated ${report.generatedAt}`}</Text>
    </Stack>
  );
}

function pickScope(config: unknown): unknown {
  if (config === null || typeof config !== 'object') return undefined;
  const { repository, tag } = config as { repository?: unknown; tag?: unknown };
  if (typeof repository === 'string' && repository.trim() !== '') return { repository };
  if (typeof tag === 'string' && tag.trim() !== '') return { tag };
  return undefined;
}
