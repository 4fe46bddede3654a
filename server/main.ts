import type { AddressInfo } from 'node:net';
import { createServer } from './http-server';
import { ConfigError, loadConfig } from './config';
import { ensureAdmin } from './commands/ensure-admin';
import { seedDemo } from './commands/seed-demo';
import { migrate } from './db/migrate';
import { openDb, openReadDb } from './db/open';
import { createLogger } from './logger';
import { backfillIdentityKeys } from './sql/amendments';
import { deleteExpiredSessions } from './sql/sessions';
import { DEMO_BILL_FILE, MIGRATIONS_DIR } from './paths';

const REDIS_STARTUP_WAIT_MS = 5_000;

/** Starts Palimpseste: config → database → migrations → bootstrap → HTTP; stops cleanly on SIGTERM. */
async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const db = await openDb(config);
  const ran = await migrate(db, MIGRATIONS_DIR);
  if (ran.length) logger.info({ migrations: ran }, 'migrations applied');
  const keyed = await backfillIdentityKeys(db);
  if (keyed) logger.info({ amendments: keyed }, 'identity keys backfilled');
  const expired = await deleteExpiredSessions(db);
  if (expired) logger.info({ expired }, 'expired sessions removed');
  if (config.admin) logger.info({ email: config.admin.email }, `admin account ${await ensureAdmin(db, config.admin)}`);
  if (config.demo && !config.databaseUrl) {
    const accounts = await seedDemo(db, DEMO_BILL_FILE);
    if (accounts) printDemo(accounts);
  }

  const reads = openReadDb(config, db);
  const { server, close, cluster } = createServer(config, { db, logger, reads });
  // In cluster mode, take traffic once Redis is there (a load balancer's /healthz then says "up");
  // without it after a while, serve this process's clients alone, as when Redis goes away later.
  if (cluster && !(await cluster.bus.connected(REDIS_STARTUP_WAIT_MS))) logger.warn({ waitedMs: REDIS_STARTUP_WAIT_MS }, 'redis not reachable at startup: serving alone until it comes');
  server.listen(config.port, () => {
    const where = (config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `base embarquée ${config.dataDir}`)
      + (config.databaseReadUrl ? ', lectures sur DATABASE_READ_URL' : '') + (config.redisUrl ? `, grappe via Redis (${config.redisPrefix})` : '');
    const port = (server.address() as AddressInfo).port;
    logger.info({ port, startupMs: Date.now() - started }, `Palimpseste écoute sur http://localhost:${port} — ${where}`);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Stop accepting, let in-flight requests finish, then close the database; force after 10 s.
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    close()
      .then(() => (reads === db ? undefined : reads.close()))
      .then(() => db.close())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

function printDemo(accounts: { email: string; password: string; displayName: string; role: string }[]): void {
  const lines = accounts.map((a) => `  ${a.role.padEnd(10)} ${a.email.padEnd(30)} ${a.password}   (${a.displayName})`);
  process.stdout.write(
    `\nMode démo : le projet de loi de démonstration est en consultation. Comptes créés :\n${lines.join('\n')}\n` +
      '(ces mots de passe ne seront plus affichés ; DEMO=0 désactive ce mode)\n\n',
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : String((err as Error)?.stack ?? err)}\n`);
  process.exit(1);
});
