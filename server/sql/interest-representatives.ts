import type { BudgetBand } from '../../shared/interest';
import type { Queryable } from '../db/db';
import { isId } from './ids';

/** SQL for `interest_representatives` (migration 029): one declaration per organisation. */
const COLUMNS = 'user_id, register, interests, budget_band, declared_at, updated_at, withdrawn_at';
const SQL = {
  byUser: `SELECT ${COLUMNS} FROM interest_representatives WHERE user_id = $1`,
  byUsers: `SELECT ${COLUMNS} FROM interest_representatives WHERE user_id = ANY($1::uuid[])`,
  // A declaration made again after a withdrawal starts anew (declared_at).
  upsert: `INSERT INTO interest_representatives AS r (user_id, register, interests, budget_band) VALUES ($1, $2, $3, $4)
           ON CONFLICT (user_id) DO UPDATE SET register = $2, interests = $3, budget_band = $4, updated_at = now(), withdrawn_at = NULL,
             declared_at = CASE WHEN r.withdrawn_at IS NULL THEN r.declared_at ELSE now() END
           RETURNING ${COLUMNS}`,
  withdraw: `UPDATE interest_representatives SET withdrawn_at = now() WHERE user_id = $1 AND withdrawn_at IS NULL RETURNING ${COLUMNS}`,
  active: `SELECT r.user_id, u.display_name, r.register FROM interest_representatives r JOIN users u ON u.id = r.user_id
           WHERE r.withdrawn_at IS NULL AND u.deleted_at IS NULL ORDER BY lower(u.display_name), u.id LIMIT $1`,
  activeOne: `SELECT r.user_id FROM interest_representatives r JOIN users u ON u.id = r.user_id
              WHERE r.user_id = $1 AND r.withdrawn_at IS NULL AND u.deleted_at IS NULL AND u.kind = 'organisation'`,
} as const;

export interface DeclarationRow {
  user_id: string;
  register: string | null;
  interests: string[];
  budget_band: BudgetBand | null;
  declared_at: Date;
  updated_at: Date;
  /** Withdrawn: the organisation no longer says it represents interests (what it wrote before stays traced). */
  withdrawn_at: Date | null;
}

export async function findDeclaration(db: Queryable, userId: string): Promise<DeclarationRow | undefined> {
  if (!isId(userId)) return undefined;
  return (await db.query<DeclarationRow>(SQL.byUser, [userId])).rows[0];
}

export async function findDeclarations(db: Queryable, userIds: readonly string[]): Promise<Map<string, DeclarationRow>> {
  if (userIds.length === 0) return new Map();
  return new Map((await db.query<DeclarationRow>(SQL.byUsers, [userIds])).rows.map((r) => [r.user_id, r]));
}

export async function upsertDeclaration(
  db: Queryable, d: { userId: string; register: string | null; interests: string[]; budgetBand: BudgetBand | null },
): Promise<DeclarationRow> {
  return (await db.query<DeclarationRow>(SQL.upsert, [d.userId, d.register, d.interests, d.budgetBand])).rows[0]!;
}

export async function withdrawDeclaration(db: Queryable, userId: string): Promise<DeclarationRow | undefined> {
  return (await db.query<DeclarationRow>(SQL.withdraw, [userId])).rows[0];
}

export interface RepresentativeChoice {
  user_id: string;
  display_name: string;
  register: string | null;
}

/** The organisations currently declared, by name: the choices of the « inspiré par » and hearing forms. */
export async function listActiveRepresentatives(db: Queryable, limit = 1000): Promise<RepresentativeChoice[]> {
  return (await db.query<RepresentativeChoice>(SQL.active, [limit])).rows;
}

/** Whether `userId` is an organisation with a declaration in force (what « inspiré par » may name). */
export async function isActiveRepresentative(db: Queryable, userId: string): Promise<boolean> {
  if (!isId(userId)) return false;
  return (await db.query(SQL.activeOne, [userId])).rowCount > 0;
}

/** The declaration's public history: declared, updated, withdrawn (events with no bill, migration 029). */
export async function declarationEvents(db: Queryable, userId: string): Promise<{ type: string; at: Date; data: Record<string, unknown> }[]> {
  return (await db.query<{ type: string; at: Date; data: Record<string, unknown> }>(
    `SELECT type, at, data FROM events WHERE subject_type = 'user' AND subject_id = $1 AND type = ANY($2::text[]) ORDER BY id DESC LIMIT 100`,
    [userId, ['interest.declared', 'interest.updated', 'interest.withdrawn']],
  )).rows;
}
