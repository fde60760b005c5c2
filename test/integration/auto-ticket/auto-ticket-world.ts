// The harness must be imported first: it loads the local Forge runtime before anything loads @forge/api.
import { startHarness, type Harness, type HarnessOptions } from '../harness';
import { DEMO_USERS, ISSUE_TYPE } from '../../sim/jira/jira-seed-builder';
import { type NewFinding } from '../../sim/zeropath/zeropath-store';
import { type StoredIssue } from '../../sim/jira/jira-model';
import { storeKeys } from '../../../src/infra/store/store-keys';
import { type AppConfig } from '../../../src/core/config/app-config';
import { storedConfig, storeConfigSections } from '../stored-config';
import { type AutoTicketRule } from '../../../src/core/rules/auto-ticket-rule';
import { autoTicketStateSchema, type AutoTicketState } from '../../../src/infra/store/auto-ticket-store';
import { findingLinkSchema } from '../../../src/core/link/finding-link';

export const SEC_PROJECT_ID = '10000';
export const APP_PROJECT_ID = '10001';
export const OPS_PROJECT_ID = '10002';

/** One integration world for auto-ticketing: simulators, runtime, a connected ZeroPath, own repositories. */
export interface AutoTicketWorld {
  h: Harness;
  repos: { payments: string; web: string; plain: string };
  configure(patch: Partial<Omit<AppConfig, 'version' | 'connection'>>): void;
  config(): AppConfig;
  addFinding(partial: NewFinding & { repositoryId: string }): string;
  run(): Promise<void>;
  state(): AutoTicketState;
  issueOf(findingId: string): StoredIssue | undefined;
  ticketCount(): number;
  close(): Promise<void>;
}

let sequence = 0;

export function aRule(overrides: Partial<AutoTicketRule> = {}): AutoTicketRule {
  sequence += 1;
  return {
    id: `rule-${sequence}`,
    name: `Rule ${sequence}`,
    enabled: true,
    scoreThreshold: 0,
    categories: ['SAST', 'SCA', 'SECRETS', 'IAC', 'SMART_CONTRACT', 'EOL', 'OTHER'],
    scanTypes: ['FullScan', 'PrScan', 'SCAScan', 'Other'],
    scope: { type: 'all' },
    jiraProjectId: SEC_PROJECT_ID,
    issueTypeId: ISSUE_TYPE.task,
    assignee: { type: 'none' },
    dailyCap: 100,
    // Saved by Ada, who may create issues everywhere: each run re-checks that.
    savedBy: DEMO_USERS.admin,
    ...overrides,
  };
}

export async function startAutoTicketWorld(options: HarnessOptions = {}): Promise<AutoTicketWorld> {
  const h = await startHarness({ ...options, zeropath: { findings: 0, ...options.zeropath } });
  h.connectZeroPath();
  const payments = h.zeropath.control.addRepository({
    name: 'payments-api',
    tags: ['pci', 'team-payments'],
  }).id;
  const web = h.zeropath.control.addRepository({ name: 'web-frontend', tags: ['team-web'] }).id;
  const plain = h.zeropath.control.addRepository({ name: 'tools', tags: [] }).id;

  const config = (): AppConfig => storedConfig(h.runtime.kvs);
  return {
    h,
    repos: { payments, web, plain },
    config,
    configure(patch) {
      storeConfigSections(h.runtime.kvs, patch);
    },
    addFinding(partial) {
      const { repositoryId, ...rest } = partial;
      const [added] = h.zeropath.control.addFindings([{ v2Status: 'PENDING_REVIEW', ...rest }], {
        repositoryId,
      });
      if (added === undefined) throw new Error('the simulator added no finding');
      return added.id;
    },
    async run() {
      await h.runtime.runScheduledTrigger('zp-auto-ticket');
      await h.runtime.settle();
    },
    state() {
      return autoTicketStateSchema.parse(h.runtime.kvs.get(storeKeys.autoTicketState) ?? {});
    },
    issueOf(findingId) {
      const raw = h.runtime.kvs.get(storeKeys.linkByFinding(findingId));
      if (raw === undefined) return undefined;
      return h.jira.state.findIssue(findingLinkSchema.parse(raw).issueKey);
    },
    ticketCount() {
      return [...h.jira.state.issues.values()].filter((issue) => issue.properties.has('zeropath')).length;
    },
    close: () => h.close(),
  };
}
