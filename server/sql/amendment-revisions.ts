import type { Queryable } from '../db/db';

/** SQL for the append-only `amendment_revisions`. */
const SQL = {
  insert: `INSERT INTO amendment_revisions (amendment_id, revision, kind, alineas, rationale, dispositif, author_id, note)
           SELECT $1, COALESCE(max(revision), 0) + 1, $2, $3::jsonb, $4, $5, $6, $7 FROM amendment_revisions WHERE amendment_id = $1
           RETURNING revision`,
  list: `SELECT revision, kind, alineas, rationale, dispositif, author_id, note, created_at
         FROM amendment_revisions WHERE amendment_id = $1 ORDER BY revision`,
  // a later rectification or rewrite by a sous-amendement makes the formal text obsolete
  latestFormal: `SELECT amendment_id, dispositif, note FROM (
                   SELECT DISTINCT ON (amendment_id) amendment_id, kind, dispositif, note FROM amendment_revisions
                   WHERE amendment_id = ANY($1::uuid[]) AND kind IN ('formalisation', 'rectification', 'sub_amendment')
                   ORDER BY amendment_id, revision DESC) r WHERE r.kind = 'formalisation'`,
  one: `SELECT revision, kind, alineas, rationale, dispositif, author_id, note, created_at
        FROM amendment_revisions WHERE amendment_id = $1 AND revision = $2`,
  subDispositifs: `SELECT DISTINCT ON (amendment_id) amendment_id, dispositif FROM amendment_revisions
                   WHERE amendment_id = ANY($1::uuid[]) AND kind IN ('submission', 'rectification') AND dispositif IS NOT NULL
                   ORDER BY amendment_id, revision DESC`,
  latest: 'SELECT max(revision) AS revision FROM amendment_revisions WHERE amendment_id = $1',
} as const;

/** 'rectification': a rectified version (« rect. »); 'sub_amendment': the text rewritten by an adopted sous-amendement (migration 023). */
export type RevisionKind = 'draft' | 'submission' | 'formalisation' | 'rectification' | 'sub_amendment';

export interface RevisionRow {
  revision: number;
  kind: RevisionKind;
  alineas: string[];
  rationale: string;
  dispositif: string | null;
  author_id: string | null;
  /** The clerk's note to the authors (formalisations). */
  note: string | null;
  created_at: Date;
}

/** Appends a revision; callers hold the amendment's row lock, so numbers do not collide. */
export async function appendRevision(
  db: Queryable,
  r: { amendmentId: string; kind: RevisionKind; alineas: string[]; rationale: string; dispositif?: string | null; authorId: string; note?: string | null },
): Promise<number> {
  const res = await db.query<{ revision: number }>(SQL.insert, [r.amendmentId, r.kind, JSON.stringify(r.alineas), r.rationale, r.dispositif ?? null, r.authorId, r.note ?? null]);
  return res.rows[0]!.revision;
}

export async function findRevision(db: Queryable, amendmentId: string, revision: number): Promise<RevisionRow | undefined> {
  return (await db.query<RevisionRow>(SQL.one, [amendmentId, revision])).rows[0];
}

/** The latest revision's number (the one a sous-amendement is written against). */
export async function latestRevisionNumber(db: Queryable, amendmentId: string): Promise<number | null> {
  return (await db.query<{ revision: number | null }>(SQL.latest, [amendmentId])).rows[0]?.revision ?? null;
}

export async function listRevisions(db: Queryable, amendmentId: string): Promise<RevisionRow[]> {
  return (await db.query<RevisionRow>(SQL.list, [amendmentId])).rows;
}

/** The dispositif and note of each amendment's latest formalisation (never formalised: absent). */
export async function latestFormalisations(db: Queryable, amendmentIds: readonly string[]): Promise<Map<string, { dispositif: string | null; note: string | null }>> {
  if (amendmentIds.length === 0) return new Map();
  const rows = (await db.query<{ amendment_id: string; dispositif: string | null; note: string | null }>(SQL.latestFormal, [amendmentIds])).rows;
  return new Map(rows.map((r) => [r.amendment_id, { dispositif: r.dispositif, note: r.note }]));
}

/** The dispositif of each sous-amendement tabled here (« Amendement n° 12 ⏎ … »), from its deposit or last rectification. */
export async function subAmendmentDispositifs(db: Queryable, amendmentIds: readonly string[]): Promise<Map<string, string>> {
  if (amendmentIds.length === 0) return new Map();
  const rows = (await db.query<{ amendment_id: string; dispositif: string }>(SQL.subDispositifs, [amendmentIds])).rows;
  return new Map(rows.map((r) => [r.amendment_id, r.dispositif]));
}
