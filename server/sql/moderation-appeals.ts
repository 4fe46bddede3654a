import type { Queryable } from '../db/db';

/** SQL for `moderation_appeals`: one appeal per decision, its outcome cached (the log holds it too). */
const SQL = {
  insert: `INSERT INTO moderation_appeals (action_id, author_id, body) VALUES ($1, $2, $3)
           ON CONFLICT (action_id) DO NOTHING RETURNING id`,
  byId: `SELECT p.id, p.action_id, p.author_id, p.body, p.created_at, p.decision, p.decided_by, p.decided_at, p.decision_reason,
                a.display_name AS author_name, d.display_name AS decided_by_name
         FROM moderation_appeals p JOIN users a ON a.id = p.author_id LEFT JOIN users d ON d.id = p.decided_by`,
  decide: `UPDATE moderation_appeals SET decision = $2, decided_by = $3, decided_at = now(), decision_reason = $4
           WHERE id = $1 AND decision IS NULL RETURNING id`,
  pending: `SELECT p.id, p.action_id, p.created_at FROM moderation_appeals p WHERE p.decision IS NULL ORDER BY p.id LIMIT $1`,
} as const;

export interface AppealRow {
  id: number;
  action_id: number;
  author_id: string;
  author_name: string;
  body: string;
  created_at: Date;
  decision: 'upheld' | 'overturned' | null;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
}

/** The appeal's id, or null when the decision was already appealed. */
export async function insertAppeal(db: Queryable, a: { actionId: string; authorId: string; body: string }): Promise<number | null> {
  return (await db.query<{ id: number }>(SQL.insert, [a.actionId, a.authorId, a.body])).rows[0]?.id ?? null;
}

export async function findAppeal(db: Queryable, id: string, opts: { forUpdate?: boolean } = {}): Promise<AppealRow | undefined> {
  return (await db.query<AppealRow>(`${SQL.byId} WHERE p.id = $1${opts.forUpdate ? ' FOR UPDATE OF p' : ''}`, [id])).rows[0];
}

export async function findAppealOfAction(db: Queryable, actionId: string): Promise<AppealRow | undefined> {
  return (await db.query<AppealRow>(`${SQL.byId} WHERE p.action_id = $1`, [actionId])).rows[0];
}

/** False when it was already decided (concurrently). */
export async function recordAppealDecision(db: Queryable, d: { id: string; decision: 'upheld' | 'overturned'; moderatorId: string; reason: string }): Promise<boolean> {
  return (await db.query(SQL.decide, [d.id, d.decision, d.moderatorId, d.reason])).rowCount > 0;
}

/** Appeals awaiting a decision, the oldest first. */
export async function listPendingAppeals(db: Queryable, limit: number): Promise<{ id: number; action_id: number; created_at: Date }[]> {
  return (await db.query<{ id: number; action_id: number; created_at: Date }>(SQL.pending, [limit])).rows;
}
