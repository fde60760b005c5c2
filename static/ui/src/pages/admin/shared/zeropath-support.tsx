import Lozenge from '@atlaskit/lozenge';
import { Stack } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { type ZeroPathSupport } from '../../../../../../src/contract/admin';

const LOZENGE = {
  zeropath: { appearance: 'success', text: 'Supported' },
  fallback: { appearance: 'moved', text: 'Fallback' },
  missing: { appearance: 'removed', text: 'Not available' },
} as const;

/** What the connected ZeroPath supports (from its published manifest) and what each gap means. */
export function ZeroPathSupportList({ support }: { support: ZeroPathSupport }) {
  return (
    <Stack space="space.100">
      {support.manifest === 'unavailable' && (
        <SectionMessage appearance="warning" title="ZeroPath's tool manifest could not be read">
          <p>
            {support.problem ?? 'No reason given.'} The app uses ZeroPath&apos;s V1 actions where one fits and
            skips the rest, as listed below.
          </p>
        </SectionMessage>
      )}
      <ul aria-label="What this ZeroPath supports">
        {support.lines.map((line) => (
          <li key={line.need}>
            <strong>{line.label}</strong>{' '}
            <Lozenge appearance={LOZENGE[line.support].appearance}>{LOZENGE[line.support].text}</Lozenge>{' '}
            {line.detail}
          </li>
        ))}
      </ul>
      <p className="zp-muted">Checked {new Date(support.checkedAt).toLocaleString()}.</p>
    </Stack>
  );
}
