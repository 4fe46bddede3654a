import type { Db } from '../db/db';
import { passwordProblem } from '../auth/password-strength';
import { hashPassword } from '../auth/passwords';
import { ConfigError } from '../config';
import { findUserByEmailWithHash, insertUser, markEmailVerified, updateUserPassword, updateUserRoles } from '../sql/users';

/** The name the configured admin account signs with (not « Administration », the console's own link). */
const ADMIN_NAME = 'Équipe de la plateforme';

/**
 * ADMIN_EMAIL/ADMIN_PASSWORD bootstrap: after start-up an admin with these credentials exists.
 * An existing account with that email is given the admin role and that password.
 */
export async function ensureAdmin(db: Db, admin: { email: string; password: string }): Promise<'created' | 'updated'> {
  const problem = passwordProblem(admin.password, { email: admin.email, displayName: ADMIN_NAME });
  if (problem) throw new ConfigError(`Configuration invalide : ADMIN_PASSWORD refusé. ${problem.message}`);
  const existing = await findUserByEmailWithHash(db, admin.email);
  const passwordHash = await hashPassword(admin.password);
  if (!existing) {
    // the operator's own address: confirmed by configuration
    const user = await insertUser(db, { email: admin.email, passwordHash, displayName: ADMIN_NAME, kind: 'citizen', roles: ['admin'] });
    await markEmailVerified(db, user.id, user.email);
    return 'created';
  }
  await db.transaction(async (tx) => {
    await updateUserPassword(tx, existing.id, passwordHash);
    if (!existing.roles.includes('admin')) await updateUserRoles(tx, existing.id, [...existing.roles, 'admin']);
  });
  return 'updated';
}
