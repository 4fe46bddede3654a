import type { Queryable } from '../db/db';
import type { Stratum } from '../sortition/model';
import { isId } from './ids';

/** SQL for `sortitions` and `sortition_volunteers` (migrations 026, 031). */
export type SortitionStatus = 'open' | 'computing' | 'ready' | 'failed' | 'drawn';

export interface SortitionRow {
  bill_id: string;
  seats: number;
  strata: Stratum[];
  status: SortitionStatus;
  opened_at: Date;
  seed_hash: string | null;
  seed_secret: string | null;
  pool_hash: string | null;
  committed_at: Date | null;
  progress: Record<string, unknown> | null;
  failure: string | null;
  distribution: StoredDistribution | null;
  computed_at: Date | null;
  seed: string | null;
  public_value: string | null;
  drawn_by: string | null;
  drawn_at: Date | null;
  drawn: string[] | null;
  /** The process computing the lottery, its last sign of life, and how many times it was started. */
  compute_owner: string | null;
  compute_heartbeat: Date | null;
  compute_attempts: number;
}

/** The lottery as stored and published: whole weights over panels given as seats per profile. */
export interface StoredDistribution {
  algorithm: string;
  total: number;
  panels: { counts: number[]; weight: number }[];
  probabilities: number[];
  stats: Record<string, number>;
}

export interface VolunteerRow {
  user_id: string;
  pseudonym: string;
  answers: Record<string, string>;
  created_at: Date;
  seated_at: Date | null;
  response: 'accepted' | 'declined' | null;
  responded_at: Date | null;
  decline_seq: number | null;
  replaced_by: string | null;
  display_name: string;
  email: string;
  email_verified_at: Date | null;
  /** The language of the account's e-mails (null: French). */
  lang: 'fr' | 'en' | null;
}

const SQL = {
  find: 'SELECT * FROM sortitions WHERE bill_id = $1',
  findForUpdate: 'SELECT * FROM sortitions WHERE bill_id = $1 FOR UPDATE',
  open: `INSERT INTO sortitions (bill_id, seats, strata, opened_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (bill_id) DO UPDATE SET seats = EXCLUDED.seats, strata = EXCLUDED.strata, opened_by = EXCLUDED.opened_by,
           opened_at = now(), status = 'open', seed_hash = NULL, seed_secret = NULL, pool_hash = NULL, committed_at = NULL,
           progress = NULL, failure = NULL, distribution = NULL, computed_at = NULL`,
  volunteers: `SELECT v.user_id, v.pseudonym, v.answers, v.created_at, v.seated_at, v.response, v.responded_at, v.decline_seq, v.replaced_by,
                      u.display_name, u.email, u.email_verified_at, u.lang
               FROM sortition_volunteers v JOIN users u ON u.id = v.user_id WHERE v.bill_id = $1 ORDER BY v.pseudonym`,
  countVolunteers: 'SELECT count(*)::int AS n FROM sortition_volunteers WHERE bill_id = $1',
  upsertVolunteer: `INSERT INTO sortition_volunteers (bill_id, user_id, pseudonym, answers) VALUES ($1, $2, $3, $4)
                    ON CONFLICT (bill_id, user_id) DO UPDATE SET answers = EXCLUDED.answers RETURNING pseudonym`,
  deleteVolunteer: 'DELETE FROM sortition_volunteers WHERE bill_id = $1 AND user_id = $2',
  commit: `UPDATE sortitions SET status = 'computing', seed_hash = $2, seed_secret = $3, pool_hash = $4, committed_at = now(),
             progress = NULL, failure = NULL, compute_owner = NULL, compute_heartbeat = NULL, compute_attempts = 0 WHERE bill_id = $1`,
  // a computing lottery nobody holds, or whose holder has been silent for $3 ms
  claim: `UPDATE sortitions SET compute_owner = $2, compute_heartbeat = now(), compute_attempts = compute_attempts + 1, progress = NULL
          WHERE bill_id = $1 AND status = 'computing'
            AND (compute_owner IS NULL OR compute_heartbeat IS NULL OR compute_heartbeat < now() - make_interval(secs => $3::float8 / 1000))
          RETURNING compute_attempts`,
  heartbeat: `UPDATE sortitions SET compute_heartbeat = now() WHERE bill_id = $1 AND status = 'computing' AND compute_owner = $2`,
  stale: `SELECT bill_id FROM sortitions WHERE status = 'computing'
            AND (compute_owner IS NULL OR compute_heartbeat IS NULL OR compute_heartbeat < now() - make_interval(secs => $1::float8 / 1000))
          ORDER BY committed_at`,
  progress: `UPDATE sortitions SET progress = $2, compute_heartbeat = now() WHERE bill_id = $1 AND status = 'computing' AND compute_owner = $3`,
  computed: `UPDATE sortitions SET status = 'ready', distribution = $2, computed_at = now(), progress = NULL, compute_owner = NULL WHERE bill_id = $1 AND status = 'computing'`,
  failed: `UPDATE sortitions SET status = 'failed', failure = $2, progress = NULL, compute_owner = NULL WHERE bill_id = $1 AND status = 'computing'`,
  restart: `UPDATE sortitions SET status = 'computing', failure = NULL, progress = NULL, compute_owner = NULL, compute_heartbeat = NULL, compute_attempts = 0
            WHERE bill_id = $1 AND status IN ('failed', 'computing')`,
  drawn: `UPDATE sortitions SET status = 'drawn', seed = $2, public_value = $3, drawn_by = $4, drawn_at = now(), drawn = $5, seed_secret = NULL
          WHERE bill_id = $1`,
  seat: 'UPDATE sortition_volunteers SET seated_at = now() WHERE bill_id = $1 AND pseudonym = ANY($2::text[])',
  respond: `UPDATE sortition_volunteers SET response = $3, responded_at = now(),
              decline_seq = CASE WHEN $3 = 'declined' THEN (SELECT COALESCE(max(decline_seq), 0) + 1 FROM sortition_volunteers WHERE bill_id = $1) END
            WHERE bill_id = $1 AND user_id = $2 RETURNING decline_seq`,
  replacedBy: 'UPDATE sortition_volunteers SET replaced_by = $3 WHERE bill_id = $1 AND user_id = $2',
} as const;

export async function findSortition(db: Queryable, billId: string, opts: { forUpdate?: boolean } = {}): Promise<SortitionRow | undefined> {
  if (!isId(billId)) return undefined;
  return (await db.query<SortitionRow>(opts.forUpdate ? SQL.findForUpdate : SQL.find, [billId])).rows[0];
}

export async function openSortitionRow(db: Queryable, s: { billId: string; seats: number; strata: Stratum[]; openedBy: string }): Promise<void> {
  await db.query(SQL.open, [s.billId, s.seats, JSON.stringify(s.strata), s.openedBy]);
}

export async function listVolunteers(db: Queryable, billId: string): Promise<VolunteerRow[]> {
  return (await db.query<VolunteerRow>(SQL.volunteers, [billId])).rows;
}

export async function countVolunteers(db: Queryable, billId: string): Promise<number> {
  return (await db.query<{ n: number }>(SQL.countVolunteers, [billId])).rows[0]!.n;
}

/** Inserts or updates the person's answers; returns their pseudonym (kept when they answer again). */
export async function upsertVolunteer(db: Queryable, v: { billId: string; userId: string; pseudonym: string; answers: Record<string, string> }): Promise<string> {
  return (await db.query<{ pseudonym: string }>(SQL.upsertVolunteer, [v.billId, v.userId, v.pseudonym, JSON.stringify(v.answers)])).rows[0]!.pseudonym;
}

export async function deleteVolunteer(db: Queryable, billId: string, userId: string): Promise<boolean> {
  return (await db.query(SQL.deleteVolunteer, [billId, userId])).rowCount > 0;
}

export async function commitSortitionRow(db: Queryable, c: { billId: string; seedHash: string; seedSecret: string | null; poolHash: string }): Promise<void> {
  await db.query(SQL.commit, [c.billId, c.seedHash, c.seedSecret, c.poolHash]);
}

export async function saveProgress(db: Queryable, billId: string, owner: string, progress: Record<string, unknown>): Promise<void> {
  await db.query(SQL.progress, [billId, JSON.stringify(progress), owner]);
}

export async function saveDistribution(db: Queryable, billId: string, d: StoredDistribution): Promise<boolean> {
  return (await db.query(SQL.computed, [billId, JSON.stringify(d)])).rowCount > 0;
}

export async function saveFailure(db: Queryable, billId: string, reason: string): Promise<boolean> {
  return (await db.query(SQL.failed, [billId, reason])).rowCount > 0;
}

export async function restartComputation(db: Queryable, billId: string): Promise<boolean> {
  return (await db.query(SQL.restart, [billId])).rowCount > 0;
}

export async function saveDraw(db: Queryable, d: { billId: string; seed: string; publicValue: string | null; drawnBy: string; drawn: string[] }): Promise<void> {
  await db.query(SQL.drawn, [d.billId, d.seed, d.publicValue, d.drawnBy, JSON.stringify(d.drawn)]);
}

export async function seatVolunteers(db: Queryable, billId: string, pseudonyms: readonly string[]): Promise<void> {
  await db.query(SQL.seat, [billId, pseudonyms]);
}

/** Records an answer; for a decline, returns its rank k among the sortition's declines. */
export async function recordResponse(db: Queryable, billId: string, userId: string, response: 'accepted' | 'declined'): Promise<number | null> {
  return (await db.query<{ decline_seq: number | null }>(SQL.respond, [billId, userId, response])).rows[0]?.decline_seq ?? null;
}

/** Takes over a computing lottery nobody holds (or whose holder is silent past `staleMs`): the attempt's number, or null when another process holds it. */
export async function claimComputation(db: Queryable, billId: string, owner: string, staleMs: number): Promise<number | null> {
  return (await db.query<{ compute_attempts: number }>(SQL.claim, [billId, owner, staleMs])).rows[0]?.compute_attempts ?? null;
}

/** The holder's sign of life; false when it no longer holds the computation. */
export async function heartbeat(db: Queryable, billId: string, owner: string): Promise<boolean> {
  return (await db.query(SQL.heartbeat, [billId, owner])).rowCount > 0;
}

/** Lotteries left computing by a process that stopped (or silent past `staleMs`). */
export async function staleComputations(db: Queryable, staleMs: number): Promise<string[]> {
  return (await db.query<{ bill_id: string }>(SQL.stale, [staleMs])).rows.map((r) => r.bill_id);
}

export async function setReplacedBy(db: Queryable, billId: string, userId: string, replacement: string): Promise<void> {
  await db.query(SQL.replacedBy, [billId, userId, replacement]);
}
