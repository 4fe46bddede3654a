/**
 * Draft amendments for bench:collab, in bulk SQL: the rows createAmendment writes (the draft, its
 * authors, its first draft revision, the seeded live document) for many drafts at once.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../server/db/db';
import { backfillIdentityKeys } from '../../server/sql/amendments';
import { seedUpdate } from '../../server/collab/ydoc-text';
import { amendmentDocName } from '../../shared/live-docs';

const WORDS = 'le la les des un une administration donnée publique droit accès document code article disposition présente loi ministre décret conditions établissement enseignement supérieur recherche'.split(' ');

/** A draft's text: `n` alinéas of ~`words` words each (about 7 characters a word). */
export function draftText(n: number, words: number): string[] {
  return Array.from({ length: n }, (_, k) => {
    let s = '';
    for (let i = 0; i < words; i++) s += `${WORDS[(k * 31 + i * 17) % WORDS.length]} `;
    return `${s.trim()}.`;
  });
}

export interface SeededDrafts {
  /** Live document names, same order as the author lists given. */
  docNames: string[];
  /** The one seeded Yjs update every document starts from (clients apply the same bytes). */
  seed: Uint8Array;
}

/**
 * One draft per entry of `authors` (its first author creates it, all of them are its authors) on
 * `articleId` of `billId`, each with its live document seeded from `alineas`.
 */
export async function seedDrafts(db: Db, opts: { billId: string; articleId: string; authors: string[][]; alineas: string[] }): Promise<SeededDrafts> {
  const ids = opts.authors.map(() => randomUUID());
  const seed = seedUpdate(opts.alineas);
  const pairs = opts.authors.flatMap((list, i) => list.map((u) => [ids[i]!, u] as const));
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO amendments (id, bill_id, article_id, kind, status, base_version, alineas, rationale, created_by)
       SELECT x.id, $1, $2, 'modify', 'draft', 1, $3::jsonb, 'Brouillon du banc d''essai collaboratif', x.creator
       FROM unnest($4::uuid[], $5::uuid[]) AS x(id, creator)`,
      [opts.billId, opts.articleId, JSON.stringify(opts.alineas), ids, opts.authors.map((a) => a[0]!)],
    );
    await tx.query(`INSERT INTO amendment_authors (amendment_id, user_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`, [pairs.map((p) => p[0]), pairs.map((p) => p[1])]);
    await tx.query(
      `INSERT INTO amendment_revisions (amendment_id, revision, kind, alineas, rationale, author_id)
       SELECT id, 1, 'draft', alineas, rationale, created_by FROM amendments WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    await tx.query(`INSERT INTO collab_updates (doc_name, update) SELECT 'amendment-' || id, $2 FROM unnest($1::uuid[]) AS x(id)`, [ids, Buffer.from(seed)]);
    await backfillIdentityKeys(tx);
  });
  return { docNames: ids.map(amendmentDocName), seed };
}
