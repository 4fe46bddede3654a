import type { Db, Queryable } from '../db/db';

/** SQL for `collab_updates`: the persisted Yjs updates of live documents. */
const SQL = {
  insert: 'INSERT INTO collab_updates (doc_name, update) VALUES ($1, $2)',
  load: 'SELECT id, update FROM collab_updates WHERE doc_name = $1 ORDER BY id',
  count: 'SELECT count(*)::int AS n FROM collab_updates WHERE doc_name = $1',
  lock: 'SELECT pg_advisory_xact_lock(hashtext($1))',
  deleteUpTo: 'DELETE FROM collab_updates WHERE doc_name = $1 AND id <= $2',
} as const;

export async function appendUpdate(db: Queryable, docName: string, update: Uint8Array): Promise<void> {
  await db.query(SQL.insert, [docName, Buffer.from(update)]);
}

export async function loadUpdates(db: Queryable, docName: string): Promise<{ id: number; update: Uint8Array }[]> {
  const rows = (await db.query<{ id: number; update: Uint8Array }>(SQL.load, [docName])).rows;
  return rows.map((r) => ({ id: r.id, update: new Uint8Array(r.update) }));
}

export async function countUpdates(db: Queryable, docName: string): Promise<number> {
  return (await db.query<{ n: number }>(SQL.count, [docName])).rows[0]!.n;
}

/**
 * Replaces a document's rows by one merged update, under a per-document advisory lock so that two
 * processes never compact the same document at once; rows appended meanwhile are kept.
 */
export async function compactUpdates(db: Db, docName: string, merge: (updates: Uint8Array[]) => Uint8Array): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query(SQL.lock, [docName]);
    const rows = await loadUpdates(tx, docName);
    if (rows.length < 2) return rows.length;
    await tx.query(SQL.deleteUpTo, [docName, rows[rows.length - 1]!.id]);
    await appendUpdate(tx, docName, merge(rows.map((r) => r.update)));
    return rows.length;
  });
}
