import type { Config } from '../config';
import type { Db } from './db';
import { createPgDb } from './pg';

/** The read replica (DATABASE_READ_URL) when set, else the main database itself. */
export function openReadDb(config: Pick<Config, 'databaseReadUrl' | 'databasePoolSize'>, main: Db): Db {
  return config.databaseReadUrl ? createPgDb(config.databaseReadUrl, { max: config.databasePoolSize }) : main;
}

/** A real PostgreSQL when DATABASE_URL is set, else the embedded one in DATA_DIR. */
export function openDb(config: Pick<Config, 'databaseUrl' | 'dataDir' | 'databasePoolSize'>): Promise<Db> {
  return config.databaseUrl ? Promise.resolve(createPgDb(config.databaseUrl, { max: config.databasePoolSize })) : import('./pglite').then((m) => m.createPgliteDb(config.dataDir));
}
