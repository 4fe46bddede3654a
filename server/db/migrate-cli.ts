import { loadConfig } from '../config';
import { MIGRATIONS_DIR } from '../paths';
import { backfillIdentityKeys } from '../sql/amendments';
import { migrate } from './migrate';
import { openDb } from './open';

/** `npm run migrate`: applies pending migrations, then exits. */
async function run(): Promise<void> {
  const db = await openDb(loadConfig());
  try {
    const ran = await migrate(db, MIGRATIONS_DIR);
    await backfillIdentityKeys(db);
    process.stdout.write(ran.length ? `Migrations appliquées : ${ran.join(', ')}\n` : 'Base à jour.\n');
  } finally {
    await db.close();
  }
}

run().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
