import type { Queryable } from '../db/db';
import { groupRows } from './group';
import { isId } from './ids';
import type { AccountKind, Assurance } from './users';

/** SQL for `amendment_authors`. */
const SQL = {
  insert: 'INSERT INTO amendment_authors (amendment_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
  remove: 'DELETE FROM amendment_authors WHERE amendment_id = $1 AND user_id = $2',
  count: 'SELECT count(*)::int AS n FROM amendment_authors WHERE amendment_id = $1',
  isAuthor: 'SELECT 1 FROM amendment_authors WHERE amendment_id = $1 AND user_id = $2',
  byAmendments: `SELECT aa.amendment_id, u.id, u.display_name, u.kind, u.assurance
                 FROM amendment_authors aa JOIN users u ON u.id = aa.user_id
                 WHERE aa.amendment_id = ANY($1::uuid[]) ORDER BY aa.added_at, u.id`,
} as const;

export interface AuthorRow {
  amendment_id: string;
  id: string;
  display_name: string;
  kind: AccountKind;
  /** 'verified': an identity provider vouched for the author (the badge « identité vérifiée »). */
  assurance: Assurance;
}

export async function addAuthor(db: Queryable, amendmentId: string, userId: string): Promise<void> {
  await db.query(SQL.insert, [amendmentId, userId]);
}

/** Removes one author; true when they were one. */
export async function removeAuthor(db: Queryable, amendmentId: string, userId: string): Promise<boolean> {
  if (!isId(userId)) return false;
  return (await db.query(SQL.remove, [amendmentId, userId])).rowCount > 0;
}

export async function countAuthors(db: Queryable, amendmentId: string): Promise<number> {
  return (await db.query<{ n: number }>(SQL.count, [amendmentId])).rows[0]?.n ?? 0;
}

export async function isAuthor(db: Queryable, amendmentId: string, userId: string): Promise<boolean> {
  return (await db.query(SQL.isAuthor, [amendmentId, userId])).rowCount > 0;
}

/** Authors of several amendments at once, in the order they joined. */
export async function listAuthors(db: Queryable, amendmentIds: readonly string[]): Promise<Map<string, AuthorRow[]>> {
  if (amendmentIds.length === 0) return new Map();
  return groupRows((await db.query<AuthorRow>(SQL.byAmendments, [amendmentIds])).rows, (r) => r.amendment_id);
}
