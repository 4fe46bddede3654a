import type { Heading } from '../../shared/bill';
import type { Queryable } from '../db/db';
import { isId } from './ids';

/** SQL for `articles` and their immutable `article_versions`. */
const CURRENT = `SELECT a.id, a.bill_id, a.position, a.number, a.headings, a.current_version AS version, v.alineas
                 FROM articles a JOIN article_versions v ON v.article_id = a.id AND v.version = a.current_version`;
const SQL = {
  // One statement for a whole bill: a 1,000-article import is one round trip, not 2,000.
  insertMany: `WITH input AS (
                 SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(position int, number text, headings jsonb, alineas jsonb)),
               ins AS (
                 INSERT INTO articles (bill_id, position, number, headings)
                 SELECT $1, position, number, headings FROM input RETURNING id, position)
               INSERT INTO article_versions (article_id, version, alineas, reason, created_by)
               SELECT ins.id, 1, input.alineas, $3, $4 FROM ins JOIN input USING (position)`,
  byBill: `${CURRENT} WHERE a.bill_id = $1 ORDER BY a.position`,
  byId: `${CURRENT} WHERE a.id = $1`,
  versions: `SELECT version, reason, created_at FROM article_versions WHERE article_id = $1 ORDER BY version`,
  version: `SELECT version, alineas, reason, created_at FROM article_versions WHERE article_id = $1 AND version = $2`,
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
