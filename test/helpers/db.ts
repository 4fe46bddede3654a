import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../../server/db/db';
import { migrate } from '../../server/db/migrate';
import { createPgDb } from '../../server/db/pg';
import { MIGRATIONS_DIR } from '../../server/paths';
import { backfillIdentityKeys } from '../../server/sql/amendments';

/** The PostgreSQL server tests run on (CI: the machine's server on 127.0.0.1:5432). */
export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function urlFor(database: string): string {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestDb {
  db: Db;
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file; `drop()` removes it. */
export async function createTestDb(options: { migrate?: boolean } = {}): Promise<TestDb> {
  const name = `palimpseste_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = urlFor(name);
  const db = createPgDb(url, { max: 10 });
  if (options.migrate !== false) {
    await migrate(db, MIGRATIONS_DIR);
    await backfillIdentityKeys(db);
  }
  return {
    db,
    url,
    name,
    async drop() {
      await db.close();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
