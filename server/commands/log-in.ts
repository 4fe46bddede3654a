import { msg } from '../../shared/i18n';
import type { Db } from '../db/db';
import { AppError } from '../errors';
import { burnVerify, verifyPassword } from '../auth/passwords';
import { findUserByEmailWithHash, type UserRow } from '../sql/users';
import { openSession } from './open-session';

/**
 * Checks credentials and opens a session; the same 401 whether the email or the password is wrong,
 * or the account has no password at all (created through an identity provider: it signs in there).
 */
export async function logIn(db: Db, input: { email: string; password: string }): Promise<{ user: UserRow; token: string }> {
  const found = await findUserByEmailWithHash(db, input.email);
  if (!found?.password_hash) await burnVerify(input.password);
  if (!found?.password_hash || !(await verifyPassword(found.password_hash, input.password))) {
    throw new AppError('unauthenticated', msg('Adresse électronique ou mot de passe incorrect.'));
  }
  const { password_hash: _hash, ...user } = found;
  return { user, token: await openSession(db, user.id) };
}
