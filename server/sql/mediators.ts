import type { Queryable } from '../db/db';
import { isId } from './ids';

/** SQL for `mediators`: the declared name and town of a structure de médiation (migration 028). */
const SQL = {
  upsert: `INSERT INTO mediators (user_id, name, town, granted_by) VALUES ($1, $2, $3, $4)
           ON CONFLICT (user_id) DO UPDATE SET name = EXCLUDED.name, town = EXCLUDED.town, granted_by = EXCLUDED.granted_by, granted_at = now()
           RETURNING user_id, name, town, granted_at`,
  byUser: 'SELECT user_id, name, town, granted_at FROM mediators WHERE user_id = $1',
} as const;

export interface MediatorRow {
  user_id: string;
  name: string;
  town: string;
  granted_at: Date;
}

export async function upsertMediator(db: Queryable, m: { userId: string; name: string; town: string; grantedBy: string }): Promise<MediatorRow> {
  return (await db.query<MediatorRow>(SQL.upsert, [m.userId, m.name, m.town, m.grantedBy])).rows[0]!;
}

export async function findMediator(db: Queryable, userId: string): Promise<MediatorRow | undefined> {
  if (!isId(userId)) return undefined;
  return (await db.query<MediatorRow>(SQL.byUser, [userId])).rows[0];
}
