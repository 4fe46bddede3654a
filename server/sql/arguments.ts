import type { Queryable } from '../db/db';
import { PROVENANCE_JSON, type ProvenanceJson } from './assisted';
import { isId } from './ids';
import type { AccountKind, Assurance } from './users';

/** SQL for `arguments` (for / against an article or an amendment). */
const COLUMNS = `g.id, g.bill_id, g.target_type, g.target_id, g.side, g.body, g.created_at, g.hidden_reason, g.inspired_by, ib.display_name AS inspired_by_name,
  u.id AS author_id, u.display_name AS author_name, u.kind AS author_kind, u.assurance AS author_assurance,
  COALESCE(t.n_for, 0) AS n_for, COALESCE(t.n_mitigated, 0) AS n_mitigated, COALESCE(t.n_against, 0) AS n_against,
  ${PROVENANCE_JSON('argument', 'g.id')} AS provenance`;
const FROM = `FROM arguments g JOIN users u ON u.id = g.author_id LEFT JOIN users ib ON ib.id = g.inspired_by
  LEFT JOIN tallies t ON t.target_type = 'argument' AND t.target_id = g.id`;
const SQL = {
  insert: `INSERT INTO arguments (bill_id, target_type, target_id, side, body, author_id, inspired_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
  byId: `SELECT ${COLUMNS} ${FROM} WHERE g.id = $1`,
  byTarget: `SELECT ${COLUMNS} ${FROM} WHERE g.target_type = $1 AND g.target_id = $2`,
  setAuthor: 'UPDATE arguments SET author_id = $2 WHERE id = $1',
} as const;

export type ArgumentTargetType = 'article' | 'amendment';

export interface ArgumentRow {
  id: string;
  bill_id: string;
  target_type: ArgumentTargetType;
  target_id: string;
  side: 'for' | 'against';
  body: string;
  created_at: Date;
  hidden_reason: string | null;
  /** « Inspiré par … » (migration 029). */
  inspired_by: string | null;
  inspired_by_name: string | null;
  author_id: string;
  author_name: string;
  author_kind: AccountKind;
  author_assurance: Assurance;
  n_for: number;
  n_mitigated: number;
  n_against: number;
  /** Who collected it, when a mediator filed it (migration 030). */
  provenance: ProvenanceJson | null;
}

export async function insertArgument(
  db: Queryable,
  a: { billId: string; targetType: ArgumentTargetType; targetId: string; side: 'for' | 'against'; body: string; authorId: string; inspiredBy?: string | null },
): Promise<string> {
  return (await db.query<{ id: string }>(SQL.insert, [a.billId, a.targetType, a.targetId, a.side, a.body, a.authorId, a.inspiredBy ?? null])).rows[0]!.id;
}

export async function findArgument(db: Queryable, id: string): Promise<ArgumentRow | undefined> {
  if (!isId(id)) return undefined;
  return (await db.query<ArgumentRow>(SQL.byId, [id])).rows[0];
}

export async function listArguments(db: Queryable, targetType: ArgumentTargetType, targetId: string): Promise<ArgumentRow[]> {
  return (await db.query<ArgumentRow>(SQL.byTarget, [targetType, targetId])).rows;
}

/** Moves an argument into another account (a person claiming what a mediator filed for them). */
export async function setArgumentAuthor(db: Queryable, id: string, authorId: string): Promise<void> {
  await db.query(SQL.setAuthor, [id, authorId]);
}
