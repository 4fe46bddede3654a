import pg from 'pg';
import type { Db, Queryable, QueryResult, Session } from './db';

// COUNT(*) and bigserial ids come back as int8; our counts stay far below 2^53.
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

// Named statements are parsed and planned once per connection instead of on every call: on the
// vote hot path that is a third of PostgreSQL's work. Names come from the SQL text itself.
const statementNames = new Map<string, string>();
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `s${statementNames.size}`;
    statementNames.set(sql, name);
  }
  return name;
}

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      const r = await client.query({ name: statementName(sql), text: sql, values: params as unknown[] });
      return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 };
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql);
    },
  };
}

async function inTransaction<T>(client: pg.PoolClient, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await fn(wrap(client));
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** A real PostgreSQL server through a connection pool. */
export function createPgDb(connectionString: string, options: { max?: number } = {}): Db {
  // Few connections beat many on a small machine: more only queue on the CPU (measured, 2 cores).
  const pool = new pg.Pool({ connectionString, types, max: options.max ?? 10 });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const base = wrap(pool);
  return {
    kind: 'postgres',
    query: base.query,
    exec: base.exec,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        return await inTransaction(client, fn);
      } finally {
        client.release();
      }
    },
    async withSession(fn) {
      const client = await pool.connect();
      try {
        const session: Session = { ...wrap(client), transaction: (f) => inTransaction(client, f) };
        return await fn(session);
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
