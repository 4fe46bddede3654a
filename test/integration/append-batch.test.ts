import * as Y from 'yjs';
import type { Queryable } from '../../server/db/db';
import { AppendBatch } from '../../server/collab/append-batch';
import { readAlineas, seedUpdate } from '../../server/collab/ydoc-text';
import { loadUpdates } from '../../server/sql/collab-updates';
import { createTestDb, type TestDb } from '../helpers/db';

/**
 * The rows of live documents go to PostgreSQL in one statement per window (server/collab/append-batch.ts),
 * on the real database: what each document appended is stored, in order, and a row PostgreSQL
 * refuses fails its own document only.
 */
let t: TestDb;
/** The statements the batch sent (the real database answers them). */
let statements: string[];
let db: Queryable;
beforeAll(async () => {
  t = await createTestDb();
  db = {
    query: (sql, params) => {
      if (/^\s*INSERT INTO collab_updates/i.test(sql)) statements.push(sql);
      return t.db.query(sql, params);
    },
    exec: (sql) => t.db.exec(sql),
  };
});
beforeEach(() => (statements = []));
afterAll(async () => {
  await t.drop();
});

const text = (rows: { update: Uint8Array }[]) => {
  const doc = new Y.Doc();
  for (const r of rows) Y.applyUpdate(doc, r.update);
  return readAlineas(doc);
};

test('documents that append within one window share one statement; each document keeps its rows in order', async () => {
  const batch = new AppendBatch(db, 100);
  const started = Date.now();
  await Promise.all(['a', 'b', 'c'].map((d) => batch.append(`amendment-batch-${d}`, seedUpdate([`Texte ${d}.`]))));
  // aligned on the clock: written at the next multiple of 100 ms, never later
  expect(Date.now() - started).toBeLessThan(100 + 50);
  expect(statements).toHaveLength(1);
  for (const d of ['a', 'b', 'c']) expect(text(await loadUpdates(t.db, `amendment-batch-${d}`))).toEqual([`Texte ${d}.`]);

  // the next window: a second row for "a" goes after its first
  const doc = new Y.Doc();
  for (const r of await loadUpdates(t.db, 'amendment-batch-a')) Y.applyUpdate(doc, r.update);
  const before = Y.encodeStateVector(doc);
  doc.getXmlFragment('prosemirror').delete(0, 1);
  await batch.append('amendment-batch-a', Y.encodeStateAsUpdate(doc, before));
  const rows = await loadUpdates(t.db, 'amendment-batch-a');
  expect(rows).toHaveLength(2);
  expect(text(rows)).toEqual([]);
  expect(statements).toHaveLength(2);
});

test('a row PostgreSQL refuses fails its own document only: the others of its statement are stored', async () => {
  const batch = new AppendBatch(db, 100);
  // a NUL in a text column is refused by PostgreSQL (invalid byte sequence)
  const results = await Promise.allSettled(['ok-1', 'nul\u0000', 'ok-2'].map((d) => batch.append(`amendment-refused-${d}`, seedUpdate(['Alinéa.']))));
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  // the statement of three, then each row alone
  expect(statements).toHaveLength(4);
  expect(text(await loadUpdates(t.db, 'amendment-refused-ok-1'))).toEqual(['Alinéa.']);
  expect(text(await loadUpdates(t.db, 'amendment-refused-ok-2'))).toEqual(['Alinéa.']);
  expect((await t.db.query("SELECT count(*)::int AS n FROM collab_updates WHERE doc_name LIKE 'amendment-refused-nul%'")).rows[0]).toEqual({ n: 0 });
});
