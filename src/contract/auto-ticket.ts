import { z } from 'zod';
import { notPrototypeKey, PROTOTYPE_KEY_MESSAGE, safeRecord } from '../core/object-keys';
import { endpoint } from './endpoint';
import { LIMITS } from './limits';
import { atMost, markdownNestingDepth } from '../core/config/limits';
import {
  listIssueTypesEndpoint,
  searchAssigneesEndpoint,
  searchEpicsEndpoint,
  searchProjectsEndpoint,
} from './findings';

/**
 * The admin page's auto-ticketing, templates, custom-field and SLA endpoints (resolver function
 * `admin-resolver`). The wire shapes are declared here on their own so the UI bundle depends on the
 * contract alone; the backend validates every payload again with the domain schemas (src/core),
 * which carry the detailed rules and messages, and answers `invalid_input` with `fieldErrors`.
 */
const scope = z.discriminatedUnion('type', [
  z.object({ type: z.literal('all') }),
  z.object({
    type: z.literal('repositories'),
    repositoryIds: z
      .array(z.string().max(200).refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE))
      .max(LIMITS.scopeRepositories, atMost(LIMITS.scopeRepositories, 'repositories in a scope')),
  }),
  z.object({
    type: z.literal('tags'),
    tags: z
      .array(z.string().max(LIMITS.tagLength, atMost(LIMITS.tagLength, 'characters in a tag')))
      .max(LIMITS.scopeTags, atMost(LIMITS.scopeTags, 'tags in a scope')),
  }),
]);

const summaryTemplate = z
  .string()
  .max(LIMITS.templateSummary, atMost(LIMITS.templateSummary, 'characters in a summary template'));
/** Bounded in length and in nesting: 20,000 nested quote markers used to answer "Something went wrong". */
const descriptionTemplate = z
  .string()
  .max(LIMITS.templateDescription, atMost(LIMITS.templateDescription, 'characters in a description template'))
  .refine(
    (text) => markdownNestingDepth(text) <= LIMITS.templateNesting,
    atMost(LIMITS.templateNesting, 'levels of nested quotes or lists'),
  );

const assignee = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({
    type: z.literal('fixed'),
    accountId: z.string().max(LIMITS.accountId).refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
  }),
  z.object({
    type: z.literal('mapping'),
    byRepository: z
      .array(
        z.object({
          repositoryId: z.string().max(200).refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
          accountId: z.string().max(LIMITS.accountId).refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
        }),
      )
      .max(LIMITS.assigneeMappings, atMost(LIMITS.assigneeMappings, 'repository → assignee rows')),
    byTag: z
      .array(
        z.object({
          tag: z.string().max(LIMITS.tagLength, atMost(LIMITS.tagLength, 'characters in a tag')),
          accountId: z.string().max(LIMITS.accountId).refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
        }),
      )
      .max(LIMITS.assigneeMappings, atMost(LIMITS.assigneeMappings, 'tag → assignee rows')),
    fallbackAccountId: z
      .string()
      .max(LIMITS.accountId)
      .optional()
      .refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
  }),
]);

/** `templateId` (a library template) and `template` are alternatives; the backend refuses both at once. */
const ruleTemplate = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({ type: z.literal('site') }),
  z.object({
    type: z.literal('own'),
    summary: summaryTemplate.optional(),
    description: descriptionTemplate.optional(),
  }),
]);
export type RuleTemplateWire = z.infer<typeof ruleTemplate>;

export const autoTicketRuleWire = z.object({
  id: z.string().max(64).refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
  name: z.string().max(200),
  enabled: z.boolean(),
  scoreThreshold: z.number(),
  categories: z.array(z.string().max(40)).max(20),
  scanTypes: z.array(z.string().max(40)).max(20),
  scope,
  jiraProjectId: z.string().max(64).refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
  issueTypeId: z.string().max(64).refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
  epicKey: z.string().max(64).optional().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
  assignee,
  templateId: z.string().max(64).optional().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
  template: ruleTemplate.optional(),
  dailyCap: z.number(),
});
export type AutoTicketRuleWire = z.infer<typeof autoTicketRuleWire>;

export const namedTemplateWire = z.object({
  id: z.string().max(64).refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
  name: z.string().max(200),
  summary: summaryTemplate,
  description: descriptionTemplate,
});

export const templatesWire = z
  .object({
    summary: summaryTemplate.optional(),
    description: descriptionTemplate.optional(),
    useForManualExport: z.boolean(),
    library: z
      .array(namedTemplateWire)
      .max(LIMITS.templateLibrary, atMost(LIMITS.templateLibrary, 'templates in the library')),
  })
  .refine(
    (t) =>
      (t.summary?.length ?? 0) +
        (t.description?.length ?? 0) +
        t.library.reduce((sum, n) => sum + n.summary.length + n.description.length, 0) <=
      LIMITS.templatesTotal,
    { message: atMost(LIMITS.templatesTotal, 'characters in all templates together'), path: ['library'] },
  );

export const fieldMappingWire = z.object({
  fieldId: z.string().max(100).refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
  source: z.discriminatedUnion('type', [
    z.object({ type: z.literal('finding'), variable: z.string().max(50) }),
    z.object({
      type: z.literal('static'),
      value: z.union([
        z.string().max(LIMITS.staticText, atMost(LIMITS.staticText, 'characters in a fixed value')),
        z.number(),
        z
          .array(
            z.string().max(LIMITS.staticListItem, atMost(LIMITS.staticListItem, 'characters in a list item')),
          )
          .max(LIMITS.staticListItems, atMost(LIMITS.staticListItems, 'items in a fixed list')),
      ]),
    }),
  ]),
});

export const fieldMappingSetWire = z.object({
  projectKey: z.string().max(10).refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
  issueTypeId: z.string().max(64).refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
  mappings: z
    .array(fieldMappingWire)
    .max(LIMITS.fieldMappings, atMost(LIMITS.fieldMappings, 'field mappings per issue type'))
    .refine(
      (mappings) =>
        mappings.reduce(
          (sum, m) => sum + (m.source.type === 'static' ? JSON.stringify(m.source.value).length : 0),
          0,
        ) <= LIMITS.staticValuesTotal,
      atMost(LIMITS.staticValuesTotal, 'characters in all fixed values together'),
    ),
});

export const slaPolicyWire = z.object({
  id: z.string().max(64).refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
  name: z.string().max(200),
  enabled: z.boolean(),
  /** Days to remediate per severity; Info is not eligible (the backend refuses it). */
  days: z.strictObject({
    Critical: z.number().optional(),
    High: z.number().optional(),
    Medium: z.number().optional(),
    Low: z.number().optional(),
  }),
  scope,
});

export const slaWire = z.object({ enabled: z.boolean(), policies: z.array(slaPolicyWire).max(50) });

const adfDocument = z.looseObject({
  type: z.literal('doc'),
  version: z.literal(1),
  content: z.array(z.unknown()),
});

/** Rules store the project by id (keys can be renamed); Jira's lookups accept either. */
const jiraProjectId = z.string().regex(/^\d{1,18}$/, 'is not a Jira project id');
const lookupQuery = z.string().max(100).default('');

export const autoTicketEndpoints = {
  getSettings: endpoint(
    'autoTicket.getSettings',
    z.object({}),
    z.object({
      rules: z.array(autoTicketRuleWire),
      templates: templatesWire,
      fieldMappings: z.array(fieldMappingSetWire),
      sla: slaWire,
      /** Per rule id: problems found at save or by the last run (a vanished epic, a refused field). */
      ruleWarnings: safeRecord(z.array(z.string())),
      lastRun: z
        .object({ at: z.string(), changesRead: z.number(), enqueued: z.number(), deferred: z.number() })
        .optional(),
      variables: z.array(z.object({ name: z.string(), description: z.string() })),
    }),
  ),
  saveRules: endpoint(
    'autoTicket.saveRules',
    z.object({
      rules: z.array(autoTicketRuleWire).max(LIMITS.rules, atMost(LIMITS.rules, 'auto-ticketing rules')),
    }),
    z.object({ rules: z.array(autoTicketRuleWire), warnings: safeRecord(z.array(z.string())) }),
  ),
  dryRun: endpoint(
    'autoTicket.dryRun',
    z.object({ rule: autoTicketRuleWire }),
    z.object({
      count: z.number(),
      byProject: z.array(
        z.object({
          projectKey: z.string().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
          count: z.number(),
        }),
      ),
      /** Matched, but over the rule's daily cap: they wait for a later day. */
      heldByCap: z.number(),
      warnings: z.array(z.string()),
      sample: z
        .object({
          findingId: z.string().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
          summary: z.string(),
          description: adfDocument,
        })
        .optional(),
    }),
  ),
  saveTemplates: endpoint('autoTicket.saveTemplates', templatesWire, templatesWire),
  previewTemplate: endpoint(
    'autoTicket.previewTemplate',
    z.object({
      summary: summaryTemplate.optional(),
      description: descriptionTemplate.optional(),
      findingId: z
        .string()
        .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,127}$/)
        .refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE)
        .optional(),
    }),
    z.object({
      findingId: z.string().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
      summary: z.string(),
      description: adfDocument,
    }),
  ),
  getFieldOptions: endpoint(
    'autoTicket.getFieldOptions',
    z.object({
      projectKey: z
        .string()
        .regex(/^[A-Z][A-Z0-9_]{1,9}$/)
        .refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
      issueTypeId: z.string().regex(/^\d+$/).refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
    }),
    z.object({
      fields: z.array(
        z.object({
          fieldId: z.string().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
          name: z.string(),
          kind: z.string().nullable(),
          required: z.boolean(),
          allowedValues: z.array(z.string()),
        }),
      ),
      hasDueDate: z.boolean(),
    }),
  ),
  saveFieldMappings: endpoint('autoTicket.saveFieldMappings', fieldMappingSetWire, fieldMappingSetWire),
  saveSla: endpoint('autoTicket.saveSla', slaWire, z.object({ sla: slaWire, warnings: z.array(z.string()) })),
  /**
   * The rule form's pickers, read as the app: it is the app that creates auto-tickets, so the
   * projects, issue types, epics and assignable users offered are the ones it can use. The shapes
   * are the findings page's lookups (same use cases), on the admin resolver.
   */
  lookupProjects: endpoint(
    'autoTicket.lookupProjects',
    z.object({ query: lookupQuery }),
    searchProjectsEndpoint.response,
  ),
  lookupIssueTypes: endpoint(
    'autoTicket.lookupIssueTypes',
    z.object({ projectId: jiraProjectId }),
    listIssueTypesEndpoint.response,
  ),
  lookupEpics: endpoint(
    'autoTicket.lookupEpics',
    z.object({ projectId: jiraProjectId, query: lookupQuery }),
    searchEpicsEndpoint.response,
  ),
  lookupUsers: endpoint(
    'autoTicket.lookupUsers',
    z.object({ projectId: jiraProjectId, query: lookupQuery }),
    searchAssigneesEndpoint.response,
  ),
  /** ZeroPath repositories with their tags, for the assignee mapping. */
  lookupRepositories: endpoint(
    'autoTicket.lookupRepositories',
    z.object({}),
    z.object({
      repositories: z.array(
        z.object({
          id: z.string().refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE),
          name: z.string(),
          tags: z.array(z.string()),
        }),
      ),
    }),
  ),
} as const;
