import type { AmendmentKind, AmendmentOrigin, AmendmentStatus, InadmissibleGround } from '../../shared/amendment';
import type { Queryable } from '../db/db';
import { identityKey } from '../../shared/similarity';
import { isId } from './ids';

/** SQL for `amendments` (and the counter that numbers them). */
const COLUMNS = `a.id, a.bill_id, a.article_id, a.kind, a.origin, a.status, a.number, a.base_version, a.alineas,
  a.identity_key, a.rationale, a.created_by, a.created_at, a.submitted_at, a.withdrawn_at, a.hidden_reason,
  a.assigned_clerk_id, a.inadmissible_ground, a.inadmissible_reason,
  a.parliament_number, a.parliament_authors, a.parliament_group, a.dispositif AS parliament_dispositif, a.text_computed,
  a.parent_id, a.parent_revision, a.rectification, a.inspired_by, ib.display_name AS inspired_by_name,
  ar.number AS article_number, ar.position AS article_position, ar.current_version AS article_version`;
const FROM = 'FROM amendments a JOIN articles ar ON ar.id = a.article_id LEFT JOIN users ib ON ib.id = a.inspired_by';
const SQL = {
  insert: `INSERT INTO amendments (bill_id, article_id, kind, origin, base_version, alineas, rationale, created_by, identity_key, inspired_by)
           VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10) RETURNING id`,
  setInspiredBy: 'UPDATE amendments SET inspired_by = $2 WHERE id = $1',
  byId: `SELECT ${COLUMNS} ${FROM} WHERE a.id = $1`,
  byIdForUpdate: `SELECT ${COLUMNS} ${FROM} WHERE a.id = $1 FOR UPDATE OF a`,
  byIds: `SELECT ${COLUMNS} ${FROM} WHERE a.id = ANY($1::uuid[])`,
  updateText: 'UPDATE amendments SET alineas = $2::jsonb, rationale = $3, identity_key = $4 WHERE id = $1',
  nextNumber: `INSERT INTO amendment_counters AS c (bill_id, origin, last_number) VALUES ($1, $2, 1)
               ON CONFLICT (bill_id, origin) DO UPDATE SET last_number = c.last_number + 1 RETURNING last_number`,
  submit: `UPDATE amendments SET status = 'submitted', number = $2, submitted_at = now() WHERE id = $1`,
  setStatus: 'UPDATE amendments SET status = $2, withdrawn_at = CASE WHEN $2 = \'withdrawn\' THEN now() ELSE withdrawn_at END WHERE id = $1',
  setHidden: 'UPDATE amendments SET hidden_reason = $2 WHERE id = $1',
  assign: 'UPDATE amendments SET assigned_clerk_id = $2 WHERE id = $1',
  inadmissible: `UPDATE amendments SET status = 'inadmissible', inadmissible_ground = $2, inadmissible_reason = $3 WHERE id = $1`,
  formalised: `UPDATE amendments SET status = 'formalised', alineas = $2::jsonb, identity_key = $3 WHERE id = $1`,
  // Amendments still awaiting the commission's decision (the open statuses of shared/amendment.ts).
  pendingOfBill: `SELECT a.id FROM amendments a JOIN articles ar ON ar.id = a.article_id
                  WHERE a.bill_id = $1 AND a.status IN ('submitted', 'formalised') AND a.origin <> 'parliament' ORDER BY ar.position, a.origin, a.number`,
  // The clerks' desk: every published amendment of a bill, in text order.
  ofBill: `SELECT ${COLUMNS} ${FROM} WHERE a.bill_id = $1 AND a.status <> 'draft' ORDER BY ar.position, a.origin, a.number`,
  // The open amendments identical to one (same stored identity key; the key names the article).
  identicalOpen: `SELECT id, origin, number FROM amendments WHERE identity_key = $1 AND status IN ('submitted', 'formalised')`,
  // Rows written before identity_key existed (or by raw SQL seeds), a batch at a time.
  unkeyed: 'SELECT id, article_id, kind, alineas FROM amendments WHERE identity_key IS NULL LIMIT 1000',
  setKeys: `UPDATE amendments a SET identity_key = k.key FROM unnest($1::uuid[], $2::text[]) AS k(id, key)
            WHERE a.id = k.id AND a.identity_key IS NULL`,
  inBill: 'SELECT id FROM amendments WHERE bill_id = $1 AND id = ANY($2::uuid[])',
  // Light rows for ranking a whole list in memory before loading one page.
  rankRows: `SELECT a.id, a.origin, a.number, a.submitted_at, ar.position AS article_position,
                    COALESCE(t.n_for, 0) AS n_for, COALESCE(t.n_mitigated, 0) AS n_mitigated, COALESCE(t.n_against, 0) AS n_against
             FROM amendments a JOIN articles ar ON ar.id = a.article_id
             LEFT JOIN tallies t ON t.target_type = 'amendment' AND t.target_id = a.id
             WHERE a.bill_id = $1 AND a.status <> 'draft'
               AND ($2::uuid IS NULL OR a.article_id = $2) AND ($3::text IS NULL OR a.status = $3)`,
} as const;

export interface AmendmentRow {
  id: string;
  bill_id: string;
  article_id: string;
  kind: AmendmentKind;
  origin: AmendmentOrigin;
  status: AmendmentStatus;
  number: number | null;
  base_version: number;
  alineas: string[];
  /** shared/similarity.ts identityKey of (article, kind, alinéas), written with the alinéas. */
  identity_key: string;
  rationale: string;
  created_by: string;
  created_at: Date;
  submitted_at: Date | null;
  withdrawn_at: Date | null;
  hidden_reason: string | null;
  assigned_clerk_id: string | null;
  inadmissible_ground: InadmissibleGround | null;
  inadmissible_reason: string | null;
  /** Parliamentary amendments (origin 'parliament'): printed number, signatories and group as text, dispositif. */
  parliament_number: string | null;
  parliament_authors: string | null;
  parliament_group: string | null;
  parliament_dispositif: string | null;
  /** False when the engine could not apply a parliamentary dispositif: `alineas` is then empty, not a text. */
  text_computed: boolean;
  /** A sous-amendement: the amendment it amends (migration 023). */
  parent_id: string | null;
  /** A sous-amendement tabled on the platform: the revision of its amendment it was written against (migration 025). */
  parent_revision: number | null;
  /** How many times the amendment was rectified (« rect. » 1, « rect. bis » 2…). */
  rectification: number;
  /** « Inspiré par … »: the interest representative its authors name (migration 029). */
  inspired_by: string | null;
  inspired_by_name: string | null;
  article_number: string;
  article_position: number;
  article_version: number;
}

export interface RankRow {
  id: string;
  origin: AmendmentOrigin;
  number: number;
  submitted_at: Date;
  article_position: number;
  n_for: number;
  n_mitigated: number;
  n_against: number;
}

export async function insertAmendment(
  db: Queryable,
  a: { billId: string; articleId: string; kind: AmendmentKind; origin: AmendmentOrigin; baseVersion: number; alineas: string[]; rationale: string; createdBy: string; inspiredBy?: string | null },
): Promise<string> {
  const r = await db.query<{ id: string }>(SQL.insert, [
    a.billId, a.articleId, a.kind, a.origin, a.baseVersion, JSON.stringify(a.alineas), a.rationale, a.createdBy, identityKey(a.articleId, a.kind, a.alineas), a.inspiredBy ?? null,
  ]);
  return r.rows[0]!.id;
}

/** The authors' « inspiré par … » (null: nobody). */
export async function setAmendmentInspiredBy(db: Queryable, id: string, inspiredBy: string | null): Promise<void> {
  await db.query(SQL.setInspiredBy, [id, inspiredBy]);
}

export async function findAmendment(db: Queryable, id: string, opts: { forUpdate?: boolean } = {}): Promise<AmendmentRow | undefined> {
  if (!isId(id)) return undefined;
  return (await db.query<AmendmentRow>(opts.forUpdate ? SQL.byIdForUpdate : SQL.byId, [id])).rows[0];
}

/** Those of `ids` that are amendments of the bill. */
export async function amendmentIdsInBill(db: Queryable, billId: string, ids: readonly string[]): Promise<string[]> {
  const valid = ids.filter(isId);
  if (valid.length === 0 || !isId(billId)) return [];
  return (await db.query<{ id: string }>(SQL.inBill, [billId, valid])).rows.map((r) => r.id);
}

export async function findAmendments(db: Queryable, ids: readonly string[]): Promise<AmendmentRow[]> {
  if (ids.length === 0) return [];
  return (await db.query<AmendmentRow>(SQL.byIds, [ids])).rows;
}

type Keyed = Pick<AmendmentRow, 'id' | 'article_id' | 'kind'>;

/** A new text (and rationale) for a draft; its identity key follows. */
export async function updateAmendmentText(db: Queryable, a: Keyed, alineas: string[], rationale: string): Promise<void> {
  await db.query(SQL.updateText, [a.id, JSON.stringify(alineas), rationale, identityKey(a.article_id, a.kind, alineas)]);
}

/** The next public number for this bill and origin; the counter row lock serialises submissions. */
export async function nextAmendmentNumber(db: Queryable, billId: string, origin: AmendmentOrigin): Promise<number> {
  return (await db.query<{ last_number: number }>(SQL.nextNumber, [billId, origin])).rows[0]!.last_number;
}

export async function markSubmitted(db: Queryable, id: string, number: number): Promise<void> {
  await db.query(SQL.submit, [id, number]);
}

export async function setAmendmentStatus(db: Queryable, id: string, status: AmendmentStatus): Promise<void> {
  await db.query(SQL.setStatus, [id, status]);
}

export async function setAmendmentHidden(db: Queryable, id: string, reason: string | null): Promise<void> {
  await db.query(SQL.setHidden, [id, reason]);
}

export async function listRankRows(
  db: Queryable,
  billId: string,
  filter: { articleId?: string | undefined; status?: AmendmentStatus | undefined },
): Promise<RankRow[]> {
  return (await db.query<RankRow>(SQL.rankRows, [billId, filter.articleId ?? null, filter.status ?? null])).rows;
}

/** The clerk who formalises the amendment (null: nobody yet). */
export async function assignClerk(db: Queryable, id: string, clerkId: string | null): Promise<void> {
  await db.query(SQL.assign, [id, clerkId]);
}

export async function markInadmissible(db: Queryable, id: string, ground: InadmissibleGround, reason: string): Promise<void> {
  await db.query(SQL.inadmissible, [id, ground, reason]);
}

/** The formal text becomes the amendment's current text (the revision keeps the citizen's). */
export async function markFormalised(db: Queryable, a: Keyed, alineas: string[]): Promise<void> {
  await db.query(SQL.formalised, [a.id, JSON.stringify(alineas), identityKey(a.article_id, a.kind, alineas)]);
}

export async function listBillAmendments(db: Queryable, billId: string): Promise<AmendmentRow[]> {
  return (await db.query<AmendmentRow>(SQL.ofBill, [billId])).rows;
}

/** The open amendments identical to `a` (by the stored identity key), `a` included if it is open. */
export async function identicalOpen(db: Queryable, a: Pick<AmendmentRow, 'identity_key'>): Promise<Pick<AmendmentRow, 'id' | 'origin' | 'number'>[]> {
  return (await db.query<Pick<AmendmentRow, 'id' | 'origin' | 'number'>>(SQL.identicalOpen, [a.identity_key])).rows;
}

/**
 * Fills identity_key where it is missing (rows older than migration 019, raw SQL seeds) from the
 * one definition, identityKey. Idempotent; run at start-up after the migrations. Returns the
 * number of rows filled.
 */
export async function backfillIdentityKeys(db: Queryable): Promise<number> {
  let filled = 0;
  for (;;) {
    const rows = (await db.query<Pick<AmendmentRow, 'id' | 'article_id' | 'kind' | 'alineas'>>(SQL.unkeyed)).rows;
    if (rows.length === 0) return filled;
    await db.query(SQL.setKeys, [rows.map((r) => r.id), rows.map((r) => identityKey(r.article_id, r.kind, r.alineas))]);
    filled += rows.length;
  }
}

/** The ids of the bill's amendments still awaiting a decision, in text order. */
export async function pendingAmendmentIds(db: Queryable, billId: string): Promise<string[]> {
  return (await db.query<{ id: string }>(SQL.pendingOfBill, [billId])).rows.map((r) => r.id);
}

const SUB = {
  insert: `INSERT INTO amendments (bill_id, article_id, kind, origin, base_version, alineas, rationale, created_by, identity_key, parent_id, parent_revision)
           VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11) RETURNING id`,
  rectify: `UPDATE amendments SET alineas = $2::jsonb, rationale = $3, identity_key = $4, rectification = rectification + 1 WHERE id = $1 RETURNING rectification`,
  rewrite: 'UPDATE amendments SET alineas = $2::jsonb, identity_key = $3 WHERE id = $1',
  openChildren: `SELECT ${COLUMNS} ${FROM} WHERE a.parent_id = $1 AND a.status IN ('submitted', 'formalised') AND a.origin <> 'parliament' ORDER BY a.number FOR UPDATE OF a`,
} as const;

/**
 * The identity key of an amendment's text: a sous-amendement's text is its amendment's text
 * rewritten, so it is only ever identical to another sous-amendement of the same amendment.
 */
export function textKey(a: Pick<AmendmentRow, 'article_id' | 'kind' | 'parent_id'>, alineas: readonly string[]): string {
  return identityKey(a.parent_id === null ? a.article_id : `sub:${a.parent_id}`, a.kind, alineas);
}

/** A sous-amendement tabled on the platform (submitted by the caller). */
export async function insertSubAmendment(
  db: Queryable,
  a: { parent: AmendmentRow; parentRevision: number; origin: AmendmentOrigin; alineas: string[]; rationale: string; createdBy: string },
): Promise<string> {
  const p = a.parent;
  const r = await db.query<{ id: string }>(SUB.insert, [
    p.bill_id, p.article_id, p.kind, a.origin, p.base_version, JSON.stringify(a.alineas), a.rationale, a.createdBy,
    textKey({ article_id: p.article_id, kind: p.kind, parent_id: p.id }, a.alineas), p.id, a.parentRevision,
  ]);
  return r.rows[0]!.id;
}

/** A rectified version replaces the text in place (« rect. », « rect. bis »); returns the new level. */
export async function rectifyAmendmentText(db: Queryable, a: AmendmentRow, alineas: string[], rationale: string): Promise<number> {
  return (await db.query<{ rectification: number }>(SUB.rectify, [a.id, JSON.stringify(alineas), rationale, textKey(a, alineas)])).rows[0]!.rectification;
}

/** An amendment's text rewritten by an adopted sous-amendement. */
export async function rewriteAmendmentText(db: Queryable, a: AmendmentRow, alineas: string[]): Promise<void> {
  await db.query(SUB.rewrite, [a.id, JSON.stringify(alineas), textKey(a, alineas)]);
}

/** The open sous-amendements tabled on the platform to `parentId`, locked, by number. */
export async function openSubAmendments(db: Queryable, parentId: string): Promise<AmendmentRow[]> {
  return (await db.query<AmendmentRow>(SUB.openChildren, [parentId])).rows;
}

const PARLIAMENT = {
  insert: `INSERT INTO amendments (bill_id, article_id, kind, origin, status, number, base_version, alineas, rationale, created_by,
             identity_key, submitted_at, parliament_number, parliament_authors, parliament_group, dispositif, text_computed, parent_id, rectification)
           VALUES ($1, $2, $3, 'parliament', $4, $5, $6, $7::jsonb, $8, $9, $10, now(), $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
  list: `SELECT a.id, a.article_id, a.kind, a.rationale, a.parliament_number, a.rectification, a.dispositif, a.status, a.parent_id
         FROM amendments a WHERE a.bill_id = $1 AND a.origin = 'parliament' FOR UPDATE`,
  rewrite: `UPDATE amendments SET kind = $2, alineas = $3::jsonb, identity_key = $4, dispositif = $5, text_computed = $6,
              parliament_number = COALESCE($7, parliament_number), rectification = COALESCE($8, rectification),
              status = COALESCE($9, status), rationale = COALESCE($10, rationale), parliament_authors = COALESCE($11, parliament_authors),
              parliament_group = CASE WHEN $7::text IS NULL THEN parliament_group ELSE $12 END, article_id = COALESCE($13, article_id),
              base_version = COALESCE($14, base_version)
            WHERE id = $1`,
} as const;

export interface ParliamentInsert {
  billId: string;
  articleId: string;
  kind: AmendmentKind;
  status: AmendmentStatus;
  baseVersion: number;
  /** The article as amended; null when the engine could not apply the dispositif (nothing is guessed). */
  alineas: string[] | null;
  rationale: string;
  createdBy: string;
  label: string;
  authors: string;
  group: string | null;
  dispositif: string;
  /** A sous-amendement: the amendment it amends. */
  parentId?: string | null;
  rectification?: number;
}

/** An amendment imported from a chamber: published at once, numbered in import order, its printed number kept. */
export async function insertParliamentAmendment(db: Queryable, a: ParliamentInsert): Promise<string> {
  const number = await nextAmendmentNumber(db, a.billId, 'parliament');
  // Without a computed text the key is the printed number's, so such amendments never count as identical.
  const key = a.alineas === null ? `parliament:${a.billId}:${a.label}` : identityKey(a.articleId, a.kind, a.alineas);
  const r = await db.query<{ id: string }>(PARLIAMENT.insert, [
    a.billId, a.articleId, a.kind, a.status, number, a.baseVersion, JSON.stringify(a.alineas ?? []), a.rationale, a.createdBy,
    key, a.label, a.authors, a.group, a.dispositif, a.alineas !== null, a.parentId ?? null, a.rectification ?? 0,
  ]);
  return r.rows[0]!.id;
}

export interface ParliamentRow {
  id: string;
  article_id: string;
  kind: AmendmentKind;
  rationale: string;
  parliament_number: string;
  rectification: number;
  dispositif: string | null;
  status: AmendmentStatus;
  parent_id: string | null;
}

/** The bill's parliamentary amendments, locked for the import that reads them. */
export async function listParliamentAmendments(db: Queryable, billId: string): Promise<ParliamentRow[]> {
  return (await db.query<ParliamentRow>(PARLIAMENT.list, [billId])).rows;
}

/**
 * A parliamentary amendment's new text: a rectified version (`rectified` given: its number,
 * level, outcome, exposé, signatories, article) or its dispositif rewritten by an adopted
 * sous-amendement. The earlier text stays in `amendment_revisions`.
 */
export async function rewriteParliamentAmendment(
  db: Queryable,
  id: string,
  text: { articleId: string; kind: AmendmentKind; alineas: string[] | null; dispositif: string; billId: string; label: string },
  rectified?: { rectification: number; status: AmendmentStatus; rationale: string; authors: string; group: string | null; baseVersion: number },
): Promise<void> {
  const key = text.alineas === null ? `parliament:${text.billId}:${text.label}` : identityKey(text.articleId, text.kind, text.alineas);
  await db.query(PARLIAMENT.rewrite, [
    id, text.kind, JSON.stringify(text.alineas ?? []), key, text.dispositif, text.alineas !== null,
    rectified ? text.label : null, rectified?.rectification ?? null, rectified?.status ?? null, rectified?.rationale ?? null,
    rectified?.authors ?? null, rectified?.group ?? null, rectified ? text.articleId : null, rectified?.baseVersion ?? null,
  ]);
}
