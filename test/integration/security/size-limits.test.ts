import { startAutoTicketWorld, aRule, type AutoTicketWorld } from '../auto-ticket/auto-ticket-world';
import { kvsSnapshot } from '../admin/admin-test-kit';
import { DEMO_USERS, ISSUE_TYPE } from '../../sim/jira/jira-seed-builder';
import { autoTicketEndpoints } from '../../../src/contract/auto-ticket';
import { LIMITS } from '../../../src/contract/limits';
import { MODULE_KEYS } from '../../../src/contract/modules';

/**
 * Finding 6 of issue 17: oversized but schema-valid admin input answered "Something went wrong".
 * The limits are stated in the contract (`LIMITS`, for the UI to show) and every refusal is
 * invalid_input with a message naming the limit; nothing is stored.
 */
type Answer = {
  ok: boolean;
  error?: { kind: string; message: string; fieldErrors?: Record<string, string> };
};

describe('size limits: stated in the contract, refused with a message naming them', () => {
  let w: AutoTicketWorld;
  beforeEach(async () => {
    w = await startAutoTicketWorld();
  });
  afterEach(async () => {
    await w.close();
  });
  const ask = async (key: string, payload: unknown) =>
    (await w.h.runtime.invokeUi(MODULE_KEYS.adminPage, key, payload, {
      accountId: DEMO_USERS.admin,
    })) as Answer;
  const wireRule = (overrides: Parameters<typeof aRule>[0]) => {
    const { savedBy: _serverOnly, ...rule } = aRule(overrides);
    return rule;
  };

  it.each([
    [
      '50 × 20,000-character library templates',
      autoTicketEndpoints.saveTemplates.key,
      () => ({
        useForManualExport: false,
        library: Array.from({ length: 50 }, (_, i) => ({
          id: `t${i}`,
          name: `T${i}`,
          summary: 'S',
          description: 'x'.repeat(20_000),
        })),
      }),
      LIMITS.templatesTotal,
    ],
    [
      'a 10,000-row assignee mapping',
      autoTicketEndpoints.saveRules.key,
      () => ({
        rules: [
          wireRule({
            assignee: {
              type: 'mapping',
              byRepository: Array.from({ length: 10_000 }, (_, i) => ({
                repositoryId: `r${i}`,
                accountId: DEMO_USERS.dev1,
              })),
              byTag: [],
            },
          }),
        ],
      }),
      LIMITS.assigneeMappings,
    ],
    [
      'a 1 MB tag',
      autoTicketEndpoints.saveRules.key,
      () => ({ rules: [wireRule({ scope: { type: 'tags', tags: ['t'.repeat(1_000_000)] } })] }),
      LIMITS.tagLength,
    ],
    [
      '1.6 MB of static field values',
      autoTicketEndpoints.saveFieldMappings.key,
      () => ({
        projectKey: 'SEC',
        issueTypeId: ISSUE_TYPE.task,
        mappings: Array.from({ length: 50 }, (_, i) => ({
          fieldId: `customfield_${20000 + i}`,
          source: { type: 'static', value: 'v'.repeat(32_000) },
        })),
      }),
      LIMITS.staticValuesTotal,
    ],
    [
      'a preview with 20,000 nested quote markers',
      autoTicketEndpoints.previewTemplate.key,
      () => ({ description: `${'>'.repeat(19_990)} deep` }),
      LIMITS.templateNesting,
    ],
  ])('%s', async (_name, key, payload, limit) => {
    const before = kvsSnapshot(w.h);
    const answer = await ask(key, payload());
    expect(answer.ok).toBe(false);
    expect(answer.error?.kind).toBe('invalid_input');
    expect(JSON.stringify(answer.error)).toContain(limit.toLocaleString('en-US'));
    expect(kvsSnapshot(w.h)).toEqual(before);
  });
});
