import type { Queryable } from '../db/db';
import { isId } from './ids';

/** SQL for `identities` and `oidc_flows` (migration 022). */
const USER_COLUMNS = 'u.id, u.email, u.display_name, u.kind, u.roles, u.created_at, u.email_verified_at, u.assurance, u.suspended_at, u.suspended_until';
const SQL = {
  userByIdentity: `SELECT ${USER_COLUMNS} FROM identities i JOIN users u ON u.id = i.user_id
                   WHERE i.issuer = $1 AND i.subject = $2 AND u.deleted_at IS NULL`,
  ofUser: 'SELECT issuer, subject, linked_at FROM identities WHERE user_id = $1 ORDER BY linked_at',
  link: `INSERT INTO identities (issuer, subject, user_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING user_id`,
  unlink: 'DELETE FROM identities WHERE user_id = $1 AND issuer = $2',
  deleteOfUser: 'DELETE FROM identities WHERE user_id = $1',
  // A provider vouched for the person: the account's identity is verified for as long as one is linked.
  setAssurance: `UPDATE users u SET assurance = CASE WHEN EXISTS (SELECT 1 FROM identities i WHERE i.user_id = u.id) THEN 'verified' ELSE 'none' END
                 WHERE u.id = $1`,
  insertUser: `INSERT INTO users (email, password_hash, display_name, kind, assurance, email_verified_at)
               VALUES ($1, NULL, $2, 'citizen', 'verified', CASE WHEN $3::boolean THEN now() END) RETURNING id`,
  liveByEmail: `SELECT ${USER_COLUMNS}, u.password_hash IS NOT NULL AS has_password FROM users u
                WHERE lower(u.email) = lower($1) AND u.deleted_at IS NULL`,
  hasPassword: 'SELECT password_hash IS NOT NULL AS has FROM users WHERE id = $1 AND deleted_at IS NULL',
  purgeFlows: 'DELETE FROM oidc_flows WHERE expires_at < now()',
  insertFlow: `INSERT INTO oidc_flows (handle_hash, stage, state, nonce, code_verifier, redirect_uri, user_id, next_path, pending, expires_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, now() + make_interval(secs => $10))`,
  // Single use: the row goes as it is read; an expired one reads as absent.
  takeFlow: `DELETE FROM oidc_flows WHERE handle_hash = $1 AND stage = $2 RETURNING state, nonce, code_verifier, redirect_uri, user_id,
               next_path, pending, expires_at > now() AS live`,
  peekFlow: `SELECT state, nonce, code_verifier, redirect_uri, user_id, next_path, pending, true AS live FROM oidc_flows
             WHERE handle_hash = $1 AND stage = $2 AND expires_at > now()`,
} as const;

export interface IdentityRow {
  issuer: string;
  subject: string;
  linked_at: Date;
}

export interface FlowRow {
  state: string | null;
  nonce: string | null;
  code_verifier: string | null;
  redirect_uri: string | null;
  user_id: string | null;
  next_path: string;
  pending: unknown;
  live: boolean;
}

export type FlowStage = 'authorize' | 'link';

export async function findUserIdByIdentity(db: Queryable, issuer: string, subject: string): Promise<string | undefined> {
  return (await db.query<{ id: string }>(SQL.userByIdentity, [issuer, subject])).rows[0]?.id;
}

export async function listIdentities(db: Queryable, userId: string): Promise<IdentityRow[]> {
  if (!isId(userId)) return [];
  return (await db.query<IdentityRow>(SQL.ofUser, [userId])).rows;
}

/** Links (issuer, subject) to the account and raises its assurance; false when the identity or the provider slot is taken. */
export async function linkIdentity(db: Queryable, userId: string, issuer: string, subject: string): Promise<boolean> {
  const linked = (await db.query(SQL.link, [issuer, subject, userId])).rowCount > 0;
  if (linked) await db.query(SQL.setAssurance, [userId]);
  return linked;
}

export async function unlinkIdentity(db: Queryable, userId: string, issuer: string): Promise<boolean> {
  const gone = (await db.query(SQL.unlink, [userId, issuer])).rowCount > 0;
  if (gone) await db.query(SQL.setAssurance, [userId]);
  return gone;
}

/** Account deletion: the links to providers go with the person. */
export async function deleteIdentitiesOf(db: Queryable, userId: string): Promise<void> {
  await db.query(SQL.deleteOfUser, [userId]);
}

/** A new account with no password, verified by the provider; its identity must be linked in the same transaction. */
export async function insertProviderAccount(db: Queryable, u: { email: string; displayName: string; emailVerified: boolean }): Promise<string> {
  return (await db.query<{ id: string }>(SQL.insertUser, [u.email, u.displayName, u.emailVerified])).rows[0]!.id;
}

export async function findLiveAccountByEmail(db: Queryable, email: string): Promise<{ id: string; email_verified_at: Date | null; has_password: boolean } | undefined> {
  return (await db.query<{ id: string; email_verified_at: Date | null; has_password: boolean }>(SQL.liveByEmail, [email])).rows[0];
}

export async function accountHasPassword(db: Queryable, userId: string): Promise<boolean> {
  return (await db.query<{ has: boolean }>(SQL.hasPassword, [userId])).rows[0]?.has ?? false;
}

export async function insertFlow(
  db: Queryable,
  f: { handleHash: string; stage: FlowStage; state?: string; nonce?: string; codeVerifier?: string; redirectUri?: string; userId: string | null; next: string; pending?: unknown; ttlSeconds: number },
): Promise<void> {
  await db.query(SQL.purgeFlows);
  await db.query(SQL.insertFlow, [
    f.handleHash, f.stage, f.state ?? null, f.nonce ?? null, f.codeVerifier ?? null, f.redirectUri ?? null, f.userId, f.next,
    f.pending === undefined ? null : JSON.stringify(f.pending), f.ttlSeconds,
  ]);
}

/** Reads and deletes the flow (single use); undefined when absent or expired. */
export async function takeFlow(db: Queryable, handleHash: string, stage: FlowStage): Promise<FlowRow | undefined> {
  const row = (await db.query<FlowRow>(SQL.takeFlow, [handleHash, stage])).rows[0];
  return row?.live ? row : undefined;
}

/** Reads the flow without using it up (the password page shows it before the password is given). */
export async function peekFlow(db: Queryable, handleHash: string, stage: FlowStage): Promise<FlowRow | undefined> {
  return (await db.query<FlowRow>(SQL.peekFlow, [handleHash, stage])).rows[0];
}
