// The harness must load first: it installs the local Forge platform before @forge/api.
import { startHarness, type Harness } from '../harness';
import { autoTicketEndpoints } from '../../../src/contract/auto-ticket';
import { storeKeys } from '../../../src/infra/store/store-keys';
import { callAdmin } from './admin-test-kit';

/**
 * Stored values are bounded by design (issue 13): a template library the form accepts (13 long
 * templates; the schema allows 50) no longer fails with "Something went wrong" on Forge's 240 KiB
 * value limit; it is refused at save with a message that names the limit, and nothing changes.
 */
describe('settings that would outgrow one stored value', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
    harness.connectZeroPath();
  });
  afterEach(async () => {
    await harness.close();
  });

  it('refuses a template library over 240 KiB with a message naming the limit, and keeps the saved one', async () => {
    const template = (i: number) => ({
      id: `t${i}`,
      name: `Long template ${i}`,
      summary: '[{{severity}}] {{issueTitle}}',
      // Varied text: the limit counts stored bytes, not what compresses well.
      description: Array.from({ length: 4_000 }, (_, j) => `w${(i * 7919 + j) % 9973}`)
        .join(' ')
        .slice(0, 20_000),
    });
    const small = { useForManualExport: false, library: [template(0)] };
    const saved = await callAdmin(harness, autoTicketEndpoints.saveTemplates, small);
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    const before = harness.runtime.kvs.get(storeKeys.configSection('templates'));

    const large = { useForManualExport: false, library: Array.from({ length: 13 }, (_, i) => template(i)) };
    const answer = await callAdmin(harness, autoTicketEndpoints.saveTemplates, large);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.kind).toBe('invalid_input');
    expect(answer.error.message).toMatch(/240 KiB/);
    expect(harness.runtime.kvs.get(storeKeys.configSection('templates'))).toEqual(before);
  });
});
