import pLimit from 'p-limit';
import { type AppConfig } from '../../core/config/app-config';
import { SEVERITY_BUCKETS, type Finding, type SeverityBucket } from '../../core/finding/finding';
import { computeSlaDeadline } from '../../core/sla/sla-policy';
import { type JiraClient } from '../../infra/jira/jira-client';
import { type LinkStore } from '../../infra/store/link-store';
import { type ZeroPathClient } from '../../infra/zeropath/zeropath-client';

/**
 * The living security report (Confluence macro): for a repository or a repository tag, the open
 * findings by severity, the SLA breaches, and the linked Jira issues — rendered for each viewer.
 *
 * What differs per viewer: a linked Jira issue is named (key, summary, status) only when the
 * viewer can browse it in Jira — the app asks Jira **as the viewer** (JQL `id in (…)` returns only
 * issues they may see); the rest are counted, never named. Finding titles are never shown (they
 * would bypass Jira's permissions), only counts. With Confluence access off the macro shows
 * nothing but that.
 */
export const REPORT_MAX_FINDINGS = 2_000;
const PAGE_SIZE = 100;
const JQL_IDS_PER_QUERY = 100;

export type ReportScope = { readonly repository: string } | { readonly tag: string };

export interface ReportIssue {
  readonly key: string;
  readonly summary: string;
  readonly status: string;
  readonly severity: SeverityBucket;
  readonly slaBreached: boolean;
  readonly dueDate?: string;
}

export type SecurityReport =
  | { readonly state: 'off' }
  | { readonly state: 'no_repositories'; readonly scopeLabel: string }
  | {
      readonly state: 'ok';
      readonly scopeLabel: string;
      readonly repositories: number;
      readonly openBySeverity: Record<SeverityBucket, number>;
      readonly openTotal: number;
      /** True when there were more open findings than the report reads. */
      readonly truncated: boolean;
      readonly slaBreaches: number;
      readonly linkedVisible: ReportIssue[];
      /** Linked issues the viewer may not browse: counted, not named. */
      readonly linkedHidden: number;
      readonly generatedAt: string;
    };

export interface SecurityReportDeps {
  readonly config: () => Promise<AppConfig>;
  readonly openZeroPath: () => Promise<{ client: ZeroPathClient; config: AppConfig }>;
  readonly links: Pick<LinkStore, 'getByFinding'>;
  /** Jira as the viewer. */
  readonly jiraAsUser: () => Pick<JiraClient, 'searchJql'>;
  readonly now: () => Date;
}

export async function buildSecurityReport(
  deps: SecurityReportDeps,
  scope: ReportScope,
): Promise<SecurityReport> {
  if (!(await deps.config()).confluence.enabled) return { state: 'off' };
  const scopeLabel =
    'repository' in scope ? `Repository ${scope.repository}` : `Repositories tagged ${scope.tag}`;
  const { client, config } = await deps.openZeroPath();
  const { repositories } = await client.listRepositories();
  const chosen = repositories.filter((repo) =>
    'repository' in scope
      ? repo.name === scope.repository || repo.id === scope.repository
      : repo.tags.includes(scope.tag),
  );
  if (chosen.length === 0) return { state: 'no_repositories', scopeLabel };
  const repoTags = new Map(repositories.map((repo) => [repo.id, repo.tags] as const));

  const findings: Finding[] = [];
  let truncated = false;
  for await (const page of client.searchAll({
    repositoryIds: chosen.map((r) => r.id),
    statuses: ['open', 'in_progress'],
    sortBy: 'score',
    sortOrder: 'desc',
    pageSize: PAGE_SIZE,
  })) {
    findings.push(...page.findings);
    if (findings.length >= REPORT_MAX_FINDINGS) {
      truncated = page.totalCount > REPORT_MAX_FINDINGS;
      break;
    }
  }

  const today = deps.now().toISOString().slice(0, 10);
  const openBySeverity = Object.fromEntries(SEVERITY_BUCKETS.map((s) => [s, 0])) as Record<
    SeverityBucket,
    number
  >;
  const dueOf = new Map<string, string>();
  let slaBreaches = 0;
  for (const finding of findings) {
    openBySeverity[finding.severity] += 1;
    const deadline = config.sla.enabled
      ? computeSlaDeadline(finding, config.sla.policies, repoTags, finding.createdAt)
      : null;
    if (deadline === null) continue;
    dueOf.set(finding.id, deadline.dueDate);
    if (deadline.dueDate < today) slaBreaches += 1;
  }

  const limit = pLimit(5);
  const linked = (
    await Promise.all(
      findings.map((f) => limit(async () => ({ finding: f, link: await deps.links.getByFinding(f.id) }))),
    )
  ).flatMap(({ finding, link }) => (link === undefined ? [] : [{ finding, issueId: link.issueId }]));

  const visible = new Map<string, { key: string; summary: string; status: string }>();
  const jira = deps.jiraAsUser();
  for (let i = 0; i < linked.length; i += JQL_IDS_PER_QUERY) {
    const ids = linked.slice(i, i + JQL_IDS_PER_QUERY).map((l) => l.issueId);
    let token: string | undefined;
    do {
      // As the viewer: Jira leaves out every issue they may not browse.
      const page = await jira.searchJql(`id in (${ids.join(', ')})`, ['summary', 'status'], token, {
        maxResults: JQL_IDS_PER_QUERY,
      });
      for (const issue of page.issues) {
        const status = (issue.fields['status'] as { name?: unknown } | undefined)?.name;
        visible.set(String(issue.id), {
          key: issue.key,
          summary: typeof issue.fields['summary'] === 'string' ? issue.fields['summary'] : '',
          status: typeof status === 'string' ? status : '',
        });
      }
      token = page.nextPageToken;
    } while (token !== undefined);
  }

  const linkedVisible: ReportIssue[] = [];
  for (const { finding, issueId } of linked) {
    const issue = visible.get(issueId);
    if (issue === undefined) continue;
    const dueDate = dueOf.get(finding.id);
    linkedVisible.push({
      ...issue,
      severity: finding.severity,
      slaBreached: dueDate !== undefined && dueDate < today,
      ...(dueDate === undefined ? {} : { dueDate }),
    });
  }
  return {
    state: 'ok',
    scopeLabel,
    repositories: chosen.length,
    openBySeverity,
    openTotal: findings.length,
    truncated,
    slaBreaches,
    linkedVisible,
    linkedHidden: linked.length - linkedVisible.length,
    generatedAt: deps.now().toISOString(),
  };
}
