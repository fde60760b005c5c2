import type Resolver from '@forge/resolver';
import { orphanEndpoints } from '../../contract/orphans';
import { fail, ok, type Result } from '../../contract/result';
import { AdoptRefusedError, adoptOrphanIssue, listOrphans, repairDanglingLink } from '../../app/export/orphans';
import { createKvsPendingExportStore } from '../../infra/store/pending-export-store';
import { ZeroPathError } from '../../infra/zeropath/zeropath-errors';
import { createServices } from '../services';
import { createForgeJobQueue } from '../../infra/queue/job-queue';
import { type SyncJob } from '../../app/sync/sync-jobs';
import { defineEndpoint, type EndpointOptions } from './define-endpoint';

/**
 * Health's orphans on the admin resolver, with the admin options: every call checks ADMINISTER as
 * the calling user before anything is read or written. Jira is asked as the app (the app created
 * these issues and may see projects the admin cannot browse; the answer holds keys and summaries an
 * admin already sees in the link trail). The adopt is idempotent: adopting an adopted issue answers
 * `already_linked` and changes nothing.
 */
function mapOrphanError(error: unknown): Result<never> | undefined {
  if (error instanceof AdoptRefusedError) return fail(error.kind, error.message);
  if (error instanceof ZeroPathError) return fail('upstream', `ZeroPath could not be read: ${error.message}`);
  return undefined;
}

function deps() {
  const services = createServices();
  return {
    jira: services.jiraAsApp(),
    links: services.links,
    pending: createKvsPendingExportStore(),
    now: () => new Date(),
  };
}

export function registerOrphanEndpoints(resolver: Resolver, adminOptions: EndpointOptions): void {
  const options: EndpointOptions = {
    ...adminOptions,
    mapError: (error) => mapOrphanError(error) ?? adminOptions.mapError?.(error),
  };
  defineEndpoint(resolver, orphanEndpoints.list, options, async () => {
    const base = deps();
    return ok(await listOrphans({ ...base, scanLinks: (limit) => base.links.scanLinks(limit) }));
  });
  defineEndpoint(resolver, orphanEndpoints.adopt, options, async (payload, context) => {
    const { client } = await createServices().openZeroPath();
    const adoptDeps = { ...deps(), zeroPath: client, queueSync: (job: SyncJob) => createForgeJobQueue().push([{ ...job }]) };
    const admin = context.accountId ?? 'unknown';
    return ok(
      payload.kind === 'issue'
        ? await adoptOrphanIssue(adoptDeps, payload.issueId, admin)
        : await repairDanglingLink(adoptDeps, payload.findingId, admin),
    );
  });
}
