import type { Queryable } from '../db/db';

/** SQL for the append-only `amendment_revisions`. */
const SQL = {
  insert: `INSERT INTO amendment_revisions (amendment_id, revision, kind, alineas, rationale, dispositif, author_id, note)
           SELECT $1, COALESCE(max(revision), 0) + 1, $2, $3::jsonb, $4, $5, $6, $7 FROM amendment_revisions WHERE amendment_id = $1
           RETURNING revision`,
  list: `SELECT revision, kind, alineas, rationale, dispositif, author_id, note, created_at
         FROM amendment_revisions WHERE amendment_id = $1 ORDER BY revision`,
  latestFormal: `SELECT DISTINCT ON (amendment_id) amendment_id, dispositif, note FROM amendment_revisions
                 WHERE amendment_id = ANY($1::uuid[]) AND kind = 'formalisation' ORDER BY amendment_id, revision DESC`,
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

export async function listRevisions(db: Queryable, amendmentId: string): Promise<RevisionRow[]> {
  return (await db.query<RevisionRow>(SQL.list, [amendmentId])).rows;
}

/** The dispositif and note of each amendment's latest formalisation (never formalised: absent). */
export async function latestFormalisations(db: Queryable, amendmentIds: readonly string[]): Promise<Map<string, { dispositif: string | null; note: string | null }>> {
  if (amendmentIds.length === 0) return new Map();
  const rows = (await db.query<{ amendment_id: string; dispositif: string | null; note: string | null }>(SQL.latestFormal, [amendmentIds])).rows;
  return new Map(rows.map((r) => [r.amendment_id, { dispositif: r.dispositif, note: r.note }]));
}
