/**
 * A fresh, migrated PostgreSQL database for one bench run (on the same server the tests use),
 * dropped at the end. The bench seeds it through its own small pool; the server under test
 * opens its own pool from DATABASE_URL.
 */
import { countPostgresOf } from './cpu';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../../server/db/db';
import { migrate } from '../../server/db/migrate';
import { createPgDb } from '../../server/db/pg';
import { MIGRATIONS_DIR } from '../../server/paths';

export const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDb {
  name: string;
  url: string;
  /** The bench's own pool (seeding and checks). */
  db: Db;
  drop(): Promise<void>;
}

function urlFor(database: string): string {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function adminQuery<R extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export async function createBenchDb(label: string): Promise<BenchDb> {
  const name = `palimpseste_bench_${label}_${process.pid}_${randomBytes(3).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = urlFor(name);
  countPostgresOf(name);
  const db = createPgDb(url, { max: 4 });
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await db.close().catch(() => undefined);
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
  try {
    await migrate(db, MIGRATIONS_DIR);
  } catch (err) {
    await drop();
    throw err;
  }
  return { name, url, db, drop };
}

/** Server version and the settings that matter for write throughput. */
export async function pgDescription(db: Db): Promise<string> {
  const rows = (
    await db.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings WHERE name IN ('server_version', 'synchronous_commit', 'fsync', 'shared_buffers', 'max_connections') ORDER BY name`,
    )
  ).rows;
  const s = Object.fromEntries(rows.map((r) => [r.name, r.setting]));
  return `PostgreSQL ${s.server_version} (synchronous_commit=${s.synchronous_commit}, fsync=${s.fsync}, shared_buffers=${Number(s.shared_buffers) * 8 / 1024} MB, max_connections=${s.max_connections})`;
}

/**
 * Waits until the server has finished the requests still in flight when the load generator
 * stopped (they complete after it closes its sockets): no other active backend on this database,
 * and `probe` unchanged, for three samples in a row.
 */
export async function waitForIdle(db: Db, probe: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  let stable = 0;
  while (stable < 3) {
    if (Date.now() > deadline) throw new Error('the database did not become idle');
    await new Promise((r) => setTimeout(r, 200));
    const active = (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state <> 'idle' AND pid <> pg_backend_pid()`,
      )
    ).rows[0]!.n;
    const value = JSON.stringify((await db.query(probe)).rows);
    stable = active === 0 && value === last ? stable + 1 : 0;
    last = value;
  }
}
