import type { AmendmentKind, AmendmentOrigin, AmendmentStatus } from '../../shared/amendment';
import type { Queryable } from '../db/db';

/**
 * SQL of the legislative footprint (migration 029): the published contributions of a bill (or of
 * one article) written by an organisation that declared itself an interest representative (even
 * if it withdrew since), or said — by their authors or by a clerk — to be inspired by one.
 * Drafts and what moderation hid are left out.
 */
const REPS = 'SELECT user_id FROM interest_representatives';
const SQL = {
  amendments: `SELECT a.id, a.article_id, ar.number AS article_number, a.origin, a.number, a.rectification, a.parliament_number, a.status, a.kind,
      a.submitted_at, a.inspired_by, ib.display_name AS inspired_by_name,
      ARRAY(SELECT aa.user_id FROM amendment_authors aa WHERE aa.amendment_id = a.id AND aa.user_id IN (${REPS}) ORDER BY aa.added_at) AS representative_authors
    FROM amendments a JOIN articles ar ON ar.id = a.article_id LEFT JOIN users ib ON ib.id = a.inspired_by
    WHERE a.bill_id = $1 AND ($2::uuid IS NULL OR a.article_id = $2) AND a.status <> 'draft' AND a.hidden_reason IS NULL
      AND (a.inspired_by IS NOT NULL OR EXISTS (SELECT 1 FROM amendment_inspiration_marks m WHERE m.amendment_id = a.id)
        OR EXISTS (SELECT 1 FROM amendment_authors aa WHERE aa.amendment_id = a.id AND aa.user_id IN (${REPS})))
    ORDER BY ar.position, a.origin, a.number LIMIT 5000`,
  arguments: `SELECT g.id, g.target_type, g.target_id, g.side, g.body, g.created_at, g.author_id, g.inspired_by, ib.display_name AS inspired_by_name,
      ar.id AS article_id, ar.number AS article_number, g.author_id IN (${REPS}) AS by_representative
    FROM arguments g LEFT JOIN users ib ON ib.id = g.inspired_by
      LEFT JOIN amendments ga ON g.target_type = 'amendment' AND ga.id = g.target_id
      JOIN articles ar ON ar.id = CASE WHEN g.target_type = 'article' THEN g.target_id ELSE ga.article_id END
    WHERE g.bill_id = $1 AND ($2::uuid IS NULL OR ar.id = $2) AND g.hidden_reason IS NULL
      AND (g.inspired_by IS NOT NULL OR g.author_id IN (${REPS}))
    ORDER BY ar.position, g.created_at, g.id LIMIT 5000`,
  annotations: `SELECT n.id, n.article_id, ar.number AS article_number, n.quote, n.body, n.created_at, n.author_id
    FROM annotations n JOIN articles ar ON ar.id = n.article_id
    WHERE n.bill_id = $1 AND ($2::uuid IS NULL OR n.article_id = $2) AND n.hidden_reason IS NULL AND n.author_id IN (${REPS})
    ORDER BY ar.position, n.created_at, n.id LIMIT 5000`,
} as const;

export interface FootprintAmendmentRow {
  id: string;
  article_id: string;
  article_number: string;
  origin: AmendmentOrigin;
  number: number | null;
  rectification: number;
  parliament_number: string | null;
  status: AmendmentStatus;
  kind: AmendmentKind;
  submitted_at: Date | null;
  inspired_by: string | null;
  inspired_by_name: string | null;
  representative_authors: string[];
}

export interface FootprintArgumentRow {
  id: string;
  target_type: 'article' | 'amendment';
  target_id: string;
  side: 'for' | 'against';
  body: string;
  created_at: Date;
  author_id: string;
  inspired_by: string | null;
  inspired_by_name: string | null;
  article_id: string;
  article_number: string;
  by_representative: boolean;
}

export interface FootprintAnnotationRow {
  id: string;
  article_id: string;
  article_number: string;
  quote: string;
  body: string;
  created_at: Date;
  author_id: string;
}

export async function footprintRows(db: Queryable, billId: string, articleId: string | null) {
  const params = [billId, articleId];
  const [amendments, args, annotations] = await Promise.all([
    db.query<FootprintAmendmentRow>(SQL.amendments, params),
    db.query<FootprintArgumentRow>(SQL.arguments, params),
    db.query<FootprintAnnotationRow>(SQL.annotations, params),
  ]);
  return { amendments: amendments.rows, arguments: args.rows, annotations: annotations.rows };
}
