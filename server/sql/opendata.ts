import type { Queryable } from '../db/db';

/**
 * The open-data tables of a bill, one query each, already flat (one row per line of the CSV).
 * Individual votes never appear: only tallies. Contributions hidden by the moderation keep their
 * row, without their text. What a structure de médiation filed for a person or a workshop says so
 * in its own columns (`ASSISTED`), so that it can be counted apart.
 */
const ASSISTED = `ac.kind AS collected_for, ac.mediator_name AS collected_by_name, ac.mediator_town AS collected_by_town,
  ac.person_name AS on_behalf_of, ac.workshop_place, to_char(ac.workshop_date, 'YYYY-MM-DD') AS workshop_date, ac.workshop_participants`;
const SQL = {
  amendments: `SELECT a.id, a.number, a.origin, ar.number AS article_number, a.kind, a.status, a.submitted_at,
                 (SELECT string_agg(u.display_name, ' ; ' ORDER BY aa.added_at, u.id) FROM amendment_authors aa JOIN users u ON u.id = aa.user_id WHERE aa.amendment_id = a.id) AS authors,
                 (SELECT string_agg(u.kind, ' ; ' ORDER BY aa.added_at, u.id) FROM amendment_authors aa JOIN users u ON u.id = aa.user_id WHERE aa.amendment_id = a.id) AS author_kinds,
                 COALESCE(t.n_for, 0) AS votes_for, COALESCE(t.n_mitigated, 0) AS votes_mitigated, COALESCE(t.n_against, 0) AS votes_against,
                 a.inadmissible_ground, a.hidden_reason IS NOT NULL AS hidden,
                 CASE WHEN a.hidden_reason IS NULL THEN a.alineas ELSE '[]'::jsonb END AS alineas,
                 CASE WHEN a.hidden_reason IS NULL THEN a.rationale ELSE '' END AS rationale, ${ASSISTED},
                 ib.display_name AS inspired_by,
                 (SELECT string_agg(r.display_name || ' (' || c.display_name || ')', ' ; ' ORDER BY m.marked_at) FROM amendment_inspiration_marks m
                   JOIN users r ON r.id = m.representative_id JOIN users c ON c.id = m.marked_by WHERE m.amendment_id = a.id) AS inspiration_marks
               FROM amendments a JOIN articles ar ON ar.id = a.article_id LEFT JOIN users ib ON ib.id = a.inspired_by
               LEFT JOIN tallies t ON t.target_type = 'amendment' AND t.target_id = a.id
               LEFT JOIN assisted_contributions ac ON ac.subject_type = 'amendment' AND ac.subject_id = a.id
               WHERE a.bill_id = $1 AND a.status <> 'draft' ORDER BY ar.position, a.origin, a.number`,
  arguments: `SELECT g.id, g.target_type, g.target_id, g.side, u.display_name AS author, u.kind AS author_kind, g.created_at,
                COALESCE(t.n_for, 0) AS votes_for, COALESCE(t.n_mitigated, 0) AS votes_mitigated, COALESCE(t.n_against, 0) AS votes_against,
                g.hidden_reason IS NOT NULL AS hidden, CASE WHEN g.hidden_reason IS NULL THEN g.body ELSE '' END AS body, ${ASSISTED}, ib.display_name AS inspired_by
              FROM arguments g JOIN users u ON u.id = g.author_id LEFT JOIN users ib ON ib.id = g.inspired_by
              LEFT JOIN tallies t ON t.target_type = 'argument' AND t.target_id = g.id
              LEFT JOIN assisted_contributions ac ON ac.subject_type = 'argument' AND ac.subject_id = g.id
              WHERE g.bill_id = $1 ORDER BY g.created_at, g.id`,
  decisions: `SELECT d.amendment_id, a.number, a.origin, ar.number AS article_number, d.outcome, d.rule, d.reason, d.by_amendment_id, d.tallies, d.decided_at
              FROM decisions d JOIN amendments a ON a.id = d.amendment_id JOIN articles ar ON ar.id = a.article_id
              WHERE d.bill_id = $1 ORDER BY d.seq`,
  versions: `SELECT a.id AS article_id, a.number, v.version, v.reason, v.created_at, v.alineas, a.deleted_at IS NOT NULL AS deleted
             FROM article_versions v JOIN articles a ON a.id = v.article_id
             WHERE a.bill_id = $1 ORDER BY COALESCE(a.initial_position, a.position), a.number, v.version`,
  // the commission's public agenda (migration 029): who was heard, when, about what, and the minutes' fingerprint
  hearings: `SELECT h.id, to_char(h.held_on, 'YYYY-MM-DD') AS held_on, COALESCE(u.display_name, h.heard) AS heard, h.representative_id, r.register,
               ar.number AS article_number, h.subject, m.media_type, m.sha256, m.size
             FROM hearings h LEFT JOIN users u ON u.id = h.representative_id LEFT JOIN interest_representatives r ON r.user_id = h.representative_id
               LEFT JOIN articles ar ON ar.id = h.article_id LEFT JOIN hearing_minutes m ON m.hearing_id = h.id
             WHERE h.bill_id = $1 ORDER BY h.held_on, h.created_at, h.id`,
} as const;

export type OpenDataset = keyof typeof SQL;

export async function openDataRows(db: Queryable, dataset: OpenDataset, billId: string): Promise<Record<string, unknown>[]> {
  return (await db.query<Record<string, unknown>>(SQL[dataset], [billId])).rows;
}
