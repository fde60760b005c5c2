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
    // Within every per-field limit (9,000 of 20,000 characters each; 13 × 9,000 under the
    // 120,000 characters of all templates together), yet over 240 KiB as stored: the text is CJK,
    // 3 bytes a character in UTF-8. ASCII text could not reach the bound past the character limits.
    const template = (i: number) => ({
      id: `t${i}`,
      name: `Long template ${i}`,
      summary: '[{{severity}}] {{issueTitle}}',
      // Varied text: the limit counts stored bytes, not what compresses well.
      description: Array.from({ length: 9_000 }, (_, j) =>
        String.fromCharCode(0x4e00 + ((i * 7919 + j * 31) % 20_000)),
      ).join(''),
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

  it('refuses templates over the characters of all templates together with a message naming that limit', async () => {
    const template = (i: number) => ({
      id: `t${i}`,
      name: `Long template ${i}`,
      summary: '[{{severity}}] {{issueTitle}}',
      description: Array.from({ length: 4_000 }, (_, j) => `w${(i * 7919 + j) % 9973}`)
        .join(' ')
        .slice(0, 20_000),
    });
    const saved = await callAdmin(harness, autoTicketEndpoints.saveTemplates, {
      useForManualExport: false,
      library: [template(0)],
    });
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    const before = harness.runtime.kvs.get(storeKeys.configSection('templates'));

    // 13 × 20,000 characters: each template within its own limit, together over 120,000.
    const answer = await callAdmin(harness, autoTicketEndpoints.saveTemplates, {
      useForManualExport: false,
      library: Array.from({ length: 13 }, (_, i) => template(i)),
    });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.kind).toBe('invalid_input');
    expect(answer.error.fieldErrors?.['library']).toMatch(
      /At most 120,000 characters in all templates together/,
    );
    expect(harness.runtime.kvs.get(storeKeys.configSection('templates'))).toEqual(before);
  });
});
