import type { Queryable } from '../db/db';

/** SQL for the append-only `events` table (the public history). */
const SQL = {
  insert: `INSERT INTO events (bill_id, type, actor_id, subject_type, subject_id, data)
           VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
  lastOfBill: 'SELECT COALESCE(max(id), 0) AS id FROM events WHERE bill_id = $1',
  byBillAndType: `SELECT id, type, actor_id, subject_type, subject_id, data, at FROM events
                  WHERE bill_id = $1 AND type = $2 ORDER BY id`,
} as const;

/** What the history can be narrowed to (API.md › History and open data). */
export interface EventFilter {
  billId: string;
  types?: readonly string[] | undefined;
  articleId?: string | undefined;
  amendmentId?: string | undefined;
  actorId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** The id of the last event of the previous page. */
  after?: number | undefined;
  order: 'asc' | 'desc';
  limit: number;
}

export interface HistoryRow extends EventRow {
  actor_name: string | null;
  actor_kind: 'citizen' | 'organisation' | null;
}

/**
 * One page of a bill's events. Built from fixed fragments with numbered parameters only (two
 * orders, optional filters), so the planner uses the (bill_id, id) and (bill_id, type, id)
 * indexes and the first page reads `limit` rows, however long the history.
 */
export async function listHistory(db: Queryable, f: EventFilter): Promise<HistoryRow[]> {
  const where = ['e.bill_id = $1'];
  const params: unknown[] = [f.billId];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (f.types?.length) add((n) => `e.type = ANY(${n}::text[])`, f.types);
  if (f.amendmentId) add((n) => `e.subject_type = 'amendment' AND e.subject_id = ${n}`, f.amendmentId);
  if (f.articleId) {
    params.push(f.articleId);
    const asText = `$${params.length}`;
    add((n) => `((e.subject_type = 'article' AND e.subject_id = ${asText})
      OR (e.subject_type = 'amendment' AND e.subject_id IN (SELECT id::text FROM amendments WHERE article_id = ${n})))`, f.articleId);
  }
  if (f.actorId) add((n) => `e.actor_id = ${n}`, f.actorId);
  if (f.from) add((n) => `e.at >= ${n}`, f.from);
  if (f.to) add((n) => `e.at < ${n}`, f.to);
  if (f.after !== undefined) add((n) => (f.order === 'asc' ? `e.id > ${n}` : `e.id < ${n}`), f.after);
  params.push(f.limit);
  const sql = `SELECT e.id, e.type, e.actor_id, e.subject_type, e.subject_id, e.data, e.at, u.display_name AS actor_name, u.kind AS actor_kind
               FROM events e LEFT JOIN users u ON u.id = e.actor_id
               WHERE ${where.join(' AND ')} ORDER BY e.id ${f.order === 'asc' ? 'ASC' : 'DESC'} LIMIT $${params.length}`;
  return (await db.query<HistoryRow>(sql, params)).rows;
}

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
