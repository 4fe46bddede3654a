import pino from 'pino';
import * as Y from 'yjs';
import { DocRegistry, pgDocStore } from '../../server/collab/registry';
import { readAlineas, seedUpdate, writeAlineas } from '../../server/collab/ydoc-text';
import { appendUpdate, loadUpdates } from '../../server/sql/collab-updates';
import { createTestDb, type TestDb } from '../helpers/db';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.drop();
});

test('past the compaction threshold the rows are replaced by the document state, and nothing is lost', async () => {
  const name = 'amendment-compaction-test';
  await appendUpdate(t.db, name, seedUpdate(['Premier.']));
  const registry = new DocRegistry(pgDocStore(t.db), pino({ level: 'silent' }), { compactEvery: 5, debounceMs: 1, maxWaitMs: 1 });
  const live = await registry.acquire(name);
  for (let i = 1; i <= 12; i++) {
    writeAlineas(live.doc, ['Premier.', `Version ${i}.`], 'test');
    await live.flush();
  }
  registry.release(live);
  await registry.flushAll();
  const rows = await loadUpdates(t.db, name);
  // 13 rows would have been written; compaction keeps only a handful: its threshold is drawn per
  // document in [5, 7.5) (compactEvery 5, jittered), so at most 7 rows stand between two compactions.
  expect(rows.length).toBeLessThanOrEqual(7);
  const reloaded = new Y.Doc();
  for (const r of rows) Y.applyUpdate(reloaded, r.update);
  expect(readAlineas(reloaded)).toEqual(['Premier.', 'Version 12.']);
});
