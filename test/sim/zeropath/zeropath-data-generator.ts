/**
 * Seeded generator of realistic ZeroPath data: an organisation, repositories with tags, and findings
 * across SAST / SCA / SECRETS / IAC with a score distribution skewed towards medium and low, as a
 * real backlog is. Deterministic for a seed (same seed → identical data), and cheap: no per-finding
 * regex or JSON work, so 10,000 findings take a few milliseconds.
 *
 * Secrets findings carry cleartext TEST credentials in `sastCodeSegment`. Every credential is
 * assembled at run time from fragments so that no secret scanner flags this repository, and each
 * planted value is recorded so a test can assert none of them ever reaches Jira (`secretValuesOf`).
 */
import {
  type CodeScanType,
  type Organization,
  type StoredFinding,
  type StoredRepository,
  type V1Patch,
  type V2Status,
  type Validated,
  type VulnCategory,
} from './zeropath-wire';

export interface GeneratedData {
  organizations: Organization[];
  repositories: StoredRepository[];
  findings: StoredFinding[];
  /** Cleartext test credentials planted in secrets findings, by finding id. */
  plantedSecrets: Array<{ findingId: string; value: string }>;
}

export interface GenerateOptions {
  seed: number;
  /** How many repositories (default 8: the demo set). */
  repositories?: number;
  findings: number;
  /** Organisation the data belongs to (default Acme Corp). */
  organization?: Organization;
  /** Latest timestamp the data may carry (default 2026-06-01T00:00:00Z), for determinism. */
  anchor?: string;
  /** Dashboard base for `url` (default https://zeropath.com). */
  dashboardBaseUrl?: string;
}

export const DEMO_ORGANIZATION: Organization = {
  id: 'b5f1c0de-ac3e-4c0f-9e11-000000000001',
  name: 'Acme Corp',
  role: 'admin',
};

const DEFAULT_ANCHOR = '2026-06-01T00:00:00.000Z';
const DAY_MS = 86_400_000;

/** mulberry32: tiny, fast, good enough for test data; not for anything security-relevant. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(next() * items.length)] as T;
  };
  const weighted = <T>(entries: ReadonlyArray<readonly [T, number]>): T => {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let roll = next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return (entries[entries.length - 1] as readonly [T, number])[0];
  };
  const chars = (alphabet: string, length: number): string => {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
    return out;
  };
  // 8 hex digits per draw instead of one: ids and SHAs dominate the generator's cost otherwise.
  const hex8 = (): string =>
    Math.floor(next() * 4294967296)
      .toString(16)
      .padStart(8, '0');
  const hex = (length: number): string => {
    let out = '';
    while (out.length < length) out += hex8();
    return out.slice(0, length);
  };
  const uuid = (): string => {
    const a = hex8();
    const b = hex8();
    const c = hex8();
    return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${'89ab'[Math.floor(next() * 4)]}${c.slice(1, 4)}-${c.slice(4)}${hex8()}`;
  };
  return { next, int, pick, weighted, chars, hex, uuid };
}

export interface Random {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T;
  chars(alphabet: string, length: number): string;
  hex(length: number): string;
  uuid(): string;
}

interface RepoSeed {
  name: string;
  tags: string[];
  language: string;
}

const DEMO_REPOSITORIES: readonly RepoSeed[] = [
  { name: 'acme/payments-api', tags: ['team-payments', 'pci'], language: 'python' },
  { name: 'acme/billing-service', tags: ['team-payments', 'pci', 'internal'], language: 'go' },
  { name: 'acme/web-frontend', tags: ['team-web'], language: 'typescript' },
  { name: 'acme/mobile-bff', tags: ['team-web', 'external'], language: 'typescript' },
  { name: 'acme/auth-service', tags: ['team-identity', 'pci'], language: 'java' },
  { name: 'acme/infra', tags: ['platform', 'internal'], language: 'hcl' },
  { name: 'acme/data-pipeline', tags: ['team-data', 'internal'], language: 'python' },
  { name: 'acme/admin-portal', tags: ['team-web', 'internal'], language: 'typescript' },
];

const EXTRA_TAGS = [
  'team-payments',
  'team-web',
  'team-data',
  'platform',
  'pci',
  'internal',
  'external',
  'legacy',
];

interface FindingContent {
  category: VulnCategory;
  title: string;
  description: string;
  vulnClass: string;
  cwes: string[];
  language: string;
  affectedFile: string;
  snippet: string;
  lineSpan: number;
  unpatchable: boolean;
  secrets: string[];
}

type ContentMaker = (rnd: Random, repo: RepoSeed) => FindingContent;

const SAST: readonly ContentMaker[] = [
  (rnd, repo) => {
    const table = rnd.pick(['orders', 'invoices', 'customers', 'refunds']);
    return sast(
      repo,
      'SQL Injection',
      ['CWE-89'],
      `SQL injection in ${table} lookup`,
      `User input from the \`q\` query parameter is concatenated into a SQL statement against \`${table}\`. An attacker can read or modify arbitrary rows.`,
      `app/repositories/${table}.py`,
      `def find_${table}(q):\n    sql = "SELECT * FROM ${table} WHERE ref = '" + q + "'"\n    return db.execute(sql).fetchall()`,
    );
  },
  (rnd, repo) => {
    const resource = rnd.pick(['invoice', 'statement', 'profile', 'document']);
    return sast(
      repo,
      'Insecure Direct Object Reference',
      ['CWE-639'],
      `IDOR: any authenticated user can read another customer's ${resource}s`,
      `The handler loads a ${resource} by the id taken from the URL path and returns it without checking ownership. An attacker with any valid session can enumerate ids.`,
      `app/api/${resource}s.py`,
      `@router.get('/${resource}s/{id}')\ndef get_${resource}(id: int, user=Depends(current_user)):\n    return db.get(${capitalise(resource)}, id).to_dict()`,
    );
  },
  (_rnd, repo) =>
    sast(
      repo,
      'Cross-Site Scripting',
      ['CWE-79'],
      'Stored XSS in comment rendering',
      "Comment bodies are rendered with `dangerouslySetInnerHTML` without sanitisation, so a stored comment can run script in other users' sessions.",
      'src/components/CommentBody.tsx',
      'export const CommentBody = ({ html }: Props) => (\n  <div dangerouslySetInnerHTML={{ __html: html }} />\n);',
    ),
  (rnd, repo) => {
    const host = rnd.pick(['metadata.internal', 'localhost:8080', '169.254.169.254']);
    return sast(
      repo,
      'Server-Side Request Forgery',
      ['CWE-918'],
      'SSRF via user-supplied webhook URL',
      `The webhook test endpoint fetches any URL the caller supplies, including internal hosts such as \`${host}\`.`,
      'app/webhooks/test_delivery.py',
      'def test_delivery(url: str):\n    return requests.get(url, timeout=5).status_code',
    );
  },
  (_rnd, repo) =>
    sast(
      repo,
      'Path Traversal',
      ['CWE-22'],
      'Path traversal in export download',
      'The export file name is joined to the export directory without normalisation; `../` sequences escape it.',
      'app/exports/download.go',
      'func Download(w http.ResponseWriter, r *http.Request) {\n\tname := r.URL.Query().Get("file")\n\thttp.ServeFile(w, r, filepath.Join(exportDir, name))\n}',
    ),
  (_rnd, repo) =>
    sast(
      repo,
      'Missing Authorization',
      ['CWE-862'],
      'Admin endpoint lacks role check',
      'The bulk refund endpoint checks authentication but not the `admin` role, so any user can trigger refunds.',
      'app/api/admin/refunds.py',
      "@router.post('/admin/refunds/bulk')\ndef bulk_refund(req: BulkRefund, user=Depends(current_user)):\n    return refunds.run(req.ids)",
    ),
];

function sast(
  repo: RepoSeed,
  vulnClass: string,
  cwes: string[],
  title: string,
  description: string,
  file: string,
  snippet: string,
): FindingContent {
  return {
    category: 'SAST',
    title,
    description,
    vulnClass,
    cwes,
    language: repo.language,
    affectedFile: file,
    snippet,
    lineSpan: snippet.split('\n').length,
    unpatchable: false,
    secrets: [],
  };
}

const SCA_PACKAGES = [
  {
    pkg: 'lodash',
    bad: '4.17.15',
    good: '4.17.21',
    cve: 'CVE-2020-8203',
    cls: 'Prototype Pollution',
    cwe: 'CWE-1321',
    eco: 'npm',
  },
  {
    pkg: 'jsonwebtoken',
    bad: '8.5.1',
    good: '9.0.0',
    cve: 'CVE-2022-23529',
    cls: 'Improper Signature Verification',
    cwe: 'CWE-347',
    eco: 'npm',
  },
  {
    pkg: 'requests',
    bad: '2.25.0',
    good: '2.32.0',
    cve: 'CVE-2024-35195',
    cls: 'Improper Certificate Validation',
    cwe: 'CWE-295',
    eco: 'pypi',
  },
  {
    pkg: 'jackson-databind',
    bad: '2.9.8',
    good: '2.12.7',
    cve: 'CVE-2019-12384',
    cls: 'Deserialization of Untrusted Data',
    cwe: 'CWE-502',
    eco: 'maven',
  },
  {
    pkg: 'golang.org/x/net',
    bad: '0.7.0',
    good: '0.23.0',
    cve: 'CVE-2023-44487',
    cls: 'Uncontrolled Resource Consumption',
    cwe: 'CWE-400',
    eco: 'go',
  },
] as const;

const SCA: ContentMaker = (rnd, repo) => {
  const p = rnd.pick(SCA_PACKAGES);
  const manifest = { npm: 'package.json', pypi: 'requirements.txt', maven: 'pom.xml', go: 'go.mod' }[p.eco];
  const snippet = p.eco === 'npm' ? `"dependencies": {\n  "${p.pkg}": "${p.bad}"\n}` : `${p.pkg} ${p.bad}`;
  return {
    category: 'SCA',
    title: `Vulnerable dependency: ${p.pkg} ${p.bad} (${p.cls.toLowerCase()}, ${p.cve})`,
    description: `${p.pkg} ${p.bad} is affected by ${p.cve}. The vulnerable code path is reachable from this repository. Upgrade ${p.pkg} to ${p.good}.`,
    vulnClass: p.cls,
    cwes: [p.cwe],
    language: repo.language,
    affectedFile: manifest,
    snippet,
    lineSpan: 1,
    unpatchable: false,
    secrets: [],
  };
};

const IAC: readonly ContentMaker[] = [
  () =>
    iac(
      'Security Misconfiguration',
      ['CWE-778'],
      'S3 bucket has access logging disabled',
      'terraform/s3.tf',
      'resource "aws_s3_bucket" "artifacts" {\n  bucket = "acme-artifacts"\n}',
    ),
  () =>
    iac(
      'Overly Permissive Network Rule',
      ['CWE-284'],
      'Security group allows SSH from 0.0.0.0/0',
      'terraform/network.tf',
      'ingress {\n  from_port   = 22\n  to_port     = 22\n  cidr_blocks = ["0.0.0.0/0"]\n}',
    ),
  () =>
    iac(
      'Missing Encryption',
      ['CWE-311'],
      'RDS instance storage is not encrypted',
      'terraform/rds.tf',
      'resource "aws_db_instance" "main" {\n  engine            = "postgres"\n  storage_encrypted = false\n}',
    ),
  () =>
    iac(
      'Privileged Container',
      ['CWE-250'],
      'Kubernetes deployment runs a privileged container',
      'k8s/deployment.yaml',
      'securityContext:\n  privileged: true\n  runAsUser: 0',
    ),
];

function iac(
  vulnClass: string,
  cwes: string[],
  title: string,
  file: string,
  snippet: string,
): FindingContent {
  return {
    category: 'IAC',
    title,
    description: `${title}. Review the resource definition and apply the hardened setting.`,
    vulnClass,
    cwes,
    language: 'hcl',
    affectedFile: file,
    snippet,
    lineSpan: snippet.split('\n').length,
    unpatchable: false,
    secrets: [],
  };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

// Fragments joined at run time: the joined values are AWS's published documentation examples and
// obviously fake tokens, but no scanner should match this file's text.
const AWS_KEY_ID = ['AK', 'IA', 'IOSFODNN7', 'EXAMPLE'].join('');
const AWS_SECRET = ['wJalrXUtnFEMI', 'K7MDENG', 'bPxRfiCYEXAMPLEKEY'].join('/');

const SECRETS: readonly ContentMaker[] = [
  () =>
    secret(
      'Hardcoded AWS credentials in settings module',
      'config/settings.py',
      'python',
      `AWS_ACCESS_KEY_ID = "${AWS_KEY_ID}"\nAWS_SECRET_ACCESS_KEY = "${AWS_SECRET}"\nAWS_REGION = "us-east-1"`,
      [AWS_KEY_ID, AWS_SECRET],
    ),
  (rnd) => {
    const token = ['gh', 'p_'].join('') + rnd.chars(ALNUM, 36);
    return secret(
      'GitHub personal access token committed in CI script',
      'scripts/release.sh',
      'shell',
      `#!/usr/bin/env bash\nexport GITHUB_TOKEN=${token}\ngh release create "$VERSION"`,
      [token],
    );
  },
  (rnd) => {
    const key = ['sk', 'live', rnd.chars(ALNUM, 24)].join('_');
    return secret(
      'Stripe live secret key in payment client',
      'app/payments/stripe_client.py',
      'python',
      `import stripe\nstripe.api_key = "${key}"`,
      [key],
    );
  },
  (rnd) => {
    const lines = [rnd.chars(B64, 64), rnd.chars(B64, 64), rnd.chars(B64, 40) + '=='];
    const kind = ['RSA', 'PRIVATE', 'KEY'].join(' ');
    const pem = [`-----BEGIN ${kind}-----`, ...lines, `-----END ${kind}-----`].join('\n');
    return secret('Private key committed to repository', 'deploy/keys/service.pem', 'text', pem, lines);
  },
  (rnd) => {
    const password = `${rnd.chars(ALNUM, 12)}!${rnd.int(10, 99)}`;
    const url = `postgres://payments_app:${password}@db.prod.acme.internal:5432/payments`;
    return secret(
      'Database password in connection string',
      'config/database.yml',
      'yaml',
      `production:\n  adapter: postgresql\n  url: "${url}"`,
      [password],
    );
  },
];

function secret(
  title: string,
  file: string,
  language: string,
  snippet: string,
  secrets: string[],
): FindingContent {
  return {
    category: 'SECRETS',
    title,
    description:
      'A credential is committed in plain text. Anyone with read access to the repository (or its history) can use it. Rotate it and load it from a secrets manager.',
    vulnClass: 'Hardcoded Secret',
    cwes: ['CWE-798'],
    language,
    affectedFile: file,
    snippet,
    lineSpan: snippet.split('\n').length,
    unpatchable: true,
    secrets,
  };
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Score windows match ZeroPath's buckets; the weights give a backlog-like shape. */
const SCORE_BANDS: ReadonlyArray<readonly [readonly [number, number], number]> = [
  [[90, 100], 8],
  [[70, 89], 22],
  [[40, 69], 40],
  [[10, 39], 22],
  [[0, 9], 8],
];

const STATUS_WEIGHTS: ReadonlyArray<readonly [V2Status, number]> = [
  ['PENDING_REVIEW', 45],
  ['REVIEWING', 8],
  ['BACKLOG', 7],
  ['PATCHING', 5],
  ['RESOLVED', 15],
  ['FALSE_POSITIVE', 10],
  ['NON_EXPLOITABLE', 4],
  ['ACCEPTED_RISK', 6],
];

const CATEGORY_WEIGHTS: ReadonlyArray<readonly [VulnCategory, number]> = [
  ['SAST', 55],
  ['SCA', 25],
  ['SECRETS', 10],
  ['IAC', 10],
];

const GENERATED_CATEGORIES: ReadonlySet<VulnCategory> = new Set(
  CATEGORY_WEIGHTS.map(([category]) => category),
);

export function generateZeroPathData(options: GenerateOptions): GeneratedData {
  const rnd = createRandom(options.seed);
  const organization = options.organization ?? DEMO_ORGANIZATION;
  const anchorMs = Date.parse(options.anchor ?? DEFAULT_ANCHOR);
  if (Number.isNaN(anchorMs)) throw new Error(`anchor must be an ISO date, got '${options.anchor ?? ''}'`);
  if (!Number.isInteger(options.findings) || options.findings < 0) {
    throw new Error(`findings must be a non-negative integer, got ${options.findings}`);
  }
  const repoCount = options.repositories ?? DEMO_REPOSITORIES.length;
  if (!Number.isInteger(repoCount) || repoCount < 1)
    throw new Error(`repositories must be ≥ 1, got ${repoCount}`);
  const seeds = buildRepoSeeds(rnd, repoCount);
  const repositories = seeds.map((seed) => makeRepository(rnd, seed, organization.id, anchorMs));
  const data: GeneratedData = {
    organizations: [organization],
    repositories,
    findings: [],
    plantedSecrets: [],
  };
  appendGeneratedFindings(data, rnd, options.findings, {
    anchorMs,
    dashboardBaseUrl: options.dashboardBaseUrl ?? 'https://zeropath.com',
  });
  return data;
}

/** Adds `count` findings to existing data (used by the generator and by `control.addFindings(n)`). */
export function appendGeneratedFindings(
  data: GeneratedData,
  rnd: Random,
  count: number,
  context: {
    anchorMs: number;
    dashboardBaseUrl: string;
    organizationId?: string;
    /** Forces the category of the i-th finding, so its title, file and snippet fit the category. */
    categoryAt?: (index: number) => VulnCategory | undefined;
  },
): StoredFinding[] {
  const repos = context.organizationId
    ? data.repositories.filter((r) => r.organizationId === context.organizationId)
    : data.repositories;
  if (repos.length === 0) throw new Error('cannot generate findings: no repository to attach them to');
  const seedsByRepo = new Map(repos.map((repo) => [repo.id, repoSeedOf(repo)]));
  const scansByRepo = new Map(repos.map((repo) => [repo.id, [rnd.uuid(), rnd.uuid(), rnd.uuid()]]));
  const added: StoredFinding[] = [];
  for (let i = 0; i < count; i++) {
    const repo = rnd.pick(repos);
    const seed = seedsByRepo.get(repo.id) as RepoSeed;
    const forced = context.categoryAt?.(i);
    const category =
      forced !== undefined && GENERATED_CATEGORIES.has(forced) ? forced : rnd.weighted(CATEGORY_WEIGHTS);
    const content =
      category === 'SAST'
        ? rnd.pick(SAST)(rnd, seed)
        : category === 'SCA'
          ? SCA(rnd, seed)
          : category === 'IAC'
            ? rnd.pick(IAC)(rnd, seed)
            : rnd.pick(SECRETS)(rnd, seed);
    const [low, high] = rnd.weighted(SCORE_BANDS);
    // Secrets are scored high by scanners: a leaked live credential is rarely a low.
    const score = category === 'SECRETS' ? rnd.int(75, 100) : rnd.int(low, high);
    const v2Status = rnd.weighted(STATUS_WEIGHTS);
    const createdMs = context.anchorMs - rnd.int(1, 180) * DAY_MS + rnd.int(0, DAY_MS - 1);
    const updatedMs = Math.min(context.anchorMs, createdMs + rnd.int(0, 20) * DAY_MS + rnd.int(0, 3_600_000));
    const findingId = rnd.uuid();
    const startLine = rnd.int(1, 400);
    const scanType: CodeScanType = category === 'SCA' ? 'SCAScan' : rnd.next() < 0.25 ? 'PrScan' : 'FullScan';
    const validated: Validated =
      v2Status === 'FALSE_POSITIVE' ? 'DISCONFIRMED' : rnd.next() < 0.7 ? 'CONFIRMED' : 'UNKNOWN';
    const finding: StoredFinding = {
      id: findingId,
      organizationId: repo.organizationId,
      repositoryId: repo.id,
      repositoryName: repo.repositoryName,
      v2Status,
      generatedTitle: content.title,
      generatedDescription: content.description,
      language: content.language,
      vulnClass: content.vulnClass,
      cwes: content.cwes,
      vulnCategory: content.category,
      severity: Math.max(0, Math.min(10, Math.round(score / 10) + rnd.int(-1, 1))),
      confidence: rnd.int(3, 10),
      score,
      affectedFile: content.affectedFile,
      sastCodeSegment: content.snippet,
      startLine,
      endLine: startLine + content.lineSpan - 1,
      startColumn: 1,
      endColumn: rnd.int(20, 100),
      isPrBlocked: scanType === 'PrScan' && score >= 75,
      triagePhase: v2Status === 'PENDING_REVIEW' ? 'VALIDATED' : 'TRIAGED',
      validated,
      unpatchable: content.unpatchable,
      createdAt: new Date(createdMs).toISOString(),
      updatedAt: new Date(updatedMs).toISOString(),
      url: `${context.dashboardBaseUrl}/app/issues/${findingId}`,
      naturalLanguageRuleViolation: null,
      codeScan: {
        id: rnd.pick(scansByRepo.get(repo.id) ?? []),
        scanTargetBranchCommitSha: rnd.hex(40),
        codeScanType: scanType,
      },
      falsePositiveReason:
        v2Status === 'FALSE_POSITIVE' ? 'Input is validated upstream; not reachable by an attacker.' : null,
      patch: maybePatch(rnd, repo.repositoryName, content, v2Status, createdMs, updatedMs),
    };
    data.findings.push(finding);
    for (const value of content.secrets) data.plantedSecrets.push({ findingId, value });
    added.push(finding);
  }
  return added;
}

function maybePatch(
  rnd: Random,
  repoName: string,
  content: FindingContent,
  status: V2Status,
  createdMs: number,
  updatedMs: number,
): V1Patch | null {
  if (content.unpatchable) return null;
  const hasPatch = status === 'PATCHING' || status === 'RESOLVED' ? rnd.next() < 0.8 : rnd.next() < 0.2;
  if (!hasPatch) return null;
  const prStatus =
    status === 'RESOLVED' ? 'MERGED' : status === 'PATCHING' ? 'OPEN' : rnd.pick(['OPEN', 'CLOSED']);
  const patchMs = createdMs + Math.floor((updatedMs - createdMs) / 2);
  const firstLine = content.snippet.split('\n')[0] ?? '';
  return {
    id: rnd.uuid(),
    prLink: `https://github.com/${repoName}/pull/${rnd.int(10, 2000)}`,
    prTitle: `fix(security): ${content.vulnClass.toLowerCase()} in ${content.affectedFile}`,
    prDescription: `Fixes the ${content.vulnClass} reported by ZeroPath.`,
    gitDiff: `--- a/${content.affectedFile}\n+++ b/${content.affectedFile}\n@@ -1,1 +1,1 @@\n-${firstLine}\n+${firstLine} # hardened`,
    pullRequestStatus: prStatus,
    validated: 'CONFIRMED',
    createdAt: new Date(patchMs).toISOString(),
    updatedAt: new Date(updatedMs).toISOString(),
  };
}

function buildRepoSeeds(rnd: Random, count: number): RepoSeed[] {
  const seeds = DEMO_REPOSITORIES.slice(0, count).map((seed) => ({ ...seed, tags: [...seed.tags] }));
  for (let i = seeds.length; i < count; i++) {
    const tags = [rnd.pick(EXTRA_TAGS), rnd.pick(EXTRA_TAGS)].filter((t, j, all) => all.indexOf(t) === j);
    seeds.push({
      name: `acme/service-${String(i + 1).padStart(3, '0')}`,
      tags,
      language: rnd.pick(['python', 'go', 'typescript', 'java']),
    });
  }
  return seeds;
}

function makeRepository(
  rnd: Random,
  seed: RepoSeed,
  organizationId: string,
  anchorMs: number,
): StoredRepository {
  const url = `https://github.com/${seed.name}`;
  return {
    id: rnd.uuid(),
    organizationId,
    repositoryName: seed.name,
    name: seed.name.split('/')[1] ?? seed.name,
    url,
    repositoryUrl: url,
    tags: seed.tags,
    isPrScanningEnabled: rnd.next() < 0.7,
    defaultScanTargetBranch: 'main',
    validationThresholdName: rnd.pick(['High', 'Medium'] as const),
    createdAt: new Date(anchorMs - rnd.int(200, 400) * DAY_MS).toISOString(),
    lastScannedAt: new Date(anchorMs - rnd.int(0, 3) * DAY_MS).toISOString(),
  };
}

/** Reconstructs a generator seed from a stored repository (for repositories added later). */
function repoSeedOf(repo: StoredRepository): RepoSeed {
  const known = DEMO_REPOSITORIES.find((seed) => seed.name === repo.repositoryName);
  return { name: repo.repositoryName, tags: repo.tags, language: known?.language ?? 'typescript' };
}

/** Every cleartext test credential the generator planted, deduplicated. */
export function secretValuesOf(data: Pick<GeneratedData, 'plantedSecrets'>): string[] {
  return [...new Set(data.plantedSecrets.map((entry) => entry.value))];
}
