import type { AmendmentKind, AmendmentOrigin, AmendmentStatus } from '../../shared/amendment';
import type { Queryable } from '../db/db';
import { isId } from './ids';
import type { AccountKind, Assurance } from './users';

/**
 * SQL of public contributions: one person's (their public page) and a bill's over time (charts).
 * Only what the public can read is listed: never a draft, nothing masked by the moderation, no
 * argument on a masked amendment, no reply under a masked annotation.
 */

// Every public contribution of account $1 as one timeline: the same columns for each kind.
const ITEMS = `
  SELECT 'amendment'::text AS type, a.id, COALESCE(a.submitted_at, a.created_at) AS at, a.bill_id, b.title AS bill_title,
         ar.id AS article_id, ar.number AS article_number, a.origin, a.number, a.kind AS amendment_kind, a.status,
         NULL::text AS side, NULL::text AS body, NULL::text AS quote,
         NULL::text AS target_type, NULL::uuid AS target_id, NULL::text AS target_origin, NULL::integer AS target_number
  FROM amendment_authors aa JOIN amendments a ON a.id = aa.amendment_id
  JOIN articles ar ON ar.id = a.article_id JOIN bills b ON b.id = a.bill_id
  WHERE aa.user_id = $1 AND a.status <> 'draft' AND a.hidden_reason IS NULL
  UNION ALL
  SELECT 'argument', g.id, g.created_at, g.bill_id, b.title, ar.id, ar.number, NULL, NULL, NULL, NULL,
         g.side, g.body, NULL, g.target_type, g.target_id, ta.origin, ta.number
  FROM arguments g JOIN bills b ON b.id = g.bill_id
  LEFT JOIN amendments ta ON g.target_type = 'amendment' AND ta.id = g.target_id
  JOIN articles ar ON ar.id = CASE WHEN g.target_type = 'amendment' THEN ta.article_id ELSE g.target_id END
  WHERE g.author_id = $1 AND g.hidden_reason IS NULL
    AND (g.target_type = 'article' OR (ta.status <> 'draft' AND ta.hidden_reason IS NULL))
  UNION ALL
  SELECT 'annotation', n.id, n.created_at, n.bill_id, b.title, ar.id, ar.number, NULL, NULL, NULL, NULL,
         NULL, n.body, n.quote, NULL, NULL, NULL, NULL
  FROM annotations n JOIN articles ar ON ar.id = n.article_id JOIN bills b ON b.id = n.bill_id
  WHERE n.author_id = $1 AND n.hidden_reason IS NULL
  UNION ALL
  SELECT 'reply', r.id, r.created_at, n.bill_id, b.title, ar.id, ar.number, NULL, NULL, NULL, NULL,
         NULL, r.body, n.quote, 'annotation', n.id, NULL, NULL
  FROM annotation_replies r JOIN annotations n ON n.id = r.annotation_id
  JOIN articles ar ON ar.id = n.article_id JOIN bills b ON b.id = n.bill_id
  WHERE r.author_id = $1 AND r.hidden_reason IS NULL AND n.hidden_reason IS NULL`;

// Hours are cut in UTC whatever the session's time zone; France's offsets are whole hours, so
// each UTC hour falls within one French day (shared/charts.ts sums them per day).
const HOUR = (col: string) => `date_trunc('hour', ${col} AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`;
const FIRST_VOTES = (table: string, type: string) => `SELECT e.at FROM ${table} x
  JOIN vote_events e ON e.target_type = '${type}' AND e.target_id = x.id
  WHERE x.bill_id = $1 AND e.old_value IS NULL AND e.new_value IS NOT NULL`;

const SQL = {
  person: 'SELECT id, display_name, kind, assurance, deleted_at IS NOT NULL AS deleted FROM users WHERE id = $1',
  // (at, id) keyset: the cursor keeps microseconds, so that no row is skipped or shown twice.
  page: `SELECT i.*, to_char(i.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at FROM (${ITEMS}) i
         WHERE $2::timestamptz IS NULL OR (i.at, i.id) < ($2::timestamptz, $3::uuid)
         ORDER BY i.at DESC, i.id DESC LIMIT $4`,
  counts: `SELECT type, count(*)::int AS n FROM (${ITEMS}) i GROUP BY type`,
  voteDeltas: `SELECT ${HOUR('at')} AS at,
                 (count(*) FILTER (WHERE new_value = 'for') - count(*) FILTER (WHERE old_value = 'for'))::int AS n_for,
                 (count(*) FILTER (WHERE new_value = 'mitigated') - count(*) FILTER (WHERE old_value = 'mitigated'))::int AS n_mitigated,
                 (count(*) FILTER (WHERE new_value = 'against') - count(*) FILTER (WHERE old_value = 'against'))::int AS n_against
               FROM vote_events WHERE target_type = $1 AND target_id = $2 GROUP BY 1 ORDER BY 1`,
  // A vote is counted when cast, not again when changed (old_value is then the previous opinion).
  votesPerHour: `SELECT ${HOUR('v.at')} AS at, count(*)::int AS n FROM (
                   ${FIRST_VOTES('articles', 'article')} UNION ALL ${FIRST_VOTES('amendments', 'amendment')}
                   UNION ALL ${FIRST_VOTES('arguments', 'argument')}) v GROUP BY 1`,
  amendmentsPerHour: `SELECT ${HOUR('submitted_at')} AS at, count(*)::int AS n FROM amendments
                      WHERE bill_id = $1 AND status <> 'draft' AND submitted_at IS NOT NULL GROUP BY 1`,
  argumentsPerHour: `SELECT ${HOUR('created_at')} AS at, count(*)::int AS n FROM arguments WHERE bill_id = $1 GROUP BY 1`,
  annotationsPerHour: `SELECT ${HOUR('created_at')} AS at, count(*)::int AS n FROM annotations WHERE bill_id = $1 GROUP BY 1`,
} as const;

export interface PersonRow {
  id: string;
  display_name: string;
  kind: AccountKind;
  assurance: Assurance;
  deleted: boolean;
}

export type ContributionType = 'amendment' | 'argument' | 'annotation' | 'reply';

export interface ContributionRow {
  type: ContributionType;
  id: string;
  at: Date;
  cursor_at: string;
  bill_id: string;
  bill_title: string;
  article_id: string;
  article_number: string;
  origin: AmendmentOrigin | null;
  number: number | null;
  amendment_kind: AmendmentKind | null;
  status: AmendmentStatus | null;
  side: 'for' | 'against' | null;
  body: string | null;
  quote: string | null;
  target_type: 'article' | 'amendment' | 'annotation' | null;
  target_id: string | null;
  target_origin: AmendmentOrigin | null;
  target_number: number | null;
}

/** Where a page of the timeline starts: just older than this (at, id). */
export interface Cursor {
  at: string;
  id: string;
}

export async function findPerson(db: Queryable, id: string): Promise<PersonRow | undefined> {
  if (!isId(id)) return undefined;
  return (await db.query<PersonRow>(SQL.person, [id])).rows[0];
}

/** A person's public contributions, newest first, `limit` of them from `before`. */
export async function listContributions(db: Queryable, userId: string, before: Cursor | null, limit: number): Promise<ContributionRow[]> {
  return (await db.query<ContributionRow>(SQL.page, [userId, before?.at ?? null, before?.id ?? null, limit])).rows;
}

export async function countContributions(db: Queryable, userId: string): Promise<Record<ContributionType, number>> {
  const out: Record<ContributionType, number> = { amendment: 0, argument: 0, annotation: 0, reply: 0 };
  for (const r of (await db.query<{ type: ContributionType; n: number }>(SQL.counts, [userId])).rows) out[r.type] = r.n;
  return out;
}

/** Net change of each opinion per hour on a target, from the voter-less vote log. */
export async function voteDeltasPerHour(db: Queryable, type: 'article' | 'amendment' | 'argument', id: string) {
  const rows = (await db.query<{ at: Date; n_for: number; n_mitigated: number; n_against: number }>(SQL.voteDeltas, [type, id])).rows;
  return rows.map((r) => ({ at: r.at, for: r.n_for, mitigated: r.n_mitigated, against: r.n_against }));
}

export type HourCount = { at: Date; n: number };

/** Votes cast, amendments submitted, arguments and annotations of a bill, per hour. */
export async function participationPerHour(db: Queryable, billId: string): Promise<Record<'votes' | 'amendments' | 'arguments' | 'annotations', HourCount[]>> {
  const run = async (sql: string) => (await db.query<HourCount>(sql, [billId])).rows;
  const [votes, amendments, args, annotations] = await Promise.all([
    run(SQL.votesPerHour), run(SQL.amendmentsPerHour), run(SQL.argumentsPerHour), run(SQL.annotationsPerHour),
  ]);
  return { votes, amendments, arguments: args, annotations };
}
