import type { Queryable } from '../db/db';
import type { SubjectType } from './moderation';

/**
 * The moderation queue: every contribution with signals (reports, automatic flags) since its last
 * decision, filtered and paged. The oldest waiting first, so nothing is left behind.
 */
const SQL = {
  queue: `WITH signals AS (
              SELECT subject_type, subject_id, bill_id, 'report' AS source, reason AS cause, comment AS detail, created_at FROM reports
              UNION ALL
              SELECT subject_type, subject_id, bill_id, 'flag', cause, detail, created_at FROM moderation_flags
            ), open AS (
              SELECT s.* FROM signals s
              WHERE ($1::text IS NULL OR s.subject_type = $1) AND ($3::uuid IS NULL OR s.bill_id = $3)
                AND s.created_at > COALESCE((SELECT max(m.at) FROM moderation_actions m
                                             WHERE m.subject_type = s.subject_type AND m.subject_id = s.subject_id), '-infinity')
            ), items AS (
              SELECT subject_type, subject_id, bill_id,
                     count(*) FILTER (WHERE source = 'report')::int AS reports,
                     count(*) FILTER (WHERE source = 'flag')::int AS flags,
                     jsonb_agg(jsonb_build_object('source', source, 'cause', cause, 'detail', detail, 'at', created_at) ORDER BY created_at) AS signals,
                     min(created_at) AS first_at
              FROM open GROUP BY subject_type, subject_id, bill_id
              HAVING ($2::text IS NULL OR bool_or(cause = $2)) AND ($4::int IS NULL OR min(created_at) <= now() - make_interval(secs => $4))
            )
            SELECT i.*, b.title AS bill_title, count(*) OVER ()::int AS total
            FROM items i LEFT JOIN bills b ON b.id = i.bill_id
            ORDER BY i.first_at, i.subject_id LIMIT $5 OFFSET $6`,
  // what a moderator reads before deciding: an excerpt, where it is, who wrote it, whether it is hidden
  details: {
    amendment: `SELECT a.id, left(COALESCE(NULLIF(a.rationale, ''), (SELECT string_agg(x, ' ') FROM jsonb_array_elements_text(a.alineas) x), ''), 600) AS excerpt, a.hidden_reason,
                       '/amendements/' || a.id AS link, au.user_id AS author_id, u.display_name AS author_name
                FROM amendments a
                LEFT JOIN LATERAL (SELECT user_id FROM amendment_authors WHERE amendment_id = a.id ORDER BY added_at LIMIT 1) au ON true
                LEFT JOIN users u ON u.id = au.user_id WHERE a.id = ANY($1::uuid[])`,
    argument: `SELECT g.id, left(g.body, 600) AS excerpt, g.hidden_reason,
                      CASE g.target_type WHEN 'amendment' THEN '/amendements/' ELSE '/articles/' END || g.target_id || '#argument-' || g.id AS link,
                      g.author_id, u.display_name AS author_name
               FROM arguments g JOIN users u ON u.id = g.author_id WHERE g.id = ANY($1::uuid[])`,
    annotation: `SELECT n.id, left('« ' || n.quote || ' » ' || n.body, 600) AS excerpt, n.hidden_reason, '/articles/' || n.article_id || '#annotation-' || n.id AS link,
                        n.author_id, u.display_name AS author_name
                 FROM annotations n JOIN users u ON u.id = n.author_id WHERE n.id = ANY($1::uuid[])`,
    reply: `SELECT r.id, left(r.body, 600) AS excerpt, r.hidden_reason, '/articles/' || n.article_id || '#annotation-' || n.id AS link,
                   r.author_id, u.display_name AS author_name
            FROM annotation_replies r JOIN annotations n ON n.id = r.annotation_id JOIN users u ON u.id = r.author_id WHERE r.id = ANY($1::uuid[])`,
  } satisfies Record<SubjectType, string>,
} as const;

export interface QueueFilters {
  type: SubjectType | null;
  /** A rule of the charter (reports) or a flag's cause. */
  reason: string | null;
  billId: string | null;
  /** Waiting at least this many seconds. */
  minAgeSeconds: number | null;
}

export interface QueueSignal {
  source: 'report' | 'flag';
  cause: string;
  detail: string | null;
  at: string;
}

export interface QueueRow {
  subject_type: SubjectType;
  subject_id: string;
  bill_id: string | null;
  bill_title: string | null;
  reports: number;
  flags: number;
  signals: QueueSignal[];
  first_at: Date;
  total: number;
}

export interface SubjectDetails {
  id: string;
  excerpt: string;
  hidden_reason: string | null;
  link: string;
  author_id: string | null;
  author_name: string | null;
}

export async function listQueue(db: Queryable, f: QueueFilters, page: { limit: number; offset: number }): Promise<{ rows: QueueRow[]; total: number }> {
  const rows = (await db.query<QueueRow>(SQL.queue, [f.type, f.reason, f.billId, f.minAgeSeconds, page.limit, page.offset])).rows;
  return { rows, total: rows[0]?.total ?? 0 };
}

/** Excerpt, link and author of each subject, keyed `type:id` (unknown ones are absent). */
export async function subjectDetails(db: Queryable, refs: readonly { type: SubjectType; id: string }[]): Promise<Map<string, SubjectDetails>> {
  const out = new Map<string, SubjectDetails>();
  const byType = new Map<SubjectType, string[]>();
  for (const r of refs) byType.set(r.type, [...(byType.get(r.type) ?? []), r.id]);
  for (const [type, ids] of byType) {
    for (const row of (await db.query<SubjectDetails>(SQL.details[type], [ids])).rows) out.set(`${type}:${row.id}`, row);
  }
  return out;
}
