import type { Queryable } from '../db/db';
import type { UserRow } from './users';

/** SQL for the `sessions` table: tokens are looked up by their SHA-256 hash only. */
const SQL = {
  insert: 'INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)',
  userByToken: `SELECT u.id, u.email, u.display_name, u.kind, u.roles, u.created_at, u.email_verified_at, u.assurance, u.suspended_at, u.suspended_until, s.expires_at AS session_expires_at
                FROM sessions s JOIN users u ON u.id = s.user_id
                WHERE s.token_hash = $1 AND s.expires_at > now()`,
  delete: 'DELETE FROM sessions WHERE token_hash = $1',
  deleteOfUser: 'DELETE FROM sessions WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2 RETURNING token_hash',
  deleteExpired: 'DELETE FROM sessions WHERE expires_at <= now()',
} as const;

export async function insertSession(db: Queryable, tokenHash: string, userId: string, expiresAt: Date): Promise<void> {
  await db.query(SQL.insert, [tokenHash, userId, expiresAt]);
}

/** An account as found through one of its sessions, with that session's end. */
export type SessionUser = UserRow & { session_expires_at: Date };

export async function findUserBySessionHash(db: Queryable, tokenHash: string): Promise<SessionUser | undefined> {
  return (await db.query<SessionUser>(SQL.userByToken, [tokenHash])).rows[0];
}

export async function deleteSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query(SQL.delete, [tokenHash]);
}

export async function deleteExpiredSessions(db: Queryable): Promise<number> {
  return (await db.query(SQL.deleteExpired)).rowCount;
}

/** Ends every session of the account but `keepHash` (the one making the change, if any); their hashes. */
export async function deleteUserSessions(db: Queryable, userId: string, keepHash: string | null): Promise<string[]> {
  return (await db.query<{ token_hash: string }>(SQL.deleteOfUser, [userId, keepHash])).rows.map((r) => r.token_hash);
}
