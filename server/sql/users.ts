import type { Lang } from '../../shared/i18n';
import type { Queryable } from '../db/db';
import { isId } from './ids';

/** SQL for the `users` table. */
const COLUMNS = 'id, email, display_name, kind, roles, created_at, email_verified_at, assurance, suspended_at, suspended_until, lang';
const SQL = {
  insert: `INSERT INTO users (email, password_hash, display_name, kind, roles, lang)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
  setLang: 'UPDATE users SET lang = $2 WHERE id = $1',
  byId: `SELECT ${COLUMNS} FROM users WHERE id = $1`,
  // Deleted accounts (migration 013) have no password, sign in to nothing, and are found by no one.
  byEmailWithHash: `SELECT ${COLUMNS}, password_hash FROM users WHERE lower(email) = lower($1) AND deleted_at IS NULL`,
  setRoles: `UPDATE users SET roles = $2 WHERE id = $1 AND deleted_at IS NULL RETURNING ${COLUMNS}`,
  setPassword: `UPDATE users SET password_hash = $2 WHERE id = $1`,
  verifyEmail: `UPDATE users SET email_verified_at = COALESCE(email_verified_at, now())
                WHERE id = $1 AND lower(email) = lower($2) AND deleted_at IS NULL RETURNING ${COLUMNS}`,
  changeEmail: `UPDATE users SET email = $2, email_verified_at = now() WHERE id = $1 AND deleted_at IS NULL RETURNING ${COLUMNS}`,
  byIdWithHash: `SELECT ${COLUMNS}, password_hash FROM users WHERE id = $1 AND deleted_at IS NULL`,
  emailTaken: `SELECT 1 FROM users WHERE lower(email) = lower($1) AND id <> $2`,
  byIds: `SELECT ${COLUMNS} FROM users WHERE id = ANY($1::uuid[])`,
  clerks: `SELECT ${COLUMNS} FROM users WHERE 'clerk' = ANY(roles) ORDER BY display_name LIMIT 200`,
  byExactName: `SELECT ${COLUMNS} FROM users WHERE lower(display_name) = lower($1) AND deleted_at IS NULL ORDER BY created_at LIMIT 5`,
  searchByName: `SELECT ${COLUMNS} FROM users WHERE lower(display_name) LIKE lower($1) || '%' ESCAPE '\\' AND deleted_at IS NULL
                 ORDER BY lower(display_name), created_at LIMIT $2`,
} as const;

/** `mediator` is granted with its declaration (name, town), apart from the others (commands/mediators.ts). */
export type Role = 'admin' | 'clerk' | 'moderator' | 'mediator';
export type AccountKind = 'citizen' | 'organisation';

export interface UserRow {
  id: string;
  email: string;
  display_name: string;
  kind: AccountKind;
  roles: Role[];
  created_at: Date;
  /** When the address was confirmed from a link sent to it (migration 021); null until then. */
  email_verified_at: Date | null;
  /** 'verified' once an identity provider vouched for the person (OpenID Connect). */
  assurance: Assurance;
  /** Suspended by the moderation since (migration 030); null when not suspended. */
  suspended_at: Date | null;
  /** The end of a temporary suspension; null with `suspended_at`: permanent. */
  suspended_until: Date | null;
  /** The language of its e-mails, chosen with the language switch or at sign-up (null: French; migration 035). */
  lang?: Lang | null;
}

export type Assurance = 'none' | 'verified';

export async function insertUser(
  db: Queryable,
  u: { email: string; passwordHash: string; displayName: string; kind: AccountKind; roles?: Role[]; lang?: Lang },
): Promise<UserRow> {
  const r = await db.query<UserRow>(SQL.insert, [u.email, u.passwordHash, u.displayName, u.kind, u.roles ?? [], u.lang ?? null]);
  return r.rows[0]!;
}

export async function findUserById(db: Queryable, id: string): Promise<UserRow | undefined> {
  if (!isId(id)) return undefined;
  return (await db.query<UserRow>(SQL.byId, [id])).rows[0];
}

export async function findUserByEmailWithHash(
  db: Queryable,
  email: string,
): Promise<(UserRow & { password_hash: string | null }) | undefined> {
  // null: an account created through an identity provider, with no password (migration 022)
  return (await db.query<UserRow & { password_hash: string | null }>(SQL.byEmailWithHash, [email])).rows[0];
}

export async function updateUserRoles(db: Queryable, id: string, roles: Role[]): Promise<UserRow | undefined> {
  if (!isId(id)) return undefined;
  return (await db.query<UserRow>(SQL.setRoles, [id, roles])).rows[0];
}

export async function updateUserPassword(db: Queryable, id: string, passwordHash: string): Promise<void> {
  await db.query(SQL.setPassword, [id, passwordHash]);
}

/** Accounts whose display name is exactly `name` (any case): display names are not unique. */
export async function findUsersByExactName(db: Queryable, name: string): Promise<UserRow[]> {
  return (await db.query<UserRow>(SQL.byExactName, [name])).rows;
}

/** Accounts whose display name starts with `prefix` (LIKE wildcards in it are taken literally). */
export async function searchUsersByName(db: Queryable, prefix: string, limit: number): Promise<UserRow[]> {
  const escaped = prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
  return (await db.query<UserRow>(SQL.searchByName, [escaped, limit])).rows;
}

export async function findUsersByIds(db: Queryable, ids: readonly string[]): Promise<Map<string, UserRow>> {
  if (ids.length === 0) return new Map();
  return new Map((await db.query<UserRow>(SQL.byIds, [ids])).rows.map((u) => [u.id, u]));
}

export async function listClerks(db: Queryable): Promise<UserRow[]> {
  return (await db.query<UserRow>(SQL.clerks)).rows;
}

/** Who the e-mail worker writes to: address, name, and whether it may (confirmed, not deleted). */
export interface MailRecipient {
  id: string;
  email: string;
  display_name: string;
  /** The language of its e-mails (null: French). */
  lang: Lang | null;
  verified: boolean;
  deleted: boolean;
}

/** The language of the account's e-mails: the one it last chose with the language switch. */
export async function setUserLang(db: Queryable, id: string, lang: Lang): Promise<void> {
  await db.query(SQL.setLang, [id, lang]);
}

export async function mailRecipients(db: Queryable, ids: readonly string[]): Promise<Map<string, MailRecipient>> {
  if (ids.length === 0) return new Map();
  const rows = (await db.query<MailRecipient>(
    `SELECT id, email, display_name, lang, email_verified_at IS NOT NULL AS verified, deleted_at IS NOT NULL AS deleted FROM users WHERE id = ANY($1::uuid[])`,
    [ids],
  )).rows;
  return new Map(rows.map((r) => [r.id, r]));
}

/** Marks the address confirmed if it is still the account's (a link to an old address confirms nothing). */
export async function markEmailVerified(db: Queryable, id: string, email: string): Promise<UserRow | undefined> {
  return (await db.query<UserRow>(SQL.verifyEmail, [id, email])).rows[0];
}

/** The account's new address, confirmed by the link just followed. A taken address is a unique violation. */
export async function changeUserEmail(db: Queryable, id: string, email: string): Promise<UserRow | undefined> {
  return (await db.query<UserRow>(SQL.changeEmail, [id, email])).rows[0];
}

export async function findUserWithHash(db: Queryable, id: string): Promise<(UserRow & { password_hash: string | null }) | undefined> {
  if (!isId(id)) return undefined;
  return (await db.query<UserRow & { password_hash: string | null }>(SQL.byIdWithHash, [id])).rows[0];
}

export async function isEmailTaken(db: Queryable, email: string, exceptUserId: string): Promise<boolean> {
  return (await db.query(SQL.emailTaken, [email, exceptUserId])).rowCount > 0;
}

/** Suspends an account (`until` null: permanently) or lifts its suspension (`at` null). */
export async function setUserSuspension(db: Queryable, id: string, s: { at: Date | null; until: Date | null }): Promise<UserRow | undefined> {
  if (!isId(id)) return undefined;
  return (await db.query<UserRow>(`UPDATE users SET suspended_at = $2, suspended_until = $3 WHERE id = $1 AND deleted_at IS NULL RETURNING ${COLUMNS}`, [id, s.at, s.until])).rows[0];
}
