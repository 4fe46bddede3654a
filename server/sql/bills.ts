import type { DecisionRule } from '../../shared/commission';
import type { BillStatus } from '../../shared/phases';
import type { Queryable } from '../db/db';
import { isId } from './ids';

/** SQL for the `bills` table. */
const SQL = {
  insert: 'INSERT INTO bills (title, status, created_by) VALUES ($1, $2, $3) RETURNING id, title, status, created_at',
  byId: 'SELECT id, title, status, created_at, decision_rule, quorum FROM bills WHERE id = $1',
  byIdForUpdate: 'SELECT id, title, status, created_at, decision_rule, quorum FROM bills WHERE id = $1 FOR UPDATE',
  setRule: 'UPDATE bills SET decision_rule = $2, quorum = $3 WHERE id = $1',
  list: `SELECT b.id, b.title, b.status, b.created_at,
                (SELECT count(*) FROM articles a WHERE a.bill_id = b.id)::int AS article_count,
                count(*) OVER ()::int AS total
         FROM bills b ORDER BY b.created_at DESC, b.id LIMIT $1 OFFSET $2`,
  setStatus: 'UPDATE bills SET status = $2 WHERE id = $1 AND status = $3',
  count: 'SELECT count(*)::int AS n FROM bills',
} as const;

export interface BillRow {
  id: string;
  title: string;
  status: BillStatus;
  created_at: Date;
  /** Absent from list rows. */
  decision_rule?: DecisionRule;
  quorum?: number | null;
}

export interface BillListRow extends BillRow {
  article_count: number;
  total: number;
}

export async function insertBill(db: Queryable, b: { title: string; status?: BillStatus; createdBy: string | null }): Promise<BillRow> {
  return (await db.query<BillRow>(SQL.insert, [b.title, b.status ?? 'draft', b.createdBy])).rows[0]!;
}

export async function findBill(db: Queryable, id: string, opts: { forUpdate?: boolean } = {}): Promise<BillRow | undefined> {
  if (!isId(id)) return undefined;
  return (await db.query<BillRow>(opts.forUpdate ? SQL.byIdForUpdate : SQL.byId, [id])).rows[0];
}

export async function listBills(db: Queryable, limit: number, offset: number): Promise<BillListRow[]> {
  return (await db.query<BillListRow>(SQL.list, [limit, offset])).rows;
}

export async function countBills(db: Queryable): Promise<number> {
  return (await db.query<{ n: number }>(SQL.count)).rows[0]!.n;
}

/** Compare-and-set: false when the status changed meanwhile. */
export async function updateBillStatus(db: Queryable, id: string, from: BillStatus, to: BillStatus): Promise<boolean> {
  return (await db.query(SQL.setStatus, [id, to, from])).rowCount === 1;
}

export async function setDecisionRule(db: Queryable, id: string, rule: DecisionRule, quorum: number | null): Promise<void> {
  await db.query(SQL.setRule, [id, rule, quorum]);
}
