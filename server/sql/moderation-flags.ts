import type { Queryable } from '../db/db';
import type { FlagCause } from '../../shared/moderation';
import type { SubjectType } from './moderation';

/** SQL for `contribution_fingerprints` and `moderation_flags` (the automatic flags, migration 030). */
const SQL = {
  fingerprint: `INSERT INTO contribution_fingerprints (subject_type, subject_id, bill_id, author_id, text_hash) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT DO NOTHING`,
  sameText: `SELECT subject_type, subject_id, bill_id FROM contribution_fingerprints
             WHERE text_hash = $1 AND created_at > now() - make_interval(hours => $2) ORDER BY created_at LIMIT 200`,
  recentByAuthor: `SELECT count(*)::int AS n FROM contribution_fingerprints WHERE author_id = $1 AND created_at > now() - make_interval(mins => $2)`,
  flag: `INSERT INTO moderation_flags (subject_type, subject_id, bill_id, cause, detail)
         SELECT * FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::text[], $5::text[])
         ON CONFLICT (subject_type, subject_id, cause) DO NOTHING`,
} as const;

export interface FlagSubject {
  subject_type: SubjectType;
  subject_id: string;
  bill_id: string | null;
}

export async function insertFingerprint(db: Queryable, f: { type: SubjectType; id: string; billId: string; authorId: string; hash: string }): Promise<void> {
  await db.query(SQL.fingerprint, [f.type, f.id, f.billId, f.authorId, f.hash]);
}

/** Contributions with the same normalised text in the last `hours` (the newest one included). */
export async function sameTextRecently(db: Queryable, hash: string, hours: number): Promise<FlagSubject[]> {
  return (await db.query<FlagSubject>(SQL.sameText, [hash, hours])).rows;
}

export async function countRecentByAuthor(db: Queryable, authorId: string, minutes: number): Promise<number> {
  return (await db.query<{ n: number }>(SQL.recentByAuthor, [authorId, minutes])).rows[0]!.n;
}

/** Raises flags (a subject keeps one flag per cause). */
export async function insertFlags(db: Queryable, flags: readonly (FlagSubject & { cause: FlagCause; detail: string })[]): Promise<void> {
  if (flags.length === 0) return;
  await db.query(SQL.flag, [flags.map((f) => f.subject_type), flags.map((f) => f.subject_id), flags.map((f) => f.bill_id), flags.map((f) => f.cause), flags.map((f) => f.detail)]);
}
