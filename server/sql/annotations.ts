import type { Queryable } from '../db/db';
import { PROVENANCE_JSON, type ProvenanceJson } from './assisted';
import { isId } from './ids';
import type { AccountKind, Assurance } from './users';

/** SQL for `annotations` and their `annotation_replies`. */
const SQL = {
  insert: `INSERT INTO annotations (bill_id, article_id, version, alinea, start_offset, end_offset, quote, prefix, suffix, body, author_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
  byId: 'SELECT id, bill_id, article_id FROM annotations WHERE id = $1',
  byArticle: `SELECT n.id, n.version, n.alinea, n.start_offset, n.end_offset, n.quote, n.prefix, n.suffix, n.body, n.created_at,
                     n.hidden_reason, u.id AS author_id, u.display_name AS author_name, u.kind AS author_kind, u.assurance AS author_assurance,
                     ${PROVENANCE_JSON('annotation', 'n.id')} AS provenance
              FROM annotations n JOIN users u ON u.id = n.author_id
              WHERE n.article_id = $1 ORDER BY n.alinea, n.start_offset, n.created_at, n.id`,
  setAuthor: 'UPDATE annotations SET author_id = $2 WHERE id = $1',
  insertReply: 'INSERT INTO annotation_replies (annotation_id, body, author_id) VALUES ($1, $2, $3) RETURNING id',
  replyById: `SELECT r.id, r.annotation_id, n.bill_id FROM annotation_replies r JOIN annotations n ON n.id = r.annotation_id WHERE r.id = $1`,
  repliesByArticle: `SELECT r.id, r.annotation_id, r.body, r.created_at, r.hidden_reason,
                            u.id AS author_id, u.display_name AS author_name, u.kind AS author_kind, u.assurance AS author_assurance
                     FROM annotation_replies r JOIN annotations n ON n.id = r.annotation_id JOIN users u ON u.id = r.author_id
                     WHERE n.article_id = $1 ORDER BY r.created_at, r.id`,
} as const;

interface Authored {
  author_id: string;
  author_name: string;
  author_kind: AccountKind;
  author_assurance: Assurance;
  hidden_reason: string | null;
  created_at: Date;
  body: string;
}

export interface AnnotationRow extends Authored {
  id: string;
  version: number;
  alinea: number;
  start_offset: number;
  end_offset: number;
  quote: string;
  prefix: string;
  suffix: string;
  provenance: ProvenanceJson | null;
}

export interface ReplyRow extends Authored {
  id: string;
  annotation_id: string;
}

export interface NewAnnotation {
  billId: string;
  articleId: string;
  version: number;
  alinea: number;
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
  body: string;
  authorId: string;
}

export async function insertAnnotation(db: Queryable, a: NewAnnotation): Promise<string> {
  const params = [a.billId, a.articleId, a.version, a.alinea, a.start, a.end, a.quote, a.prefix, a.suffix, a.body, a.authorId];
  return (await db.query<{ id: string }>(SQL.insert, params)).rows[0]!.id;
}

export async function findAnnotation(db: Queryable, id: string): Promise<{ id: string; bill_id: string; article_id: string } | undefined> {
  if (!isId(id)) return undefined;
  return (await db.query<{ id: string; bill_id: string; article_id: string }>(SQL.byId, [id])).rows[0];
}

export async function listAnnotations(db: Queryable, articleId: string): Promise<AnnotationRow[]> {
  return (await db.query<AnnotationRow>(SQL.byArticle, [articleId])).rows;
}

export async function insertReply(db: Queryable, annotationId: string, body: string, authorId: string): Promise<string> {
  return (await db.query<{ id: string }>(SQL.insertReply, [annotationId, body, authorId])).rows[0]!.id;
}

export async function findReply(db: Queryable, id: string): Promise<{ id: string; annotation_id: string; bill_id: string } | undefined> {
  if (!isId(id)) return undefined;
  return (await db.query<{ id: string; annotation_id: string; bill_id: string }>(SQL.replyById, [id])).rows[0];
}

export async function listArticleReplies(db: Queryable, articleId: string): Promise<ReplyRow[]> {
  return (await db.query<ReplyRow>(SQL.repliesByArticle, [articleId])).rows;
}

/** Moves an annotation into another account (a person claiming what a mediator filed for them). */
export async function setAnnotationAuthor(db: Queryable, id: string, authorId: string): Promise<void> {
  await db.query(SQL.setAuthor, [id, authorId]);
}
