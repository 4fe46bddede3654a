import type { Queryable } from '../db/db';
import { isId } from './ids';

/** SQL for `reports`, `moderation_actions` and the cached `hidden_reason` of each subject. */
export const SUBJECT_TYPES = ['amendment', 'argument', 'annotation', 'reply'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];
/** What a decision of the log is about: a contribution, or an account (suspensions). */
export type LogSubjectType = SubjectType | 'account';
export type ModerationAction = 'hide' | 'restore' | 'keep' | 'dismiss' | 'uphold' | 'suspend' | 'lift';

// Table names come from this fixed map, never from input.
// `authors`: who wrote it (an amendment's co-authors, else its one author), told of decisions.
const SUBJECT_SQL: Record<SubjectType, { find: string; setHidden: string }> = {
  amendment: {
    find: `SELECT bill_id, hidden_reason, ARRAY(SELECT user_id FROM amendment_authors WHERE amendment_id = a.id ORDER BY added_at) AS authors
           FROM amendments a WHERE id = $1 AND status <> 'draft'`,
    setHidden: 'UPDATE amendments SET hidden_reason = $2 WHERE id = $1',
  },
  argument: { find: 'SELECT bill_id, hidden_reason, ARRAY[author_id] AS authors FROM arguments WHERE id = $1', setHidden: 'UPDATE arguments SET hidden_reason = $2 WHERE id = $1' },
  annotation: { find: 'SELECT bill_id, hidden_reason, ARRAY[author_id] AS authors FROM annotations WHERE id = $1', setHidden: 'UPDATE annotations SET hidden_reason = $2 WHERE id = $1' },
  reply: {
    find: `SELECT n.bill_id, r.hidden_reason, ARRAY[r.author_id] AS authors FROM annotation_replies r JOIN annotations n ON n.id = r.annotation_id WHERE r.id = $1`,
    setHidden: 'UPDATE annotation_replies SET hidden_reason = $2 WHERE id = $1',
  },
};

const SQL = {
  insertReport: `INSERT INTO reports (subject_type, subject_id, reason, reporter_id, comment, bill_id) VALUES ($1, $2, $3, $4, $5, $6)
                 ON CONFLICT (subject_type, subject_id, reporter_id) DO NOTHING RETURNING id`,
  openReports: `SELECT r.subject_type, r.subject_id, count(*)::int AS reports, max(r.created_at) AS last_at,
                       array_agg(r.reason ORDER BY r.created_at) AS reasons
                FROM reports r
                WHERE r.created_at > COALESCE((SELECT max(m.at) FROM moderation_actions m
                                              WHERE m.subject_type = r.subject_type AND m.subject_id = r.subject_id), '-infinity')
                GROUP BY r.subject_type, r.subject_id ORDER BY count(*) DESC, max(r.created_at) DESC LIMIT $1`,
  insertAction: `INSERT INTO moderation_actions (subject_type, subject_id, bill_id, action, reason, moderator_id, rule, suspended_until, appeal_id)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
  log: `SELECT m.id, m.subject_type, m.subject_id, m.bill_id, m.action, m.reason, m.rule, m.suspended_until, m.appeal_id, m.at,
               u.display_name AS moderator_name, m.moderator_id, acc.display_name AS account_name
        FROM moderation_actions m JOIN users u ON u.id = m.moderator_id
        LEFT JOIN users acc ON m.subject_type = 'account' AND acc.id = m.subject_id
        WHERE ($1::bigint IS NULL OR m.id < $1) ORDER BY m.id DESC LIMIT $2`,
  action: `SELECT m.id, m.subject_type, m.subject_id, m.bill_id, m.action, m.reason, m.rule, m.suspended_until, m.appeal_id, m.at,
                  u.display_name AS moderator_name, m.moderator_id, acc.display_name AS account_name
           FROM moderation_actions m JOIN users u ON u.id = m.moderator_id
           LEFT JOIN users acc ON m.subject_type = 'account' AND acc.id = m.subject_id
           WHERE m.id = $1`,
  // the decisions that change what is shown (or whether the account may write): not keep, dismiss, uphold
  lastStateChange: `SELECT id, action FROM moderation_actions WHERE subject_type = $1 AND subject_id = $2 AND action IN ('hide', 'restore', 'suspend', 'lift')
                    ORDER BY id DESC LIMIT 1`,
} as const;

export interface SubjectState {
  bill_id: string;
  hidden_reason: string | null;
  authors: string[];
}

export interface OpenReportRow {
  subject_type: SubjectType;
  subject_id: string;
  reports: number;
  last_at: Date;
  reasons: string[];
}

export interface ModerationLogRow {
  /** bigserial, read as a number (server/db/pg.ts). */
  id: number;
  subject_type: LogSubjectType;
  subject_id: string;
  bill_id: string | null;
  action: ModerationAction;
  reason: string;
  rule: string | null;
  suspended_until: Date | null;
  appeal_id: number | null;
  at: Date;
  moderator_name: string;
  moderator_id: string;
  /** For a decision on an account: its name. */
  account_name: string | null;
}

export async function findSubject(db: Queryable, type: SubjectType, id: string): Promise<SubjectState | undefined> {
  if (!isId(id)) return undefined;
  return (await db.query<SubjectState>(SUBJECT_SQL[type].find, [id])).rows[0];
}

export async function setSubjectHidden(db: Queryable, type: SubjectType, id: string, reason: string | null): Promise<void> {
  await db.query(SUBJECT_SQL[type].setHidden, [id, reason]);
}

/** False when this account already reported this subject. `reason`: a rule of the charter. */
export async function insertReport(
  db: Queryable, r: { type: SubjectType; id: string; billId: string; reason: string; comment: string | null; reporterId: string },
): Promise<boolean> {
  return (await db.query(SQL.insertReport, [r.type, r.id, r.reason, r.reporterId, r.comment, r.billId])).rowCount > 0;
}

/** Subjects reported since their last moderation action, the most reported first. */
export async function listOpenReports(db: Queryable, limit: number): Promise<OpenReportRow[]> {
  return (await db.query<OpenReportRow>(SQL.openReports, [limit])).rows;
}

export interface NewAction {
  type: LogSubjectType;
  id: string;
  billId: string | null;
  action: ModerationAction;
  reason: string;
  moderatorId: string;
  rule?: string | null;
  suspendedUntil?: Date | null;
  appealId?: string | null;
}

/** Appends a decision to the log; its id. */
export async function insertModerationAction(db: Queryable, a: NewAction): Promise<string> {
  const r = await db.query<{ id: number }>(SQL.insertAction, [a.type, a.id, a.billId, a.action, a.reason, a.moderatorId, a.rule ?? null, a.suspendedUntil ?? null, a.appealId ?? null]);
  return String(r.rows[0]!.id);
}

export async function findModerationAction(db: Queryable, id: string): Promise<ModerationLogRow | undefined> {
  return (await db.query<ModerationLogRow>(SQL.action, [id])).rows[0];
}

/** The latest decision on a subject that changed its state (hide, restore, suspend, lift): the one in force. */
export async function lastStateChangeOn(db: Queryable, type: LogSubjectType, id: string): Promise<{ id: number; action: ModerationAction } | undefined> {
  return (await db.query<{ id: number; action: ModerationAction }>(SQL.lastStateChange, [type, id])).rows[0];
}

/** The public log, newest first, paginated by id (`before`, a bigserial as digits). */
export async function listModerationLog(db: Queryable, before: string | null, limit: number): Promise<ModerationLogRow[]> {
  return (await db.query<ModerationLogRow>(SQL.log, [before, limit])).rows;
}
