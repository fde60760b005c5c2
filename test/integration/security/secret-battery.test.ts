import { startAutoTicketWorld, type AutoTicketWorld } from '../auto-ticket/auto-ticket-world';
import { callAdmin, expectValue } from '../admin/admin-test-kit';
import { DEMO_USERS, ISSUE_TYPE } from '../../sim/jira/jira-seed-builder';
import { autoTicketEndpoints } from '../../../src/contract/auto-ticket';
import { exportOneEndpoint, searchFindingsEndpoint } from '../../../src/contract/findings';
import { panelEndpoints } from '../../../src/contract/panel';
import { MODULE_KEYS } from '../../../src/contract/modules';
import { TEMPLATE_VARIABLES } from '../../../src/core/templates/template-variables';
import { DISGUISES, SECRET_FORMATS } from '../../fixtures/secrets/secret-formats';
import type { StoredFinding } from '../../sim/zeropath/zeropath-wire';

/**
 * The secret battery through the real app (finding 4): ≥ 30 credential formats, each planted in
 * every ZeroPath field that reaches Jira (title, prose, code, path, class, language, fix PR) in
 * every disguise (a control character or zero-width space inside, CRLF around), exported with a
 * summary and description template that uses every variable, searched and shown in the panel.
 * The suite-wide guard scans every Jira request body, every log line and every resolver answer for
 * each secret at close; this test scans the KVS too. Zero leaks.
 */
type Plant = (text: string) => Partial<StoredFinding>;
const CARRIERS: ReadonlyArray<{ name: string; plant: Plant; vulnCategory?: 'SECRETS' }> = [
  { name: 'title', plant: (t) => ({ generatedTitle: `Leaked credential ${t} in config` }) },
  {
    name: 'description',
    plant: (t) => ({ generatedDescription: `Starts with ${t} hard-coded.\n\n\`\`\`\n${t}\n\`\`\`` }),
  },
  { name: 'code', plant: (t) => ({ sastCodeSegment: `client = connect()\n${t}\nclient.run()` }) },
  { name: 'secrets code', plant: (t) => ({ sastCodeSegment: t }), vulnCategory: 'SECRETS' },
  { name: 'file path', plant: (t) => ({ affectedFile: `config/${t}/settings.py` }) },
  { name: 'class and language', plant: (t) => ({ vulnClass: t, language: t }) },
];
const ALL_VARIABLES = TEMPLATE_VARIABLES.map((v) => `{{${v.name}}}`).join(' ');

describe('secret battery (integration): formats × carriers × disguises through export, search and the panel', () => {
  let w: AutoTicketWorld;
  beforeEach(async () => {
    w = await startAutoTicketWorld();
  });
  afterEach(async () => {
    // The guard's final scan (Jira request bodies and log lines) runs here and fails the test on a hit.
    await w.close();
  });

  // One test per carrier: each exports every format once (37 exports), so no single test carries
  // the whole battery's run time on a busy machine.
  it.each(CARRIERS.map((carrier) => [carrier.name, carrier] as const))(
    'in the %s: none reaches Jira request bodies, the KVS, logs or resolver answers',
    async (_name, carrier) => {
      expect(SECRET_FORMATS.length).toBeGreaterThanOrEqual(30);
      await expectValue(w.h, autoTicketEndpoints.saveTemplates, {
        summary: ALL_VARIABLES.slice(0, 900),
        description: `## Finding\n\n${ALL_VARIABLES}\n\n**{{issueTitle}}{{language}}**`,
        useForManualExport: true,
        library: [],
      });
      let exported = 0;
      for (const [index, format] of SECRET_FORMATS.entries()) {
        for (const secret of format.secret.split('\n')) w.h.secretGuard.addKnownSecret(secret);
        const disguise = DISGUISES[index % DISGUISES.length]!;
        const text = disguise.apply(format.text, format.secret);
        const id = w.addFinding({
          repositoryId: w.repos.web,
          score: 80,
          ...(carrier.vulnCategory ? { vulnCategory: carrier.vulnCategory } : {}),
          ...carrier.plant(text),
        });
        const result = await callAdmin(
          w.h,
          exportOneEndpoint,
          { findingId: id, target: { projectKey: 'SEC', issueTypeId: ISSUE_TYPE.task } },
          DEMO_USERS.admin,
          MODULE_KEYS.findingsPage,
        );
        if (!result.ok) throw new Error(`${format.name} in ${carrier.name}: ${result.error.message}`);
        exported += 1;
        if (index % 6 === 0) {
          const issue = w.h.jira.state.findIssue(result.value.issueKey);
          if (issue === undefined) throw new Error('exported issue missing');
          await w.h.runtime.invokeUi(
            MODULE_KEYS.issuePanel,
            panelEndpoints.load.key,
            {},
            {
              accountId: DEMO_USERS.admin,
              extension: { issue: { id: issue.id, key: issue.key }, project: { id: '10000', key: 'SEC' } },
            },
          );
        }
      }
      expect(exported).toBe(SECRET_FORMATS.length);
      const search = await callAdmin(
        w.h,
        searchFindingsEndpoint,
        { page: 1, pageSize: 100 },
        DEMO_USERS.admin,
        MODULE_KEYS.findingsPage,
      );
      expect(search.ok).toBe(true);
      const stored = JSON.stringify(w.h.runtime.kvs.entries());
      const inKvs = SECRET_FORMATS.filter((f) => f.secret.split('\n').some((part) => stored.includes(part)));
      expect(inKvs.map((f) => f.name)).toEqual([]);
      expect(w.h.secretGuard.scanned).toBeGreaterThan(exported);
    },
  );
});
