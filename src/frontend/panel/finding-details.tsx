import React, { useState } from 'react';
import { Button, CodeBlock, Heading, Inline, Link, Lozenge, SectionMessage, Stack, Text, User } from '@forge/react';
import { type LinkedPanelView } from '../../contract/panel';
import {
  actionLabel,
  DECISION_LABEL,
  formatAge,
  SEVERITY_APPEARANCE,
  STATUS_APPEARANCE,
  STATUS_LABEL,
} from './panel-format';

// The server sends ADF code-block language names, which the UI Kit code block also understands.
type CodeLanguage = NonNullable<React.ComponentProps<typeof CodeBlock>['language']>;

/** Entries shown before "Show all": enough to see the latest decision without a wall of history. */
export const AUDIT_PREVIEW = 5;

interface Props {
  view: LinkedPanelView;
  refreshing: boolean;
  now: Date;
}

export function FindingDetails({ view, refreshing, now }: Props) {
  const { finding } = view;
  const [showAllAudit, setShowAllAudit] = useState(false);
  const newestFirst = [...view.audit].reverse();
  const audit = showAllAudit ? newestFirst : newestFirst.slice(0, AUDIT_PREVIEW);
  return (
    <Stack space="space.150">
      <Heading as="h3">{finding.title}</Heading>
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <Lozenge appearance={SEVERITY_APPEARANCE[finding.severity]} isBold testId="severity">
          {`${finding.severity} · ${finding.score}`}
        </Lozenge>
        <Lozenge appearance={STATUS_APPEARANCE[finding.status]} testId="status">
          {STATUS_LABEL[finding.status]}
        </Lozenge>
        <Text testId="snapshot-age">
          {refreshing
            ? `Synced ${formatAge(view.snapshotAt, now)} · refreshing from ZeroPath…`
            : `Synced from ZeroPath ${formatAge(view.snapshotAt, now)}`}
        </Text>
      </Inline>
      {view.sla ? (
        <Text testId="sla">
          {view.sla.overdue
            ? `SLA overdue: was due ${view.sla.dueDate} (${-view.sla.daysLeft} days ago)`
            : `SLA due ${view.sla.dueDate} (${view.sla.daysLeft === 0 ? 'today' : `in ${view.sla.daysLeft} days`})`}
        </Text>
      ) : null}
      {view.acceptedRisk ? (
        <Text testId="accepted-until">
          {view.acceptedRisk.daysLeft > 0
            ? `Risk accepted until ${view.acceptedRisk.until} (${view.acceptedRisk.daysLeft === 1 ? '1 day' : `${view.acceptedRisk.daysLeft} days`} left); the finding reopens then`
            : `Risk acceptance expired on ${view.acceptedRisk.until}; the finding reopens at the next sync`}
        </Text>
      ) : null}
      <Stack space="space.050">
        {finding.cvss?.score !== undefined ? (
          <Text testId="cvss">{`CVSS ${finding.cvss.score}${finding.cvss.vector ? ` (${finding.cvss.vector})` : ''}`}</Text>
        ) : null}
        {finding.vulnClass ? <Text testId="vuln-class">{`Vulnerability: ${finding.vulnClass}`}</Text> : null}
        {finding.cwes.length > 0 ? (
          <Inline space="space.100" testId="cwes">
            {finding.cwes.map((cwe) =>
              cwe.url ? (
                <Link key={cwe.id} href={cwe.url} openNewTab>
                  {cwe.id}
                </Link>
              ) : (
                <Text key={cwe.id}>{cwe.id}</Text>
              ),
            )}
          </Inline>
        ) : null}
        <Inline space="space.100" testId="location">
          {finding.repository.url ? (
            <Link href={finding.repository.url} openNewTab>
              {finding.repository.name}
            </Link>
          ) : (
            <Text>{finding.repository.name}</Text>
          )}
          {finding.location.file ? (
            <Text>{`${finding.location.file}${finding.location.lines ? `, ${finding.location.lines}` : ''}`}</Text>
          ) : null}
        </Inline>
      </Stack>
      {finding.code ? <CodeBlock text={finding.code.snippet} language={finding.code.language as CodeLanguage} showLineNumbers={false} /> : null}
      {finding.patch ? (
        <Inline space="space.100" testId="patch">
          <Text>Fix:</Text>
          {finding.patch.url ? (
            <Link href={finding.patch.url} openNewTab>
              {finding.patch.title ?? 'Pull request'}
            </Link>
          ) : (
            <Text>{finding.patch.title ?? 'Patch available'}</Text>
          )}
          {finding.patch.state ? <Lozenge>{finding.patch.state}</Lozenge> : null}
        </Inline>
      ) : null}
      {finding.url ? (
        <Link href={finding.url} openNewTab>
          Open in ZeroPath
        </Link>
      ) : null}
      {view.lastClosure ? (
        <SectionMessage appearance="information" title={`Last closure: ${DECISION_LABEL[view.lastClosure.decision] ?? view.lastClosure.decision}`}>
          <Text testId="closure-explanation">{view.lastClosure.explanation}</Text>
          {view.lastClosure.evidence ? <Text testId="closure-evidence">{`Evidence: “${view.lastClosure.evidence}”`}</Text> : null}
          {view.lastClosure.resolution ? <Text>{`Jira resolution: ${view.lastClosure.resolution}`}</Text> : null}
        </SectionMessage>
      ) : null}
      <Stack space="space.050" testId="audit">
        <Heading as="h4">History</Heading>
        {audit.length === 0 ? <Text>No changes recorded yet.</Text> : null}
        {audit.map((entry, index) => (
          <Inline key={`${entry.at}-${index}`} space="space.050" alignBlock="center" shouldWrap>
            {entry.actorAccountId ? <User accountId={entry.actorAccountId} /> : <Text>{entry.actorLabel}</Text>}
            <Text>
              {`${actionLabel(entry.action)}${entry.from && entry.to ? ` (${entry.from} → ${entry.to})` : ''}${
                entry.detail ? `: ${entry.detail}` : ''
              } · ${formatAge(entry.at, now)}`}
            </Text>
          </Inline>
        ))}
        {newestFirst.length > AUDIT_PREVIEW ? (
          <Button appearance="subtle" onClick={() => setShowAllAudit(!showAllAudit)}>
            {showAllAudit ? 'Show fewer' : `Show all ${newestFirst.length}`}
          </Button>
        ) : null}
      </Stack>
    </Stack>
  );
}
