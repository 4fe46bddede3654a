import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './db';

/** Arbitrary but fixed: every Palimpseste process takes this advisory lock to migrate. */
const MIGRATION_LOCK_KEY = 7_315_001;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Reads `NNN_name.sql` files in version order; refuses gaps and duplicates. */
export function readMigrations(dir: string): Migration[] {
  const files = fs.readdirSync(dir).filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f));
  const migrations = files
    .map((file) => ({ version: Number(file.slice(0, 3)), name: file, sql: fs.readFileSync(path.join(dir, file), 'utf8') }))
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migrations: ${m.name} should be number ${i + 1}`);
  });
  return migrations;
}

/**
 * Applies the migrations not yet applied, each in its own transaction, under an advisory lock so
 * that two processes starting together apply each migration exactly once.
 */
export async function migrate(db: Db, dir: string): Promise<string[]> {
  const migrations = readMigrations(dir);
  return db.withSession(async (session) => {
    await session.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await session.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const done = await session.query<{ version: number }>('SELECT version FROM schema_migrations');
      const applied = new Set(done.rows.map((r) => r.version));
      const ran: string[] = [];
      for (const m of migrations.filter((x) => !applied.has(x.version))) {
        await session.transaction(async (tx) => {
          await tx.exec(m.sql);
          await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        });
        ran.push(m.name);
      }
      return ran;
    } finally {
      await session.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  });
}
