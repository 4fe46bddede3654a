import type { Queryable } from '../db/db';

/** SQL for `amendment_inspiration_marks` (migration 029): the clerks' markings, who and when. */
const SQL = {
  insert: `INSERT INTO amendment_inspiration_marks (amendment_id, representative_id, marked_by, note) VALUES ($1, $2, $3, $4)
           ON CONFLICT (amendment_id, representative_id) DO NOTHING RETURNING amendment_id`,
  remove: 'DELETE FROM amendment_inspiration_marks WHERE amendment_id = $1 AND representative_id = $2 RETURNING marked_by',
  ofAmendments: `SELECT m.amendment_id, m.representative_id, r.display_name AS representative_name, m.marked_by, c.display_name AS marked_by_name, m.note, m.marked_at
                 FROM amendment_inspiration_marks m JOIN users r ON r.id = m.representative_id JOIN users c ON c.id = m.marked_by
                 WHERE m.amendment_id = ANY($1::uuid[]) ORDER BY m.marked_at, m.representative_id`,
} as const;

export interface MarkRow {
  amendment_id: string;
  representative_id: string;
  representative_name: string;
  marked_by: string;
  marked_by_name: string;
  note: string;
  marked_at: Date;
}

/** False when this representative was already marked on this amendment. */
export async function insertMark(db: Queryable, m: { amendmentId: string; representativeId: string; markedBy: string; note: string }): Promise<boolean> {
  return (await db.query(SQL.insert, [m.amendmentId, m.representativeId, m.markedBy, m.note])).rowCount > 0;
}

export async function removeMark(db: Queryable, amendmentId: string, representativeId: string): Promise<boolean> {
  return (await db.query(SQL.remove, [amendmentId, representativeId])).rowCount > 0;
}

export async function listMarks(db: Queryable, amendmentIds: readonly string[]): Promise<MarkRow[]> {
  if (amendmentIds.length === 0) return [];
  return (await db.query<MarkRow>(SQL.ofAmendments, [amendmentIds])).rows;
}
