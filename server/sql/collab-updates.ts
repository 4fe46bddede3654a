import { mergeUpdates } from 'yjs';
import type { Db, Queryable } from '../db/db';

/** SQL for `collab_updates`: the persisted Yjs updates of live documents. */
const SQL = {
  insert: 'INSERT INTO collab_updates (doc_name, update) VALUES ($1, $2)',
  insertMany: 'INSERT INTO collab_updates (doc_name, update) SELECT * FROM unnest($1::text[], $2::bytea[])',
  load: 'SELECT id, update FROM collab_updates WHERE doc_name = $1 ORDER BY id',
  lock: 'SELECT pg_advisory_xact_lock(hashtext($1))',
  deleteUpTo: 'DELETE FROM collab_updates WHERE doc_name = $1 AND id <= $2',
  maxId: 'SELECT max(id) AS id FROM collab_updates WHERE doc_name = $1',
  exists: 'SELECT 1 FROM collab_updates WHERE doc_name = $1 LIMIT 1',
} as const;

export async function appendUpdate(db: Queryable, docName: string, update: Uint8Array): Promise<void> {
  await db.query(SQL.insert, [docName, Buffer.from(update)]);
}

/** Several documents' rows in one statement (one round trip, one commit), in the order given. */
export async function appendUpdates(db: Queryable, rows: readonly { docName: string; update: Uint8Array }[]): Promise<void> {
  if (rows.length === 1) return appendUpdate(db, rows[0]!.docName, rows[0]!.update);
  await db.query(SQL.insertMany, [rows.map((r) => r.docName), rows.map((r) => Buffer.from(r.update))]);
}

export async function loadUpdates(db: Queryable, docName: string): Promise<{ id: number; update: Uint8Array }[]> {
  const rows = (await db.query<{ id: number; update: Uint8Array }>(SQL.load, [docName])).rows;
  return rows.map((r) => ({ id: r.id, update: new Uint8Array(r.update) }));
}

/**
 * Replaces a document's rows by `state` (the full document as the live process holds it), under a
 * per-document advisory lock. With one process, what it holds includes every row. With several
 * (`shared`), another may have appended a row this one has not received yet: the rows deleted are
 * merged into the state written (Yjs merges are idempotent), so that none is lost.
 */
export async function replaceUpdates(db: Db, docName: string, state: Uint8Array, shared = false): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(SQL.lock, [docName]);
    let merged = state;
    let last: number | null | undefined;
    if (shared) {
      // the rows merged are the rows deleted (one appended meanwhile stays)
      const rows = (await tx.query<{ id: number; update: Uint8Array }>(SQL.load, [docName])).rows;
      if (rows.length) merged = mergeUpdates([state, ...rows.map((r) => new Uint8Array(r.update))]);
      last = rows.at(-1)?.id;
    } else {
      last = (await tx.query<{ id: number | null }>(SQL.maxId, [docName])).rows[0]?.id;
    }
    if (last !== null && last !== undefined) await tx.query(SQL.deleteUpTo, [docName, last]);
    await appendUpdate(tx, docName, merged);
  });
}

/** Stores `seed()` as the document's first state unless it already has one (once, under its lock). */
export async function ensureSeeded(db: Db, docName: string, seed: () => Uint8Array): Promise<void> {
  if ((await db.query(SQL.exists, [docName])).rowCount > 0) return;
  await db.transaction(async (tx) => {
    await tx.query(SQL.lock, [docName]);
    if ((await tx.query(SQL.exists, [docName])).rowCount === 0) await appendUpdate(tx, docName, seed());
  });
}
