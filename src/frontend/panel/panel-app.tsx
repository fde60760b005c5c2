import React, { useCallback, useEffect, useRef, useState } from 'react';
import { Button, SectionMessage, Spinner, Stack, Text } from '@forge/react';
import { panelEndpoints, type ActionResult, type PanelView } from '../../contract/panel';
import { callEndpoint } from './call-endpoint';
import { FindingDetails } from './finding-details';
import { LinkFindingForm } from './link-finding-form';
import { RelatedDocs } from './related-docs';
import { TriageActions } from './triage-actions';

type Notice = { appearance: 'success' | 'warning' | 'error'; title: string; lines: string[] };

type PanelState =
  | { kind: 'loading' }
  | { kind: 'forbidden'; message: string }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; view: PanelView; refreshing: boolean; notice?: Notice };

/**
 * The finding panel. It opens with one resolver call answered from the snapshot in KVS, shows it
 * at once, and only then — when the server says the snapshot is stale — asks for a refresh from
 * ZeroPath in the background, keeping the snapshot on screen if that fails.
 */
export function PanelApp({ now = () => new Date() }: { now?: () => Date }) {
  const [state, setState] = useState<PanelState>({ kind: 'loading' });
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const refresh = useCallback(async (manual: boolean) => {
    setState((s) => (s.kind === 'ready' ? { ...s, refreshing: true } : s));
    const result = await callEndpoint(panelEndpoints.refresh, {});
    if (!mounted.current) return;
    setState((s) => {
      if (s.kind !== 'ready') return s;
      if (result.ok) {
        return manual
          ? { kind: 'ready', view: result.value, refreshing: false, notice: { appearance: 'success', title: 'Refreshed from ZeroPath', lines: [] } }
          : { kind: 'ready', view: result.value, refreshing: false };
      }
      return {
        ...s,
        refreshing: false,
        notice: { appearance: 'warning', title: 'Could not refresh from ZeroPath', lines: [result.error.message, 'Showing the last synced snapshot.'] },
      };
    });
  }, []);

  const load = useCallback(async () => {
    setState({ kind: 'loading' });
    const result = await callEndpoint(panelEndpoints.load, {});
    if (!mounted.current) return;
    if (!result.ok) {
      setState(
        result.error.kind === 'forbidden'
          ? { kind: 'forbidden', message: result.error.message }
          : { kind: 'error', message: result.error.message },
      );
      return;
    }
    setState({ kind: 'ready', view: result.value, refreshing: false });
    if (result.value.state === 'linked' && result.value.stale && result.value.connected) await refresh(false);
  }, [refresh]);

  useEffect(() => {
    void load();
  }, [load]);

  const applied = (result: ActionResult) => {
    setState({
      kind: 'ready',
      view: result.view,
      refreshing: false,
      notice: {
        appearance: result.warnings.length > 0 ? 'warning' : 'success',
        title: result.message,
        lines: result.warnings,
      },
    });
  };

  if (state.kind === 'loading') return <Spinner label="Loading the ZeroPath finding" />;
  if (state.kind === 'forbidden') {
    return (
      <SectionMessage appearance="warning" title="No access">
        <Text>{state.message}</Text>
      </SectionMessage>
    );
  }
  if (state.kind === 'error') {
    return (
      <SectionMessage appearance="error" title="The ZeroPath finding could not be loaded">
        <Text>{state.message}</Text>
        <Button onClick={() => void load()}>Try again</Button>
      </SectionMessage>
    );
  }

  const { view, notice, refreshing } = state;
  return (
    <Stack space="space.200">
      {notice ? (
        <SectionMessage appearance={notice.appearance} title={notice.title} testId="notice">
          {notice.lines.map((line) => (
            <Text key={line}>{line}</Text>
          ))}
        </SectionMessage>
      ) : null}
      {view.state === 'not_connected' ? (
        <SectionMessage appearance="information" title="ZeroPath is not connected">
          <Text>
            A Jira admin can connect ZeroPath on the app’s admin page: Jira settings → Apps → ZeroPath for Jira. Until then
            findings cannot be shown or linked here.
          </Text>
        </SectionMessage>
      ) : null}
      {view.state === 'not_linked' ? <LinkFindingForm canEdit={view.canEdit} onLinked={applied} /> : null}
      {view.state === 'linked' ? (
        <>
          {!view.connected ? (
            <SectionMessage appearance="information" title="ZeroPath is disconnected">
              <Text>This is the last synced snapshot. A Jira admin can reconnect ZeroPath on the app’s admin page.</Text>
            </SectionMessage>
          ) : null}
          <FindingDetails view={view} refreshing={refreshing} now={now()} />
          <TriageActions view={view} onDone={applied} onRefresh={() => void refresh(true)} refreshing={refreshing} />
          <RelatedDocs />
        </>
      ) : null}
    </Stack>
  );
}
