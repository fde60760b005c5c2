/**
 * The simulator's in-memory tenant: organisations, API tokens, repositories, findings, notes and
 * a status history per finding. Routes and the control API both mutate it through these methods,
 * so "ZeroPath changed it" and "the app changed it" follow the same rules (updatedAt bump, history).
 */
import {
  appendGeneratedFindings,
  createRandom,
  type GeneratedData,
  type Random,
} from './zeropath-data-generator';
import {
  ISSUE_COUNT_KEYS,
  renderV1Status,
  type Organization,
  type StoredFinding,
  type StoredRepository,
  type V1Issue,
  type V1Repository,
  type V2Status,
} from './zeropath-wire';

export interface TokenSpec {
  id: string;
  secret: string;
  /** ISO date; the token answers "expired" from then on (sim clock). */
  expiresAt?: string;
  orgIds: string[];
}

/** What `exportContent` writes: plain JSON (maps as entries). */
export interface ZeroPathContentSnapshot {
  readonly organizations: readonly Organization[];
  readonly repositories: readonly StoredRepository[];
  readonly findings: readonly StoredFinding[];
  readonly notes: ReadonlyArray<readonly [string, string]>;
  readonly history: ReadonlyArray<readonly [string, StatusChange[]]>;
  readonly beforeArchive: ReadonlyArray<readonly [string, V2Status]>;
  readonly plantedSecrets: ReadonlyArray<{ findingId: string; value: string }>;
}

export interface StatusChange {
  at: string;
  from: V2Status;
  to: V2Status;
  /** `token:<tokenId>` for API calls, or what the control caller passed (default `control`). */
  by: string;
  reason?: string;
}

/** Content a rescan or a triage can change; identity, org and timestamps are the store's. */
export type FindingContentPatch = Partial<
  Omit<StoredFinding, 'id' | 'organizationId' | 'v2Status' | 'createdAt' | 'updatedAt'>
>;

export type NewFinding = Partial<Omit<StoredFinding, 'organizationId'>>;

export class SimClock {
  #fixed: number | undefined;
  #offset = 0;

  constructor(start?: string | number) {
    if (start !== undefined) this.set(start);
  }

  now(): number {
    return this.#fixed ?? Date.now() + this.#offset;
  }

  /** Freezes the clock at a time (ISO string or epoch ms). */
  set(time: string | number): void {
    const ms = typeof time === 'number' ? time : Date.parse(time);
    if (!Number.isFinite(ms))
      throw new Error(`clock time must be an ISO date or epoch ms, got '${String(time)}'`);
    this.#fixed = ms;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms)) throw new Error(`advance needs a number of milliseconds, got '${String(ms)}'`);
    if (this.#fixed === undefined) this.#offset += ms;
    else this.#fixed += ms;
  }
}

export class SimNotFoundError extends Error {}
export class SimInputError extends Error {}

export class ZeroPathStore {
  readonly clock: SimClock;
  #rnd: Random;
  readonly #dashboardBaseUrl: string;
  readonly #orgs = new Map<string, Organization>();
  readonly #tokens = new Map<string, TokenSpec>();
  readonly #repos = new Map<string, StoredRepository>();
  readonly #findings = new Map<string, StoredFinding>();
  readonly #notes = new Map<string, string>();
  readonly #history = new Map<string, StatusChange[]>();
  /** Status before an archive, so `unarchive` restores it rather than guessing. */
  readonly #beforeArchive = new Map<string, V2Status>();
  readonly #plantedSecrets: Array<{ findingId: string; value: string }>;

  constructor(data: GeneratedData, options: { clock: SimClock; seed: number; dashboardBaseUrl: string }) {
    this.clock = options.clock;
    // Offset the seed so findings added later differ from the initial ones of the same seed.
    this.#rnd = createRandom(options.seed + 0x5eed);
    this.#dashboardBaseUrl = options.dashboardBaseUrl;
    this.#plantedSecrets = [...data.plantedSecrets];
    for (const org of data.organizations) this.addOrg(org);
    for (const repo of data.repositories) this.#repos.set(repo.id, structuredClone(repo));
    for (const finding of data.findings) this.#findings.set(finding.id, structuredClone(finding));
  }

  // ---- tokens and orgs ----

  addToken(token: TokenSpec): void {
    if (token.id.length === 0 || token.secret.length === 0)
      throw new SimInputError('token id and secret must be non-empty');
    if (token.expiresAt !== undefined && Number.isNaN(Date.parse(token.expiresAt))) {
      throw new SimInputError(`expiresAt must be an ISO date, got '${token.expiresAt}'`);
    }
    this.#tokens.set(token.id, { ...token, orgIds: [...token.orgIds] });
  }

  /** Resolves the two auth headers to a token, or says why not. */
  authenticate(
    id: string | undefined,
    secret: string | undefined,
  ): { token: TokenSpec } | { failure: 'invalid' | 'expired' } {
    const token = id === undefined ? undefined : this.#tokens.get(id);
    if (token === undefined || secret === undefined || token.secret !== secret) return { failure: 'invalid' };
    if (token.expiresAt !== undefined && Date.parse(token.expiresAt) <= this.clock.now())
      return { failure: 'expired' };
    return { token };
  }

  addOrg(org: { id?: string; name: string; role?: string }): Organization {
    const created: Organization = {
      id: org.id ?? this.#rnd.uuid(),
      name: org.name,
      ...(org.role ? { role: org.role } : {}),
    };
    this.#orgs.set(created.id, created);
    return created;
  }

  organizations(): Organization[] {
    return [...this.#orgs.values()];
  }

  organization(id: string): Organization | undefined {
    return this.#orgs.get(id);
  }

  // ---- repositories ----

  addRepository(input: {
    name: string;
    tags?: string[];
    organizationId?: string;
    id?: string;
  }): StoredRepository {
    const organizationId = input.organizationId ?? this.#onlyOrgId();
    if (!this.#orgs.has(organizationId))
      throw new SimNotFoundError(`organization ${organizationId} does not exist`);
    const url = `https://github.com/${input.name}`;
    const repo: StoredRepository = {
      id: input.id ?? this.#rnd.uuid(),
      organizationId,
      repositoryName: input.name,
      name: input.name.split('/').pop() ?? input.name,
      url,
      repositoryUrl: url,
      tags: [...(input.tags ?? [])],
      isPrScanningEnabled: true,
      defaultScanTargetBranch: 'main',
      validationThresholdName: 'Medium',
      createdAt: new Date(this.clock.now()).toISOString(),
      lastScannedAt: new Date(this.clock.now()).toISOString(),
    };
    this.#repos.set(repo.id, repo);
    return repo;
  }

  setRepositoryTags(repositoryId: string, tags: string[]): StoredRepository {
    const repo = this.#repos.get(repositoryId);
    if (repo === undefined) throw new SimNotFoundError(`repository ${repositoryId} does not exist`);
    repo.tags = [...tags];
    return repo;
  }

  repositories(organizationId?: string): StoredRepository[] {
    const all = [...this.#repos.values()];
    return organizationId === undefined ? all : all.filter((r) => r.organizationId === organizationId);
  }

  /** Repository with live issue counts, as `repositories/list` answers. */
  renderRepository(repo: StoredRepository): V1Repository {
    const issueCounts = Object.fromEntries(
      ISSUE_COUNT_KEYS.map((key) => [key, 0]),
    ) as V1Repository['issueCounts'];
    for (const finding of this.#findings.values()) {
      if (finding.repositoryId !== repo.id) continue;
      const status = renderV1Status(finding.v2Status);
      if (status in issueCounts) issueCounts[status as keyof typeof issueCounts] += 1;
      if (finding.v2Status === 'PENDING_REVIEW') issueCounts.newOpen += 1;
      if (status === 'open' && finding.patch !== null) issueCounts.patchable += 1;
    }
    const { organizationId: _org, ...rest } = repo;
    return { ...structuredClone(rest), issueCounts };
  }

  // ---- findings ----

  findings(): StoredFinding[] {
    return [...this.#findings.values()];
  }

  finding(id: string): StoredFinding | undefined {
    return this.#findings.get(id);
  }

  requireFinding(id: string, organizationId?: string): StoredFinding {
    const finding = this.#findings.get(id);
    // Another org's finding answers exactly like a missing one: ids must not leak across tenants.
    if (
      finding === undefined ||
      (organizationId !== undefined && finding.organizationId !== organizationId)
    ) {
      throw new SimNotFoundError('Issue not found');
    }
    return finding;
  }

  renderIssue(finding: StoredFinding): V1Issue {
    const { organizationId: _org, v2Status, ...rest } = finding;
    return { ...structuredClone(rest), status: renderV1Status(v2Status) };
  }

  addFindings(
    spec: number | NewFinding[],
    options: { organizationId?: string; repositoryId?: string } = {},
  ): StoredFinding[] {
    const count = typeof spec === 'number' ? spec : spec.length;
    if (!Number.isInteger(count) || count < 0)
      throw new SimInputError(`findings count must be a non-negative integer, got ${count}`);
    const organizationId = options.organizationId ?? this.#onlyOrgId();
    const scratch: GeneratedData = {
      organizations: [],
      repositories: this.repositories(organizationId).filter(
        (r) => options.repositoryId === undefined || r.id === options.repositoryId,
      ),
      findings: [],
      plantedSecrets: [],
    };
    if (scratch.repositories.length === 0) throw new SimNotFoundError('no repository to attach findings to');
    const generated = appendGeneratedFindings(scratch, this.#rnd, count, {
      anchorMs: this.clock.now(),
      dashboardBaseUrl: this.#dashboardBaseUrl,
      categoryAt: (index) => (typeof spec === 'number' ? undefined : spec[index]?.vulnCategory),
    });
    const added = generated.map((finding, index) => {
      // New findings appear now: a poller reading "updated since" must see them.
      const nowIso = this.#nextTimestamp();
      const overlay = typeof spec === 'number' ? {} : (spec[index] ?? {});
      const merged: StoredFinding = {
        ...finding,
        createdAt: nowIso,
        updatedAt: nowIso,
        ...overlay,
        organizationId,
      };
      if (overlay.id !== undefined) merged.url = `${this.#dashboardBaseUrl}/app/issues/${overlay.id}`;
      if (overlay.repositoryId !== undefined) {
        const repo = this.#repos.get(overlay.repositoryId);
        if (repo === undefined)
          throw new SimNotFoundError(`repository ${overlay.repositoryId} does not exist`);
        merged.repositoryName = repo.repositoryName;
      }
      if (this.#findings.has(merged.id)) throw new SimInputError(`finding ${merged.id} already exists`);
      this.#findings.set(merged.id, merged);
      if (overlay.sastCodeSegment === undefined) {
        for (const planted of scratch.plantedSecrets) {
          if (planted.findingId === finding.id)
            this.#plantedSecrets.push({ findingId: merged.id, value: planted.value });
        }
      }
      return merged;
    });
    return added;
  }

  /** Changes a finding's status as ZeroPath would (triage, fix verification), recording who and why. */
  setFindingStatus(
    id: string,
    status: V2Status,
    meta: { reason?: string; by?: string } = {},
    organizationId?: string,
  ): StoredFinding {
    const finding = this.requireFinding(id, organizationId);
    if (finding.v2Status === status) return finding;
    const at = this.#nextTimestamp(finding.updatedAt);
    this.#historyOf(id).push({
      at,
      from: finding.v2Status,
      to: status,
      by: meta.by ?? 'control',
      ...(meta.reason !== undefined ? { reason: meta.reason } : {}),
    });
    if (status === 'ACCEPTED_RISK') this.#beforeArchive.set(id, finding.v2Status);
    finding.v2Status = status;
    finding.updatedAt = at;
    return finding;
  }

  /** The status an `unarchive` returns to: the one before the archive, else new/pending review. */
  statusBeforeArchive(id: string): V2Status {
    return this.#beforeArchive.get(id) ?? 'PENDING_REVIEW';
  }

  updateFinding(id: string, patch: FindingContentPatch): StoredFinding {
    const finding = this.requireFinding(id);
    for (const key of ['id', 'organizationId', 'v2Status', 'status', 'createdAt', 'updatedAt']) {
      if (key in patch)
        throw new SimInputError(`updateFinding cannot change '${key}' (use setFindingStatus for status)`);
    }
    if (patch.repositoryId !== undefined) {
      const repo = this.#repos.get(patch.repositoryId);
      if (repo === undefined) throw new SimNotFoundError(`repository ${patch.repositoryId} does not exist`);
      finding.repositoryName = repo.repositoryName;
    }
    Object.assign(finding, structuredClone(patch));
    finding.updatedAt = this.#nextTimestamp(finding.updatedAt);
    return finding;
  }

  setNotes(id: string, notes: string, organizationId: string): string {
    this.requireFinding(id, organizationId);
    // Whitespace-only clears the note (reference §2.5).
    const stored = notes.trim().length === 0 ? '' : notes;
    if (stored === '') this.#notes.delete(id);
    else this.#notes.set(id, stored);
    return stored;
  }

  notes(id: string): string | undefined {
    return this.#notes.get(id);
  }

  statusHistory(id: string): readonly StatusChange[] {
    return this.#history.get(id) ?? [];
  }

  // ---- persistence (the sandbox's `--state FILE`) ----

  /**
   * Organisations, repositories, findings (status, notes, history) as they are now. Tokens are not
   * content: whoever starts the simulator passes them each time.
   */
  exportContent(): ZeroPathContentSnapshot {
    return {
      organizations: [...this.#orgs.values()],
      repositories: [...this.#repos.values()],
      findings: [...this.#findings.values()],
      notes: [...this.#notes],
      history: [...this.#history],
      beforeArchive: [...this.#beforeArchive],
      plantedSecrets: [...this.#plantedSecrets],
    };
  }

  importContent(snapshot: ZeroPathContentSnapshot): void {
    this.#orgs.clear();
    for (const org of snapshot.organizations) this.#orgs.set(org.id, structuredClone(org));
    this.#repos.clear();
    for (const repo of snapshot.repositories) this.#repos.set(repo.id, structuredClone(repo));
    this.#findings.clear();
    for (const finding of snapshot.findings) this.#findings.set(finding.id, structuredClone(finding));
    this.#notes.clear();
    for (const [id, note] of snapshot.notes) this.#notes.set(id, note);
    this.#history.clear();
    for (const [id, changes] of snapshot.history) this.#history.set(id, structuredClone(changes));
    this.#beforeArchive.clear();
    for (const [id, status] of snapshot.beforeArchive) this.#beforeArchive.set(id, status);
    this.#plantedSecrets.splice(0, this.#plantedSecrets.length, ...snapshot.plantedSecrets);
    // The seeded generator would hand out the ids of findings added before the restart again.
    this.#rnd = createRandom((Date.now() ^ this.#findings.size) >>> 0);
  }

  plantedSecrets(): ReadonlyArray<{ findingId: string; value: string }> {
    return this.#plantedSecrets;
  }

  #historyOf(id: string): StatusChange[] {
    let list = this.#history.get(id);
    if (list === undefined) {
      list = [];
      this.#history.set(id, list);
    }
    return list;
  }

  /** Strictly after the previous value even with a frozen clock, so updatedAt cursors always advance. */
  #nextTimestamp(previous?: string): string {
    const prevMs = previous === undefined ? Number.NEGATIVE_INFINITY : Date.parse(previous);
    return new Date(Math.max(this.clock.now(), prevMs + 1)).toISOString();
  }

  #onlyOrgId(): string {
    const [first, ...others] = this.#orgs.keys();
    if (first === undefined || others.length > 0) {
      throw new SimInputError(
        'organizationId is required when the simulator holds zero or several organizations',
      );
    }
    return first;
  }
}
