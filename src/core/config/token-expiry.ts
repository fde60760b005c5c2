/**
 * ZeroPath API tokens expire after 1–365 days (30 by default), but `orgs/list` does not say when,
 * so the expiry is what the admin entered (optional). The admin page warns this long before it.
 */
export const EXPIRY_WARNING_DAYS = 14;
const DAY_MS = 86_400_000;

export type TokenExpiry =
  | { state: 'unknown' }
  | { state: 'ok' | 'expiring-soon' | 'expired'; expiresAt: string; daysLeft: number };

export function tokenExpiryOf(expiresAt: string | undefined, now: Date): TokenExpiry {
  if (expiresAt === undefined) return { state: 'unknown' };
  const at = Date.parse(expiresAt);
  if (Number.isNaN(at)) return { state: 'unknown' };
  const daysLeft = Math.floor((at - now.getTime()) / DAY_MS);
  const state = at <= now.getTime() ? 'expired' : daysLeft < EXPIRY_WARNING_DAYS ? 'expiring-soon' : 'ok';
  return { state, expiresAt: new Date(at).toISOString(), daysLeft: Math.max(0, daysLeft) };
}
