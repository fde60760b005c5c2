import { z } from 'zod';
import { notPrototypeKey, PROTOTYPE_KEY_MESSAGE } from '../core/object-keys';
import { endpoint } from './endpoint';

/**
 * The findings page's endpoints (resolver function `findings-resolver`, module `zp-findings`).
 * Vocabularies are repeated here rather than imported from core so the UI bundle depends on the
 * contract alone; `findings-contract.test` keeps them equal to core's.
 */
export const SEVERITIES = ['Critical', 'High', 'Medium', 'Low', 'Info'] as const;
export const STATUSES = [
  'open',
  'in_progress',
  'resolved',
  'false_positive',
  'non_exploitable',
  'accepted_risk',
] as const;
export const CATEGORIES = ['SAST', 'SCA', 'SECRETS', 'IAC', 'SMART_CONTRACT', 'EOL', 'OTHER'] as const;
/** ZeroPath filters on scan type server-side; it has no category filter. */
export const FILTER_SCAN_TYPES = ['FullScan', 'PrScan', 'SCAScan'] as const;

/** Statuses in which ZeroPath considers a finding dealt with (the export dialog counts and skips them). */
export const CLOSED_STATUSES = ['resolved', 'false_positive', 'non_exploitable', 'accepted_risk'] as const;

/**
 * What an export does with findings already closed in ZeroPath: skip them (the default, so a bulk
 * export never turns settled findings into open work), or create their issues and move each to the
 * workflow's matching done status.
 */
export const closedFindingsSchema = z.enum(['skip', 'export_and_close']).default('skip');

export const MAX_PAGE_SIZE = 100;
/** One bulk export job; the UI selects at most a page at a time, the API allows a little more. */
export const MAX_BULK_FINDINGS = 1000;

const findingId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,127}$/, 'is not a ZeroPath finding id')
  .refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE);
const projectKey = z.string().regex(/^[A-Z][A-Z0-9_]{1,9}$/, 'is not a Jira project key');
const issueKey = z.string().regex(/^[A-Z][A-Z0-9_]{1,9}-\d{1,9}$/, 'is not a Jira issue key');

export const findingRowSchema = z.object({
  id: z.string().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
  title: z.string(),
  severity: z.enum(SEVERITIES),
  score: z.number(),
  status: z.enum(STATUSES),
  category: z.enum(CATEGORIES),
  scanType: z.string().optional(),
  repository: z.string(),
  file: z.string().optional(),
  startLine: z.number().optional(),
  jiraKey: z.string().optional().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
});
export type FindingRow = z.infer<typeof findingRowSchema>;

export const searchFindingsEndpoint = endpoint(
  'findings.search',
  z.object({
    page: z.number().int().min(1).max(100_000).default(1),
    pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).default(25),
    repositoryIds: z
      .array(z.string().min(1).max(200).refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE))
      .min(1)
      .max(50)
      .optional(),
    severities: z.array(z.enum(SEVERITIES)).min(1).optional(),
    statuses: z.array(z.enum(STATUSES)).min(1).optional(),
    scanTypes: z.array(z.enum(FILTER_SCAN_TYPES)).min(1).optional(),
    query: z.string().trim().max(200).optional(),
    /** Hide findings already linked to a Jira issue (applied across ZeroPath's pages; see `hiddenLinked`). */
    notInJira: z.boolean().default(false),
  }),
  z.object({
    rows: z.array(findingRowSchema),
    page: z.number(),
    pageSize: z.number(),
    /** Findings matching every filter, "not yet in Jira" included. */
    totalCount: z.number(),
    /** False when the walk for a filter ZeroPath cannot apply hit its bound: `totalCount` is "at least". */
    totalIsExact: z.boolean().default(true),
    /** Findings matching the other filters that are hidden because they are already in Jira. */
    hiddenLinked: z.number(),
    /** Findings ZeroPath sent that could not be read (shown as a warning, never silently dropped). */
    unreadable: z.number(),
  }),
);

export const listRepositoriesEndpoint = endpoint(
  'findings.repositories',
  z.object({}),
  z.object({
    repositories: z.array(
      z.object({ id: z.string().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE), name: z.string() }),
    ),
  }),
);

export const searchProjectsEndpoint = endpoint(
  'findings.projects',
  z.object({ query: z.string().max(100).default('') }),
  z.object({
    projects: z.array(
      z.object({
        id: z.string().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
        key: z.string().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
        name: z.string(),
      }),
    ),
  }),
);

export const listIssueTypesEndpoint = endpoint(
  'findings.issueTypes',
  z.object({ projectKey }),
  z.object({
    issueTypes: z.array(
      z.object({
        id: z.string().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
        name: z.string(),
        hierarchyLevel: z.number(),
      }),
    ),
  }),
);

export const searchEpicsEndpoint = endpoint(
  'findings.epics',
  z.object({ projectKey, query: z.string().max(100).default('') }),
  z.object({
    epics: z.array(
      z.object({ key: z.string().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE), summary: z.string() }),
    ),
  }),
);

export const searchAssigneesEndpoint = endpoint(
  'findings.assignees',
  z.object({ projectKey, query: z.string().max(100).default('') }),
  z.object({
    users: z.array(
      z.object({
        accountId: z.string().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
        displayName: z.string(),
      }),
    ),
  }),
);

/** Where exported findings go. `epicKey` absent = the explicit "None". */
export const exportTargetSchema = z.object({
  projectKey,
  issueTypeId: z.string().regex(/^\d+$/, 'is not an issue type id'),
  epicKey: issueKey.optional(),
  assigneeAccountId: z.string().min(1).max(128).optional().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
});
export type ExportTarget = z.infer<typeof exportTargetSchema>;

export const requiredFieldSchema = z.object({
  id: z.string().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
  name: z.string(),
});

export const preflightEndpoint = endpoint(
  'findings.preflight',
  z.object({ target: exportTargetSchema }),
  z.object({
    /** Required fields of the project and type that the app does not fill: export is refused while any remain. */
    missingRequiredFields: z.array(requiredFieldSchema),
    notes: z.array(z.string()),
  }),
);

export const exportOneEndpoint = endpoint(
  'findings.exportOne',
  z.object({ findingId, target: exportTargetSchema, closedFindings: closedFindingsSchema }),
  z.object({
    outcome: z.enum(['created', 'already_linked']),
    issueKey: z.string().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
    notes: z.array(z.string()),
  }),
);

export const exportBulkEndpoint = endpoint(
  'findings.exportBulk',
  z.object({
    findingIds: z
      .array(findingId)
      .min(1)
      .max(MAX_BULK_FINDINGS)
      .refine((ids) => new Set(ids).size === ids.length, 'lists a finding twice'),
    target: exportTargetSchema,
    closedFindings: closedFindingsSchema,
  }),
  z.object({
    jobId: z.string().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
    total: z.number(),
    notes: z.array(z.string()),
  }),
);

export const exportedItemSchema = z.object({
  findingId: z.string().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
  issueKey: z.string().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
});
export const skippedItemSchema = z.object({
  findingId: z.string().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
  issueKey: z.string().optional(),
  reason: z.string(),
});
export const failedItemSchema = z.object({
  findingId: z.string().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
  reason: z.string(),
  /**
   * Set when Jira did create the issue but its link could not be stored: the issue exists under
   * this key, and the status sweep (or Health's adopt) links it; the job view then lists it as exported.
   */
  issueKey: z.string().optional(),
});

export const exportJobViewSchema = z.object({
  jobId: z.string().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
  state: z.enum(['running', 'done']),
  total: z.number(),
  processed: z.number(),
  exported: z.array(exportedItemSchema),
  skipped: z.array(skippedItemSchema),
  failed: z.array(failedItemSchema),
  notes: z.array(z.string()),
});
export type ExportJobView = z.infer<typeof exportJobViewSchema>;

/** Recent bulk exports (kept a week), newest first, each with its counts so far. */
export const exportHistoryEndpoint = endpoint(
  'findings.exportHistory',
  z.object({}),
  z.object({
    jobs: z.array(
      z.object({
        jobId: z.string(),
        createdAt: z.string(),
        createdBy: z.string(),
        projectKey: z.string(),
        state: z.enum(['running', 'done']),
        total: z.number(),
        exported: z.number(),
        skipped: z.number(),
        failed: z.number(),
      }),
    ),
  }),
);

export const exportJobStatusEndpoint = endpoint(
  'findings.jobStatus',
  z.object({
    jobId: z
      .string()
      .regex(/^[A-Za-z0-9-]{8,64}$/, 'is not a job id')
      .refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
  }),
  exportJobViewSchema,
);

/**
 * May the calling user use the findings page? Answered to every signed-in user (it reveals only who
 * the team is), so the page can show one explanation instead of controls that would all refuse.
 */
export const findingsAccessEndpoint = endpoint(
  'findings.access',
  z.object({}),
  z.object({
    allowed: z.boolean(),
    /** Who may use the page, in words ("the security team (Jira group “security-team”)"). */
    audience: z.string(),
  }),
);
