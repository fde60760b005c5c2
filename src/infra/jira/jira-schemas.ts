import { z } from 'zod';

/**
 * Jira Cloud REST v3 response shapes (jira-rest-api.md). Not strict: Jira adds fields; only the
 * ones the app reads are checked. Ids Jira documents as numbers in some places are accepted as
 * either and normalised to strings.
 */
const id = z.union([z.string(), z.number()]).transform(String);

/** Minimal ADF document type; the ADF builders' `DocNode` fits it. */
export interface AdfDocument {
  type: 'doc';
  version: 1;
  content: readonly unknown[];
}
export const adfDocumentSchema = z.object({ type: z.literal('doc'), version: z.literal(1), content: z.array(z.unknown()) });

export const userSchema = z.object({
  accountId: z.string(),
  accountType: z.string().optional(),
  displayName: z.string().optional(),
  emailAddress: z.string().optional(),
  active: z.boolean().optional(),
  timeZone: z.string().optional(),
  locale: z.string().optional(),
  avatarUrls: z.record(z.string(), z.string()).optional(),
});

/** `GET /myself?expand=groups`: the user plus `groups: { size, items: [{ name, groupId }] }`. */
export const myselfWithGroupsSchema = userSchema.extend({
  groups: z
    .object({
      size: z.number().optional(),
      items: z.array(z.object({ name: z.string(), groupId: z.string().nullish().transform((v) => v ?? undefined) })).max(10_000),
    })
    .optional(),
});
export type JiraUser = z.infer<typeof userSchema>;

export const myPermissionsSchema = z.object({
  permissions: z.record(z.string(), z.object({ havePermission: z.boolean() })),
});

export const projectSchema = z.object({
  id,
  key: z.string(),
  name: z.string(),
  projectTypeKey: z.string().optional(),
  simplified: z.boolean().optional(),
  style: z.string().optional(),
});
export type JiraProject = z.infer<typeof projectSchema>;
export const projectPageSchema = z.object({
  startAt: z.number(),
  maxResults: z.number().optional(),
  total: z.number().optional(),
  isLast: z.boolean().optional(),
  values: z.array(projectSchema),
});

export const createMetaIssueTypeSchema = z.object({
  id,
  name: z.string(),
  subtask: z.boolean().optional(),
  hierarchyLevel: z.number().optional(),
  description: z.string().optional(),
  iconUrl: z.string().optional(),
});
export type CreateMetaIssueType = z.infer<typeof createMetaIssueTypeSchema>;
export const createMetaIssueTypePageSchema = z.object({
  startAt: z.number().optional(),
  total: z.number().optional(),
  issueTypes: z.array(createMetaIssueTypeSchema),
});

const allowedValueSchema = z.object({ id: id.optional(), name: z.string().optional(), value: z.string().optional() });

export const fieldSchemaSchema = z.object({
  type: z.string(),
  system: z.string().optional(),
  custom: z.string().optional(),
  customId: z.number().optional(),
  items: z.string().optional(),
});

export const createMetaFieldSchema = z.object({
  fieldId: z.string(),
  key: z.string().optional(),
  name: z.string(),
  required: z.boolean(),
  schema: fieldSchemaSchema,
  operations: z.array(z.string()).optional(),
  allowedValues: z.array(allowedValueSchema).optional(),
  hasDefaultValue: z.boolean().optional(),
  defaultValue: z.unknown().optional(),
});
export type CreateMetaField = z.infer<typeof createMetaFieldSchema>;
export const createMetaFieldPageSchema = z.object({
  startAt: z.number().optional(),
  total: z.number().optional(),
  fields: z.array(createMetaFieldSchema),
});

export const createdIssueSchema = z.object({ id, key: z.string(), self: z.string().optional() });
export type CreatedIssue = z.infer<typeof createdIssueSchema>;

export const errorCollectionSchema = z.object({
  errorMessages: z.array(z.string()).default([]),
  errors: z.record(z.string(), z.string()).default({}),
});

export const bulkCreateResponseSchema = z.object({
  issues: z.array(createdIssueSchema),
  errors: z.array(
    z.object({
      status: z.number().optional(),
      failedElementNumber: z.number().int().nonnegative(),
      elementErrors: errorCollectionSchema.default({ errorMessages: [], errors: {} }),
    }),
  ),
});

export const issueSchema = z.object({
  id,
  key: z.string(),
  fields: z.record(z.string(), z.unknown()).default({}),
  properties: z.record(z.string(), z.unknown()).optional(),
});
export type JiraIssue = z.infer<typeof issueSchema>;

export const statusCategorySchema = z.object({ id: id.optional(), key: z.string(), name: z.string().optional() });
export const statusSchema = z.object({ id, name: z.string(), statusCategory: statusCategorySchema });
export type JiraStatus = z.infer<typeof statusSchema>;

export const issuePropertySchema = z.object({ key: z.string(), value: z.unknown() });

export const remoteLinkResponseSchema = z.object({ id, self: z.string().optional() });

export const transitionFieldSchema = z.object({
  required: z.boolean(),
  name: z.string().optional(),
  schema: fieldSchemaSchema.optional(),
  allowedValues: z.array(allowedValueSchema).optional(),
});
export const transitionSchema = z.object({
  id,
  name: z.string(),
  to: statusSchema,
  hasScreen: z.boolean().optional(),
  isAvailable: z.boolean().optional(),
  isConditional: z.boolean().optional(),
  fields: z.record(z.string(), transitionFieldSchema).optional(),
});
export type JiraTransition = z.infer<typeof transitionSchema>;
export const transitionsSchema = z.object({ transitions: z.array(transitionSchema) });

export const commentSchema = z.object({
  id,
  author: userSchema.partial().optional(),
  updateAuthor: userSchema.partial().optional(),
  body: z.unknown(),
  created: z.string(),
  updated: z.string(),
  jsdPublic: z.boolean().optional(),
  properties: z.array(issuePropertySchema).optional(),
});
export type JiraComment = z.infer<typeof commentSchema>;
export const commentPageSchema = z.object({
  startAt: z.number(),
  maxResults: z.number().optional(),
  total: z.number(),
  comments: z.array(commentSchema),
});

export const searchJqlResponseSchema = z.object({
  issues: z.array(issueSchema),
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
});

/** POST /rest/api/3/issue/bulkfetch: missing and invisible issues are simply absent. */
export const bulkFetchResponseSchema = z.object({
  issues: z.array(issueSchema),
  issueErrors: z.array(z.unknown()).optional(),
});

export const resolutionSchema = z.object({
  id,
  name: z.string(),
  description: z.string().optional(),
  isDefault: z.boolean().optional(),
});
export type JiraResolution = z.infer<typeof resolutionSchema>;
export const resolutionPageSchema = z.object({
  startAt: z.union([z.number(), z.string()]).optional(),
  isLast: z.boolean().optional(),
  values: z.array(resolutionSchema),
});
