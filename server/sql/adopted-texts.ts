import type { ReconcileResult } from '../../shared/reconcile';
import type { Queryable } from '../db/db';

/** SQL for `adopted_texts`: the reconciled text frozen when the bill was adopted. */
const SQL = {
  insert: 'INSERT INTO adopted_texts (bill_id, result, adopted_by) VALUES ($1, $2::jsonb, $3)',
  byBill: 'SELECT result, adopted_at FROM adopted_texts WHERE bill_id = $1',
} as const;

export async function insertAdoptedText(db: Queryable, billId: string, result: ReconcileResult, adoptedBy: string | null): Promise<void> {
  await db.query(SQL.insert, [billId, JSON.stringify(result), adoptedBy]);
}

export async function findAdoptedText(db: Queryable, billId: string): Promise<{ result: ReconcileResult; adopted_at: Date } | undefined> {
  return (await db.query<{ result: ReconcileResult; adopted_at: Date }>(SQL.byBill, [billId])).rows[0];
}
