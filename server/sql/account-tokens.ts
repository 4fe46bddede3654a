import type { Queryable } from '../db/db';
import { isId } from './ids';

/** SQL for `account_tokens` (migration 021): single-use links sent by e-mail, stored hashed. */
const SQL = {
  insert: `INSERT INTO account_tokens (token_hash, user_id, purpose, email, expires_at)
           VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
  // Consuming is one statement: two clicks on the same link cannot both succeed.
  consume: `UPDATE account_tokens SET used_at = now()
            WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
            RETURNING user_id, email`,
  live: `SELECT user_id FROM account_tokens WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()`,
  state: `SELECT used_at IS NOT NULL AS used, expires_at <= now() AS expired FROM account_tokens WHERE token_hash = $1 AND purpose = $2`,
  // A new link makes the earlier ones of the same purpose useless: only the last one sent works.
  revokeOthers: `UPDATE account_tokens SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`,
  revokeAll: `UPDATE account_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`,
  recentCount: `SELECT count(*)::int AS n FROM account_tokens WHERE user_id = $1 AND purpose = $2 AND created_at > now() - make_interval(secs => $3)`,
} as const;

export type TokenPurpose = 'verify_email' | 'password_reset' | 'email_change';

export async function insertAccountToken(
  db: Queryable,
  t: { hash: string; userId: string; purpose: TokenPurpose; email?: string; ttlSeconds: number },
): Promise<void> {
  await db.query(SQL.revokeOthers, [t.userId, t.purpose]);
  await db.query(SQL.insert, [t.hash, t.userId, t.purpose, t.email ?? null, t.ttlSeconds]);
}

/** Uses the token once: its account (and the address, for a change), or undefined if unknown, used or expired. */
export async function consumeAccountToken(db: Queryable, hash: string, purpose: TokenPurpose): Promise<{ user_id: string; email: string | null } | undefined> {
  const row = (await db.query<{ user_id: string; email: string | null }>(SQL.consume, [hash, purpose])).rows[0];
  return row && isId(row.user_id) ? row : undefined;
}

/** The account a token still works for, without using it (to check a new password before the change). */
export async function liveTokenOwner(db: Queryable, hash: string, purpose: TokenPurpose): Promise<string | undefined> {
  return (await db.query<{ user_id: string }>(SQL.live, [hash, purpose])).rows[0]?.user_id;
}

/** Why a token no longer works, to say so plainly: used, expired, or never issued. */
export async function accountTokenState(db: Queryable, hash: string, purpose: TokenPurpose): Promise<'used' | 'expired' | 'unknown'> {
  const row = (await db.query<{ used: boolean; expired: boolean }>(SQL.state, [hash, purpose])).rows[0];
  if (!row) return 'unknown';
  return row.used ? 'used' : row.expired ? 'expired' : 'unknown';
}

/**
 * Every link still open for the account stops working: after a password reset or change, or an
 * address change, a link sent before (a pending address change, a reset to the old mailbox) must
 * not undo it.
 */
export async function revokeAccountTokens(db: Queryable, userId: string): Promise<void> {
  await db.query(SQL.revokeAll, [userId]);
}

/** How many tokens of this purpose the account was sent in the last `seconds` (to throttle re-sending). */
export async function countRecentTokens(db: Queryable, userId: string, purpose: TokenPurpose, seconds: number): Promise<number> {
  return (await db.query<{ n: number }>(SQL.recentCount, [userId, purpose, seconds])).rows[0]!.n;
}
