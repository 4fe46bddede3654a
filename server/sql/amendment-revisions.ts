import type { Queryable } from '../db/db';

/** SQL for the append-only `amendment_revisions`. */
const SQL = {
  insert: `INSERT INTO amendment_revisions (amendment_id, revision, kind, alineas, rationale, dispositif, author_id)
           SELECT $1, COALESCE(max(revision), 0) + 1, $2, $3::jsonb, $4, $5, $6 FROM amendment_revisions WHERE amendment_id = $1
           RETURNING revision`,
  list: `SELECT revision, kind, alineas, rationale, dispositif, author_id, created_at
         FROM amendment_revisions WHERE amendment_id = $1 ORDER BY revision`,
} as const;

export type RevisionKind = 'draft' | 'submission' | 'formalisation';

export interface RevisionRow {
  revision: number;
  kind: RevisionKind;
  alineas: string[];
  rationale: string;
  dispositif: string | null;
  author_id: string | null;
  created_at: Date;
}

/** Appends a revision; callers hold the amendment's row lock, so numbers do not collide. */
export async function appendRevision(
  db: Queryable,
  r: { amendmentId: string; kind: RevisionKind; alineas: string[]; rationale: string; dispositif?: string | null; authorId: string },
): Promise<number> {
  const res = await db.query<{ revision: number }>(SQL.insert, [r.amendmentId, r.kind, JSON.stringify(r.alineas), r.rationale, r.dispositif ?? null, r.authorId]);
  return res.rows[0]!.revision;
}

export async function listRevisions(db: Queryable, amendmentId: string): Promise<RevisionRow[]> {
  return (await db.query<RevisionRow>(SQL.list, [amendmentId])).rows;
}
