import type { CommissionTally } from '../../shared/commission';
import type { Queryable } from '../db/db';

/** SQL for the append-only `decisions` of the commission. */
const SQL = {
  insert: `INSERT INTO decisions (amendment_id, bill_id, outcome, rule, reason, by_amendment_id, tallies, decided_by, group_key, seq)
           SELECT $1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, COALESCE(max(seq), 0) + 1 FROM decisions WHERE bill_id = $2`,
  ofBill: `SELECT d.id, d.amendment_id, d.outcome, d.rule, d.reason, d.by_amendment_id, d.tallies, d.decided_by, d.group_key, d.decided_at, d.seq
           FROM decisions d WHERE d.bill_id = $1 ORDER BY d.seq`,
  ofAmendment: `SELECT d.id, d.amendment_id, d.outcome, d.rule, d.reason, d.by_amendment_id, d.tallies, d.decided_by, d.group_key, d.decided_at, d.seq
                FROM decisions d WHERE d.amendment_id = $1`,
} as const;

export type Outcome = 'adopted' | 'rejected' | 'fallen' | 'not_examined';
export type DecisionRuleUsed = 'explicit' | 'simple_majority' | 'double_majority' | 'consequence';

export interface DecisionRow {
  id: string;
  amendment_id: string;
  outcome: Outcome;
  rule: DecisionRuleUsed;
  reason: string | null;
  by_amendment_id: string | null;
  tallies: CommissionTally | Record<string, never>;
  decided_by: string | null;
  group_key: string | null;
  decided_at: Date;
  seq: number;
}

/** Appends a decision; callers hold the bill's row lock, so `seq` does not collide. */
export async function insertDecision(
  db: Queryable,
  d: { amendmentId: string; billId: string; outcome: Outcome; rule: DecisionRuleUsed; reason?: string | null; byAmendmentId?: string | null;
    tallies: CommissionTally | Record<string, never>; decidedBy: string | null; groupKey?: string | null },
): Promise<void> {
  await db.query(SQL.insert, [d.amendmentId, d.billId, d.outcome, d.rule, d.reason ?? null, d.byAmendmentId ?? null, JSON.stringify(d.tallies), d.decidedBy, d.groupKey ?? null]);
}

export async function listBillDecisions(db: Queryable, billId: string): Promise<DecisionRow[]> {
  return (await db.query<DecisionRow>(SQL.ofBill, [billId])).rows;
}

export async function findDecision(db: Queryable, amendmentId: string): Promise<DecisionRow | undefined> {
  return (await db.query<DecisionRow>(SQL.ofAmendment, [amendmentId])).rows[0];
}
