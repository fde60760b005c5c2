import fixture from '../../fixtures/zeropath/v1-issues-search-reference.json';
import { dataFromV1SearchResponse } from './zeropath-fixture-loader';
import { renderV1Status, storedStatusOfV1, V1_STATUSES, V2_STATUSES } from './zeropath-wire';

describe('dataFromV1SearchResponse and the V1↔V2 status mapping', () => {
  it('derives one repository per repositoryId, with the tags asked for', () => {
    const data = dataFromV1SearchResponse(fixture, { tags: { 'acme/infra': ['platform'] } });
    expect(data.repositories.map((r) => [r.repositoryName, r.tags])).toEqual([
      ['acme/payments-api', []],
      ['acme/web-frontend', []],
      ['acme/infra', ['platform']],
    ]);
    expect(data.findings.map((f) => f.v2Status)).toEqual([
      'PENDING_REVIEW',
      'PENDING_REVIEW',
      'PENDING_REVIEW',
      'PENDING_REVIEW',
      'FALSE_POSITIVE',
    ]);
  });

  it('round-trips every V1 status except the documented lossy closed→patched and silenced→archived', () => {
    const roundTrip = Object.fromEntries(V1_STATUSES.map((s) => [s, renderV1Status(storedStatusOfV1(s))]));
    expect(roundTrip).toEqual({
      open: 'open',
      processing: 'processing',
      patched: 'patched',
      closed: 'patched',
      falsePositive: 'falsePositive',
      notExploitable: 'notExploitable',
      archived: 'archived',
      silenced: 'archived',
    });
    expect(V2_STATUSES.map(renderV1Status)).toEqual([
      'open',
      'open',
      'processing',
      'patched',
      'open',
      'falsePositive',
      'notExploitable',
      'archived',
    ]);
  });

  it('fails loudly, naming the field, on a malformed fixture', () => {
    const broken = { issues: [{ ...fixture.issues[0], status: 'fixed' }] };
    expect(() => dataFromV1SearchResponse(broken)).toThrow(/status/);
    expect(() => dataFromV1SearchResponse({ items: [] })).toThrow(/issues/);
  });
});
