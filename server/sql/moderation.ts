import type { Queryable } from '../db/db';
import { isId } from './ids';

/** SQL for `reports`, `moderation_actions` and the cached `hidden_reason` of each subject. */
export const SUBJECT_TYPES = ['amendment', 'argument', 'annotation', 'reply'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

// Table names come from this fixed map, never from input.
const SUBJECT_SQL: Record<SubjectType, { find: string; setHidden: string }> = {
  amendment: {
    find: "SELECT bill_id, hidden_reason FROM amendments WHERE id = $1 AND status <> 'draft'",
    setHidden: 'UPDATE amendments SET hidden_reason = $2 WHERE id = $1',
  },
  argument: { find: 'SELECT bill_id, hidden_reason FROM arguments WHERE id = $1', setHidden: 'UPDATE arguments SET hidden_reason = $2 WHERE id = $1' },
  annotation: { find: 'SELECT bill_id, hidden_reason FROM annotations WHERE id = $1', setHidden: 'UPDATE annotations SET hidden_reason = $2 WHERE id = $1' },
  reply: {
    find: `SELECT n.bill_id, r.hidden_reason FROM annotation_replies r JOIN annotations n ON n.id = r.annotation_id WHERE r.id = $1`,
    setHidden: 'UPDATE annotation_replies SET hidden_reason = $2 WHERE id = $1',
  },
};

const SQL = {
  insertReport: `INSERT INTO reports (subject_type, subject_id, reason, reporter_id) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (subject_type, subject_id, reporter_id) DO NOTHING RETURNING id`,
  openReports: `SELECT r.subject_type, r.subject_id, count(*)::int AS reports, max(r.created_at) AS last_at,
                       array_agg(r.reason ORDER BY r.created_at) AS reasons
                FROM reports r
                WHERE r.created_at > COALESCE((SELECT max(m.at) FROM moderation_actions m
                                              WHERE m.subject_type = r.subject_type AND m.subject_id = r.subject_id), '-infinity')
                GROUP BY r.subject_type, r.subject_id ORDER BY count(*) DESC, max(r.created_at) DESC LIMIT $1`,
  insertAction: `INSERT INTO moderation_actions (subject_type, subject_id, bill_id, action, reason, moderator_id)
                 VALUES ($1, $2, $3, $4, $5, $6)`,
  log: `SELECT m.id, m.subject_type, m.subject_id, m.bill_id, m.action, m.reason, m.at, u.display_name AS moderator_name
        FROM moderation_actions m JOIN users u ON u.id = m.moderator_id
        WHERE ($1::bigint IS NULL OR m.id < $1) ORDER BY m.id DESC LIMIT $2`,
} as const;

export interface SubjectState {
  bill_id: string;
  hidden_reason: string | null;
}

export interface OpenReportRow {
  subject_type: SubjectType;
  subject_id: string;
  reports: number;
  last_at: Date;
  reasons: string[];
}

export interface ModerationLogRow {
  id: number;
  subject_type: SubjectType;
  subject_id: string;
  bill_id: string | null;
  action: 'hide' | 'restore';
  reason: string;
  at: Date;
  moderator_name: string;
}

export async function findSubject(db: Queryable, type: SubjectType, id: string): Promise<SubjectState | undefined> {
  if (!isId(id)) return undefined;
  return (await db.query<SubjectState>(SUBJECT_SQL[type].find, [id])).rows[0];
}

export async function setSubjectHidden(db: Queryable, type: SubjectType, id: string, reason: string | null): Promise<void> {
  await db.query(SUBJECT_SQL[type].setHidden, [id, reason]);
}

/** False when this account already reported this subject. */
export async function insertReport(db: Queryable, r: { type: SubjectType; id: string; reason: string; reporterId: string }): Promise<boolean> {
  return (await db.query(SQL.insertReport, [r.type, r.id, r.reason, r.reporterId])).rowCount > 0;
}

/** Subjects reported since their last moderation action, the most reported first. */
export async function listOpenReports(db: Queryable, limit: number): Promise<OpenReportRow[]> {
  return (await db.query<OpenReportRow>(SQL.openReports, [limit])).rows;
}

export async function insertModerationAction(
  db: Queryable,
  a: { type: SubjectType; id: string; billId: string; action: 'hide' | 'restore'; reason: string; moderatorId: string },
): Promise<void> {
  await db.query(SQL.insertAction, [a.type, a.id, a.billId, a.action, a.reason, a.moderatorId]);
}

/** The public log, newest first, paginated by id (`before`, a bigserial as digits). */
export async function listModerationLog(db: Queryable, before: string | null, limit: number): Promise<ModerationLogRow[]> {
  return (await db.query<ModerationLogRow>(SQL.log, [before, limit])).rows;
}
