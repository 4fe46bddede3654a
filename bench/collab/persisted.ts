/** What our server persisted: the markers found in each document's stored Yjs updates. */
import * as Y from 'yjs';
import type { Db } from '../../server/db/db';
import { loadUpdates } from '../../server/sql/collab-updates';
import { PAYLOAD_RE } from './messages';

/** Distinct writer markers in the stored state of each document (all its rows applied in order). */
export async function persistedMarkers(db: Db, docNames: string[]): Promise<number> {
  let found = 0;
  for (const name of docNames) {
    const doc = new Y.Doc();
    const rows = await loadUpdates(db, name);
    doc.transact(() => {
      for (const r of rows) Y.applyUpdate(doc, r.update);
    });
    const seen = new Set<string>();
    for (const alinea of doc.getXmlFragment('prosemirror').toArray()) {
      for (const t of (alinea as Y.XmlElement).toArray()) for (const m of (t as Y.XmlText).toString().matchAll(PAYLOAD_RE)) seen.add(`${m[1]}#${m[2]}`);
    }
    found += seen.size;
    doc.destroy();
  }
  return found;
}

/** Rows inserted into collab_updates so far (PostgreSQL's statistics; they lag by up to a second). */
export async function collabRowsInserted(db: Db): Promise<number> {
  const r = await db.query<{ n: number }>(`SELECT COALESCE(n_tup_ins, 0)::int AS n FROM pg_stat_user_tables WHERE relname = 'collab_updates'`);
  return r.rows[0]?.n ?? 0;
}
