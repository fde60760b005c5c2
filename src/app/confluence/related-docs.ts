import { type ConfluenceSection } from '../../core/config/app-config';
import {
  confluenceSearchUrl,
  relatedDocsCql,
  type FindingDocsTerms,
} from '../../core/confluence/related-docs-query';
import { type Finding } from '../../core/finding/finding';
import { type FindingSnapshot } from '../../core/link/finding-link';
import { type ConfigStore } from '../../infra/store/config-store';
import { type LinkStore } from '../../infra/store/link-store';
import { requireBrowse, type IssueAccessDeps, type PanelCaller } from '../panel/issue-access';
import { ConfluenceNotConnectedError, type ConfluenceClient } from './confluence-port';

/**
 * "Related security docs" on the issue panel and the tickets' "Related docs" link.
 *
 * The panel searches **as the viewing user**: Confluence itself leaves out every page they may
 * not open, so no title they could not open reaches them. The ticket is written as the app and
 * read by many people, so it names no page at all: it links to Confluence's own search for the
 * same query, and each reader sees only what Confluence lets them see.
 */
export const RELATED_DOCS_LIMIT = 5;

export interface RelatedDoc {
  readonly title: string;
  readonly url: string;
  readonly excerpt: string;
  readonly space?: string;
}

export type RelatedDocsView =
  | { readonly state: 'off' }
  | { readonly state: 'not_linked' }
  | { readonly state: 'nothing_to_search' }
  | { readonly state: 'not_connected' }
  | { readonly state: 'ok'; readonly docs: RelatedDoc[]; readonly searchUrl?: string };

export interface RelatedDocsDeps extends IssueAccessDeps {
  readonly config: Pick<ConfigStore, 'read'>;
  readonly links: Pick<LinkStore, 'getByIssueId'>;
  /** Confluence as the user at the screen. */
  readonly confluenceAsUser: () => ConfluenceClient;
}

export function termsOf(
  snapshot: Pick<FindingSnapshot, 'cwes' | 'vulnClass' | 'repository'>,
): FindingDocsTerms {
  return { cwe: snapshot.cwes[0], vulnClass: snapshot.vulnClass, repository: snapshot.repository.name };
}

const wikiUrl = (siteUrl: string | undefined, webui: string) =>
  siteUrl === undefined ? `/wiki${webui}` : `${siteUrl.replace(/\/+$/, '')}/wiki${webui}`;

export async function relatedDocsForIssue(
  deps: RelatedDocsDeps,
  caller: PanelCaller,
): Promise<RelatedDocsView> {
  await requireBrowse(deps, caller);
  const settings = (await deps.config.read()).confluence;
  // Off means not one Confluence request.
  if (!settings.enabled) return { state: 'off' };
  const link = await deps.links.getByIssueId(caller.issueId);
  if (link === undefined) return { state: 'not_linked' };
  const cql = relatedDocsCql(settings, termsOf(link.snapshot));
  if (cql === undefined) return { state: 'nothing_to_search' };
  try {
    const hits = await deps.confluenceAsUser().search(cql, RELATED_DOCS_LIMIT);
    const docs = hits.map((hit): RelatedDoc => ({
      title: hit.title,
      url: wikiUrl(settings.siteUrl, hit.webui),
      excerpt: hit.excerpt,
      ...(hit.spaceName === undefined ? {} : { space: hit.spaceName }),
    }));
    return settings.siteUrl === undefined
      ? { state: 'ok', docs }
      : { state: 'ok', docs, searchUrl: confluenceSearchUrl(settings.siteUrl, cql) };
  } catch (error) {
    if (error instanceof ConfluenceNotConnectedError) return { state: 'not_connected' };
    throw error;
  }
}

/** The export's per-finding link (ExportDeps.relatedDocsUrl). */
export function ticketRelatedDocs(
  settings: ConfluenceSection,
): (finding: Pick<Finding, 'cwes' | 'vulnClass' | 'repository'>) => string | undefined {
  const link = relatedDocsLinker(settings);
  return (finding) =>
    link({ cwe: finding.cwes[0], vulnClass: finding.vulnClass, repository: finding.repository.name });
}

/**
 * The tickets' "Related docs" link for a finding, or undefined (access off, links off, no site
 * URL yet, or nothing to search with). Makes no Confluence request.
 */
export function relatedDocsLinker(
  settings: ConfluenceSection,
): (terms: FindingDocsTerms) => string | undefined {
  return (terms) => {
    if (!settings.enabled || !settings.ticketLinks || settings.siteUrl === undefined) return undefined;
    const cql = relatedDocsCql(settings, terms);
    return cql === undefined ? undefined : confluenceSearchUrl(settings.siteUrl, cql);
  };
}
