/**
 * Forge's Jira event references type every user in a product event as `User { accountId }`
 * (issue events: `atlassianId`, `associatedUsers`, `issue.fields.assignee` …; comment events:
 * `comment.author`, `comment.updateAuthor`). A simulator that sends Jira's full user JSON (display
 * name, account type, e-mail, avatars) would let the app rely on fields Forge does not promise, so
 * the runtime cuts every user object down to its `accountId` before delivery.
 */
const USER_ONLY_KEYS = new Set([
  'accountType',
  'displayName',
  'emailAddress',
  'avatarUrls',
  'active',
  'timeZone',
  'locale',
  'self',
  'key',
  'name',
]);

function isUserObject(value: Record<string, unknown>): boolean {
  if (typeof value['accountId'] !== 'string') return false;
  return Object.keys(value).every((k) => k === 'accountId' || USER_ONLY_KEYS.has(k));
}

export function minimalEventPayload<T>(value: T): T {
  return strip(value) as T;
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (isUserObject(record)) return { accountId: record['accountId'] };
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, strip(v)]));
}
