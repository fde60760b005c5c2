import { redactAdfNodes } from '../redaction/redact-adf';
import type { BlockContent, DocNode, Inline, ListItemDefinition, PanelAttributes } from '@atlaskit/adf-schema';
import { bulletList, code, codeBlock, doc, em, heading, link, listItem, panel, paragraph, rule, strong, text } from '@atlaskit/adf-utils/builders';
import { z } from 'zod';
import { SEVERITY_BUCKETS, findingDashboardUrl, type Finding, type SeverityBucket } from '../finding/finding';
import { redactFinding } from '../redaction/redact-finding';
import { type AdfNode } from './adf-sanitiser';
import { codeLanguageOf } from './code-language';
import { categoryLabel, scanTypeLabel } from '../../contract/labels';
import { convertMarkdownToAdfBlocks } from './markdown-to-adf';
import { toSafeHref } from './safe-link';
import { cleanLine, cleanText, truncateText } from './safe-text';
import { priorityNameFor } from './severity-priority';
import { DEFAULT_LABEL_PREFIX, buildLabels } from './ticket-labels';
import { buildIssueProperty, type ZeropathIssueProperty } from './zeropath-issue-property';

export const MAX_SUMMARY_LENGTH = 255;
/** Jira's limit for a rich-text field, counted on the stored (serialised) document. */
export const MAX_DESCRIPTION_LENGTH = 32_767;
const DESCRIPTION_SIZE_BUDGET = MAX_DESCRIPTION_LENGTH - 767;
const INITIAL_DESCRIPTION_CHARS = 20_000;
const INITIAL_SNIPPET_CHARS = 10_000;
const MAX_CWES = 25;
/** ZeroPath's fix verification finds the finding behind a ticket by this exact paragraph text. */
export const ZP_ID_PREFIX = 'ZP-ID: ';

export const renderTicketOptionsSchema = z.object({
  zeroPathBaseUrl: z.string().refine((v) => toSafeHref(v) !== undefined, 'must be an absolute http(s) URL'),
  labelPrefix: z
    .string()
    .min(1)
    .max(100)
    .regex(/^\S+$/, 'must not contain whitespace (Jira labels cannot)')
    .optional(),
  /** Whether `priority` is on the project's create screen for the chosen issue type. */
  priorityFieldAvailable: z.boolean(),
  /** Admin overrides of DEFAULT_SEVERITY_PRIORITY. */
  priorityBySeverity: z.partialRecord(z.enum(SEVERITY_BUCKETS), z.string().min(1).max(255)).optional(),
  /**
   * Confluence search for the finding's related docs (docs/confluence.md). A link to a search, never
   * page titles: the ticket is read by people who may not open every page.
   */
  relatedDocsUrl: z.string().refine((v) => toSafeHref(v) !== undefined, 'must be an absolute http(s) URL').optional(),
});

export type RenderTicketOptions = z.input<typeof renderTicketOptionsSchema>;

export interface RenderedTicket {
  summary: string;
  description: DocNode;
  labels: string[];
  /** Present only when the priority field is on the create screen. */
  priorityName?: string;
  property: ZeropathIssueProperty;
}

export class TicketRenderError extends Error {
  override readonly name = 'TicketRenderError';
}

const FINDING_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,127}$/;

/**
 * Everything one Jira issue carries for a finding. Redaction happens here, whatever the caller did
 * before: a ticket is the one place a leaked secret would be copied to many eyes.
 */
export function renderTicket(finding: Finding, options: RenderTicketOptions): RenderedTicket {
  const parsed = renderTicketOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new TicketRenderError(`Invalid ticket options: ${z.prettifyError(parsed.error)}`);
  }
  if (!FINDING_ID.test(finding.id)) {
    throw new TicketRenderError(`Invalid finding id ${JSON.stringify(finding.id)}: expected ZeroPath's UUID`);
  }
  const opts = parsed.data;
  const safe = redactFinding(finding);
  const ticket: RenderedTicket = {
    summary: buildSummary(safe),
    description: redactDescription(
      buildDescription(safe, findingDashboardUrl(opts.zeroPathBaseUrl, finding.id), opts.relatedDocsUrl),
    ),
    labels: buildLabels(safe, opts.labelPrefix ?? DEFAULT_LABEL_PREFIX),
    property: buildIssueProperty(safe),
  };
  if (opts.priorityFieldAvailable) ticket.priorityName = priorityNameFor(safe.severity, opts.priorityBySeverity);
  return ticket;
}

/**
 * Each field was redacted on its own; the rendered document is checked once more as a whole, so
 * text split across marks or sections (a title and a snippet line side by side) is caught too.
 */
function redactDescription(doc: DocNode): DocNode {
  const content = (doc as unknown as { content: AdfNode[] }).content;
  return { ...doc, content: redactAdfNodes(content) } as unknown as DocNode;
}

export function buildSummary(finding: Pick<Finding, 'severity' | 'title' | 'vulnClass'>): string {
  const title = cleanLine(finding.title) || cleanLine(finding.vulnClass ?? '') || 'Security finding';
  return truncateText(`[ZeroPath][${finding.severity}] ${title}`, MAX_SUMMARY_LENGTH);
}

/**
 * adf-schema types `panelType` as a TS enum whose values are these strings; importing the enum would
 * pull the whole schema package into the bundle at run time, so the literals are narrowed once here.
 */
const PANEL_BY_SEVERITY = {
  Critical: 'error',
  High: 'error',
  Medium: 'warning',
  Low: 'info',
  Info: 'info',
} as const satisfies Record<SeverityBucket, string> as unknown as Record<SeverityBucket, PanelAttributes['panelType']>;

interface SectionBudget {
  descriptionChars: number;
  snippetChars: number;
}

/**
 * Renders with generous budgets, then halves the two unbounded parts (ZeroPath's description and
 * the snippet) until the serialised document fits Jira's field limit.
 */
function buildDescription(finding: Finding, dashboardUrl: string, relatedDocsUrl: string | undefined): DocNode {
  const budget: SectionBudget = { descriptionChars: INITIAL_DESCRIPTION_CHARS, snippetChars: INITIAL_SNIPPET_CHARS };
  for (;;) {
    const rendered = buildDocument(finding, dashboardUrl, relatedDocsUrl, budget);
    if (JSON.stringify(rendered).length <= DESCRIPTION_SIZE_BUDGET) return rendered;
    if (budget.descriptionChars === 0 && budget.snippetChars === 0) {
      throw new TicketRenderError(`Finding ${finding.id} renders above Jira's description limit even without its text`);
    }
    budget.descriptionChars = budget.descriptionChars < 200 ? 0 : Math.floor(budget.descriptionChars / 2);
    budget.snippetChars = budget.snippetChars < 200 ? 0 : Math.floor(budget.snippetChars / 2);
  }
}

function buildDocument(finding: Finding, dashboardUrl: string, relatedDocsUrl: string | undefined, budget: SectionBudget): DocNode {
  const blocks: BlockContent[] = [
    panel({ panelType: PANEL_BY_SEVERITY[finding.severity] })(
      paragraph(strong(`${finding.severity} severity`), text(` · ZeroPath score ${formatNumber(finding.score)}/100`)),
    ),
    heading({ level: 2 })(text('Details')),
    bulletList(...detailItems(finding)),
    heading({ level: 2 })(text('Description')),
    ...descriptionBlocks(finding.description, budget.descriptionChars),
    ...snippetBlocks(finding, budget.snippetChars),
    ...fixBlocks(finding),
    ...(relatedDocsUrl === undefined
      ? []
      : [
          heading({ level: 2 })(text('Related docs')),
          paragraph(link({ href: relatedDocsUrl })(text('Search related security docs in Confluence'))),
        ]),
    paragraph(link({ href: dashboardUrl })(text('View this finding in ZeroPath'))),
    rule(),
    paragraph(text(`${ZP_ID_PREFIX}${finding.id}`)),
  ];
  return doc(...blocks);
}

function detailItem(label: string, ...value: Inline[]): ListItemDefinition {
  return listItem([paragraph(strong(`${label}: `), ...value)]);
}

function detailItems(finding: Finding): ListItemDefinition[] {
  const items = [detailItem('Severity', text(`${finding.severity} (score ${formatNumber(finding.score)})`))];
  const cvss = finding.cvss;
  if (cvss !== undefined && (cvss.score !== undefined || cvss.vector !== undefined)) {
    const parts: Inline[] = [];
    if (cvss.score !== undefined) parts.push(text(cvss.score.toFixed(1)));
    const vector = cvss.vector === undefined ? '' : cleanLine(cvss.vector).slice(0, 200);
    if (vector.length > 0) {
      if (parts.length > 0) parts.push(text(' '));
      parts.push(code(vector));
    }
    if (parts.length > 0) items.push(detailItem('CVSS', ...parts));
  }
  const cwes = cweInlines(finding.cwes);
  if (cwes.length > 0) items.push(detailItem(finding.cwes.length > 1 ? 'CWEs' : 'CWE', ...cwes));
  const vulnClass = limitedLine(finding.vulnClass, 200);
  if (vulnClass !== undefined) items.push(detailItem('Vulnerability class', text(vulnClass)));
  const scanType = finding.scanType === undefined ? '' : `, found by a ${scanTypeLabel(finding.scanType).toLowerCase()}`;
  items.push(detailItem('Category', text(`${categoryLabel(finding.category)}${scanType}`)));
  const repoName = limitedLine(finding.repository.name, 200) ?? limitedLine(finding.repository.id, 200) ?? 'unknown';
  const repoHref = toSafeHref(finding.repository.url);
  items.push(detailItem('Repository', repoHref === undefined ? text(repoName) : link({ href: repoHref })(text(repoName))));
  const location = locationInlines(finding);
  if (location.length > 0) items.push(detailItem('Location', ...location));
  return items;
}

function cweInlines(cwes: readonly string[]): Inline[] {
  const out: Inline[] = [];
  for (const raw of cwes.slice(0, MAX_CWES)) {
    const cwe = cleanLine(raw);
    if (cwe.length === 0) continue;
    if (out.length > 0) out.push(text(', '));
    const number = /^CWE-(\d{1,6})$/i.exec(cwe)?.[1];
    out.push(
      number === undefined
        ? text(cwe.slice(0, 50))
        : link({ href: `https://cwe.mitre.org/data/definitions/${number}.html` })(text(`CWE-${number}`)),
    );
  }
  if (cwes.length > MAX_CWES) out.push(text(` and ${cwes.length - MAX_CWES} more`));
  return out;
}

function locationInlines(finding: Finding): Inline[] {
  const file = limitedLine(finding.location.file, 500);
  const { startLine, endLine } = finding.location;
  const lines =
    startLine === undefined
      ? ''
      : endLine === undefined || endLine === startLine
        ? `line ${startLine}`
        : `lines ${startLine}–${endLine}`;
  const out: Inline[] = [];
  if (file !== undefined) out.push(code(file));
  if (lines.length > 0) out.push(text(file === undefined ? lines : `, ${lines}`));
  return out;
}

function descriptionBlocks(description: string, maxChars: number): BlockContent[] {
  if (maxChars === 0 || cleanText(description).trim().length === 0) {
    return [paragraph(em(maxChars === 0 ? 'The description is too long for Jira; read it in ZeroPath.' : 'No description.'))];
  }
  const truncated = truncateText(description, maxChars);
  const blocks = toBlockContent(convertMarkdownToAdfBlocks(truncated, 2));
  if (truncated.length < description.length) blocks.push(paragraph(em('Description truncated; the full text is in ZeroPath.')));
  return blocks.length > 0 ? blocks : [paragraph(em('No description.'))];
}

function snippetBlocks(finding: Finding, maxChars: number): BlockContent[] {
  const snippet = cleanText(finding.codeSnippet ?? '').replace(/^\n+|\s+$/g, '');
  if (snippet.length === 0) return [];
  if (maxChars === 0) return [heading({ level: 2 })(text('Affected code')), paragraph(em('The code is too long for Jira; read it in ZeroPath.'))];
  const language = codeLanguageOf(finding.location.file, finding.language);
  const body = truncateText(snippet, maxChars, '\n…');
  const blocks: BlockContent[] = [
    heading({ level: 2 })(text('Affected code')),
    codeBlock(language === undefined ? {} : { language })(text(body)),
  ];
  if (body.length < snippet.length) blocks.push(paragraph(em('Code truncated; the full snippet is in ZeroPath.')));
  return blocks;
}

function fixBlocks(finding: Finding): BlockContent[] {
  const href = toSafeHref(finding.patch?.prUrl);
  if (href === undefined) return [];
  const title = limitedLine(finding.patch?.prTitle, 300) ?? href;
  const status = limitedLine(finding.patch?.prStatus, 40);
  const inlines: Inline[] = [strong('Pull request: '), link({ href })(text(title))];
  if (status !== undefined) inlines.push(text(` (${status})`));
  return [heading({ level: 2 })(text('Fix')), paragraph(...inlines)];
}

function limitedLine(value: string | undefined, max: number): string | undefined {
  if (value === undefined) return undefined;
  const line = cleanLine(value);
  return line.length === 0 ? undefined : truncateText(line, max);
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/**
 * The sanitiser builds nodes from an allow-list of Jira-supported shapes (tests validate its output
 * with the ADF schema validator), so its loose node type is narrowed here, once.
 */
function toBlockContent(nodes: AdfNode[]): BlockContent[] {
  return nodes as unknown as BlockContent[];
}
