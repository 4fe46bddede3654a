import fs from 'node:fs';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { Db, Queryable, QueryResult } from './db';

function wrap(q: { query: PGlite['query']; exec: PGlite['exec'] }): Queryable {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      const r = await q.query<R>(sql, params as unknown[]);
      // PGlite reports affectedRows = 0 for a SELECT; pg's rowCount counts the rows returned.
      return { rows: r.rows, rowCount: r.rows.length > 0 ? r.rows.length : (r.affectedRows ?? 0) };
    },
    async exec(sql: string): Promise<void> {
      await q.exec(sql);
    },
  };
}

/**
 * An embedded PostgreSQL (PGlite, WebAssembly) whose files live in `dataDir`, so that the app runs
 * on a fresh machine with nothing installed and keeps its data across restarts. One connection:
 * PGlite serialises queries itself, and a transaction holds it exclusively.
 */
export async function createPgliteDb(dataDir: string): Promise<Db> {
  fs.mkdirSync(dataDir, { recursive: true });
  const lite = await PGlite.create(dataDir, {
    // Same parsing as the pg adapter: int8 → number.
    parsers: { [pgliteTypes.INT8]: (v: string) => Number(v) },
    // French search folds accents (unaccent) and suggests near amendments (pg_trgm): migration 027;
    // its index holds the filters beside the words (btree_gin): migration 031.
    extensions: { unaccent, pg_trgm, btree_gin },
  });
  const base = wrap(lite);
  const db: Db = {
    kind: 'embedded',
    query: base.query,
    exec: base.exec,
    transaction: (fn) => lite.transaction((tx) => fn(wrap(tx))),
    withSession: (fn) => fn({ ...base, transaction: db.transaction }),
    close: () => lite.close(),
  };
  return db;
}
