import type { Heading } from '../../shared/bill';
import type { Queryable } from '../db/db';
import { isId } from './ids';

/** SQL for `articles` and their immutable `article_versions`. */
const CURRENT = `SELECT a.id, a.bill_id, a.position, a.number, a.headings, a.current_version AS version, v.alineas, a.summary
                 FROM articles a JOIN article_versions v ON v.article_id = a.id AND v.version = a.current_version`;
const SQL = {
  // One statement for a whole bill: a 1,000-article import is one round trip, not 2,000.
  insertMany: `WITH input AS (
                 SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(position int, number text, headings jsonb, alineas jsonb)),
               ins AS (
                 INSERT INTO articles (bill_id, position, number, headings, initial_position)
                 SELECT $1, position, number, headings, position FROM input RETURNING id, position)
               INSERT INTO article_versions (article_id, version, alineas, reason, created_by)
               SELECT ins.id, 1, input.alineas, $3, $4 FROM ins JOIN input USING (position)`,
  // Articles deleted by the adopted text keep their history but are no longer part of the bill.
  byBill: `${CURRENT} WHERE a.bill_id = $1 AND a.deleted_at IS NULL ORDER BY a.position`,
  byId: `${CURRENT} WHERE a.id = $1`,
  versions: `SELECT version, reason, created_at FROM article_versions WHERE article_id = $1 ORDER BY version`,
  version: `SELECT version, alineas, reason, created_at FROM article_versions WHERE article_id = $1 AND version = $2`,
  billVersions: `SELECT v.article_id, v.version, v.alineas FROM article_versions v JOIN articles a ON a.id = v.article_id
                 WHERE a.bill_id = $1`,
  addVersion: `WITH bumped AS (UPDATE articles SET current_version = current_version + 1 WHERE id = $1 RETURNING id, current_version)
               INSERT INTO article_versions (article_id, version, alineas, reason, created_by)
               SELECT id, current_version, $2::jsonb, $3, $4 FROM bumped`,
  markDeleted: 'UPDATE articles SET deleted_at = now() WHERE id = $1',
  // Positions are unique: move them all out of the way (negative) before laying out the new order.
  clearPositions: 'UPDATE articles SET position = -position - 1 WHERE bill_id = $1 AND position > 0',
  setPosition: 'UPDATE articles SET position = $2 WHERE id = $1',
  insertOne: `WITH ins AS (INSERT INTO articles (bill_id, position, number, headings, from_amendment_id) VALUES ($1, $2, $3, $8::jsonb, $4) RETURNING id)
              INSERT INTO article_versions (article_id, version, alineas, reason, created_by) SELECT id, 1, $5::jsonb, $6, $7 FROM ins RETURNING article_id`,
  initialText: `SELECT a.id, a.number, a.headings, v.alineas FROM articles a JOIN article_versions v ON v.article_id = a.id AND v.version = 1
                WHERE a.bill_id = $1 AND a.initial_position IS NOT NULL ORDER BY a.initial_position`,
  neighbours: `SELECT id, number, position FROM articles WHERE bill_id = $1 AND position IN ($2 - 1, $2 + 1)`,
} as const;

export interface ArticleRow {
  id: string;
  bill_id: string;
  position: number;
  number: string;
  headings: Heading[];
  version: number;
  alineas: string[];
  /** « Ce que change cet article » (migration 029). */
  summary?: string | null;
}

export interface VersionRow {
  version: number;
  reason: string;
  created_at: Date;
}

/** Inserts a bill's articles in text order, each with its version 1. */
export async function insertArticles(
  db: Queryable,
  billId: string,
  articles: readonly { number: string; headings: Heading[]; alineas: string[] }[],
  version: { reason: string; createdBy: string | null },
): Promise<void> {
  const rows = articles.map((a, i) => ({ position: i + 1, number: a.number, headings: a.headings, alineas: a.alineas }));
  await db.query(SQL.insertMany, [billId, JSON.stringify(rows), version.reason, version.createdBy]);
}

export async function listBillArticles(db: Queryable, billId: string): Promise<ArticleRow[]> {
  return (await db.query<ArticleRow>(SQL.byBill, [billId])).rows;
}

export async function findArticle(db: Queryable, id: string): Promise<ArticleRow | undefined> {
  if (!isId(id)) return undefined;
  return (await db.query<ArticleRow>(SQL.byId, [id])).rows[0];
}

export async function listArticleVersions(db: Queryable, articleId: string): Promise<VersionRow[]> {
  return (await db.query<VersionRow>(SQL.versions, [articleId])).rows;
}

export async function findArticleVersion(
  db: Queryable,
  articleId: string,
  version: number,
): Promise<(VersionRow & { alineas: string[] }) | undefined> {
  if (!isId(articleId)) return undefined;
  return (await db.query<VersionRow & { alineas: string[] }>(SQL.version, [articleId, version])).rows[0];
}

export async function findNeighbours(
  db: Queryable,
  billId: string,
  position: number,
): Promise<{ previous?: { id: string; number: string }; next?: { id: string; number: string } }> {
  const rows = (await db.query<{ id: string; number: string; position: number }>(SQL.neighbours, [billId, position])).rows;
  return { previous: rows.find((r) => r.position === position - 1), next: rows.find((r) => r.position === position + 1) };
}

/** Every version of every article of a bill, keyed `articleId:version` (amendments' base texts). */
export async function listBillArticleVersions(db: Queryable, billId: string): Promise<Map<string, string[]>> {
  const rows = (await db.query<{ article_id: string; version: number; alineas: string[] }>(SQL.billVersions, [billId])).rows;
  return new Map(rows.map((r) => [`${r.article_id}:${r.version}`, r.alineas]));
}

/** Appends a version of an article and makes it current (versions are never rewritten). */
export async function addArticleVersion(db: Queryable, articleId: string, alineas: readonly string[], reason: string, createdBy: string | null): Promise<void> {
  await db.query(SQL.addVersion, [articleId, JSON.stringify(alineas), reason, createdBy]);
}

export async function markArticleDeleted(db: Queryable, articleId: string): Promise<void> {
  await db.query(SQL.markDeleted, [articleId]);
}

/**
 * Lays the bill's articles out in the given order, inserting new ones (articles additionnels)
 * where they come. `order` lists existing ids and new articles; positions become 1, 2, 3…
 */
export async function layOutArticles(
  db: Queryable,
  billId: string,
  order: readonly ({ id: string } | { number: string; alineas: readonly string[]; fromAmendmentId: string | null; headings: Heading[] })[],
  reason: string,
  createdBy: string | null,
): Promise<void> {
  await db.query(SQL.clearPositions, [billId]);
  for (const [i, item] of order.entries()) {
    if ('id' in item) await db.query(SQL.setPosition, [item.id, i + 1]);
    else await db.query(SQL.insertOne, [billId, i + 1, item.number, item.fromAmendmentId, JSON.stringify(item.alineas), reason, createdBy, JSON.stringify(item.headings)]);
  }
}

/** The bill as first published: every original article's first version, in its first order. */
export async function listInitialText(db: Queryable, billId: string): Promise<{ id: string; number: string; headings: Heading[]; alineas: string[] }[]> {
  return (await db.query<{ id: string; number: string; headings: Heading[]; alineas: string[] }>(SQL.initialText, [billId])).rows;
}
