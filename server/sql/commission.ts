import type { College, CommissionVote } from '../../shared/commission';
import type { Queryable } from '../db/db';

/** SQL for `commission_members` and `commission_votes` (the commission of a bill). */
const SQL = {
  upsertMember: `INSERT INTO commission_members (bill_id, user_id, college, appointed_by) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (bill_id, user_id) DO UPDATE SET college = EXCLUDED.college`,
  deleteMember: 'DELETE FROM commission_members WHERE bill_id = $1 AND user_id = $2',
  member: 'SELECT college FROM commission_members WHERE bill_id = $1 AND user_id = $2',
  members: `SELECT m.user_id, m.college, u.display_name, u.kind FROM commission_members m JOIN users u ON u.id = m.user_id
            WHERE m.bill_id = $1 ORDER BY m.college, u.display_name`,
  vote: `INSERT INTO commission_votes (amendment_id, user_id, value) VALUES ($1, $2, $3)
         ON CONFLICT (amendment_id, user_id) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
  unvote: 'DELETE FROM commission_votes WHERE amendment_id = $1 AND user_id = $2',
  // Only current members' votes count: a member removed from the commission no longer weighs.
  votesOf: `SELECT v.amendment_id, m.college, v.value FROM commission_votes v
            JOIN amendments a ON a.id = v.amendment_id
            JOIN commission_members m ON m.bill_id = a.bill_id AND m.user_id = v.user_id
            WHERE v.amendment_id = ANY($1::uuid[])`,
  myVotes: 'SELECT amendment_id, value FROM commission_votes WHERE user_id = $1 AND amendment_id = ANY($2::uuid[])',
} as const;

export interface MemberRow {
  user_id: string;
  college: College;
  display_name: string;
  kind: 'citizen' | 'organisation';
}

export async function upsertMember(db: Queryable, m: { billId: string; userId: string; college: College; appointedBy: string }): Promise<void> {
  await db.query(SQL.upsertMember, [m.billId, m.userId, m.college, m.appointedBy]);
}

export async function deleteMember(db: Queryable, billId: string, userId: string): Promise<boolean> {
  return (await db.query(SQL.deleteMember, [billId, userId])).rowCount > 0;
}

export async function memberCollege(db: Queryable, billId: string, userId: string): Promise<College | null> {
  return (await db.query<{ college: College }>(SQL.member, [billId, userId])).rows[0]?.college ?? null;
}

export async function listMembers(db: Queryable, billId: string): Promise<MemberRow[]> {
  return (await db.query<MemberRow>(SQL.members, [billId])).rows;
}

export async function castCommissionVote(db: Queryable, amendmentId: string, userId: string, value: CommissionVote | null): Promise<void> {
  if (value === null) await db.query(SQL.unvote, [amendmentId, userId]);
  else await db.query(SQL.vote, [amendmentId, userId, value]);
}

/** The (college, value) pairs of current members' votes, per amendment. */
export async function commissionVotesOf(db: Queryable, amendmentIds: readonly string[]): Promise<Map<string, { college: College; value: CommissionVote }[]>> {
  const out = new Map<string, { college: College; value: CommissionVote }[]>();
  if (amendmentIds.length === 0) return out;
  for (const r of (await db.query<{ amendment_id: string; college: College; value: CommissionVote }>(SQL.votesOf, [amendmentIds])).rows) {
    out.set(r.amendment_id, [...(out.get(r.amendment_id) ?? []), { college: r.college, value: r.value }]);
  }
  return out;
}

export async function myCommissionVotes(db: Queryable, userId: string, amendmentIds: readonly string[]): Promise<Map<string, CommissionVote>> {
  if (amendmentIds.length === 0) return new Map();
  const rows = (await db.query<{ amendment_id: string; value: CommissionVote }>(SQL.myVotes, [userId, amendmentIds])).rows;
  return new Map(rows.map((r) => [r.amendment_id, r.value]));
}
