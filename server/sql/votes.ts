import type { Tally, VoteValue } from '../../shared/votes';
import { tally } from '../../shared/votes';
import type { Queryable } from '../db/db';

/** SQL for `votes`; `tallies` and `vote_events` are maintained by the `votes_tally` trigger. */
const SQL = {
  // Re-voting the same value changes nothing (no tally churn, no event).
  upsert: `INSERT INTO votes (target_type, target_id, user_id, value) VALUES ($1, $2, $3, $4)
           ON CONFLICT (target_type, target_id, user_id)
           DO UPDATE SET value = EXCLUDED.value, updated_at = now() WHERE votes.value IS DISTINCT FROM EXCLUDED.value`,
  delete: 'DELETE FROM votes WHERE target_type = $1 AND target_id = $2 AND user_id = $3',
  tally: 'SELECT n_for, n_mitigated, n_against FROM tallies WHERE target_type = $1 AND target_id = $2',
  mine: 'SELECT value FROM votes WHERE target_type = $1 AND target_id = $2 AND user_id = $3',
} as const;

export type VoteTarget = { type: 'article' | 'amendment' | 'argument'; id: string };

export async function upsertVote(db: Queryable, target: VoteTarget, userId: string, value: VoteValue): Promise<void> {
  await db.query(SQL.upsert, [target.type, target.id, userId, value]);
}

export async function deleteVote(db: Queryable, target: VoteTarget, userId: string): Promise<void> {
  await db.query(SQL.delete, [target.type, target.id, userId]);
}

export async function getTally(db: Queryable, target: VoteTarget): Promise<Tally> {
  const row = (await db.query<{ n_for: number; n_mitigated: number; n_against: number }>(SQL.tally, [target.type, target.id])).rows[0];
  return row ? tally(row.n_for, row.n_mitigated, row.n_against) : tally(0, 0, 0);
}

export async function findMyVote(db: Queryable, target: VoteTarget, userId: string): Promise<VoteValue | null> {
  return (await db.query<{ value: VoteValue }>(SQL.mine, [target.type, target.id, userId])).rows[0]?.value ?? null;
}
