import type { AmendmentKind, AmendmentOrigin, AmendmentStatus } from '../../shared/amendment';
import type { Queryable } from '../db/db';
import { groupRows } from './group';
import type { AccountKind, Assurance } from './users';

/** SQL for co-signatures, articles' summaries and bills' exposés des motifs (migration 029). */
const SQL = {
  cosign: 'INSERT INTO cosignatures (amendment_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
  uncosign: 'DELETE FROM cosignatures WHERE amendment_id = $1 AND user_id = $2',
  cosignatories: `SELECT c.amendment_id, u.id, u.display_name, u.kind, u.assurance, c.created_at
                  FROM cosignatures c JOIN users u ON u.id = c.user_id
                  WHERE c.amendment_id = ANY($1::uuid[]) ORDER BY c.created_at, u.id`,
  setSummary: 'UPDATE articles SET summary = $2 WHERE id = $1 RETURNING id',
  setMemorandum: 'UPDATE bills SET memorandum = $2 WHERE id = $1 RETURNING id',
  summary: 'SELECT summary FROM articles WHERE id = $1',
  memorandum: 'SELECT memorandum FROM bills WHERE id = $1',
  // The open, public amendments to an article, most recent first (the candidates a draft is compared with).
  tabledOnArticle: `SELECT id, kind, base_version, alineas FROM amendments
                    WHERE article_id = $1 AND status IN ('submitted', 'formalised') AND origin <> 'parliament' AND hidden_reason IS NULL AND id IS DISTINCT FROM $2::uuid
                    ORDER BY submitted_at DESC, id LIMIT $3`,
  versions: 'SELECT version, alineas FROM article_versions WHERE article_id = $1 AND version = ANY($2::int[])',
  brief: `SELECT m.id, m.origin, m.number, m.kind, m.status, m.rationale, m.parliament_number, m.parliament_group FROM amendments m WHERE m.id = ANY($1::uuid[])`,
} as const;

export interface CosignatoryRow {
  amendment_id: string;
  id: string;
  display_name: string;
  kind: AccountKind;
  assurance: Assurance;
  created_at: Date;
}

/** True when the co-signature is new. */
export async function addCosignature(db: Queryable, amendmentId: string, userId: string): Promise<boolean> {
  return (await db.query(SQL.cosign, [amendmentId, userId])).rowCount > 0;
}

export async function removeCosignature(db: Queryable, amendmentId: string, userId: string): Promise<boolean> {
  return (await db.query(SQL.uncosign, [amendmentId, userId])).rowCount > 0;
}

export async function listCosignatories(db: Queryable, amendmentIds: readonly string[]): Promise<Map<string, CosignatoryRow[]>> {
  if (amendmentIds.length === 0) return new Map();
  return groupRows((await db.query<CosignatoryRow>(SQL.cosignatories, [amendmentIds])).rows, (r) => r.amendment_id);
}

/** Null clears the text. False when the article does not exist. */
export async function setArticleSummary(db: Queryable, articleId: string, text: string | null): Promise<boolean> {
  return (await db.query(SQL.setSummary, [articleId, text])).rowCount > 0;
}

export async function setBillMemorandum(db: Queryable, billId: string, text: string | null): Promise<boolean> {
  return (await db.query(SQL.setMemorandum, [billId, text])).rowCount > 0;
}

export async function articleSummary(db: Queryable, articleId: string): Promise<string | null> {
  return (await db.query<{ summary: string | null }>(SQL.summary, [articleId])).rows[0]?.summary ?? null;
}

export async function billMemorandum(db: Queryable, billId: string): Promise<string | null> {
  return (await db.query<{ memorandum: string | null }>(SQL.memorandum, [billId])).rows[0]?.memorandum ?? null;
}

export interface CandidateRow {
  id: string;
  kind: AmendmentKind;
  base_version: number;
  alineas: string[];
}

/** The tabled amendments to an article, but `exceptId` (null: a proposal not yet filed has no id). */
export async function tabledOnArticle(db: Queryable, articleId: string, exceptId: string | null, limit: number): Promise<CandidateRow[]> {
  return (await db.query<CandidateRow>(SQL.tabledOnArticle, [articleId, exceptId, limit])).rows;
}

export async function articleVersions(db: Queryable, articleId: string, versions: readonly number[]): Promise<Record<number, string[]>> {
  const rows = (await db.query<{ version: number; alineas: string[] }>(SQL.versions, [articleId, [...new Set(versions)]])).rows;
  return Object.fromEntries(rows.map((r) => [r.version, r.alineas]));
}

export interface AmendmentBriefRow {
  id: string;
  origin: AmendmentOrigin;
  number: number | null;
  kind: AmendmentKind;
  status: AmendmentStatus;
  rationale: string;
  parliament_number: string | null;
  parliament_group: string | null;
}

export async function amendmentBriefs(db: Queryable, ids: readonly string[]): Promise<Map<string, AmendmentBriefRow>> {
  if (ids.length === 0) return new Map();
  return new Map((await db.query<AmendmentBriefRow>(SQL.brief, [ids])).rows.map((r) => [r.id, r]));
}
