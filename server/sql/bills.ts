import type { DecisionRule } from '../../shared/commission';
import type { BillStatus } from '../../shared/phases';
import type { Queryable } from '../db/db';
import { isId } from './ids';

/** SQL for the `bills` table. */
const SQL = {
  insert: 'INSERT INTO bills (title, status, created_by) VALUES ($1, $2, $3) RETURNING id, title, status, created_at',
  byId: 'SELECT id, title, status, created_at, decision_rule, quorum, memorandum FROM bills WHERE id = $1',
  byIdForUpdate: 'SELECT id, title, status, created_at, decision_rule, quorum, memorandum FROM bills WHERE id = $1 FOR UPDATE',
  setRule: 'UPDATE bills SET decision_rule = $2, quorum = $3 WHERE id = $1',
  list: `SELECT b.id, b.title, b.status, b.created_at,
                (SELECT count(*) FROM articles a WHERE a.bill_id = b.id)::int AS article_count,
                count(*) OVER ()::int AS total
         FROM bills b WHERE $3 OR b.status <> 'draft' ORDER BY b.created_at DESC, b.id LIMIT $1 OFFSET $2`,
  statusOfBill: 'SELECT status FROM bills WHERE id = $1',
  statusOfArticle: 'SELECT b.status FROM articles a JOIN bills b ON b.id = a.bill_id WHERE a.id = $1',
  setStatus: 'UPDATE bills SET status = $2 WHERE id = $1 AND status = $3',
  count: "SELECT count(*)::int AS n FROM bills WHERE $1 OR status <> 'draft'",
} as const;

export interface BillRow {
  id: string;
  title: string;
  status: BillStatus;
  created_at: Date;
  /** Absent from list rows. */
  decision_rule?: DecisionRule;
  quorum?: number | null;
  /** The exposé des motifs (migration 029); absent from list rows. */
  memorandum?: string | null;
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

/** The bills, newest first; drafts only with `withDrafts` (admins and clerks). */
export async function listBills(db: Queryable, limit: number, offset: number, withDrafts: boolean): Promise<BillListRow[]> {
  return (await db.query<BillListRow>(SQL.list, [limit, offset, withDrafts])).rows;
}

/** The phase of a bill, by its id or one of its articles' (undefined: no such thing). */
export async function billStatusOf(db: Queryable, ref: { billId: string } | { articleId: string }): Promise<BillStatus | undefined> {
  const id = 'billId' in ref ? ref.billId : ref.articleId;
  if (!isId(id)) return undefined;
  return (await db.query<{ status: BillStatus }>('billId' in ref ? SQL.statusOfBill : SQL.statusOfArticle, [id])).rows[0]?.status;
}

export async function countBills(db: Queryable, withDrafts: boolean): Promise<number> {
  return (await db.query<{ n: number }>(SQL.count, [withDrafts])).rows[0]!.n;
}

/** Compare-and-set: false when the status changed meanwhile. */
export async function updateBillStatus(db: Queryable, id: string, from: BillStatus, to: BillStatus): Promise<boolean> {
  return (await db.query(SQL.setStatus, [id, to, from])).rowCount === 1;
}

export async function setDecisionRule(db: Queryable, id: string, rule: DecisionRule, quorum: number | null): Promise<void> {
  await db.query(SQL.setRule, [id, rule, quorum]);
}
