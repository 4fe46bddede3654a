import type { BillStatus } from '../../shared/phases';
import type { Tally, VoteValue } from '../../shared/votes';
import { tally } from '../../shared/votes';
import type { Queryable } from '../db/db';

/**
 * SQL for `votes`; `tallies` and `vote_events` are maintained by the `votes_tally` trigger, and the
 * `cast_vote` function upserts or deletes a vote and returns the new tally in one round trip.
 */
const SQL = {
  tally: 'SELECT n_for, n_mitigated, n_against FROM tallies WHERE target_type = $1 AND target_id = $2',
  mine: 'SELECT value FROM votes WHERE target_type = $1 AND target_id = $2 AND user_id = $3',
  castChecked: 'SELECT outcome, bill_status, n_for, n_mitigated, n_against FROM cast_vote_checked($1, $2, $3, $4)',
  tallies: `SELECT target_id, n_for, n_mitigated, n_against FROM tallies WHERE target_type = $1 AND target_id = ANY($2::uuid[])`,
  // « Identités vérifiées seulement »: counted from the ballots of verified accounts, never listed.
  verifiedTallies: `SELECT v.target_id, count(*) FILTER (WHERE v.value = 'for')::int AS n_for,
                           count(*) FILTER (WHERE v.value = 'mitigated')::int AS n_mitigated,
                           count(*) FILTER (WHERE v.value = 'against')::int AS n_against
                    FROM votes v JOIN users u ON u.id = v.user_id
                    WHERE v.target_type = $1 AND v.target_id = ANY($2::uuid[]) AND u.assurance = 'verified'
                    GROUP BY v.target_id`,
} as const;

/**
 * Which votes a tally counts: all of them (the cached `tallies`), or only those of accounts whose
 * identity a provider verified (`?assurance=verified`, issue 13), counted when asked — assurance
 * levels change when an identity is linked, which a cached count would have to follow.
 */
export type TallyScope = 'all' | 'verified';

export type VoteTarget = { type: 'article' | 'amendment' | 'argument'; id: string };

export async function getTally(db: Queryable, target: VoteTarget, scope: TallyScope = 'all'): Promise<Tally> {
  if (scope === 'verified') return (await getTallies(db, target.type, [target.id], scope)).get(target.id)!;
  const row = (await db.query<{ n_for: number; n_mitigated: number; n_against: number }>(SQL.tally, [target.type, target.id])).rows[0];
  return row ? tally(row.n_for, row.n_mitigated, row.n_against) : tally(0, 0, 0);
}

export async function findMyVote(db: Queryable, target: VoteTarget, userId: string): Promise<VoteValue | null> {
  return (await db.query<{ value: VoteValue }>(SQL.mine, [target.type, target.id, userId])).rows[0]?.value ?? null;
}

export type VoteOutcome = 'ok' | 'not_found' | 'wrong_phase' | 'closed' | 'hidden' | 'parliament';

/**
 * Checks that the target accepts votes, then casts (or with `null` withdraws) the vote and returns
 * the new tally — in one round trip, the hot path of a consultation (see migration 010).
 */
export async function castVoteChecked(
  db: Queryable,
  target: VoteTarget,
  userId: string,
  value: VoteValue | null,
): Promise<{ outcome: VoteOutcome; billStatus: BillStatus | null; tally: Tally }> {
  const row = (await db.query<{ outcome: VoteOutcome; bill_status: BillStatus | null; n_for: number; n_mitigated: number; n_against: number }>(
    SQL.castChecked, [target.type, target.id, userId, value])).rows[0]!;
  return { outcome: row.outcome, billStatus: row.bill_status, tally: tally(row.n_for, row.n_mitigated, row.n_against) };
}

/** Tallies of many targets of one type (absent ones are all zeros). */
export async function getTallies(db: Queryable, type: VoteTarget['type'], ids: readonly string[], scope: TallyScope = 'all'): Promise<Map<string, Tally>> {
  const out = new Map<string, Tally>(ids.map((id) => [id, tally(0, 0, 0)]));
  if (ids.length === 0) return out;
  const sql = scope === 'verified' ? SQL.verifiedTallies : SQL.tallies;
  const rows = (await db.query<{ target_id: string; n_for: number; n_mitigated: number; n_against: number }>(sql, [type, ids])).rows;
  for (const r of rows) out.set(r.target_id, tally(r.n_for, r.n_mitigated, r.n_against));
  return out;
}
