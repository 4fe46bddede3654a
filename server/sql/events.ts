import type { Queryable } from '../db/db';

/** SQL for the append-only `events` table (the public history). */
const SQL = {
  insert: `INSERT INTO events (bill_id, type, actor_id, subject_type, subject_id, data)
           VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
  lastOfBill: 'SELECT COALESCE(max(id), 0) AS id FROM events WHERE bill_id = $1',
  byBillAndType: `SELECT id, type, actor_id, subject_type, subject_id, data, at FROM events
                  WHERE bill_id = $1 AND type = $2 ORDER BY id`,
} as const;

export interface NewEvent {
  billId: string | null;
  type: string;
  actorId: string | null;
  subjectType: string;
  subjectId: string;
  data?: Record<string, unknown>;
}

export interface EventRow {
  id: number;
  type: string;
  actor_id: string | null;
  subject_type: string;
  subject_id: string;
  data: Record<string, unknown>;
  at: Date;
}

export async function appendEvent(db: Queryable, e: NewEvent): Promise<void> {
  await db.query(SQL.insert, [e.billId, e.type, e.actorId, e.subjectType, e.subjectId, JSON.stringify(e.data ?? {})]);
}

export async function listBillEventsOfType(db: Queryable, billId: string, type: string): Promise<EventRow[]> {
  return (await db.query<EventRow>(SQL.byBillAndType, [billId, type])).rows;
}

/** The id of the bill's latest public event: it changes whenever anything public changes. */
export async function lastBillEventId(db: Queryable, billId: string): Promise<number> {
  return (await db.query<{ id: number }>(SQL.lastOfBill, [billId])).rows[0]!.id;
}
