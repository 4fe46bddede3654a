import type { MinutesType } from '../../shared/interest';
import type { Queryable } from '../db/db';
import { isId } from './ids';

/** SQL for `hearings` and `hearing_minutes` (migration 029): the commission's public agenda. */
const COLUMNS = `h.id, h.bill_id, h.article_id, ar.number AS article_number, to_char(h.held_on, 'YYYY-MM-DD') AS held_on,
  h.representative_id, u.display_name AS representative_name, h.heard, h.subject, h.created_by, h.created_at,
  m.media_type AS minutes_type, m.filename AS minutes_filename, m.size AS minutes_size, m.sha256 AS minutes_sha256, m.uploaded_at AS minutes_uploaded_at`;
const FROM = `FROM hearings h LEFT JOIN articles ar ON ar.id = h.article_id LEFT JOIN users u ON u.id = h.representative_id
  LEFT JOIN hearing_minutes m ON m.hearing_id = h.id`;
const SQL = {
  insert: `INSERT INTO hearings (bill_id, article_id, held_on, representative_id, heard, subject, created_by)
           VALUES ($1, $2, $3::date, $4, $5, $6, $7) RETURNING id`,
  byId: `SELECT ${COLUMNS} ${FROM} WHERE h.id = $1`,
  ofBill: `SELECT ${COLUMNS} ${FROM} WHERE h.bill_id = $1 ORDER BY h.held_on, h.created_at, h.id LIMIT 2000`,
  remove: 'DELETE FROM hearings WHERE id = $1',
  putMinutes: `INSERT INTO hearing_minutes (hearing_id, media_type, filename, size, content, sha256, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
               ON CONFLICT (hearing_id) DO UPDATE SET media_type = $2, filename = $3, size = $4, content = $5, sha256 = $6, uploaded_by = $7, uploaded_at = now()`,
  minutes: 'SELECT media_type, filename, size, content, sha256 FROM hearing_minutes WHERE hearing_id = $1',
} as const;

export interface HearingRow {
  id: string;
  bill_id: string;
  article_id: string | null;
  article_number: string | null;
  /** YYYY-MM-DD */
  held_on: string;
  representative_id: string | null;
  representative_name: string | null;
  heard: string | null;
  subject: string;
  created_by: string;
  created_at: Date;
  minutes_type: MinutesType | null;
  minutes_filename: string | null;
  minutes_size: number | null;
  minutes_sha256: string | null;
  minutes_uploaded_at: Date | null;
}

export interface NewHearing {
  billId: string;
  articleId: string | null;
  heldOn: string;
  representativeId: string | null;
  heard: string | null;
  subject: string;
  createdBy: string;
}

export async function insertHearing(db: Queryable, h: NewHearing): Promise<string> {
  return (await db.query<{ id: string }>(SQL.insert, [h.billId, h.articleId, h.heldOn, h.representativeId, h.heard, h.subject, h.createdBy])).rows[0]!.id;
}

export async function findHearing(db: Queryable, id: string): Promise<HearingRow | undefined> {
  if (!isId(id)) return undefined;
  return (await db.query<HearingRow>(SQL.byId, [id])).rows[0];
}

export async function listHearings(db: Queryable, billId: string): Promise<HearingRow[]> {
  return (await db.query<HearingRow>(SQL.ofBill, [billId])).rows;
}

export async function deleteHearing(db: Queryable, id: string): Promise<void> {
  await db.query(SQL.remove, [id]);
}

export async function putMinutes(
  db: Queryable, m: { hearingId: string; type: MinutesType; filename: string; content: Uint8Array; sha256: string; uploadedBy: string },
): Promise<void> {
  await db.query(SQL.putMinutes, [m.hearingId, m.type, m.filename, m.content.length, Buffer.from(m.content), m.sha256, m.uploadedBy]);
}

export interface MinutesFile {
  media_type: MinutesType;
  filename: string;
  size: number;
  content: Uint8Array;
  sha256: string;
}

export async function findMinutes(db: Queryable, hearingId: string): Promise<MinutesFile | undefined> {
  if (!isId(hearingId)) return undefined;
  return (await db.query<MinutesFile>(SQL.minutes, [hearingId])).rows[0];
}
