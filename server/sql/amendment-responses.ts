import type { Queryable } from '../db/db';

/** SQL for the append-only `amendment_responses` (clerks' official answers, public). */
const SQL = {
  insert: `INSERT INTO amendment_responses (amendment_id, clerk_id, body) VALUES ($1, $2, $3)
           RETURNING id, amendment_id, clerk_id, body, created_at`,
  byAmendment: `SELECT r.id, r.amendment_id, r.clerk_id, r.body, r.created_at, u.display_name AS clerk_name
                FROM amendment_responses r JOIN users u ON u.id = r.clerk_id
                WHERE r.amendment_id = $1 ORDER BY r.id`,
} as const;

export interface ResponseRow {
  id: string;
  amendment_id: string;
  clerk_id: string;
  clerk_name: string;
  body: string;
  created_at: Date;
}

export async function insertResponse(db: Queryable, r: { amendmentId: string; clerkId: string; body: string }): Promise<Omit<ResponseRow, 'clerk_name'>> {
  return (await db.query<Omit<ResponseRow, 'clerk_name'>>(SQL.insert, [r.amendmentId, r.clerkId, r.body])).rows[0]!;
}

export async function listResponses(db: Queryable, amendmentId: string): Promise<ResponseRow[]> {
  return (await db.query<ResponseRow>(SQL.byAmendment, [amendmentId])).rows;
}
