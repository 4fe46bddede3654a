import type { Config } from '../config';
import type { Db } from './db';
import { createPgDb } from './pg';

/** The read replica (DATABASE_READ_URL) when set, else the main database itself. */
export function openReadDb(config: Pick<Config, 'databaseReadUrl' | 'databasePoolSize'>, main: Db): Db {
  return config.databaseReadUrl ? createPgDb(config.databaseReadUrl, { max: config.databasePoolSize }) : main;
}

/** The embedded database's module (PGlite), loaded only when it is used. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadPglite = () => require('./pglite') as typeof import('./pglite');

/** A real PostgreSQL when DATABASE_URL is set, else the embedded one in DATA_DIR. */
export function openDb(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'databasePoolSize'>): Promise<Db> {
  return config.databaseUrl ? Promise.resolve(createPgDb(config.databaseUrl, { max: config.databasePoolSize })) : loadPglite().createPgliteDb(config.dataDir);
}
