import type { MailDeps } from './account-mail';
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { parseLegisticText } from '../../shared/legistic-text';
import type { Db } from '../db/db';
import { countBills } from '../sql/bills';
import { importBill } from './import-bill';
import { registerAccount } from './register-account';

/** The demo's accounts are vouched for: nothing to send. */
const NO_MAIL: MailDeps['mail'] = { baseUrl: () => '', kick: () => undefined };

export interface DemoAccount {
  email: string;
  password: string;
  displayName: string;
  role: string;
}

const demoPassword = () => randomBytes(12).toString('base64url');

/**
 * Try-out mode: on an empty database, imports the demo bill (in consultation) and creates an
 * admin and two citizens with fresh random passwords, returned so that they can be printed.
 * Returns null when the database already holds bills (nothing is touched).
 */
export async function seedDemo(db: Db, billFile: string): Promise<DemoAccount[] | null> {
  if ((await countBills(db, true)) > 0) return null;
  const parsed = parseLegisticText(fs.readFileSync(billFile, 'utf8'));
  if (!parsed.ok) throw new Error(`Demo bill does not parse: ${JSON.stringify(parsed.issues)}`);
  const accounts: DemoAccount[] = [
    { email: 'admin@demo.palimpseste.fr', password: demoPassword(), displayName: 'Administration (démo)', role: 'admin' },
    { email: 'camille@demo.palimpseste.fr', password: demoPassword(), displayName: 'Camille Martin', role: 'citoyenne' },
    { email: 'yanis@demo.palimpseste.fr', password: demoPassword(), displayName: 'Yanis Bernard', role: 'citoyen' },
  ];
  const ids: string[] = [];
  for (const a of accounts) {
    const { user } = await registerAccount(db, {
      email: a.email, password: a.password, displayName: a.displayName, kind: 'citizen', roles: a.role === 'admin' ? ['admin'] : [], verified: true,
    }, { mail: NO_MAIL });
    ids.push(user.id);
  }
  await importBill(db, { bill: parsed.bill, actorId: ids[0] ?? null, status: 'consultation' });
  return accounts;
}
