import { Inline } from '@atlaskit/primitives';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { type AppError } from '../../../../../src/contract/result';

export function Loading({ what }: { what: string }) {
  return (
    <div role="status" aria-live="polite">
      <Inline space="space.100" alignBlock="center">
        <Spinner size="medium" label={`Loading ${what}`} />
        <span className="zp-muted">Loading {what}…</span>
      </Inline>
    </div>
  );
}

export function LoadError({ error, onRetry }: { error: AppError; onRetry: () => void }) {
  return (
    <SectionMessage
      appearance="error"
      title="Could not load this section"
      actions={<SectionMessageAction onClick={onRetry}>Try again</SectionMessageAction>}
    >
      <p>{error.message}</p>
    </SectionMessage>
  );
}

/** The outcome of the last action in a section (success or the server's message). */
export type Notice = { appearance: 'success' | 'error' | 'warning'; title: string; text: string } | undefined;

export function NoticeMessage({ notice }: { notice: Notice }) {
  if (notice === undefined) return null;
  return (
    <SectionMessage appearance={notice.appearance} title={notice.title}>
      <p>{notice.text}</p>
    </SectionMessage>
  );
}
