import SectionMessage from '@atlaskit/section-message';
import { type z } from 'zod';
import { type autoTicketEndpoints } from '../../../../../../src/contract/auto-ticket';
import { AdfView } from './adf-view';

export type DryRun = z.output<typeof autoTicketEndpoints.dryRun.response>;

/**
 * What a rule would do now: how many tickets, how many per project, how many wait for the daily
 * cap, what to fix, and one sample ticket as it would read in Jira.
 */
export function DryRunResult({ result }: { result: DryRun | string | undefined }) {
  if (result === undefined) return null;
  if (typeof result === 'string') {
    return (
      <SectionMessage appearance="error" title="Dry run failed">
        <p>{result}</p>
      </SectionMessage>
    );
  }
  const plural = (n: number) => `${n} ticket${n === 1 ? '' : 's'}`;
  return (
    <SectionMessage appearance="information" title={`Would create ${plural(result.count)} now`}>
      {result.byProject.length > 0 && (
        <ul aria-label="Tickets per project">
          {result.byProject.map((p) => (
            <li key={p.projectKey}>{`${plural(p.count)} in ${p.projectKey}`}</li>
          ))}
        </ul>
      )}
      {result.count === 0 && result.heldByCap === 0 && (
        <p>No finding changed since the last run matches this rule now.</p>
      )}
      {result.heldByCap > 0 && <p>{result.heldByCap} more wait for the daily cap.</p>}
      {result.warnings.map((warning) => (
        <p key={warning}>{warning}</p>
      ))}
      {result.sample !== undefined && (
        <figure aria-label="Sample ticket">
          <figcaption>Sample ticket (finding {result.sample.findingId})</figcaption>
          <p>
            <strong>{result.sample.summary}</strong>
          </p>
          <AdfView doc={result.sample.description} label="Sample ticket description" />
        </figure>
      )}
    </SectionMessage>
  );
}
