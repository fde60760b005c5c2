import React, { useEffect, useState } from 'react';
import { Heading, Link, SectionMessage, Spinner, Stack, Text } from '@forge/react';
import { panelEndpoints, type RelatedDocsView } from '../../contract/panel';
import { callEndpoint } from './call-endpoint';

type State =
  { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; view: RelatedDocsView };

/**
 * "Related security docs": Confluence pages about the finding's CWE, class or repository, searched
 * on the server as the person viewing the issue, so only pages they may open are listed. Renders
 * nothing while Confluence access is off.
 */
export function RelatedDocs() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    void callEndpoint(panelEndpoints.relatedDocs, {}).then((result) => {
      if (!live) return;
      setState(
        result.ok ? { kind: 'ready', view: result.value } : { kind: 'error', message: result.error.message },
      );
    });
    return () => {
      live = false;
    };
  }, []);

  if (state.kind === 'loading') return <Spinner label="Loading related security docs" size="small" />;
  if (state.kind === 'error') {
    return (
      <SectionMessage appearance="warning" title="Related security docs could not be loaded">
        <Text>{state.message}</Text>
      </SectionMessage>
    );
  }
  const { view } = state;
  if (view.state === 'off' || view.state === 'not_linked' || view.state === 'nothing_to_search') return null;
  if (view.state === 'not_connected') {
    return (
      <SectionMessage appearance="information" title="Related security docs">
        <Text>
          Confluence is not connected to ZeroPath for Jira on this site. A Jira admin can see how to connect
          it on the app’s admin page.
        </Text>
      </SectionMessage>
    );
  }
  return (
    <Stack space="space.100">
      <Heading size="small">Related security docs</Heading>
      {view.docs.length === 0 ? <Text>No related pages you can open in Confluence.</Text> : null}
      {view.docs.map((doc) => (
        <Text key={doc.url}>
          <Link href={doc.url} openNewTab>
            {doc.title}
          </Link>
          {doc.space === undefined ? '' : ` · ${doc.space}`}
        </Text>
      ))}
      {view.searchUrl === undefined ? null : (
        <Link href={view.searchUrl} openNewTab>
          Search Confluence for more
        </Link>
      )}
    </Stack>
  );
}
