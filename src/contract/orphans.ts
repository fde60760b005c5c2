import { z } from 'zod';
import { notPrototypeKey, PROTOTYPE_KEY_MESSAGE } from '../core/object-keys';
import { endpoint } from './endpoint';

/**
 * Health's orphans (issue 17): issues an export created whose link was never stored, and links
 * whose issue is gone, each with a one-click adopt. Served by the admin resolver (ADMINISTER is
 * checked as the calling user on every call); the adopt trusts nothing in the payload but the id.
 */
const issueId = z.string().regex(/^\d{1,18}$/, 'A Jira issue id is a number.');
const findingId = z.string().trim().min(1).max(200).refine(notPrototypeKey, PROTOTYPE_KEY_MESSAGE);

export const orphanListSchema = z.object({
  unlinkedIssues: z.array(
    z.object({
      issueId: z.string(),
      issueKey: z.string(),
      findingId: z.string(),
      summary: z.string().optional(),
      /** The finding is linked to this other issue: the listed issue is a duplicate, not adoptable. */
      linkedTo: z.string().optional(),
    }),
  ),
  danglingLinks: z.array(z.object({ findingId: z.string(), issueId: z.string(), issueKey: z.string() })),
  scanned: z.object({ issues: z.number(), links: z.number(), complete: z.boolean() }),
});
export type OrphanListView = z.infer<typeof orphanListSchema>;

export const adoptOrphanPayloadSchema = z.discriminatedUnion('kind', [
  /** Link an issue that carries the app's finding marker to its finding. */
  z.strictObject({ kind: z.literal('issue'), issueId }),
  /** A link whose issue is gone: adopt another issue of the finding, or remove the link. */
  z.strictObject({ kind: z.literal('link'), findingId }),
]);
export type AdoptOrphanPayload = z.infer<typeof adoptOrphanPayloadSchema>;

export const adoptOrphanResultSchema = z.object({
  outcome: z.enum(['adopted', 'already_linked', 'link_removed', 'not_orphaned']),
  findingId: z.string(),
  issueKey: z.string().optional(),
  notes: z.array(z.string()),
});
export type AdoptOrphanResult = z.infer<typeof adoptOrphanResultSchema>;

export const orphanEndpoints = {
  list: endpoint('admin.listOrphans', z.object({}), orphanListSchema),
  adopt: endpoint('admin.adoptOrphan', adoptOrphanPayloadSchema, adoptOrphanResultSchema),
} as const;
